"""Window sizes that fit the screen: the size a window would like, capped to the room there is.

A 1366x768 laptop, or a 1920x1080 screen at 150% (1280x720 to Qt), has less room than the
sizes windows were drawn for; a window larger than its screen hides its buttons off the edge.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

#: Room kept for the title bar and frame the system draws around a window's geometry.
FRAME = QSize(16, 40)


def available_room(widget: QWidget) -> QRect:
    """The available geometry of the screen ``widget`` opens on (its parent's, before shown)."""
    anchor = widget.parentWidget() or widget
    screen = anchor.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry()


def fitting_size(widget: QWidget, width: int, height: int) -> QSize:
    """``width`` x ``height``, made smaller where the screen has less room (frame included)."""
    room = available_room(widget).size() - FRAME
    return QSize(min(width, room.width()), min(height, room.height()))


def resize_to_fit(widget: QWidget, width: int, height: int) -> None:
    """Resize ``widget`` to ``width`` x ``height``, or less if its screen has less room."""
    widget.resize(fitting_size(widget, width, height))

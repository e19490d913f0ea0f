"""A scroll area for a form or a card: it scrolls up and down, never sideways.

A form's fields and buttons need their width; squeezed by a splitter or a small screen, a plain
QScrollArea scrolls sideways and hides what lies right (Save changes, an outcome button). This
one asks for its content's minimum width, so the splitter or window gives it that room, and
asks again whenever the content's layout changes (a campaign's outcome buttons, a card).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize, Qt
from PySide6.QtWidgets import QScrollArea, QWidget


class FitWidthScrollArea(QScrollArea):
    """A QScrollArea as wide as its widget needs at least; it scrolls vertically only."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

    def setWidget(self, widget: QWidget) -> None:
        """Hold ``widget`` and follow its layout's changes."""
        super().setWidget(widget)
        widget.installEventFilter(self)
        self.updateGeometry()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.widget() and event.type() == QEvent.Type.LayoutRequest:
            self.updateGeometry()
        return super().eventFilter(watched, event)

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        content = self.widget()
        if content is None:
            return hint
        bar = self.verticalScrollBar().sizeHint().width()
        need = content.minimumSizeHint().width() + bar + 2 * self.frameWidth()
        return QSize(max(hint.width(), need), hint.height())

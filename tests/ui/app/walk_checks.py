"""What the screen walk checks on each window it meets: everything on the screen, nothing cut.

Used by ``screen_walk`` (run under Xvfb) and by the in-process tests: plain functions that
return a list of problems, one line each, empty when all is well.
"""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QListWidget,
    QScrollArea,
    QStyle,
    QStyleOptionViewItem,
    QWidget,
)

#: The narrowest screen a desk has, in device-independent pixels (1920 wide at 150%).
DESK_WIDTH = 1280


def _name(widget: QWidget) -> str:
    text = widget.text() if isinstance(widget, QAbstractButton) else ""
    label = text.replace("&", "") or widget.objectName() or widget.toolTip()
    return f"{type(widget).__name__} {label!r}"


def _global(widget: QWidget, rect: QRect | None = None) -> QRect:
    rect = widget.rect() if rect is None else rect
    return QRect(widget.mapToGlobal(rect.topLeft()), rect.size())


def _in_scroll_viewport(widget: QWidget) -> bool:
    parent = widget.parentWidget()
    return isinstance(parent, QAbstractScrollArea) and parent.viewport() is widget


def shown_rect(widget: QWidget) -> tuple[QRect, bool]:
    """The part of ``widget`` its ancestors let show, in global pixels, and whether it scrolls.

    Ancestors clip their children; a scroll area's viewport clips too, but what it hides can be
    scrolled to, so the clipping stops there and the viewport's own shown part is returned.
    """
    shown = _global(widget)
    ancestor = widget.parentWidget()
    child: QWidget = widget
    while ancestor is not None and not child.isWindow():
        if child is not widget and _in_scroll_viewport(child):
            return shown_rect(child)[0], True
        shown = shown.intersected(_global(ancestor))
        child, ancestor = ancestor, ancestor.parentWidget()
    return shown, False


def window_problems(window: QWidget) -> list[str]:
    """What of ``window`` (a top-level window) lies off its screen or is cut by its parent.

    Checks the window's frame against the screen's available geometry and every visible button
    in it: the whole button shows (unless a scroll area holds it) and lies on the screen.
    """
    screen = window.screen().availableGeometry()
    problems = []
    frame = window.frameGeometry()
    if not screen.contains(frame):
        problems.append(
            f"the window {_rect_text(frame)} is not inside the screen {_rect_text(screen)}"
        )
    minimum = window.minimumSizeHint().expandedTo(window.minimumSize())
    if minimum.width() > screen.width() or minimum.height() > screen.height():
        problems.append(
            f"the window needs at least {minimum.width()}x{minimum.height()}, "
            f"the screen offers {screen.width()}x{screen.height()}"
        )
    # On a desk's screen (1366 wide, or 1920 at 150%: 1280) a form or card never scrolls
    # sideways, hiding what lies right of it; a narrower one (1024) may make it.
    for area in window.findChildren(QScrollArea) if screen.width() >= DESK_WIDTH else []:
        if area.isVisible() and area.window() is window and area.horizontalScrollBar().isVisible():
            problems.append(f"{_name(area)} scrolls sideways: what lies right of it is hidden")
    for button in window.findChildren(QAbstractButton):
        if not button.isVisible() or button.window() is not window:
            continue
        shown, scrolls = shown_rect(button)
        if not scrolls and shown != _global(button):
            problems.append(
                f"{_name(button)} is cut: {_rect_text(shown)} of "
                f"{_rect_text(_global(button))} shows"
            )
        if not screen.contains(shown):
            problems.append(
                f"{_name(button)} at {_rect_text(shown)} is off the screen {_rect_text(screen)}"
            )
    return problems


def navigation_problems(navigation: QListWidget) -> list[str]:
    """The sidebar rows whose label is cut (does not fit the room its row gives the text)."""
    problems = []
    style = navigation.style()
    metrics = navigation.fontMetrics()
    margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, navigation) + 1
    for row in range(navigation.count()):
        index = navigation.model().index(row, 0)
        option = QStyleOptionViewItem()
        navigation.initViewItemOption(option)
        navigation.itemDelegate().initStyleOption(option, index)  # type: ignore[attr-defined]
        option.rect = navigation.visualRect(index)
        text_rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, option, navigation)
        needed = metrics.horizontalAdvance(option.text) + 2 * margin
        visible = text_rect.intersected(navigation.viewport().rect())
        if needed > visible.width():
            problems.append(
                f"the sidebar label {option.text!r} needs {needed} px, "
                f"its row gives it {visible.width()} px"
            )
    return problems


def _rect_text(rect: QRect) -> str:
    return f"{rect.width()}x{rect.height()}+{rect.x()}+{rect.y()}"

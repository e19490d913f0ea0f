"""The app's style: Fusion with edges that show on a dark palette, and the style sheet."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QTimer
from PySide6.QtGui import QColor, QPainter, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QProxyStyle,
    QStyle,
    QStyleOption,
    QStyleOptionComplex,
    QWidget,
)

from member_reach.assets import asset
from member_reach.ui.core.icons import is_dark

_P = QStyle.PrimitiveElement
#: What Fusion outlines in a shade of the window colour: on a dark window that shade is
#: nearly black on dark grey, and field borders and check boxes vanish.
_OUTLINED = {
    _P.PE_FrameLineEdit: 2.0,
    _P.PE_Frame: 0.0,
    _P.PE_IndicatorCheckBox: 2.0,
    _P.PE_IndicatorRadioButton: -1.0,  # a circle
}
_STYLE_SET = "memberReachEdgeStyle"
#: How far an edge on a dark palette goes from the window colour toward the text colour.
EDGE_SHARE = 0.45


def style_sheet() -> str:
    """Return the text of the app's style sheet."""
    return asset("style.qss").read_text("utf-8")


def edge_colour(palette: QPalette) -> QColor:
    """A field or check box edge that stands out on ``palette``'s (dark) window: 3:1 or more."""
    window = palette.color(QPalette.ColorRole.Window)
    text = palette.color(QPalette.ColorRole.WindowText)
    parts = [(window.redF(), text.redF()), (window.greenF(), text.greenF())]
    parts.append((window.blueF(), text.blueF()))
    red, green, blue = (w + (t - w) * EDGE_SHARE for w, t in parts)
    return QColor.fromRgbF(red, green, blue)


class EdgeStyle(QProxyStyle):
    """Fusion, with field frames, check boxes and spin boxes outlined on a dark palette.

    On a light palette it draws exactly what Fusion draws.
    """

    def __init__(self) -> None:
        super().__init__("Fusion")

    def drawPrimitive(  # noqa: N802 (Qt's name)
        self,
        element: QStyle.PrimitiveElement,
        option: QStyleOption,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        super().drawPrimitive(element, option, painter, widget)
        radius = _OUTLINED.get(element)
        if radius is None or not is_dark(option.palette):
            return
        if element == _P.PE_FrameLineEdit and option.state & QStyle.StateFlag.State_HasFocus:
            return  # Fusion draws the focused field in the highlight colour
        _outline(painter, option, radius)

    def drawComplexControl(  # noqa: N802 (Qt's name)
        self,
        control: QStyle.ComplexControl,
        option: QStyleOptionComplex,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        super().drawComplexControl(control, option, painter, widget)
        if (
            control == QStyle.ComplexControl.CC_SpinBox
            and getattr(option, "frame", False)
            and is_dark(option.palette)
            and not option.state & QStyle.StateFlag.State_HasFocus
        ):
            _outline(painter, option, 2.0)

    def drawControl(  # noqa: N802 (Qt's name)
        self,
        element: QStyle.ControlElement,
        option: QStyleOption,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        super().drawControl(element, option, painter, widget)
        if element == QStyle.ControlElement.CE_ProgressBarGroove and is_dark(option.palette):
            _outline(painter, option, 2.0)  # the goal bars


def _outline(painter: QPainter, option: QStyleOption, radius: float) -> None:
    rect = QRectF(option.rect).adjusted(0.5, 0.5, -0.5, -0.5)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setPen(edge_colour(option.palette))
    painter.setBrush(QColor(0, 0, 0, 0))
    if radius < 0:
        painter.drawEllipse(rect)
    else:
        painter.drawRoundedRect(rect, radius, radius)
    painter.restore()


def apply_style(app: QApplication) -> None:
    """Give ``app`` member_reach's look: Fusion (with visible edges in the dark) and a few touches.

    Call it again after the palette changes (dark mode switched on): the sheet follows it.

    Applying it again changes nothing: replacing the style under open windows deletes the
    style object their wizards and dialogs still use.
    """
    # app.style() answers the style sheet's wrapper, not EdgeStyle: a property marks it set.
    if not app.property(_STYLE_SET):
        app.setStyle(EdgeStyle())
        app.setProperty(_STYLE_SET, True)
        # Dark mode switched while the app runs: the sheet's edges follow the new palette
        # (once it is in place, hence the zero timer).
        app.styleHints().colorSchemeChanged.connect(
            lambda _scheme: QTimer.singleShot(0, lambda: apply_style(app))
        )
    sheet = style_sheet()
    if is_dark(app.palette()):
        # The sheet's card, table and sidebar edges are drawn in palette(mid), which a dark
        # palette puts a shade away from the window: they take the field edges' colour.
        sheet = sheet.replace("palette(mid)", edge_colour(app.palette()).name())
    if app.styleSheet() != sheet:
        app.setStyleSheet(sheet)

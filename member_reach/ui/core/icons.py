"""The app's one icon set, shipped as SVG in resources/icons.

Line icons drawn alike (24 px grid, one stroke colour); SVG stays sharp on high-DPI screens.
The stroke is chosen when the icon is drawn, from the application's palette: the app's blue on
a light window, a light blue on a dark one (Windows and macOS dark mode), the highlighted text
colour on a selected row. So icons stay visible when the system switches to dark mode.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QByteArray, QPoint, QRect, QSize, Qt
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QIconEngine, QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer

from member_reach.assets import asset

#: The stroke colour every icon file is drawn in (replaced when drawn).
STROKE = "#3d5a80"
#: The stroke on a dark window: the same blue, light enough to read on dark grey.
DARK_STROKE = "#9bb8dc"
NAMES = frozenset(
    {
        "add",
        "calls",
        "campaigns",
        "dashboard",
        "exchange",
        "export",
        "followup",
        "history",
        "import",
        "members",
        "plan",
        "search",
        "settings",
        "undo",
    }
)
# Icon engines made in Python must outlive every QIcon using them (copies clone them).
_ENGINES: list[QIconEngine] = []


def is_dark(palette: QPalette) -> bool:
    """Whether ``palette`` draws light text on a dark window (the systems' dark mode)."""
    return palette.color(QPalette.ColorRole.Window).lightnessF() < 0.5


def stroke_colour(palette: QPalette, mode: QIcon.Mode) -> QColor:
    """The colour an icon's lines are drawn in, on ``palette``, in ``mode``."""
    if mode == QIcon.Mode.Selected:
        return palette.color(QPalette.ColorRole.HighlightedText)
    colour = QColor(DARK_STROKE if is_dark(palette) else STROKE)
    if mode == QIcon.Mode.Disabled:
        colour.setAlphaF(0.4)
    return colour


class _PaletteIconEngine(QIconEngine):
    """Draws one SVG with its stroke in the palette's colour for the mode asked."""

    def __init__(self, svg: str) -> None:
        super().__init__()
        self._svg = svg
        self._drawn: dict[tuple[int, int, float, int, str], QPixmap] = {}
        _ENGINES.append(self)

    def scaledPixmap(  # noqa: N802 (Qt's name)
        self, size: QSize, mode: QIcon.Mode, state: QIcon.State, scale: float
    ) -> QPixmap:
        colour = stroke_colour(QGuiApplication.palette(), mode)
        key = (
            size.width(),
            size.height(),
            scale,
            int(mode.value),
            colour.name(QColor.NameFormat.HexArgb),
        )
        if key not in self._drawn:
            pixels = QSize(round(size.width() * scale), round(size.height() * scale))
            pixmap = QPixmap(pixels)
            pixmap.fill(Qt.GlobalColor.transparent)
            svg = self._svg.replace(STROKE, colour.name()).encode()
            painter = QPainter(pixmap)
            painter.setOpacity(colour.alphaF())
            QSvgRenderer(QByteArray(svg)).render(painter)
            painter.end()
            pixmap.setDevicePixelRatio(scale)
            self._drawn[key] = pixmap
        return self._drawn[key]

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        return self.scaledPixmap(size, mode, state, 1.0)

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        scale = painter.device().devicePixelRatioF() if painter.device() else 1.0
        painter.drawPixmap(
            QPoint(rect.topLeft()), self.scaledPixmap(rect.size(), mode, state, scale)
        )

    def actualSize(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QSize:  # noqa: N802
        side = min(size.width(), size.height())
        return QSize(side, side)

    def clone(self) -> QIconEngine:
        return _PaletteIconEngine(self._svg)

    def key(self) -> str:
        return "member_reach.palette_svg"


@cache
def icon(name: str) -> QIcon:
    """The icon called ``name`` (one of :data:`NAMES`), drawn in the palette's colours.

    Raises:
        KeyError: there is no such icon.
    """
    if name not in NAMES:
        raise KeyError(name)
    return QIcon(_PaletteIconEngine(asset(f"icons/{name}.svg").read_text("utf-8")))

"""The app's one icon set, shipped as SVG in member_reach/resources/icons.

Line icons drawn alike (24 px grid, one stroke colour); SVG stays sharp on high-DPI screens.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtGui import QIcon, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer

#: The stroke colour every icon is drawn in.
STROKE = "#3d5a80"
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
        "search",
        "settings",
        "undo",
    }
)


@cache
def icon(name: str) -> QIcon:
    """The icon called ``name`` (one of :data:`NAMES`).

    Raises:
        KeyError: there is no such icon.
    """
    if name not in NAMES:
        raise KeyError(name)
    path = resources.files("member_reach").joinpath(f"resources/icons/{name}.svg")
    result = QIcon(str(path))
    # On a selected row (white text on the highlight) the icon is drawn white too.
    light = QByteArray(path.read_text("utf-8").replace(STROKE, "#ffffff").encode())
    renderer = QSvgRenderer(light)
    for size in (16, 24, 32, 48, 64):
        pixmap = QPixmap(size, size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        renderer.render(painter)
        painter.end()
        result.addPixmap(pixmap, QIcon.Mode.Selected)
    return result

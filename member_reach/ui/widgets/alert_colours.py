"""The red of what is late, readable on the palette in use (light or dark)."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette

#: The app's red on a light background (the lapsed status, refusals).
LIGHT_ALERT = "#b3261e"
#: The same red lightened for a dark background.
DARK_ALERT = "#f2b8b5"


def is_dark(palette: QPalette) -> bool:
    """Whether text is drawn on a dark background in ``palette``."""
    return palette.color(QPalette.ColorRole.Base).lightness() < 128


def alert_colour(palette: QPalette) -> QColor:
    """The red that marks something overdue, for text drawn in ``palette``."""
    return QColor(DARK_ALERT if is_dark(palette) else LIGHT_ALERT)

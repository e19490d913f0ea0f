"""Dark palettes like the ones Windows and macOS give Qt in dark mode (for tests and shots)."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from member_reach.ui.core.style import apply_style

#: name -> (window, base, button, accent): Windows 11 puts fields on the window's own grey.
DARK = {
    "windows": ("#1e1e1e", "#1e1e1e", "#3c3c3c", "#4cc2ff"),
    "macos": ("#323232", "#1e1e1e", "#505050", "#0a84ff"),
}


def dark_palette(kind: str = "windows") -> QPalette:
    """A dark palette of ``kind`` (see :data:`DARK`)."""
    window, base, button, accent = (QColor(c) for c in DARK[kind])
    white = QColor("#ffffff")
    palette = QPalette()
    roles = {
        QPalette.ColorRole.Window: window,
        QPalette.ColorRole.WindowText: white,
        QPalette.ColorRole.Base: base,
        QPalette.ColorRole.AlternateBase: base.lighter(130),
        QPalette.ColorRole.Text: white,
        QPalette.ColorRole.Button: button,
        QPalette.ColorRole.ButtonText: white,
        QPalette.ColorRole.Light: button.lighter(150),
        QPalette.ColorRole.Midlight: button.lighter(125),
        QPalette.ColorRole.Mid: button.darker(125),
        QPalette.ColorRole.Dark: button.darker(200),
        QPalette.ColorRole.Shadow: QColor("#000000"),
        QPalette.ColorRole.Highlight: accent.darker(150),
        QPalette.ColorRole.HighlightedText: white,
        QPalette.ColorRole.PlaceholderText: QColor("#a0a0a0"),
        QPalette.ColorRole.ToolTipBase: button,
        QPalette.ColorRole.ToolTipText: white,
        QPalette.ColorRole.Link: accent,
        QPalette.ColorRole.BrightText: white,
    }
    for role, colour in roles.items():
        palette.setColor(role, colour)
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor("#808080"))
    return palette


def use_dark_palette(app: QApplication, kind: str = "windows") -> None:
    """Give ``app`` the member_reach style on a dark palette, as in the systems' dark mode."""
    app.setPalette(dark_palette(kind))
    apply_style(app)  # after the palette: the style sheet's edges follow it

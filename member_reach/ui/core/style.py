"""The app's style sheet, shipped in member_reach/resources."""

from __future__ import annotations

from importlib import resources

from PySide6.QtWidgets import QApplication


def style_sheet() -> str:
    """Return the text of the app's style sheet."""
    return resources.files("member_reach").joinpath("resources/style.qss").read_text("utf-8")


def apply_style(app: QApplication) -> None:
    """Give ``app`` member_reach's look: the Fusion style plus a few touches.

    Applying it again changes nothing: replacing the style under open windows deletes the
    style object their wizards and dialogs still use.
    """
    if app.style().name().lower() != "fusion":
        app.setStyle("Fusion")
    sheet = style_sheet()
    if app.styleSheet() != sheet:
        app.setStyleSheet(sheet)

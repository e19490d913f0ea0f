"""Help › User guide: the short illustrated guide to the monthly cycle, shipped with the app.

The guide is one HTML page with its pictures in ``resources/guide``; it opens in a
window of its own (Qt's rich-text browser reads it without a web engine) with a button that
opens the same page in the computer's web browser, for printing or a larger view.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from member_reach.assets import asset

#: The largest size the guide's window opens at, in device-independent pixels.
PREFERRED_SIZE = (820, 760)


def guide_page() -> Path:
    """The guide's HTML page in the app's resources."""
    return asset("guide/index.html")


class UserGuideDialog(QDialog):
    """The user guide in a window that fits the screen, with "Open in browser"."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("member_reach user guide"))
        self.page = guide_page()
        self.browser = QTextBrowser()
        self.browser.setOpenExternalLinks(True)
        self.browser.setSearchPaths([str(self.page.parent)])
        self.browser.setSource(QUrl.fromLocalFile(str(self.page)))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.open_button = buttons.addButton(
            self.tr("Open in &browser"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.open_button.setToolTip(self.tr("The same guide in your web browser, to print it"))
        self.open_button.clicked.connect(self.open_in_browser)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
        self._fit_screen()

    def open_in_browser(self) -> bool:
        """Open the guide in the system's web browser; return whether one took it."""
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.page)))

    def _fit_screen(self) -> None:
        screen = self.screen() or QGuiApplication.primaryScreen()
        width, height = PREFERRED_SIZE
        if screen is not None:
            room = screen.availableGeometry()
            width = min(width, room.width() - 40)
            height = min(height, room.height() - 80)
        self.resize(width, height)

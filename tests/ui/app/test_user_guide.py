"""Help › User guide (issue 15): a short illustrated guide to the monthly cycle, in the app."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from PySide6.QtCore import QObject, QUrl, Slot
from PySide6.QtGui import QDesktopServices, QImage, QKeySequence, QPixmap, QTextDocument

from member_reach.ui.app.user_guide import UserGuideDialog, guide_page

from .test_main_window import menu_action


class _Pictures(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.sources: list[str] = []
        self.missing_alt: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "img":
            values = dict(attrs)
            self.sources.append(values["src"] or "")
            if not (values.get("alt") or "").strip():
                self.missing_alt.append(values["src"] or "")


def test_every_picture_of_the_guide_is_shipped_and_described() -> None:
    pictures = _Pictures()
    pictures.feed(guide_page().read_text("utf-8"))
    assert len(pictures.sources) >= 4  # the cycle and the pages it walks through
    for source in pictures.sources:
        image = QImage(str(guide_page().parent / source))
        assert not image.isNull(), source
        assert image.width() >= 400, source  # a picture one can read, not a thumbnail
    assert pictures.missing_alt == []  # a screen reader says what each picture shows


@pytest.mark.qt_log_ignore("This plugin does not support raise")  # offscreen: no window stack
def test_help_user_guide_opens_beside_the_window_with_f1(qtbot, window_factory, people_db) -> None:
    window = window_factory(people_db)
    action = menu_action(window, "Help", "User guide")
    assert action.shortcut() == QKeySequence(QKeySequence.StandardKey.HelpContents)
    action.trigger()
    guide = window.user_guide
    assert isinstance(guide, UserGuideDialog)
    qtbot.waitUntil(guide.isVisible)
    assert not guide.isModal()  # read while working, not instead of it
    text = guide.browser.toPlainText()
    assert "the monthly cycle" in text
    for step in ("Bring in your roster", "Make the calls", "Watch the goal fill up"):
        assert step in text
    document = guide.browser.document()
    for source in re.findall(r'src="([^"]+)"', guide_page().read_text("utf-8")):
        resource = document.resource(QTextDocument.ResourceType.ImageResource, QUrl(source))
        assert isinstance(resource, QPixmap | QImage) and not resource.isNull(), source
    action.trigger()  # a second time: the same window, raised
    assert window.user_guide is guide
    screen = guide.screen().availableGeometry()
    assert guide.width() <= screen.width() and guide.height() <= screen.height()
    # The pictures fit the window's width: read by scrolling down only.
    assert guide.browser.horizontalScrollBar().maximum() == 0


class _Browser(QObject):
    """Stands in for the system's web browser: Qt's own hook for a scheme's handler."""

    def __init__(self) -> None:
        super().__init__()
        self.opened: list[QUrl] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.opened.append(url)


def test_open_in_browser_hands_the_guide_page_to_the_browser(qtbot) -> None:
    dialog = UserGuideDialog()
    qtbot.addWidget(dialog)
    browser = _Browser()
    QDesktopServices.setUrlHandler("file", browser, "open")
    try:
        dialog.open_button.click()
    finally:
        QDesktopServices.unsetUrlHandler("file")
    assert browser.opened == [QUrl.fromLocalFile(str(guide_page()))]

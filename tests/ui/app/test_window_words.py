"""Every page of the window, on a demo association at work, speaks the user's language: dates in
the system's short format (never ISO), outcome codes, states and reasons by their names (never
``no_answer`` or ``in_grace``)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QLabel,
    QTabBar,
    QWidget,
)
from sqlalchemy import select

from member_reach.services.calls.calls import find_code, log_call
from member_reach.services.campaigns.campaigns import create_renewal_campaign, find_campaign
from member_reach.services.campaigns.renewal_campaign import RenewalOptions
from member_reach.services.common.errors import ServiceError
from member_reach.services.demo.demo import create_demo_database
from member_reach.services.exchange.exchange_import import run_outcomes_import
from member_reach.services.exchange.partner_assignment import export_to_partner
from member_reach.store.database import Database
from member_reach.store.models import CallTask
from member_reach.ui.app.main_window import MainWindow

TODAY = dt.date(2026, 11, 23)
ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
# A date in words beside the short ones ("4 December 2026", "22 Jan 2027"): one format only.
LONG_DATE = re.compile(
    r"\b\d{1,2} (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]* \d{4}\b"
)
CODE = re.compile(r"\b[a-z]+(?:_[a-z]+)+\b")
# File names and paths (a demo's "demo-2026-11-23-093005.sqlite3", a tmp folder) are the
# user's own names, shown as they are; so is the program's name.
_FILES = re.compile(r"\S*[/\\]\S*|\S+\.(?:sqlite3|sqlite|db|xlsx|xls|csv|ods)\b")
_ALLOWED = {"member_reach"}
_ROWS = 40  # table rows read per view


@pytest.fixture
def working_demo(tmp_path: Path) -> Iterator[Database]:
    """The demo association with a renewal campaign whose calls were worked, every outcome."""
    database = create_demo_database(tmp_path / "demo.sqlite3", TODAY)
    with database.session() as s:
        create_renewal_campaign(
            s, TODAY, RenewalOptions(TODAY, TODAY + dt.timedelta(days=60)), name="Winter"
        )
    now = dt.datetime(2026, 11, 23, 15)
    codes = ["no_answer", "wrong_number", "do_not_call", "interested", "callback", "renewed"]
    with database.session() as s:
        campaign = find_campaign(s, "Winter")
        tasks = s.scalars(select(CallTask).where(CallTask.campaign_id == campaign.id)).all()
        for task, code in zip(tasks, codes, strict=False):
            callback = now + dt.timedelta(days=2) if code == "callback" else None
            try:
                log_call(s, campaign, task, find_code(s, campaign, code), now,
                         caller="Sam", notes="Spoke briefly", callback_at=callback)  # fmt: skip
            except ServiceError:
                continue  # an outcome this task cannot take: the others still show
    _exchange(database, tmp_path, now)
    yield database
    database.close()


def _exchange(database: Database, folder: Path, now: dt.datetime) -> None:
    """Export the campaign's calls for a partner, and bring their worked file back."""
    path = folder / "winter.xlsx"
    with database.session() as s:
        export_to_partner(s, find_campaign(s, "Winter"), path, now, "Acme Calls", count=20)
    book = load_workbook(path)
    calls = book["Calls"]
    outcome = [c.value for c in calls[1]].index("Outcome")
    for row, code in zip(calls.iter_rows(min_row=2), ["voicemail", "busy", "renewd"], strict=False):
        row[outcome].value = code
    book.save(path)
    run_outcomes_import(database, path, now + dt.timedelta(hours=2))


def _plain(text: str) -> str:
    if "<" in text:
        document = QTextDocument()
        document.setHtml(text)
        return document.toPlainText()
    return text


def _view_texts(view: QAbstractItemView) -> Iterator[str]:
    model = view.model()
    if model is None:
        return
    for column in range(model.columnCount()):
        yield str(model.headerData(column, Qt.Orientation.Horizontal) or "")
    for row in range(min(model.rowCount(), _ROWS)):
        for column in range(model.columnCount()):
            value = model.data(model.index(row, column, QModelIndex()))
            if value is not None:
                yield str(value)


def visible_texts(root: QWidget) -> Iterator[str]:
    """Every text a person sees in ``root``: labels, buttons, tabs, lists and table cells."""
    window = root.window()
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisibleTo(window):
            continue
        if isinstance(widget, QLabel):
            yield _plain(widget.text())
        elif isinstance(widget, QAbstractButton):
            yield widget.text()
        elif isinstance(widget, QComboBox):
            yield widget.currentText()
        elif isinstance(widget, QGroupBox):
            yield widget.title()
        elif isinstance(widget, QTabBar):
            yield from (widget.tabText(i) for i in range(widget.count()))
        elif isinstance(widget, QAbstractItemView):
            yield from _view_texts(widget)


def raw_words(texts: Iterator[str]) -> set[str]:
    """The ISO dates and raw codes among ``texts`` (file names and paths aside)."""
    found = set()
    for text in texts:
        text = _FILES.sub(" ", text)
        found.update(ISO_DATE.findall(text))
        found.update(LONG_DATE.findall(text))
        found.update(w for w in CODE.findall(text) if w not in _ALLOWED)
    return found


def open_first_rows(page: QWidget, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Open the first row of each list (a double click), as a person looking around would."""
    for view in page.findChildren(QAbstractItemView):
        model = view.model()
        if view.isVisibleTo(page.window()) and model is not None and model.rowCount():
            index = model.index(0, 0)
            view.setCurrentIndex(index)
            centre = view.visualRect(index).center()
            qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=centre)
            qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    for button in page.findChildren(QAbstractButton):  # the console's first call
        if button.text().replace("&", "") == "Next call" and button.isEnabled():
            button.click()
    qtbot.wait(50)


def test_no_page_shows_an_iso_date_or_a_raw_code(
    qtbot, window_factory, working_demo: Database
) -> None:
    window: MainWindow = window_factory(working_demo, now=dt.datetime(2026, 11, 23, 15))
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    found: dict[str, set[str]] = {}
    for key, page in window.pages.items():  # every page the navigation offers
        window.show_page(key)
        qtbot.wait(50)
        open_first_rows(page, qtbot)
        texts = list(visible_texts(page))
        print(key, [t[:80] for t in texts if t][:150])
        words = raw_words(iter(texts))
        if words:
            found[key] = words
    shown = raw_words(visible_texts(window.statusBar()))
    if shown:
        found["status bar"] = shown
    for name, dialog in (
        ("import history", window.show_import_history()),
        ("settings", window.show_settings()),
    ):
        qtbot.waitExposed(dialog)
        if words := raw_words(visible_texts(dialog)):
            found[name] = words
        dialog.close()
    assert found == {}


def test_the_walk_catches_what_it_looks_for() -> None:
    """The patterns find what the window must not show, and leave file names be."""
    assert raw_words(iter(["no_answer · 2026-11-23", "in_grace", "by 4 December 2026"])) == {
        "no_answer",
        "2026-11-23",
        "in_grace",
        "4 December 2026",
    }
    assert (
        raw_words(iter(["demo-2026-11-23-093005.sqlite3", "About member_reach", "11/23/26"]))
        == set()
    )

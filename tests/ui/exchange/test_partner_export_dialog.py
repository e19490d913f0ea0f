"""Export for partner…, filled in as a director would with the keyboard: which calls (and why
some are left out), to whom (remembered), a generated password, the notes of earlier calls; the
file written is opened with the password, and the calls given are with the partner."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QLineEdit, QMessageBox
from sqlalchemy import select

from member_reach.services.calls.calls import find_code, log_call
from member_reach.services.calls.task_assignment import reserve
from member_reach.services.campaigns.campaign_builder import CampaignRequest, create_campaign
from member_reach.services.campaigns.campaigns import find_campaign
from member_reach.sheets.crypto import decrypt
from member_reach.store.database import Database
from member_reach.store.models import CallTask, Person
from member_reach.ui.app import window_settings
from member_reach.ui.app.main_window import MainWindow
from member_reach.ui.campaigns.campaigns_page import CampaignsPage
from member_reach.ui.exchange.exchange_page import ExchangePage
from member_reach.ui.exchange.partner_export_dialog import PartnerExportDialog

NOW = dt.datetime(2026, 11, 23, 15)


@pytest.fixture
def winter(callable_db: Database) -> Database:
    """A renewal campaign of three calls: Jo holds the best one; another was called before."""
    with callable_db.session() as s:
        request = CampaignRequest(
            "renewal", name="Winter", start=dt.date(2026, 12, 1), end=dt.date(2027, 3, 31)
        )
        create_campaign(s, dt.date(2026, 11, 23), request)
        campaign = find_campaign(s, "Winter")
        reserve(s, campaign, "Jo", 1, NOW)
        task = s.scalars(
            select(CallTask).where(CallTask.state == "open").order_by(CallTask.priority.desc())
        ).first()
        assert task is not None
        code = find_code(s, campaign, "voicemail")
        log_call(s, campaign, task, code, NOW - dt.timedelta(days=2), notes="left a message")
    return callable_db


def exchange_page(window: MainWindow) -> ExchangePage:
    window.show_page("exchange")
    page = window.pages["exchange"]
    assert isinstance(page, ExchangePage)
    return page


def open_dialog(qtbot, page: ExchangePage) -> PartnerExportDialog:  # type: ignore[no-untyped-def]
    page.export_button.setFocus()
    qtbot.keyClick(page.export_button, Qt.Key.Key_Space)
    dialog = page.export_dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible, timeout=3000)
    qtbot.waitUntil(lambda: dialog.choice is not None, timeout=3000)
    dialog.activateWindow()  # its mnemonics (Alt+letter) answer once it is the active window
    qtbot.waitUntil(dialog.isActiveWindow, timeout=3000)
    return dialog


def key(
    qtbot, which: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
) -> None:  # type: ignore[no-untyped-def]
    """A key typed where the focus is."""
    focused = QApplication.focusWidget()
    assert focused is not None
    qtbot.keyClick(focused, which, modifier)


def alt(qtbot, letter: Qt.Key) -> None:  # type: ignore[no-untyped-def]
    """Alt+letter: a label's or a button's mnemonic."""
    key(qtbot, letter, Qt.KeyboardModifier.AltModifier)


def with_partner(database: Database) -> dict[str, tuple[str, int | None]]:
    with database.session() as s:
        rows = s.execute(
            select(Person.display_name, CallTask.assignee, CallTask.with_export_id).join(
                Person, Person.id == CallTask.person_id
            )
        )
        return {name: (who, export) for name, who, export in rows}


def test_a_director_exports_for_a_partner_with_the_keyboard(
    qtbot,
    window_factory,
    winter: Database,
    ui_settings: QSettings,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window = window_factory(winter, now=NOW)
    page = exchange_page(window)
    dialog = open_dialog(qtbot, page)
    size = dialog.sizeHint()
    assert size.width() <= 1366 and size.height() <= 700  # fits a 1366×768 screen
    assert dialog.campaign_box.currentText() == "Winter"
    assert dialog.count_spin.value() == dialog.count_spin.maximum() == 2  # all, by default
    assert dialog.left_out.text() == "1 left out: 1 held by callers."
    assert not dialog.export_button.isEnabled()  # no partner, no password yet
    qtbot.keyClicks(dialog.partner_edit, "Acme Calls")
    assert "Give a password" in dialog.problem.text()
    qtbot.keyClick(dialog.count_spin, Qt.Key.Key_Down)  # only the best one
    assert dialog.count_spin.value() == 1
    qtbot.keyClicks(dialog.password_edit, "secret-1")
    qtbot.keyClicks(dialog.confirm_edit, "secret-2")
    assert dialog.problem.text() == "The two passwords differ."
    assert not dialog.export_button.isEnabled()
    alt(qtbot, Qt.Key.Key_G)  # &Generate (a mnemonic clicks after a short animation)
    qtbot.waitUntil(lambda: len(dialog.password_edit.text()) >= 20, timeout=3000)
    password = dialog.password_edit.text()
    assert len(password) >= 20 and password == dialog.confirm_edit.text()
    assert dialog.password_edit.echoMode() == QLineEdit.EchoMode.Normal  # shown, to copy it
    assert dialog.problem.text() == "" and dialog.export_button.isEnabled()
    alt(qtbot, Qt.Key.Key_N)  # the &notes column
    qtbot.waitUntil(dialog.notes_box.isChecked, timeout=3000)
    out = tmp_path / "for acme.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    key(qtbot, Qt.Key.Key_Return)  # Export… is the default button
    qtbot.waitUntil(lambda: dialog.exported is not None, timeout=5000)
    assert dialog.exported is not None and dialog.exported.rows == 1
    assert dialog.result_box is not None and "1 call written to" in dialog.result_box.text()
    assert "with Acme Calls now" in dialog.result_box.text()
    sheet = load_workbook(decrypt(out, password))["Calls"]
    headings = [c.value for c in sheet[1]]
    [row] = list(sheet.iter_rows(min_row=2, values_only=True))
    assert "left a message" in row[headings.index("Previous call notes")]
    given = {k: v for k, v in with_partner(winter).items() if v[0]}
    assert given == {row[2]: ("Acme Calls", dialog.exported.export_id)}
    assert window_settings.read(ui_settings, window_settings.PARTNER_NAME) == "Acme Calls"
    dialog.result_box.close()
    again = open_dialog(qtbot, page)  # the partner is remembered; the call given is left out
    assert again.partner_edit.text() == "Acme Calls"
    assert again.left_out.text() == "2 left out: 1 held by callers, 1 already with a partner."
    assert again.count_spin.value() == 1
    again.reject()


def test_the_campaign_page_shows_the_partner_and_opens_the_dialog(
    qtbot, window_factory, winter: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = window_factory(winter, now=NOW)
    window.show()  # pages hidden behind another read what changed once shown again
    qtbot.waitExposed(window)
    window.show_page("campaigns")
    campaigns = window.pages["campaigns"]
    assert isinstance(campaigns, CampaignsPage)
    qtbot.waitUntil(lambda: campaigns.table.rowCount() == 1, timeout=3000)
    campaigns.table.setCurrentCell(0, 0)
    qtbot.keyClick(campaigns, Qt.Key.Key_Return)
    qtbot.mouseClick(campaigns.export_button, Qt.MouseButton.LeftButton)
    page = exchange_page(window)
    dialog = page.export_dialog
    assert dialog is not None and window.current_page == "exchange"
    qtbot.waitUntil(lambda: dialog.choice is not None, timeout=3000)
    assert dialog.campaign_id() == campaigns.campaign_id
    qtbot.keyClicks(dialog.partner_edit, "Acme Calls")
    dialog.generate()
    out = tmp_path / "acme.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.exported is not None, timeout=5000)
    assert dialog.result_box is not None
    dialog.result_box.close()
    window.show_page("campaigns")
    calls = campaigns.detail.calls.model
    qtbot.waitUntil(
        lambda: (
            sum(
                calls.index(r, 7).data() == "Acme Calls (partner)"  # With whom
                for r in range(calls.rowCount())
            )
            == 2
        ),
        timeout=3000,
    )


def test_the_calls_with_a_partner_are_brought_back_from_the_exchange_page(
    qtbot, window_factory, winter: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = window_factory(winter, now=NOW)
    window.show()  # clicked as a user would: on the window on screen
    qtbot.waitExposed(window)
    page = exchange_page(window)
    dialog = open_dialog(qtbot, page)
    qtbot.keyClicks(dialog.partner_edit, "Acme Calls")
    dialog.generate()
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "acme.xlsx"), "")
    )
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.table.rowCount() == 1, timeout=3000)
    assert sum(1 for who, _ in with_partner(winter).values() if who == "Acme Calls") == 2
    written = QApplication.activeModalWidget()  # the export's message, over the page: closed
    assert isinstance(written, QMessageBox) and "2 calls written to" in written.text()
    written.accept()
    assert not page.back_button.isEnabled()  # no export chosen yet
    page.table.setCurrentCell(0, 0)
    assert page.back_button.isEnabled()
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(QMessageBox, "information", lambda _parent, _title, text: told.append(text))
    qtbot.mouseClick(page.back_button, Qt.MouseButton.LeftButton)
    assert told == ["2 calls came back from Acme Calls."]
    assert set(with_partner(winter).values()) == {("", None)}


def test_a_campaign_not_active_is_not_swapped_for_another(
    qtbot, window_factory, winter: Database
) -> None:
    with winter.session() as s:
        campaign = find_campaign(s, "Winter")
        campaign.status = "closed"
        closed = campaign.id
    page = exchange_page(window_factory(winter, now=NOW))
    dialog = page.export_for_partner(closed)
    qtbot.waitUntil(dialog.isVisible, timeout=3000)
    assert dialog.campaign_id() is None and dialog.choice is None
    assert dialog.problem.text() == "Only an active campaign's calls go to a partner."
    qtbot.keyClicks(dialog.partner_edit, "Acme Calls")
    dialog.generate()
    assert not dialog.export_button.isEnabled()
    dialog.reject()

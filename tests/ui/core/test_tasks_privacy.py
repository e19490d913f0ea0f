"""A database error in a background job: the message and the log name it in one line, never
the members' rows PostgreSQL's DETAIL or a statement's parameters would print."""

from __future__ import annotations

import logging

import pytest
from PySide6.QtWidgets import QMessageBox, QWidget
from sqlalchemy.exc import IntegrityError

from member_reach.store.errors import without_rows
from member_reach.ui.core.tasks import TaskControl, TaskRunner

ROW = "ada@example.org"


def _error() -> IntegrityError:
    orig = Exception(
        'duplicate key value violates unique constraint "uq_email"\n'
        f"DETAIL:  Key (address)=({ROW}) already exists."
    )
    return IntegrityError("INSERT INTO email_address ...", {"address": ROW}, orig)


def test_without_rows_keeps_the_first_line_only() -> None:
    text = without_rows(_error())
    assert ROW not in text and 'violates unique constraint "uq_email"' in text


def test_a_background_job_never_shows_or_logs_a_row(
    qtbot, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _p, _t, text: shown.append(text))

    def broken(control: TaskControl) -> None:
        raise _error()

    with caplog.at_level(logging.ERROR):
        TaskRunner(parent, synchronous=True).run(broken, title="Import")
    assert shown and ROW not in shown[0] and "uq_email" in shown[0]
    assert caplog.records and ROW not in caplog.text and "test_tasks_privacy" in caplog.text

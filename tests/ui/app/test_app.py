from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox

from member_reach import app
from member_reach.services.common.clock import Clock
from member_reach.store.errors import StoreError
from member_reach.store.paths import default_database_path, demo_dir
from member_reach.ui.app.main_window import MainWindow
from member_reach.ui.core.tasks import TaskRunner

NOW = dt.datetime(2026, 11, 23, 9, 30, 5)


def test_settings_live_in_the_config_folder_tests_redirect(qapp) -> None:
    settings = app.make_settings()
    config_home = Path(os.environ["XDG_CONFIG_HOME"])
    assert config_home in Path(settings.fileName()).parents
    assert settings.format() == QSettings.Format.IniFormat
    assert settings.value("settings/version") == 1


def test_first_start_creates_and_migrates_the_default_database() -> None:
    path = default_database_path()
    assert not path.exists()
    assert Path(os.environ["XDG_DATA_HOME"]) in path.parents
    database = app.open_start_database(None)
    try:
        assert database.created
        assert path.exists()
    finally:
        database.close()
    again = app.open_start_database(None)
    try:
        assert not again.created
    finally:
        again.close()


def test_a_named_database_that_does_not_exist_is_not_created(tmp_path: Path) -> None:
    missing = tmp_path / "typo.sqlite3"
    with pytest.raises(StoreError, match="does not exist"):
        app.open_start_database(str(missing))
    assert not missing.exists()


def test_demo_goes_to_a_new_timestamped_file_in_the_demo_folder() -> None:
    path = app.demo_target(None, NOW)
    assert path == demo_dir() / "demo-2026-11-23-093005.sqlite3"
    assert path.parent.is_dir()
    path.touch()
    assert app.demo_target(None, NOW).name == "demo-2026-11-23-093005-2.sqlite3"


def test_demo_target_refuses_existing_files_and_urls(tmp_path: Path) -> None:
    existing = tmp_path / "members.sqlite3"
    existing.write_bytes(b"")
    with pytest.raises(StoreError, match="already exists"):
        app.demo_target(str(existing), NOW)
    with pytest.raises(StoreError, match="not a database URL"):
        app.demo_target("postgresql://office/members", NOW)
    assert app.demo_target(str(tmp_path / "new.sqlite3"), NOW) == tmp_path / "new.sqlite3"


def test_run_gui_reports_a_start_up_error_and_returns_1(
    qapp, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _p, _title, text: shown.append(text))
    not_a_db = tmp_path / "roster.csv"
    not_a_db.write_text("first,last\nAda,Lovelace\n")
    status = app.run_gui(str(not_a_db), today=None, demo=False)
    assert status == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "is not a member_reach database" in err
    assert shown and shown[0] in err


def test_build_main_window_hands_over_settings_database_and_today(
    qtbot, people_db, ui_settings
) -> None:
    today = dt.date(2027, 2, 1)
    window = app.build_main_window(
        ui_settings, people_db, Clock(fixed_today=today), synchronous_tasks=True
    )
    qtbot.addWidget(window)
    assert isinstance(window, MainWindow)
    assert window.workspace.database is people_db
    assert window.workspace.today == today
    window.close()
    assert ui_settings.contains("window/geometry")


def test_demo_job_writes_a_demo_association_with_progress(qtbot, tmp_path: Path) -> None:
    pytest.importorskip("member_reach.services.demo.demo")
    path = tmp_path / "demo.sqlite3"
    runner = TaskRunner(None)
    progress: list[tuple[int, int]] = []
    handle = runner.run(app.demo_job(path, dt.date(2026, 11, 23)), quiet=True)
    handle.progressed.connect(lambda done, total: progress.append((done, total)))
    with qtbot.waitSignal(handle.succeeded, timeout=60_000) as blocker:
        pass
    database = blocker.args[0]
    try:
        assert path.exists()
        assert progress and progress[-1][0] == progress[-1][1]
    finally:
        database.close()
        assert runner.shutdown(5000)


def test_a_cancelled_demo_leaves_no_file(qtbot, tmp_path: Path) -> None:
    pytest.importorskip("member_reach.services.demo.demo")
    path = tmp_path / "demo.sqlite3"
    runner = TaskRunner(None, synchronous=True)
    cancelled: list[bool] = []

    def job(control):  # type: ignore[no-untyped-def]
        control.cancel()  # as if the user pressed Cancel at the first report
        return app.demo_job(path, dt.date(2026, 11, 23))(control)

    runner.run(job, quiet=True, on_cancel=lambda: cancelled.append(True))
    assert cancelled == [True]
    assert not path.exists()

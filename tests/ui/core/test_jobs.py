"""Jobs: the unit of work opened for the work, superseded and stale results dropped, one cancel
that is never an error, and refreshes only for the changes a shown owner follows."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtWidgets import QStackedWidget, QWidget
from sqlalchemy import func, select

from member_reach.domain.jobs import Cancelled
from member_reach.services.common.changes import Change
from member_reach.services.common.clock import Clock
from member_reach.services.common.errors import ServiceError
from member_reach.store.database import Database, open_database
from member_reach.store.models import Person
from member_reach.ui.core.jobs import JobContext, Jobs, is_shown
from member_reach.ui.core.tasks import TaskRunner
from member_reach.ui.core.workspace import Workspace

NOW = dt.datetime(2026, 11, 23, 15, 0)


@pytest.fixture
def workspace(empty_db: Database, qtbot) -> Workspace:  # type: ignore[no-untyped-def]
    return Workspace(empty_db, Clock(fixed_now=NOW))


def people(job: JobContext) -> int:
    return job.session.scalar(select(func.count()).select_from(Person)) or 0


def test_an_op_commits_its_unit_of_work_and_says_what_changed(qtbot, workspace: Workspace) -> None:  # type: ignore[no-untyped-def]
    owner = QWidget()
    qtbot.addWidget(owner)
    jobs = Jobs(workspace, TaskRunner(owner, synchronous=True), owner)
    told: list[Change] = []
    workspace.changed.connect(told.append)
    seen: list[object] = []

    def add(job: JobContext) -> dt.datetime:
        job.session.add(Person(first_name="Ada", last_name="Lovelace", display_name="Ada"))
        return job.clock.now()

    jobs.op(add, seen.append, changes=Change.MEMBERS)
    jobs.query(people, seen.append)
    assert seen == [NOW, 1] and told == [Change.MEMBERS]


def test_a_failed_op_rolls_back_and_tells_no_page(qtbot, workspace: Workspace) -> None:  # type: ignore[no-untyped-def]
    owner = QWidget()
    qtbot.addWidget(owner)
    jobs = Jobs(workspace, TaskRunner(owner, synchronous=True), owner)
    told: list[Change] = []
    workspace.changed.connect(told.append)
    failures: list[str] = []

    def add_then_refuse(job: JobContext) -> None:
        job.session.add(Person(first_name="Ada", last_name="Lovelace", display_name="Ada"))
        job.session.flush()
        raise ServiceError("Ada is on file already: nothing was changed.")

    jobs.op(add_then_refuse, changes=Change.MEMBERS, failed=failures.append)
    counted: list[int] = []
    jobs.query(people, counted.append)
    assert failures == ["Ada is on file already: nothing was changed."]
    assert counted == [0] and told == []


def test_cancelled_is_cancelled_never_a_failure(qtbot, workspace: Workspace) -> None:  # type: ignore[no-untyped-def]
    owner = QWidget()
    qtbot.addWidget(owner)
    jobs = Jobs(workspace, TaskRunner(owner, synchronous=True), owner)
    outcome: list[str] = []

    def stopped(job: JobContext) -> None:
        raise Cancelled

    jobs.op(
        stopped,
        changes=Change.MEMBERS,
        failed=lambda message: outcome.append(f"failed: {message}"),
        cancelled=lambda: outcome.append("cancelled"),
    )
    assert outcome == ["cancelled"]


def test_a_later_query_of_the_same_key_supersedes_an_earlier_one(
    qtbot, workspace: Workspace
) -> None:  # type: ignore[no-untyped-def]
    owner = QWidget()
    qtbot.addWidget(owner)
    jobs = Jobs(workspace, TaskRunner(owner), owner)  # the real worker thread
    shown: list[str] = []
    first = jobs.query(lambda job: "first", shown.append, key="list")
    jobs.query(lambda job: "other key", shown.append, key="card")
    last = jobs.query(lambda job: "second", shown.append, key="list")
    qtbot.waitUntil(lambda: first.done and last.done, timeout=5_000)
    qtbot.waitUntil(lambda: len(shown) == 2, timeout=5_000)
    assert sorted(shown) == ["other key", "second"]
    jobs.runner.shutdown()


def test_a_result_read_before_a_switch_of_database_is_dropped(
    qtbot, workspace: Workspace, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    owner = QWidget()
    qtbot.addWidget(owner)
    runner = TaskRunner(owner)
    jobs = Jobs(workspace, runner, owner)
    shown: list[int] = []
    runner.run(lambda control: workspace.generation)  # keeps the worker busy a moment
    handle = jobs.query(people, shown.append)
    workspace.switch(open_database(tmp_path / "other.sqlite3"))
    qtbot.waitUntil(lambda: handle.done, timeout=5_000)
    assert shown == []  # read from the database the window left: not shown
    jobs.query(people, shown.append)
    qtbot.waitUntil(lambda: shown == [0], timeout=5_000)
    runner.shutdown()
    workspace.close()


def test_a_hidden_owner_reads_once_when_shown_and_only_for_what_it_follows(
    qtbot, workspace: Workspace
) -> None:  # type: ignore[no-untyped-def]
    stack = QStackedWidget()
    qtbot.addWidget(stack)
    shown_page, hidden_page = QWidget(), QWidget()
    stack.addWidget(shown_page)
    stack.addWidget(hidden_page)
    stack.show()
    runner = TaskRunner(stack, synchronous=True)
    reads: dict[str, int] = {"shown": 0, "hidden": 0}
    for name, page in (("shown", shown_page), ("hidden", hidden_page)):
        jobs = Jobs(workspace, runner, page)
        jobs.follow(Change.CALLS, lambda name=name: reads.__setitem__(name, reads[name] + 1))
    assert is_shown(shown_page) and not is_shown(hidden_page)
    workspace.notify(Change.MEMBERS)  # followed by neither
    assert reads == {"shown": 0, "hidden": 0}
    workspace.notify(Change.CALLS)
    workspace.notify(Change.CALLS | Change.MEMBERS)
    assert reads == {"shown": 2, "hidden": 0}
    stack.setCurrentWidget(hidden_page)
    assert reads == {"shown": 2, "hidden": 1}  # two changes while hidden: one read
    stack.setCurrentWidget(shown_page)
    stack.setCurrentWidget(hidden_page)
    assert reads == {"shown": 2, "hidden": 1}  # nothing changed since

"""One way for a page to read and write in the background: ``query`` and ``op``.

Anki's ``QueryOp`` and ``CollectionOp`` in one small helper a page builds for itself::

    self._jobs = Jobs(workspace, runner, self)
    self._jobs.follow(Change.CALLS | Change.CAMPAIGNS, self.reload)
    self._jobs.query(lambda job: active_campaigns(job.session), self._show, key="campaigns")
    self._jobs.op(lambda job: log_call(job.session, ...), self._logged, changes=Change.CALLS)

The work is a plain function of a :class:`JobContext`: the unit of work the runner opened (committed
when the work returns, rolled back when it raises), the database for services that own their
transactions, the clock, and the progress callback (which raises :class:`Cancelled` once the person
cancelled). It never touches widgets. The helper drops a result that a later query of the same key
superseded, or that was read from a database the window has since switched away from; an op tells
the workspace what it changed, and pages read again only for the changes they show, and only when
shown (:meth:`Jobs.follow`).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import Generic, NamedTuple, TypeVar

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QWidget
from sqlalchemy.orm import Session

from member_reach.domain.jobs import Progress
from member_reach.services.common.changes import Change
from member_reach.services.common.clock import Clock
from member_reach.store.database import Database
from member_reach.ui.core.tasks import TaskControl, TaskHandle, TaskRunner
from member_reach.ui.core.workspace import Workspace

T = TypeVar("T")
_tickets = itertools.count(1)


class JobContext(NamedTuple):
    """What a query's or an op's work receives."""

    #: the unit of work opened for this job (committed when the work returns)
    session: Session
    #: the database itself, for services that open their own transactions
    database: Database
    clock: Clock
    #: ``progress(done, total)``; raises Cancelled once the person cancelled
    progress: Progress
    #: ``say(text)``: what the job is doing now, shown in its progress dialog ("": its label)
    say: Callable[[str], None] = lambda _text: None


Work = Callable[[JobContext], T]


def is_shown(widget: QWidget) -> bool:
    """Whether ``widget`` is on screen in its window: no widget up to the window is hidden.

    A page behind another in a stack, or a tab not chosen, is hidden; a window not yet shown
    counts as shown (it reads what it will show when it opens).
    """
    current: QWidget | None = widget
    while current is not None and not current.isWindow():
        if current.isHidden():
            return False
        current = current.parentWidget()
    return True


class _Call(Generic[T]):
    """One submitted job's delivery: dropped if superseded or read from another database."""

    def __init__(self, jobs: Jobs, key: str | None) -> None:
        self._jobs = jobs
        self._key = key
        self._ticket = next(_tickets)
        self._generation = jobs.workspace.generation
        if key is not None:
            jobs.latest[key] = self._ticket

    @property
    def current(self) -> bool:
        """Whether the result still belongs on screen."""
        if self._generation != self._jobs.workspace.generation:
            return False
        return self._key is None or self._jobs.latest.get(self._key) == self._ticket

    def deliver(self, then: Callable[[T], None] | None) -> Callable[[object], None]:
        def delivered(result: object) -> None:
            if self.current and then is not None:
                then(result)  # type: ignore[arg-type]  # the runner's signal carries ``object``

        return delivered

    def when_current(self, then: Callable[[], None] | None) -> Callable[[], None] | None:
        if then is None:
            return None

        def called() -> None:
            if self.current:
                then()

        return called

    def pass_on(self, then: Callable[[str], None] | None) -> Callable[[str], None] | None:
        if then is None:
            return None

        def passed(message: str) -> None:
            if self.current:
                then(message)

        return passed


class Jobs(QObject):
    """A page's background reads (``query``) and writes (``op``), and its refresh on changes.

    Args:
        workspace: the database in use, the clock, and the changes jobs made.
        runner: the one background runner (jobs run one at a time).
        owner: whose results these are; a widget refreshes only when shown (a plain object,
            such as the figures feed the status bar always shows, whenever data change).
    """

    def __init__(self, workspace: Workspace, runner: TaskRunner, owner: QObject) -> None:
        super().__init__(owner)
        self.workspace = workspace
        self.runner = runner
        self._owner = owner
        self.latest: dict[str, int] = {}
        self._handles: dict[str, TaskHandle] = {}
        self._follows: list[tuple[Change, Callable[[], None]]] = []
        self._stale = Change.NONE

    def _job(self, work: Work[T]) -> Callable[[TaskControl], T]:
        database, clock = self.workspace.database, self.workspace.clock

        def job(control: TaskControl) -> T:
            with database.session() as session:
                return work(JobContext(session, database, clock, control.progress, control.say))

        return job

    def query(
        self,
        work: Work[T],
        done: Callable[[T], None],
        *,
        key: str = "",
        failed: Callable[[str], None] | None = None,
        cancelled: Callable[[], None] | None = None,
        title: str = "",
        label: str = "",
    ) -> TaskHandle:
        """Read in the background; ``done(result)`` unless superseded.

        Args:
            work: the read; it must not touch widgets.
            done: called in the GUI thread with the result, if it is still wanted.
            key: a later query with the same key supersedes this one (its result is dropped,
                and it does not start if it has not yet).
            failed: called with the one-line error (by default it is only logged, or shown in
                a message box for a read with a title).
            cancelled: called when the person cancelled (not when a later query superseded).
            title: a long read the person waits for (a preview): a busy cursor, then a
                progress dialog with this title and Cancel; quiet without one.
            label: what the progress dialog says is happening.
        """
        call: _Call[T] = _Call(self, key)
        previous = self._handles.get(key)
        if previous is not None and not previous.done:
            previous.cancel()
        handle = self.runner.run(
            self._job(work),
            on_success=call.deliver(done),
            on_failure=call.pass_on(failed),
            on_cancel=call.when_current(cancelled),
            title=title,
            label=label,
            quiet=not title,
        )
        self._handles[key] = handle
        return handle

    def op(
        self,
        work: Work[T],
        done: Callable[[T], None] | None = None,
        *,
        changes: Change,
        title: str = "",
        label: str = "",
        failed: Callable[[str], None] | None = None,
        cancelled: Callable[[], None] | None = None,
        quiet: bool = False,
    ) -> TaskHandle:
        """Write in the background, then tell every page what changed.

        Args:
            work: the write; its unit of work commits when it returns, rolls back if it raises.
            done: called in the GUI thread with the result, after the pages were told.
            changes: what the op may change; pages showing it read again.
            title: the progress dialog's and error box's title.
            label: what the progress dialog says is happening.
            failed: called with the one-line error (by default a message box shows it).
            cancelled: called when the person cancelled (the runner never shows it as an error).
            quiet: no busy cursor, no progress dialog, no error box.
        """
        call: _Call[T] = _Call(self, None)

        def succeeded(result: T) -> None:
            self.workspace.notify(changes)
            if done is not None:
                done(result)

        return self.runner.run(
            self._job(work),
            on_success=call.deliver(succeeded),
            on_failure=call.pass_on(failed),
            on_cancel=cancelled,
            title=title,
            label=label,
            quiet=quiet,
        )

    def follow(self, changes: Change, reload: Callable[[], None]) -> None:
        """Call ``reload`` after a job changed any of ``changes``.

        Only while the owner is shown; otherwise the owner is marked stale and reads once, when
        next shown (the dashboard's stale-until-shown pattern). A switch to another database is
        not a change: each page starts afresh on ``database_changed`` itself.
        """
        if not self._follows:
            self.workspace.changed.connect(self.refresh)
            self._owner.installEventFilter(self)
        self._follows.append((changes, reload))

    def refresh(self, changes: Change = Change.EVERYTHING) -> None:
        """Run the follows wanting any of ``changes``: now if the owner is shown, else later."""
        if isinstance(self._owner, QWidget) and not is_shown(self._owner):
            self._stale |= changes
            return
        for wanted, reload in self._follows:
            if wanted & changes:
                reload()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        """Read what changed while the owner was hidden, as it is shown."""
        if watched is self._owner and event.type() == QEvent.Type.Show and self._stale:
            stale, self._stale = self._stale, Change.NONE
            self.refresh(stale)
        return False

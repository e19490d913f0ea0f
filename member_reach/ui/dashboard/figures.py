"""Membership figures (members per status, non-member contacts), loaded off the GUI thread.

One :class:`FiguresFeed` loads them when the database changes and hands the same plain
:class:`MemberFigures` to every widget that shows a count: the dashboard, the status bar, the
empty states.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from PySide6.QtCore import QObject, Signal

from member_reach.services.members.members import STATUS_CHOICES, contact_count, status_counts
from member_reach.store.database import Database
from member_reach.ui.core.tasks import TaskControl, TaskRunner
from member_reach.ui.core.workspace import Workspace


@dataclass(frozen=True)
class MemberFigures:
    """How many people hold a membership in each status, and how many never did."""

    by_status: dict[str, int] = field(default_factory=lambda: dict.fromkeys(STATUS_CHOICES, 0))
    contacts: int = 0

    @property
    def members(self) -> int:
        """Everyone who holds or held a membership."""
        return sum(self.by_status.values())

    @property
    def is_empty(self) -> bool:
        """Whether the database holds nobody at all."""
        return self.members == 0 and self.contacts == 0


def load_figures(database: Database, today: dt.date) -> MemberFigures:
    """Read the figures of ``database`` on ``today``."""
    with database.session() as session:
        return MemberFigures(status_counts(session, today), contact_count(session))


class FiguresFeed(QObject):
    """Reloads :class:`MemberFigures` whenever the workspace's database or data change."""

    updated = Signal(object)  # MemberFigures
    failed = Signal(str)

    def __init__(self, workspace: Workspace, runner: TaskRunner) -> None:
        super().__init__(workspace)
        self._workspace = workspace
        self._runner = runner
        self._generation = 0
        self.figures: MemberFigures | None = None
        workspace.database_changed.connect(self.refresh)
        workspace.data_changed.connect(self.refresh)

    def refresh(self) -> None:
        """Load the figures again; ``updated`` follows (or ``failed``)."""
        self._generation += 1
        generation = self._generation
        database, today = self._workspace.database, self._workspace.today

        def job(_control: TaskControl) -> MemberFigures:
            return load_figures(database, today)

        self._runner.run(
            job,
            quiet=True,
            on_success=lambda figures: self._deliver(generation, figures),
            on_failure=lambda message: self._fail(generation, message),
        )

    def _deliver(self, generation: int, figures: MemberFigures) -> None:
        if generation != self._generation:
            return  # a later refresh is on its way
        self.figures = figures
        self.updated.emit(figures)

    def _fail(self, generation: int, message: str) -> None:
        if generation == self._generation:
            self.failed.emit(message)

"""Membership figures (members per status, non-member contacts), loaded off the GUI thread.

One :class:`FiguresFeed` loads them when the database changes and hands the same plain
:class:`MemberFigures` to every widget that shows a count: the dashboard, the status bar, the
empty states.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from PySide6.QtCore import QObject, Signal
from sqlalchemy.orm import Session

from member_reach.services.common.changes import Change
from member_reach.services.members.members import STATUS_CHOICES, contact_count, status_counts
from member_reach.ui.core.jobs import Jobs
from member_reach.ui.core.tasks import TaskRunner
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


def load_figures(session: Session, today: dt.date) -> MemberFigures:
    """Read the figures on ``today``."""
    return MemberFigures(status_counts(session, today), contact_count(session))


class FiguresFeed(QObject):
    """Reloads :class:`MemberFigures` when the database is switched or members change."""

    updated = Signal(object)  # MemberFigures
    failed = Signal(str)

    def __init__(self, workspace: Workspace, runner: TaskRunner) -> None:
        super().__init__(workspace)
        self._workspace = workspace
        self._jobs = Jobs(workspace, runner, self)
        self.figures: MemberFigures | None = None
        self.reads = 0  # figures read (what tests check)
        workspace.database_changed.connect(self.refresh)
        self._jobs.follow(Change.MEMBERS, self.refresh)

    def refresh(self) -> None:
        """Load the figures again; ``updated`` follows (or ``failed``)."""
        self.reads += 1
        self._jobs.query(
            lambda job: load_figures(job.session, job.clock.today()),
            self._deliver,
            key="figures",
            failed=self.failed.emit,
        )

    def _deliver(self, figures: MemberFigures) -> None:
        self.figures = figures
        self.updated.emit(figures)

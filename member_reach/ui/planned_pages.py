"""Calls: a page a later version fills, with an honest empty state now.

Each says what the page will hold and what to do first; none shows made-up data or a button
that does nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from member_reach.ui.empty_state import EmptyState
from member_reach.ui.figures import FiguresFeed, MemberFigures
from member_reach.ui.page import Page


def _tr(text: str) -> str:
    return QCoreApplication.translate("PlannedPage", text)


@dataclass(frozen=True)
class PlannedText:
    """What a planned page says.

    Attributes:
        heading: the page's heading.
        purpose: what the page will hold (shown under the heading).
        without_members: the empty state's title while the database holds nobody.
        with_members: the title once members are in (the page itself is still to come).
        next_step: what to do first, and what this version can do meanwhile.
    """

    heading: str
    purpose: str
    without_members: str
    with_members: str
    next_step: str


def calls_text() -> PlannedText:
    """The Calls page's words."""
    return PlannedText(
        heading=_tr("Calls"),
        purpose=_tr(
            "The call console: the next member to call, their history and local time, "
            "talking points, and one key per outcome."
        ),
        without_members=_tr("No calls yet — import a roster to begin"),
        with_members=_tr("The call console arrives in a coming version"),
        next_step=_tr(
            "Calls come from campaigns: once a campaign is built, its call list is worked "
            "here, and every outcome and note is kept with the member."
        ),
    )


class PlannedPage(Page):
    """A page still to be built: what it will hold and what to do first.

    Args:
        text: what the page says.
        feed: the membership figures, which decide the first step shown.
    """

    def __init__(self, text: PlannedText, feed: FiguresFeed, parent: QWidget | None = None) -> None:
        super().__init__(text.heading, text.purpose, parent)
        self._text = text
        self.empty = EmptyState(text.without_members, text.next_step)
        self.body.addWidget(self.empty, 1)
        feed.updated.connect(self.show_figures)
        if feed.figures is not None:
            self.show_figures(feed.figures)

    def show_figures(self, figures: MemberFigures) -> None:
        """Say what to do first, given whether the database holds anyone yet."""
        title = self._text.without_members if figures.is_empty else self._text.with_members
        self.empty.set_text(title, self._text.next_step)

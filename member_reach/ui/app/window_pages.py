"""How the main window builds each page of its sidebar, in sidebar order.

Each page's module is imported by its builder, so a page the user has not opened yet costs
nothing at start-up (see :mod:`member_reach.ui.app.page_stack`). The titles are the pages'
headings, written here so that the sidebar and the View menu can name a page before it is built
(a test checks each against its page).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtWidgets import QWidget

from member_reach.ui.app import window_settings
from member_reach.ui.app.page_stack import PageSpec
from member_reach.ui.core.page import Page
from member_reach.ui.core.tasks import TaskRunner
from member_reach.ui.core.workspace import Workspace
from member_reach.ui.dashboard.figures import FiguresFeed


@dataclass(frozen=True)
class PageNeeds:
    """What the pages take from the window: its services and the actions they start there."""

    workspace: Workspace
    runner: TaskRunner
    feed: FiguresFeed
    settings: QSettings
    open_demo: Callable[[], None]
    open_import: Callable[[], None]
    show_page: Callable[[str], None]
    export_partner: Callable[[int | None], object]

    def who(self) -> str:
        """The name of the person at the keyboard (Settings › Your name)."""
        return window_settings.user_name(self.settings)


def _title(text: str) -> str:
    return QCoreApplication.translate("MainWindow", text)


def _dashboard(needs: PageNeeds, parent: QWidget) -> Page:
    from member_reach.ui.dashboard.dashboard_page import DashboardPage

    return DashboardPage(
        needs.workspace,
        needs.feed,
        needs.runner,
        open_demo=needs.open_demo,
        open_import=needs.open_import,
        open_follow_up=lambda: needs.show_page("followup"),
        parent=parent,
    )


def _members(needs: PageNeeds, parent: QWidget) -> Page:
    from member_reach.ui.members.members_page import MembersPage

    page = MembersPage(
        needs.workspace,
        needs.runner,
        open_demo=needs.open_demo,
        open_import=needs.open_import,
        who=needs.who,
        parent=parent,
    )
    page.restore_header(window_settings.read(needs.settings, window_settings.MEMBERS_HEADER))
    page.restore_splitter(window_settings.read(needs.settings, window_settings.MEMBERS_SPLITTER))
    return page


def _campaigns(needs: PageNeeds, parent: QWidget) -> Page:
    from member_reach.ui.campaigns.campaigns_page import CampaignsPage

    return CampaignsPage(
        needs.workspace,
        needs.runner,
        export_partner=needs.export_partner,
        who=needs.who,
        parent=parent,
    )


def _calls(needs: PageNeeds, parent: QWidget) -> Page:
    from member_reach.ui.calls.calls_page import CallsPage

    return CallsPage(needs.workspace, needs.runner, who=needs.who, parent=parent)


def _follow_up(needs: PageNeeds, parent: QWidget) -> Page:
    from member_reach.ui.followup.follow_up_page import FollowUpPage

    return FollowUpPage(needs.workspace, needs.runner, who=needs.who, parent=parent)


def _exchange(needs: PageNeeds, parent: QWidget) -> Page:
    from member_reach.ui.exchange.exchange_page import ExchangePage
    from member_reach.ui.exchange.partner_export_dialog import Remembered

    settings = needs.settings
    return ExchangePage(
        needs.workspace,
        needs.runner,
        who=needs.who,
        partner=Remembered(
            lambda: window_settings.read(settings, window_settings.PARTNER_NAME),
            lambda name: window_settings.write(settings, window_settings.PARTNER_NAME, name),
        ),
        parent=parent,
    )


def _plan(needs: PageNeeds, parent: QWidget) -> Page:
    from member_reach.ui.plan.plan_page import PlanPage

    return PlanPage(needs.workspace, needs.runner, parent=parent)


def page_specs(needs: PageNeeds) -> list[PageSpec]:
    """The sidebar's pages, in order, each built on first use."""
    builders: list[tuple[str, str, Callable[[PageNeeds, QWidget], Page]]] = [
        ("dashboard", _title("Dashboard"), _dashboard),
        ("members", _title("Members"), _members),
        ("campaigns", _title("Campaigns"), _campaigns),
        ("calls", _title("Calls"), _calls),
        ("followup", _title("Follow-up"), _follow_up),
        ("exchange", _title("Exchange"), _exchange),
        ("plan", _title("Plan"), _plan),
    ]
    return [PageSpec(key, title, partial(build, needs)) for key, title, build in builders]

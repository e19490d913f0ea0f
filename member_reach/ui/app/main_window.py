"""The main window: assembles the pages, the navigation, the menus and the status bar."""

from __future__ import annotations

from pathlib import Path

import shiboken6
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import (
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSplitter,
    QStackedWidget,
)

from member_reach import APP_TITLE, __version__
from member_reach.services.common.clock import Clock
from member_reach.store.database import Database
from member_reach.ui.app import window_settings
from member_reach.ui.app.database_actions import DatabaseActions
from member_reach.ui.app.settings_dialog import SettingsDialog, settings_shortcuts
from member_reach.ui.app.status_bar import WorkspaceStatusBar
from member_reach.ui.app.user_guide import UserGuideDialog
from member_reach.ui.app.welcome_page import WelcomeChoices, WelcomePage
from member_reach.ui.calls.calls_page import CallsPage
from member_reach.ui.campaigns.campaigns_page import CampaignsPage
from member_reach.ui.core.file_dialogs import FileFolders
from member_reach.ui.core.icons import icon
from member_reach.ui.core.page import Page
from member_reach.ui.core.screen_fit import resize_to_fit
from member_reach.ui.core.tasks import TaskRunner
from member_reach.ui.core.workspace import Workspace
from member_reach.ui.dashboard.dashboard_page import DashboardPage
from member_reach.ui.dashboard.figures import FiguresFeed
from member_reach.ui.exchange.exchange_page import ExchangePage
from member_reach.ui.exchange.partner_export_dialog import PartnerExportDialog, Remembered
from member_reach.ui.followup.follow_up_page import FollowUpPage
from member_reach.ui.imports.import_files import dropped_file
from member_reach.ui.imports.import_history_dialog import ImportHistoryDialog
from member_reach.ui.imports.import_wizard import ImportWizard, Kind
from member_reach.ui.members.members_page import MembersPage
from member_reach.ui.plan.plan_page import PlanPage

# Wide enough for the Calls page to hold its form and the member card side by side (a
# 1366-wide screen and 1920 at 150% have the room); capped to smaller screens.
DEFAULT_SIZE = (1300, 760)
NAVIGATION_WIDTH = 190


class MainWindow(QMainWindow):
    """The member_reach window.

    Args:
        settings: where the window keeps its geometry and last page.
        database: the database to work on; the window owns it from now on (see ``workspace``).
        clock: today and now, for every page and job (``--today`` fixes the day).
        synchronous_tasks: run background jobs in the GUI thread (for tests).
    """

    def __init__(
        self,
        settings: QSettings,
        database: Database,
        clock: Clock,
        *,
        synchronous_tasks: bool = False,
    ) -> None:
        super().__init__()
        self._settings = settings
        self.workspace = Workspace(database, clock, self, folders=FileFolders(settings))
        self.runner = TaskRunner(self, synchronous=synchronous_tasks)
        self.feed = FiguresFeed(self.workspace, self.runner)
        self.database_actions = DatabaseActions(self, self.workspace, self.runner)
        self.user_guide: UserGuideDialog | None = None
        self.wizard: ImportWizard | None = None
        self._retired: list[ImportWizard] = []
        self._build_pages()
        self._build_menus()
        self.setAcceptDrops(True)
        self.setStatusBar(WorkspaceStatusBar(self.workspace, self.feed, self))
        self.workspace.database_changed.connect(self._show_title)
        self.workspace.database_changed.connect(self._close_wizard)
        self._show_title()
        self.restore_state()
        self.feed.refresh()
        self.welcome.check()

    def _build_pages(self) -> None:
        self.pages: dict[str, Page] = {
            "dashboard": DashboardPage(
                self.workspace,
                self.feed,
                self.runner,
                open_demo=self.database_actions.new_demo_database,
                open_import=self.import_roster,
                open_follow_up=lambda: self.show_page("followup"),
            ),
            "members": MembersPage(
                self.workspace,
                self.runner,
                open_demo=self.database_actions.new_demo_database,
                open_import=self.import_roster,
                who=lambda: window_settings.user_name(self._settings),
            ),
            "campaigns": CampaignsPage(
                self.workspace,
                self.runner,
                export_partner=self.export_for_partner,
                who=lambda: window_settings.user_name(self._settings),
            ),
            "calls": CallsPage(
                self.workspace, self.runner, who=lambda: window_settings.user_name(self._settings)
            ),
            "followup": FollowUpPage(
                self.workspace, self.runner, who=lambda: window_settings.user_name(self._settings)
            ),
            "exchange": ExchangePage(
                self.workspace,
                self.runner,
                who=lambda: window_settings.user_name(self._settings),
                partner=Remembered(
                    lambda: window_settings.read(self._settings, window_settings.PARTNER_NAME),
                    lambda name: window_settings.write(
                        self._settings, window_settings.PARTNER_NAME, name
                    ),
                ),
            ),
            "plan": PlanPage(self.workspace, self.runner),
        }
        self.navigation = QListWidget()
        self.navigation.setObjectName("navigation")
        self.stack = QStackedWidget()
        for key, page in self.pages.items():
            item = QListWidgetItem(icon(key), page.heading.text())
            item.setData(Qt.ItemDataRole.UserRole, key)
            self.navigation.addItem(item)
            self.stack.addWidget(page)
        self.navigation.currentRowChanged.connect(self.stack.setCurrentIndex)
        self._build_welcome()
        self._fit_navigation()
        self.splitter = QSplitter()
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.navigation)
        self.splitter.addWidget(self.stack)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([NAVIGATION_WIDTH, DEFAULT_SIZE[0] - NAVIGATION_WIDTH])
        self.setCentralWidget(self.splitter)

    def _build_welcome(self) -> None:
        """The welcome page: in the stack after the sidebar's pages, shown for an empty database."""
        self.welcome = WelcomePage(
            self.workspace,
            self.runner,
            WelcomeChoices(
                import_file=lambda path: self.start_import("roster", path),
                open_demo=self.database_actions.new_demo_database,
                connect_server=lambda: self.show_settings().offer_server(),
                open_guide=self.show_user_guide,
            ),
        )
        self.stack.addWidget(self.welcome)
        self.welcome.wanted.connect(self.show_welcome)
        self.welcome.filled.connect(lambda: self.show_page("dashboard"))

    def show_welcome(self) -> None:
        """Show the welcome page; no sidebar row is chosen, so a click on any one leaves it."""
        self.navigation.setCurrentRow(-1)
        self.stack.setCurrentWidget(self.welcome)
        self.welcome.setFocus()  # its first choice; taken when the window becomes active

    def _fit_navigation(self) -> None:
        """Never narrower than its widest label: a small screen or a splitter drag cuts none."""
        self.navigation.ensurePolished()  # the style sheet's font and padding count
        self.navigation.setMinimumWidth(self.navigation.sizeHintForColumn(0) + 2)

    def _build_menus(self) -> None:
        actions = self.database_actions
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        self._add(file_menu, self.tr("&New database…"), actions.new_database, "Ctrl+N")
        self._add(file_menu, self.tr("&Open database…"), actions.open_database, "Ctrl+O")
        self._add(file_menu, self.tr("New &demo database"), actions.new_demo_database)
        file_menu.addSeparator()
        self._add(file_menu, self.tr("&Backup…"), actions.backup, "Ctrl+B")
        file_menu.addSeparator()
        self._add(file_menu, self.tr("&Import roster…"), self.import_roster, "Ctrl+I").setIcon(
            icon("import")
        )
        self._add(
            file_menu,
            self.tr("Import &attendees…"),
            lambda: self.start_import("events"),
            "Ctrl+Shift+I",
        ).setIcon(icon("import"))
        self._add(
            file_menu,
            self.tr("Import &partner's worked file…"),
            self.import_worked_file,
            "Ctrl+Shift+O",
        ).setIcon(icon("exchange"))
        self._add(
            file_menu, self.tr("Import &history…"), self.show_import_history, "Ctrl+H"
        ).setIcon(icon("history"))
        file_menu.addSeparator()
        settings_action = self._add(
            file_menu,
            self.tr("&Settings…"),
            self.show_settings,
            QKeySequence.StandardKey.Preferences,
        )
        settings_action.setShortcuts(settings_shortcuts())
        settings_action.setMenuRole(QAction.MenuRole.PreferencesRole)
        settings_action.setIcon(icon("settings"))
        file_menu.addSeparator()
        quit_action = self._add(file_menu, self.tr("&Quit"), self.close, "Ctrl+Q")
        quit_action.setMenuRole(QAction.MenuRole.QuitRole)

        view_menu = self.menuBar().addMenu(self.tr("&View"))
        for number, key in enumerate(self.pages, start=1):
            title = self.pages[key].heading.text()
            self._add(view_menu, title, lambda k=key: self.show_page(k), f"Ctrl+{number}")
        view_menu.addSeparator()
        self._add(
            view_menu, self.tr("&Find member"), self.find_member, QKeySequence.StandardKey.Find
        )

        campaign_menu = self.menuBar().addMenu(self.tr("&Campaign"))
        self._add(
            campaign_menu, self.tr("&New campaign…"), self.new_campaign, "Ctrl+Shift+N"
        ).setIcon(icon("add"))

        self._build_help_menu()

    def _build_help_menu(self) -> None:
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        self._add(
            help_menu,
            self.tr("&User guide"),
            self.show_user_guide,
            QKeySequence.StandardKey.HelpContents,
        )
        about = self._add(help_menu, self.tr("&About member_reach"), self.show_about)
        about.setMenuRole(QAction.MenuRole.AboutRole)

    def _add(
        self,
        menu: QMenu,
        text: str,
        slot: object,
        shortcut: str | QKeySequence.StandardKey | None = None,
    ) -> QAction:
        action = QAction(text, self)
        # macOS moves actions whose text reads like "Settings", "About" or "Quit" into the
        # application menu: only the three given their role below go there.
        action.setMenuRole(QAction.MenuRole.NoRole)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda _checked=False: slot())  # type: ignore[operator]
        menu.addAction(action)
        return action

    @property
    def members_page(self) -> MembersPage:
        """The Members page."""
        page = self.pages["members"]
        assert isinstance(page, MembersPage)
        return page

    @property
    def current_page(self) -> str:
        """The key of the page shown ("dashboard", "members", ..., "welcome")."""
        if self.stack.currentWidget() is self.welcome:
            return "welcome"
        return list(self.pages)[max(self.navigation.currentRow(), 0)]

    def show_page(self, key: str) -> None:
        """Show the page called ``key``."""
        self.navigation.setCurrentRow(list(self.pages).index(key))

    def find_member(self) -> None:
        """Show the Members page with the cursor in its search box."""
        self.show_page("members")
        members = self.pages["members"]
        assert isinstance(members, MembersPage)
        members.focus_search()

    def new_campaign(self) -> None:
        """Campaign › New campaign…: the Campaigns page with the new-campaign form open."""
        self.show_page("campaigns")
        page = self.pages["campaigns"]
        assert isinstance(page, CampaignsPage)
        page.new_campaign()

    def export_for_partner(self, campaign_id: int | None = None) -> PartnerExportDialog:
        """Export for partner… (from a campaign's page: its calls): on the Exchange page."""
        self.show_page("exchange")
        page = self.pages["exchange"]
        assert isinstance(page, ExchangePage)
        return page.export_for_partner(campaign_id)

    def import_worked_file(self) -> None:
        """File › Import partner's worked file…: on the Exchange page, previewed first."""
        self.show_page("exchange")
        page = self.pages["exchange"]
        assert isinstance(page, ExchangePage)
        page.import_worked_file()

    def import_roster(self) -> None:
        """File › Import roster…: the import wizard for a member roster."""
        self.start_import("roster")

    def start_import(self, kind: Kind, path: Path | None = None) -> ImportWizard:
        """Open the import wizard (with ``path`` already chosen, for a dropped file)."""
        self._close_wizard()
        if self.wizard is not None:
            self._retired.append(self.wizard)
        # A window of its own, not a child of this one: Qt crashes deleting a QWizard whose
        # parent window is being deleted (seen with Qt 6.11 in tests).
        wizard = ImportWizard(
            self.workspace,
            self.runner,
            kind,
            path,
            who=lambda: window_settings.user_name(self._settings),
        )
        self.wizard = wizard
        wizard.show()
        wizard.move(self.frameGeometry().center() - wizard.rect().center())
        if path is not None:
            wizard.next()  # the file is chosen: on to its sheet and header row
        return wizard

    def show_settings(self) -> SettingsDialog:
        """File › Settings…: the association's rules and the database."""
        dialog = SettingsDialog(self.workspace, self.runner, self._settings, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._settings_saved(dialog.saved_note))
        dialog.open()
        return dialog

    def _settings_saved(self, note: str) -> None:
        self.feed.refresh()
        if note:
            QMessageBox.information(self, self.tr("Settings saved"), note)

    def show_import_history(self) -> ImportHistoryDialog:
        """File › Import history…: the imports, with Undo."""
        dialog = ImportHistoryDialog(self.workspace, self.runner, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if dropped_file(event.mimeData()) is not None:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        path = dropped_file(event.mimeData())
        if path is None:
            event.ignore()
            return
        event.acceptProposedAction()
        self.start_import("roster", path)

    def show_user_guide(self) -> None:
        """Open the illustrated guide to the monthly cycle (F1), beside the work, not over it."""
        if self.user_guide is None:
            self.user_guide = UserGuideDialog(self)
        self.user_guide.show()
        self.user_guide.raise_()
        self.user_guide.activateWindow()

    def show_about(self) -> None:
        """Show the version and the database in use."""
        QMessageBox.about(
            self,
            self.tr("About member_reach"),
            self.tr(
                "<h3>{title} {version}</h3>"
                "<p>Keeps members from lapsing: turns your roster into short, ranked call "
                "lists for renewals, events and win-backs.</p>"
                "<p>Database in use:<br>{database}</p>"
            ).format(title=APP_TITLE, version=__version__, database=self.workspace.database.label),
        )

    def _show_title(self) -> None:
        database = self.workspace.database
        name = Path(database.url.database or "").name if database.is_sqlite else database.label
        self.setWindowTitle(f"{name} — {APP_TITLE}" if name else APP_TITLE)

    def restore_state(self) -> None:
        """Put the window back as it was left: geometry, navigation width, page."""
        geometry = window_settings.read(self._settings, window_settings.GEOMETRY)
        if geometry.isEmpty() or not self.restoreGeometry(geometry):
            resize_to_fit(self, *DEFAULT_SIZE)
        splitter = window_settings.read(self._settings, window_settings.SPLITTER)
        if not splitter.isEmpty():
            self.splitter.restoreState(splitter)
        members = self.members_page
        members.restore_header(window_settings.read(self._settings, window_settings.MEMBERS_HEADER))
        members.restore_splitter(
            window_settings.read(self._settings, window_settings.MEMBERS_SPLITTER)
        )
        page = window_settings.read(self._settings, window_settings.PAGE)
        self.show_page(page if page in self.pages else window_settings.PAGE.default)

    def save_state(self) -> None:
        """Remember the geometry, navigation width and page for next time."""
        window_settings.write(self._settings, window_settings.GEOMETRY, self.saveGeometry())
        window_settings.write(self._settings, window_settings.SPLITTER, self.splitter.saveState())
        window_settings.write(self._settings, window_settings.PAGE, self.current_page)
        members = self.members_page
        window_settings.write(
            self._settings, window_settings.MEMBERS_HEADER, members.header_state()
        )
        window_settings.write(
            self._settings, window_settings.MEMBERS_SPLITTER, members.splitter.saveState()
        )
        self._settings.sync()

    def _close_wizard(self) -> None:
        """An import belongs to the database it began on: another database ends it.

        The wizard is hidden, its job (if any) asked to stop; it is deleted with this window.
        Deleting a QWizard while the application goes on crashed Qt 6.11 (in tests, later,
        while polishing a label of it), so a new wizard replaces it without deleting it.
        """
        wizard = self.wizard
        if wizard is None:
            return
        if wizard.busy is not None:
            wizard.busy.cancel()
        wizard.hide()

    def closeEvent(self, event: QCloseEvent) -> None:
        self._close_wizard()
        for wizard in [*self._retired, self.wizard]:
            if wizard is not None and shiboken6.isValid(wizard):
                wizard.deleteLater()
        self._retired, self.wizard = [], None
        self.save_state()
        self.runner.shutdown()
        super().closeEvent(event)

"""File › Settings…: the association's rules, and which database to work on.

The rules are stored in the database (they are the association's, shared by everyone using
it); the database choice in this computer's settings, its PostgreSQL password in the system's
password store. Saving runs in the background task helper; a new database is opened and tried
before the window switches to it, so a wrong choice leaves the current one in use.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from member_reach.domain.settings_registry import SETTINGS
from member_reach.services.common.changes import Change
from member_reach.services.common.connection import (
    DatabaseChoice,
    Kind,
    check_connection,
    choice_from,
    open_choice,
    store_password,
    stored_password,
)
from member_reach.services.common.errors import ServiceError
from member_reach.services.common.settings import (
    AssociationSettings,
    load_settings,
    save_settings,
)
from member_reach.store.database import Database
from member_reach.store.paths import default_database_path
from member_reach.ui.app import window_settings
from member_reach.ui.core.file_dialogs import save_file_name
from member_reach.ui.core.jobs import JobContext, Jobs
from member_reach.ui.core.tasks import TaskControl, TaskRunner
from member_reach.ui.core.workspace import Workspace
from member_reach.ui.widgets.tables import error_label, show_message

# The rules shown, in the order a director thinks of them: (key, label, lowest, highest).
_RULES: tuple[tuple[str, str, int, int], ...] = (
    ("grace_days", "Grace period (days after expiry)", 0, 365),
    ("new_months", "“New” for (months after joining)", 0, 36),
    ("contact_cooldown_days", "Do not call again within (days)", 0, 365),
    ("calling_hours_start", "Call from (local hour)", 0, 23),
    ("calling_hours_end", "Call until (local hour)", 1, 24),
    ("max_unanswered", "Close a call after (unanswered attempts)", 1, 50),
    ("reserve_days", "A reserved call stays with its caller (days)", 1, 60),
    ("handoff_days", "Staff follow up a warm lead within (days)", 1, 60),
    ("retention_months", "Keep undo records, export details and backups for (months)", 1, 120),
    ("plan_callers", "Staff callers (the Plan page's capacity)", 0, 100),
    ("caller_hours_per_week", "Hours a week each caller calls", 0, 60),
    ("calls_per_hour", "Calls a caller makes in an hour", 1, 120),
    ("control_days", "Compare a control group's renewals over (days after expiry)", 7, 365),
)
#: What the rules change: statuses and figures (grace, "new" months), the calls to make (hours),
#: the plan's capacity (Change.SETTINGS).
_RULES_CHANGE = Change.SETTINGS | Change.MEMBERS | Change.CALLS
_DATE_ORDERS = (("mdy", "Month/day/year"), ("dmy", "Day/month/year"), ("ymd", "Year-month-day"))


def saved_choice(settings: QSettings) -> DatabaseChoice:
    """The database this computer starts on (the default file unless chosen otherwise)."""
    kind = window_settings.read(settings, window_settings.DATABASE_KIND)
    location = window_settings.read(settings, window_settings.DATABASE_LOCATION)
    if kind not in ("default", "file", "postgresql"):
        kind = "default"
    return DatabaseChoice(kind, location)


def save_choice(settings: QSettings, choice: DatabaseChoice) -> None:
    """Start on ``choice`` from now on (no password is ever written here)."""
    window_settings.write(settings, window_settings.DATABASE_KIND, choice.kind)
    window_settings.write(settings, window_settings.DATABASE_LOCATION, choice.location)
    settings.sync()


@dataclass(frozen=True)
class _Saved:
    rules_changed: bool
    database: Database | None
    note: str


class SettingsDialog(QDialog):
    """The settings, in two tabs: Association rules and Database."""

    def __init__(
        self,
        workspace: Workspace,
        runner: TaskRunner,
        settings: QSettings,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self._runner = runner
        self._jobs = Jobs(workspace, runner, self)
        self._settings = settings
        self.values: AssociationSettings | None = None
        self.saved_note = ""
        self.setWindowTitle(self.tr("Settings"))
        self.tabs = QTabWidget()
        self.tabs.addTab(self._rules_tab(), self.tr("Association rules"))
        self.tabs.addTab(self._database_tab(), self.tr("This computer"))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        self.error = error_label()
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.resize(620, 520)
        self._load_rules()

    # Association rules

    def _rules_tab(self) -> QWidget:
        tab = QWidget()
        form = QFormLayout(tab)
        intro = QLabel(
            self.tr("These rules are your association's: everyone using this database shares them.")
        )
        intro.setWordWrap(True)
        intro.setObjectName("pageNote")
        form.addRow(intro)
        self.name_edit = QLineEdit()
        self.name_edit.setToolTip(self.tr(SETTINGS["association_name"].description))
        form.addRow(self.tr("Association &name:"), self.name_edit)
        self.spins: dict[str, QSpinBox] = {}
        for key, label, lowest, highest in _RULES:
            spin = QSpinBox()
            spin.setRange(lowest, highest)
            spin.setToolTip(self.tr(SETTINGS[key].description))
            self.spins[key] = spin
            form.addRow(self.tr(label) + ":", spin)
        self.region_edit = QLineEdit()
        self.region_edit.setMaxLength(2)
        self.region_edit.setToolTip(self.tr(SETTINGS["default_region"].description))
        form.addRow(self.tr("Phone &country (e.g. US, GB, CA):"), self.region_edit)
        self.currency_edit = QLineEdit()
        self.currency_edit.setMaxLength(3)
        self.currency_edit.setToolTip(self.tr(SETTINGS["currency"].description))
        form.addRow(self.tr("C&urrency (e.g. USD, EUR, GBP):"), self.currency_edit)
        self.date_box = QComboBox()
        for value, text in _DATE_ORDERS:
            self.date_box.addItem(self.tr(text), value)
        self.date_box.setToolTip(self.tr(SETTINGS["date_order"].description))
        form.addRow(self.tr("&Dates in files:"), self.date_box)
        return tab

    def _load_rules(self) -> None:
        self._jobs.query(lambda job: load_settings(job.session), self._show_rules, key="rules")

    def _show_rules(self, values: AssociationSettings) -> None:
        self.values = values
        self.name_edit.setText(values.association_name)
        for key, spin in self.spins.items():
            spin.setValue(getattr(values, key))
        self.region_edit.setText(values.default_region)
        self.currency_edit.setText(values.currency)
        self.date_box.setCurrentIndex(max(0, self.date_box.findData(values.date_order)))

    def rules(self) -> AssociationSettings:
        """The rules as shown in the dialog."""
        return replace(
            self.values or AssociationSettings(),
            association_name=" ".join(self.name_edit.text().split()),
            default_region=self.region_edit.text().strip().upper(),
            currency=self.currency_edit.text().strip().upper(),
            date_order=self.date_box.currentData(),
            **{key: spin.value() for key, spin in self.spins.items()},
        )

    def _rules_problem(self) -> str:
        chosen = self.rules()
        if chosen.calling_hours_start >= chosen.calling_hours_end:
            return self.tr("Calling hours: “Call until” must be later than “Call from”.")
        if len(chosen.default_region) != 2 or not chosen.default_region.isalpha():
            return self.tr("Phone country: give the two-letter country code, such as US or GB.")
        if chosen.currency and (len(chosen.currency) != 3 or not chosen.currency.isalpha()):
            return self.tr("Currency: give the three-letter code, such as USD or EUR, or none.")
        return ""

    # Database

    def _database_tab(self) -> QWidget:
        tab = QWidget()
        layout = QVBoxLayout(tab)
        name_form = QFormLayout()
        self.user_edit = QLineEdit(window_settings.user_name(self._settings))
        self.user_edit.setToolTip(
            self.tr("Recorded with the changes you make to members and the calls you log")
        )
        name_form.addRow(self.tr("Your &name:"), self.user_edit)
        layout.addLayout(name_form)
        heading = QLabel(self.tr("Database"))
        heading.setObjectName("cardTitle")
        layout.addSpacing(8)
        layout.addWidget(heading)
        choice = saved_choice(self._settings)
        self._database_choices(layout, choice)
        test_row = QHBoxLayout()
        self.test_button = QPushButton(self.tr("&Test connection"))
        self.test_button.clicked.connect(self.test_connection)
        test_row.addWidget(self.test_button)
        test_row.addStretch(1)
        layout.addLayout(test_row)
        self.test_result = QLabel()
        self.test_result.setWordWrap(True)
        layout.addWidget(self.test_result)
        in_use = QLabel(self.tr("In use now: {label}").format(label=self._workspace.database.label))
        in_use.setObjectName("pageNote")
        in_use.setWordWrap(True)
        layout.addStretch(1)
        layout.addWidget(in_use)
        self.kind_group.idToggled.connect(lambda _id, _on: self._enable())
        self._initial = (choice, self.password_edit.text())
        self._enable()
        return tab

    def _database_choices(self, layout: QVBoxLayout, choice: DatabaseChoice) -> None:
        """The standard file, another file, or a PostgreSQL server; ``choice`` chosen."""
        self.kind_group = QButtonGroup(self)
        self.default_radio = QRadioButton(
            self.tr("The standard file on this computer ({path})").format(
                path=default_database_path()
            )
        )
        self.file_radio = QRadioButton(self.tr("Another &file"))
        self.pg_radio = QRadioButton(self.tr("A &PostgreSQL server (shared by your team)"))
        for number, radio in enumerate((self.default_radio, self.file_radio, self.pg_radio)):
            self.kind_group.addButton(radio, number)
        layout.addWidget(self.default_radio)
        layout.addWidget(self.file_radio)
        file_row = QHBoxLayout()
        self.file_edit = QLineEdit(choice.location if choice.kind == "file" else "")
        self.file_edit.setPlaceholderText(self.tr("A .sqlite3 file, new or existing"))
        self.browse_button = QPushButton(self.tr("&Browse…"))
        self.browse_button.clicked.connect(self._browse)
        file_row.addSpacing(24)
        file_row.addWidget(self.file_edit, 1)
        file_row.addWidget(self.browse_button)
        layout.addLayout(file_row)
        layout.addWidget(self.pg_radio)
        pg_form = QFormLayout()
        pg_form.setContentsMargins(24, 0, 0, 0)
        self.url_edit = QLineEdit(choice.location if choice.kind == "postgresql" else "")
        self.url_edit.setPlaceholderText("postgresql://user@server:5432/members")
        self.password_edit = QLineEdit(stored_password(choice) or "")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_edit.setToolTip(
            self.tr("Kept in this computer's password store, never in the settings file")
        )
        pg_form.addRow(self.tr("&URL:"), self.url_edit)
        pg_form.addRow(self.tr("Pass&word:"), self.password_edit)
        layout.addLayout(pg_form)
        radios = {
            "default": self.default_radio,
            "file": self.file_radio,
            "postgresql": self.pg_radio,
        }
        radios[choice.kind].setChecked(True)

    def offer_server(self) -> None:
        """Open on "This computer" with the PostgreSQL server chosen, the cursor in its URL."""
        self.tabs.setCurrentIndex(1)
        self.pg_radio.setChecked(True)
        self.url_edit.setFocus()

    def _enable(self) -> None:
        kind = self.kind()
        self.file_edit.setEnabled(kind == "file")
        self.browse_button.setEnabled(kind == "file")
        self.url_edit.setEnabled(kind == "postgresql")
        self.password_edit.setEnabled(kind == "postgresql")

    def kind(self) -> Kind:
        """The kind of database chosen."""
        kinds: tuple[Kind, ...] = ("default", "file", "postgresql")
        return kinds[max(0, self.kind_group.checkedId())]

    def choice(self) -> tuple[DatabaseChoice, str | None]:
        """The database chosen, and its password (typed, or carried by a typed URL)."""
        kind = self.kind()
        location = {"file": self.file_edit.text(), "postgresql": self.url_edit.text()}.get(kind, "")
        choice, in_url = choice_from(kind, location)
        password = in_url or self.password_edit.text() or None
        return choice, password if kind == "postgresql" else None

    def _browse(self) -> None:
        name, _ = save_file_name(
            self,
            self._workspace.folders,
            "database",
            self.tr("Choose the database file"),
            self.file_edit.text(),
            self.tr("member_reach databases (*.sqlite3 *.sqlite *.db);;All files (*)"),
            options=QFileDialog.Option.DontConfirmOverwrite,
        )
        if name:
            self.file_edit.setText(name)

    def test_connection(self) -> None:
        """Try the chosen database without changing it."""
        try:
            choice, password = self.choice()
        except ServiceError as exc:
            self._show_test(str(exc), ok=False)
            return

        def job(_control: TaskControl) -> str:
            return check_connection(choice, password)

        self._show_test(self.tr("Connecting…"), ok=True)
        self._runner.run(
            job,
            on_success=lambda text: self._show_test(text, ok=True),
            on_failure=lambda text: self._show_test(text, ok=False),
            title=self.tr("Test connection"),
        )

    def _show_test(self, text: str, *, ok: bool) -> None:
        self.test_result.setText(text)
        self.test_result.setStyleSheet("" if ok else "QLabel { color: #b3261e; }")

    # Saving

    def save(self) -> None:
        """Store the rules, switch database if another was chosen; close when done."""
        problem = self._rules_problem()
        if problem:
            self._show_error(problem)
            self.tabs.setCurrentIndex(0)
            return
        try:
            choice, password = self.choice()
            choice.url(password)
        except ServiceError as exc:
            self._show_error(str(exc))
            self.tabs.setCurrentIndex(1)
            return
        chosen, before = self.rules(), self.values
        changed = chosen != before
        switch = (choice, password or "") != self._initial
        workspace = self._workspace

        def work(job: JobContext) -> _Saved:
            if changed:
                save_settings(job.session, chosen, before)
            opened = open_choice(choice, password) if switch else None
            note = ""
            if opened is not None and choice.kind == "postgresql" and password:
                try:
                    store_password(choice, password)
                except ServiceError as exc:
                    note = str(exc)
            return _Saved(changed, opened, note)

        user = " ".join(self.user_edit.text().split())

        def done(saved: _Saved) -> None:
            window_settings.write(self._settings, window_settings.USER_NAME, user)
            if saved.database is not None:
                save_choice(self._settings, choice)
                workspace.switch(saved.database)
            self.saved_note = saved.note
            self.accept()

        self._jobs.op(
            work,
            done,
            # Grace days and "new" months change statuses; calling hours, the calls to make.
            changes=_RULES_CHANGE if changed else Change.NONE,
            failed=self._show_error,
            title=self.tr("Saving the settings"),
        )

    def _show_error(self, message: str) -> None:
        show_message(self.error, message, error=True)

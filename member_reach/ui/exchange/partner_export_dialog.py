"""Export for partner…: which calls go, to whom, with what password, then the file.

The dialog says how many of the campaign's calls may go to the partner (open calls nobody in
the office holds) and how many are left out, and why; the count goes from all of them down to
the best few. The partner's name is remembered between uses. A password with its confirmation
protects the file; *Generate* offers a strong one, shown so it can be copied and sent to the
partner apart from the file. The notes of earlier calls go along when asked. Then the save box,
then the export runs in the background (services.exchange.partner_assignment) and says what it
wrote.
"""

from __future__ import annotations

import secrets
import string
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from member_reach.services.calls.call_console import active_campaigns
from member_reach.services.campaigns.campaigns import find_campaign
from member_reach.services.common.changes import Change
from member_reach.services.exchange.exchange_export import ExportResult
from member_reach.services.exchange.partner_assignment import (
    EARLIER_CALLS,
    PartnerChoice,
    export_to_partner,
    partner_choice,
)
from member_reach.ui.core.file_dialogs import save_file_name
from member_reach.ui.core.jobs import JobContext, Jobs
from member_reach.ui.core.tasks import TaskRunner
from member_reach.ui.core.workspace import Workspace

#: Letters and digits a person reads out without mistaking one for another.
_PASSWORD_SYMBOLS = "".join(c for c in string.ascii_letters + string.digits if c not in "0O1lI")


def strong_password(groups: int = 4, size: int = 5) -> str:
    """A password of random groups (``kX7pe-9Vfq2-…``): about 115 bits with the defaults."""
    return "-".join(
        "".join(secrets.choice(_PASSWORD_SYMBOLS) for _ in range(size)) for _ in range(groups)
    )


class Remembered(NamedTuple):
    """A preference the window keeps for the dialog (the partner's name): read and write it."""

    read: Callable[[], str]
    write: Callable[[str], None]


def _remembered_here() -> Remembered:
    """A preference kept only while the app runs (a page built without the window's)."""
    kept = [""]
    return Remembered(lambda: kept[0], lambda value: kept.__setitem__(0, value))


class PartnerExportDialog(QDialog):
    """Which calls go to the partner, to whom, with what password; then the file."""

    def __init__(
        self,
        workspace: Workspace,
        runner: TaskRunner,
        *,
        partner: Remembered | None = None,
        who: Callable[[], str] = str,
        campaign_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self._jobs = Jobs(workspace, runner, self)
        self._partner = partner or _remembered_here()
        self._who = who
        self._wanted_campaign = campaign_id
        self.choice: PartnerChoice | None = None
        self.exported: ExportResult | None = None
        self.result_box: QMessageBox | None = None
        self.setWindowTitle(self.tr("Export for partner"))
        layout = QVBoxLayout(self)
        form = QFormLayout()
        layout.addLayout(form)
        self.campaign_box = QComboBox()
        self.campaign_box.currentIndexChanged.connect(self._campaign_chosen)
        form.addRow(self.tr("&Campaign:"), self.campaign_box)
        self.partner_edit = QLineEdit(self._partner.read())
        self.partner_edit.setPlaceholderText(self.tr("The call centre the calls go to"))
        self.partner_edit.textChanged.connect(self._show_choice)
        form.addRow(self.tr("&To (partner):"), self.partner_edit)
        form.addRow(*self._label(self.tr("Ca&lls:"), self._count_row(), self.count_spin))
        self.left_out = QLabel()
        self.left_out.setWordWrap(True)
        self.left_out.setObjectName("pageNote")
        form.addRow("", self.left_out)
        form.addRow(*self._label(self.tr("&Password:"), self._password_row(), self.password_edit))
        self.confirm_edit = QLineEdit()
        self.confirm_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.confirm_edit.textChanged.connect(self._check)
        form.addRow(self.tr("Con&firm password:"), self.confirm_edit)
        self.show_password = QCheckBox(self.tr("&Show the password"))
        self.show_password.toggled.connect(self._echo)
        form.addRow("", self.show_password)
        self.notes_box = QCheckBox(
            self.tr("Include the &notes of earlier calls (a “{column}” column)").format(
                column=EARLIER_CALLS
            )
        )
        form.addRow("", self.notes_box)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #a4262c;")
        layout.addWidget(self.problem)
        layout.addWidget(self._button_box())
        self.export_button.setDefault(True)  # once in the dialog: Return presses it
        self.resize(560, 0)
        self._jobs.query(lambda job: active_campaigns(job.session), self._campaigns, key="list")

    @staticmethod
    def _label(text: str, row: QWidget, buddy: QWidget) -> tuple[QLabel, QWidget]:
        """A row's label whose mnemonic goes to ``buddy`` (in ``row``)."""
        label = QLabel(text)
        label.setBuddy(buddy)
        return label, row

    def _button_box(self) -> QDialogButtonBox:
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.export_button = self.buttons.addButton(
            self.tr("&Export…"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.buttons.accepted.connect(self.export)
        self.buttons.rejected.connect(self.reject)
        return self.buttons

    def _count_row(self) -> QWidget:
        row = QWidget()
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        self.count_spin = QSpinBox()
        self.count_spin.setRange(0, 0)
        self.count_spin.setToolTip(self.tr("The best calls first; all of them unless you say"))
        self.count_spin.valueChanged.connect(self._check)
        self.available_label = QLabel()
        line.addWidget(self.count_spin)
        line.addWidget(self.available_label, 1)
        return row

    def _password_row(self) -> QWidget:
        row = QWidget()
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        self.password_edit = QLineEdit()
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_edit.setPlaceholderText(self.tr("Send it to the partner apart from the file"))
        self.password_edit.textChanged.connect(self._check)
        self.generate_button = QPushButton(self.tr("&Generate"))
        self.generate_button.setToolTip(self.tr("Make a strong password and show it"))
        self.generate_button.clicked.connect(self.generate)
        self.copy_button = QPushButton(self.tr("C&opy"))
        self.copy_button.setToolTip(self.tr("Copy the password, to send it to the partner"))
        self.copy_button.clicked.connect(self._copy)
        line.addWidget(self.password_edit, 1)
        line.addWidget(self.generate_button)
        line.addWidget(self.copy_button)
        return row

    # What the dialog reads

    def _campaigns(self, campaigns: list[tuple[int, str, int]]) -> None:
        self.campaign_box.blockSignals(True)
        for campaign_id, name, _open in campaigns:
            self.campaign_box.addItem(name, campaign_id)
        wanted = self.campaign_box.findData(self._wanted_campaign)
        # A campaign asked for but not active is not swapped for another one silently.
        missing = self._wanted_campaign is not None and wanted < 0
        self.campaign_box.setCurrentIndex(-1 if missing else max(wanted, 0))
        self.campaign_box.blockSignals(False)
        self._campaign_chosen()
        if missing or not campaigns:
            self.problem.setText(self.tr("Only an active campaign's calls go to a partner."))

    def campaign_id(self) -> int | None:
        """The campaign chosen."""
        value = self.campaign_box.currentData()
        return value if isinstance(value, int) else None

    def _campaign_chosen(self) -> None:
        campaign_id = self.campaign_id()
        self.choice = None
        self._show_choice()
        if campaign_id is None:
            return
        self._jobs.query(
            lambda job: partner_choice(job.session, find_campaign(job.session, str(campaign_id))),
            self._choice_read,
            key="choice",
        )

    def _choice_read(self, choice: PartnerChoice) -> None:
        self.choice = choice
        self.count_spin.setValue(0)  # all of them, once the range is known
        self._show_choice()

    def _show_choice(self) -> None:
        choice, partner = self.choice, self.partner_edit.text()
        available = choice.available(partner) if choice is not None else 0
        was_all = self.count_spin.value() in (0, self.count_spin.maximum())
        self.count_spin.setRange(min(1, available), available)
        if was_all:
            self.count_spin.setValue(available)
        self.available_label.setText(
            self.tr("of %Ln call(s) nobody holds, the best first", "", available)
        )
        self.left_out.setText(self._left_out_text(choice, partner))
        self._check()

    def _left_out_text(self, choice: PartnerChoice | None, partner: str) -> str:
        if choice is None:
            return self.tr("Reading the campaign's calls…") if self.campaign_id() else ""
        left_out = choice.left_out_for(partner)
        if not left_out:
            return self.tr("No call is left out.")
        told = ", ".join(self._left_out_words(reason, n) for reason, n in left_out.items())
        return self.tr("{total} left out: {why}.").format(
            total=f"{sum(left_out.values()):,}", why=told
        )

    def _left_out_words(self, reason: str, n: int) -> str:
        words = {
            "held": self.tr("%Ln held by callers", "", n),
            "callback": self.tr("%Ln callback(s) booked by staff", "", n),
            "handed_off": self.tr("%Ln handed off to staff", "", n),
            "with_partner": self.tr("%Ln already with a partner", "", n),
            "assigned": self.tr("%Ln assigned to other callers or partners", "", n),
        }
        return words[reason]

    # What the person does

    def generate(self) -> str:
        """Fill both password fields with a strong password, shown so it can be copied."""
        password = strong_password()
        self.password_edit.setText(password)
        self.confirm_edit.setText(password)
        self.show_password.setChecked(True)
        self.password_edit.setFocus()
        self.password_edit.selectAll()
        return password

    def _copy(self) -> None:
        QApplication.clipboard().setText(self.password_edit.text())

    def _echo(self, shown: bool) -> None:
        mode = QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password
        self.password_edit.setEchoMode(mode)
        self.confirm_edit.setEchoMode(mode)

    def _problem(self) -> str:
        """Why the export cannot go yet ("" when it can)."""
        if self.campaign_id() is None:
            return self.tr("Only an active campaign's calls go to a partner.")
        if not self.partner_edit.text().strip():
            return self.tr("Give the partner's name.")
        if self.choice is not None and self.count_spin.maximum() == 0:
            return self.tr("No call can go to this partner now.")
        password, confirm = self.password_edit.text(), self.confirm_edit.text()
        if not password.strip():
            return self.tr("Give a password (or Generate one): the file holds members' numbers.")
        if password != confirm:
            return self.tr("The two passwords differ.")
        return ""

    def _check(self) -> None:
        problem = self._problem()
        # Said once the person has typed something; the button tells the rest.
        typed = self.partner_edit.text() or self.password_edit.text() or self.confirm_edit.text()
        self.problem.setText(problem if typed else "")
        self.export_button.setEnabled(not problem and self.choice is not None)

    def export(self) -> None:
        """Choose the file, then give the calls and write it in the background."""
        campaign_id = self.campaign_id()
        if self._problem() or campaign_id is None:
            return
        partner = " ".join(self.partner_edit.text().split())
        suggested = f"{self.campaign_box.currentText()} - {partner}.xlsx"
        name, _ = save_file_name(
            self, self._workspace.folders, "partner_export",
            self.tr("Export for {partner}").format(partner=partner), suggested,
            self.tr("Excel workbooks (*.xlsx)"),
        )  # fmt: skip
        if not name:
            return
        path = Path(name if name.lower().endswith(".xlsx") else name + ".xlsx")
        count, password = self.count_spin.value(), self.password_edit.text()
        notes, who, now = self.notes_box.isChecked(), self._who(), self._workspace.clock.now()
        self.export_button.setEnabled(False)

        def work(job: JobContext) -> ExportResult:
            campaign = find_campaign(job.session, str(campaign_id))
            return export_to_partner(
                job.session, campaign, path, now, partner, count=count, password=password,
                earlier_calls=notes, created_by=who,
            )  # fmt: skip

        self._jobs.op(
            work,
            lambda result: self._done(result, partner),
            changes=Change.CALLS | Change.IMPORTS,  # the calls given, the export listed
            title=self.tr("Exporting for {partner}").format(partner=partner),
            label=self.tr("Writing %Ln call(s) to {file}…", "", count).format(file=path.name),
            failed=self._failed,
        )

    def _done(self, result: ExportResult, partner: str) -> None:
        self.exported = result
        self._partner.write(partner)
        box = QMessageBox(
            QMessageBox.Icon.Information,
            self.tr("Exported for {partner}").format(partner=partner),
            self.tr(
                "%Ln call(s) written to {file}, protected by the password. They are with "
                "{partner} now: out of the console and of the next export until the worked "
                "file comes back or you release them. Send {partner} the password apart from "
                "the file (by phone, or in another message).",
                "",
                result.rows,
            ).format(file=result.file, partner=partner),
            QMessageBox.StandardButton.Ok,
            self.parentWidget(),
        )
        self.result_box = box
        box.open()
        self.accept()

    def _failed(self, message: str) -> None:
        self.export_button.setEnabled(True)
        self.problem.setText(message)

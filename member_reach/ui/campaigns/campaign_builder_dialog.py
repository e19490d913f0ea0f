"""New campaign: the form on the left, the live preview of the ranked list on the right.

Every change of what decides the list (kind, window, event, capacity) plans it again in the
background after a short pause; nothing is written until Create campaign. The excluded counts
list each reason; choosing one shows who it left out.
"""

from __future__ import annotations

import datetime as dt

from dateutil.relativedelta import relativedelta
from PySide6.QtCore import QDate, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from member_reach.domain.control_groups import MAX_PERCENT, SUGGESTED_PERCENT
from member_reach.domain.uplift_model import MIN_CALLED
from member_reach.services.campaigns.campaign_builder import (
    REASONS,
    CampaignPreview,
    CampaignRequest,
    CodeChoice,
    Kind,
    coming_events,
    create_campaign,
    default_codes,
    preview_campaign,
)
from member_reach.services.campaigns.campaigns import CreatedCampaign
from member_reach.services.common.changes import Change
from member_reach.ui.campaigns.brief_form import BriefFields, CodesEditor, spin_box
from member_reach.ui.campaigns.why_order_dialog import WhyOrderDialog, open_why_order
from member_reach.ui.core.jobs import Jobs
from member_reach.ui.core.labels import date_input_format, date_text
from member_reach.ui.core.qt_values import qdate_value
from member_reach.ui.core.screen_fit import resize_to_fit
from member_reach.ui.core.tasks import TaskRunner
from member_reach.ui.core.workspace import Workspace
from member_reach.ui.widgets.tables import error_label, read_only_table, show_message

PREVIEW_DELAY_MS = 400
_KINDS: tuple[tuple[Kind, str], ...] = (
    ("renewal", "Renewals coming due (and members in grace)"),
    ("event", "Event outreach: past attendees not registered yet"),
    ("prospect", "Prospects and win-back"),
)


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


class CampaignBuilderDialog(QDialog):
    """The new-campaign form with its live preview; ``created`` follows a created campaign."""

    created = Signal(object)  # CreatedCampaign

    def __init__(
        self, workspace: Workspace, runner: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self._jobs = Jobs(workspace, runner, self)
        self.preview: CampaignPreview | None = None
        self.why_dialog: WhyOrderDialog | None = None  # the last "Why this order" opened
        self.setWindowTitle(self.tr("New campaign"))
        splitter = QSplitter()
        splitter.addWidget(self._form())
        splitter.addWidget(self._preview_panel())
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([560, 620])  # the preview gets the room: its reasons are long
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.create_button = buttons.addButton(
            self.tr("&Create campaign"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.create_button.setEnabled(False)
        buttons.accepted.connect(self.create_now)
        buttons.rejected.connect(self.reject)
        self.error = error_label()
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        resize_to_fit(self, 1180, 760)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(PREVIEW_DELAY_MS)
        self._timer.timeout.connect(self.refresh_preview)
        self._kind_changed()
        self._load_events()

    # The form

    def _form(self) -> QWidget:
        form_widget = QWidget()
        form = QFormLayout(form_widget)
        self.kind_box = QComboBox()
        for kind, label in _KINDS:
            self.kind_box.addItem(self.tr(label), kind)
        self.kind_box.currentIndexChanged.connect(self._kind_changed)
        form.addRow(self.tr("&Kind:"), self.kind_box)
        self.name_edit = QLineEdit()
        form.addRow(self.tr("&Name:"), self.name_edit)
        today = self._workspace.today
        first = today.replace(day=1) + relativedelta(months=1)
        self.start_edit = QDateEdit(_qdate(first))
        self.end_edit = QDateEdit(_qdate(first + relativedelta(months=1, days=-1)))
        self.window_row = QWidget()
        window = QHBoxLayout(self.window_row)
        window.setContentsMargins(0, 0, 0, 0)
        for edit in (self.start_edit, self.end_edit):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat(date_input_format())
            edit.dateChanged.connect(self._changed)
        window.addWidget(self.start_edit)
        window.addWidget(QLabel(self.tr("to")))
        window.addWidget(self.end_edit)
        self.window_label = QLabel(self.tr("Expiring &from:"))
        self.window_label.setBuddy(self.start_edit)
        form.addRow(self.window_label, self.window_row)
        self.win_back_spin = spin_box(0, 20, self.tr("No win-back"), self.tr(" years"))
        self.win_back_spin.setToolTip(
            self.tr("Also call lapsed members whose join anniversary falls in the window")
        )
        self.win_back_label = QLabel(self.tr("&Win back lapsed up to:"))
        self.win_back_label.setBuddy(self.win_back_spin)
        form.addRow(self.win_back_label, self.win_back_spin)
        self.event_box = QComboBox()
        self.event_box.setEditable(True)
        self.event_box.setToolTip(self.tr("The coming event to fill"))
        self.event_box.currentTextChanged.connect(self._changed)
        self.event_label = QLabel(self.tr("&Event:"))
        self.event_label.setBuddy(self.event_box)
        form.addRow(self.event_label, self.event_box)
        self.lapsed_spin = spin_box(1, 20, "", self.tr(" years"))
        self.lapsed_spin.setValue(3)
        self.lapsed_label = QLabel(self.tr("&Lapsed within:"))
        self.lapsed_label.setBuddy(self.lapsed_spin)
        form.addRow(self.lapsed_label, self.lapsed_spin)
        self.capacity_spin = spin_box(0, 100_000, self.tr("Everybody"), self.tr(" calls"))
        self.capacity_spin.setValue(200)
        self.capacity_spin.setToolTip(self.tr("How many calls the team can make"))
        form.addRow(self.tr("&Capacity:"), self.capacity_spin)
        form.addRow(self.tr("Keep uncalled to &measure:"), self._control_spin())
        self.brief_fields = BriefFields(form, first + relativedelta(months=1, days=-1))
        self.codes_editor = CodesEditor()
        form.addRow(self.codes_editor)
        for spin in (self.win_back_spin, self.lapsed_spin, self.capacity_spin, self.control_spin):
            spin.valueChanged.connect(self._changed)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(form_widget)
        return scroll

    def _control_spin(self) -> QSpinBox:
        """The share of the list kept uncalled as a control group: off unless chosen."""
        self.control_spin = spin_box(0, MAX_PERCENT, self.tr("Off: call everyone"), self.tr(" %"))
        self.control_spin.setToolTip(
            self.tr(
                "Keep a share of the list uncalled, drawn at random within each priority band, "
                "to measure what the calls change: the report compares their renewals with the "
                "called members'. {usual}% is usual; off calls everyone."
            ).format(usual=SUGGESTED_PERCENT)
        )
        return self.control_spin

    def code_choices(self) -> tuple[CodeChoice, ...]:
        """The outcome codes as edited (rows without a code are left out)."""
        return self.codes_editor.code_choices()

    def _kind_changed(self) -> None:
        kind = self.kind()
        shown = {
            "renewal": (self.window_label, self.window_row, self.win_back_label,
                        self.win_back_spin, self.why_button),
            "event": (self.event_label, self.event_box),
            "prospect": (self.lapsed_label, self.lapsed_spin),
        }  # fmt: skip
        for key, widgets in shown.items():
            for widget in widgets:
                widget.setVisible(key == kind)
        self.codes_editor.set_codes(default_codes(kind))
        self._changed()

    def _load_events(self) -> None:
        def show(names: list[str]) -> None:
            self.event_box.blockSignals(True)
            self.event_box.addItems(names)
            self.event_box.setCurrentIndex(-1)
            self.event_box.blockSignals(False)

        self._jobs.query(
            lambda job: coming_events(job.session, job.clock.today()), show, key="events"
        )

    # The request and its preview

    def kind(self) -> Kind:
        """The kind of campaign chosen."""
        kind: Kind = self.kind_box.currentData()
        return kind

    def request(self) -> CampaignRequest:
        """The campaign as the form describes it."""
        return CampaignRequest(
            self.kind(),
            name=" ".join(self.name_edit.text().split()),
            start=qdate_value(self.start_edit.date()),
            end=qdate_value(self.end_edit.date()),
            win_back_years=self.win_back_spin.value() or None,
            event=self.event_box.currentText().strip(),
            lapsed_years=self.lapsed_spin.value(),
            capacity=self.capacity_spin.value() or None,
            brief=self.brief_fields.brief(),
            codes=self.code_choices(),
            control_percent=self.control_spin.value(),
        )

    def _changed(self) -> None:
        self.create_button.setEnabled(False)
        self.summary.setText(self.tr("Planning the list…"))
        self._timer.start()

    def refresh_preview(self) -> None:
        """Plan the list now (nothing is written)."""
        self._timer.stop()
        request = self.request()

        def failed(message: str) -> None:
            self.preview = None
            self.summary.setText(message)
            self.ranked.setRowCount(0)
            self.excluded.clear()

        self._jobs.query(
            lambda job: preview_campaign(job.session, job.clock.today(), request),
            self._show,
            key="preview",
            failed=failed,
        )

    def _preview_panel(self) -> QWidget:
        panel = QWidget()
        layout = QVBoxLayout(panel)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setObjectName("countLabel")
        self.why_button = QPushButton(self.tr("&Why this order?"))
        self.why_button.setToolTip(
            self.tr("What ranks the list, and the counts from your own history behind it")
        )
        self.why_button.clicked.connect(self.explain_order)
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.why_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(top)
        self.ranked = read_only_table(
            [self.tr("Name"), self.tr("Member ID"), self.tr("Expiry"), self.tr("Why this call")]
        )
        self.ranked.verticalHeader().setVisible(True)  # the rank
        self.ranked.setWordWrap(True)  # two lines: the date and the evidence both show
        self.ranked.verticalHeader().setDefaultSectionSize(2 * self.fontMetrics().height() + 8)
        layout.addWidget(self.ranked, 3)
        layout.addWidget(QLabel(self.tr("Left out, by reason (choose one to see who):")))
        self.excluded = QListWidget()
        self.excluded.setMaximumHeight(150)
        self.excluded.currentItemChanged.connect(self._show_excluded)
        layout.addWidget(self.excluded)
        self.excluded_people = QListWidget()
        self.excluded_people.setMaximumHeight(150)
        layout.addWidget(self.excluded_people)
        return panel

    def _show(self, preview: CampaignPreview) -> None:
        self.preview = preview
        self.name_edit.setPlaceholderText(preview.name)
        count = len(preview.selected)
        text = self.tr("%Ln person(s) to call, best first.", "", count)
        if preview.control:
            text = self.tr(
                "%Ln person(s) on the list, best first: {called} to call, {kept} kept uncalled "
                "to measure what the calls change.",
                "",
                count,
            ).format(called=f"{count - preview.control:,}", kept=f"{preview.control:,}")
        if preview.over_capacity:
            text += " " + self.tr("{over} more did not fit the capacity.").format(
                over=f"{preview.over_capacity:,}"
            )
        if preview.model is not None:
            text += " " + self._ranked_by(preview)
        self.summary.setText(text)
        shown = preview.selected[:500]  # the first 500 rows; the count says how many in all
        self.ranked.setRowCount(len(shown))
        for row, person in enumerate(shown):
            for column, value in enumerate(
                (person.name, person.external_id, date_text(person.expiry), person.reason)
            ):
                item = QTableWidgetItem(value)
                item.setToolTip(value)
                self.ranked.setItem(row, column, item)
        self.ranked.resizeColumnsToContents()
        for column, widest in ((0, 150), (1, 90), (2, 80)):
            self.ranked.setColumnWidth(column, min(self.ranked.columnWidth(column), widest))
        self.excluded.clear()
        self.excluded_people.clear()
        for reason, number in preview.excluded.items():
            reason_item = QListWidgetItem(
                self.tr("{reason}: {count}").format(
                    reason=self.tr(REASONS.get(reason, reason)), count=f"{number:,}"
                )
            )
            reason_item.setData(Qt.ItemDataRole.UserRole, reason)
            if not number:
                reason_item.setFlags(Qt.ItemFlag.NoItemFlags)
            self.excluded.addItem(reason_item)
        self.create_button.setEnabled(count > 0)

    def _ranked_by(self, preview: CampaignPreview) -> str:
        model = preview.model
        assert model is not None  # a renewal list
        if model.ready:
            return self.tr("Ranked by what calls changed in your association's history.")
        return self.tr(
            "Ranked by fixed weights until your own history holds {needed} calls whose result "
            "is known (now {count})."
        ).format(needed=f"{MIN_CALLED:,}", count=f"{model.overall.called:,}")

    def explain_order(self) -> None:
        """Open "Why this order" (read in the background)."""

        def shown(dialog: WhyOrderDialog) -> None:
            self.why_dialog = dialog

        open_why_order(self._jobs, self, shown)

    def _show_excluded(self, item: QListWidgetItem | None, _previous: object = None) -> None:
        self.excluded_people.clear()
        if item is None or self.preview is None:
            return
        reason = item.data(Qt.ItemDataRole.UserRole)
        people = self.preview.excluded_people.get(reason, [])
        self.excluded_people.addItems([name for _, name in people])
        more = self.preview.excluded.get(reason, 0) - len(people)
        if more > 0:
            self.excluded_people.addItem(self.tr("… and {more} more").format(more=f"{more:,}"))

    def create_now(self) -> None:
        """Create the campaign as previewed (``create`` is QWidget's own method)."""
        request = self.request()

        def done(created: CreatedCampaign) -> None:
            self.created.emit(created)
            self.accept()

        def failed(message: str) -> None:
            self.create_button.setEnabled(True)
            show_message(self.error, message, error=True)

        self.create_button.setEnabled(False)  # one campaign, however often it is clicked
        self._jobs.op(
            lambda job: create_campaign(job.session, job.clock.today(), request),
            done,
            changes=Change.CAMPAIGNS | Change.CALLS,
            failed=failed,
            title=self.tr("Creating the campaign"),
        )

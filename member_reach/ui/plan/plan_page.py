"""The Plan page: the coming twelve months' calls against the staff's time.

For each month: the renewals due and the coming events' outreach, the calls they need at the
association's rates, the hours, the staff's calls, and where a call partner is needed, with
how many calls to hand over (:func:`member_reach.services.plan.year_plan.plan_year`). A chart
of the months, a table of their figures, which rates were used (the association's own or the
defaults), and the past year's hit rate per conversation by segment. *Export for the call
partner…* writes the plan as a workbook for the partner's staffing.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from member_reach.services.common.changes import Change
from member_reach.services.plan.year_plan import YearPlan, plan_year
from member_reach.ui.core.file_dialogs import save_file_name
from member_reach.ui.core.jobs import Jobs
from member_reach.ui.core.labels import date_text, month_text, number
from member_reach.ui.core.page import Page
from member_reach.ui.core.tasks import TaskRunner
from member_reach.ui.core.workspace import Workspace
from member_reach.ui.plan.plan_chart import PlanChart
from member_reach.ui.plan.plan_tables import (
    months_table,
    segments_table,
    show_months,
    show_segments,
)
from member_reach.ui.widgets.fit_scroll import FitWidthScrollArea
from member_reach.ui.widgets.tables import error_label, show_message

#: What the plan shows: members and their expiries, events, calls logged, the staff settings.
_FOLLOWED = Change.MEMBERS | Change.CAMPAIGNS | Change.CALLS | Change.IMPORTS | Change.SETTINGS


def _note(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setObjectName("pageNote")
    label.setWordWrap(True)
    return label


def _title(text: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName("emptyTitle")
    return label


class PlanPage(Page):
    """The year's call plan: chart, months, rates used, hit rate by segment, and the export.

    Args:
        workspace: the database in use and today's date.
        runner: reads the plan and writes the workbook in the background.
    """

    def __init__(
        self, workspace: Workspace, runner: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(
            self.tr("Plan"),
            self.tr(
                "The coming twelve months' calls — renewals due and event outreach — against "
                "your staff's time, and the months to bring in a call partner."
            ),
            parent,
        )
        self._jobs = Jobs(workspace, runner, self)
        self.plan: YearPlan | None = None
        self.reads = 0  # reads started (what tests check)
        self.summary = QLabel(self.tr("Working out the plan…"))
        self.summary.setWordWrap(True)
        self.export_button = QPushButton(self.tr("&Export for the call partner…"))
        self.export_button.setEnabled(False)
        self.export_button.setToolTip(
            self.tr("Write the plan as a workbook the call partner can staff the months from")
        )
        self.export_button.clicked.connect(self.export)
        self.message = error_label()
        self.chart = PlanChart()
        self.months = months_table()
        self.rates = _note()
        self.events = _note()
        self.segments = segments_table()
        self.body.addWidget(self._scroll(), 1)
        self._jobs.follow(_FOLLOWED, self._read)
        workspace.database_changed.connect(self._jobs.refresh)
        self._jobs.refresh()  # now if shown, else when first shown

    def _scroll(self) -> FitWidthScrollArea:
        holder = QWidget()
        layout = QVBoxLayout(holder)
        layout.setContentsMargins(0, 0, 8, 0)
        layout.setSpacing(10)
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.export_button)
        layout.addLayout(top)
        layout.addWidget(self.message)
        card = QFrame()
        card.setObjectName("card")
        inside = QVBoxLayout(card)
        inside.setContentsMargins(12, 10, 12, 10)
        inside.addWidget(self.chart)
        layout.addWidget(card)
        layout.addWidget(self.months)
        layout.addWidget(self.events)
        layout.addWidget(self.rates)
        layout.addSpacing(8)
        layout.addWidget(_title(self.tr("Which conversations pay")))
        layout.addWidget(
            _note(
                self.tr(
                    "The past year's conversations (answered calls) with members of each group, "
                    "and how many ended in a success. A member may be in several groups."
                )
            )
        )
        layout.addWidget(self.segments)
        layout.addStretch(1)
        scroll = FitWidthScrollArea()
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(holder)
        return scroll

    def _read(self) -> None:
        self.reads += 1
        self._jobs.query(
            lambda job: plan_year(job.session, job.clock.today()),
            self.show_plan,
            key="plan",
            failed=lambda message: show_message(self.message, message, error=True),
        )

    def show_plan(self, plan: YearPlan) -> None:
        """Show ``plan``."""
        self.plan = plan
        self.summary.setText(self._summary(plan))
        self.chart.set_months(plan.months)
        show_months(self.months, plan.months)
        show_segments(self.segments, plan.segments)
        self.rates.setText(self._rates_text(plan))
        self.events.setText(self._events_text(plan))
        self.events.setVisible(bool(plan.events))
        self.export_button.setEnabled(True)

    def _summary(self, plan: YearPlan) -> str:
        partner = plan.partner_months
        if not partner:
            return self.tr("Your staff can make every call of the coming months.")
        months = ", ".join(
            self.tr("{month} ({calls})").format(
                month=month_text(m.month),
                calls=self.tr("%n call(s)", "", m.figures.hand_over),
            )
            for m in partner
        )
        return self.tr(
            "Bring in a call partner in %n month(s): {months}.", "", len(partner)
        ).format(months=months)

    def _rates_text(self, plan: YearPlan) -> str:
        rates, staff, history = plan.rates, plan.capacity, plan.rates.history
        own, usual = self.tr("from your calls of the past year"), self.tr("the usual default")
        text = self.tr(
            "Calls needed: a conversation with each person, at {calls:g} calls per conversation "
            "({calls_from}); successes expected at {successes:g} conversations per success "
            "({successes_from}). Past year: {logged} calls, {talks} conversations, {won} "
            "successes."
        ).format(
            calls=rates.calls_per_conversation,
            calls_from=own if rates.observed_calls else usual,
            successes=rates.conversations_per_success,
            successes_from=own if rates.observed_successes else usual,
            logged=number(history.calls),
            talks=number(history.conversations),
            won=number(history.successes),
        )
        return (
            text
            + " "
            + self.tr(
                "Staff: {callers}, {hours} a week each, {per_hour} an hour "
                "(change them in File › Settings)."
            ).format(
                callers=self.tr("%n caller(s)", "", staff.callers),
                hours=self.tr("%n hour(s)", "", staff.hours_per_week),
                per_hour=self.tr("%n call(s)", "", staff.calls_per_hour),
            )
        )

    def _events_text(self, plan: YearPlan) -> str:
        lines = []
        for event in plan.events:
            line = self.tr("{event} ({day}): %n person(s) to call in {month}", "", event.people)
            line = line.format(
                event=event.name, day=date_text(event.starts_on), month=month_text(event.month)
            )
            if event.from_list:
                line += self.tr(", the calls still open on its list")
            elif event.note:
                line += " — " + event.note
            lines.append(line)
        return self.tr("Event outreach: ") + "; ".join(lines) + "."

    def export(self) -> None:
        """Ask where, then write the plan shown as a workbook for the call partner."""
        plan = self.plan
        if plan is None:
            return
        name, _ = save_file_name(
            self,
            self._jobs.workspace.folders,
            "results",
            self.tr("Export the plan for the call partner"),
            f"Call plan {plan.today:%Y-%m}.xlsx",
            self.tr("Excel workbooks (*.xlsx)"),
        )
        if not name:
            return
        path = Path(name if name.lower().endswith(".xlsx") else name + ".xlsx")
        # openpyxl is loaded by the first export, not with the window (packaging/README.md).
        from member_reach.services.plan.plan_export import export_plan

        self._jobs.op(
            lambda _job: export_plan(plan, path),
            lambda _months: show_message(
                self.message, self.tr("Plan written to {path}.").format(path=path)
            ),
            changes=Change.NONE,  # a file only
            title=self.tr("Exporting the plan"),
            failed=lambda message: show_message(self.message, message, error=True),
        )

"""Why this order: what ranks the renewal lists, and the counts the director can check it by.

With enough history, the factors this association's own data says matter: for each segment
(first-year members, event-goers, members in grace …) how many came due, how many were called,
how many renewed after a call and without one, and the extra renewals per 100 calls the model
expects; the largest difference first. Without it, that the fixed weights are in use, how much
history there is and how much is needed.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from member_reach.domain.segments import SEGMENT_LABELS
from member_reach.domain.uplift_evidence import FactorRow
from member_reach.services.campaigns.learned_ranking import RankingExplanation, explain_ranking
from member_reach.ui.core.jobs import Jobs
from member_reach.ui.core.labels import date_text, number
from member_reach.ui.core.screen_fit import resize_to_fit
from member_reach.ui.widgets.tables import read_only_table

_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def _share(part: int, whole: int) -> str:
    return f"{number(part)} ({round(100 * part / whole)}%)" if whole else "–"


class WhyOrderDialog(QDialog):
    """The ranking's basis and its counts (see the module docstring)."""

    def __init__(self, explanation: RankingExplanation, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Why this order"))
        self.headline = QLabel(self._headline(explanation))
        self.headline.setWordWrap(True)
        self.headline.setObjectName("countLabel")
        self.note = QLabel(self._note(explanation))
        self.note.setWordWrap(True)
        self.note.setObjectName("pageNote")
        self.table = read_only_table(
            [
                self.tr("Group"),
                self.tr("Came due"),
                self.tr("Called"),
                self.tr("Renewed\nafter a call"),
                self.tr("Not called"),
                self.tr("Renewed\nwithout a call"),
                self.tr("Difference"),
                self.tr("Extra renewals\nper 100 calls"),
            ]
        )
        self._fill(explanation.factors)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.headline)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.note)
        layout.addWidget(buttons)
        if explanation.factors:
            resize_to_fit(self, 1040, 460)
        else:  # nothing counted yet: the words alone
            self.table.setVisible(False)
            resize_to_fit(self, 720, 180)

    def _headline(self, explanation: RankingExplanation) -> str:
        overall = explanation.model.overall
        calls = self.tr("%Ln call(s) whose result is known", "", overall.called)
        without = self.tr("%Ln member(s) due without a call", "", overall.uncalled)
        if explanation.model.ready:
            return self.tr(
                "Ranked by what calls changed in your association: the people a call helps "
                "most come first. Learned from {calls} and {without}."
            ).format(calls=calls, without=without)
        needed_calls, needed_without = explanation.needed
        return self.tr(
            "Ranked by fixed weights: {calls} and {without} so far; {called} calls and {uncalled} "
            "members without a call are needed to learn from your association's history."
        ).format(
            calls=calls,
            without=without,
            called=number(needed_calls),
            uncalled=number(needed_without),
        )

    def _note(self, explanation: RankingExplanation) -> str:
        if explanation.history_from is None:
            return self.tr(
                "Import your roster each month and log your calls: renewals are detected "
                "between imports, and the order will follow your own results once there are "
                "enough. Until then: first-year members, members in grace, long tenure, "
                "event-goers, higher dues and no e-mail on file come first."
            )
        counted = self.tr(
            "Counted: memberships that came due from {start}, renewed within {days} days "
            "after expiry (detected by your roster imports or logged on a call)."
        ).format(start=date_text(explanation.history_from), days=explanation.period_days)
        if explanation.model.ready:
            more = self.tr(
                "Difference: the renewal rate after a call minus the rate without one. Extra "
                "renewals per 100 calls: what the model expects for the group, the other "
                "groups taken into account; each person's place on the list follows it."
            )
        else:
            more = self.tr(
                "Until there are enough, first-year members, members in grace, long tenure, "
                "event-goers, higher dues and no e-mail on file come first."
            )
        return f"{counted} {more}"

    def _fill(self, factors: list[FactorRow]) -> None:
        self.table.setRowCount(len(factors))
        for row, factor in enumerate(factors):
            tally = factor.tally
            label = SEGMENT_LABELS.get(factor.key, factor.key)
            difference = "–"
            if factor.difference is not None:
                points = f"{100 * factor.difference:+.0f}"
                difference = self.tr("{points} points").format(points=points)
            extra = "–" if factor.extra_per_100 is None else f"{factor.extra_per_100:.1f}"
            values = (
                label[:1].upper() + label[1:],
                number(tally.members),
                number(tally.called),
                _share(tally.called_renewed, tally.called),
                number(tally.uncalled),
                _share(tally.uncalled_renewed, tally.uncalled),
                difference,
                extra,
            )
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                if column:
                    item.setTextAlignment(_RIGHT)
                self.table.setItem(row, column, item)
        self.table.resizeColumnsToContents()


def open_why_order(jobs: Jobs, parent: QWidget, shown: Callable[[WhyOrderDialog], None]) -> None:
    """Read the explanation in the background, then open the dialog (``shown`` gets it)."""

    def show(explanation: RankingExplanation) -> None:
        dialog = WhyOrderDialog(explanation, parent)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        shown(dialog)

    jobs.query(lambda job: explain_ranking(job.session, job.clock.today()), show, key="why")

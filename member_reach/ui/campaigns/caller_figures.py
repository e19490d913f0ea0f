"""Per-caller figures of the open campaign, partners too: the campaign report's, as a table.

Calls, conversations (answered calls), successes, conversations per success and the amount
promised, per caller, the most successes first. The figures are
:class:`CampaignReport`'s (the results workbook's), never worked out again here.
"""

from __future__ import annotations

from collections.abc import Collection

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QVBoxLayout, QWidget

from member_reach.services.reports.reports import CallerFigures, CampaignReport
from member_reach.ui.core.labels import number
from member_reach.ui.widgets.empty_state import EmptyState
from member_reach.ui.widgets.goal_bar import money
from member_reach.ui.widgets.tables import RowsModel, read_only_view

_DISPLAY = Qt.ItemDataRole.DisplayRole
#: How the report names the calls logged without a caller.
NOT_GIVEN = "(not given)"


class _FiguresModel(RowsModel):
    """The figures as text, the numbers right-aligned."""

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = _DISPLAY) -> object:
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() > 0:
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        return super().data(index, role)


def _per_success(value: float | None) -> str:
    return f"{value:.1f}" if value is not None else "–"


class CallerFiguresView(QWidget):
    """The per-caller table (and a line saying so while nobody has logged a call)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        headings = [
            self.tr("Caller or partner"),
            self.tr("Calls"),
            self.tr("Conversations"),
            self.tr("Successes"),
            self.tr("Conversations per success"),
            self.tr("Amount"),
        ]
        self.model = _FiguresModel(headings, [], parent=self)
        self.table = read_only_view(self.model)
        self.table.horizontalHeader().setStretchLastSection(False)  # a compact table
        self.table.setToolTip(
            self.tr(
                "A conversation is an answered call; the amount is what was promised or paid "
                "on the calls. The same figures as the results workbook."
            )
        )
        self.empty = EmptyState(
            self.tr("No calls logged yet"),
            self.tr("Each caller's and partner's calls and successes show here once logged."),
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty, 1)
        self.empty.setVisible(False)

    def _name(self, figures: CallerFigures, partners: Collection[str]) -> str:
        if figures.caller == NOT_GIVEN:
            return self.tr("No name given")
        if figures.caller in partners:
            return self.tr("{partner} (partner)").format(partner=figures.caller)
        return figures.caller

    def show_report(self, report: CampaignReport, partners: Collection[str] = ()) -> None:
        """Show the report's per-caller figures; ``partners``' names are marked as partners."""
        rows = [
            (
                self._name(f, partners),
                number(f.calls),
                number(f.conversations),
                number(f.successes),
                _per_success(f.conversations_per_success),
                money(f.amount),
            )
            for f in report.callers
        ]
        self.model.beginResetModel()
        self.model.rows = rows
        self.model.endResetModel()
        self.table.resizeColumnsToContents()
        self.table.setVisible(bool(rows))
        self.empty.setVisible(not rows)

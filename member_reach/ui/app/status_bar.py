"""The status bar: which database is in use, and how many members it holds."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QStatusBar, QWidget

from member_reach.ui.core.labels import count_text
from member_reach.ui.core.workspace import Workspace
from member_reach.ui.dashboard.figures import FiguresFeed, MemberFigures


class WorkspaceStatusBar(QStatusBar):
    """Names the database in use and counts its members; follows database switches."""

    def __init__(
        self, workspace: Workspace, feed: FiguresFeed, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self.database_label = QLabel()
        self.count_label = QLabel()
        self.addWidget(self.database_label, 1)
        self.addPermanentWidget(self.count_label)
        workspace.database_changed.connect(self._show_database)
        feed.updated.connect(self._show_figures)
        self._show_database()
        if feed.figures is not None:
            self._show_figures(feed.figures)

    def _show_database(self) -> None:
        label = self._workspace.database.label
        self.database_label.setText(self.tr("Database: {label}").format(label=label))
        self.database_label.setToolTip(label)

    def _show_figures(self, figures: MemberFigures) -> None:
        self.count_label.setText(count_text(figures.members))

"""The status bar: the database in use, its members, and a warning when it is in a synced folder.

Sync tools (OneDrive, Dropbox…) can damage a database while it is open.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QStatusBar, QWidget

from member_reach.ui.core.labels import count_text
from member_reach.ui.core.workspace import Workspace
from member_reach.ui.dashboard.figures import FiguresFeed, MemberFigures
from member_reach.ui.widgets.alert_colours import alert_colour


class WorkspaceStatusBar(QStatusBar):
    """Names the database in use and counts its members; follows database switches."""

    def __init__(
        self, workspace: Workspace, feed: FiguresFeed, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self.database_label = QLabel()
        self.count_label = QLabel()
        self.sync_label = QLabel()
        self.sync_label.setObjectName("syncWarning")
        self.sync_label.setWordWrap(True)
        self.addWidget(self.database_label, 1)
        self.addWidget(self.sync_label, 3)
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
        tool = self._workspace.database.synced_by
        self.sync_label.setVisible(tool is not None)
        self.sync_label.setText(
            self.tr(
                "⚠ In a folder synced by {tool}, which can damage a database while it is open: "
                "keep it in a local folder and use File › Backup… to put copies there."
            ).format(tool=tool)
            if tool
            else ""
        )
        colour = alert_colour(self.sync_label.palette()).name()
        self.sync_label.setStyleSheet(f"color: {colour};")

    def _show_figures(self, figures: MemberFigures) -> None:
        self.count_label.setText(count_text(figures.members))

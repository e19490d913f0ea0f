"""A large place to drop a roster on, with Choose a file… for whoever does not drag.

A file dropped or chosen is handed on (the window opens the import wizard with it); anything
else dropped is refused in one line that says what is taken.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDragLeaveEvent, QDropEvent
from PySide6.QtWidgets import QFrame, QLabel, QPushButton, QVBoxLayout, QWidget

from member_reach.ui.core.file_dialogs import FileFolders
from member_reach.ui.core.icons import icon
from member_reach.ui.imports.import_files import choose_import_file, dropped_file, dropped_files
from member_reach.ui.widgets.alert_colours import alert_colour

_ICON_SIZE = 40


class RosterDropTarget(QFrame):
    """A large "Drop your roster here" place (xlsx, xls, ods or csv), with Choose a file….

    Args:
        folders: where the file dialog starts (the folder the last roster came from).
    """

    #: a roster file was dropped or chosen: its Path
    file_given = Signal(object)

    def __init__(self, folders: FileFolders, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._folders = folders
        self.setObjectName("dropTarget")
        self.setAcceptDrops(True)
        self.setAccessibleName(self.tr("Drop your roster here"))
        picture = QLabel()
        picture.setPixmap(icon("import").pixmap(QSize(_ICON_SIZE, _ICON_SIZE)))
        self.title = QLabel(self.tr("Drop your roster here"))
        self.title.setObjectName("dropTitle")
        self.hint = QLabel(self.tr("xlsx, xls, ods or csv from your membership system"))
        self.hint.setObjectName("dropHint")
        self.choose_button = QPushButton(icon("import"), self.tr("Ch&oose a file…"))
        self.choose_button.setAutoDefault(True)  # Enter presses it when it has the focus
        self.choose_button.setAccessibleName(self.tr("Import your roster: choose the file"))
        self.choose_button.setToolTip(
            self.tr("The roster as your membership system exported it, to import")
        )
        self.choose_button.clicked.connect(self.choose)
        self.message = QLabel()
        self.message.setObjectName("dropMessage")
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setWordWrap(True)
        self.message.setVisible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 18)
        layout.setSpacing(6)
        centre = Qt.AlignmentFlag.AlignHCenter
        for label in (picture, self.title, self.hint, self.message):
            label.setAlignment(centre)
        layout.addWidget(picture, 0, centre)
        layout.addWidget(self.title, 0, centre)
        layout.addWidget(self.hint, 0, centre)
        layout.addSpacing(6)
        layout.addWidget(self.choose_button, 0, centre)
        layout.addWidget(self.message)

    def choose(self) -> None:
        """Choose the roster with the system's file dialog."""
        name = choose_import_file(self, self._folders, "roster")
        if name:
            self._give(Path(name))

    def _give(self, path: Path) -> None:
        self.say("")
        self.file_given.emit(path)

    def say(self, text: str) -> None:
        """Show ``text`` under the button, in the alert colour (nothing: hide the line)."""
        colour = alert_colour(self.palette()).name()
        self.message.setStyleSheet(f"QLabel {{ color: {colour}; font-weight: 600; }}")
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def _set_dragging(self, dragging: bool) -> None:
        self.setProperty("dragging", dragging)  # the style sheet marks the target while over it
        self.style().unpolish(self)
        self.style().polish(self)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        # Any file is let in: a wrong one is refused on the drop, saying what is taken.
        if dropped_files(event.mimeData()):
            self._set_dragging(True)
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragLeaveEvent(self, event: QDragLeaveEvent) -> None:
        self._set_dragging(False)
        super().dragLeaveEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:
        self._set_dragging(False)
        event.acceptProposedAction()
        path = dropped_file(event.mimeData())
        if path is not None:
            self._give(path)
            return
        files = dropped_files(event.mimeData())
        if len(files) == 1:
            self.say(
                self.tr(
                    "{name} is not a roster: drop the xlsx, xls, ods or csv file "
                    "your membership system exported."
                ).format(name=files[0].name)
            )
        else:
            self.say(
                self.tr(
                    "Drop one roster at a time: the xlsx, xls, ods or csv file "
                    "your membership system exported."
                )
            )

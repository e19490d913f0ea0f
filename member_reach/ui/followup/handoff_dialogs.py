"""The two small dialogs of a hand-off: close it with how it ended, or give it to someone else."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from member_reach.services.calls.follow_up import HANDOFF_OUTCOMES, HandOffLine, same_person

_WIDTH = 440


def _about(line: HandOffLine, parent: QWidget) -> QLabel:
    """Who the hand-off is about and what was said, as a caption."""
    said = line.notes.strip() or parent.tr("(no note was written)")
    text = parent.tr("{name} · {campaign} · owner {owner}\nWhat was said: {said}").format(
        name=line.name, campaign=line.campaign or "—", owner=line.owner, said=said
    )
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    return label


class CloseHandOffDialog(QDialog):
    """How a hand-off ended (one of the outcomes, chosen with a key) and a note."""

    def __init__(self, line: HandOffLine, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.line = line
        self.setWindowTitle(self.tr("Close the hand-off of {name}").format(name=line.name))
        self.setMinimumWidth(_WIDTH)
        layout = QVBoxLayout(self)
        layout.addWidget(_about(line, self))
        layout.addWidget(QLabel(self.tr("How did it end?")))
        self.outcomes = QButtonGroup(self)
        labels = {
            "joined": self.tr("&Joined"),
            "renewed": self.tr("&Renewed"),
            "not_interested": self.tr("&Not interested"),
            "passed_on": self.tr("&Passed on to someone else"),
        }
        for code in HANDOFF_OUTCOMES:
            button = QRadioButton(labels[code])
            button.setProperty("code", code)
            self.outcomes.addButton(button)
            layout.addWidget(button)
        notes_label = QLabel(self.tr("N&ote:"))
        self.notes = QPlainTextEdit()
        self.notes.setTabChangesFocus(True)
        self.notes.setPlaceholderText(self.tr("What happened, for whoever reads it later"))
        self.notes.setFixedHeight(80)
        notes_label.setBuddy(self.notes)
        layout.addWidget(notes_label)
        layout.addWidget(self.notes)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = QPushButton(self.tr("Close hand-off"))
        self.ok_button.setDefault(True)
        self.ok_button.setEnabled(False)
        self.buttons.addButton(self.ok_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.outcomes.buttonToggled.connect(
            lambda *_: self.ok_button.setEnabled(self.outcome() != "")
        )
        layout.addWidget(self.buttons)

    def outcome(self) -> str:
        """The outcome chosen (a HANDOFF_OUTCOMES code), or "" while none is."""
        chosen = self.outcomes.checkedButton()
        return str(chosen.property("code")) if chosen is not None else ""

    def note(self) -> str:
        """The note written."""
        return self.notes.toPlainText().strip()


class ReassignDialog(QDialog):
    """The person a hand-off goes to from now on: a known name, or a new one typed in."""

    def __init__(
        self, line: HandOffLine, known: Sequence[str], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.line = line
        self.setWindowTitle(self.tr("Give the hand-off of {name} to…").format(name=line.name))
        self.setMinimumWidth(_WIDTH)
        layout = QVBoxLayout(self)
        layout.addWidget(_about(line, self))
        form = QFormLayout()
        self.owner = QComboBox()
        self.owner.setEditable(True)
        self.owner.addItems([name for name in known if not same_person(name, line.owner)])
        self.owner.setCurrentText("")
        form.addRow(self.tr("&Goes to:"), self.owner)
        layout.addLayout(form)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = QPushButton(self.tr("Reassign"))
        self.ok_button.setDefault(True)
        self.ok_button.setEnabled(False)
        self.buttons.addButton(self.ok_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.owner.currentTextChanged.connect(
            lambda text: self.ok_button.setEnabled(
                bool(text.strip()) and not same_person(text, line.owner)
            )
        )
        layout.addWidget(self.buttons)

    def new_owner(self) -> str:
        """The name given."""
        return " ".join(self.owner.currentText().split())

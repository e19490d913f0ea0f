"""The member card: the side panel of the Members page.

It shows the one-glance context a caller needs (see services.member_card) and lets the contact
details and do-not-call be changed; each change is recorded with the name set in Settings and
the time. Reading and saving run in the background task helper.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from member_reach.services.common.changes import Change
from member_reach.services.members.member_card import MemberCard, edit_contact, member_card
from member_reach.ui.core.jobs import Jobs
from member_reach.ui.core.tasks import TaskRunner
from member_reach.ui.core.workspace import Workspace
from member_reach.ui.members.member_card_text import history_html, summary_html
from member_reach.ui.members.person_erasing import erase_person_asking
from member_reach.ui.widgets.fit_scroll import FitWidthScrollArea
from member_reach.ui.widgets.tables import error_label, show_message

_TEXT_FIELDS = ("first_name", "last_name", "organisation", "job_title", "email", "phone")


class MemberCardPanel(FitWidthScrollArea):
    """Shows one member's card; ``changed`` follows a saved edit.

    Args:
        workspace: the database in use and today's date.
        runner: reads and saves in the background.
        who: gives the name changes are recorded under.
        follow: read the card again when a job changed members or calls (the Members page's
            card); the call console shows the member it holds itself.
    """

    changed = Signal(int)  # the member id whose details were saved

    def __init__(
        self,
        workspace: Workspace,
        runner: TaskRunner,
        who: Callable[[], str],
        *,
        follow: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self._jobs = Jobs(workspace, runner, self)
        self._who = who
        self.card: MemberCard | None = None
        self._requested: int | None = None
        # The changes just saved, until the card is read again: not "unsaved" meanwhile.
        self._saved: dict[str, object] = {}
        self.setFrameShape(QFrame.Shape.NoFrame)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(14, 4, 8, 8)
        self.title = QLabel(self.tr("No member selected"))
        self.title.setObjectName("emptyTitle")
        self.title.setWordWrap(True)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.summary = QLabel(self.tr("Choose someone in the list to see their card."))
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.title)
        layout.addWidget(self.summary)
        self.editor = self._build_editor()
        layout.addWidget(self.editor)
        self.history = QLabel()
        self.history.setWordWrap(True)
        self.history.setTextFormat(Qt.TextFormat.RichText)
        self.history.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.history.setAlignment(Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.history)
        layout.addStretch(1)
        self.setWidget(body)
        self.editor.setVisible(False)
        self._follows = follow
        if follow:
            self._jobs.follow(Change.MEMBERS | Change.CALLS, self._reread)

    def _reread(self) -> None:
        if self._requested is not None:
            self.show_member(self._requested)

    def _build_editor(self) -> QWidget:
        box = QFrame()
        box.setObjectName("card")
        form = QFormLayout(box)
        self.edits: dict[str, QLineEdit] = {}
        labels = {
            "first_name": self.tr("&First name:"),
            "last_name": self.tr("&Last name:"),
            "organisation": self.tr("&Organisation:"),
            "job_title": self.tr("&Job title:"),
            "email": self.tr("&E-mail:"),
            "phone": self.tr("P&hone:"),
        }
        for key in _TEXT_FIELDS:
            edit = QLineEdit()
            edit.textEdited.connect(self._modified)
            self.edits[key] = edit
            form.addRow(labels[key], edit)
        self.edits["phone"].setToolTip(self.tr("With its country code, e.g. +1 212 555 0100"))
        self.do_not_call = QCheckBox(self.tr("Do not &call"))
        self.do_not_call.setToolTip(
            self.tr("Never put on a call list again; their calls still to make are closed")
        )
        self.do_not_email = QCheckBox(self.tr("Do not e-&mail"))
        for box_ in (self.do_not_call, self.do_not_email):
            box_.toggled.connect(self._modified)
        flags = QHBoxLayout()
        flags.addWidget(self.do_not_call)
        flags.addWidget(self.do_not_email)
        flags.addStretch(1)
        form.addRow(flags)
        buttons = QHBoxLayout()
        self.save_button = QPushButton(self.tr("&Save changes"))
        self.save_button.setEnabled(False)
        self.save_button.clicked.connect(self.save)
        self.revert_button = QPushButton(self.tr("&Revert"))
        self.revert_button.setEnabled(False)
        self.revert_button.clicked.connect(self._revert)
        self.erase_button = QPushButton(self.tr("Erase this person…"))
        self.erase_button.setToolTip(self.tr("Remove them everywhere, for a request under GDPR"))
        self.erase_button.clicked.connect(self.erase)
        buttons.addWidget(self.erase_button)
        buttons.addStretch(1)
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.save_button)
        form.addRow(buttons)
        self.error = error_label()
        form.addRow(self.error)
        return box

    def tab_chain(self) -> list[QWidget]:
        """The card's fields and buttons in the order Tab goes through them."""
        return [
            *self.edits.values(),
            self.do_not_call,
            self.do_not_email,
            self.revert_button,
            self.save_button,
            self.erase_button,
        ]

    def _revert(self) -> None:
        if self.card is not None:
            self._show(self.card, keep_saved=True)

    # Loading

    @property
    def requested(self) -> int | None:
        """The member the card shows or is reading (None: nobody)."""
        return self._requested

    def forget(self) -> None:
        """Show nobody, dropping what was typed (the database it was typed for is gone)."""
        self.card = None
        self.show_member(None)

    def show_member(self, member_id: int | None, *, can_stay: bool = True) -> bool:
        """Show ``member_id``'s card (None: nobody); unsaved changes are offered for saving.

        Returns False, showing the card as it was, when the person cancels to go on editing;
        ``can_stay`` False offers no Cancel (the card must follow, as the console's does).
        """
        card = self.card
        leaving = card is not None and card.member_id != member_id and self.changes()
        if leaving and card is not None and not self._may_leave(card, can_stay=can_stay):
            return False  # Cancel: stay on the card, what was typed kept
        self._requested = member_id
        if member_id is None:
            self._jobs.latest.pop("card", None)  # a card still being read is not shown
            self.card = None
            self.title.setText(self.tr("No member selected"))
            self.summary.setText(self.tr("Choose someone in the list to see their card."))
            self.history.clear()
            self.editor.setVisible(False)
            return True
        clock = self._workspace.clock
        today, now = clock.today(), clock.now()
        self._jobs.query(
            lambda job: member_card(job.session, member_id, today, now), self._show, key="card"
        )
        return True

    def _may_leave(self, card: MemberCard, *, can_stay: bool) -> bool:
        """Ask whether to save what was typed on ``card`` (saving it if so); False: Cancel."""
        buttons = QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
        text = self.tr("Save the changes to {name} before leaving the card?")
        if can_stay:
            buttons |= QMessageBox.StandardButton.Cancel
            text = self.tr(
                "Save the changes to {name} before leaving the card? Cancel to go on editing them."
            )
        answer = QMessageBox.question(
            self,
            self.tr("Save the changes?"),
            text.format(name=card.name),
            buttons,
            QMessageBox.StandardButton.Save,
        )
        if answer == QMessageBox.StandardButton.Save:
            self.save()
        return answer in (QMessageBox.StandardButton.Save, QMessageBox.StandardButton.Discard) or (
            not can_stay
        )

    def _show(self, card: MemberCard, *, keep_saved: bool = False) -> None:
        """Show ``card``.

        ``keep_saved`` shows the changes just saved over it (Revert before the card is read
        again).
        """
        # The same member read again (after a save): what was typed since is kept on screen.
        same = self.card is not None and self.card.member_id == card.member_id
        typed = self.changes() if same and not keep_saved else {}
        self.card = card
        if not keep_saved:
            self._saved = {}
        self.title.setText(card.name)
        self.summary.setText(summary_html(card, self._workspace.today))
        for key, edit in self.edits.items():
            edit.blockSignals(True)
            edit.setText(self._base(card, key))
            edit.blockSignals(False)
        for box, value in (
            (self.do_not_call, self._saved.get("do_not_call", card.do_not_call)),
            (self.do_not_email, self._saved.get("do_not_email", card.do_not_email)),
        ):
            box.blockSignals(True)
            box.setChecked(bool(value))
            box.blockSignals(False)
        self.history.setText(history_html(card))
        self.editor.setVisible(True)
        self.error.setVisible(False)
        for key, value in typed.items():
            widget = self.edits.get(key) or (
                self.do_not_call if key == "do_not_call" else self.do_not_email
            )
            widget.blockSignals(True)
            if isinstance(widget, QLineEdit):
                widget.setText(str(value))
            else:
                widget.setChecked(bool(value))
            widget.blockSignals(False)
        self._modified()

    def _base(self, card: MemberCard, key: str) -> str:
        """A field as on file: as just saved, else as the card was read."""
        saved = self._saved.get(key)
        return str(saved).strip() if saved is not None else self._value(card, key)

    @staticmethod
    def _value(card: MemberCard, key: str) -> str:
        if key == "email":
            return card.emails[0] if card.emails else ""
        if key == "phone":
            return card.phones[0].number if card.phones else ""
        return str(getattr(card, key))

    # Editing

    def changes(self) -> dict[str, object]:
        """What differs from the card as loaded."""
        card = self.card
        if card is None:
            return {}
        changed: dict[str, object] = {
            key: edit.text()
            for key, edit in self.edits.items()
            if edit.text().strip() != self._base(card, key)
        }
        for key, box, on_card in (
            ("do_not_call", self.do_not_call, card.do_not_call),
            ("do_not_email", self.do_not_email, card.do_not_email),
        ):
            if box.isChecked() != self._saved.get(key, on_card):
                changed[key] = box.isChecked()
        return changed

    def _modified(self) -> None:
        dirty = bool(self.changes())
        self.save_button.setEnabled(dirty)
        self.revert_button.setEnabled(dirty)

    def save(self) -> None:
        """Save the changed details, recorded under the user's name."""
        card, changes = self.card, self.changes()
        if card is None or not changes:
            return
        follow_changes = self._follows
        who, now = self._who(), self._workspace.clock.now()
        member_id = card.member_id

        before = dict(self._saved)
        # Counted as on file from now on, so that moving to another member while the save runs
        # or before the card is read again does not offer to save them a second time.
        self._saved = {**self._saved, **changes}
        self._modified()

        def failed(message: str) -> None:
            if self._requested == member_id:
                self._saved = before
                self._modified()
            show_message(self.error, message, error=True)

        def saved(_fields: list[str]) -> None:
            # Still the member asked for: read it again (a following card already did).
            if self._requested == member_id and not follow_changes:
                self.show_member(member_id)
            self.changed.emit(member_id)

        self._jobs.op(
            lambda job: edit_contact(job.session, member_id, changes, who, now),
            saved,
            changes=Change.MEMBERS | Change.CALLS,  # do-not-call closes calls still to make
            failed=failed,
            title=self.tr("Saving"),
        )

    def erase(self) -> None:
        """Erase the member shown, once a confirmation naming what goes is answered Yes."""
        if (card := self.card) is not None:
            erase_person_asking(
                self, self._jobs, card.member_id, card.name, lambda: self.show_member(None),
                lambda message: show_message(self.error, message, error=True),
            )  # fmt: skip

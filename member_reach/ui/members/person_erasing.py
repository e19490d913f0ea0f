"""Erase this person…: the member card's action for a request to be forgotten (GDPR).

It reads what erasing would remove, asks with a confirmation that names it, erases in the
background, and says which automatic backups still hold the person.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtWidgets import QMessageBox, QWidget

from member_reach.services.common.changes import Change
from member_reach.services.members.erase import (
    Erasure,
    erase_and_name_backups,
    what_erasing_removes,
)
from member_reach.ui.core.jobs import Jobs


def _tr(text: str) -> str:
    return QCoreApplication.translate("PersonErasing", text)


class _WhatGoes(QObject):
    """The confirmation's counted parts, in a class so that lupdate reads their plural forms."""

    def text(self, erasure: Erasure, name: str) -> str:
        parts = [
            self.tr("%Ln call(s)", "", erasure.calls)
            + " "
            + self.tr("with %Ln attempt(s) and their notes", "", erasure.call_notes),
            self.tr("%Ln hand-off(s)", "", erasure.hand_offs),
            self.tr("%Ln event attendance(s)", "", erasure.attendances),
            self.tr("%Ln renewal(s)", "", erasure.renewals),
            self.tr("%Ln edit(s) made by hand", "", erasure.edits),
            self.tr("%Ln record(s) imports keep for undo", "", erasure.undo_records)
            + " "
            + self.tr("(undoing those imports will not restore them)"),
            self.tr("%Ln imported-row fingerprint(s)", "", erasure.imported_rows),
        ]
        return self.tr(
            "Erase {name} everywhere? This removes their details, e-mails, phones and "
            "membership; {parts}; and what {exports} kept of them.\n\nThis cannot be undone."
        ).format(
            name=name,
            parts="; ".join(parts),
            exports=self.tr("%Ln partner export(s)", "", erasure.exports),
        )


def what_goes(erasure: Erasure, name: str) -> str:
    """The confirmation's text: everything erasing the person removes."""
    return _WhatGoes().text(erasure, name)


def erased_text(erasure: Erasure) -> str:
    """What the message after erasing says: done, and the backups that still hold them."""
    if not erasure.backups:
        return _tr("The person was erased. No automatic backup holds them.")
    files = "\n".join(str(b) for b in erasure.backups)
    return _tr(
        "The person was erased. These automatic backups still hold them; delete them to "
        "erase the person there too:\n{files}"
    ).format(files=files)


def erase_person_asking(
    parent: QWidget,
    jobs: Jobs,
    person_id: int,
    name: str,
    done: Callable[[], object],
    failed: Callable[[str], None],
) -> None:
    """Read what erasing ``person_id`` removes, ask, erase when confirmed, and say it is done.

    ``done`` follows the erasure, before the message naming the backups that still hold them.
    """

    def erased(erasure: Erasure) -> None:
        done()
        QMessageBox.information(parent, _tr("Erased"), erased_text(erasure))

    def ask(erasure: Erasure) -> None:
        answer = QMessageBox.warning(
            parent,
            _tr("Erase this person?"),
            what_goes(erasure, name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        jobs.op(
            lambda job: erase_and_name_backups(job.session, job.database, person_id),
            erased,
            changes=Change.MEMBERS | Change.CALLS | Change.IMPORTS,
            failed=failed,
            title=_tr("Erasing"),
        )

    jobs.query(
        lambda job: what_erasing_removes(job.session, person_id),
        ask,
        key="erase",
        failed=failed,
    )

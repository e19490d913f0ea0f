"""Erase this person…: the member card's action for a request to be forgotten (GDPR).

It reads what erasing would remove, asks with a confirmation that names it, erases in the
background, and says which automatic backups still hold the person.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
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


def what_goes(erasure: Erasure, name: str) -> str:
    """The confirmation's text: everything erasing the person removes."""
    return _tr(
        "Erase {name} everywhere? This removes their details, e-mails, phones and membership; "
        "{calls} calls with {attempts} attempts and their notes; {handoffs} hand-offs; "
        "{events} event attendances; {renewals} renewals; {edits} edits made by hand; "
        "{undo} records imports keep for undo (undoing those imports will not restore them); "
        "{rows} imported-row fingerprints; and what {exports} partner exports kept of them.\n\n"
        "This cannot be undone."
    ).format(
        name=name,
        calls=f"{erasure.calls:,}",
        attempts=f"{erasure.call_notes:,}",
        handoffs=f"{erasure.hand_offs:,}",
        events=f"{erasure.attendances:,}",
        renewals=f"{erasure.renewals:,}",
        edits=f"{erasure.edits:,}",
        undo=f"{erasure.undo_records:,}",
        rows=f"{erasure.imported_rows:,}",
        exports=f"{erasure.exports:,}",
    )


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

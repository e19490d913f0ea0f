"""What the member card says: its summary and history, as rich text, in the user's words.

Dates and times read in the system's short format; states and roles are named, never coded.
"""

from __future__ import annotations

import datetime as dt
import html

from PySide6.QtCore import QCoreApplication

from member_reach.services.members.member_card import MemberCard
from member_reach.ui.core.labels import (
    date_text,
    role_label,
    status_label,
    stored_time_text,
    task_state_label,
)

_CONTEXT = "MemberCardPanel"  # the words were the panel's: their translations stay
_FIELDS = {
    "first_name": "first name",
    "last_name": "last name",
    "organisation": "organisation",
    "job_title": "job title",
    "email": "e-mail",
    "phone": "phone",
    "do_not_call": "do not call",
    "do_not_email": "do not e-mail",
}


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def _e(text: object) -> str:
    return html.escape(str(text))


def expiry_words(expiry: dt.date, today: dt.date) -> str:
    """How an expiry reads: "expires 12/31/26", or "expired on 11/10/26" once past."""
    if expiry < today:
        return _tr("expired on {day}").format(day=date_text(expiry))
    return _tr("expires {day}").format(day=date_text(expiry))


def summary_html(card: MemberCard, today: dt.date) -> str:
    """The card's top lines: status, expiry, tenure, ids, phones with their local time, e-mails."""
    lines = []
    if card.status:
        status = status_label(card.status)
        colour = {"lapsed": "#b3261e", "grace": "#9a6700"}.get(card.status)
        shown = f"<b style='color:{colour}'>{_e(status)}</b>" if colour else f"<b>{_e(status)}</b>"
        expiry = expiry_words(card.expiry, today) if card.expiry else ""
        lines.append(" · ".join(p for p in (shown, _e(card.membership_type), _e(expiry)) if p))
    else:
        lines.append(_e(_tr("Not a member (a contact)")))
    if card.member_since:
        since = _tr("Member since {day} ({tenure})")
        lines.append(_e(since.format(day=date_text(card.member_since), tenure=card.tenure)))
    if card.external_ids:
        lines.append(_e(_tr("Member ID: {ids}").format(ids=", ".join(card.external_ids))))
    for phone in card.phones:
        when = (
            _tr("{time} there, {zone}").format(time=phone.local_time, zone=phone.zone)
            if phone.local_time
            else _tr("local time unknown")
        )
        mark = "" if phone.callable_now or not phone.local_time else _tr(" — outside calling hours")
        lines.append(f"☎ {_e(phone.number)} <span style='color:gray'>({_e(when)}{_e(mark)})</span>")
    for email in card.emails:
        lines.append(f"✉ {_e(email)}")
    if card.place:
        lines.append(f"⌂ {_e(card.place)}")
    if card.as_typed:
        typed = "; ".join(f"{column} “{text}”" for column, text in card.as_typed)
        said = _tr("The last import could not read: {values}").format(values=typed)
        lines.append(f"<span style='color:#9a6700'>{_e(said)}</span>")
    if card.do_not_call:
        lines.append(f"<b style='color:#b3261e'>{_e(_tr('Do not call'))}</b>")
    return "<br>".join(lines)


def history_html(card: MemberCard) -> str:
    """The card's history: calls to make, warm leads, past calls, events, renewals, edits."""
    sections = (
        (_tr("Calls to make"), _task_rows(card), _tr("None open.")),
        (_tr("Warm leads to follow up"), _handoff_rows(card), _tr("None open.")),
        (_tr("Past calls"), _call_rows(card), _tr("Never called.")),
        (_tr("Events"), _event_rows(card), _tr("No events on file.")),
        (_tr("Renewals"), _renewal_rows(card), _tr("No renewal seen by an import yet.")),
        (_tr("Changes made by hand"), _edit_rows(card), _tr("None.")),
    )
    return "".join(
        f"<h4>{_e(title)}</h4>"
        + ("<br>".join(rows) if rows else f"<span style='color:gray'>{_e(empty)}</span>")
        for title, rows, empty in sections
    )


def _task_rows(card: MemberCard) -> list[str]:
    return [
        _e(f"{t.campaign} · {t.ref} · {task_state_label(t.state)}")
        + (
            _e(_tr(" · call back {when}").format(when=stored_time_text(t.next_callback)))
            if t.next_callback
            else ""
        )
        + (_e(f" · {t.assignee}") if t.assignee else "")
        for t in card.open_tasks
    ]


def _handoff_rows(card: MemberCard) -> list[str]:
    return [
        _e(
            _tr("{campaign} · {owner} · due {day}").format(
                campaign=h.campaign or "—", owner=h.owner, day=date_text(h.due_on) or "—"
            )
        )
        + (f"<br><i>{_e(h.notes)}</i>" if h.notes else "")
        for h in card.open_handoffs
    ]


def _call_rows(card: MemberCard) -> list[str]:
    return [
        f"<b>{_e(stored_time_text(c.called_at))}</b> {_e(c.campaign)} · {_e(c.outcome)}"
        + (_e(f" · {c.caller}") if c.caller else "")
        + (f"<br><i>{_e(c.notes)}</i>" if c.notes else "")
        for c in card.calls
    ]


def _event_rows(card: MemberCard) -> list[str]:
    return [
        _e(
            f"{name} ({date_text(day)}): {role_label(role)}"
            + ("" if attended else _tr(", registered"))
        )
        for name, day, role, attended in card.events
    ]


def _renewal_rows(card: MemberCard) -> list[str]:
    return [
        _e(
            _tr("{found}: expiry {old} → {new}").format(
                found=date_text(found), old=date_text(old) or "—", new=date_text(new)
            )
        )
        for found, old, new in card.renewals
    ]


def _edit_rows(card: MemberCard) -> list[str]:
    return [
        _e(
            f"{stored_time_text(e.edited_at)} {e.edited_by}: "
            f"{_tr(_FIELDS.get(e.field, e.field.replace('_', ' ')))} “{e.before}” → “{e.after}”"
        )
        for e in card.edits
    ]

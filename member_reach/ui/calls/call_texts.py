"""What the Calls page says, as plain functions of the console's data.

The brief, a call's local time and attempts, why there is no call, and what logging did; in the
page's translation context.
"""

from __future__ import annotations

import datetime as dt
import html

from PySide6.QtCore import QCoreApplication

from member_reach.services.calls.call_console import CallsWaiting, ConsoleCall, ConsoleCampaign
from member_reach.services.calls.calls import LoggedCall


def _tr(text: str) -> str:
    return QCoreApplication.translate("CallsPage", text)


def _local(moment: dt.datetime) -> dt.datetime:
    """A UTC time (naive) as this computer's local time."""
    return moment.replace(tzinfo=dt.UTC).astimezone()


def brief_html(brief: ConsoleCampaign) -> str:
    """The campaign's brief as rich text (every field escaped)."""
    parts = [f"<h3>{html.escape(brief.name)}</h3>"]
    goal = brief.goal + (
        _tr(" by {date}").format(date=f"{brief.deadline.day} {brief.deadline:%b %Y}")
        if brief.deadline
        else ""
    )
    for title, text in (
        (_tr("Goal"), goal),
        (_tr("Why it matters"), brief.why_it_matters),
        (_tr("Talking points"), brief.talking_points),
        (_tr("Questions and answers"), brief.faq),
        (_tr("Warm leads go to"), brief.handoff_owner),
    ):
        if text.strip():
            body = html.escape(text.strip()).replace("\n", "<br>")
            parts.append(f"<p><b>{html.escape(title)}</b><br>{body}</p>")
    return "".join(parts)


def when_text(call: ConsoleCall) -> str:
    """The member's local time, the callback asked for and the earlier attempts."""
    when = (
        _tr("{time} there ({zone})").format(time=call.local_time, zone=call.zone)
        if call.local_time
        else ""
    )
    if call.callback_due is not None:
        due = _local(call.callback_due)
        when += "  ·  " + _tr("callback asked for {moment}").format(
            moment=f"{due.day} {due:%b %H:%M}"
        )
    if call.attempts:
        when += "  ·  " + _tr("earlier attempts: {count}").format(count=call.attempts)
    return when


def waiting_text(waiting: CallsWaiting) -> str:
    """Why there is no call to make now, with the counts."""
    if not waiting.open_calls:
        return _tr("Every call of this campaign has been made.")
    reasons = [
        template.format(count=count)
        for count, template in (
            (waiting.outside_hours, _tr("{count} waiting for their local calling hours")),
            (
                waiting.unknown_time,
                _tr(
                    "{count} whose local time cannot be told from their number (check "
                    "it on their card)"
                ),
            ),
            (waiting.callbacks_later, _tr("{count} with a callback for later")),
            (waiting.held_by_others, _tr("{count} held by other callers")),
            (waiting.tried_recently, _tr("{count} tried in the last hours, to try again later")),
            (waiting.for_others, _tr("{count} assigned to other callers or partners")),
            (waiting.do_not_call, _tr("{count} to people now marked do-not-call")),
            (waiting.skipped, _tr("you skipped {count}")),
        )
        if count
    ]
    if not reasons:
        return _tr("No call for you to make now.")
    return _tr("No call to make now: {reasons}.").format(reasons="; ".join(reasons))


def logged_text(logged: LoggedCall, brief: ConsoleCampaign | None, name: str) -> str:
    """What logging a call did, named by the campaign's label of its outcome."""
    codes = brief.codes if brief is not None else ()
    code = next((c for c in codes if c.code == logged.code), None)
    done = _tr("Logged “{outcome}” for {name}.").format(
        outcome=code.label if code else logged.code, name=name
    )
    if logged.handoff_id is not None:
        owner = brief.handoff_owner if brief is not None else ""
        done += " " + _tr("Handed to {owner} as a warm lead.").format(owner=owner or _tr("staff"))
    return done

"""What the Calls page says, as plain functions of the console's data.

The brief, a call's local time and attempts, why there is no call, and what logging did; in the
page's translation context.
"""

from __future__ import annotations

import datetime as dt
import html

from PySide6.QtCore import QCoreApplication

from member_reach.domain.calling_hours import utc_to_wall_time, wall_time_to_utc
from member_reach.services.calls.call_console import CallsWaiting, ConsoleCall, ConsoleCampaign
from member_reach.services.calls.calls import LoggedCall
from member_reach.ui.core.labels import date_text, time_text
from member_reach.ui.core.local_time import day_and_time


def _tr(text: str) -> str:
    return QCoreApplication.translate("CallsPage", text)


def _local(moment: dt.datetime) -> dt.datetime:
    """A UTC time (naive) as this computer's local time."""
    return moment.replace(tzinfo=dt.UTC).astimezone()


def brief_html(brief: ConsoleCampaign) -> str:
    """The campaign's brief as rich text (every field escaped)."""
    parts = [f"<h3>{html.escape(brief.name)}</h3>"]
    goal = brief.goal + (
        _tr(" by {date}").format(date=date_text(brief.deadline)) if brief.deadline else ""
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


def _day_and_time(moment: dt.datetime, today: dt.date) -> str:
    """A clock time ``moment`` (naive) as 14:00, tomorrow 09:00 or 7 Dec 09:00."""
    if moment.date() == today:
        return time_text(moment)
    if moment.date() == today + dt.timedelta(days=1):
        return _tr("tomorrow {time}").format(time=time_text(moment))
    return day_and_time(moment)


def callback_beside(wall: dt.datetime, zone: str) -> str:
    """Whose time a callback typed as ``wall`` is, with the caller's time when it differs."""
    if not zone:
        return _tr("your time (theirs cannot be told)")
    mine = _local(wall_time_to_utc(wall, zone)).replace(tzinfo=None)
    if mine == wall:
        return _tr("their time (the same as yours)")
    return _tr("their time · {moment} your time").format(moment=_day_and_time(mine, wall.date()))


def when_text(call: ConsoleCall, now: dt.datetime | None = None) -> str:
    """The member's local time (at ``now``, UTC), the callback asked for, the earlier attempts."""
    local = call.local_time
    if now is not None and call.zone:
        local = time_text(utc_to_wall_time(now, call.zone))
    when = _tr("{time} there ({zone})").format(time=local, zone=call.zone) if local else ""
    if call.callback_due is not None:
        there = utc_to_wall_time(call.callback_due, call.zone) if call.zone else None
        mine = _local(call.callback_due).replace(tzinfo=None)
        moment = day_and_time(there or mine)
        if there is not None and there != mine:
            moment += " " + _tr("their time ({mine} yours)").format(mine=time_text(mine))
        when += "  ·  " + _tr("callback asked for {moment}").format(moment=moment)
    if call.attempts:
        when += "  ·  " + _tr("earlier attempts: {count}").format(count=call.attempts)
    return when


def next_at_text(waiting: CallsWaiting, now: dt.datetime) -> str:
    """When the first waiting call can be rung, in the caller's time ("" when none can)."""
    if waiting.next_at is None:
        return ""
    moment = _local(waiting.next_at).replace(tzinfo=None)
    today = _local(now).date()
    if moment.date() == today:
        return _tr("The next one can be rung at {time} your time.").format(time=time_text(moment))
    if moment.date() == today + dt.timedelta(days=1):
        return _tr("The next one can be rung tomorrow at {time} your time.").format(
            time=time_text(moment)
        )
    return _tr("The next one can be rung on {day} at {time} your time.").format(
        day=date_text(moment.date()), time=time_text(moment)
    )


def waiting_text(waiting: CallsWaiting, now: dt.datetime | None = None) -> str:
    """Why there is no call to make now, with the counts, and when the next one comes."""
    text = _why_waiting(waiting)
    later = next_at_text(waiting, now) if now is not None else ""
    return f"{text} {later}".strip()


def _why_waiting(waiting: CallsWaiting) -> str:
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

"""The command line's own hints: the option or command that does what a message asks.

Messages from the services, the store and the readers say what to do in words every user
understands ("give its password"), never in command-line syntax. An error whose "what to do" is an
option or a command here carries a :class:`~member_reach.domain.remedies.Remedy`; this is the one
place that turns it into the syntax, added in brackets before the message's last full stop:
``encrypted.xlsx: is protected by a password; give its password (--password PW)``.
"""

from __future__ import annotations

import argparse
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final

from member_reach.domain.remedies import Remedy


@dataclass(frozen=True)
class Hint:
    """The syntax for one remedy.

    Attributes:
        text: what to type, as the usage writes it.
        option: the ``argparse`` destination of the option the hint names, or "" for a command;
            a command that does not take that option gets no hint (it would not work there).
    """

    text: str
    option: str = ""


HINTS: Final[Mapping[Remedy, Hint]] = {
    Remedy.GIVE_PASSWORD: Hint("--password PW", "password"),
    Remedy.CHOOSE_SHEET: Hint("--sheet NAME", "sheet"),
    Remedy.CHOOSE_HIDDEN_SHEET: Hint("or name it with --sheet NAME", "sheet"),
    Remedy.CHOOSE_MAPPING: Hint("--profile NAME", "profile"),
    Remedy.NAME_EVENT: Hint("--event NAME", "event"),
    Remedy.IMPORT_ATTENDEES: Hint("member-reach import events FILE --event NAME"),
    Remedy.NAME_PAST_SERIES: Hint("--past-series NAME", "past_series"),
    Remedy.NAME_PAST_EVENTS: Hint("--past-event NAME, once for each", "past_event"),
    Remedy.LOOK_UP_CAMPAIGN: Hint("member-reach campaign list"),
    Remedy.LOOK_UP_CALL: Hint("member-reach campaign show CAMPAIGN"),
    Remedy.GIVE_CALLBACK: Hint("--callback YYYY-MM-DDTHH:MM, their local time", "callback"),
    Remedy.UPGRADE_DATABASE: Hint("member-reach db upgrade"),
}


def hint_for(remedy: Remedy | None, args: argparse.Namespace) -> str:
    """The syntax for ``remedy`` on the command ``args`` ran, or "" when there is none."""
    if remedy is None:
        return ""
    hint = HINTS[remedy]
    if hint.option and not hasattr(args, hint.option):
        return ""
    return hint.text


def with_hint(message: str, remedy: Remedy | None, args: argparse.Namespace) -> str:
    """``message`` with the command line's hint for ``remedy`` added in brackets."""
    hint = hint_for(remedy, args)
    if not hint:
        return message
    body, stop = (message[:-1], ".") if message.endswith(".") else (message, "")
    return f"{body} ({hint}){stop}"

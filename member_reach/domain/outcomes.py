"""Outcome codes: what a call achieved, each in a category, with defaults per campaign kind.

Categories: **success** (the goal: renewed, registered, joined, sponsor), **positive** (promised,
interested: a warm lead handed to staff), **neutral** (no answer, voicemail, busy, call back),
**negative** (declined, wrong number) and **do-not-call** (flags the person everywhere). An
*answered* code counts as a conversation for the hit rate. A code that *asks for a callback*
cannot be logged without the time to call back.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

CATEGORIES: Final = ("success", "positive", "neutral", "negative", "do-not-call")


@dataclass(frozen=True)
class DefaultCode:
    """An outcome code a new campaign starts with (the director may edit them)."""

    code: str
    label: str
    category: str
    answered: bool = True
    creates_handoff: bool = False
    asks_callback: bool = False  # logging it needs the time to call back


_NEUTRAL_AND_AFTER: Final = (
    DefaultCode("no_answer", "No answer", "neutral", answered=False),
    DefaultCode("voicemail", "Left a voicemail", "neutral", answered=False),
    DefaultCode("busy", "Line busy", "neutral", answered=False),
    DefaultCode("callback", "Asked to be called back", "neutral", asks_callback=True),
    DefaultCode("declined", "Declined", "negative"),
    DefaultCode("wrong_number", "Wrong number", "negative", answered=False),
    DefaultCode("do_not_call", "Asked not to be called again", "do-not-call"),
)
_INTERESTED: Final = DefaultCode(
    "interested", "Interested: staff to follow up", "positive", creates_handoff=True
)

DEFAULT_CODES: Final[dict[str, tuple[DefaultCode, ...]]] = {
    "renewal": (
        DefaultCode("renewed", "Renewed on the call", "success"),
        DefaultCode("promised", "Promised to renew", "positive"),
        _INTERESTED,
        *_NEUTRAL_AND_AFTER,
    ),
    "event": (
        DefaultCode("registered", "Registered on the call", "success"),
        DefaultCode("sponsor", "Will sponsor or exhibit", "success"),
        DefaultCode("promised", "Promised to register", "positive"),
        _INTERESTED,
        *_NEUTRAL_AND_AFTER,
    ),
    "prospect": (
        DefaultCode("joined", "Joined on the call", "success"),
        DefaultCode("promised", "Promised to join", "positive"),
        _INTERESTED,
        *_NEUTRAL_AND_AFTER,
    ),
}
DEFAULT_CODES["lapsed"] = DEFAULT_CODES["renewal"]
DEFAULT_CODES["custom"] = DEFAULT_CODES["prospect"]

"""What a job changed, so that only the pages showing it read again (Anki's OpChanges idea).

A job that writes declares its :class:`Change` flags; the GUI tells the pages, and each page
reads again only when a flag it shows is set, and only when it is on screen (otherwise it is
marked stale and reads when next shown).
"""

from __future__ import annotations

import enum


class Change(enum.Flag):
    """The kinds of data a job may change."""

    NONE = 0
    #: people, memberships, contact details, do-not-call (member list, card, figures)
    MEMBERS = enum.auto()
    #: campaigns themselves: created, their brief, codes, state (campaign lists)
    CAMPAIGNS = enum.auto()
    #: calls and their logs: logged, reserved, assigned, released (console, campaign page, goals)
    CALLS = enum.auto()
    #: import and export batches (history, exchange page)
    IMPORTS = enum.auto()
    #: the association's settings
    SETTINGS = enum.auto()
    #: another database, or anything at all
    EVERYTHING = MEMBERS | CAMPAIGNS | CALLS | IMPORTS | SETTINGS

"""Words shown for stored values: statuses, counts and dates, each through the translator."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from PySide6.QtCore import QCoreApplication, QDate, QLocale, QObject, QTime

_CONTEXT = "labels"
_SHORT = QLocale.FormatType.ShortFormat
# Currencies whose sign everyone reads; the others are written as their code.
_SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥", "INR": "₹"}


def tr(text: str) -> str:
    """Translate ``text`` in this module's context."""
    return QCoreApplication.translate(_CONTEXT, text)


def status_label(status: str) -> str:
    """Return how a status value reads on screen ("grace" -> "In grace")."""
    labels = {
        "new": tr("New"),
        "current": tr("Current"),
        "grace": tr("In grace"),
        "lapsed": tr("Lapsed"),
        "lifetime": tr("Lifetime"),
        "unknown": tr("Expiry unknown"),
        "": tr("Not a member"),
    }
    return labels.get(status, status.capitalize())


def status_description(status: str) -> str:
    """Return one line saying what a status means, for the dashboard."""
    descriptions = {
        "new": tr("Joined recently, in their first term"),
        "current": tr("Paid up"),
        "grace": tr("Expired recently, still in the grace period"),
        "lapsed": tr("Expired and past the grace period"),
        "lifetime": tr("Never expire"),
        "unknown": tr("No expiry date on file"),
    }
    return descriptions.get(status, "")


def number(value: int) -> str:
    """Format a count with the user's digit grouping (1,234)."""
    return _locale().toString(value)


class _Counts(QObject):
    """Counted texts of this module, in a class so that lupdate reads their plural forms."""

    def people(self, count: int) -> str:
        return self.tr("%Ln person(s)", "", count)

    def members(self, count: int) -> str:
        return self.tr("%Ln member(s)", "", count)


def count_text(count: int, *, people: bool = False) -> str:
    """Return "1 member", "1,234 members" (or people when non-members are included)."""
    counts = _Counts()
    return counts.people(count) if people else counts.members(count)


def _locale() -> QLocale:
    """The user's locale; the bare "C" one (no language set) reads as US English."""
    locale = QLocale()
    if locale.language() == QLocale.Language.C:
        return QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)
    return locale


def date_text(value: dt.date | None) -> str:
    """Format a date in the system's short format (12/31/27, 31/12/2027); empty for no date."""
    if value is None:
        return ""
    return _locale().toString(QDate(value.year, value.month, value.day), _SHORT)


def date_input_format() -> str:
    """How a date field shows its date: the system's short format, as the window's dates."""
    return _locale().dateFormat(_SHORT)


def date_time_input_format() -> str:
    """How a date-and-time field shows its moment: the system's short formats."""
    return f"{_locale().dateFormat(_SHORT)} {_locale().timeFormat(_SHORT)}"


def time_text(moment: dt.datetime | dt.time) -> str:
    """A clock time in the system's short format (2:05 PM, 14:05)."""
    return _locale().toString(QTime(moment.hour, moment.minute), _SHORT)


def date_time_text(moment: dt.datetime | None) -> str:
    """Format a day and time in the system's short formats (12/31/27 2:05 PM)."""
    if moment is None:
        return ""
    return f"{date_text(moment.date())} {time_text(moment)}"


def stored_time_text(moment: dt.datetime | None) -> str:
    """A moment as stored (UTC, without a zone) in this computer's time, short formats."""
    if moment is None:
        return ""
    return date_time_text(moment.replace(tzinfo=dt.UTC).astimezone().replace(tzinfo=None))


def month_text(value: dt.date) -> str:
    """A month in the user's language, short (Nov 2026, nov. 2026)."""
    return _locale().toString(QDate(value.year, value.month, 1), "MMM yyyy")


def money_text(amount: Decimal, currency: str = "") -> str:
    """An amount with two decimals and the user's grouping, in ``currency`` when one is set.

    ``currency`` is an ISO 4217 code: shown as its symbol where the user's language has one
    ("$4,200.00", "4 200,00 €"), else as the code ("CHF 4,200.00").
    """
    locale = _locale()
    if not currency:
        return locale.toString(float(amount), "f", 2)
    symbol = _SYMBOLS.get(currency.upper(), currency.upper() + "\u00a0")
    return locale.toCurrencyString(float(amount), symbol, 2)


def task_state_label(state: str) -> str:
    """Return how a call task's state reads ("open" -> "To call")."""
    labels = {
        "open": tr("To call"),
        "reserved": tr("Reserved"),
        "done": tr("Done"),
        "closed": tr("Closed"),
        "renewed": tr("Renewed (roster)"),
        "control": tr("Not called: control group"),
    }
    return labels.get(state, state.replace("_", " ").capitalize())


def role_label(role: str) -> str:
    """Return how a role at an event reads ("attendee" -> "Attendee")."""
    labels = {
        "attendee": tr("Attendee"),
        "exhibitor": tr("Exhibitor"),
        "sponsor": tr("Sponsor"),
        "speaker": tr("Speaker"),
    }
    return labels.get(role, role.replace("_", " ").capitalize())

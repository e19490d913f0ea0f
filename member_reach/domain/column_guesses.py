"""Mapping columns by their names and their values, each guess with its evidence and confidence.

A column's name proposes a field (:func:`~member_reach.domain.columns.match_header`); its values
(:mod:`.column_profile`) confirm the name, or contradict it: an IP column is never an address, a
column of a few small numbers that repeat is never a member id, website roles are not job titles,
and small numbers under a name found by its words ("Member type id") are a type's number, not its
name.
Two date columns a term apart (12 months, or 1 to 5 years) are a term's start and expiry. A column
whose name says nothing may be proposed from its values alone, with low confidence.

Guesses of high and medium confidence are taken; low ones are proposals a person confirms (the
wizard asks; the command line reports them and takes them only when told to).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Final

from member_reach.domain.column_profile import PROFILE_ROWS, ColumnProfile, Kind, profile_columns
from member_reach.domain.columns import (
    ADDRESS_FIELDS,
    DATE_FIELDS,
    EMAIL_FIELDS,
    LABELS,
    Field,
    match_header,
    normalise_header,
)
from member_reach.domain.contacts import clean_text
from member_reach.domain.terms import add_months

#: Fewer values than this say nothing about a column.
MIN_VALUES: Final = 3
#: The share of a column's values that makes it "a column of" that kind.
MOSTLY: Final = 0.8
_SECONDARY: Final = {
    Field.EMAIL: Field.EMAIL_2,
    Field.PHONE: Field.PHONE_2,
    Field.MOBILE: Field.PHONE_2,
}
#: Fields holding words: a column of e-mails, IP or web addresses is none of them.
_WORD_FIELDS: Final = ADDRESS_FIELDS | {
    Field.FULL_NAME,
    Field.FIRST_NAME,
    Field.MIDDLE_NAME,
    Field.LAST_NAME,
    Field.ORGANISATION,
    Field.JOB_TITLE,
    Field.MEMBERSHIP_TYPE,
}
_NOT_WORDS: Final = (Kind.EMAIL, Kind.IP, Kind.URL)
#: What a column of each kind is proposed as, from its values alone.
_FROM_VALUES: Final = {
    Kind.EMAIL: Field.EMAIL,
    Kind.PHONE: Field.PHONE,
    Kind.COUNTRY: Field.COUNTRY,
    Kind.TERM_WORD: Field.MEMBERSHIP_TYPE,
}
#: Terms (months) two dates of a row may be apart to be a term's start and end.
_TERMS: Final = frozenset({12, 24, 36, 48, 60})


class Confidence(StrEnum):
    """How sure a guess is: high and medium are taken, low ones wait for a person."""

    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


@dataclass(frozen=True)
class ColumnGuess:
    """What one column is guessed to hold, and why.

    Attributes:
        field: the field proposed, or None (nothing: the column is ignored).
        confidence: how sure the guess is.
        evidence: why, in words: "name matches 'email'; 100% e-mail addresses".
    """

    field: Field | None
    confidence: Confidence
    evidence: str

    @property
    def to_confirm(self) -> bool:
        """A proposal a person confirms before it is taken."""
        return self.field is not None and self.confidence is Confidence.LOW


@dataclass(frozen=True)
class MappingGuess:
    """Every column's guess; the mapping of those taken without asking.

    Attributes:
        columns: the fields of the guesses of high and medium confidence, by 0-based column.
        guesses: each column's guess (the low ones and the columns ignored included).
    """

    columns: Mapping[int, Field] = field(default_factory=dict)
    guesses: Mapping[int, ColumnGuess] = field(default_factory=dict)

    def to_confirm(self) -> dict[int, ColumnGuess]:
        """The low-confidence proposals, by column."""
        return {i: g for i, g in self.guesses.items() if g.to_confirm}


def percent(share: float) -> str:
    """A share as a person reads it: never 100% unless all, never 0% unless none."""
    value = round(share * 100)
    if value == 100 and share < 1:
        value = 99
    elif value == 0 and share > 0:
        value = 1
    return f"{value}%"


def describe_values(profile: ColumnProfile) -> str:
    """The values in a few words: "98% dates", "mixed values", "no values"."""
    if profile.filled == 0:
        return "no values"
    kind, share = profile.main_kind
    if kind is Kind.TEXT or share < 0.5:
        return "mixed values" if share < 0.5 else "text"
    if kind is Kind.COUNTRY_CODE:
        share += profile.share(Kind.COUNTRY)
        kind = Kind.COUNTRY
    return f"{percent(share)} {kind.value}"


def _examples(profile: ColumnProfile) -> str:
    return ", ".join(profile.common[:3])


def judge(
    wanted: Field, exact: bool, profile: ColumnProfile
) -> tuple[Field | None, Confidence, str]:
    """A name's field against the column's values: kept (how sure), or refused (None).

    Returns:
        the field (None: refused), the confidence, and what the values say (may be "").
    """
    name_trust = Confidence.HIGH if exact else Confidence.MEDIUM
    if profile.filled < MIN_VALUES:
        return wanted, name_trust, "too few values to check"
    kind, share = profile.main_kind
    said = describe_values(profile)
    if wanted in _WORD_FIELDS and kind in _NOT_WORDS and share >= MOSTLY:
        label = LABELS[wanted].lower()
        article = "an" if label[0] in "aeiou" else "a"
        return None, Confidence.HIGH, f"{said}, not {article} {label}"
    if wanted is Field.EXTERNAL_ID:
        return _judge_id(profile, name_trust)
    if wanted is Field.JOB_TITLE:
        for other in (Kind.WEB_ROLE, Kind.HONORIFIC):
            if profile.share(other) >= 0.6:
                found = f"{percent(profile.share(other))} {other.value} ({_examples(profile)})"
                return None, Confidence.HIGH, f"{found}: not a job title"
    if wanted in DATE_FIELDS or wanted is Field.REGISTERED_ON:
        dates = profile.share(Kind.DATE)
        if dates >= MOSTLY:  # the values confirm the name
            return wanted, Confidence.HIGH, f"{percent(dates)} dates"
        if dates == 0 and not exact:  # MemberPress's expired_txn_count: "expir" in a count
            return None, Confidence.HIGH, f"no dates ({said})"
        return wanted, Confidence.MEDIUM, f"only {percent(dates)} dates"
    return _judge_contact(wanted, exact, profile, name_trust, said)


def _judge_contact(
    wanted: Field, exact: bool, profile: ColumnProfile, trust: Confidence, said: str
) -> tuple[Field | None, Confidence, str]:
    """E-mails, phones, countries and membership types: what their values must look like."""
    needed = {
        **dict.fromkeys(EMAIL_FIELDS, Kind.EMAIL),
        **dict.fromkeys((Field.PHONE, Field.MOBILE, Field.PHONE_2), Kind.PHONE),
    }.get(wanted)
    if needed is not None:
        share = profile.share(needed)
        if share >= 0.6:
            sure = Confidence.HIGH if share >= MOSTLY else trust  # the values confirm the name
            return wanted, sure, f"{percent(share)} {needed.value}"
        if share == 0 and not exact:
            return None, Confidence.HIGH, f"no {needed.value} ({said})"
        return wanted, Confidence.MEDIUM, f"only {percent(share)} {needed.value}"
    if wanted is Field.COUNTRY:
        share = profile.share(Kind.COUNTRY) + profile.share(Kind.COUNTRY_CODE)
        return wanted, trust if share >= 0.6 else Confidence.MEDIUM, f"{percent(share)} countries"
    if wanted is Field.MEMBERSHIP_TYPE and profile.share(Kind.TERM_WORD) > 0:
        kinds = ", ".join(profile.common)
        return wanted, Confidence.HIGH, f"values name membership kinds ({kinds})"
    if wanted is Field.MEMBERSHIP_TYPE and not exact and profile.share(Kind.SMALL_NUMBER) >= MOSTLY:
        # Dolibarr's "Member type id" beside its "Member type label": the type's number.
        return None, Confidence.HIGH, f"{said}: a type's number, not its name"
    return wanted, trust, "" if said in ("text", "mixed values") else said


def _judge_id(profile: ColumnProfile, trust: Confidence) -> tuple[Field | None, Confidence, str]:
    """A member id is one per person: a column of a few small numbers that repeat is not one."""
    distinct = profile.distinct_share
    small = profile.share(Kind.SMALL_NUMBER) >= 0.9
    if small and profile.distinct < profile.filled and profile.distinct <= 20:
        return (
            None,
            Confidence.HIGH,
            f"{profile.distinct} different small numbers ({_examples(profile)}) that repeat: "
            "a level or a code, not a member id",
        )
    if distinct < 0.5:
        return None, Confidence.HIGH, f"only {percent(distinct)} different values: not an id"
    if distinct < 0.9 and profile.filled >= 10:
        # A member on several rows (a renewal and its earlier term) is common: the import tells
        # such rows apart from two people sharing an id by their names and e-mails.
        return (
            Field.EXTERNAL_ID,
            Confidence.MEDIUM,
            f"{percent(distinct)} different values: some members are on several rows",
        )
    return Field.EXTERNAL_ID, trust, f"{percent(distinct)} different values"


def _by_name(header: Sequence[str], profiles: Sequence[ColumnProfile]) -> dict[int, ColumnGuess]:
    guesses: dict[int, ColumnGuess] = {}
    for index, profile in enumerate(profiles):
        name = header[index] if index < len(header) else ""
        match = match_header(name) if name else None
        if match is None:
            continue
        wanted, how, exact = match
        got, confidence, values = judge(wanted, exact, profile)
        guesses[index] = ColumnGuess(got, confidence, "; ".join(p for p in (how, values) if p))
    return guesses


def _from_values(profile: ColumnProfile) -> Field | None:
    if profile.filled < MIN_VALUES:
        return None
    kind, share = profile.main_kind
    if kind is Kind.COUNTRY_CODE:  # state codes (CA, IN, DE) are country codes too
        return None
    if kind is Kind.COUNTRY:
        share += profile.share(Kind.COUNTRY_CODE)
    return _FROM_VALUES.get(kind) if share >= MOSTLY else None


def term_months(start: dt.date, end: dt.date) -> int | None:
    """The term (12, 24... 60 months) ``end`` is after ``start`` (within 3 days), or None."""
    days = (end - start).days
    if days <= 0:
        return None
    months = round(days / 30.4375)
    if months not in _TERMS:
        return None
    return months if abs((end - add_months(start, months)).days) <= 3 else None


def _term_apart(first: ColumnProfile, second: ColumnProfile) -> tuple[int, float] | None:
    """The term most of the rows' second dates are after their first ones, and its share."""
    rows = first.row_dates.keys() & second.row_dates.keys()
    if len(rows) < MIN_VALUES:
        return None
    terms = Counter(term_months(first.row_dates[r], second.row_dates[r]) for r in rows)
    terms.pop(None, None)
    if not terms:
        return None
    months, count = terms.most_common(1)[0]
    share = count / len(rows)
    return (months, share) if months is not None and share >= MOSTLY else None


def _spell_term(months: int) -> str:
    return "12 months" if months == 12 else f"{months // 12} years"


def _pair_dates(
    header: Sequence[str], profiles: Sequence[ColumnProfile], guesses: dict[int, ColumnGuess]
) -> None:
    """Two date columns a term apart: the earlier one's dates start the term, the other's end it."""
    dated = [i for i, p in enumerate(profiles) if p.share(Kind.DATE) >= MOSTLY and p.row_dates]
    paired: set[int] = set()
    for start in dated:
        for end in dated:
            if start == end or {start, end} & paired:
                continue
            found = _term_apart(profiles[start], profiles[end])
            if found is None:
                continue
            paired |= {start, end}
            months, share = found
            term = _spell_term(months)
            _pair_one(guesses, end, Field.EXPIRY, f"{term} after '{header[start]}'", share)
            _pair_one(guesses, start, Field.TERM_START, f"{term} before '{header[end]}'", share)


def _pair_one(
    guesses: dict[int, ColumnGuess], index: int, wanted: Field, how: str, share: float
) -> None:
    guess = guesses.get(index)
    said = f"{percent(share)} of rows {how}" if share < 1 else how
    if guess is None or guess.field is None:
        guesses[index] = ColumnGuess(wanted, Confidence.LOW, said)
    elif guess.field is wanted:
        guesses[index] = replace(guess, evidence=f"{guess.evidence}; {said}")


def guess_mapping(header: Sequence[str], rows: Sequence[Sequence[object]]) -> MappingGuess:
    """Guess each column's field from its name and the values of the first rows.

    Args:
        header: the column names.
        rows: the first rows' cells (the first :data:`~.column_profile.PROFILE_ROWS` are read).

    Returns:
        Every column's guess; a field is fed by one column at most (a second e-mail or phone
        column feeds the secondary field), names first (a bare "id" after other member ids),
        then values alone.
    """
    width = max([len(header), *(len(r) for r in rows[:1])])
    profiles = profile_columns(width, rows)
    guesses = _by_name(header, profiles)
    _pair_dates(list(header) + [""] * (width - len(header)), profiles, guesses)
    taken: set[Field] = set()
    final: dict[int, ColumnGuess] = {}
    _ids_of_people(header, rows, guesses)
    ordered = sorted(
        guesses,
        key=lambda i: (guesses[i].confidence is Confidence.LOW, _row_id(header, i, guesses[i]), i),
    )
    for index in ordered:
        final[index] = _take(guesses[index], taken)
    for index, profile in enumerate(profiles):
        if index in final:
            continue
        proposed = _from_values(profile)
        guess = ColumnGuess(
            proposed, Confidence.LOW, f"{describe_values(profile)}; name not recognised"
        )
        final[index] = _take(guess, taken)
    columns = {
        i: g.field for i, g in sorted(final.items()) if g.field is not None and not g.to_confirm
    }
    return MappingGuess(columns, dict(sorted(final.items())))


def _ids_of_people(
    header: Sequence[str], rows: Sequence[Sequence[object]], guesses: dict[int, ColumnGuess]
) -> None:
    """A member id refused for repeating is one after all when each value has one e-mail.

    A member on several rows (Dolibarr's subscriptions, MemberPress's payments) repeats their id
    beside their e-mail; a level's number repeats beside the e-mails of many people.
    """
    email = next((i for i, g in sorted(guesses.items()) if g.field is Field.EMAIL), None)
    if email is None:
        return
    for index, guess in guesses.items():
        match = match_header(header[index]) if index < len(header) else None
        if guess.field is not None or match is None or match[0] is not Field.EXTERNAL_ID:
            continue
        mails: dict[str, set[str]] = defaultdict(set)
        for row in rows[:PROFILE_ROWS]:
            key, mail = (
                clean_text(row[i]).casefold() if i < len(row) else "" for i in (index, email)
            )
            if key and mail:
                mails[key].add(mail)
        if len(mails) >= MIN_VALUES and all(len(found) == 1 for found in mails.values()):
            said = f"{match[1]}; each value beside one e-mail: members on several rows"
            guesses[index] = ColumnGuess(Field.EXTERNAL_ID, Confidence.MEDIUM, said)


def _row_id(header: Sequence[str], index: int, guess: ColumnGuess) -> bool:
    """Whether a column is a bare "id", which yields the member id to a column naming it.

    A bare "id" is the exported row's own: a payment's, in MemberPress's transactions ("id",
    then "user_id").
    """
    name = header[index] if index < len(header) else ""
    return guess.field is Field.EXTERNAL_ID and normalise_header(name) == "id"


def _take(guess: ColumnGuess, taken: set[Field]) -> ColumnGuess:
    """The guess, its field moved to the secondary one if taken, or dropped if both are."""
    wanted = guess.field
    if wanted is None:
        return guess
    if wanted in taken:
        label = LABELS[wanted]
        wanted = _SECONDARY.get(wanted)
        if wanted is None or wanted in taken:
            said = f"{guess.evidence}; another column feeds {label}"
            return ColumnGuess(None, guess.confidence, said)
    taken.add(wanted)
    return replace(guess, field=wanted)

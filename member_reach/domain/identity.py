"""Who is who: when two rows (or a row and a person on file) cannot be one person.

A member id tells people apart only when it behaves like one. Two records with the same member
id are *different people* when their names differ (neither the first nor the last name agrees)
and they have no e-mail address in common: such records are never merged on the id. A name
variant with one e-mail ("Ann Smith" and "Ann Jones" at ann@example.org), or one name with two
e-mails, is still one person.

A whole column mapped as the member id is not used to tell members apart when a large share of
its rows carry an id another row holds for someone who does not look like the same person (a
membership *level* 1, 2, 3, 2 exported as ``membership_id``) and few of its values are distinct:
see :func:`check_id_column`.

Everything here is one pass over the rows with dictionaries.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Final

from member_reach.domain.roster_rows import RosterRecord

#: The share of a column's rows that clash with another row holding the same id (rows whose
#: names or e-mails disagree) from which the column is not an id.
CLASHING_SHARE: Final = 0.2
#: The share of distinct values above which a column is an id whatever clashes (an id column
#: with a few errors in a short file).
DISTINCT_SHARE: Final = 0.8


@lru_cache(maxsize=4096)
def _name_key(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return " ".join((plain or text).casefold().replace(".", " ").split())


@dataclass(frozen=True, slots=True)
class Identity:
    """What tells one person from another, besides an id: the name's parts and the e-mails."""

    first: str
    last: str
    emails: frozenset[str]

    @classmethod
    def of(cls, first: str, last: str, organisation: str, emails: Iterable[str]) -> Identity:
        """An identity from a name (an organisation stands for the last name) and e-mails."""
        last = last or ("" if first else organisation)
        return cls(_name_key(first), _name_key(last), frozenset(e.lower() for e in emails))

    @classmethod
    def of_record(cls, record: RosterRecord) -> Identity:
        """The identity a row gives."""
        return cls.of(record.first_name, record.last_name, record.organisation, record.emails)

    @property
    def name(self) -> tuple[str, str]:
        """The name, as compared."""
        return (self.first, self.last)

    def names_differ(self, other: Identity) -> bool:
        """Both have a name, and neither the first nor the last name agrees."""
        if not (self.first or self.last) or not (other.first or other.last):
            return False
        return not (
            (self.first and self.first == other.first) or (self.last and self.last == other.last)
        )

    def emails_differ(self, other: Identity) -> bool:
        """Both have e-mails, and none in common."""
        return bool(self.emails and other.emails) and not (self.emails & other.emails)

    def different_person(self, other: Identity) -> bool:
        """Another name and no e-mail in common: not one person, whatever id they share."""
        return self.names_differ(other) and not (self.emails & other.emails)

    def clashes(self, other: Identity) -> bool:
        """The names or the e-mails disagree (a weaker sign, counted over a whole column)."""
        return self.names_differ(other) or self.emails_differ(other)


def different_people(first: RosterRecord, second: RosterRecord) -> bool:
    """Whether two rows are different people, whatever member id they share."""
    return Identity.of_record(first).different_person(Identity.of_record(second))


@dataclass(frozen=True)
class IdColumnCheck:
    """How the values of the member id column behave.

    Attributes:
        rows: the rows holding an id.
        distinct: the distinct ids among them.
        clashing: the rows sharing their id with a row that does not look like the same person.
    """

    rows: int
    distinct: int
    clashing: int

    @property
    def is_identity(self) -> bool:
        """Whether the column tells people apart: few rows clash on their id, or few repeat."""
        return (
            self.clashing < 2
            or self.clashing < CLASHING_SHARE * self.rows
            or self.distinct > DISTINCT_SHARE * self.rows
        )

    def describe(self, column: str) -> str:
        """The one line a report gives when the column is not used to tell people apart."""
        return (
            f"Column '{column}' repeats the same values for different people ({self.distinct:,} "
            f"distinct values in {self.rows:,} rows), so it is not used to tell members apart; "
            "people are matched by e-mail, or by name and phone, instead. If the column is a "
            "member id, correct it in the file; if not, map it to another field."
        )


def check_id_column(records: Iterable[RosterRecord], key: Callable[[str], str]) -> IdColumnCheck:
    """Whether the records' member ids behave like ids.

    Only the first record of each id is kept (not its identity): an identity is worked out when
    a second record shares the id, so 100,000 distinct ids cost a dictionary, not 100,000
    identities.

    Args:
        records: the rows read.
        key: the matching key of an id (ids differ in case between exports).
    """
    first_of: dict[str, RosterRecord] = {}
    identities: dict[int, Identity] = {}  # of the first records whose id is repeated
    clashing: set[int] = set()
    rows = 0
    for record in records:
        if not record.external_id:
            continue
        rows += 1
        first = first_of.setdefault(key(record.external_id), record)
        if first is record:
            continue
        held = identities.get(first.row)
        if held is None:
            held = identities[first.row] = Identity.of_record(first)
        if Identity.of_record(record).clashes(held):
            clashing.update((first.row, record.row))
    return IdColumnCheck(rows, len(first_of), len(clashing))


def rows_text(rows: Collection[int], shown: int = 5) -> str:
    """The rows in words: row 5, rows 5, 9 and 12, or the first few and how many more."""
    ordered = sorted(rows)
    if len(ordered) == 1:
        return f"row {ordered[0]}"
    if len(ordered) <= shown:
        return "rows " + ", ".join(str(r) for r in ordered[:-1]) + f" and {ordered[-1]}"
    head = ", ".join(str(r) for r in ordered[:shown])
    return f"rows {head} and {len(ordered) - shown:,} more"

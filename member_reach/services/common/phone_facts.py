"""People's phone numbers as call lists show them: display form and time zones, kept once known.

Formatting a number and finding its time zones costs phonenumbers about 30 µs a number: for a
campaign of 10,000 calls that is a third of a second each time its page opens or it is exported.
So each number's display form and zones are worked out once, when a campaign first takes the
person on (or anything else first needs them), and kept on the number (``phone_number.display``
and ``zones``; None until worked out). Numbers are never changed in place, only added and
removed, so what is kept cannot go stale.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, NamedTuple, cast

from sqlalchemy import Select, Table, bindparam, select, update
from sqlalchemy.orm import Session

from member_reach.domain.phones import phone_facts
from member_reach.store.bulk import chunks
from member_reach.store.models import PhoneNumber


class ShownPhone(NamedTuple):
    """One number of a person as a call list shows it (made for every number of a list).

    Attributes:
        e164: the number in E.164, None when it is not certain.
        display: the international format, or the text as received when there is no E.164.
        zones: the time zones the number may be in (empty when not known).
    """

    e164: str | None
    display: str
    zones: tuple[str, ...]


def phones_of(
    session: Session, people: Sequence[int] | Select[*tuple[Any, ...]], *, keep: bool = True
) -> dict[int, list[ShownPhone]]:
    """Each person's numbers, the primary one first, with their display form and time zones.

    Args:
        session: the unit of work.
        people: the people's ids, or a statement selecting them.
        keep: write back the numbers worked out now (those not worked out before).
    """
    table = cast(Table, PhoneNumber.__table__)
    found: dict[int, list[ShownPhone]] = {}
    worked_out: list[dict[str, object]] = []
    lists = [people] if isinstance(people, Select) else chunks(sorted(set(people)))
    session.flush()  # the reads below go through the connection, which does not flush
    for chunk in lists:
        rows = session.connection().execute(  # plain rows: no ORM result handling
            select(
                PhoneNumber.id,
                PhoneNumber.person_id,
                PhoneNumber.e164,
                PhoneNumber.original,
                PhoneNumber.display,
                PhoneNumber.zones,
            )
            .where(PhoneNumber.person_id.in_(chunk))
            .order_by(PhoneNumber.person_id, PhoneNumber.is_primary.desc(), PhoneNumber.id)
        )
        for phone_id, person_id, e164, original, display, zones in rows:
            if not e164:
                shown = ShownPhone(None, original, ())
            elif display is None or zones is None:
                facts = phone_facts(e164, known_valid=True)  # checked when stored
                shown = ShownPhone(e164, facts.display, facts.zones)
                zones_text = " ".join(facts.zones)
                worked_out.append({"phone": phone_id, "shown": facts.display, "in": zones_text})
            else:
                shown = ShownPhone(e164, display, tuple(zones.split()))
            found.setdefault(person_id, []).append(shown)
    if keep and worked_out:
        session.connection().execute(
            update(table)
            .where(table.c.id == bindparam("phone"))
            .values(display=bindparam("shown"), zones=bindparam("in")),
            worked_out,
        )
    return found

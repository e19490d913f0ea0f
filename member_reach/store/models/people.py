"""People, their contact details and external ids, memberships and membership types."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import Boolean, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from member_reach.store.models.base import Base, Timestamped, utcnow


class Person(Timestamped, Base):
    """Anyone in the database: member, lapsed member, prospect, event contact."""

    __tablename__ = "person"

    id: Mapped[int] = mapped_column(primary_key=True)
    first_name: Mapped[str] = mapped_column(default="")
    middle_name: Mapped[str] = mapped_column(default="")
    last_name: Mapped[str] = mapped_column(default="")
    display_name: Mapped[str] = mapped_column(default="")
    organisation: Mapped[str] = mapped_column(default="")
    is_organisation: Mapped[bool] = mapped_column(Boolean, default=False)
    job_title: Mapped[str] = mapped_column(default="")
    address_line1: Mapped[str] = mapped_column(default="")
    address_line2: Mapped[str] = mapped_column(default="")
    city: Mapped[str] = mapped_column(String(120), default="")
    region: Mapped[str] = mapped_column(String(120), default="")  # state / province / county
    postal_code: Mapped[str] = mapped_column(String(32), default="")
    country: Mapped[str] = mapped_column(String(2), default="")  # ISO 3166-1 alpha-2
    # The country as the last import typed it ("Deutschland", "Atlantis"), beside its code.
    country_text: Mapped[str] = mapped_column(String(120), default="", server_default="")
    # Values the last import could not read, as typed: a JSON object by column name.
    unread_values: Mapped[str] = mapped_column(Text, default="", server_default="")
    time_zone: Mapped[str] = mapped_column(String(64), default="")  # IANA name when known
    do_not_call: Mapped[bool] = mapped_column(Boolean, default=False)
    do_not_email: Mapped[bool] = mapped_column(Boolean, default=False)
    preferred_contact: Mapped[str] = mapped_column(String(16), default="")  # phone, email, mail
    deceased: Mapped[bool] = mapped_column(Boolean, default=False)
    archived: Mapped[bool] = mapped_column(Boolean, default=False)
    notes: Mapped[str] = mapped_column(Text, default="")

    emails: Mapped[list[EmailAddress]] = relationship(
        back_populates="person", cascade="all, delete-orphan", order_by="EmailAddress.id"
    )
    phones: Mapped[list[PhoneNumber]] = relationship(
        back_populates="person", cascade="all, delete-orphan", order_by="PhoneNumber.id"
    )
    external_ids: Mapped[list[ExternalId]] = relationship(
        back_populates="person", cascade="all, delete-orphan"
    )
    membership: Mapped[Membership | None] = relationship(
        back_populates="person", cascade="all, delete-orphan", uselist=False
    )

    __table_args__ = (Index("ix_person_last_first", "last_name", "first_name"),)


class ExternalId(Base):
    """A person's id in another system (AMS member number, CRM contact id), per source."""

    __tablename__ = "external_id"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    source: Mapped[str] = mapped_column(String(64))
    value: Mapped[str] = mapped_column(String(128))

    person: Mapped[Person] = relationship(back_populates="external_ids")

    __table_args__ = (UniqueConstraint("source", "value"),)


class EmailAddress(Base):
    """One e-mail address of a person."""

    __tablename__ = "email_address"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    address: Mapped[str] = mapped_column(String(320))
    # Lower-cased copy: matching is case-insensitive on both databases without functional indexes.
    address_key: Mapped[str] = mapped_column(String(320), index=True)
    kind: Mapped[str] = mapped_column(String(16), default="")  # work, home
    is_primary: Mapped[bool] = mapped_column(Boolean, default=False)

    person: Mapped[Person] = relationship(back_populates="emails")


class PhoneNumber(Base):
    """One phone number of a person: the text as received and its E.164 form when certain."""

    __tablename__ = "phone_number"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    original: Mapped[str] = mapped_column(String(64))
    e164: Mapped[str | None] = mapped_column(String(20), index=True)
    kind: Mapped[str] = mapped_column(String(16), default="")  # work, mobile, home
    is_primary: Mapped[bool] = mapped_column(Boolean, default=False)
    problem: Mapped[str] = mapped_column(default="")  # why e164 is missing or uncertain
    # Worked out from e164 once, when first needed (None until then): the number as people read
    # it ("+1 646-555-0175") and the time zones it may be in, space-separated ("" if unknown).
    display: Mapped[str | None] = mapped_column(String(40), default=None)
    zones: Mapped[str | None] = mapped_column(Text, default=None)  # toll-free: 42 zones

    person: Mapped[Person] = relationship(back_populates="phones")


class MembershipType(Base):
    """Term length and period kind (rolling, fixed, lifetime) of a class of membership."""

    __tablename__ = "membership_type"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    period_kind: Mapped[str] = mapped_column(String(16), default="rolling")
    term_months: Mapped[int | None]  # rolling terms; None for lifetime
    # Fixed types: every term starts on renewal month/day (and ends the day before); joining
    # after the rollover day buys the rest of this period plus the next one.
    renewal_month: Mapped[int | None]
    renewal_day: Mapped[int | None]
    rollover_month: Mapped[int | None]
    rollover_day: Mapped[int | None]
    grace_days: Mapped[int | None]  # overrides the association-wide setting when set
    default_dues: Mapped[Decimal | None]


class Membership(Timestamped, Base):
    """A person's membership: type, join date, current term and dues."""

    __tablename__ = "membership"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), unique=True)
    type_id: Mapped[int | None] = mapped_column(
        ForeignKey("membership_type.id", ondelete="SET NULL"), index=True
    )
    join_date: Mapped[dt.date | None]
    term_start: Mapped[dt.date | None]
    term_end: Mapped[dt.date | None] = mapped_column(index=True)  # last day covered (expiry)
    dues: Mapped[Decimal | None]
    source: Mapped[str] = mapped_column(String(64), default="")
    # The roster's own status column, kept for reference; the derived status drives the lists.
    roster_status: Mapped[str] = mapped_column(String(64), default="")

    person: Mapped[Person] = relationship(back_populates="membership")
    type: Mapped[MembershipType | None] = relationship()


def email_key(address: str) -> str:
    """Return the case-insensitive matching key of an e-mail address."""
    return address.strip().lower()


class PersonEdit(Base):
    """One change made by hand to a person's contact details: what, before, after, who, when."""

    __tablename__ = "person_edit"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    person: Mapped[Person] = relationship()
    field: Mapped[str] = mapped_column(String(32))  # first_name, email, phone, do_not_call, ...
    before: Mapped[str] = mapped_column(Text, default="")
    after: Mapped[str] = mapped_column(Text, default="")
    edited_by: Mapped[str] = mapped_column(String(120), default="")
    edited_at: Mapped[dt.datetime] = mapped_column(default=utcnow)

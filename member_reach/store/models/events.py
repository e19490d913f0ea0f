"""Events (conference editions) and people's attendance at them."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from member_reach.store.models.base import Base, Timestamped
from member_reach.store.models.people import Person

ROLES = ("attendee", "exhibitor", "sponsor", "speaker")


class Event(Timestamped, Base):
    """One edition of a conference or expo."""

    __tablename__ = "event"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    series: Mapped[str] = mapped_column(String(200), default="", index=True)
    starts_on: Mapped[dt.date | None]
    ends_on: Mapped[dt.date | None]
    location: Mapped[str] = mapped_column(default="")

    attendances: Mapped[list[Attendance]] = relationship(
        back_populates="event", cascade="all, delete-orphan"
    )


class Attendance(Base):
    """A person's role at an event, and whether they registered and came."""

    __tablename__ = "attendance"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(String(16), default="attendee")
    registered_on: Mapped[dt.date | None]
    attended: Mapped[bool] = mapped_column(Boolean, default=False)
    source: Mapped[str] = mapped_column(String(64), default="")

    event: Mapped[Event] = relationship(back_populates="attendances")
    person: Mapped[Person] = relationship()

    __table_args__ = (UniqueConstraint("event_id", "person_id", "role"),)

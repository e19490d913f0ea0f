"""Campaigns, their outcome codes, call tasks, call logs and warm-lead hand-offs."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from sqlalchemy import Boolean, ForeignKey, String, Text, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from member_reach.store.models.base import Base, Timestamped, utcnow
from member_reach.store.models.people import Person

CAMPAIGN_KINDS = ("renewal", "lapsed", "event", "prospect", "custom")
OUTCOME_CATEGORIES = ("success", "positive", "neutral", "negative", "do-not-call")
#: "control": a member kept uncalled in the campaign's control group (never worked).
TASK_STATES = ("open", "reserved", "done", "closed", "control")


class Campaign(Timestamped, Base):
    """A call campaign: who is selected, the goal, the brief for callers, its status."""

    __tablename__ = "campaign"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    kind: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(16), default="active")  # draft, active, closed
    selection: Mapped[dict[str, Any]] = mapped_column(default=dict)  # the rules as chosen
    window_start: Mapped[dt.date | None]
    window_end: Mapped[dt.date | None]
    event_id: Mapped[int | None] = mapped_column(ForeignKey("event.id", ondelete="SET NULL"))
    goal_count: Mapped[int | None]
    goal_revenue: Mapped[Decimal | None]
    deadline: Mapped[dt.date | None]
    why_it_matters: Mapped[str] = mapped_column(Text, default="")
    talking_points: Mapped[str] = mapped_column(Text, default="")
    faq: Mapped[str] = mapped_column(Text, default="")
    handoff_owner: Mapped[str] = mapped_column(default="")
    # The share of the list kept uncalled to measure what the calls changed (0: none), and the
    # seed its random draw came from (so the draw can be made again and checked).
    control_percent: Mapped[int] = mapped_column(default=0, server_default="0")
    control_seed: Mapped[int | None]

    outcome_codes: Mapped[list[OutcomeCode]] = relationship(
        back_populates="campaign", cascade="all, delete-orphan", order_by="OutcomeCode.sort_order"
    )
    tasks: Mapped[list[CallTask]] = relationship(
        back_populates="campaign", cascade="all, delete-orphan"
    )


class OutcomeCode(Base):
    """One of a campaign's dispositions, in a category."""

    __tablename__ = "outcome_code"

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaign.id", ondelete="CASCADE"))
    code: Mapped[str] = mapped_column(String(32))
    label: Mapped[str] = mapped_column(default="")
    category: Mapped[str] = mapped_column(String(16))
    answered: Mapped[bool] = mapped_column(Boolean, default=True)  # counts as a conversation
    creates_handoff: Mapped[bool] = mapped_column(Boolean, default=False)
    # Logging it asks for the time to call back (today's "callback" code; editable).
    asks_callback: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # No longer offered (a code already logged is retired, never deleted: its calls keep it).
    retired: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    sort_order: Mapped[int] = mapped_column(default=0)

    campaign: Mapped[Campaign] = relationship(back_populates="outcome_codes")

    __table_args__ = (UniqueConstraint("campaign_id", "code"),)


class CallTask(Timestamped, Base):
    """One person on one campaign."""

    __tablename__ = "call_task"

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaign.id", ondelete="CASCADE"))
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    priority: Mapped[float] = mapped_column(default=0.0)
    reason: Mapped[str] = mapped_column(String(500), default="")
    assignee: Mapped[str] = mapped_column(String(120), default="")
    state: Mapped[str] = mapped_column(String(16), default="open", index=True)
    attempts: Mapped[int] = mapped_column(default=0)
    next_callback: Mapped[dt.datetime | None]
    reserved_until: Mapped[dt.datetime | None]
    # Who holds the reservation; the assignee (a partner, a staff caller) stays as it was.
    reserved_by: Mapped[str] = mapped_column(String(120), default="", server_default="")
    ref: Mapped[str] = mapped_column(String(32), unique=True)  # stable reference for partners
    # The partner export the call went out in: with that partner (out of the console and of the
    # next export) until the worked file comes back or the call is released.
    with_export_id: Mapped[int | None] = mapped_column(
        ForeignKey("export_batch.id", ondelete="SET NULL"), index=True
    )
    # In the campaign's control group: kept uncalled (state "control"), compared in the report.
    in_control: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # Optimistic locking: an UPDATE carrying a stale version matches no row and fails loudly.
    version: Mapped[int] = mapped_column(default=1)

    campaign: Mapped[Campaign] = relationship(back_populates="tasks")
    person: Mapped[Person] = relationship()
    logs: Mapped[list[CallLog]] = relationship(back_populates="task", cascade="all, delete-orphan")

    __mapper_args__ = {"version_id_col": version}
    __table_args__ = (UniqueConstraint("campaign_id", "person_id"),)


class CallLog(Base):
    """One call attempt: when, who, outcome, notes, callback."""

    __tablename__ = "call_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    task_id: Mapped[int] = mapped_column(ForeignKey("call_task.id", ondelete="CASCADE"), index=True)
    called_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    caller: Mapped[str] = mapped_column(String(120), default="")
    outcome_code_id: Mapped[int | None] = mapped_column(
        ForeignKey("outcome_code.id", ondelete="SET NULL")
    )
    notes: Mapped[str] = mapped_column(Text, default="")
    callback_at: Mapped[dt.datetime | None]
    amount_promised: Mapped[Decimal | None]
    import_batch_id: Mapped[int | None] = mapped_column(
        ForeignKey("import_batch.id", ondelete="SET NULL"), index=True
    )

    task: Mapped[CallTask] = relationship(back_populates="logs")
    outcome_code: Mapped[OutcomeCode | None] = relationship()


class HandOff(Timestamped, Base):
    """A warm lead handed to a named staff owner, with a due date."""

    __tablename__ = "hand_off"

    id: Mapped[int] = mapped_column(primary_key=True)
    call_log_id: Mapped[int | None] = mapped_column(
        ForeignKey("call_log.id", ondelete="SET NULL"), index=True
    )
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    owner: Mapped[str] = mapped_column(String(120))
    due_on: Mapped[dt.date | None]
    status: Mapped[str] = mapped_column(String(16), default="open")  # open, done
    notes: Mapped[str] = mapped_column(Text, default="")
    campaign_id: Mapped[int | None] = mapped_column(
        ForeignKey("campaign.id", ondelete="SET NULL"), index=True
    )
    # How it ended (joined, renewed, not_interested, passed_on), by whom, when, with what note.
    outcome: Mapped[str] = mapped_column(String(32), default="", server_default="")
    closed_at: Mapped[dt.datetime | None]
    closed_by: Mapped[str] = mapped_column(String(120), default="", server_default="")
    close_notes: Mapped[str] = mapped_column(Text, default="", server_default="")


class CampaignEdit(Base):
    """One change made to a campaign after it was created: what, before, after, who, when.

    Fields of the brief (goal, deadline, why, ...) and its state (pause, resume, close, reopen).
    """

    __tablename__ = "campaign_edit"

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(
        ForeignKey("campaign.id", ondelete="CASCADE"), index=True
    )
    field: Mapped[str] = mapped_column(String(32))  # goal_count, deadline, status, ...
    before: Mapped[str] = mapped_column(Text, default="")
    after: Mapped[str] = mapped_column(Text, default="")
    edited_by: Mapped[str] = mapped_column(String(120), default="")
    edited_at: Mapped[dt.datetime] = mapped_column(default=utcnow)

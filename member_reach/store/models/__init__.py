"""Typed SQLAlchemy models for every domain word (see DESIGN.md, "Domain words")."""

from member_reach.store.models.base import Base
from member_reach.store.models.batches import (
    DetectedRenewal,
    ExportBatch,
    ImportBatch,
    ImportChange,
    ImportedRow,
    MappingProfile,
    Setting,
)
from member_reach.store.models.campaigns import (
    CallLog,
    CallTask,
    Campaign,
    CampaignEdit,
    HandOff,
    OutcomeCode,
)
from member_reach.store.models.events import Attendance, Event
from member_reach.store.models.people import (
    EmailAddress,
    ExternalId,
    Membership,
    MembershipType,
    Person,
    PersonEdit,
    PhoneNumber,
)

__all__ = [
    "Attendance",
    "Base",
    "CallLog",
    "CallTask",
    "Campaign",
    "DetectedRenewal",
    "EmailAddress",
    "Event",
    "ExportBatch",
    "ExternalId",
    "CampaignEdit",
    "HandOff",
    "ImportBatch",
    "ImportChange",
    "ImportedRow",
    "MappingProfile",
    "Membership",
    "MembershipType",
    "OutcomeCode",
    "Person",
    "PersonEdit",
    "PhoneNumber",
    "Setting",
]

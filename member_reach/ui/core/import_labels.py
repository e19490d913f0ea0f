"""The words for what an import did, one set for every place that says it.

The import wizard's summary, the outcomes dialog's kind of counts, the Import history and the
Exchange page's worked files all name an import's counts with these labels ("new people",
"people updated", "renewals detected", "rows rejected"…), so a count reads the same wherever it
is shown.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QCoreApplication

from member_reach.ui.core.labels import number


def _tr(text: str) -> str:
    return QCoreApplication.translate("ImportSummary", text)


def count_labels(kind: str) -> dict[str, str]:
    """The label of each count an import of ``kind`` (roster, events, outcomes) reports."""
    if kind == "events":
        return {
            "inserted": _tr("new contacts"),
            "updated": _tr("people updated"),
            "unchanged": _tr("people unchanged"),
            "attendances": _tr("attendances recorded"),
            "cancelled": _tr("cancelled registrations"),
            "rejected": _tr("rows rejected"),
            "flagged": _tr("rows flagged"),
        }
    if kind == "outcomes":
        return {
            "applied": _tr("outcomes applied"),
            "added": _tr("new contacts"),
            "conflicts": _tr("conflicts"),
            "rejected": _tr("rows rejected"),
            "unchanged": _tr("rows unchanged"),
        }
    return {
        "inserted": _tr("new people"),
        "updated": _tr("people updated"),
        "unchanged": _tr("people unchanged"),
        "renewals": _tr("renewals detected"),
        "rejected": _tr("rows rejected"),
        "flagged": _tr("rows flagged"),
    }


def kind_label(kind: str) -> str:
    """What was imported: "Roster", "Attendee list", "Partner outcomes"."""
    kinds = {
        "roster": _tr("Roster"),
        "events": _tr("Attendee list"),
        "outcomes": _tr("Partner outcomes"),
    }
    return kinds.get(kind, kind.replace("_", " ").capitalize())


def counts_text(kind: str, counts: Iterable[tuple[str, int]]) -> str:
    """The counts that are not nought, in order: "new people: 12 · renewals detected: 3"."""
    labels = count_labels(kind)
    said = [f"{labels[key]}: {number(count)}" for key, count in counts if count and key in labels]
    return " · ".join(said) or _tr("nothing changed")

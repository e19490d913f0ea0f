"""JSON of the import commands' results (roster, events, worked files, undo): see json_out."""

from __future__ import annotations

from typing import Any

from member_reach.cli.common import map_option
from member_reach.cli.json_base import as_json
from member_reach.cli.json_base import iso as _iso
from member_reach.services.exchange.exchange_import import OutcomesReport
from member_reach.services.imports.event_import import EventImportReport
from member_reach.services.imports.import_types import ImportCounts
from member_reach.services.imports.import_undo import UndoReport
from member_reach.services.imports.pipeline_types import ColumnNote
from member_reach.services.imports.roster_import import RosterImportReport
from member_reach.sheets.partner_layout import CALLS_SHEET


@as_json.register
def _outcomes(result: OutcomesReport) -> dict[str, Any]:
    """Rows, applied, unchanged, conflicts, rejected, and every row worth a word."""
    return {
        "file": result.file,
        "campaign": result.campaign,
        "export_id": result.export_id,
        "rows": result.rows,
        "applied": result.count("applied"),
        "unchanged": result.count("unchanged"),
        "conflicts": result.count("conflict"),
        "rejected": result.count("rejected"),
        "added": result.count("added"),
        "details": [
            {
                "row": r.row,
                "sheet": r.sheet or CALLS_SHEET,
                "ref": r.ref,
                "result": r.result,
                "reason": r.reason,
            }
            for r in result.results
            if r.result != "unchanged" or r.reason
        ],
        "batch_id": result.batch_id,
        "dry_run": result.dry_run,
        "released": result.released,
        "still_with_partner": result.with_partner,
    }


def _counts(counts: ImportCounts) -> dict[str, int]:
    return {
        "rows_read": counts.rows_read,
        "inserted": counts.inserted,
        "updated": counts.updated,
        "unchanged": counts.unchanged,
        "rejected": counts.rejected,
        "flagged": counts.flagged,
    }


@as_json.register
def _roster(result: RosterImportReport) -> dict[str, Any]:
    return {
        "file": result.file,
        "format": result.format,
        "sheet": result.sheet,
        "header_row": result.header_row,
        **_counts(result.counts),
        "renewals_detected": result.renewals_detected,
        "expiry_moved_back": result.expiry_moved_back,
        "rows_unchanged_since_last_import": result.rows_unchanged_since_last_import,
        "duplicates_merged": sum(len(m.rows) - 1 for m in result.merges),
        "merges": [m.describe() for m in result.merges],
        "non_members": result.non_members,
        "structural_rows": result.structural,
        "issues": [{"row": i.row, "result": i.result, "reason": i.reason} for i in result.issues],
        "absent_members": result.absent,
        "absent_shown": [
            {"member_id": pid, "name": name, "expiry": _iso(end)}
            for pid, name, end in result.absent_shown
        ],
        "mapping": result.mapping,
        "date_orders": result.date_orders,
        "profile": result.profile,
        "new_membership_types": result.new_membership_types,
        "batch_id": result.batch_id,
        "dry_run": result.dry_run,
        "backup": result.backup or None,
        "rejects_file": result.rejects_file or None,
        **_roster_lists(result),
        "notes": result.notes,
        "columns": [_column(c) for c in result.columns],
        "to_confirm": [{**_column(c), "option": map_option(c)} for c in result.to_confirm],
    }


def _column(note: ColumnNote) -> dict[str, Any]:
    """A column's guess: its field (or null), how sure, why, and whether it was imported."""
    return {
        "column": note.column,
        "field": note.field.value if note.field is not None else None,
        "confidence": note.confidence.value,
        "evidence": note.evidence,
        "imported": note.taken,
    }


def _roster_lists(result: RosterImportReport) -> dict[str, Any]:
    """The lists behind the counts (a dry run's calls are those a renewal would close)."""
    return {
        "merged_duplicates": [
            {
                "rows": list(m.rows),
                "member_id": m.person_id,
                "external_id": m.external_id or None,
                "name": m.name,
                "matched_on": m.matched_on or None,
                "kept_row": m.kept_row,
                "kept_expiry": _iso(m.kept_expiry),
                "why": m.why,
                "other_expiries": [
                    {"row": row, "expiry": _iso(end)} for row, end in m.other_expiries
                ],
            }
            for m in result.merged_duplicates
        ],
        "renewals": [
            {
                "row": r.row,
                "member_id": r.person_id,
                "external_id": r.external_id or None,
                "name": r.name,
                "old_expiry": _iso(r.old_expiry),
                "new_expiry": _iso(r.new_expiry),
            }
            for r in result.renewals
        ],
        "missing_members": [
            {
                "member_id": m.person_id,
                "external_id": m.external_id or None,
                "name": m.name,
                "expiry": _iso(m.expiry),
            }
            for m in result.missing_members
        ],
        "calls_closed_by_renewals": len(result.closed_calls),
        "closed_calls": [
            {
                "row": c.row,
                "member_id": c.person_id,
                "name": c.name,
                "campaign": c.campaign,
                "ref": c.ref,
                "state_before": c.state,
                "reserved_by": c.reserved_by or None,
                "assignee": c.assignee or None,
                "with_partner": c.with_partner,
            }
            for c in result.closed_calls
        ],
        "lists_saved": result.lists_saved,
    }


@as_json.register
def _events(result: EventImportReport) -> dict[str, Any]:
    return {
        "file": result.file,
        "event": result.event,
        "event_id": result.event_id,
        "event_created": result.event_created,
        **_counts(result.counts),
        "attendances_added": result.attendances_added,
        "attendances_updated": result.attendances_updated,
        "attendances_removed": result.attendances_removed,
        "cancelled": result.cancelled,
        "roles": result.roles,
        "merges": [m.describe() for m in result.merges],
        "issues": [{"row": i.row, "result": i.result, "reason": i.reason} for i in result.issues],
        "mapping": result.mapping,
        "batch_id": result.batch_id,
        "dry_run": result.dry_run,
    }


@as_json.register
def _undo(result: UndoReport) -> dict[str, Any]:
    return {
        "batch_id": result.batch_id,
        "file": result.file_name,
        "people_removed": result.people_removed,
        "people_restored": result.people_restored,
        "renewals_removed": result.renewals_removed,
        "attendances_removed": result.attendances_removed,
        "people_erased": result.people_erased,
    }

"""The ``people`` commands: erase a person, export everything held on a person (GDPR).

Neither prints the person's details: the messages name the person by number only.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from member_reach.cli.common import Output, open_db, whole
from member_reach.cli.json_out import as_json
from member_reach.services.members.erase import run_erase
from member_reach.services.members.subject_export import export_subject


def add_commands(commands: Any, common: argparse.ArgumentParser) -> None:
    """Add ``people erase ID`` and ``people export ID OUT``."""
    people = commands.add_parser(
        "people", parents=[common], help="a person's data: erase it, or export all of it"
    )
    actions = people.add_subparsers(dest="people_command", metavar="WHAT", required=True)
    erase = actions.add_parser(
        "erase",
        parents=[common],
        help="remove a person everywhere: details, calls and notes, hand-offs, undo records",
    )
    erase.add_argument("id", type=whole(1, 2**62), metavar="ID", help="the person's number")
    erase.set_defaults(handler=cmd_people_erase)
    export = actions.add_parser(
        "export", parents=[common], help="write everything held on a person to a workbook"
    )
    export.add_argument("id", type=whole(1, 2**62), metavar="ID", help="the person's number")
    export.add_argument("out", type=Path, metavar="OUT", help="the .xlsx file to write")
    export.set_defaults(handler=cmd_people_export)


def cmd_people_erase(args: argparse.Namespace, out: Output) -> None:
    """``people erase ID``: the person and everything held on them, in one transaction."""
    database = open_db(args, create_named=False)
    try:
        erased = run_erase(database, args.id)
    finally:
        database.close()
    out.line(
        f"Erased person {erased.person_id}: {erased.calls:,} calls with {erased.call_notes:,} "
        f"attempts and their notes, {erased.hand_offs:,} hand-offs, {erased.edits:,} edits, "
        f"{erased.undo_records:,} undo records and {erased.imported_rows:,} imported-row "
        "fingerprints removed."
    )
    if erased.backups:
        out.line(
            f"{len(erased.backups)} automatic "
            + ("backups still hold" if len(erased.backups) > 1 else "backup still holds")
            + " this person; delete them to erase the person there too:"
        )
        for backup in erased.backups:
            out.line(f"  {backup}")
    out.result(as_json(erased))


def cmd_people_export(args: argparse.Namespace, out: Output) -> None:
    """``people export ID OUT``: everything held on a person, a sheet per kind of record."""
    database = open_db(args, create_named=False)
    try:
        with database.session() as session:
            written = export_subject(session, args.id, args.out)
    finally:
        database.close()
    rows = sum(written.counts.values())
    out.line(
        f"Wrote everything held on person {written.person_id} ({rows:,} rows) to {written.file}."
    )
    out.result(as_json(written))

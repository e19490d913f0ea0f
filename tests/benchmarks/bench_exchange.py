"""Speed benchmark of the partner exchange (issue "Partner exchange"): targets, on 10,000 calls,
export ≤ 1.5× a bare openpyxl write-only write of the same cells, and re-import of the worked
file ≤ 2× a bare python-calamine read of it, both measured in the same run. The re-import is
timed four ways: the export as sent (no outcome filled: every row is recognised and checked,
nothing is written); a worked copy without the export's mark (only its Calls sheet, written
anew: its export is found by its Ref values) as a dry run, and applied; and the export itself
filled in, as a partner's Excel saves it, as a dry run.

Run: ``python tests/benchmarks/bench_exchange.py [--calls N]``. A script, not a test: it prints
the figures and always exits 0.
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from bench_renewal_campaign import build
from openpyxl import Workbook, load_workbook
from python_calamine import CalamineWorkbook

from member_reach.services.campaigns.campaigns import create_renewal_campaign, find_campaign
from member_reach.services.campaigns.renewal_campaign import RenewalOptions
from member_reach.services.exchange.exchange_export import export_partner, identity_rows, open_calls
from member_reach.services.exchange.exchange_import import OutcomesReport, run_outcomes_import
from member_reach.services.exchange.partner_assignment import export_to_partner
from member_reach.services.exchange.worked_reads import forget
from member_reach.services.imports.import_undo import undo_import
from member_reach.store.database import open_database

TODAY = dt.date(2026, 11, 23)
NOW = dt.datetime(2026, 11, 23, 15, 0)


def best_of(repeats: int, action: Callable[[], object]) -> float:
    """The best wall time of ``repeats`` runs."""
    best = float("inf")
    for _ in range(repeats):
        started = time.perf_counter()
        action()
        best = min(best, time.perf_counter() - started)
    return best


def paired(
    repeats: int, bare: Callable[[], object], action: Callable[[], object]
) -> tuple[float, float]:
    """The best wall times of the baseline and the action, run in turns: the machine is shared,
    and turns keep a slow spell from favouring one side."""
    bare_s = action_s = float("inf")
    for _ in range(repeats):
        bare_s = min(bare_s, best_of(1, bare))
        action_s = min(action_s, best_of(1, action))
    return bare_s, action_s


def bare_write(path: Path, rows: list[tuple[object, ...]], headings: list[str]) -> None:
    """The baseline: the same cells, written with openpyxl's write-only mode, nothing else."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Calls")
    sheet.append(headings)
    for row in rows:
        sheet.append([*row, None, None, None, None])
    book.save(path)


def bare_read(path: Path) -> object:
    """The re-import's baseline: python-calamine reads the Calls sheet, nothing else."""
    return CalamineWorkbook.from_path(str(path)).get_sheet_by_name("Calls").to_python()


def worked_copy(exported: Path, out: Path, codes: list[str]) -> None:
    """The partner's work: every row given an outcome, written as a plain workbook."""
    rows = CalamineWorkbook.from_path(str(exported)).get_sheet_by_name("Calls").to_python()
    headings = rows[0]
    outcome = headings.index("Outcome")
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Calls")
    sheet.append(headings)
    for number, row in enumerate(rows[1:]):
        row = list(row)
        row[outcome] = codes[number % len(codes)]
        sheet.append(row)
    book.save(out)


def filled_in_place(exported: Path, out: Path, codes: list[str]) -> None:
    """The partner's work done in the export itself, as Excel saves it: its other sheets, its
    mark and its protection kept (openpyxl, not write-only: slow, but only once)."""
    book = load_workbook(exported)
    sheet = book["Calls"]
    outcome = [c.value for c in sheet[1]].index("Outcome") + 1
    for number in range(2, sheet.max_row + 1):
        sheet.cell(row=number, column=outcome, value=codes[number % len(codes)])
    book.save(out)


def not_applied(report: OutcomesReport) -> list[object]:
    """The first rows a file did not apply, to say why in a failed check."""
    return [r for r in report.results if r.result != "applied"][:3]


def applied(
    work: Path, pristine: Path, worked: Path, calls: int, *, preview: bool, given: bool = False
) -> tuple[float, float, float]:
    """The worked file applied, best of 3, each on a fresh copy of ``pristine``: after its dry
    run (``preview``: the Exchange page previews a file before it is applied, and the apply
    uses the rows the preview read), or with none before (the command line). Each apply is
    imported again (nothing twice), then undone. Returns (apply s, bare read s, undo s)."""
    apply_s = read_s = undo_s = float("inf")
    for _ in range(3):
        shutil.copy(pristine, work / "members.sqlite3")
        database = open_database(work / "members.sqlite3")
        forget()  # no rows kept from an earlier run
        read_s = min(read_s, best_of(1, lambda: bare_read(worked)))
        if preview:  # the preview the person saw before Apply: not timed
            run_outcomes_import(database, worked, NOW, dry_run=True)
        started = time.perf_counter()
        report = run_outcomes_import(database, worked, NOW)
        apply_s = min(apply_s, time.perf_counter() - started)
        assert report.count("applied") == calls, not_applied(report)
        assert report.released == calls or not given, report.released
        again = run_outcomes_import(database, worked, NOW)  # idempotent: nothing twice
        assert again.count("applied") == 0 and again.count("unchanged") == calls
        assert again.batch_id is None and report.batch_id is not None
        started = time.perf_counter()
        with database.session() as s:
            undo_import(s, report.batch_id)
        undo_s = min(undo_s, time.perf_counter() - started)
        database.close()
    return apply_s, read_s, undo_s


def given_to_partner(work: Path, pristine: Path) -> tuple[Path, Path]:
    """The calls given to a partner (the Exchange page's export) and their worked file: each
    reported call also comes back from the partner, with its undo record. Returns the database
    (a copy of ``pristine``) and the worked file."""
    given = work / "given.sqlite3"
    shutil.copy(pristine, given)
    database = open_database(given)
    with database.session() as s:
        export_to_partner(s, find_campaign(s, "Bench"), work / "given.xlsx", NOW, "Acme Calls")
    database.close()
    worked = work / "given-worked.xlsx"
    worked_copy(work / "given.xlsx", worked, ["voicemail", "no_answer", "promised", "renewed"])
    return given, worked


def main(argv: list[str] | None = None) -> int:
    """Build a campaign of N calls, time export and re-import against their baselines."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=10_000)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench_exchange_") as temp:
        work = Path(temp)
        database = open_database(work / "members.sqlite3")
        build(database, args.calls * 25)  # about one in twenty is due or in grace in December
        options = RenewalOptions(dt.date(2026, 12, 1), dt.date(2026, 12, 31), capacity=args.calls)
        with database.session() as s:
            create_renewal_campaign(s, TODAY, options, name="Bench")
        with database.session() as s:
            campaign = find_campaign(s, "Bench")
            rows = identity_rows(s, open_calls(campaign.id), NOW)
        print(f"campaign with {len(rows):,} calls")
        from member_reach.services.exchange.exchange_export import IDENTITY

        headings = [*IDENTITY, "Outcome", "Amount", "Notes", "Callback date", "Caller"]

        def export() -> None:
            with database.sessions() as s:
                export_partner(s, find_campaign(s, "Bench"), work / "export.xlsx", NOW)
                s.rollback()

        bare_s, export_s = paired(3, lambda: bare_write(work / "bare.xlsx", rows, headings), export)
        with database.session() as s:
            export_partner(s, find_campaign(s, "Bench"), work / "export.xlsx", NOW)
        exported = work / "export.xlsx"

        def unworked() -> None:  # the export as it was sent: every row unchanged
            forget()
            report = run_outcomes_import(database, exported, NOW)
            assert report.count("unchanged") == len(rows) and report.batch_id is None

        sent_read_s, unworked_s = paired(5, lambda: bare_read(exported), unworked)
        worked = work / "worked.xlsx"
        worked_copy(work / "export.xlsx", worked, ["voicemail", "no_answer", "promised", "renewed"])

        def preview() -> None:  # the first look at a file: no rows kept from an earlier one
            forget()
            report = run_outcomes_import(database, worked, NOW, dry_run=True)
            assert report.count("applied") == len(rows), not_applied(report)

        read_s, preview_s = paired(5, lambda: bare_read(worked), preview)
        marked = work / "marked.xlsx"
        filled_in_place(exported, marked, ["voicemail", "no_answer", "promised", "renewed"])

        def marked_preview() -> None:
            forget()
            report = run_outcomes_import(database, marked, NOW, dry_run=True)
            assert report.count("applied") == len(rows), not_applied(report)

        marked_read_s, marked_preview_s = paired(5, lambda: bare_read(marked), marked_preview)
        database.close()
        pristine = work / "pristine.sqlite3"
        shutil.copy(work / "members.sqlite3", pristine)
        calls = len(rows)
        apply_s, apply_read_s, undo_s = applied(work, pristine, worked, calls, preview=True)
        cold_s, cold_read_s, _ = applied(work, pristine, worked, calls, preview=False)
        given, given_worked = given_to_partner(work, pristine)
        given_s, given_read_s, given_undo_s = applied(
            work, given, given_worked, calls, preview=True, given=True
        )
        given_cold_s, given_cold_read_s, _ = applied(
            work, given, given_worked, calls, preview=False, given=True
        )
    for label, value, base, target in (
        ("export", export_s, bare_s, 1.5),
        ("re-import of the export as sent (nothing filled)", unworked_s, sent_read_s, 2.0),
        ("re-import --dry-run (a copy without the export's mark)", preview_s, read_s, 2.0),
        ("re-import --dry-run (the export itself, filled)", marked_preview_s, marked_read_s, 2.0),
        ("re-import, applied after its dry run (the Exchange page)", apply_s, apply_read_s, 2.0),
        ("re-import, applied with no dry run before (the command line)", cold_s, cold_read_s, 2.0),
        ("  the same, calls given to the partner, after its dry run", given_s, given_read_s, 2.0),
        (
            "  the same, calls given to the partner, no dry run before",
            given_cold_s,
            given_cold_read_s,
            2.0,
        ),
    ):
        ratio = value / base
        verdict = "MEETS" if ratio <= target else "MISSES"
        print(f"{label}: {value:.2f} s vs bare {base:.2f} s = {ratio:.2f}x (target {target}x)")
        print(f"  {verdict}")
    print(f"undo of the applied import: {undo_s:.2f} s (given to a partner: {given_undo_s:.2f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

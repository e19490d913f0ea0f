"""Bring the English plural forms up to date: ``python tools/translations.py``.

1. ``pyside6-lupdate`` reads every counted text (``self.tr("%Ln call(s)", "", n)``) from the
   package into ``member_reach_en.ts`` (plural texts only: English is the source language).
2. Each new text gets its two English forms, from the ``(s)`` / ``(es)`` written in it
   ("%Ln call(s)" -> "%Ln call", "%Ln calls"; "person(s)" -> "people"). Forms already there,
   filled by hand or in Qt Linguist, are kept.
3. ``pyside6-lrelease`` compiles it to ``member_reach_en.qm``, which the app loads.

tests/ui/core/test_translations.py fails when a counted text has no forms or the compiled file
is older than its source; it names this command.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "member_reach"
FOLDER = ROOT / "resources" / "translations"
TS_FILE = FOLDER / "member_reach_en.ts"
QM_FILE = FOLDER / "member_reach_en.qm"

# Words whose plural is not the singular with "s" or "es".
IRREGULAR = {"person(s)": ("person", "people")}
_MARKED = re.compile(r"(\w+(?:-\w+)*)\((e?s)\)")


def english_forms(source: str) -> tuple[str, str]:
    """The singular and plural form of a counted text, read from its ``(s)`` marks."""
    one, many = source, source
    for marked, (singular, plural) in IRREGULAR.items():
        one, many = one.replace(marked, singular), many.replace(marked, plural)
    one = _MARKED.sub(lambda m: m.group(1), one)
    many = _MARKED.sub(lambda m: m.group(1) + m.group(2), many)
    return one, many


def python_sources() -> list[str]:
    """Every module of the package, as paths relative to the project's folder."""
    return sorted(str(p.relative_to(ROOT)) for p in PACKAGE.rglob("*.py"))


def _qt_tool(name: str) -> str:
    """PySide6's ``name`` script beside this Python (a venv not activated), else on PATH."""
    return shutil.which(name, path=str(Path(sys.executable).parent)) or name


def run_lupdate(ts_file: Path, *, plural_only: bool = True) -> None:
    """Update ``ts_file`` from the package's sources (it keeps forms already filled)."""
    options = ["-pluralonly"] if plural_only else []
    subprocess.run(
        [_qt_tool("pyside6-lupdate"), *python_sources(), *options]
        + ["-locations", "none", "-no-obsolete", "-source-language", "en"]
        + ["-target-language", "en", "-ts", str(ts_file)],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )


def run_lrelease(ts_file: Path, qm_file: Path) -> None:
    """Compile ``ts_file`` to ``qm_file``."""
    subprocess.run(
        [_qt_tool("pyside6-lrelease"), "-silent", str(ts_file), "-qm", str(qm_file)],
        check=True,
        capture_output=True,
    )


def fill_english_forms(ts_file: Path) -> list[str]:
    """Give every unfinished counted text its English forms; return the texts filled."""
    tree = ET.parse(ts_file)
    filled = []
    for message in tree.iter("message"):
        translation = message.find("translation")
        if translation is None or translation.get("type") != "unfinished":
            continue
        source = message.findtext("source", "")
        for form in list(translation):
            translation.remove(form)
        for text in english_forms(source):
            ET.SubElement(translation, "numerusform").text = text
        del translation.attrib["type"]
        filled.append(source)
    ET.indent(tree, space="    ")
    with ts_file.open("wb") as out:
        out.write(b'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n')
        tree.write(out, encoding="utf-8", xml_declaration=False)
        out.write(b"\n")
    return filled


def main() -> int:
    """Update, fill and compile; say what was new."""
    FOLDER.mkdir(parents=True, exist_ok=True)
    run_lupdate(TS_FILE)
    for source in fill_english_forms(TS_FILE):
        print(f"new: {source}")
    run_lrelease(TS_FILE, QM_FILE)
    print(f"written: {QM_FILE.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

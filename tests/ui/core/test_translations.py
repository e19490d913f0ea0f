"""Counted texts read right: Qt's plural forms, with their English file kept up to date."""

from __future__ import annotations

import shutil
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtWidgets import QApplication

from member_reach.ui.core.labels import count_text
from member_reach.ui.core.translations import install_translations, load_translator

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT / "tools"))
import translations as tool  # noqa: E402

FIX = "Run `python tools/translations.py` and commit what it writes."


def _messages(ts_file: Path) -> dict[tuple[str, str], ET.Element]:
    tree = ET.parse(ts_file)
    return {
        (context.findtext("name", ""), message.findtext("source", "")): message
        for context in tree.iter("context")
        for message in context.iter("message")
    }


def test_every_counted_text_has_its_two_english_forms(tmp_path: Path) -> None:
    fresh = tmp_path / "fresh.ts"
    shutil.copy(tool.TS_FILE, fresh)
    tool.run_lupdate(fresh)
    committed, found = _messages(tool.TS_FILE), _messages(fresh)
    assert len(found) >= 30
    assert sorted(found) == sorted(committed), FIX
    for key, message in committed.items():
        translation = message.find("translation")
        assert translation is not None and translation.get("type") is None, (key, FIX)
        forms = [form.text or "" for form in translation.iter("numerusform")]
        assert len(forms) == 2 and all("%n" in form.replace("%Ln", "%n") for form in forms), key
        if "(s)" in key[1] or "(es)" in key[1]:  # a word that changes with the count
            assert forms[0] != forms[1] and "(s)" not in forms[0] + forms[1], key


def test_no_counted_text_misses_its_count(tmp_path: Path) -> None:
    """A %n text read without the count (tr(text) alone) would show "%n" on screen."""
    every = tmp_path / "every.ts"
    tool.run_lupdate(every, plural_only=False)
    missing = [
        (context, source)
        for (context, source), message in _messages(every).items()
        if "%n" in source.replace("%Ln", "%n") and message.get("numerus") != "yes"
    ]
    assert missing == []


def test_the_compiled_file_is_the_source_compiled(tmp_path: Path) -> None:
    compiled = tmp_path / "en.qm"
    tool.run_lrelease(tool.TS_FILE, compiled)
    assert compiled.read_bytes() == tool.QM_FILE.read_bytes(), FIX


@pytest.mark.parametrize(
    ("source", "one", "many"),
    [
        ("%Ln call(s) to make", "%Ln call to make", "%Ln calls to make"),
        ("%Ln success(es)", "%Ln success", "%Ln successes"),
        ("%Ln person(s) to call", "%Ln person to call", "%Ln people to call"),
        ("%Ln hand-off(s)", "%Ln hand-off", "%Ln hand-offs"),
    ],
)
def test_english_forms_are_read_from_the_marks(source: str, one: str, many: str) -> None:
    assert tool.english_forms(source) == (one, many)


def test_counts_read_in_english_with_the_users_grouping(qapp: QApplication) -> None:
    install_translations(qapp)
    assert count_text(1) == "1 member"
    assert count_text(0) == "0 members"
    assert count_text(1234) == "1,234 members"
    assert count_text(1, people=True) == "1 person"
    assert count_text(2, people=True) == "2 people"
    many = QCoreApplication.translate("CampaignCard", "%Ln success(es)", "", 6)
    assert (many, QCoreApplication.translate("CampaignCard", "%Ln success(es)", "", 1)) == (
        "6 successes",
        "1 success",
    )


@pytest.mark.parametrize("language", [QLocale.Language.German, QLocale.Language.English])
def test_a_language_without_its_file_reads_english_plurals(language: QLocale.Language) -> None:
    """A German desk gets the English forms (no German file yet), never "1 call(s)"."""
    translator = load_translator(QLocale(language))
    assert not translator.isEmpty()
    one = translator.translate("CampaignView", "%Ln call(s) to make", "", 1)
    many = translator.translate("CampaignView", "%Ln call(s) to make", "", 2)
    assert (one, many) == ("%Ln call to make", "%Ln calls to make")

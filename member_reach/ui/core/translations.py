"""The app's translations, installed once on the application.

Counted texts are written once, in Qt's plural style: ``self.tr("%Ln call(s) to make", "", n)``.
Qt fills in the number (``%Ln`` with the user's digit grouping) and takes the sentence's form
for that number from the translation file, so that English reads "1 call to make" and
"1,234 calls to make", and a language with more forms (Polish, Russian) gets all of them.
English is the source language, so its file holds only those plural forms:
``resources/translations/member_reach_en.ts``, kept up to date by
``python tools/translations.py`` (pyside6-lupdate, then pyside6-lrelease) and checked by
tests/ui/core/test_translations.py.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, QObject, QTranslator

from member_reach.assets import asset

FILE_STEM = "member_reach"
SOURCE_LANGUAGE = "en"

_installed: dict[int, QTranslator] = {}


def translations_folder() -> Path:
    """The folder holding the compiled translations (``member_reach_en.qm``…)."""
    return asset("translations")


def load_translator(locale: QLocale, parent: QObject | None = None) -> QTranslator:
    """The translation for ``locale``'s languages, else the English plural forms."""
    translator = QTranslator(parent)
    folder = str(translations_folder())
    if not translator.load(locale, FILE_STEM, "_", folder):
        translator.load(f"{FILE_STEM}_{SOURCE_LANGUAGE}", folder)
    return translator


def install_translations(app: QCoreApplication) -> QTranslator:
    """Install the user's language (English plural forms when there is none) on ``app``.

    A machine set to the bare "C" locale (no language, as on some servers) reads as US
    English, so that numbers are grouped as the rest of the window groups them. Installing
    twice on one application does nothing the second time.
    """
    if QLocale().language() == QLocale.Language.C:
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    key = id(app)
    if key not in _installed:
        _installed[key] = load_translator(QLocale(), app)
        app.installTranslator(_installed[key])
    return _installed[key]

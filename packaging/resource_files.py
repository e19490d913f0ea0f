"""The resources the frozen app carries, as PyInstaller's ``datas`` (read by the spec).

The same files as the wheel: those ``pyproject.toml`` names in ``[tool.setuptools.package-data]``
for ``member_reach.resources``, taken from the top-level folder ``package-dir`` maps it to. They
go to ``resources/`` inside the bundle, where ``member_reach/assets.py`` looks when frozen.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = "member_reach.resources"
IN_BUNDLE = "resources"


def datas(root: Path = ROOT) -> list[tuple[str, str]]:
    """Each resource file and the folder of the bundle it goes to, in PyInstaller's form."""
    setuptools = tomllib.loads((root / "pyproject.toml").read_text("utf-8"))["tool"]["setuptools"]
    folder = root / setuptools["package-dir"][PACKAGE]
    files = {p for pattern in setuptools["package-data"][PACKAGE] for p in folder.glob(pattern)}
    return [
        (str(path), (Path(IN_BUNDLE) / path.relative_to(folder).parent).as_posix())
        for path in sorted(files)
        if path.is_file()
    ]

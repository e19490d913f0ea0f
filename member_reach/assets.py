"""The app's non-code assets: the top-level ``resources/`` folder (icons, style sheet, guide).

The folder is found wherever the app runs, and nothing else knows where it is:

- frozen (PyInstaller): the build puts it at ``resources/`` inside the bundle (``sys._MEIPASS``);
- installed by pip: the wheel carries it inside the package, ``member_reach/resources``;
- run from a checkout, or installed with ``pip install -e``: the folder beside the package.
"""

from __future__ import annotations

import sys
from pathlib import Path

FOLDER_NAME = "resources"


def folder() -> Path:
    """The resources folder of this copy of the app (frozen, installed or checked out)."""
    bundle = getattr(sys, "_MEIPASS", None)
    if getattr(sys, "frozen", False) and bundle:
        return Path(bundle) / FOLDER_NAME
    package = Path(__file__).resolve().parent
    installed = package / FOLDER_NAME
    # A folder left empty by an older checkout is not the installed copy: look for a file in it.
    return installed if (installed / "style.qss").is_file() else package.parent / FOLDER_NAME


def asset(relative: str) -> Path:
    """The file ``relative`` (such as ``"icons/add.svg"``) in the resources folder."""
    return folder() / relative

"""Build the one-folder app with PyInstaller: ``python packaging/build.py``.

Writes ``dist/member_reach/`` (the app: ``member_reach`` opens the window, ``member-reach`` is the
command line) and, on Linux, ``dist/member_reach-VERSION-linux-x86_64.tar.gz``. The version comes
from pyproject.toml. Needs the ``build`` extra: ``pip install -e ".[build]"``.
"""

from __future__ import annotations

import platform
import sys
import tarfile
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DIST = ROOT / "dist"


def version() -> str:
    """The version pyproject.toml names."""
    return str(tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["version"])


def build() -> Path:
    """Run PyInstaller on the spec; return the app's folder."""
    import PyInstaller.__main__

    PyInstaller.__main__.run(
        [
            str(ROOT / "packaging" / "member_reach.spec"),
            "--noconfirm",
            "--clean",
            "--log-level=WARN",
            f"--distpath={DIST}",
            f"--workpath={ROOT / 'build' / 'pyinstaller'}",
        ]
    )
    return DIST / "member_reach"


def tarball(folder: Path) -> Path:
    """The Linux download: the folder as a .tar.gz."""
    target = DIST / f"member_reach-{version()}-linux-{platform.machine()}.tar.gz"
    with tarfile.open(target, "w:gz") as archive:
        archive.add(folder, arcname=folder.name)
    return target


def main() -> int:
    """Build; on Linux also pack the tarball; print where they are."""
    folder = build()
    print(f"built {folder}")
    if sys.platform.startswith("linux"):
        print(f"packed {tarball(folder)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

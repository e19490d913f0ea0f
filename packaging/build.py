"""Build the one-folder app with PyInstaller: ``python packaging/build.py``.

Writes ``dist/member_reach/`` (the app: ``member_reach`` opens the window, ``member-reach`` is the
command line) and, on Linux, ``dist/member_reach-VERSION-linux-x86_64.tar.gz``. The version comes
from pyproject.toml. Needs the ``build`` extra: ``pip install -e ".[build]"``.
"""

from __future__ import annotations

import platform
import shutil
import subprocess
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

    # PyInstaller's hooks import the package in child processes (given this one's sys.path) to
    # find its data files: they must find this checkout's, not another one installed in the
    # environment (pip install -e).
    sys.path.insert(0, str(ROOT))
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


def strip_debug_symbols(folder: Path) -> int:
    """Remove debugging symbols from the folder's shared libraries (Linux); return bytes saved.

    Python's own library and SQLAlchemy's compiled modules ship with theirs (libpython alone
    23 MB, 6 MB without). Only debug sections go, never symbols a library needs; the wheels'
    vendored libraries (``*.libs`` folders, rewritten by auditwheel) are left as they are.
    """
    strip = shutil.which("strip")
    if strip is None:
        return 0
    saved = 0
    for library in folder.rglob("*.so*"):
        if not library.is_file() or library.is_symlink():
            continue
        if any(part.endswith(".libs") for part in library.parts):
            continue
        before = library.stat().st_size
        stripped = library.with_name(library.name + ".stripped")
        done = subprocess.run(
            [strip, "--strip-debug", "-o", str(stripped), str(library)], capture_output=True
        )
        if done.returncode == 0 and stripped.stat().st_size < before:
            saved += before - stripped.stat().st_size
            stripped.replace(library)
        else:
            stripped.unlink(missing_ok=True)
    return saved


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
        print(f"debugging symbols removed: {strip_debug_symbols(folder) / 1e6:.1f} MB")
        print(f"packed {tarball(folder)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""The top-level resources/ folder (issue 16, DESIGN.md) is found the three ways the app runs:
from the checkout, installed by pip from its wheel, and frozen by PyInstaller."""

from __future__ import annotations

import json
import os
import re
import runpy
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest

from member_reach import assets
from member_reach.app import app_icon
from member_reach.self_check import sample_files
from member_reach.ui.app.user_guide import guide_page
from member_reach.ui.core.icons import NAMES
from member_reach.ui.core.style import style_sheet

ROOT = Path(__file__).resolve().parents[2]
RESOURCES = ROOT / "resources"
SPEC = ROOT / "packaging" / "member_reach.spec"
#: The self-check's rosters, one per format.
SAMPLES = [f"self-check-roster.{kind}" for kind in ("csv", "ods", "xls", "xlsx")]
#: What the app reads of each copy, checked in a fresh Python: where the package and the folder
#: are, which assets are missing, and what the app's own readers of them return.
PROBE = """
import json, sys
from member_reach import assets
report = {
    "package": assets.__file__,
    "folder": str(assets.folder()),
    "missing": [name for name in json.loads(sys.argv[1]) if not assets.asset(name).is_file()],
}
if "--readers" in sys.argv:
    from member_reach.self_check import sample_files
    from member_reach.ui.app.user_guide import guide_page
    from member_reach.ui.core.style import style_sheet
    report["read"] = [str(guide_page()), *map(str, sample_files())]
    report["style"] = style_sheet()
print(json.dumps(report))
"""


def wanted() -> list[str]:
    """Every asset the app reads, relative to the folder: from the app's own lists."""
    pictures = re.findall(r'src="([^"]+)"', (RESOURCES / "guide" / "index.html").read_text("utf-8"))
    return sorted(
        {
            "style.qss",
            "app/member_reach.svg",
            "guide/index.html",
            *(f"guide/{picture}" for picture in pictures),
            *(f"icons/{name}.svg" for name in NAMES),
            *(f"samples/{name}" for name in SAMPLES),
        }
    )


def probe(cwd: Path, pythonpath: Path, *, no_site: bool = False) -> dict[str, Any]:
    """Run :data:`PROBE` in a new Python that finds the package on ``pythonpath`` only.

    With ``no_site`` it runs without site-packages (no install, no Qt: the app's readers left
    out); else the app's readers are run too.
    """
    env = {**os.environ, "PYTHONPATH": str(pythonpath)}
    options, readers = (["-S"], []) if no_site else ([], ["--readers"])
    argv = [sys.executable, *options, "-c", PROBE, json.dumps(wanted()), *readers]
    done = subprocess.run(argv, cwd=cwd, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    report: dict[str, Any] = json.loads(done.stdout)
    return report


def sources_with_translations(tmp_path: Path) -> Path:
    """A copy of the project's sources, with a translation (compiled, and its source) added."""
    copy = tmp_path / "sources"
    copy.mkdir()
    for name in ("pyproject.toml", "setup.py", "README.md"):
        shutil.copy2(ROOT / name, copy / name)
    ignored = shutil.ignore_patterns("__pycache__", "*.egg-info")
    shutil.copytree(ROOT / "member_reach", copy / "member_reach", ignore=ignored)
    shutil.copytree(RESOURCES, copy / "resources", ignore=ignored)
    (copy / "resources" / "translations").mkdir(exist_ok=True)
    (copy / "resources" / "translations" / "member_reach_fr.qm").write_bytes(b"<qm>")
    (copy / "resources" / "translations" / "member_reach_fr.ts").write_text("<TS/>", "utf-8")
    return copy


def test_from_the_checkout_the_folder_beside_the_package_is_read(qapp, tmp_path: Path) -> None:
    # No install: `python -S` has no site-packages, so the package comes from the checkout.
    report = probe(tmp_path, ROOT, no_site=True)
    assert Path(str(report["package"])) == ROOT / "member_reach" / "assets.py"
    assert report["folder"] == str(RESOURCES)
    assert report["missing"] == []
    assert not (ROOT / "member_reach" / "resources").exists()  # one home for the assets
    # The app's readers, in this process (run from the checkout too), go through the folder.
    assert guide_page() == RESOURCES / "guide" / "index.html"
    assert {p.parent for p in sample_files()} == {RESOURCES / "samples"}
    assert style_sheet() == (RESOURCES / "style.qss").read_text("utf-8")
    assert not app_icon().isNull()


def test_installed_from_the_wheel_the_folder_inside_the_package_is_read(tmp_path: Path) -> None:
    sources = sources_with_translations(tmp_path)
    # Built as `pip install` builds it: setuptools (>= 77, as pyproject.toml asks) fetched from
    # the package index into an isolated environment, as the project's own install does.
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "-q"]
    built = subprocess.run(
        [*pip, "wheel", "--no-deps", "-w", str(tmp_path / "wheel"), str(sources)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert built.returncode == 0, built.stdout + built.stderr
    (wheel,) = (tmp_path / "wheel").glob("member_reach-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    assert "member_reach/resources/translations/member_reach_fr.qm" in names
    assert not {n for n in names if n.endswith((".ts", ".ico", ".icns"))}  # sources, build art
    tops = {n.split("/")[0] for n in names}  # the package and its metadata, no "resources"
    assert {t for t in tops if not t.endswith(".dist-info")} == {"member_reach"}

    site = tmp_path / "site"
    installed = subprocess.run(
        [*pip, "install", "--no-deps", "--no-compile", "--target", str(site), str(wheel)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert installed.returncode == 0, installed.stdout + installed.stderr
    shutil.rmtree(sources)  # nothing left to find beside a checkout
    report = probe(tmp_path, site)
    folder = site / "member_reach" / "resources"
    assert Path(str(report["package"])) == site / "member_reach" / "assets.py"
    assert report["folder"] == str(folder)
    assert report["missing"] == []
    read = [Path(p) for p in report["read"]]
    assert read[0] == folder / "guide" / "index.html"
    assert sorted(p.name for p in read[1:]) == SAMPLES
    assert all(p.parent == folder / "samples" for p in read[1:])
    assert report["style"] == (RESOURCES / "style.qss").read_text("utf-8")


def test_frozen_the_folder_the_spec_bundles_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    spec = SPEC.read_text("utf-8")
    assert '"resource_files.py"))["datas"](ROOT)' in spec  # the spec's datas take these files
    assert "resources/**" not in spec  # and no other copy of the folder
    sources = sources_with_translations(tmp_path)
    datas = runpy.run_path(str(ROOT / "packaging" / "resource_files.py"))["datas"](sources)
    bundle = tmp_path / "bundle"  # laid out as PyInstaller lays out datas: file → folder/name
    for source, folder in datas:
        (bundle / folder).mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, bundle / folder / Path(source).name)
    shutil.rmtree(sources)
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(bundle), raising=False)

    assert assets.folder() == bundle / "resources"
    assert [name for name in wanted() if not assets.asset(name).is_file()] == []
    assert assets.asset("translations/member_reach_fr.qm").is_file()
    assert not list(bundle.rglob("*.ts"))
    assert guide_page() == bundle / "resources" / "guide" / "index.html"
    assert {p.parent for p in sample_files()} == {bundle / "resources" / "samples"}
    assert style_sheet() == (RESOURCES / "style.qss").read_text("utf-8")

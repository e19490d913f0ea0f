"""The installers' files, checked offline (issue 16): what a Windows or macOS runner would build
from, read back here. The builds themselves run in .github/workflows/release.yml."""

from __future__ import annotations

import configparser
import plistlib
import re
import runpy
import shutil
import subprocess
import tomllib
from pathlib import Path, PureWindowsPath

import pytest
from PIL import Image

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"
ICONS = ROOT / "resources" / "app"
VERSION = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["version"]
WORKFLOW = ROOT / ".github" / "workflows" / "release.yml"


def test_the_release_workflow_follows_github_s_published_schema() -> None:
    tool = shutil.which("check-jsonschema")
    assert tool is not None, "check-jsonschema is a test dependency (pyproject.toml)"
    done = subprocess.run(
        [tool, "--builtin-schema", "vendor.github-workflows", str(WORKFLOW)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_workflow_builds_and_smoke_tests_on_windows_macos_and_linux() -> None:
    text = WORKFLOW.read_text("utf-8")
    assert "os: [windows-latest, macos-latest, ubuntu-latest]" in text
    for step in (
        "python packaging/build.py",
        "python packaging/smoke_test.py",
        "iscc /DAppVersion=${{ steps.version.outputs.version }} "
        r"packaging\windows\member_reach.iss",
        "packaging/macos/make_dmg.sh",
    ):
        assert step in text


def test_info_plist_names_the_bundle_its_version_dark_mode_and_retina() -> None:
    make = runpy.run_path(str(PACKAGING / "macos" / "info_plist.py"))["info_plist"]
    plist = plistlib.loads(plistlib.dumps(make(VERSION)))  # written and read back as macOS does
    assert plist["CFBundleIdentifier"] == "org.member-reach.app"
    assert plist["CFBundleShortVersionString"] == plist["CFBundleVersion"] == VERSION
    assert plist["NSRequiresAquaSystemAppearance"] is False  # follows dark mode
    assert plist["NSHighResolutionCapable"] is True
    assert (ICONS / plist["CFBundleIconFile"]).is_file()
    assert 'packaging" / "macos" / "info_plist.py' in (PACKAGING / "member_reach.spec").read_text()


def test_the_windows_icon_holds_every_size_windows_asks_for() -> None:
    with Image.open(ICONS / "member_reach.ico") as icon:
        sizes = set(icon.info["sizes"])
    assert {(16, 16), (24, 24), (32, 32), (48, 48), (256, 256)} <= sizes


def test_the_macos_icon_holds_retina_sizes_up_to_1024() -> None:
    with Image.open(ICONS / "member_reach.icns") as icon:
        assert icon.size == (1024, 1024)
        entries = {(w, scale) for w, _h, scale in icon.info["sizes"]}
    # Apple's icon set from 16 pt at 2x to 512 pt at 2x (1024 px); 16 and 32 pt at 1x are
    # drawn by macOS from the 2x ones (Pillow writes the modern PNG entries only).
    assert {(16, 2), (32, 2), (128, 1), (128, 2), (256, 1), (256, 2), (512, 1), (512, 2)} <= entries


def _inno_sections(path: Path) -> tuple[dict[str, str], dict[str, list[str]]]:
    """The [Setup] settings and each other section's lines of an Inno Setup script."""
    lines: dict[str, list[str]] = {}
    section = ""
    for raw in path.read_text("utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith((";", "#")):
            continue
        if match := re.fullmatch(r"\[(\w+)\]", line):
            section = match.group(1)
            continue
        lines.setdefault(section, []).append(line)
    setup = configparser.ConfigParser(interpolation=None)
    setup.optionxform = str  # type: ignore[assignment,method-assign]
    setup.read_string("[Setup]\n" + "\n".join(lines.get("Setup", [])))
    return dict(setup["Setup"]), lines


def test_the_windows_installer_is_per_user_without_admin_and_keeps_the_data() -> None:
    script = PACKAGING / "windows" / "member_reach.iss"
    setup, sections = _inno_sections(script)
    assert setup["PrivilegesRequired"] == "lowest"  # no administrator rights asked
    assert setup["DefaultDirName"].startswith("{localappdata}\\Programs\\")
    assert setup["AppVersion"] == "{#AppVersion}"  # from pyproject.toml, by the workflow
    icon = PureWindowsPath(setup["SetupIconFile"])  # relative to the script, as iscc reads it
    assert (script.parent / Path(*icon.parts)).resolve() == ICONS / "member_reach.ico"
    assert any(line.startswith('Name: "{userprograms}\\') for line in sections["Icons"])
    # The uninstaller removes what it installed, never the data folder (platformdirs'
    # user_data_dir, %LOCALAPPDATA%\\member_reach): nothing deletes or runs at uninstall.
    assert not {"UninstallDelete", "UninstallRun", "Code"} & set(sections)
    assert setup["DefaultDirName"].rstrip("\\") != "{localappdata}\\member_reach"


@pytest.mark.parametrize("script", ["make_dmg.sh", "sign_and_notarize.sh"])
def test_the_macos_scripts_read_their_credentials_from_the_environment(script: str) -> None:
    text = (PACKAGING / "macos" / script).read_text("utf-8")
    assert text.startswith("#!/usr/bin/env bash\n")
    assert "set -euo pipefail" in text
    assert "MACOS_SIGN_IDENTITY" in text
    assert not re.search(r"(password|identity)\s*=\s*['\"][^$]", text, re.IGNORECASE)
    done = subprocess.run(["bash", "-n", str(PACKAGING / "macos" / script)], capture_output=True)
    assert done.returncode == 0, done.stderr

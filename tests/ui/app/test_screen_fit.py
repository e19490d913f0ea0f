"""Every page and dialog of the main window fits the screens directors have (issue 15).

A 1366x768 laptop, a 1920x1080 screen at 150% (1280x720 to Qt) and a small 1024x700 one: the
walk (``screen_walk``) opens every page, every page button and every menu action on a real X
screen (Xvfb; the offscreen platform's screen is too small) and reports each window, button
or sidebar label that does not fit. The platform and scale factor are fixed per QApplication,
so each screen gets a process of its own.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parents[2]
WALK_TIMEOUT_S = 600


def xvfb_program() -> str:
    """Xvfb's path; a skip where it is missing, a failure where it is required (CI)."""
    path = shutil.which("Xvfb")
    if path is None:
        if os.environ.get("CI") or os.environ.get("MEMBER_REACH_REQUIRE_XVFB"):
            pytest.fail("Xvfb is required here (CI or MEMBER_REACH_REQUIRE_XVFB) but is missing")
        pytest.skip("Xvfb is not installed (apt-get install xvfb): no real screen to walk")
    return path


@contextmanager
def xvfb_display(size: str) -> Iterator[str]:
    """Run an X server with one ``size`` (e.g. 1366x768) screen; yield its DISPLAY."""
    program = xvfb_program()
    read_end, write_end = os.pipe()
    # -displayfd: Xvfb picks a free display number and writes it once it accepts clients.
    server = subprocess.Popen(
        [program, "-displayfd", str(write_end), "-screen", "0", f"{size}x24", "-nolisten", "tcp"],
        pass_fds=(write_end,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write_end)
    try:
        with os.fdopen(read_end) as pipe:
            number = pipe.readline().strip()
        if not number:
            pytest.fail(f"Xvfb did not start a {size} screen")
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(timeout=10)


def walk(tmp_path: Path, size: str, scale: str, *options: str) -> dict[str, object]:
    """Walk the window on a ``size`` screen at ``scale``; return the walk's record."""
    out = tmp_path / "walk.json"
    with xvfb_display(size) as display:
        env = {
            **os.environ,
            "DISPLAY": display,
            "QT_QPA_PLATFORM": "xcb",
            "QT_SCALE_FACTOR": scale,
        }
        env.pop("WAYLAND_DISPLAY", None)
        done = subprocess.run(
            [sys.executable, "-m", "ui.app.screen_walk", str(out), *options],
            cwd=TESTS,
            env=env,
            capture_output=True,
            text=True,
            timeout=WALK_TIMEOUT_S,
            check=False,
        )
    assert done.returncode == 0, done.stderr[-4000:]
    record: dict[str, object] = json.loads(out.read_text("utf-8"))
    return record


@pytest.mark.parametrize(
    ("size", "scale", "room"),
    [("1366x768", "1", [1366, 768]), ("1920x1080", "1.5", [1280, 720]), ("1024x700", "1", None)],
    ids=["1366x768", "1920x1080-at-150", "1024x700"],
)
def test_every_page_and_dialog_fits_the_screen(
    tmp_path: Path, size: str, scale: str, room: list[int] | None
) -> None:
    record = walk(tmp_path, size, scale)
    if room is not None:
        assert record["screen"] == room  # the scale factor took effect
    # The walk went everywhere: each sidebar page, each menu action, dialogs from both.
    assert len(record["pages"]) == record["navigation"] > 0  # type: ignore[arg-type]
    skipped = record["skipped"]
    assert record["triggered"] + len(skipped) == record["actions"]  # type: ignore[arg-type,operator]
    assert all(reason.endswith(": quits") for reason in skipped)  # type: ignore[attr-defined]
    opened = record["opened"]
    assert any(o.startswith("menu ") for o in opened)  # type: ignore[attr-defined]
    assert any(o.startswith("page ") for o in opened)  # type: ignore[attr-defined]
    assert any("New campaign" in o for o in opened)  # type: ignore[attr-defined]
    assert record["problems"] == []


@pytest.mark.parametrize(
    ("size", "scale"),
    [("1366x768", "1"), ("1920x1080", "1.5")],
    ids=["1366x768", "1920x1080-at-150"],
)
def test_a_new_empty_database_is_welcomed_on_every_desk(
    tmp_path: Path, size: str, scale: str
) -> None:
    """The welcome page fits; each of its buttons opens what it says; then the empty pages."""
    record = walk(tmp_path, size, scale, "--empty")
    assert record["welcomed"] is True
    assert record["welcome_pressed"] == [
        "Choose a file…",
        "Open the demo",
        "Connect to a server…",
        "Read the user guide",
    ]
    opened = [o for o in record["opened"] if o.startswith("welcome ›")]  # type: ignore[attr-defined]
    assert [o.split(" › ")[-1] for o in opened] == [
        "Choose the file to import",
        "Settings",
        "member_reach user guide",
    ]  # the demo opens no window: it fills the database and the dashboard follows
    assert len(record["pages"]) == record["navigation"] > 0  # type: ignore[arg-type]
    assert record["problems"] == []

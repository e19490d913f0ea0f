"""Make the user guide's pictures from the demo association (``python tools/guide_images.py``).

The guide (resources/guide) shows the app as a new user sees it on ``--demo``: this
script builds that demo in a temporary folder, opens the main window off screen at 1280×800,
shows each page the guide talks about and saves it, scaled to 960 pixels wide, beside the guide.
Run it again when a page changes; the pictures are then the app's own, not drawings of it.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings, Qt  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from member_reach.services.common.clock import Clock  # noqa: E402
from member_reach.services.demo.demo import create_demo_database  # noqa: E402
from member_reach.ui.app.main_window import MainWindow  # noqa: E402

TODAY = dt.date(2026, 11, 23)
NOW = dt.datetime(2026, 11, 23, 10, 30)
GUIDE = Path(__file__).resolve().parent.parent / "resources" / "guide"
SIZE = (1280, 800)
WIDTH = 960


def _settle(app: QApplication) -> None:
    for _ in range(20):
        app.processEvents()


def _save(app: QApplication, window: MainWindow, name: str) -> None:
    _settle(app)
    picture = window.grab().scaledToWidth(WIDTH, Qt.TransformationMode.SmoothTransformation)
    picture.save(str(GUIDE / name), "PNG")
    print(f"wrote {GUIDE / name} ({picture.width()}×{picture.height()})")


def main() -> int:
    """Write campaigns.png, calls.png and dashboard.png into the guide's folder."""
    app = QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory() as folder:
        database = create_demo_database(Path(folder) / "demo.sqlite3", TODAY, mid_month=True)
        settings = QSettings(str(Path(folder) / "member_reach.ini"), QSettings.Format.IniFormat)
        settings.setValue("user/name", "Sam Okafor")
        clock = Clock(fixed_today=TODAY, fixed_now=NOW)
        window = MainWindow(settings, database, clock, synchronous_tasks=True)
        window.resize(*SIZE)
        window.show()
        window.show_page("dashboard")
        _save(app, window, "dashboard.png")
        window.show_page("campaigns")
        campaigns = window.pages["campaigns"]
        campaigns.open_campaign(0)  # type: ignore[attr-defined]
        _save(app, window, "campaigns.png")
        window.show_page("calls")
        window.pages["calls"].next_button.click()  # type: ignore[attr-defined]
        _save(app, window, "calls.png")
        window.close()
        window.runner.shutdown()
        window.workspace.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())

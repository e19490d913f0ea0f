"""Make the app icon's files from its drawing: ``python packaging/icons.py``.

``resources/app/member_reach.svg`` is the one drawing; this writes beside it the
Windows ``.ico`` (16 to 256 pixels), the macOS ``.icns`` (16 to 1024) and a 256-pixel ``.png``
(Linux, the window). Qt draws the SVG at each size (sharp small sizes, not one big picture
shrunk); Pillow packs the sizes into the two containers.
"""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PIL import Image  # noqa: E402
from PySide6.QtCore import QBuffer, QIODevice, Qt  # noqa: E402
from PySide6.QtGui import QGuiApplication, QImage, QPainter  # noqa: E402
from PySide6.QtSvg import QSvgRenderer  # noqa: E402

FOLDER = Path(__file__).resolve().parent.parent / "resources" / "app"
DRAWING = FOLDER / "member_reach.svg"
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
ICNS_SIZES = (16, 32, 64, 128, 256, 512, 1024)


def drawn(size: int) -> Image.Image:
    """The drawing at ``size`` × ``size`` pixels."""
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    QSvgRenderer(str(DRAWING)).render(painter)
    painter.end()
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return Image.open(io.BytesIO(bytes(buffer.data().data()))).convert("RGBA")


def main() -> int:
    """Write member_reach.ico, member_reach.icns and member_reach.png."""
    _app = QGuiApplication(sys.argv[:1])
    largest = drawn(max(ICNS_SIZES))
    icons = {size: drawn(size) for size in ICO_SIZES}
    icons[256].save(
        FOLDER / "member_reach.ico",
        sizes=[(s, s) for s in ICO_SIZES],
        append_images=[icons[s] for s in ICO_SIZES if s != 256],
    )
    largest.save(FOLDER / "member_reach.icns", sizes=[(s, s) for s in ICNS_SIZES])
    icons[256].save(FOLDER / "member_reach.png")
    for name in ("member_reach.ico", "member_reach.icns", "member_reach.png"):
        print(f"wrote {FOLDER / name} ({(FOLDER / name).stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""A dark palette (Windows and macOS dark mode) stays readable: fields, check boxes, icons.

Measured on the pixels the widgets draw (``QWidget.grab``), as WCAG's contrast ratio against
what is around them; 3:1 is WCAG's least for the edges of controls (success criterion 1.4.11).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QColor, QIcon, QImage, QPalette, QPixmap
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QFrame,
    QLineEdit,
    QStyle,
    QStyleOptionButton,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from member_reach.ui.core.style import apply_style

from .dark_palette import DARK, dark_palette

LEAST_CONTRAST = 3.0


def luminance(colour: QColor) -> float:
    """WCAG's relative luminance of ``colour``."""

    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = (channel(v) for v in (colour.redF(), colour.greenF(), colour.blueF()))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(one: QColor, other: QColor) -> float:
    """WCAG's contrast ratio of two colours, from 1 (the same) to 21 (black on white)."""
    light, dark = sorted((luminance(one), luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def edge_contrast(image: QImage, rect: QRect, background: QColor) -> float:
    """The weakest of the four edges of ``rect``: each edge's best contrast near its middle."""
    middle = rect.center()
    probes = {
        "left": [QPoint(rect.left() + d, middle.y()) for d in range(3)],
        "right": [QPoint(rect.right() - d, middle.y()) for d in range(3)],
        "top": [QPoint(middle.x(), rect.top() + d) for d in range(3)],
        "bottom": [QPoint(middle.x(), rect.bottom() - d) for d in range(3)],
    }
    return min(
        max(contrast(image.pixelColor(p), background) for p in points) for points in probes.values()
    )


@pytest.fixture(params=sorted(DARK))
def dark_app(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[QPalette]:
    """The application in a dark palette (the member_reach style on it), restored afterwards."""
    before = qapp.palette()
    palette = dark_palette(request.param)
    qapp.setPalette(palette)
    apply_style(qapp)
    yield palette
    qapp.setPalette(before)


def _shown(qtbot, *widgets: QWidget) -> QWidget:  # type: ignore[no-untyped-def]
    holder = QWidget()
    layout = QVBoxLayout(holder)
    for widget in widgets:
        layout.addWidget(widget)
    qtbot.addWidget(holder)
    holder.show()
    qtbot.waitExposed(holder)
    return holder


def test_field_frames_show_on_a_dark_window(qtbot, dark_app: QPalette) -> None:
    field = QLineEdit()
    other = QLineEdit()  # holds the focus: the frame measured is the resting one
    holder = _shown(qtbot, field, other)
    other.setFocus()
    image = field.grab().toImage()
    window = dark_app.color(QPalette.ColorRole.Window)
    assert holder.isVisible()
    assert edge_contrast(image, QRect(QPoint(0, 0), field.size()), window) >= LEAST_CONTRAST


def test_check_boxes_show_on_a_dark_window(qtbot, dark_app: QPalette) -> None:
    box = QCheckBox("Do not call")
    holder = _shown(qtbot, box)
    option = QStyleOptionButton()
    option.initFrom(box)
    indicator = box.style().subElementRect(QStyle.SubElement.SE_CheckBoxIndicator, option, box)
    image = box.grab().toImage()
    window = dark_app.color(QPalette.ColorRole.Window)
    assert holder.isVisible()
    assert edge_contrast(image, indicator, window) >= LEAST_CONTRAST


def test_tables_and_cards_show_their_edges_on_a_dark_window(qtbot, dark_app: QPalette) -> None:
    table = QTableWidget(3, 2)
    card = QFrame()
    card.setObjectName("card")  # the style sheet's card: a panel on the page
    card.setMinimumSize(120, 60)
    holder = _shown(qtbot, table, card)
    assert holder.isVisible()
    window = dark_app.color(QPalette.ColorRole.Window)
    for widget in (table, card):
        image = widget.grab().toImage()
        rect = QRect(QPoint(0, 0), widget.size())
        assert edge_contrast(image, rect, window) >= LEAST_CONTRAST, type(widget).__name__


def _icon_contrast(shown: QImage, blank: QImage, rect: QRect) -> float:
    """The best contrast of the pixels the icon changed in ``rect`` against what lies under."""
    best = 1.0
    for y in range(rect.top(), rect.bottom() + 1):
        for x in range(rect.left(), rect.right() + 1):
            under = blank.pixelColor(x, y)
            best = max(best, contrast(shown.pixelColor(x, y), under))
    return best


def test_sidebar_icons_show_on_a_dark_palette(qtbot, window_factory, people_db, dark_app) -> None:
    window = window_factory(people_db)
    window.show()
    qtbot.waitExposed(window)
    navigation = window.navigation
    ratio = navigation.devicePixelRatioF()
    shown = navigation.grab().toImage()
    empty = QPixmap(64, 64)  # drawn at the size the sidebar gives icons, like the real ones
    empty.fill(Qt.GlobalColor.transparent)
    for row in range(navigation.count()):
        navigation.item(row).setIcon(QIcon(empty))  # the same room, nothing drawn in it
    blank = navigation.grab().toImage()
    assert shown.size() == blank.size()
    for row in range(navigation.count()):
        rect = navigation.visualItemRect(navigation.item(row))
        rect.translate(navigation.viewport().mapTo(navigation, QPoint(0, 0)))
        rect = QRect(rect.topLeft() * ratio, rect.size() * ratio).intersected(shown.rect())
        text = navigation.item(row).text()
        assert shown != blank
        assert _icon_contrast(shown, blank, rect) >= LEAST_CONTRAST, text


def _best_along_edges(image: QImage, background: QColor, depth: int = 4) -> float:
    """The weakest side of ``image``: each side's best contrast within ``depth`` pixels of it.

    Every pixel along a side is looked at, so a dashed edge counts by its dashes.
    """
    width, height = image.width(), image.height()
    sides = {
        "left": [(x, y) for x in range(depth) for y in range(height)],
        "right": [(width - 1 - x, y) for x in range(depth) for y in range(height)],
        "top": [(x, y) for y in range(depth) for x in range(width)],
        "bottom": [(x, height - 1 - y) for y in range(depth) for x in range(width)],
    }
    return min(
        max(contrast(image.pixelColor(x, y), background) for x, y in points)
        for points in sides.values()
    )


def test_the_welcome_page_reads_on_a_dark_window(
    qtbot, window_factory, empty_db, dark_app: QPalette, tmp_path
) -> None:
    from .test_welcome_page import drop_on

    window = window_factory(empty_db)
    window.show()
    qtbot.waitExposed(window)
    assert window.current_page == "welcome"
    target = window.welcome.drop_target
    pdf = tmp_path / "minutes.pdf"
    pdf.write_bytes(b"%PDF-1.4\n")
    drop_on(target, pdf)  # refused: the line saying what is taken shows
    background = dark_app.color(QPalette.ColorRole.Window)
    assert _best_along_edges(target.grab().toImage(), background) >= LEAST_CONTRAST
    base = dark_app.color(QPalette.ColorRole.Base)  # inside the drop target
    labels = [(target.title, base), (target.hint, base), (target.message, base)]
    for label, under in [*labels, (window.welcome.intro, background)]:
        assert label.isVisible(), label.text()
        text = label.grab().toImage()
        best = max(
            contrast(text.pixelColor(x, y), under)
            for x in range(text.width())
            for y in range(text.height())
        )
        assert best >= 4.5, label.text()  # WCAG's least for text (1.4.3)

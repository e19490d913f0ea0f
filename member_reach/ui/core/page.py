"""The frame every page shares: a heading, a line under it, then the page's own content."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget


class Page(QWidget):
    """A page of the main window with a heading and a subtitle; content goes in ``body``."""

    def __init__(self, heading: str, subtitle: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = QLabel(heading, self)
        self.heading.setObjectName("pageHeading")
        # With its parent from the start: a label without one, made visible, is a window of its
        # own for a moment, and takes the focus from the main window when a page is built late.
        self.subtitle = QLabel(subtitle, self)
        self.subtitle.setObjectName("pageSubtitle")
        self.subtitle.setWordWrap(True)
        self.subtitle.setVisible(bool(subtitle))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 22, 28, 16)
        layout.setSpacing(4)
        layout.addWidget(self.heading)
        layout.addWidget(self.subtitle)
        layout.addSpacing(14)
        self.body = QVBoxLayout()
        self.body.setSpacing(10)
        layout.addLayout(self.body, 1)

    def set_subtitle(self, text: str) -> None:
        """Change the line under the heading (hidden when empty)."""
        self.subtitle.setText(text)
        self.subtitle.setVisible(bool(text))

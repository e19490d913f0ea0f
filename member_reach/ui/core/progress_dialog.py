"""The progress dialog of a background job: what is happening, how far, and a Cancel button."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)


class ProgressDialog(QDialog):
    """Shows a job's progress; Cancel, Esc or closing the window ask the job to stop.

    The dialog stays open until the job has really stopped (:meth:`finish`), so nothing else
    can start on the database while a cancelled job is still unwinding.
    """

    cancel_requested = Signal()

    def __init__(self, parent: QWidget | None, *, title: str, label: str) -> None:
        super().__init__(parent)
        self.setWindowTitle(title or self.tr("Working…"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setMinimumWidth(420)
        self._said = label or self.tr("Working…")
        self._label = QLabel(self._said)
        self._label.setWordWrap(True)
        self._bar = QProgressBar()
        self._bar.setRange(0, 0)  # busy until the job reports a total
        self._buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self._buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 18, 20, 14)
        layout.setSpacing(12)
        layout.addWidget(self._label)
        layout.addWidget(self._bar)
        layout.addWidget(self._buttons)

    @property
    def progress_bar(self) -> QProgressBar:
        """The bar (for tests)."""
        return self._bar

    @Slot(int, int)
    def set_progress(self, done: int, total: int) -> None:
        """Show ``done`` of ``total`` steps; a total of 0 shows a busy bar."""
        if total <= 0:
            self._bar.setRange(0, 0)
            return
        self._bar.setRange(0, total)
        self._bar.setValue(min(done, total))

    @Slot(str)
    def set_label(self, text: str) -> None:
        """Say what the job is doing now ("": what it said first), unless it is stopping."""
        if self._buttons.isEnabled():
            self._label.setText(text or self._said)

    def reject(self) -> None:
        """Ask the job to stop; the dialog closes when it has."""
        if not self._buttons.isEnabled():
            return
        self._buttons.setEnabled(False)
        self._label.setText(self.tr("Stopping…"))
        self.cancel_requested.emit()

    def finish(self) -> None:
        """Close for good: the job is over."""
        self.hide()
        self.deleteLater()

"""Qt's own messages during a check: the known offscreen notices dropped, the rest kept."""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator
from typing import TextIO

from PySide6.QtCore import QtMsgType, qInstallMessageHandler


@contextlib.contextmanager
def qt_messages(err: TextIO, known: Iterable[str]) -> Iterator[list[str]]:
    """Send Qt's messages to ``err``, but those starting with a ``known`` notice; yield them."""
    notices = tuple(known)
    sent: list[str] = []

    def handle(kind: QtMsgType, _context: object, message: str) -> None:
        if message.startswith(notices):
            return
        if kind != QtMsgType.QtDebugMsg:
            sent.append(message)
            print(f"Qt: {message}", file=err)

    previous = qInstallMessageHandler(handle)
    try:
        yield sent
    finally:
        qInstallMessageHandler(previous)

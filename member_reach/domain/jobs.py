"""What every long job shares, whoever runs it: the progress callback and the one way to stop.

A job reports ``progress(done, total)`` (``total`` 0 when unknown). The GUI's runner hands jobs a
callback that raises :class:`Cancelled` once the person pressed Cancel, so a job stops at its next
report and its transaction rolls back. The runner shows a cancelled job as cancelled, never as an
error; the command line never cancels.
"""

from __future__ import annotations

from collections.abc import Callable

#: ``progress(done, total)``: ``done`` steps of ``total`` (0: unknown); may raise Cancelled.
Progress = Callable[[int, int], None]


class Cancelled(Exception):
    """The person cancelled a long job; nothing was changed."""

    def __init__(self, what: str = "Cancelled: nothing was changed.") -> None:
        super().__init__(what)

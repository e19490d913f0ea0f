"""Files another program holds open: what the system says, and what to tell the person.

On Windows, Excel keeps a workbook it has open locked: opening or replacing it raises
:class:`PermissionError` with ``winerror`` 32 (a sharing violation) or 33 (a lock violation).
Elsewhere a :class:`PermissionError` may be a lock or a missing permission, so the message
names both.
"""

from __future__ import annotations

#: Windows' "used by another process" and "locked a portion of the file".
SHARING_VIOLATIONS = frozenset({32, 33})
IN_USE = "is open in another program (Excel?). Close it there and try again."
READ_REFUSED = (
    "cannot be read: it is open in another program or you lack permission to read it. "
    "Close it in Excel (or wherever it is open) and try again."
)


def in_use(exc: BaseException) -> bool:
    """Whether ``exc`` is Windows refusing a file another program holds open."""
    return isinstance(exc, PermissionError) and getattr(exc, "winerror", None) in SHARING_VIOLATIONS

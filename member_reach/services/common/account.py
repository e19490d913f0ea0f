"""Who is at the computer: the account's login, and the person's full name for the records.

The full name is what a caller's calls and a director's changes are recorded under unless the
person sets another in Settings: "Maya Patel" reads better in a report than "mpatel". It comes
from the system's account database: the GECOS field on Linux and macOS, the display name
(``GetUserNameExW(NameDisplay)``) on Windows; the login name when the system has none.
"""

from __future__ import annotations

import getpass
import os
import sys
from typing import Protocol

_NAME_DISPLAY = 3  # EXTENDED_NAME_FORMAT's NameDisplay, in secext.h


class PasswordEntry(Protocol):
    """The two fields of a ``pwd`` entry the name is read from."""

    @property
    def pw_name(self) -> str:
        """The login."""
        ...

    @property
    def pw_gecos(self) -> str:
        """The GECOS field: "Full Name,room,work phone,home phone,other"."""
        ...


def login_name() -> str:
    """The login of the person at this computer ("" when the system cannot tell)."""
    try:
        return getpass.getuser()
    except (OSError, KeyError, ImportError):
        return ""


def gecos_name(entry: PasswordEntry) -> str:
    """The full name an account entry holds (its GECOS field's first part), else its login.

    An ``&`` in the name stands for the login, capitalised (the BSD convention).
    """
    name = entry.pw_gecos.split(",", 1)[0].strip()
    name = name.replace("&", entry.pw_name.capitalize())
    return name or entry.pw_name


def _posix_name() -> str:
    import pwd

    try:
        return gecos_name(pwd.getpwuid(os.getuid()))
    except KeyError:  # an account the system does not list (a container's)
        return ""


def _windows_name() -> str:
    import ctypes

    size = ctypes.c_ulong(0)
    secur32 = ctypes.WinDLL("secur32")  # type: ignore[attr-defined,unused-ignore]
    secur32.GetUserNameExW(_NAME_DISPLAY, None, ctypes.byref(size))
    if not size.value:
        return ""  # no display name (a local account without one)
    buffer = ctypes.create_unicode_buffer(size.value)
    if not secur32.GetUserNameExW(_NAME_DISPLAY, buffer, ctypes.byref(size)):
        return ""
    return str(buffer.value).strip()


def full_name() -> str:
    """The full name of the person at this computer, else their login ("" if neither is known)."""
    try:
        name = _windows_name() if sys.platform == "win32" else _posix_name()
    except OSError:
        name = ""
    return name or login_name()

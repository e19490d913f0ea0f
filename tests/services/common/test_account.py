"""The name calls and changes are recorded under: the account's full name, else its login."""

from __future__ import annotations

import getpass
import os
import sys

import pytest

from member_reach.services.common.account import full_name, gecos_name, login_name

pwd = pytest.importorskip("pwd")  # the account database of Linux and macOS


def entry(login: str, gecos: str):  # type: ignore[no-untyped-def]
    """A real account entry, as ``pwd`` gives them."""
    return pwd.struct_passwd((login, "x", 1000, 1000, gecos, f"/home/{login}", "/bin/sh"))


@pytest.mark.parametrize(
    ("login", "gecos", "expected"),
    [
        ("mpatel", "Maya Patel,Room 4,555-0100,,", "Maya Patel"),  # Debian's adduser
        ("mpatel", "Maya Patel", "Maya Patel"),  # macOS: the name alone
        ("mpatel", "  Maya Patel  ,", "Maya Patel"),
        ("mpatel", "", "mpatel"),  # no full name: the login
        ("mpatel", ",,,", "mpatel"),  # adduser with every question skipped
        ("ken", "& Thompson", "Ken Thompson"),  # BSD: & is the login, capitalised
    ],
)
def test_the_full_name_is_the_first_gecos_field_else_the_login(
    login: str, gecos: str, expected: str
) -> None:
    assert gecos_name(entry(login, gecos)) == expected


@pytest.mark.skipif(sys.platform == "win32", reason="the account database of Linux and macOS")
def test_the_full_name_of_the_account_running_the_tests() -> None:
    account = pwd.getpwuid(os.getuid())
    written = account.pw_gecos.split(",")[0].strip()
    assert full_name() == (written.replace("&", account.pw_name.capitalize()) or account.pw_name)
    assert full_name() != "" and login_name() == getpass.getuser()

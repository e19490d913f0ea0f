"""A database error on the command line: one line on stderr, never the rows it held."""

from __future__ import annotations

import argparse
import io

from member_reach.cli import run
from tests.ui.core.test_tasks_privacy import ROW, _error


def test_a_database_error_is_one_line_without_rows() -> None:
    def handler(_args: argparse.Namespace, _out: object) -> None:
        raise _error()

    args = argparse.Namespace(handler=handler, db=":memory:", json=False)
    err = io.StringIO()
    assert run(args, io.StringIO(), err) == 1
    assert err.getvalue().count("\n") == 1 and ROW not in err.getvalue()
    assert "nothing was changed" in err.getvalue()

"""The one way CLI tests run `dvd`: in-process, with everything it printed shown on failure."""

from __future__ import annotations

import shlex
import traceback

from typer.testing import CliRunner, Result

from dikkevandale.cli.app import app

_runner = CliRunner()


def invoke(*args: str, input: str | bytes | None = None, code: int = 0) -> Result:
    """Run `dvd ARGS...` with `input` on stdin; fail unless it exits with `code`.

    A Python exception escaping the command is always a failure (the CLI contract promises
    no traceback), whatever `code` says.
    """
    result = _runner.invoke(app, list(args), input=input)
    details = (
        f"dvd {shlex.join(args)}\n"
        f"exit code {result.exit_code}, expected {code}\n"
        f"--- stdout ---\n{result.stdout}\n"
        f"--- stderr ---\n{result.stderr}"
    )
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        trace = "".join(traceback.format_exception(result.exception))
        raise AssertionError(f"{details}\n--- exception ---\n{trace}")
    assert result.exit_code == code, details
    return result

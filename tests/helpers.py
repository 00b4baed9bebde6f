"""The one way CLI tests run `dvd` (in-process, with everything it printed shown on failure),
and a clock-free measure of work for the linear-time tests."""

from __future__ import annotations

import shlex
import sys
import traceback
from collections.abc import Callable, Collection
from types import FrameType

from typer.testing import CliRunner, Result

from dikkevandale.cli.app import app

_runner = CliRunner()


def invoke(*args: str, input: str | bytes | None = None, code: int | Collection[int] = 0) -> Result:
    """Run `dvd ARGS...` with `input` on stdin; fail unless it exits with `code` (or one of
    them, for a fuzz test).

    A Python exception escaping the command is always a failure (the CLI contract promises
    no traceback), whatever `code` says.
    """
    result = _runner.invoke(app, list(args), input=input)
    codes = {code} if isinstance(code, int) else set(code)
    details = (
        f"dvd {shlex.join(args)}\n"
        f"exit code {result.exit_code}, expected {code}\n"
        f"--- stdout ---\n{result.stdout}\n"
        f"--- stderr ---\n{result.stderr}"
    )
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        trace = "".join(traceback.format_exception(result.exception))
        raise AssertionError(f"{details}\n--- exception ---\n{trace}")
    assert result.exit_code in codes, details
    return result


def operations(function: Callable[..., object], *args: object) -> int:
    """How many Python lines and calls `function(*args)` executes: a measure of work that,
    unlike a clock, gives the same count on every machine and every run."""
    count = 0

    def trace(frame: FrameType, event: str, arg: object) -> Callable[..., object]:
        nonlocal count
        count += 1
        return trace

    previous = sys.gettrace()
    sys.settrace(trace)
    try:
        function(*args)
    finally:
        sys.settrace(previous)
    return count


def growth(function: Callable[[str], object], make: Callable[[int], str], size: int) -> float:
    """How much more work `function` does on `make(2 * size)` than on `make(size)`: about 2
    for linear work, about 4 for quadratic."""
    return operations(function, make(2 * size)) / max(1, operations(function, make(size)))

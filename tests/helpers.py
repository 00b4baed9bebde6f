"""The one way CLI tests run `dvd` (in-process, with everything it printed shown on failure),
a clock-free measure of work for the linear-time tests, and pipes that deliver their bytes a
little at a time."""

from __future__ import annotations

import io
import shlex
import sys
import traceback
from collections.abc import Callable, Collection
from types import FrameType
from typing import Any

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


class Trickle(io.RawIOBase):
    """A pipe that delivers at most `most` bytes per read."""

    def __init__(self, data: bytes, most: int) -> None:
        self.data, self.most = memoryview(data), most

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        size = min(len(buffer), self.most, len(self.data))
        buffer[:size], self.data = self.data[:size], self.data[size:]
        return size


class Arriving(io.RawIOBase):
    """A pipe whose writer sends `chunks` one at a time: each read delivers the next one.
    `reads` counts the reads, to tell what a reader took before it gave something back."""

    def __init__(self, *chunks: str) -> None:
        self.chunks = [chunk.encode() for chunk in chunks]
        self.reads = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        self.reads += 1
        if not self.chunks:
            return 0
        chunk = self.chunks.pop(0)
        assert len(chunk) <= len(buffer), "a chunk larger than the reader's buffer"
        buffer[: len(chunk)] = chunk
        return len(chunk)

"""Work done by a forked copy of this process on another core, its results piped back.

Compiling a big lexicon is pure Python, on one core; part of it (the forms of half the terms)
can be done by a copy of this process while this one does the rest. `os.fork` gives the copy
everything built so far for free, where a fresh interpreter would import dvd and parse the
lexicon again. It is used only where that is safe and can pay: on Linux, in a process with no
other thread (a child of a threaded process may wait forever for a lock another thread held at
the fork; Python 3.12 warns of it), and with a CPU to spare: more than one usable, and fewer
processes running at that moment than there are CPUs, this one included. On a machine busy
with other work the child would only take turns with its parent, and the extra steps of
handing the work over would make the whole slower (measured: 1.82 s instead of 1.71 s for
the 10k-concept lexicon on two CPUs with one busy; 1.41 s instead of 1.63 s with both idle).

Nothing that goes wrong in the child is an error: its results simply stop coming (`Child.next`
gives None) and the caller does the work itself. The child never outlives its use: `close`
(or leaving a `with` block) ends and reaps it, also when the parent is interrupted.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import signal
import sys
import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from types import TracebackType
from typing import IO, Any, NoReturn


class Child:
    """A forked copy of this process that sends the results of its work one by one."""

    def __init__(self, pid: int, pipe: IO[bytes]) -> None:
        self.pid = pid
        self.pipe: IO[bytes] | None = pipe

    def next(self) -> Any | None:
        """The child's next result, waiting for it; None once it failed or has no more."""
        if self.pipe is None:
            return None
        try:
            # Only this process's own copy writes to the pipe: its pickles are trusted.
            return pickle.load(self.pipe)
        except Exception:
            self.close()
            return None

    def close(self) -> None:
        """End the child if it still runs, and reap it."""
        if self.pipe is None:
            return
        self.pipe.close()
        self.pipe = None
        with contextlib.suppress(OSError):
            os.kill(self.pid, signal.SIGKILL)
        with contextlib.suppress(OSError):
            os.waitpid(self.pid, 0)

    def __enter__(self) -> Child:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()


def usable() -> bool:
    """Whether a forked child can do work here, safely and on a core of its own."""
    if sys.platform != "linux" or threading.active_count() != 1:
        return False
    cpus = len(os.sched_getaffinity(0))
    return cpus > 1 and _running() < cpus


def _running() -> int:
    """How many processes run right now (this one too), from /proc/loadavg's "running/all"."""
    try:
        status = Path("/proc/loadavg").read_text(encoding="ascii")
        return int(status.split()[3].split("/")[0])
    except (OSError, ValueError, IndexError):
        return sys.maxsize


def start(work: Callable[[], Iterable[Any]]) -> Child | None:
    """A child computing `work()` in a copy of this process; None where none can be made."""
    if not usable():
        return None
    reading, writing = os.pipe()
    try:
        pid = os.fork()
    except OSError:
        os.close(reading)
        os.close(writing)
        return None
    if pid == 0:
        _serve(work, reading, writing)
    os.close(writing)
    return Child(pid, os.fdopen(reading, "rb"))


def _serve(work: Callable[[], Iterable[Any]], reading: int, writing: int) -> NoReturn:
    """The child: send each result, then leave at once (no atexit handlers, no flushing of
    output the parent had buffered, which the parent will write itself)."""
    status = 1
    try:
        os.close(reading)
        with os.fdopen(writing, "wb") as pipe:
            for result in work():
                pickle.dump(result, pipe, protocol=pickle.HIGHEST_PROTOCOL)
                pipe.flush()
        status = 0
    except BaseException:  # noqa: S110 - the parent does the work itself instead
        pass
    finally:
        os._exit(status)

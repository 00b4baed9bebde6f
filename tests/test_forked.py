"""Work in a forked child: its results come back in order, and a failing or killed child only
means the caller does the work itself; no child is left running or unreaped."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from dikkevandale import forked

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork")


@pytest.fixture(autouse=True)
def _usable(monkeypatch: pytest.MonkeyPatch) -> None:
    # Whether this machine has a CPU to spare is not what these tests are about.
    monkeypatch.setattr(forked, "usable", lambda: True)


def reaped(pid: int) -> bool:
    try:
        os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        return True
    return False


def test_the_childs_results_come_back_in_order() -> None:
    parent = os.getpid()

    def work() -> Iterator[object]:
        yield os.getpid() != parent
        yield {"rows": [1, 2, 3]}

    child = forked.start(work)
    assert child is not None
    with child:
        assert child.next() is True
        assert child.next() == {"rows": [1, 2, 3]}
        assert child.next() is None  # no more
    assert reaped(child.pid)


def test_a_failing_child_gives_none() -> None:
    def work() -> Iterator[object]:
        yield 1
        raise RuntimeError("broken")

    child = forked.start(work)
    assert child is not None
    with child:
        assert child.next() == 1
        assert child.next() is None
        assert child.next() is None
    assert reaped(child.pid)


def test_closing_ends_a_child_that_still_works() -> None:
    def work() -> Iterator[object]:
        threading.Event().wait(60)
        yield 1

    child = forked.start(work)
    assert child is not None
    child.close()
    assert reaped(child.pid)
    assert child.next() is None


def test_no_child_is_forked_beside_other_threads(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.undo()  # the real check
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert not forked.usable()
        assert forked.start(lambda: iter([1])) is None
    finally:
        stop.set()
        thread.join()


@pytest.mark.skipif(not Path("/proc/loadavg").exists(), reason="Linux /proc")
def test_this_process_counts_as_running() -> None:
    assert forked._running() >= 1

"""Pausing the cyclic collector: its state is restored, and a program's frozen objects stay."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from dikkevandale.collector import paused


@pytest.fixture
def collecting(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    from dikkevandale import collector

    was = gc.isenabled()
    gc.unfreeze()  # what CLI tests before froze (as the command does)
    monkeypatch.setattr(collector, "_froze", False)
    gc.enable()
    yield
    gc.unfreeze()
    if not was:
        gc.disable()


@pytest.mark.usefixtures("collecting")
def test_a_pause_hands_what_it_made_to_the_oldest_generation() -> None:
    with paused():
        assert not gc.isenabled()
        with paused():  # nested: the outer pause decides
            made = [[] for _ in range(1000)]
        assert not gc.isenabled()
    assert gc.isenabled()
    assert gc.get_freeze_count() == 0
    assert any(found is made for found in gc.get_objects(generation=2))


@pytest.mark.usefixtures("collecting")
def test_a_pause_leaves_the_programs_frozen_objects_frozen() -> None:
    gc.freeze()
    frozen = gc.get_freeze_count()
    with paused():
        pass
    assert gc.get_freeze_count() == frozen
    assert gc.isenabled()


def test_a_pause_leaves_a_disabled_collector_disabled() -> None:
    was = gc.isenabled()
    gc.disable()
    try:
        with paused():
            pass
        assert not gc.isenabled()
    finally:
        if was:
            gc.enable()


@pytest.mark.usefixtures("collecting")
def test_after_dvd_froze_a_pause_neither_counts_nor_thaws(monkeypatch: pytest.MonkeyPatch) -> None:
    """Counting frozen objects walks them all; once the command has frozen its lexicons,
    a pause (the next run of the command in a test process) must not pay for that."""
    from dikkevandale import collector

    collector.freeze()
    frozen = gc.get_freeze_count()

    def counting() -> int:
        raise AssertionError("the frozen objects were counted")

    monkeypatch.setattr(gc, "get_freeze_count", counting)
    with paused():
        pass
    monkeypatch.undo()
    assert gc.get_freeze_count() > frozen // 2  # not thawed (objects freed meanwhile leave)
    assert gc.isenabled()

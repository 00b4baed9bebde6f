"""Pausing Python's cyclic garbage collector while a large structure is built.

Loading or compiling a big lexicon makes hundreds of thousands of small objects (strings,
tuples, dicts) in a row, none of which form reference cycles. The cyclic collector is
triggered by allocation counts and walks the young objects again and again while they are
made; pausing it makes a cold compile about 40% faster. It is switched back on only if it was
on, so nested pauses and a caller's own `gc.disable()` are respected.

What a pause made would still be walked once it ends: all of it is young, and the first
collection after the pause visits every young object and each of their references (some
0.07 s after compiling a 10,000-concept lexicon), and the next older one does it again. Those
objects are the compiled lexicon, which lives as long as the run, so the pause hands them to
the oldest generation at once (`gc.freeze` then `gc.unfreeze`, which moves every tracked object
there without visiting any), as a full collection would have in the end. A library caller's
own young objects go along; unlike frozen ones they are still collected, by the next full
collection.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator

_froze = False
"""Whether `freeze` has run: then there are frozen objects, without counting them."""


def freeze() -> None:
    """Keep the collector from walking every object made so far again (the command does this
    once its lexicons are loaded: they live as long as the run)."""
    global _froze  # noqa: PLW0603 - one flag per process, as the frozen generation is
    gc.freeze()
    _froze = True


@contextlib.contextmanager
def paused() -> Iterator[None]:
    """Run the block with the cyclic collector off (reference counting still frees memory)."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            # Never thaw what the program itself froze. Counting frozen objects walks them
            # all, so once dvd has frozen (many runs of the command in one test process)
            # they are not counted again.
            if not _froze and not gc.get_freeze_count():
                gc.freeze()
                gc.unfreeze()
            gc.enable()

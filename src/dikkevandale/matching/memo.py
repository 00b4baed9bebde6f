"""What a scan learns about words, kept so that the next paragraph does not learn it again.

Texts repeat their words: once a word is known to start no term, or a window is known to be no
typo of any term, that holds for every later paragraph scanned with the same index. The index
itself stays immutable; a `Memo` belongs to one index and one thread (a `Translator` keeps one
per thread), and is bounded, so a long stream of new words cannot grow it without end.
"""

from __future__ import annotations

from typing import Any

from dikkevandale.matching.index import Entry, Index

LIMIT = 20_000
"""Memo tables are emptied when they grow past a few times this many items."""
ENTRIES_LIMIT = 50_000
"""The looked-up entries are emptied past this many keys (about 10 MiB): a long stream with a
big termbase holds tens of thousands of distinct terms, and emptying the table each time it
fills means looking every one of them up again."""


class Memo:
    """Per-thread memos of one index: word verdicts, entries looked up, fuzzy scores."""

    __slots__ = (
        "_entries",
        "fuzzy",
        "fuzzy_misses",
        "index",
        "joining",
        "plain",
    )

    def __init__(self, index: Index) -> None:
        self.index = index
        self.plain: set[str] = set()
        """Word keys that start no term and begin no term's word."""
        self.joining: dict[str, bool] = {}
        """Word keys that start no term but may be the first half of a term's word the text
        wrote apart: True for a long one, False for a short one, which may be only before a
        hyphen."""
        self.fuzzy: dict[Any, Any] = {}
        """Fuzzy verdicts of windows, per run setting."""
        self.fuzzy_misses: set[str] = set()
        """Window keys that can never be a typo of a term: short, a term's own key, no bucket."""
        self._entries: dict[str, tuple[Entry, ...]] = {}

    def lookup(self, key: str) -> tuple[Entry, ...]:
        """`Index.lookup`, each key's entries made once."""
        found = self._entries.get(key)
        if found is None:
            if len(self._entries) > ENTRIES_LIMIT:
                self._entries.clear()
            found = self._entries[key] = self.index.lookup(key)
        return found

    def trim(self) -> None:
        """Empty the tables that have grown past their bound (called once per scan)."""
        if len(self.plain) > LIMIT * 10:
            self.plain.clear()
        if len(self.fuzzy) > LIMIT:
            self.fuzzy.clear()
        if len(self.fuzzy_misses) > LIMIT * 5:
            self.fuzzy_misses.clear()

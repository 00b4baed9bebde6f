"""Spelling keys: how text and terms are compared, never how they are printed.

Terms are found although real text bends them, so matching compares *keys*: words case-folded,
diacritics and apostrophe styles folded, and the gaps between words reduced to nothing when they
are only spaces, hyphens, a line break or an e-mail quote prefix. The original text is never
altered here; every word keeps its offsets.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate

# A word: letters/digits, with inner apostrophes kept ("CRM's", "ict'er"). An underscore is
# no letter: "_klantbeeld_" is Markdown emphasis around a word.
WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")

# Between two words of one term: an optional hyphen (not a free-standing dash), spaces, and at
# most one line break that may carry an e-mail quote prefix ("> ", ">> ").
_SOFT_GAP = re.compile(r"[-\u2010\u2011]?[ \t\u00a0]*(?:\r?\n(?:[ \t]*>)*[ \t]*)?")
# Punctuation that belongs to a term itself ("R&D", "B2B/B2C"): kept in the key.
_HARD_GAP = re.compile(r"[ \t]*([&+/])[ \t]*|([.@:])")

BARRIER = None
"""Gap class of anything a term cannot span (a comma, a full stop, a blank line)."""


@lru_cache(maxsize=65536)
def fold(word: str) -> str:
    """The comparison key of one word: NFC, case-folded, diacritics and ’ folded."""
    folded = unicodedata.normalize("NFD", word.casefold().replace("’", "'"))
    if folded.isascii():
        return folded
    stripped = "".join(c for c in folded if not unicodedata.combining(c))
    return unicodedata.normalize("NFC", stripped)


@lru_cache(maxsize=4096)
def gap_key(gap: str) -> str | None:
    """How a gap between two words counts in a key: "" (soft), a kept character, or BARRIER."""
    if _SOFT_GAP.fullmatch(gap):
        return ""
    hard = _HARD_GAP.fullmatch(gap)
    if hard:
        return hard.group(1) or hard.group(2)
    return BARRIER


@dataclass(frozen=True, slots=True)
class Words:
    """The words of a text with their offsets and keys; `gaps[i]` joins word i-1 to word i."""

    starts: tuple[int, ...]
    ends: tuple[int, ...]
    keys: tuple[str, ...]
    gaps: tuple[str | None, ...]


_SPLITTER = re.compile(f"({WORD.pattern})")


def split_words(text: str, protected: list[tuple[int, int]] | None = None) -> Words:
    """Tokenize `text`, leaving out words inside protected spans (they act as barriers).

    Built from one `re.split` and `map` calls rather than a loop over match objects: this
    runs once per paragraph of every text and is the matcher's largest fixed cost.
    """
    parts = _SPLITTER.split(text)  # gap, word, gap, word, ..., gap
    offsets = list(accumulate(map(len, parts), initial=0))
    words = parts[1::2]
    starts = offsets[1:-1:2]
    ends = offsets[2::2]
    keys = list(map(fold, words))
    gaps: list[str | None] = [BARRIER, *map(gap_key, parts[2:-1:2])]
    if protected:
        starts, ends, keys, gaps = _outside(starts, ends, keys, gaps, protected)
    return Words(tuple(starts), tuple(ends), tuple(keys), tuple(gaps))


def _outside(
    starts: list[int],
    ends: list[int],
    keys: list[str],
    gaps: list[str | None],
    spans: list[tuple[int, int]],
) -> tuple[list[int], list[int], list[str], list[str | None]]:
    """The words outside protected spans; no term may reach over a span."""
    kept: tuple[list[int], list[int], list[str], list[str | None]] = ([], [], [], [])
    span_index = 0
    barrier = False
    for start, end, key, gap in zip(starts, ends, keys, gaps, strict=True):
        while span_index < len(spans) and spans[span_index][1] <= start:
            span_index += 1
            barrier = True
        if span_index < len(spans) and spans[span_index][0] < end:
            barrier = True
            continue
        kept[0].append(start)
        kept[1].append(end)
        kept[2].append(key)
        kept[3].append(BARRIER if barrier else gap)
        barrier = False
    return kept


@dataclass(frozen=True, slots=True)
class Spelling:
    """A term's key and the positions in it where the term itself may be split into words."""

    key: str
    raw: str
    boundaries: frozenset[int]
    words: int


def spell(term: str) -> Spelling | None:
    """The key of a term as written in a lexicon, or None if it has no word or a hard stop."""
    words = list(WORD.finditer(term))
    if not words:
        return None
    key: list[str] = []
    raw: list[str] = []
    boundaries: set[int] = set()
    length = 0
    for index, found in enumerate(words):
        if index:
            gap = gap_key(term[words[index - 1].end() : found.start()])
            if gap is BARRIER:
                return None
            boundaries.add(length)
            key.append(gap)
            raw.append(gap)
            length += len(gap)
            if gap:
                boundaries.add(length)
        word_key = fold(found.group())
        key.append(word_key)
        raw.append(unicodedata.normalize("NFC", found.group().replace("’", "'")))
        length += len(word_key)
    return Spelling("".join(key), "".join(raw), frozenset(boundaries), len(words))

"""Spelling keys: how text and terms are compared, never how they are printed.

Terms are found although real text bends them, so matching compares *keys*: words case-folded,
diacritics and apostrophe styles folded, and the gaps between words reduced to nothing when they
are only spaces, hyphens, a line break or an e-mail quote prefix. The original text is never
altered here; every word keeps its offsets.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache
from itertools import accumulate
from typing import NamedTuple

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
    # "ł" has no decomposition, but Polish written without Polish letters writes it "l".
    folded = unicodedata.normalize("NFD", word.casefold().replace("’", "'").replace("ł", "l"))
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


PARAGRAPH_BREAK = re.compile(r"\n(?:[ \t]*>)*[ \t]*\r?\n")
"""A line end and a blank line after it (nothing but spaces and e-mail quote marks): where a
paragraph ends, for the context rules, gloss and agreement alike."""

SEPARATOR_BARRIER = "\n\n"
"""The separator recorded where no term may reach across: before the first word and around a
protected span. A blank line, which `gap_key` already counts as a BARRIER."""


class Words:
    """The words of a text with their offsets and keys.

    `separators[i]` is the text between word i-1 and word i; its `gap_key` is computed only
    where a term could reach across it, which in running text is a few words in a hundred.
    A word inside a protected span keeps its place with the empty key, which matches nothing.

    The offsets of every word (`starts`, `ends`) are worked out only when asked for: the
    matcher needs those of the few words a term stands on (`span`), and summing every word's
    length into two lists cost a tenth of a scan.
    """

    __slots__ = ("_ends", "_mark", "_parts", "_starts", "keys", "separators")

    def __init__(self, parts: list[str], keys: list[str], separators: list[str]) -> None:
        self._parts = parts
        """Separator, word, separator, word, ..., separator: as long as in the text."""
        self.keys = keys
        self.separators = separators
        self._starts: list[int] | None = None
        self._ends: list[int] = []
        self._mark = (0, 0)
        """The part and offset the last `span` measured to: the next measures on from it."""

    @property
    def starts(self) -> list[int]:
        """Where each word starts."""
        if self._starts is None:
            self._offsets()
        return self._starts  # type: ignore[return-value]

    @property
    def ends(self) -> list[int]:
        """Where each word ends."""
        if self._starts is None:
            self._offsets()
        return self._ends

    def _offsets(self) -> None:
        offsets = list(accumulate(map(len, self._parts), initial=0))
        self._starts, self._ends = offsets[1:-1:2], offsets[2::2]

    def span(self, first: int, last: int) -> tuple[int, int]:
        """Where words `first` to `last` stand, without the offsets of every word: the matcher
        asks in the order of the text, so each span is measured on from the last one."""
        if self._starts is not None:
            return self._starts[first], self._ends[last]
        parts, word = self._parts, 2 * first + 1
        part, offset = self._mark
        if word < part:
            if first >= _OWN_SPAN_REACH:
                self._offsets()  # far back into a long text: measure every word once
                return self._starts[first], self._ends[last]  # type: ignore[index]
            part, offset = 0, 0
        # Joining the parts between is several times faster than adding up their lengths.
        start = offset + len("".join(parts[part:word]))
        self._mark = (word, start)
        return start, start + len("".join(parts[word : 2 * last + 2]))

    def gap(self, index: int) -> str | None:
        """How the separator before word `index` counts in a key (see `gap_key`)."""
        return gap_key(self.separators[index])


_OWN_SPAN_REACH = 200
"""`Words.span` measures a term from the start of the text only this many words in."""


_SPLITTER = re.compile(f"({WORD.pattern})")
# On lowercased ASCII text the words are their own keys: no fold needed. Without an apostrophe
# in the text the simpler pattern does (and runs faster).
_ASCII_SPLITTER = re.compile(r"([a-z0-9]+(?:'[a-z0-9]+)*)")
_PLAIN_ASCII_SPLITTER = re.compile(r"([a-z0-9]+)")


def split_words(text: str, protected: list[tuple[int, int]] | None = None) -> Words:
    """Tokenize `text`; words inside protected spans get the empty key and barriers around.

    Built from one `re.split` and slices rather than a loop over match objects: this runs
    once per paragraph of every text and is the matcher's largest fixed cost. An ASCII
    paragraph, the common case, is lowercased at once and its words are their keys.
    """
    if text.isascii():
        splitter = _ASCII_SPLITTER if "'" in text else _PLAIN_ASCII_SPLITTER
        parts = splitter.split(text.lower())
        keys = parts[1::2]
    else:
        parts = _SPLITTER.split(text)  # separator, word, separator, ..., separator
        keys = list(map(fold, parts[1::2]))
    separators = parts[0:-1:2]
    if separators:
        separators[0] = SEPARATOR_BARRIER
    words = Words(parts, keys, separators)
    if protected:
        _shield(words, protected)
    return words


def _shield(words: Words, spans: list[tuple[int, int]]) -> None:
    """Blank out the words that touch a protected span; no term may reach over a span."""
    keys, separators = words.keys, words.separators
    span_index = 0
    for index, (start, end) in enumerate(zip(words.starts, words.ends, strict=True)):
        while span_index < len(spans) and spans[span_index][1] <= start:
            span_index += 1
            separators[index] = SEPARATOR_BARRIER  # a span lay between this word and the last
        if span_index < len(spans) and spans[span_index][0] < end:
            keys[index] = ""
            separators[index] = SEPARATOR_BARRIER
            if index + 1 < len(separators):
                separators[index + 1] = SEPARATOR_BARRIER


class Spelling(NamedTuple):
    """A term's key and the positions in it where the term itself may be split into words.

    A named tuple: one is made for every form of every term when a lexicon is compiled, and
    a frozen dataclass costs four times as much to build.
    """

    key: str
    raw: str
    boundaries: frozenset[int]
    words: int


# A term `spell` accepts: its words with soft or kept gaps between them, anything but a word
# around them. A word is matched whole (no word character or ’-joined word after it) and a gap
# only before a word, so there is one way to match and a bad term fails in linear time. (No
# atomic groups: with capturing groups inside, Python 3.11's `re` raises SystemError.)
_WHOLE_WORD = rf"(?:{WORD.pattern})(?!['’]?[^\W_])"


@cache
def _spellable() -> re.Pattern[str]:
    """Compiled at first use: only validating a lexicon needs it, not a translation."""
    return re.compile(
        rf"[\W_]*{_WHOLE_WORD}(?:(?:{_SOFT_GAP.pattern}|{_HARD_GAP.pattern})(?=[^\W_])"
        rf"{_WHOLE_WORD})*[\W_]*"
    )


def spellable(term: str) -> bool:
    """Whether `spell(term)` is not None, at a fraction of its cost (validating a lexicon)."""
    return _spellable().fullmatch(term) is not None


def spell(term: str) -> Spelling | None:
    """The key of a term as written in a lexicon, or None if it has no word or a hard stop.

    Runs for every generated form of every term when a lexicon is compiled: one `re.split`
    and list work, no per-word match objects.
    """
    if term.isascii():
        plain = plain_spelling(term)
        if plain is not None:
            return plain
    return _spelling(term)


def _spelling(term: str) -> Spelling | None:
    """`spell` of any term, word by word."""
    parts = _SPLITTER.split(term)  # separator, word, separator, ..., separator
    words = parts[1::2]
    if not words:
        return None
    if term.isascii():
        keys = [word.lower() for word in words]
        raws = words
    else:
        keys = list(map(fold, words))
        raws = [unicodedata.normalize("NFC", word.replace("’", "'")) for word in words]
    if len(words) == 1:
        key = keys[0]
        return Spelling(key, raws[0], NO_BOUNDARIES, 1)
    key_parts = [keys[0]]
    raw_parts = [raws[0]]
    boundaries: list[int] = []
    length = len(keys[0])
    for gap, word_key, raw in zip(parts[2:-1:2], keys[1:], raws[1:], strict=True):
        gap_kept = gap_key(gap)
        if gap_kept is BARRIER:
            return None
        boundaries.append(length)
        if gap_kept:
            key_parts.append(gap_kept)
            raw_parts.append(gap_kept)
            length += len(gap_kept)
            boundaries.append(length)
        key_parts.append(word_key)
        raw_parts.append(raw)
        length += len(word_key)
    return Spelling("".join(key_parts), "".join(raw_parts), frozenset(boundaries), len(words))


NO_BOUNDARIES: frozenset[int] = frozenset()
"""The boundaries of a one-word term: one object for all of them."""


def plain_spelling(term: str) -> Spelling | None:
    """`spell` of an ASCII term of letters and digits with one space or hyphen between its
    words, the shape of nearly every generated form; None for any other term.

    Such a term's gaps are all soft, so its key needs no regular expression: compiling a
    large lexicon spells some 170,000 forms.
    """
    if term.isalnum():
        return Spelling(term.lower(), term, NO_BOUNDARIES, 1)
    words = term.replace("-", " ").split(" ")
    if not all(map(str.isalnum, words)):
        return None  # an empty word: a leading, trailing or doubled gap; or other characters
    raw = "".join(words)
    return Spelling(raw.lower(), raw, frozenset(accumulate(map(len, words[:-1]))), len(words))


INVISIBLE = frozenset("\u00ad\u200b\u200c\u200d\u2060\ufeff")
"""Characters that show nothing inside a word: the soft hyphen of hyphenated web and word-
processor text, zero-width spaces and joiners, the word joiner, a stray byte-order mark."""


def needs_composing(text: str) -> bool:
    """Whether `text` must go through `composed` to be matched: it is decomposed, or holds an
    invisible character that would cut a word in two ("klant\u00adbeeld")."""
    return not text.isascii() and (
        not unicodedata.is_normalized("NFC", text) or any(char in text for char in INVISIBLE)
    )


def composed(text: str) -> tuple[str, list[int]]:
    """`text` in NFC without invisible characters, and for each of its positions (and its
    end) the position in `text`.

    Text typed on some systems arrives decomposed ("Wdroz\u0307enie"), and text copied from a
    web page or a word processor holds soft hyphens and zero-width spaces inside words:
    matching works on the composed, visible form, while edits are made to the original, so
    every offset is mapped back. The text is cut before each character that starts a new
    grapheme (combining class 0 and not a Hangul jamo that composes with what precedes);
    each piece is composed on its own.
    """
    origins: list[int] = []
    pieces: list[str] = []
    start = 0
    for position in range(1, len(text) + 1):
        if position < len(text) and _continues(text[position]):
            continue
        piece = unicodedata.normalize("NFC", text[start:position])
        if piece in INVISIBLE:
            start = position
            continue
        pieces.append(piece)
        origins.extend([start] * len(piece))
        start = position
    origins.append(len(text))
    return "".join(pieces), origins


def _continues(char: str) -> bool:
    return bool(unicodedata.combining(char)) or "\u1160" <= char <= "\u11ff"

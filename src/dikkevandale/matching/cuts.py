"""Where a text too long to translate at once may be cut: a place that no term runs across.

A stream is translated a paragraph at a time, so that memory stays flat; a paragraph or a
single line longer than a piece may be (4 MiB, see `io.streams`) is cut for length anyway. Cut
at an arbitrary place, a term could be split ("360-graden-|klantbeeld") and found in neither
piece, an article could be parted from its noun (`het | klantbeeld` cannot become `de
klantdatabase`), or the next piece could start inside a code span or a link and be read
wrongly. So the translator moves such a cut back to a clear place (`clear_cut`): within the
last SEARCH characters of the piece, at least MARGIN characters before its end, so that any term
across a candidate (at most 160 characters, `MAX_TERM_LENGTH`) is seen whole by a probe of that
stretch, which finds

- every spelling of a term of any audience and language (the target's own terms too), and what
  the translation itself would match there, fuzzy matches included;
- protected regions (code spans, HTML, link destinations, URLs, addresses), and the stretch
  after an open `[` or `<`, which may be a link text or an HTML tag with spaces in it.

Best is a space or a line end before a letter, NEAR characters away from any term, outside
every region and bracket: the next piece then starts with a word, as prose (no list marker or
indentation that would make it a block of another kind), and what is rewritten on either side
has the same context as in the whole. Failing that (a text dense with terms), such a place at
least _CLOSE characters from any term; then one that leaves each term with the two words before
it (its article and an adjective agree with it), or at least with one; then any place after
whitespace outside terms and regions; then any place outside them; and for a stretch of SEARCH
characters that is all one term or region (which no real text is), the end of the search area.
The probe parses only its stretch: a code span or a link that opened more than LOOKBACK
characters before the search area cannot be seen.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Collection, Iterable
from itertools import accumulate

from dikkevandale.matching.index import Index
from dikkevandale.matching.matcher import DEFAULT_THRESHOLD, scan, term_spans
from dikkevandale.matching.memo import Memo
from dikkevandale.matching.protect import find_regions

SEARCH = 1 << 16
"""Characters before MARGIN in which a clear place is looked for."""
MARGIN = 1 << 10
"""Characters after a candidate that the probe sees: far more than the longest term."""
LOOKBACK = 1 << 12
"""Characters before the search area that the probe also reads, for context."""
NEAR = 200
"""How far from any term a cut is best made."""
_CLOSE = 40
"""How far from a term a cut must at least stay, when no place is NEAR-clear: the word before
a term (its article) belongs with it."""

Span = tuple[int, int]

# A place after whitespace and before a letter: the next piece opens with a word.
_WORD_START = re.compile(r"(?<=[ \t\n])(?=[^\W\d_])")
_AFTER_SPACE = re.compile(r"(?<=\s)")
_TOKEN_START = re.compile(r"(?<!\S)(?=\S)")


def clear_cut(
    text: str,
    index: Index,
    to: str,
    sources: Collection[str] | None = None,
    *,
    fuzzy: bool = True,
    threshold: float = DEFAULT_THRESHOLD,
    language: str | None = None,
    memo: Memo | None = None,
    markdown: bool = True,
) -> int:
    """Where to cut `text` (a piece cut for length) so that `text[:cut]` and `text[cut:]`
    translate as the whole would: see the module docstring. Always `0 < cut < len(text)`
    for a text longer than MARGIN; a shorter one is not cut (`len(text)`).

    >>> from dikkevandale.lexicon.layers import load_builtin
    >>> from dikkevandale.matching.index import compile_index
    >>> index = compile_index(load_builtin())
    >>> text = "Het 360-graden-klantbeeld is af. " * 100
    >>> cut = clear_cut(text, index, "it")
    >>> text[cut - 11 : cut], text[cut : cut + 10]
    ('klantbeeld ', 'is af. Het')
    """
    high = len(text) - MARGIN
    if high <= 0:
        return len(text)
    low = max(1, high - SEARCH)
    start = max(0, low - LOOKBACK)
    window = text[start:]
    terms = term_spans(window, index, memo)
    found = scan(
        window,
        index,
        to,
        sources,
        fuzzy=fuzzy,
        threshold=threshold,
        language=language,
        memo=memo,
        markdown=markdown,
        at_start=start == 0,
    )
    terms += [(m.start, m.end) for m in found.matches]
    terms += [(quiet.match.start, quiet.match.end) for quiet in found.suppressed]
    regions = _within(find_regions(window, markdown=markdown, at_start=start == 0).spans)
    brackets = _within(_open_brackets(window, "[", "]") + _open_brackets(window, "<", ">"))
    first, last = low - start, high - start
    tokens = [found.start() for found in _TOKEN_START.finditer(window)]
    inside = _Cover(first, last, _within(terms) + regions)
    near = _Cover(first, last, _around(terms, NEAR) + regions + brackets)
    close = _Cover(first, last, _around(terms, _CLOSE) + regions + brackets)
    apart = _Cover(first, last, _before(terms, tokens, 2) + regions + brackets)
    article = _Cover(first, last, _before(terms, tokens, 1) + regions + brackets)
    words = [found.start() for found in _WORD_START.finditer(window, first, last + 1)]
    for cover in (near, close, apart, article):
        for place in reversed(words):
            if not cover[place]:
                return start + place
    spaces = [found.start() for found in _AFTER_SPACE.finditer(window, first, last + 1)]
    for place in reversed(spaces):
        if not inside[place]:
            return start + place
    for place in range(last, first - 1, -1):
        if not inside[place] and _splittable(window, place):
            return start + place
    return high


def _within(spans: Iterable[Span]) -> list[Span]:
    """The places strictly inside each span (a cut at its very start or end is outside)."""
    return [(begin + 1, end) for begin, end in spans if end - begin > 1]


def _before(spans: Iterable[Span], tokens: list[int], words: int) -> list[Span]:
    """Each term with the `words` words before it (an article, an adjective), which agree
    with it and must stay in its piece."""
    found = []
    for begin, end in spans:
        before = bisect.bisect_right(tokens, begin) - 1  # the token the term starts in
        found.append((tokens[max(0, before - words)] if before >= 0 else begin, end))
    return found


def _around(spans: Iterable[Span], distance: int) -> list[Span]:
    return [(begin - distance, end + distance + 1) for begin, end in spans]


def _open_brackets(text: str, opener: str, closer: str) -> list[Span]:
    """From each `opener` to the next `closer` (at most _BRACKET_REACH on): a cut there could
    part a link text from its destination, or split an HTML tag. Linear, right to left."""
    spans: list[Span] = []
    next_close = len(text)
    position = len(text)
    while (at := text.rfind(opener, 0, position)) >= 0:
        close = text.find(closer, at, position)
        if close >= 0:
            next_close = close
        spans.append((at, min(next_close + 1, at + _BRACKET_REACH)))
        position = at
    return spans


_BRACKET_REACH = 1 << 10
"""A `[` or `<` without its closer this far on opens no link text or tag worth keeping whole
(a lone `<` in "a < b" must not block the rest of the text)."""


def _splittable(text: str, place: int) -> bool:
    """Not between CR and LF, nor before a combining mark (which belongs to the character
    before it)."""
    if text[place - 1 : place + 1] == "\r\n":
        return False
    return place >= len(text) or not unicodedata.combining(text[place])


class _Cover:
    """Which places in `[first, last]` the given `[begin, end)` spans cover, from a running
    count over a difference array: linear however many spans overlap."""

    __slots__ = ("_covered", "_first")

    def __init__(self, first: int, last: int, spans: Iterable[Span]) -> None:
        changes = [0] * (last - first + 2)
        for begin, end in spans:
            low, high = max(begin, first), min(end, last + 1)
            if low < high:
                changes[low - first] += 1
                changes[high - first] -= 1
        self._covered = bytes(count > 0 for count in accumulate(changes))
        self._first = first

    def __getitem__(self, place: int) -> bool:
        return bool(self._covered[place - self._first])

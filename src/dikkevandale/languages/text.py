"""Reading the words around a term: the neighbours agreement rules look at, and sentence starts.

Agreement only ever looks a few words to either side of a match, inside its sentence, so these
helpers work on short slices with small regular expressions rather than tokenizing whole texts.
Markdown emphasis, a link opening, an inline HTML tag (`<b>`, `</span>`) and an e-mail quote
prefix at a line break count as space: "het <b>klantbeeld</b>" is one phrase.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from itertools import islice
from typing import NamedTuple

# A word as agreement sees it: letters and digits, with inner apostrophes ("zo'n") and inner
# hyphens ("legacy-systeem").
_WORD = r"[^\W_]+(?:['’\-\u2010\u2011][^\W_]+)*"
INLINE_ELEMENTS = frozenset(
    "a abbr b bdi bdo cite del dfn em font i ins mark q s small span strong sub sup u".split()
)
"""HTML elements that format text inside a sentence: their tags break no phrase."""
_TAG_ATTRIBUTES = 1000
"""Characters of attributes an inline tag may hold: bounded, to keep a failed match short,
but generously, as the inline styles of newsletter mail run to hundreds."""
INLINE_TAG = (
    rf"</?(?:{'|'.join(sorted(INLINE_ELEMENTS, key=len, reverse=True))})"
    rf"(?:[ \t][^<>\r\n]{{0,{_TAG_ATTRIBUTES}}})?>"
)
"""The start or end tag of an inline element (a regular expression)."""
TAG_REACH = _TAG_ATTRIBUTES + 16
"""The longest inline tag: its name, "</", a space and ">" besides the attributes."""


# Between two words of one phrase: spaces, emphasis or link marks, inline tags, at most one
# line break with perhaps a quote prefix, and perhaps one comma (between two adjectives).
# Every run is bounded: a phrase's gap is short, and unbounded runs next to each other made
# a failed match quadratic in the length of a run of spaces.
def _gap(tag: str) -> str:
    """The gap between two words of one phrase, with `tag` (a pattern) counting as space."""
    space = rf"(?:[ \t*_\[\]]{tag}){{0,40}}"
    line_space = rf"(?:[ \t*_\[]{tag}){{0,40}}"
    line_break = rf"\r?\n(?:[ \t]{{0,8}}>){{0,8}}{line_space}"
    return rf"{space}(?:{line_break})?,?{space}(?:{line_break})?"


_GAP_REACH = 2000
"""Characters of gap read back before giving up: more than any phrase's gap can hold."""
_WORD_RE = re.compile(_WORD)
_GAP_CHARS = frozenset(" \t*_[]\r\n>,\u00a0")
_JOINERS = "'’-\u2010\u2011"
_GAP_RE = re.compile(_gap(""))
_AFTER = re.compile(rf"({_gap('')})({_WORD})")


@cache
def _tagged() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """The gap and word patterns that also read through inline tags, and a tag ending a
    text: compiled at the first `<` near a term (the tags make them slow to compile, and
    most texts hold none)."""
    gap = _gap(f"|{INLINE_TAG}")
    return (
        re.compile(gap, re.IGNORECASE),
        re.compile(rf"({gap})({_WORD})", re.IGNORECASE),
        re.compile(rf"{INLINE_TAG}\Z", re.IGNORECASE),
    )


_OPENERS = ".!?:;\u2026"
# A block element's start or end tag right before a word: the word opens a block's text.
_BLOCK_TAG_END = re.compile(
    r"</?(?:p|div|li|dt|dd|td|th|tr|table|caption|h[1-6]|summary|details|blockquote|section"
    r"|article|header|footer|figcaption|ul|ol)\b[^<>]*>\Z",
    re.IGNORECASE,
)
_QUOTES = "\"'“„‘«(¿¡"
# What may stand at the start of a line before its first word: a quote prefix, then a heading
# or list marker, then emphasis.
_LINE_START = re.compile(
    r"[ \t]*(?:>[ \t]*)*(#{1,6}[ \t]+|[-*+\u2022][ \t]+|\d{1,3}[.)][ \t]+)?[ \t*_\[]*"
)


class Token(NamedTuple):
    """A word near a term: its offsets, the word, the gap towards the term, and whether that
    gap holds a comma."""

    start: int
    end: int
    word: str
    gap: str
    lower: str
    comma: bool


def _token(start: int, end: int, word: str, gap: str) -> Token:
    return Token(start, end, word, gap, word.lower(), "," in gap)


def words_before(text: str, lower: int, position: int, limit: int = 6) -> list[Token]:
    """Up to `limit` words before `position` (nearest first), not past `lower` nor across
    anything but spaces, markup, a line break or a comma."""
    return list(islice(iter_words_before(text, lower, position), limit))


def iter_words_before(text: str, lower: int, position: int) -> Iterator[Token]:
    """The words before `position`, nearest first, read lazily: most rules stop at the first
    word that is not part of the phrase. Read character by character backwards: a few
    characters per word, where a regular expression would try every position."""
    end = position
    while end > lower:
        at = end
        while at > lower and end - at <= _GAP_REACH:
            if text[at - 1] == ">" and (
                tag := _tagged()[2].search(text, max(lower, at - TAG_REACH), at)
            ):
                at = tag.start()  # before ">" can be a quote prefix
            elif text[at - 1] in _GAP_CHARS:
                at -= 1
            else:
                break
        word_end = at
        while at > lower and (
            text[at - 1].isalnum()
            or (
                text[at - 1] in _JOINERS
                and at - 1 > lower
                and at < word_end
                and text[at - 2].isalnum()
                and text[at].isalnum()
            )
        ):
            at -= 1
        gap = text[word_end:end]
        gaps = _tagged()[0] if "<" in gap else _GAP_RE
        if at == word_end or (gap != " " and not gaps.fullmatch(gap)):
            return
        yield _token(at, word_end, text[at:word_end], gap)
        end = at


def blank_tags(text: str) -> str:
    """`text` with each inline tag replaced by as many spaces: offsets stay, and rules that
    read a phrase as plain words ("het <b>klantbeeld</b>, dat") see it as one."""
    if "<" not in text:
        return text
    return inline_tags().sub(lambda found: " " * len(found.group()), text)


@cache
def inline_tags() -> re.Pattern[str]:
    """`INLINE_TAG` compiled, at first use."""
    return re.compile(INLINE_TAG, re.IGNORECASE)


def words_after(text: str, position: int, upper: int, limit: int = 6) -> list[Token]:
    """Up to `limit` words after `position` (nearest first), not past `upper`; the first may
    follow a comma."""
    found: list[Token] = []
    start = position
    while len(found) < limit:
        after = (
            _tagged()[1] if text.find("<", start, min(upper, start + _GAP_REACH)) >= 0 else _AFTER
        )
        hit = after.match(text, start, upper)
        if hit is None:
            break
        found.append(_token(hit.start(2), hit.end(2), hit.group(2), hit.group(1)))
        start = hit.end(2)
    return found


def sentence_start(text: str, position: int) -> bool:
    """Whether a sentence (or a heading, a list item, a quotation, a table cell, the text of
    a block element such as <p> or <td>) begins at `position`.

    A line break alone does not start one: notes wrap their lines mid-sentence; nor does an
    inline tag ("de <b>Go-Live</b>": the writer's emphasis).

    >>> sentence_start("Het werkt. Klantbeeld", 11), sentence_start("het Klantbeeld", 4)
    (True, False)
    >>> sentence_start("| Klantbeeld |", 2), sentence_start("<td>Klantbeeld</td>", 4)
    (True, True)
    """
    before = text[max(0, position - 100) : position]
    stripped = before.rstrip(" \t\u00a0*_[")
    if stripped and (stripped[-1] in _OPENERS or stripped[-1] in _QUOTES or stripped[-1] == "|"):
        return True
    if stripped.endswith(">") and _BLOCK_TAG_END.search(
        text, max(0, position - TAG_REACH), position - len(before) + len(stripped)
    ):
        return True
    newline = before.rfind("\n")
    marker = _LINE_START.fullmatch(before[newline + 1 :])
    if marker is None:
        return False
    if marker.group(1) or newline < 0:
        return True  # a heading, a list item, or the start of the text
    previous = before[:newline].rstrip("\r")
    line = previous[previous.rfind("\n") + 1 :].rstrip(" \t")
    return not line.strip(" \t>") or line[-1] in _OPENERS


def sentence_after(text: str, position: int, upper: int) -> str:
    """The rest of the sentence from `position`, not past `upper`."""
    found = re.search(r"[.!?;\n]", text[position:upper])
    return text[position : position + found.start()] if found else text[position:upper]


def sentence_before(text: str, lower: int, position: int) -> str:
    """The sentence so far before `position`, not before `lower`."""
    chunk = text[lower:position]
    cut = max(chunk.rfind(mark) for mark in ".!?;\n")
    return chunk[cut + 1 :]


def same_case(word: str, model: str) -> str:
    """`word` written with the capitals of `model` (lower, Capitalized, ALL CAPS)."""
    if len(model) > 1 and model.isupper():
        return word.upper()
    if model[:1].isupper():
        return word[:1].upper() + word[1:]
    return word

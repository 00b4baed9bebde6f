"""The capitals of a replacement: from what it replaces and where that stands.

A replacement is written as the lexicon spells the target, except where the text's capitals
mean something: a sentence start gets its capital (also when an acronym stood there: "MTTR
went up" → "Turnaround time went up"), ALL CAPS stays ALL CAPS (also an acronym in a shouted
line), and an English Title Case heading keeps Title Case. A capital in the middle of a
sentence on an ordinary noun ("de Go-Live") is the writer's emphasis, not the target's
spelling: the target keeps its own.
"""

from __future__ import annotations

import re
import unicodedata

from dikkevandale.languages.text import sentence_start

_WORDS = re.compile(r"[^\W\d_]+")
_TOKENS = re.compile(r"[^\W_]+")
_SMALL = frozenset(
    "a an the and or nor but of for on in to by at as via per with from into over vs".split()
)
_LINE = re.compile(r"[^\n]*")


def match_case(
    matched: str,
    written: str,
    target: str,
    *,
    start: bool = True,
    shouting: bool = False,
    title: bool = False,
    small: bool = False,
) -> str:
    """Give `target` the capitals that `matched` (a spelling `written` so in the lexicon) means.

    `start`: the match opens a sentence; `shouting`: its line is in capitals; `title`: it
    stands in a Title Case heading, which capitalises its small words too when `small`.

    >>> match_case("KLANTBEELD", "klantbeeld", "mid-office-oplossing op basis van XML")
    'MID-OFFICE-OPLOSSING OP BASIS VAN XML'
    >>> match_case("Klantbeeld", "klantbeeld", "klantdatabase")
    'Klantdatabase'
    >>> match_case("Go-Live", "go-live", "lancering", start=False)
    'lancering'
    """
    letters = [c for c in matched if c.isalpha()]
    if not letters or matched == matched.lower():
        return target  # nothing written in capitals: the common case
    if len(letters) > 1 and all(c.isupper() for c in letters):
        if not written.isupper() or shouting:
            return target.upper()
        return _capitalized(target) if start else target
    if title and _is_title(matched):
        return title_case(target, small)
    if letters[0].isupper() and start:
        return _capitalized(target)
    return target


def _capitalized(text: str) -> str:
    for position, char in enumerate(text):
        if char.isalpha():
            return text[:position] + char.upper() + text[position + 1 :]
    return text


def _is_title(text: str) -> bool:
    words = _WORDS.findall(text)
    return bool(words) and all(word[0].isupper() for word in words)


def title_case(text: str, small: bool = False) -> str:
    """Every word and hyphenated part capitalised; `small` words too when `small`.

    >>> title_case("XML-based mid-office layer"), title_case("point of sale")
    ('XML-Based Mid-Office Layer', 'Point of Sale')
    """

    def cap(found: re.Match[str]) -> str:
        word = found.group()
        if not word.islower() or (found.start() and word in _SMALL and not small):
            return word
        return word[0].upper() + word[1:]

    return _WORDS.sub(cap, text)


def context(text: str, start: int, end: int, title_headings: bool) -> dict[str, bool]:
    """The keyword arguments of `match_case` for the span `text[start:end]`; only what its
    capitals make relevant is looked at (this runs for every capitalised match)."""
    written = text[start:end]
    letters = [c for c in written if c.isalpha()]
    capitals = len(letters) > 1 and all(c.isupper() for c in letters)
    titled = title_headings and _is_title(written) and not capitals
    where = {"start": sentence_start(text, start), "shouting": False, "title": False}
    if not (capitals and written.isupper()) and not titled:
        return where
    # A heading or a shouted line is short: look at most this far along the line.
    reach = 160
    line_start = text.rfind("\n", max(0, start - reach), start) + 1 or max(0, start - reach)
    line_end = text.find("\n", end, end + reach)
    line_end = min(len(text), end + reach) if line_end < 0 else line_end
    # Composed first: a decomposed capital (E + a combining accent) is one letter of a word.
    before = unicodedata.normalize("NFC", text[line_start:start])
    after = unicodedata.normalize("NFC", text[end:line_end])
    others = _TOKENS.findall(before) + _TOKENS.findall(after)
    others = [word for word in others if len(word) > 1 and not word.isdigit()]
    where["shouting"] = len(others) >= 2 and all(word.isupper() for word in others)
    big = [word for word in others if word.lower() not in _SMALL]
    small = [word for word in others if word.lower() in _SMALL]
    small_capitals = bool(small) and all(word[0].isupper() for word in small)
    where["title"] = (
        titled
        and all(word[0].isupper() for word in big)
        and (len(big) >= 2 or small_capitals)
        and not text[end:line_end].rstrip().endswith(".")
    )
    where["small"] = where["title"] and small_capitals
    return where

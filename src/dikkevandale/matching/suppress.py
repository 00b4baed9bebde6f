"""Inline suppression: the writer's own "leave this alone", as prose linters offer it.

In Markdown and HTML, comments (shown by no renderer):

    <!-- dvd off -->          no term is rewritten from here …
    <!-- dvd on -->           … to here (or to the end of the document)
    <!-- dvd-ignore -->       no term in the paragraph that follows (or that this stands in)
    <!-- dvd-ignore klantbeeld sla -->   only these concepts there

In plain text and e-mail the same words on a line of their own, optionally after a comment
marker (`#`, `//`, `--`, `;`, `%`, `/*`, `*`, `'`) or an e-mail quote (`>`): `dvd off`,
`# dvd on`, `// dvd-ignore klantbeeld`. A directive written inside code (a code block or code
span, as in documentation about dvd) is shown there, not meant, and has no effect.

The state carries over from one paragraph of a stream to the next (`Suppression`).
"""

from __future__ import annotations

import bisect
import re
from typing import NamedTuple

from dikkevandale.model import NO_SUPPRESSION, Suppression

Span = tuple[int, int]

_IDS = r"(?:[ \t,]+[a-z0-9][a-z0-9.-]*)*"
_BODY = rf"dvd(?:[ \t]+(?P<{{0}}switch>off|on)\b|-ignore(?P<{{0}}ids>{_IDS}))"
_DIRECTIVE = re.compile(
    rf"<!--[ \t]*{_BODY.format('c')}[ \t]*-->"
    rf"|^[ \t]*(?:>[ \t]*)*(?:(?:\#+|//+|--|;+|%+|/\*|\*|')[ \t]*)?{_BODY.format('l')}"
    r"[ \t]*(?:\*/)?[ \t]*\r?$",
    re.MULTILINE,
)
_CONTENT = re.compile(r"[^\s>]")
_BLANK_LINE = re.compile(r"\n(?:[ \t]*>)*[ \t]*(?:\r?\n|\Z)")


class Quiet(NamedTuple):
    """Matches starting in `[start, end)` are not rewritten: of every concept (`concepts`
    None) or of the concepts named; `directive` says why, as written."""

    start: int
    end: int
    concepts: frozenset[str] | None
    directive: str


class Quieting(NamedTuple):
    """What the directives of a text do: the `ranges` they silence, the directives in force
    at its end (`after`), and where the directives themselves stand (`directives`: their own
    words are never rewritten, or `dvd-ignore klantbeeld` would lose its concept id)."""

    ranges: list[Quiet]
    after: Suppression
    directives: list[Span]


def quiet_ranges(text: str, code: list[Span], state: Suppression = NO_SUPPRESSION) -> Quieting:
    """Where directives (and those in force at the start, `state`) silence terms in `text`,
    and what is in force at its end. Directives inside `code` spans do not count.

    >>> ranges, after, _ = quiet_ranges("a <!-- dvd off --> b\\n\\nc\\n", [])
    >>> [(r.start, r.end, r.directive) for r in ranges], after.off
    ([(18, 24, 'dvd off')], 'dvd off')
    """
    ranges: list[Quiet] = []
    directives: list[Span] = []
    off = state.off
    off_start = 0
    ignore: tuple[str, ...] | None = None
    if state.ignore is not None:
        quiet = _ignore(text, 0, state.ignore)
        if quiet.end < 0:
            ignore = state.ignore  # still no paragraph: it waits for the next piece
        else:
            ranges.append(quiet)
    if "dvd" in text:
        starts = [start for start, _ in code]
        for found in _DIRECTIVE.finditer(text):
            if _inside(code, starts, found.start()):
                continue
            directives.append(found.span())
            switch = found.group("cswitch") or found.group("lswitch")
            if switch == "off" and off is None:
                off, off_start = "dvd off", found.end()
            elif switch == "on" and off is not None:
                ranges.append(Quiet(off_start, found.start(), None, off))
                off = None
            elif switch is None:
                named = found.group("cids") or found.group("lids") or ""
                ids = tuple(re.findall(r"[a-z0-9][a-z0-9.-]*", named))
                quiet = _ignore(text, found.end(), ids)
                if quiet.end < 0:
                    ignore = ids  # the paragraph it means is in the next piece
                else:
                    ranges.append(quiet)
    if off is not None:
        ranges.append(Quiet(off_start, len(text), None, off))
    return Quieting(ranges, Suppression(off, ignore), directives)


def _inside(code: list[Span], starts: list[int], position: int) -> bool:
    index = bisect.bisect_right(starts, position) - 1
    return index >= 0 and position < code[index][1]


def _ignore(text: str, start: int, ids: tuple[str, ...]) -> Quiet:
    """The paragraph after `start` (or that `start` stands in) as a quiet range; its end is
    -1 when the text holds nothing after `start`."""
    directive = "dvd-ignore" + "".join(f" {name}" for name in ids)
    content = _CONTENT.search(text, start)
    if content is None:
        return Quiet(start, -1, None, directive)
    blank = _BLANK_LINE.search(text, content.start())
    end = blank.start() + 1 if blank else len(text)
    return Quiet(start, end, frozenset(ids) or None, directive)


def quiet_for(ranges: list[Quiet], start: int, concept: str) -> str | None:
    """The directive that silences a match of `concept` at `start`, if any."""
    for quiet in ranges:
        if quiet.start <= start < quiet.end and (
            quiet.concepts is None or concept in quiet.concepts
        ):
            return quiet.directive
    return None

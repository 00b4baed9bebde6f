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
from functools import cache

from dikkevandale.model import NO_SUPPRESSION, Match, Suppressed, Suppression

Span = tuple[int, int]

_IDS = r"(?:[ \t,]+[a-z0-9][a-z0-9.-]*)*"
_BODY = rf"dvd(?:[ \t]+(?P<{{0}}switch>off|on)\b|-ignore(?P<{{0}}ids>{_IDS}))"


@cache
def _directive() -> re.Pattern[str]:
    """Compiled at the first text that holds "dvd": most runs meet none."""
    return re.compile(
        rf"<!--[ \t]*{_BODY.format('c')}[ \t]*-->"
        rf"|^[ \t]*(?:>[ \t]*)*(?:(?:\#+|//+|--|;+|%+|/\*|\*|')[ \t]*)?{_BODY.format('l')}"
        r"[ \t]*(?:\*/)?[ \t]*\r?$",
        re.MULTILINE,
    )


_CONTENT = re.compile(r"[^\s>]")
_BLANK_LINE = re.compile(r"\n(?:[ \t]*>)*[ \t]*(?:\r?\n|\Z)")


class Quieting:
    """What the directives of a text do, and where they stand.

    `dvd off` ranges never overlap; the `dvd-ignore` directives that end at the same paragraph
    end form one group, which keeps, per concept, the first place it is ignored from: a text
    full of directives is still looked up in logarithmic time per term.
    """

    __slots__ = ("_group_starts", "_groups", "_off", "_off_starts", "after", "directives")

    def __init__(
        self,
        off: list[tuple[int, int, str]],
        groups: list[_Group],
        after: Suppression,
        directives: list[Span],
    ) -> None:
        self._off = off
        self._off_starts = [start for start, _, _ in off]
        self._groups = groups
        self._group_starts = [group.start for group in groups]
        self.after = after
        """The directives in force at the end of the text."""
        self.directives = directives
        """Where the directives stand: their own words are never rewritten, or `dvd-ignore
        klantbeeld` would lose its concept id."""

    def __bool__(self) -> bool:
        return bool(self._off or self._groups)

    def split(self, matches: list[Match]) -> tuple[list[Match], list[Suppressed]]:
        """The matches to rewrite, and those a directive silences (with the directive)."""
        if not self:
            return matches, []
        kept: list[Match] = []
        silenced: list[Suppressed] = []
        for match in matches:
            directive = self.directive_for(match.start, match.concept)
            if directive is None:
                kept.append(match)
            else:
                silenced.append(Suppressed(match, directive))
        return kept, silenced

    def directive_for(self, start: int, concept: str) -> str | None:
        """The directive that silences a term of `concept` at `start`, if any."""
        index = bisect.bisect_right(self._off_starts, start) - 1
        if index >= 0 and start < self._off[index][1]:
            return self._off[index][2]
        index = bisect.bisect_right(self._group_starts, start) - 1
        if index < 0 or start >= self._groups[index].end:
            return None
        return self._groups[index].directive_for(start, concept)


class _Group:
    """`dvd-ignore` directives that apply up to the same paragraph end."""

    __slots__ = ("end", "every", "named", "start")

    def __init__(self, start: int, end: int) -> None:
        self.start, self.end = start, end
        self.every: tuple[int, str] | None = None
        self.named: dict[str, tuple[int, str]] = {}

    def add(self, start: int, ids: tuple[str, ...], directive: str) -> None:
        if not ids and self.every is None:
            self.every = (start, directive)
        for name in ids:
            self.named.setdefault(name, (start, directive))

    def directive_for(self, start: int, concept: str) -> str | None:
        for found in (self.every, self.named.get(concept)):
            if found is not None and found[0] <= start:
                return found[1]
        return None


def quiet_ranges(text: str, code: list[Span], state: Suppression = NO_SUPPRESSION) -> Quieting:
    """What the directives in `text` (and those in force at its start, `state`) silence, and
    what is in force at its end. Directives inside `code` spans do not count.

    >>> quieting = quiet_ranges("a <!-- dvd off --> b\\n\\nc\\n", [])
    >>> quieting.directive_for(19, "x"), quieting.directive_for(0, "x"), quieting.after.off
    ('dvd off', None, 'dvd off')
    """
    off_ranges: list[tuple[int, int, str]] = []
    groups: list[_Group] = []
    directives: list[Span] = []
    paragraphs = _Paragraphs(text)

    def ignore(start: int, ids: tuple[str, ...]) -> bool:
        """Add a `dvd-ignore` from `start`; False if no paragraph follows in this text."""
        end = paragraphs.end_after(start)
        if end < 0:
            return False
        if not groups or groups[-1].end != end:
            groups.append(_Group(start, end))
        groups[-1].add(start, ids, "dvd-ignore" + "".join(f" {name}" for name in ids))
        return True

    off = state.off
    off_start = 0
    pending: tuple[str, ...] | None = None
    if state.ignore is not None and not ignore(0, state.ignore):
        pending = state.ignore  # still no paragraph: it waits for the next piece
    if "dvd" in text:
        starts = [start for start, _ in code]
        for found in _directive().finditer(text):
            if _inside(code, starts, found.start()):
                continue
            directives.append(found.span())
            switch = found.group("cswitch") or found.group("lswitch")
            if switch == "off" and off is None:
                off, off_start = "dvd off", found.end()
            elif switch == "on" and off is not None:
                off_ranges.append((off_start, found.start(), off))
                off = None
            elif switch is None:
                named = found.group("cids") or found.group("lids") or ""
                ids = tuple(re.findall(r"[a-z0-9][a-z0-9.-]*", named))
                if not ignore(found.end(), ids):
                    pending = ids
    if off is not None:
        off_ranges.append((off_start, len(text), off))
    after = NO_SUPPRESSION if off is None and pending is None else Suppression(off, pending)
    return Quieting(off_ranges, groups, after, directives)


def _inside(code: list[Span], starts: list[int], position: int) -> bool:
    index = bisect.bisect_right(starts, position) - 1
    return index >= 0 and position < code[index][1]


class _Paragraphs:
    """Where the paragraph after a position ends; blank lines are found once, when needed."""

    __slots__ = ("_ends", "_text")

    def __init__(self, text: str) -> None:
        self._text = text
        self._ends: list[int] | None = None

    def end_after(self, start: int) -> int:
        """The end of the paragraph that holds the first content after `start`, or -1 when
        only blanks follow."""
        content = _CONTENT.search(self._text, start)
        if content is None:
            return -1
        if self._ends is None:
            self._ends = [blank.start() + 1 for blank in _BLANK_LINE.finditer(self._text)]
        index = bisect.bisect_right(self._ends, content.start())
        return self._ends[index] if index < len(self._ends) else len(self._text)

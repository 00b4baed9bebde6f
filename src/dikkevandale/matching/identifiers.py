"""Identifiers are not words: file names, paths, code names, hashtags and mentions.

`klantbeeld.py`, `docs/klantbeeld.md`, `klant_id`, `KlantBeeld`, `#klantbeeld` and `@jan` name
a file, a variable, a channel or a person; a term inside one is no jargon, and rewriting it
breaks a reference. In any input, Markdown or not, such a token is left alone, unless the term
itself is written that way in the lexicon (a product name such as "SharePoint" is a term).

A token is a run of letters, digits and `_ . - / \\ # @ : + ~`, without what ends a sentence
after it. It is an identifier when it holds an underscore inside a word, a dot followed by a
lowercase letter or digit (`name.ext`; a full stop is followed by a space), a backslash, a
leading `/`, `./`, `../` or `~/`, two slashes, a lowercase letter followed by a capital
(`klantBeeld`), or a `#` or `@` before a word. One slash between two words ("klant/prospect",
"sales/IT") is prose, not a path.

Only the tokens around terms found are looked at: running text pays nothing for this.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Protocol, TypeVar

Span = tuple[int, int]


class _Spelled(Protocol):
    @property
    def form(self) -> str: ...


_Entry = TypeVar("_Entry", bound=_Spelled)

_SIGN = re.compile(
    r"""
      [^\W_]_+[^\W_]                  # snake_case, foo__bar
    | [^\W_]\.[a-z0-9]                # name.ext, module.attribute
    | \\[^\s\\]                       # C:\dir, dir\file
    | ^(?:\.{1,2}|~)?/[^\W_]          # /var, ./x, ../x, ~/x
    | /[^/]*/                         # a/b/c
    | [a-zà-öø-ÿ][A-ZÀ-ÖØ-Þ]          # camelCase, PascalCase
    | ^[#@][^\W_]                     # #hashtag, @mention
    """,
    re.VERBOSE,
)
# Outside the term itself a sign needs one of these characters; inside it, only a capital
# after a lowercase letter is possible (words split at the others, or the term spells them).
_DOTTED = re.compile(r"\.[a-z0-9]")
_CAMEL = re.compile(r"[a-zà-öø-ÿ][A-ZÀ-ÖØ-Þ]")
_TOKEN_CHARS = frozenset("_.-/\\#@:+~")
_TRAILING = ".-:+~/\\"
"""Characters that end a sentence or a clause rather than an identifier."""


class Identifiers:
    """Finds the identifier token around a span of one text, remembering the last token, so
    that many terms inside one long token cost one pass over it, not one each."""

    __slots__ = ("_end", "_start", "_text", "_token", "plain")

    def __init__(self, text: str) -> None:
        self._text = text
        self._start = self._end = -1
        self._token: Span | None = None
        self.plain = not (
            "_" in text
            or "/" in text
            or "\\" in text
            or "#" in text
            or "@" in text
            or _DOTTED.search(text)
        )
        """No sign of an identifier but camelCase anywhere in the text: a lowercase term
        (the common case) stands in none."""

    def around(self, start: int, end: int) -> list[Span]:
        """The identifier tokens that `text[start:end]` reaches into: a term's first or last
        word may stand in one (the words between are whole, and apart).

        >>> found = Identifiers("Zie klantbeeld.py en het klantbeeld.")
        >>> found.around(4, 14), found.around(25, 35)
        ([(4, 17)], [])
        """
        if self.plain and not _CAMEL.search(self._text, start, end):
            return []  # a text without any sign: only the term itself could be camelCase
        if self._bare(start, end):
            return []
        found = [token for token in (self._at(start), self._at(end - 1)) if token is not None]
        if len(found) == 2 and found[0] == found[1]:
            found.pop()
        return found

    def _bare(self, start: int, end: int) -> bool:
        """Whether `text[start:end]` is a token of its own with no sign in it: a word between
        spaces or punctuation, as nearly every term is. Settled without measuring a token."""
        text = self._text
        if start and _in_token(text[start - 1]):
            return False
        if end < len(text) and _in_token(text[end]):
            after = end + 1
            if text[end] not in _TRAILING or (after < len(text) and _in_token(text[after])):
                return False
        return _SIGN.search(text, start, end) is None

    def _at(self, position: int) -> Span | None:
        if not self._start <= position < self._end:
            self._measure(position, position + 1)
        return self._token

    def _measure(self, start: int, end: int) -> None:
        text = self._text
        first = start
        while first > 0 and _in_token(text[first - 1]):
            first -= 1
        last = max(end, start)
        while last < len(text) and _in_token(text[last]):
            last += 1
        self._start, self._end = first, last
        while last > end and text[last - 1] in _TRAILING:
            last -= 1
        token = text[first:last]
        self._token = (first, last) if _SIGN.search(token) else None


def _in_token(char: str) -> bool:
    return char.isalnum() or char in _TOKEN_CHARS


def allowed_in(text: str, token: Span, form: str) -> bool:
    """Whether a term's `form` in the lexicon spells the whole identifier `token` itself,
    capitals and signs included (a product name, a hashtag listed on purpose)."""
    start, end = token
    return end - start <= len(form) and text[start:end] in form


def without_identifiers(
    text: str, hits: list[tuple[int, int, int, int, Sequence[_Entry]]]
) -> list[tuple[int, int, int, int, Sequence[_Entry]]]:
    """The matcher's hits (first and last word, start, end, entries) that reach into no
    identifier, or only the entries whose spelling is that identifier itself."""
    identifiers = Identifiers(text)
    kept: list[tuple[int, int, int, int, Sequence[_Entry]]] = []
    for hit in hits:
        first, last, start, end, entries = hit
        if identifiers.plain and text[start:end].islower():
            kept.append(hit)  # nothing that signs an identifier, in the text or the term
            continue
        tokens = identifiers.around(start, end)
        if not tokens:
            kept.append(hit)
            continue
        allowed = [
            entry for entry in entries if all(allowed_in(text, t, entry.form) for t in tokens)
        ]
        if allowed:
            kept.append((first, last, start, end, allowed))
    return kept

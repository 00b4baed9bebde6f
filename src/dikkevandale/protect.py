"""Regions of a text that are never matched: code, URLs, e-mail addresses, Markdown link targets.

A term inside `https://example.com/back-office` or a code block is not jargon but an address or
an identifier; rewriting it would break the note or the e-mail it stands in.
"""

from __future__ import annotations

import re

_PROTECTED = re.compile(
    r"""
      (?P<fence>^[ \t]*(?P<mark>`{3,}|~{3,})[^\n]*\n(?:.*?\n)??[ \t]*(?P=mark)[ \t]*$)
    | (?P<code>(?P<ticks>`+)[^`\n](?:.*?[^`\n])??(?P=ticks)(?!`))
    | (?P<link>\]\([^)\s]*(?:\s+"[^"\n]*")?\))
    | (?P<reference>^[ \t]{0,3}\[[^\]\n]+\]:[ \t]*\S+)
    | (?P<url>(?:\b[a-zA-Z][a-zA-Z0-9+.-]*://|\bwww\.)[^\s<>"'`]*[^\s<>"'`.,;:!?)\]])
    | (?P<mail>\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+)
    """,
    re.VERBOSE | re.MULTILINE | re.DOTALL,
)


def protected_spans(text: str) -> list[tuple[int, int]]:
    """Sorted, non-overlapping `(start, end)` spans that the matcher must leave alone.

    >>> protected_spans("see https://crm.example/klantbeeld or `klantbeeld`")
    [(4, 34), (38, 50)]
    """
    return [found.span() for found in _PROTECTED.finditer(text)]

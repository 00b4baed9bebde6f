"""Regions of a text that are never matched: code, markup, addresses, references, front matter.

A term inside `https://example.com/back-office`, a code block or a link destination is not
jargon but an address or an identifier; rewriting it would break the note or the e-mail it
stands in. Markdown regions come from a CommonMark parser (`markdown`), which is imported only
for a text that holds a character any such region needs: most paragraphs hold none, and plain
text never pays for the parser. Addresses, character references and front matter are found
here, in any text, by scans that stay linear whatever the text holds; so are the placeholders
of mail-merge and message templates (`{{contact.firstname}}`, `*|FNAME|*`, `{!Account.Name}`,
`{name}`, `${name}`, `%name%`), variables (`$name`) and emoji codes (`:ticket:`): a CRM's
e-mail templates are piped through dvd, and a rewritten placeholder breaks every mail sent
from them.
"""

from __future__ import annotations

import re
from functools import cache
from typing import NamedTuple

from dikkevandale.languages.text import inline_tags
from dikkevandale.matching.rawhtml import ENTITY

Span = tuple[int, int]


class Regions(NamedTuple):
    """`spans`: sorted, non-overlapping spans no term may touch. `code`: the code blocks and
    spans among them, sorted (a `dvd off` written there is shown, not meant)."""

    spans: list[Span]
    code: list[Span]


_NO_REGIONS = Regions([], [])

# A scheme is short (RFC 3986 schemes run to about 30 characters): bounding it keeps a search
# over "a.a.a.a…" linear, where an unbounded one tries every suffix at every position.
_URL = re.compile(r"(?:\b[a-zA-Z][a-zA-Z0-9+.-]{0,31}://|\bwww\.)[^\s<>\"'`]*[^\s<>\"'`.,;:!?)\]]")
_MAIL_DOMAIN = re.compile(r"[\w-]+(?:\.[\w-]+)+")
_MAIL_LOCAL = re.compile(r"[\w.+-]")
_LOCAL_LIMIT = 64
"""RFC 5321's limit on the part of an address before the `@`."""
# Up to the first closing line: the body is optional, and lazily so, or "---\n---\n" (empty
# front matter) would run on to a later `---` (a thematic break or a heading's underline).
_FRONT_MATTER = re.compile(
    r"\A(?:---[ \t]*\r?\n(?:.*?\r?\n)??(?:---|\.\.\.)|\+\+\+[ \t]*\r?\n(?:.*?\r?\n)??\+\+\+)"
    r"[ \t]*(?:\r?\n|\Z)",
    re.DOTALL,
)
_NOT_NEWLINE = re.compile(r"[^\r\n]")


@cache
def _placeholder() -> re.Pattern[str]:
    """Template placeholders, variables and emoji codes, compiled at the first text that may
    hold one. Each alternative is bounded, so a text full of braces or dollars is still
    scanned in linear time; none spans a line break."""
    return re.compile(
        r"""
          \{\{[^{}\r\n]{1,200}?\}\}            # {{name}}: Mustache, Handlebars, Jinja, HubSpot
        | \{%[^\r\n]{0,200}?%\}                # {% if name %}: Jinja and Liquid tags
        | \{![^{}\r\n]{1,200}\}                # {!Contact.Name}: Salesforce merge fields
        | \$\{[^{}\r\n]{1,200}\}               # ${name}: shell, JavaScript and Java templates
        | \*\|[A-Za-z0-9_:-]{1,100}\|\*         # *|FNAME|*: Mailchimp merge tags
        | \{[A-Za-z_][\w.-]{0,100}\}            # {name}: format strings, ICU messages
        | %[A-Za-z_][\w.]{0,100}%               # %name%: Windows variables, merge fields
        | \$[A-Za-z_]\w{0,100}                  # $name: shell, PHP and Perl variables
        | (?<![\w:]):[a-z0-9_+-]{1,50}:(?![\w:]) # :ticket: and the like: emoji codes in chat
        """,
        re.VERBOSE,
    )


def find_regions(text: str, *, markdown: bool = True, at_start: bool = True) -> Regions:
    """The regions of `text` that the matcher must leave alone.

    `markdown`: the text may be Markdown (code blocks and spans, HTML, link destinations and
    titles, reference definitions and labels, autolinks are found by a CommonMark parser);
    False for prose that is known to be plain, such as the text of an HTML element.
    `at_start`: the text starts a document, so it may open with YAML (`---`) or TOML (`+++`)
    front matter, which is kept whole.

    >>> text = "see https://crm.example/klantbeeld or `klantbeeld`"
    >>> [text[s:e] for s, e in find_regions(text).spans]
    ['https://crm.example/klantbeeld', '`klantbeeld`']
    """
    spans: list[Span] = []
    code: list[Span] = []
    front = _FRONT_MATTER.match(text) if at_start and text.startswith(("---", "+++")) else None
    if front:
        spans.append(front.span())
    if markdown and may_hold_markdown(text):
        from dikkevandale.matching.markdown import markdown_regions

        # Front matter is no Markdown: blanked out, every offset and line stays where it was.
        source = _NOT_NEWLINE.sub(" ", front.group()) + text[front.end() :] if front else text
        found = markdown_regions(source)
        spans += found.protected
        code = sorted(found.code)
    if (":" in text and "://" in text) or "www." in text:
        spans += [found.span() for found in _URL.finditer(text)]
    if "@" in text:
        spans += _mail_addresses(text)
    if "&" in text and ";" in text:
        spans += [found.span() for found in ENTITY.finditer(text)]
    if not markdown and "<" in text:
        # Prose that is not Markdown may still hold the inline tags of an HTML text run.
        spans += [found.span() for found in inline_tags().finditer(text)]
    if "{" in text or "$" in text or "%" in text or ":" in text or ("|" in text and "*|" in text):
        spans += [found.span() for found in _placeholder().finditer(text)]
    if not spans:
        return _NO_REGIONS
    return Regions(_merged(spans), code)


def protected_spans(text: str) -> list[Span]:
    """Sorted, non-overlapping `(start, end)` spans that the matcher must leave alone.

    >>> protected_spans("see https://crm.example/klantbeeld or `klantbeeld`")
    [(4, 34), (38, 50)]
    """
    return find_regions(text).spans


MARKDOWN_MARKERS = ("`", "<", "[", "\t", "~~~", "    ")
"""What some protected Markdown region needs (see `may_hold_markdown`)."""


def may_hold_markdown(text: str) -> bool:
    """Whether `text` has a character that some protected Markdown region needs.

    A code span or fence needs a backtick or `~~~`, HTML and autolinks a `<`, links and
    reference definitions a `[`, indented code four spaces or a tab. Plain substring tests
    run at memory speed, many times faster than any parser.
    """
    # One-character tests first: each is a memchr, while a longer one sets up a string search.
    return (
        "`" in text
        or "<" in text
        or "[" in text
        or "\t" in text
        or ("~" in text and "~~~" in text)
        or "    " in text
    )


def _mail_addresses(text: str) -> list[Span]:
    """E-mail addresses, found from their `@`: the domain forward, the local part backward.

    Each `@` costs at most the 64 characters before it plus its domain, and domains end at
    the next `@`, so a text full of near-addresses is still scanned in linear time.
    """
    found: list[Span] = []
    position = 0
    while (at := text.find("@", position)) >= 0:
        position = at + 1
        domain = _MAIL_DOMAIN.match(text, at + 1)
        if domain is None:
            continue
        start = at
        while start > 0 and at - start < _LOCAL_LIMIT and _MAIL_LOCAL.match(text, start - 1):
            start -= 1
        if start < at and (start == 0 or not text[start - 1].isalnum()):
            found.append((start, domain.end()))
            position = domain.end()
    return found


def _merged(spans: list[Span]) -> list[Span]:
    spans.sort()
    merged = [spans[0]]
    for start, end in spans[1:]:
        last_start, last_end = merged[-1]
        if start <= last_end:
            if end > last_end:
                merged[-1] = (last_start, end)
        else:
            merged.append((start, end))
    return merged

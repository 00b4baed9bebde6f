"""What a rewrite must leave alone in raw HTML: tags, comments and the raw text of some elements.

Text between tags is what a reader sees, so it is translated; the markup around it is not, nor
the content of the elements whose text is code or preformatted (`pre`, `script`, `style`,
`textarea`). Used for the HTML blocks of Markdown, where the parser hands over raw lines.

Every pattern here consumes what it matches, or fails within the construct it tried, so one
pass over a text is linear in its length, whatever the text holds.
"""

from __future__ import annotations

import re
from functools import cache

Span = tuple[int, int]

RAW_TEXT_ELEMENTS = ("pre", "script", "style", "textarea")
"""Elements whose whole content is kept: code, scripts, styles and preformatted text."""

_ATTRIBUTE = (
    r"(?:\s+[A-Za-z_:][A-Za-z0-9_.:-]*"
    r"(?:\s*=\s*(?:[^\"'=<>`\x00-\x20]+|'[^']*'|\"[^\"]*\"))?)"
)
_OPEN_TAG = re.compile(rf"<([A-Za-z][A-Za-z0-9-]*){_ATTRIBUTE}*\s*/?>")
_CLOSE_TAG = re.compile(r"</[A-Za-z][A-Za-z0-9-]*\s*>")
# Unterminated comments, CDATA sections and processing instructions run to the end: a browser
# reads them so, and it keeps the scan linear (the rest of the text is consumed at once).
_COMMENT = re.compile(r"<!---?>|<!--.*?(?:-->|\Z)", re.DOTALL)
_CDATA = re.compile(r"<!\[CDATA\[.*?(?:\]\]>|\Z)", re.DOTALL)
_DECLARATION = re.compile(r"<![A-Za-z][^>]*>?")
_PROCESSING = re.compile(r"<\?.*?(?:\?>|\Z)", re.DOTALL)
# What a browser takes for a tag although the grammar above does not: it runs to the next `>`.
_LOOSE_TAG = re.compile(r"</?([A-Za-z][A-Za-z0-9-]*)[^>]*>?")
ENTITY = re.compile(r"&(?:#[xX][0-9a-fA-F]{1,6}|#[0-9]{1,7}|[A-Za-z][A-Za-z0-9]{1,31});")
"""A named or numeric character reference (`&copy;`, `&#169;`, `&#xA9;`)."""
_MARKUP_START = re.compile(r"<[A-Za-z/!?]|&[#A-Za-z]")
_MARKUP = (_COMMENT, _CDATA, _DECLARATION, _PROCESSING, _CLOSE_TAG, _OPEN_TAG, _LOOSE_TAG)


def html_spans(html: str, start: int = 0, end: int | None = None) -> list[Span]:
    """The spans of `html[start:end]` that must not change, in order.

    Tags (also malformed ones a browser would still read as tags), comments, declarations,
    processing instructions, CDATA sections, character references, and everything between
    the start and end tag of a raw-text element (`pre`, `script`, `style`, `textarea`).

    >>> text = '<p title="a">Het klantbeeld &amp; <pre>code</pre></p>'
    >>> [text[s:e] for s, e in html_spans(text)]
    ['<p title="a">', '&amp;', '<pre>', 'code', '</pre>', '</p>']
    """
    stop = len(html) if end is None else end
    spans: list[Span] = []
    position = start
    while found := _MARKUP_START.search(html, position, stop):
        at = found.start()
        if html[at] == "&":
            entity = ENTITY.match(html, at, stop)
            if entity:
                spans.append(entity.span())
                position = entity.end()
            else:
                position = at + 1
            continue
        markup = _markup_at(html, at, stop)
        if markup is None:
            position = at + 1
            continue
        spans.append(markup.span())
        position = markup.end()
        name = raw_text_element(markup.group(0))
        if name:
            close = _closing(name).search(html, position, stop)
            content_end = close.start() if close else stop
            if content_end > position:
                spans.append((position, content_end))
            position = content_end
    return spans


def _markup_at(html: str, at: int, stop: int) -> re.Match[str] | None:
    """The HTML construct starting at `html[at]` (a `<`), if any."""
    for pattern in _MARKUP:
        match = pattern.match(html, at, stop)
        if match:
            return match
    return None


def raw_text_element(tag: str) -> str | None:
    """The lowercased name if `tag` opens a raw-text element (`<pre>`, `<script ...>`)."""
    if tag.startswith(("</", "<!", "<?")) or tag.endswith("/>"):
        return None
    name = _LOOSE_TAG.match(tag)
    if name and name.group(1).lower() in RAW_TEXT_ELEMENTS:
        return name.group(1).lower()
    return None


@cache
def _closing(name: str) -> re.Pattern[str]:
    return re.compile(rf"</{name}\s*>", re.IGNORECASE)


def closes_raw_text(tag: str, name: str) -> bool:
    """Whether `tag` is the end tag of the raw-text element `name`."""
    return _closing(name).fullmatch(tag) is not None

"""Which text of a mail body is translated: prose, not signatures, quotes (if asked) or markup.

A plain-text body goes to the translator in runs of lines, so that a term split over two quoted
lines is still found; an HTML body only in its text nodes (not in `pre`, `code`, `script`,
`style` or `textarea`), with what the translation inserts escaped for HTML and for the part's
charset. Everything else is kept exactly as written. The writer's `dvd off`, `dvd on` and
`dvd-ignore` directives hold across runs of a plain body, and as comments in an HTML one.
Each body comes back with its rewrites, and the terms a directive or their context left alone,
at offsets into its decoded text (`Translated`).
"""

from __future__ import annotations

import difflib
import html
import re
from collections.abc import Callable, Iterator
from html.parser import HTMLParser
from typing import NamedTuple, Protocol

from dikkevandale.io.mail.encoding import LeftUnchanged
from dikkevandale.languages.text import INLINE_ELEMENTS, inline_tags
from dikkevandale.model import (
    NO_SUPPRESSION,
    Rewrite,
    Skip,
    Suppressed,
    Suppression,
    Translation,
)

_LINE = re.compile(r"[^\n]*\n|[^\n]+")  # str.splitlines would also cut at \f, \x1c, \u2028


class Prose(Protocol):
    """Translates one stretch of a message's text, given the directives in force where it
    starts (`state`) and whether it may hold Markdown (a plain body may; the text of an
    HTML element and a Subject do not); returns its translation, with the rewrites at
    offsets into `text` and the directives in force at its end (`Translation.after`)."""

    def __call__(self, text: str, state: Suppression, /, *, markdown: bool) -> Translation: ...


def prose_of(rewrite: Callable[[str], str]) -> Prose:
    """A `Prose` from a plain `str -> str` function, which knows no directives and tells no
    rewrites: text that a directive (from an HTML comment) covers is kept as it is."""

    def prose(text: str, state: Suppression, /, *, markdown: bool) -> Translation:
        return Translation(text if state != NO_SUPPRESSION else rewrite(text), "", (), (), state)

    return prose


class Translated(NamedTuple):
    """A body's new text, and its rewrites at offsets into the old one; so are the terms it
    left alone, for `dvd explain` (as in `Translation`)."""

    text: str
    rewrites: list[Rewrite]
    suppressed: tuple[Suppressed, ...] = ()
    skipped: tuple[Skip, ...] = ()


def translate_plain(text: str, prose: Prose, skip_quoted: bool) -> Translated:
    """Translate runs of lines, leaving the signature (and with skip_quoted, quotes) alone.

    The signature runs from a line that is exactly "-- " to the next quoted line: in a
    top-posted reply the quoted original follows the signature and is not part of it.
    Consecutive translatable lines go to `prose` as one piece, so a term split over two
    quoted lines ("> ... 360-graden-\\n> klantbeeld") is still found.
    """
    pieces: list[str] = []
    found = _Found()
    state = NO_SUPPRESSION
    for translatable, start, end in _runs(text, skip_quoted):
        if not translatable:
            pieces.append(text[start:end])
            continue
        result = prose(text[start:end], state, markdown=True)
        state = result.after
        pieces.append(result.text)
        found.add(result, start)
    return found.of("".join(pieces))


class _Found:
    """The terms of a body's translated stretches, moved to offsets into the body."""

    def __init__(self) -> None:
        self.rewrites: list[Rewrite] = []
        self.suppressed: list[Suppressed] = []
        self.skipped: list[Skip] = []

    def add(self, result: Translation, start: int) -> None:
        self.rewrites += [rewrite.moved(start) for rewrite in result.rewrites]
        self.suppressed += [term.moved(start) for term in result.suppressed]
        self.skipped += [term.moved(start) for term in result.skipped]

    def of(self, text: str) -> Translated:
        return Translated(text, self.rewrites, tuple(self.suppressed), tuple(self.skipped))


def _runs(text: str, skip_quoted: bool) -> Iterator[tuple[bool, int, int]]:
    """Stretches of consecutive lines that are translated, or not: `(translatable, start,
    end)`. Offsets only, so that a big body is not held once more as a list of lines."""
    in_signature = False
    current: bool | None = None
    run_start = 0
    for found in _LINE.finditer(text):
        line = found.group()
        content = line.rstrip("\r\n")
        quoted = content.startswith(">")
        if content == "-- ":
            in_signature = True
        elif in_signature and quoted:
            in_signature = False
        translatable = not in_signature and not (quoted and skip_quoted)
        if translatable != current:
            if current is not None:
                yield current, run_start, found.start()
            current, run_start = translatable, found.start()
    if current is not None:
        yield current, run_start, len(text)


# Elements whose text is code or kept as typed; script and style hold no prose at all.
_RAW_ELEMENTS = frozenset({"script", "style", "pre", "code", "kbd", "samp", "textarea"})
# Elements that end the paragraph a `<!-- dvd-ignore -->` before them applies to.
_BLOCK_ELEMENTS = frozenset(
    "p div li td th tr table ul ol dl dt dd h1 h2 h3 h4 h5 h6 blockquote pre section article"
    " header footer br hr".split()
)
_DIRECTIVE = re.compile(r"\s*dvd(?:\s+(off|on)|-ignore((?:[\s,]+[a-z0-9][a-z0-9.-]*)*))\s*")


class _TextNodes(HTMLParser):
    """Finds the spans of translatable text nodes in HTML: no tags, attributes, comments,
    code, scripts or styles, no signature and (with skip_quoted) no <blockquote> content.

    A signature is an element whose class names one (Thunderbird's `moz-signature`, Gmail's
    `gmail_signature`), or the text after a text node "-- " up to the next <blockquote> or the
    end of the blockquote it stands in (a quoted signature ends with its quote).

    Character references split a text node: the text between them is translated and the
    references are kept as written, so a term interrupted by `&nbsp;` or written with
    `&eacute;` is not found. Text that runs on through inline tags (`<b>`, `</span>`) is one
    span, tags included (the matcher leaves them alone): "het <b>klantbeeld</b>" agrees as one
    phrase, and "360-graden-<b>klantbeeld</b>" stays one compound. A term split by a tag
    (`<b>360-graden</b>-klantbeeld`) is not found; that is rare in the prose of a mail.

    Comments `<!-- dvd off -->`, `<!-- dvd on -->` and `<!-- dvd-ignore [ids] -->` give each
    span the directives in force for it (a `dvd-ignore` holds to the end of the next block
    element with text, such as a paragraph or a table cell).
    """

    def __init__(self, text: str, skip_quoted: bool) -> None:
        super().__init__(convert_charrefs=False)
        self.text = text
        self.skip_quoted = skip_quoted
        self.line_starts = [0] + [found.end() for found in re.finditer("\n", text)]
        self.spans: list[tuple[int, int, Suppression]] = []
        self.raw: list[str] = []
        self.quotes = 0
        self.signature_tag: str | None = None
        self.signature_depth = 0
        self.dashes: int | None = None  # the quote depth of a "-- " line, while it lasts
        self.off: str | None = None
        self.ignore: tuple[str, ...] | None = None
        self.ignoring = False  # the `dvd-ignore` has reached text
        self.bridge: int | None = None  # where the last span reaches through inline tags

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._block(tag)
        self._bridge(tag, self.get_starttag_text())
        if tag in _RAW_ELEMENTS:
            self.raw.append(tag)
        elif tag == "blockquote":
            self.quotes += 1
            self.dashes = None
        if tag == self.signature_tag:
            self.signature_depth += 1
        elif self.signature_tag is None and any(
            key == "class" and value and "signature" in value.lower() for key, value in attrs
        ):
            self.signature_tag, self.signature_depth = tag, 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._block(tag)
        self.bridge = None

    def handle_endtag(self, tag: str) -> None:
        self._block(tag)
        start = self._offset()
        close = self.text.find(">", start)
        self._bridge(tag, self.text[start : close + 1] if close >= 0 else None)
        if tag in self.raw:
            while self.raw.pop() != tag:
                pass
        elif tag == "blockquote" and self.quotes:
            self.quotes -= 1
            if self.dashes is not None and self.dashes > self.quotes:
                self.dashes = None
        if tag == self.signature_tag:
            self.signature_depth -= 1
            if not self.signature_depth:
                self.signature_tag = None

    def _offset(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def _bridge(self, tag: str, raw: str | None) -> None:
        """Let the last span reach through an inline tag that follows it directly.

        Only through a tag the matcher reads as one (`inline_tags`): it protects those in
        the span's text, so no word of their attributes can be rewritten. Any other tag (a
        ">" in a quoted value, attributes over several lines) ends the span instead.
        """
        start = self._offset()
        joined = self.spans and (self.spans[-1][1] == start or self.bridge == start)
        if (
            tag in INLINE_ELEMENTS
            and raw is not None
            and joined
            and self.text.startswith(raw, start)
            and inline_tags().fullmatch(raw)
        ):
            self.bridge = start + len(raw)
        else:
            self.bridge = None

    def handle_comment(self, data: str) -> None:
        self.bridge = None
        directive = _DIRECTIVE.fullmatch(data)
        if directive is None:
            return
        if directive.group(1) == "off":
            self.off = "dvd off"
        elif directive.group(1) == "on":
            self.off = None
        else:
            self.ignore = tuple(re.findall(r"[a-z0-9][a-z0-9.-]*", directive.group(2)))
            self.ignoring = False

    def _block(self, tag: str) -> None:
        if self.ignoring and tag in _BLOCK_ELEMENTS:
            self.ignore, self.ignoring = None, False

    def handle_data(self, data: str) -> None:
        if self.raw or self.signature_tag or (self.skip_quoted and self.quotes):
            return
        if data.strip() == "--":
            self.dashes = self.quotes
        if self.dashes is not None:
            return
        start = self._offset()
        if self.text[start : start + len(data)] != data:
            return  # the parser's position is off: better untranslated than misplaced
        if self.ignore is not None and data.strip():
            self.ignoring = True
        state = NO_SUPPRESSION
        if self.off is not None or self.ignore is not None:
            state = Suppression(self.off, self.ignore)
        end = start + len(data)
        last = self.spans[-1] if self.spans else None
        if last is not None and last[2] == state and start in (last[1], self.bridge):
            start = self.spans.pop()[0]
        self.spans.append((start, end, state))
        self.bridge = None


def fits_charset(codec: str, seven_bit: bool) -> Callable[[str], bool]:
    """Whether a character can go into the part as is, or must become a character reference."""

    def fits(char: str) -> bool:
        if seven_bit and not char.isascii():
            return False
        try:
            char.encode(codec)
        except UnicodeError:
            return False
        return True

    return fits


def translate_html(
    text: str, prose: Prose, skip_quoted: bool, fits: Callable[[str], bool]
) -> Translated:
    """Translate the text nodes `_TextNodes` finds; tags, attributes and references stay."""
    parser = _TextNodes(text, skip_quoted)
    try:
        parser.feed(text)
        parser.close()
    except Exception as error:  # html.parser can still trip over broken markup
        raise LeftUnchanged(f"HTML that cannot be parsed ({error})") from None
    pieces: list[str] = []
    found = _Found()
    position = 0
    for start, end, state in parser.spans:
        old = text[start:end]
        if not old.strip():
            continue
        result = prose(old, state, markdown=False)
        pieces += [text[position:start], _escape_inserted(old, result.text, fits)]
        found.add(result, start)
        position = end
    pieces.append(text[position:])
    return found.of("".join(pieces))


def _escape_inserted(old: str, new: str, fits: Callable[[str], bool]) -> str:
    """`new` with `<`, `&`, `>` and unencodable characters escaped where the rewrite put them.

    Text the rewrite kept is copied unchanged (a bare `&` the author wrote stays bare).
    """

    def escape(char: str) -> str:
        if char in "<>&":
            return html.escape(char)
        return char if fits(char) else f"&#{ord(char)};"

    if all(char not in "<>&" and fits(char) for char in new):
        return new
    pieces: list[str] = []
    for tag, _, _, j1, j2 in difflib.SequenceMatcher(None, old, new).get_opcodes():
        segment = new[j1:j2]
        pieces.append(segment if tag == "equal" else "".join(map(escape, segment)))
    return "".join(pieces)

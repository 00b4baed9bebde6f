"""What a term rewrite must leave alone in a Markdown text, worked out with markdown-it-py.

Independent of dikkevandale: this module is the yardstick for `dvd`'s promise that code, URLs,
link targets and titles, HTML and Markdown structure never change, used by the test suite
(`test_commonmark.py`) and by the CommonMark benchmark (`benchmarks/commonmark/run.py`), which
puts this folder on its path. It offers two views:

- `protected_regions(text)`: character spans (code point offsets into `text`) that no rewrite
  may overlap: indented and fenced code, code spans, HTML tags, comments and declarations
  (block and inline), the raw text of `<pre>`, `<script>`, `<style>` and `<textarea>`, link
  and image destinations and titles, the `[label]` of full reference links, whole link
  reference definitions, autolinks, and entity and numeric character references.
- `compare_structure(before, after)`: the differences between the token streams of two texts
  when text content is ignored: token types, tags and nesting, link and image attributes
  (`href`, `src`, `title`), code content, HTML tags and entities must be the same. A reference
  link whose label was rewritten (so it no longer matches its definition) shows up here.

Both use markdown-it-py's CommonMark preset. Block tokens carry line ranges (`Token.map`),
inline tokens do not carry offsets, so the inline parser is instrumented: its rules for code
spans, links, images, autolinks, inline HTML and entities are wrapped to record where they
matched in the inline content, and that content is aligned back to the source lines.

Text between the tags of an HTML block is prose (a browser shows it) and is not protected;
only the tags, comments, declarations, processing instructions, CDATA sections, entities and
the raw text of `pre`/`script`/`style`/`textarea` are.
"""

from __future__ import annotations

import bisect
import difflib
import re
from collections.abc import Callable, Iterable, Iterator, MutableMapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.common.entities import entities
from markdown_it.helpers import parseLinkDestination, parseLinkLabel, parseLinkTitle
from markdown_it.rules_block import StateBlock
from markdown_it.rules_core import StateCore
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token

__all__ = [
    "Difference",
    "FailureClass",
    "HarnessError",
    "Node",
    "Region",
    "compare_structure",
    "fingerprint",
    "has_reference_definitions",
    "html_block_spans",
    "protected_regions",
    "violations",
]


class FailureClass(StrEnum):
    """What a rewrite broke, from the reader's point of view."""

    REFERENCE_LINK = "reference link broken"
    REFERENCE_DEFINITION = "reference definition changed"
    LINK_TITLE = "link title changed"
    LINK_DESTINATION = "link destination changed"
    INDENTED_CODE = "indented code changed"
    FENCED_CODE = "fenced code changed"
    HTML = "raw html tag/attr changed"
    RAW_TEXT = "pre/script/style/textarea content changed"
    CODE_SPAN = "code span changed"
    ENTITY = "entity changed"
    AUTOLINK = "autolink changed"
    OTHER = "other structure change"


class HarnessError(Exception):
    """The inline content of a block could not be aligned with its source lines."""


@dataclass(frozen=True, slots=True)
class Region:
    """`text[start:end]` must not change. `what` names the construct, for reports."""

    start: int
    end: int
    failure: FailureClass
    what: str

    def overlaps(self, start: int, end: int) -> bool:
        """Whether an edit of `text[start:end]` touches this region (an insertion: inside it)."""
        if start == end:
            return self.start < start < self.end
        return start < self.end and self.start < end


RAW_TEXT_ELEMENTS = ("pre", "script", "style", "textarea")

_OPEN_TAG = re.compile(
    r"<([A-Za-z][A-Za-z0-9-]*)"
    r"(?:\s+[A-Za-z_:][A-Za-z0-9_.:-]*(?:\s*=\s*(?:[^\"'=<>`\x00-\x20]+|'[^']*'|\"[^\"]*\"))?)*"
    r"\s*(/?)>"
)
_CLOSE_TAG = re.compile(r"</[A-Za-z][A-Za-z0-9-]*\s*>")
_COMMENT = re.compile(r"<!---?>|<!--.*?(?:-->|\Z)", re.DOTALL)
_CDATA = re.compile(r"<!\[CDATA\[.*?(?:\]\]>|\Z)", re.DOTALL)
_DECLARATION = re.compile(r"<![A-Za-z][^>]*>?")
_PROCESSING = re.compile(r"<\?.*?(?:\?>|\Z)", re.DOTALL)
# What a browser takes for a tag although CommonMark's grammar does not: it runs to the next `>`.
_LOOSE_TAG = re.compile(r"</?[A-Za-z][^>]*>?")
_ENTITY = re.compile(r"&(?:#[xX][0-9a-fA-F]{1,6}|#[0-9]{1,7}|([A-Za-z][A-Za-z0-9]{1,31}));")
_MARKUP_START = re.compile(r"<[A-Za-z/!?]|&")


def html_pieces(html: str) -> list[tuple[int, int, FailureClass, str]]:
    """The protected pieces of raw HTML: `(start, end, failure, what)`, in order.

    Tags (also malformed ones a browser would still read as tags), comments, declarations,
    processing instructions, CDATA sections, valid entity references, and everything between
    the start and end tag of a raw-text element (`pre`, `script`, `style`, `textarea`).
    """
    pieces: list[tuple[int, int, FailureClass, str]] = []
    pos = 0
    while found := _MARKUP_START.search(html, pos):
        start = found.start()
        if html[start] == "&":
            entity = _ENTITY.match(html, start)
            if entity and (entity.group(1) is None or entity.group(1) in entities):
                pieces.append((start, entity.end(), FailureClass.ENTITY, "entity"))
                pos = entity.end()
            else:
                pos = start + 1
            continue
        found_markup = _markup_at(html, start)
        if found_markup is None:
            pos = start + 1
            continue
        match, what = found_markup
        pieces.append((start, match.end(), FailureClass.HTML, what))
        pos = match.end()
        name = _raw_text_element(match.group(0))
        if name:
            close = re.compile(rf"</{name}\s*>", re.IGNORECASE).search(html, pos)
            end = close.start() if close else len(html)
            if end > pos:
                pieces.append((pos, end, FailureClass.RAW_TEXT, f"<{name}> content"))
            pos = end
    return pieces


_MARKUP = (
    (_COMMENT, "html comment"),
    (_CDATA, "html cdata"),
    (_DECLARATION, "html declaration"),
    (_PROCESSING, "html processing instruction"),
    (_CLOSE_TAG, "html tag"),
    (_OPEN_TAG, "html tag"),
    (_LOOSE_TAG, "html tag"),
)


def _markup_at(html: str, start: int) -> tuple[re.Match[str], str] | None:
    """The HTML construct starting at `html[start]` (a `<`) and what it is, if any."""
    for pattern, what in _MARKUP:
        match = pattern.match(html, start)
        if match:
            return match, what
    return None


def _raw_text_element(tag: str) -> str | None:
    """The lowercased name if `tag` opens a raw-text element, else None."""
    match = _OPEN_TAG.fullmatch(tag) or _LOOSE_TAG.fullmatch(tag)
    if not match or tag.startswith("</") or tag.endswith("/>"):
        return None
    name = re.match(r"<([A-Za-z][A-Za-z0-9-]*)", tag)
    if name and name.group(1).lower() in RAW_TEXT_ELEMENTS:
        return name.group(1).lower()
    return None


# --- Source text and lines --------------------------------------------------------------------

_NEWLINES = re.compile(r"\r\n?")


class _Source:
    """The text as markdown-it sees it (newlines normalized, NUL replaced), with line offsets.

    Offsets computed on the normalized text are mapped back to the caller's text.
    """

    def __init__(self, text: str) -> None:
        self.original = text
        self.text = _NEWLINES.sub("\n", text).replace("\x00", "\ufffd")
        self._to_original: list[int] | None = None
        if len(self.text) != len(text):
            back: list[int] = []
            index = 0
            while index < len(text):
                back.append(index)
                index += 2 if text.startswith("\r\n", index) else 1
            back.append(len(text))
            self._to_original = back
        self.line_starts = [0] + [i + 1 for i, c in enumerate(self.text) if c == "\n"]

    def original_offset(self, offset: int) -> int:
        """The offset in the caller's text for `offset` in the normalized text."""
        return offset if self._to_original is None else self._to_original[offset]

    def line_start(self, line: int) -> int:
        return self.line_starts[line] if line < len(self.line_starts) else len(self.text)

    def line_end(self, line: int) -> int:
        """End of `line` without its newline."""
        if line + 1 < len(self.line_starts):
            return self.line_starts[line + 1] - 1
        return len(self.text)

    def lines_span(self, first: int, last: int) -> tuple[int, int]:
        """`(start, end)` of lines `first` to `last - 1`, a `Token.map` range."""
        return self.line_start(first), self.line_end(max(first, last - 1))


class _ContentMap:
    """Maps offsets in a block's content (container prefixes stripped) to source offsets.

    Content line `i` comes from source line `first_line + i` with a prefix (indentation,
    `>` markers, heading `#`s) removed and, for the last line, trailing space or a closing
    `#` sequence; so each content line without its leading blanks is found in its source line
    by the last occurrence (`rfind`).
    """

    def __init__(self, content: str, first_line: int, source: _Source) -> None:
        self._starts = [0] + [i + 1 for i, c in enumerate(content) if c == "\n"]
        self._anchors: list[tuple[int, int]] = []
        for index, start in enumerate(self._starts):
            end = self._starts[index + 1] - 1 if index + 1 < len(self._starts) else len(content)
            piece = content[start:end]
            stripped = piece.lstrip(" \t")
            line_start = source.line_start(first_line + index)
            line = source.text[line_start : source.line_end(first_line + index)]
            found = line.rfind(stripped)
            if found < 0:
                raise HarnessError(f"content line {piece!r} not in source line {line!r}")
            self._anchors.append((start + len(piece) - len(stripped), line_start + found))

    def offset(self, content_offset: int) -> int:
        line = bisect.bisect_right(self._starts, content_offset) - 1
        content_start, source_start = self._anchors[line]
        return source_start + max(0, content_offset - content_start)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Source span of `content[start:end]` (a span over lines includes their prefixes)."""
        if end <= start:
            at = self.offset(start)
            return at, at
        return self.offset(start), self.offset(end - 1) + 1


# --- Instrumented parsing ---------------------------------------------------------------------


@dataclass
class _Recorder:
    """What the wrapped rules saw: inline spans per inline token and definition line ranges."""

    current: Token | None = None
    base: int = 0
    """Where the string being parsed starts in `current.content` (image alt text is parsed
    as a string of its own)."""
    inline: list[tuple[Token, int, int, FailureClass, str]] = field(default_factory=list)
    definitions: list[tuple[int, int]] = field(default_factory=list)

    def add(self, start: int, end: int, failure: FailureClass, what: str) -> None:
        if self.current is not None and end > start:
            self.inline.append((self.current, self.base + start, self.base + end, failure, what))

    def link_tail(self, state: StateInline, tail: int, end: int) -> None:
        """Record what follows a link's `[text]`: `(destination "title")` or `[label]`."""
        src = state.src
        if tail >= end:
            return  # shortcut reference link: the text is the label
        if src[tail] == "[":
            self.add(tail, end, FailureClass.REFERENCE_LINK, "reference link label")
            return
        self.add(tail, end, FailureClass.LINK_DESTINATION, "link destination")
        pos = _skip_space(src, tail + 1, end)
        destination = parseLinkDestination(src, pos, state.posMax)
        if destination.ok:
            title_start = _skip_space(src, destination.pos, end)
            title = parseLinkTitle(src, title_start, state.posMax)
            if title.ok and title_start != destination.pos:
                self.add(title_start, title.pos, FailureClass.LINK_TITLE, "link title")


def _skip_space(src: str, pos: int, end: int) -> int:
    while pos < end and src[pos] in " \t\n":
        pos += 1
    return pos


InlineRule = Callable[[StateInline, bool], bool]
BlockRule = Callable[[StateBlock, int, int, bool], bool]
Wrapper = Callable[[InlineRule], InlineRule]


def _wrap_inline(md: MarkdownIt, name: str, wrap: Callable[[InlineRule], InlineRule]) -> None:
    rule = next(rule for rule in md.inline.ruler.__rules__ if rule.name == name)
    md.inline.ruler.at(name, wrap(rule.fn), {"alt": list(rule.alt)})


def _spans(recorder: _Recorder, failure: FailureClass, what: str) -> Wrapper:
    """Record the whole span a rule consumed."""

    def wrap(original: InlineRule) -> InlineRule:
        def rule(state: StateInline, silent: bool) -> bool:
            start = state.pos
            ok = original(state, silent)
            if ok and not silent:
                recorder.add(start, state.pos, failure, what)
            return ok

        return rule

    return wrap


def _code_spans(recorder: _Recorder) -> Wrapper:
    """Record code spans (the rule also consumes unmatched backtick runs, as text)."""

    def wrap(original: InlineRule) -> InlineRule:
        def rule(state: StateInline, silent: bool) -> bool:
            start, tokens = state.pos, len(state.tokens)
            ok = original(state, silent)
            if ok and not silent and any(t.type == "code_inline" for t in state.tokens[tokens:]):
                recorder.add(start, state.pos, FailureClass.CODE_SPAN, "code span")
            return ok

        return rule

    return wrap


def _links(recorder: _Recorder, marker: str) -> Wrapper:
    """Record what follows the `[text]` of a link (`marker` "[") or image (`marker` "![")."""
    image = marker == "!["

    def wrap(original: InlineRule) -> InlineRule:
        def rule(state: StateInline, silent: bool) -> bool:
            label_end = -1
            base = recorder.base
            if not silent and state.src.startswith(marker, state.pos):
                # The rule makes the same call first; a second one only reads the skip cache.
                label_end = parseLinkLabel(state, state.pos + len(marker) - 1, not image)
                if image:  # an image parses its alt text as a string of its own
                    recorder.base = base + state.pos + len(marker)
            try:
                ok = original(state, silent)
            finally:
                recorder.base = base
            if ok and not silent and label_end >= 0:
                recorder.link_tail(state, label_end + 1, state.pos)
            return ok

        return rule

    return wrap


def _instrumented_parser(recorder: _Recorder) -> MarkdownIt:
    """A CommonMark parser whose rules report where code, links, HTML and entities matched."""
    md = MarkdownIt("commonmark")
    _wrap_inline(md, "backticks", _code_spans(recorder))
    _wrap_inline(md, "html_inline", _spans(recorder, FailureClass.HTML, "inline html"))
    _wrap_inline(md, "autolink", _spans(recorder, FailureClass.AUTOLINK, "autolink"))
    _wrap_inline(md, "entity", _spans(recorder, FailureClass.ENTITY, "entity"))
    _wrap_inline(md, "link", _links(recorder, "["))
    _wrap_inline(md, "image", _links(recorder, "!["))

    reference = next(rule for rule in md.block.ruler.__rules__ if rule.name == "reference")
    original_reference: BlockRule = reference.fn

    def definitions(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
        ok = original_reference(state, start_line, end_line, silent)
        if ok and not silent:
            recorder.definitions.append((start_line, state.line))
        return ok

    md.block.ruler.at("reference", definitions, {"alt": list(reference.alt)})

    def inline(state: StateCore) -> None:
        """The core `inline` rule, telling the recorder which inline token is parsed."""
        for token in state.tokens:
            if token.type == "inline":
                recorder.current = token
                token.children = token.children or []
                state.md.inline.parse(token.content, state.md, state.env, token.children)
        recorder.current = None

    md.core.ruler.at("inline", inline)
    return md


# --- Protected regions ------------------------------------------------------------------------


def protected_regions(text: str) -> list[Region]:
    """The spans of `text` that a rewrite must not touch, sorted by start (they may nest).

    >>> [(r.start, r.end, r.what) for r in protected_regions("a `b` [c](/d 'e')\\n")]
    [(2, 5, 'code span'), (9, 17, 'link destination'), (13, 16, 'link title')]
    """
    source = _Source(text)
    recorder = _Recorder()
    env: MutableMapping[str, Any] = {}
    tokens = _instrumented_parser(recorder).parse(source.text, env)
    regions: list[tuple[int, int, FailureClass, str]] = []
    for token in tokens:
        if token.map is None:
            continue
        first, last = token.map
        if token.type == "code_block":
            regions.append((*source.lines_span(first, last), FailureClass.INDENTED_CODE, "code"))
        elif token.type == "fence":
            regions.append((*source.lines_span(first, last), FailureClass.FENCED_CODE, "fence"))
        elif token.type == "html_block":
            content = _ContentMap(token.content, first, source)
            for start, end, failure, what in html_pieces(token.content):
                regions.append((*content.span(start, end), failure, what))
    for first, last in recorder.definitions:
        regions.append(
            (*source.lines_span(first, last), FailureClass.REFERENCE_DEFINITION, "definition")
        )
    regions += _inline_regions(recorder, source)
    return sorted(
        (
            Region(source.original_offset(s), source.original_offset(e), failure, what)
            for s, e, failure, what in regions
        ),
        key=lambda region: (region.start, -region.end),
    )


def html_block_spans(text: str) -> list[tuple[int, int]]:
    """`(start, end)` of every HTML block of `text`, whole lines (prefixes included)."""
    source = _Source(text)
    spans: list[tuple[int, int]] = []
    for token in _plain_parser().parse(source.text):
        if token.type == "html_block" and token.map is not None:
            start, end = source.lines_span(token.map[0], token.map[1])
            spans.append((source.original_offset(start), source.original_offset(end)))
    return spans


def _inline_regions(
    recorder: _Recorder, source: _Source
) -> Iterator[tuple[int, int, FailureClass, str]]:
    """Source spans of the recorded inline constructs, checked against the source text."""
    by_token: dict[int, list[tuple[int, int, FailureClass, str]]] = {}
    tokens: dict[int, Token] = {}
    for token, start, end, failure, what in recorder.inline:
        by_token.setdefault(id(token), []).append((start, end, failure, what))
        tokens[id(token)] = token
    for key, spans in by_token.items():
        token = tokens[key]
        assert token.map is not None
        content = _ContentMap(token.content, token.map[0], source)
        for start, end, failure, what in [*spans, *_inline_raw_text(token.content, spans)]:
            mapped = content.span(start, end)
            if (
                source.text[mapped[0]] != token.content[start]
                or source.text[mapped[1] - 1] != token.content[end - 1]
            ):
                raise HarnessError(f"{what} {token.content[start:end]!r} misplaced in source")
            yield (*mapped, failure, what)


def _inline_raw_text(
    content: str, spans: Sequence[tuple[int, int, FailureClass, str]]
) -> Iterator[tuple[int, int, FailureClass, str]]:
    """Text between inline `<script>`…`</script>` (and the like) tags of one inline token."""
    tags = sorted((s, e) for s, e, _, what in spans if what == "inline html")
    open_name: str | None = None
    open_end = 0
    for start, end in tags:
        tag = content[start:end]
        if open_name is None:
            open_name = _raw_text_element(tag)
            open_end = end
        elif re.fullmatch(rf"</{open_name}\s*>", tag, re.IGNORECASE):
            if start > open_end:
                yield open_end, start, FailureClass.RAW_TEXT, f"<{open_name}> content"
            open_name = None


def violations(regions: Iterable[Region], start: int, end: int) -> list[Region]:
    """The regions an edit of `[start, end)` touches, innermost (shortest) first."""
    return sorted(
        (region for region in regions if region.overlaps(start, end)),
        key=lambda region: region.end - region.start,
    )


# --- Structure --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Node:
    """One token with its text content left out; what must be equal before and after.

    `protected` holds the content that must not change: code, inline HTML, the protected
    pieces of an HTML block (see `html_pieces`), an entity's or escape's source.
    """

    type: str
    tag: str
    nesting: int
    markup: str
    info: str
    attrs: tuple[tuple[str, str], ...]
    protected: tuple[tuple[str, str], ...] = ()

    def describe(self) -> str:
        parts = [self.type]
        parts += [f"{name}={value!r}" for name, value in self.attrs if value]
        if self.info:
            parts.append(f"info={self.info!r}")
        parts += [f"{what}={text!r}" for what, text in self.protected]
        return " ".join(parts)


_CODE_TYPES = {
    "code_inline": "code span",
    "code_block": "code",
    "fence": "fence",
    "html_inline": "inline html",
}


def _plain_parser() -> MarkdownIt:
    """CommonMark, keeping entities and escapes as their own tokens (no `text_join`)."""
    return MarkdownIt("commonmark").disable("text_join")


def fingerprint(text: str) -> list[Node]:
    """The token stream of `text` as `Node`s, depth first; runs of text tokens become one."""
    nodes: list[Node] = []
    _flatten(_plain_parser().parse(text), nodes)
    return nodes


def _flatten(tokens: Sequence[Token], nodes: list[Node]) -> None:
    for token in tokens:
        if token.type == "text":
            if not nodes or nodes[-1].type != "text":
                nodes.append(Node("text", "", 0, "", "", ()))
            continue
        protected: tuple[tuple[str, str], ...] = ()
        if token.type in _CODE_TYPES:
            protected = ((_CODE_TYPES[token.type], token.content),)
        elif token.type == "html_block":
            protected = tuple(
                (what, token.content[start:end])
                for start, end, _, what in html_pieces(token.content)
            )
        elif token.type == "text_special":
            protected = ((token.info or "special", token.markup),)
        attrs = tuple(sorted((name, str(value)) for name, value in token.attrs.items()))
        info = token.info if token.type != "text_special" else ""
        nodes.append(
            Node(token.type, token.tag, token.nesting, token.markup, info, attrs, protected)
        )
        if token.children:
            _flatten(token.children, nodes)


def has_reference_definitions(text: str) -> bool:
    """Whether `text` defines a link reference (`[label]: destination`)."""
    env: MutableMapping[str, Any] = {}
    _plain_parser().parse(text, env)
    return bool(env.get("references"))


@dataclass(frozen=True, slots=True)
class Difference:
    """A structural change between two texts, classified, with `-`/`+` lines for a report."""

    failure: FailureClass
    detail: str


def compare_structure(before: str, after: str) -> list[Difference]:
    """How the Markdown structure of `after` differs from `before` (text content aside).

    An empty list means the same tokens, attributes, code and HTML, in the same nesting.

    >>> {d.failure.value for d in compare_structure("[a]\\n\\n[a]: /u\\n", "[b]\\n\\n[a]: /u\\n")}
    {'reference link broken'}
    """
    old, new = fingerprint(before), fingerprint(after)
    if old == new:
        return []
    references = has_reference_definitions(before)
    differences: list[Difference] = []
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        if op == "replace" and i2 - i1 == j2 - j1:
            for a, b in zip(old[i1:i2], new[j1:j2], strict=True):
                if a != b:
                    differences.append(_pair_difference(a, b, references))
        else:
            differences.append(_run_difference(old[i1:i2], new[j1:j2], references))
    return differences


def _pair_difference(old: Node, new: Node, references: bool) -> Difference:
    """Classify one token that changed in place."""
    detail = f"- {old.describe()}\n+ {new.describe()}"
    if (old.type, old.tag, old.nesting) != (new.type, new.tag, new.nesting):
        return _run_difference([old], [new], references)
    attrs_old, attrs_new = dict(old.attrs), dict(new.attrs)
    failure = FailureClass.OTHER
    if old.type in ("link_open", "image"):
        if old.markup == "autolink":
            failure = FailureClass.AUTOLINK
        elif attrs_old.get("href") != attrs_new.get("href") or attrs_old.get(
            "src"
        ) != attrs_new.get("src"):
            failure = FailureClass.LINK_DESTINATION
        elif attrs_old.get("title") != attrs_new.get("title"):
            failure = FailureClass.LINK_TITLE
    elif old.type == "code_inline":
        failure = FailureClass.CODE_SPAN
    elif old.type == "code_block":
        failure = FailureClass.INDENTED_CODE
    elif old.type == "fence":
        failure = FailureClass.FENCED_CODE
    elif old.type == "html_inline":
        failure = FailureClass.HTML
    elif old.type == "html_block":
        failure = _html_block_difference(old, new)
    elif old.type == "text_special" and old.protected[:1][0][0] == "entity":
        failure = FailureClass.ENTITY
    return Difference(failure, detail)


def _html_block_difference(old: Node, new: Node) -> FailureClass:
    for a, b in zip(old.protected, new.protected, strict=False):
        if a != b:
            if a[1] and a[0].endswith("content"):
                return FailureClass.RAW_TEXT
            return FailureClass.ENTITY if a[0] == "entity" else FailureClass.HTML
    return FailureClass.HTML


def _run_difference(old: Sequence[Node], new: Sequence[Node], references: bool) -> Difference:
    """Classify tokens that appeared or disappeared."""
    lines = [f"- {node.describe()}" for node in old] + [f"+ {node.describe()}" for node in new]
    types = {node.type for node in [*old, *new]}
    if types & {"link_open", "link_close", "image"}:
        autolink = any(node.markup == "autolink" for node in [*old, *new])
        if autolink:
            failure = FailureClass.AUTOLINK
        else:
            failure = FailureClass.REFERENCE_LINK if references else FailureClass.OTHER
    elif any(node.type == "text_special" and node.protected[:1][0][0] == "entity" for node in old):
        failure = FailureClass.ENTITY
    elif types & {"code_inline"}:
        failure = FailureClass.CODE_SPAN
    elif types & {"fence"}:
        failure = FailureClass.FENCED_CODE
    elif types & {"code_block"}:
        failure = FailureClass.INDENTED_CODE
    elif types & {"html_inline", "html_block"}:
        failure = FailureClass.HTML
    else:
        failure = FailureClass.OTHER
    return Difference(failure, "\n".join(lines))

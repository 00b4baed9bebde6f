"""The regions of a Markdown text that a rewrite must leave alone, found by a CommonMark parser.

A term inside a code block, a link destination or an HTML tag is not jargon but code or an
address; rewriting it breaks the document. Regular expressions cannot tell where such regions
begin and end (a fence inside a list, a link title in parentheses, a tag over three lines), so
markdown-it-py, a CommonMark-compliant parser, decides. This is the only module that imports
it, and `protect` calls it only for a text that may hold Markdown, so plain text never pays.

Block tokens carry line ranges; inline tokens carry no offsets. So the inline rules that find
code spans, links, images, autolinks, inline HTML and entities are wrapped to record where they
matched in a block's inline content, and that content is aligned back onto its source lines
(each content line is the tail of its source line, so they are aligned from the right).
Whatever cannot be aligned exactly is protected whole: a doubt never leads to a rewrite.

Reference links stay links: the text of a shortcut or collapsed reference link (`[foo]`,
`[foo][]`) is also its label, and its definition may be in another paragraph, even one that
comes later in a stream, so every bracketed text that could be such a label is left alone;
only the text of an inline link (`[text](url)`) is prose.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from typing import Any, NamedTuple

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock
from markdown_it.rules_core import StateCore
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token

from dikkevandale.matching.rawhtml import closes_raw_text, html_spans, raw_text_element

Span = tuple[int, int]

_MAX_NESTING = 20
"""markdown-it's own limit; deeper content is skipped by the parser, so such a text is kept."""
_LABEL_LIMIT = 999
"""The longest link label CommonMark allows, in characters between the brackets."""
_INLINE_TRIGGERS = ("`", "<", "[")
"""Characters without which inline content holds no region (entities are found elsewhere)."""


class MarkdownRegions(NamedTuple):
    """Spans (unsorted, possibly overlapping) of a text that must not change; `code` lists the
    code blocks and spans among them, in which `dvd off` and the like are only shown, not meant."""

    protected: list[Span]
    code: list[Span]


def markdown_regions(text: str) -> MarkdownRegions:
    """Where `text`, read as CommonMark, holds code, HTML, link targets, definitions and labels.

    >>> text = "Zie `klantbeeld` en [het klantbeeld](/klantbeeld 'klantbeeld').\\n"
    >>> [text[s:e] for s, e in sorted(markdown_regions(text).protected)]
    ['`klantbeeld`', "(/klantbeeld 'klantbeeld')"]
    """
    # markdown-it turns "\r\n" into "\n"; " \n" instead keeps every offset where it was, and a
    # space at the end of a line changes no region.
    source = text.replace("\r\n", " \n") if "\r" in text else text
    recorder = _Recorder(source)
    try:
        tokens = _parser().parse(source, {_KEY: recorder})
    except (RecursionError, RuntimeError, IndexError, ValueError):  # pragma: no cover - a bug
        return _everything(text)
    if any(token.level >= _MAX_NESTING - 2 for token in tokens):
        return _everything(text)
    for token in tokens:
        if token.map is None:
            continue
        first, last = token.map
        if token.type in ("code_block", "fence"):
            span = recorder.lines(first, last)
            recorder.protected.append(span)
            recorder.code.append(span)
        elif token.type == "html_block":
            recorder.html_block(token.content, first)
    for first, last in recorder.definitions:
        recorder.protected.append(recorder.lines(first, last))
    return MarkdownRegions(recorder.protected, recorder.code)


def _everything(text: str) -> MarkdownRegions:
    whole = [(0, len(text))]
    return MarkdownRegions(whole, whole)


_KEY = "dvd.regions"


@dataclass
class _Recorder:
    """What the wrapped rules saw while one text was parsed (kept in the parser's `env`)."""

    source: str
    line_starts: list[int] = field(default_factory=list)
    line_ends: list[int] = field(default_factory=list)
    protected: list[Span] = field(default_factory=list)
    code: list[Span] = field(default_factory=list)
    definitions: list[tuple[int, int]] = field(default_factory=list)
    # The inline content being parsed: spans in it, the texts of inline links and images in
    # it, and where the string parsed now starts in it (image alt text is parsed on its own).
    spans: list[tuple[int, int, bool]] = field(default_factory=list)
    link_texts: set[int] = field(default_factory=set)
    base: int = 0
    terminators: dict[tuple[str, str], int] = field(default_factory=dict)

    def lines(self, first: int, last: int) -> Span:
        """Source span of lines `first` to `last - 1` (a `Token.map` range), whole."""
        last = max(first + 1, min(last, len(self.line_starts)))
        return self.line_starts[first], self.line_ends[last - 1]

    def add(self, start: int, end: int, *, code: bool = False) -> None:
        if end > start:
            self.spans.append((self.base + start, self.base + end, code))

    def html_block(self, content: str, first: int) -> None:
        """Protect the markup of an HTML block; the text between its tags is prose."""
        spans = html_spans(content)
        if spans:
            self._map(content, first, [(s, e, False) for s, e in spans], right_trimmed=False)

    def inline(self, token: Token, previous: Token | None) -> None:
        """Map what the rules recorded in `token.content` back onto the source."""
        content = token.content
        found = self.spans + list(_raw_text(content, self.spans))
        found += [(s, e, False) for s, e in _labels(content, self.spans, self.link_texts)]
        if not found or token.map is None:
            return
        first = token.map[0]
        if previous is not None and previous.type == "heading_open" and previous.markup[:1] == "#":
            start = _heading_start(self.source, self.line_starts[first], self.line_ends[first])
            if start is None or not self.source.startswith(content, start):
                self._protect_block(token)
                return
            self._store([(start + s, start + e, code) for s, e, code in found])
            return
        if not self._map(content, first, found, right_trimmed=True):
            self._protect_block(token)

    def _map(
        self, content: str, first: int, found: list[tuple[int, int, bool]], *, right_trimmed: bool
    ) -> bool:
        """Map content spans to the source, line by line from the right; False if they do not
        land on the same characters (then the caller protects the whole block)."""
        starts = [0] + [m.end() for m in re.finditer("\n", content)]
        if first + len(starts) > len(self.line_starts):
            return False
        ends: list[int] = []  # where each content line ends in the source
        for number in range(len(starts)):
            line = first + number
            end = self.line_ends[line]
            if right_trimmed and number == len(starts) - 1:
                end = self.line_starts[line] + len(
                    self.source[self.line_starts[line] : end].rstrip()
                )
            ends.append(end)

        def offset(at: int) -> int:
            number = bisect.bisect_right(starts, at) - 1
            line_end = starts[number + 1] - 1 if number + 1 < len(starts) else len(content)
            return ends[number] - (line_end - at)

        mapped: list[tuple[int, int, bool]] = []
        for start, end, code in found:
            source_start, source_end = offset(start), offset(end - 1) + 1
            if (
                source_start < 0
                or self.source[source_start : source_start + 1] != content[start]
                or self.source[source_end - 1 : source_end] != content[end - 1]
            ):
                return False
            mapped.append((source_start, source_end, code))
        self._store(mapped)
        return True

    def _store(self, spans: list[tuple[int, int, bool]]) -> None:
        for start, end, code in spans:
            self.protected.append((start, end))
            if code:
                self.code.append((start, end))

    def _protect_block(self, token: Token) -> None:
        assert token.map is not None
        self.protected.append(self.lines(*token.map))

    def terminator_after(self, src: str, term: str, position: int) -> bool:
        """Whether `term` occurs in `src` at or after `position` (the last one is cached)."""
        key = (src, term)
        last = self.terminators.get(key)
        if last is None:
            last = self.terminators[key] = src.rfind(term)
        return last >= position


def _heading_start(source: str, start: int, end: int) -> int | None:
    """Where an ATX heading's text starts on its line: after the first run of `#` (container
    markers never hold one) and the blanks after it."""
    hashes = source.find("#", start, end)
    if hashes < 0:
        return None
    position = hashes
    while position < end and source[position] == "#":
        position += 1
    while position < end and source[position].isspace():
        position += 1
    return position


def _raw_text(content: str, spans: list[tuple[int, int, bool]]) -> list[tuple[int, int, bool]]:
    """Text between inline `<script>`…`</script>` (and the like) tags, or to the end."""
    found: list[tuple[int, int, bool]] = []
    open_name: str | None = None
    open_end = 0
    for start, end, _ in sorted(spans):
        tag = content[start:end]
        if not tag.startswith("<"):
            continue
        if open_name is None:
            open_name = raw_text_element(tag)
            open_end = end
        elif closes_raw_text(tag, open_name):
            found.append((open_end, start, False))
            open_name = None
    if open_name is not None:
        found.append((open_end, len(content), False))
    return [span for span in found if span[1] > span[0]]


_BRACKETS = re.compile(r"\\.|[\[\]]", re.DOTALL)


def _labels(content: str, spans: list[tuple[int, int, bool]], link_texts: set[int]) -> list[Span]:
    """`[...]` stretches that could be a link label: innermost brackets with some text and no
    other bracket inside, outside code, autolinks and HTML; not the text of an inline link."""
    if "[" not in content:
        return []
    skipped = sorted((start, end) for start, end, _ in spans)
    found: list[Span] = []
    opened = -1
    index = 0
    for bracket in _BRACKETS.finditer(content):
        at = bracket.start()
        while index < len(skipped) and skipped[index][1] <= at:
            index += 1
        if index < len(skipped) and skipped[index][0] <= at:
            continue  # inside a code span, an autolink or a tag
        char = bracket.group()
        if char == "[":
            opened = at
        elif char == "]" and opened >= 0:
            inner = content[opened + 1 : at]
            if opened not in link_texts and inner.strip() and len(inner) <= _LABEL_LIMIT:
                found.append((opened, at + 1))
            opened = -1
    return found


# -- the instrumented parser ----------------------------------------------------------------

InlineRule = Callable[[StateInline, bool], bool]
BlockRule = Callable[[StateBlock, int, int, bool], bool]


def _recorder(state: StateInline | StateBlock | StateCore) -> _Recorder:
    found: _Recorder = state.env[_KEY]
    return found


def _spans(original: InlineRule, *, code: bool = False) -> InlineRule:
    """Record the whole span a rule consumed (for code: only when it made a code span)."""

    def rule(state: StateInline, silent: bool) -> bool:
        start, count = state.pos, len(state.tokens)
        matched = original(state, silent)
        if matched and not silent:
            if code and not any(t.type == "code_inline" for t in state.tokens[count:]):
                return matched  # an unmatched backtick run is text
            _recorder(state).add(start, state.pos, code=code)
        return matched

    return rule


def _html_inline(original: InlineRule) -> InlineRule:
    """Record inline HTML; refuse at once where its terminator never follows, as newer
    markdown-it-py does itself, so that a run of unterminated `<!--` stays linear anywhere."""
    terminators = (("<!--", "-->"), ("<![CDATA[", "]]>"), ("<?", "?>"), ("<", ">"))
    spans = _spans(original)

    def rule(state: StateInline, silent: bool) -> bool:
        src, position = state.src, state.pos
        for opener, closer in terminators:
            if src.startswith(opener, position):
                short = opener == "<!--" and src.startswith(("<!-->", "<!--->"), position)
                if not short and not _recorder(state).terminator_after(
                    src, closer, position + len(opener)
                ):
                    return False
                break
        return spans(state, silent)

    return rule


def _links(original: InlineRule, marker: str) -> InlineRule:
    """Record what follows the `[text]` of a link (`marker` "[") or image (`marker` "!["):
    `(destination "title")` or `[label]`; and which label texts are inline links' texts."""
    image = marker == "!["

    def rule(state: StateInline, silent: bool) -> bool:
        if not state.src.startswith(marker, state.pos):
            return original(state, silent)
        recorder = _recorder(state)
        if not recorder.terminator_after(state.src, "]", state.pos + len(marker)):
            return False  # no `]` follows: no link, and no need to look for one bracket by bracket
        if silent:
            return original(state, silent)
        opened = state.pos + len(marker) - 1
        base = recorder.base
        if image:  # the rule parses the alt text as a string of its own
            recorder.base = base + opened + 1
        try:
            matched = original(state, silent)
        finally:
            recorder.base = base
        if not matched:
            return matched
        # Where the text ends is asked again only now, for a link that is one: most brackets
        # in a text open none, and the question costs as much as the rule itself.
        end = state.pos
        label_end = state.md.helpers.parseLinkLabel(state, opened, not image)
        tail = label_end + 1
        if label_end >= 0 and end > tail:
            recorder.add(tail, end)
            if state.src[tail] == "(":
                recorder.link_texts.add(base + opened)
        return matched

    return rule


def _inline(state: StateCore) -> None:
    """The core `inline` rule, telling the recorder which block's content is parsed; content
    without a backtick, `<` or `[` holds no region and is not parsed at all."""
    recorder = _recorder(state)
    previous: Token | None = None
    for token in state.tokens:
        if token.type == "inline" and any(c in token.content for c in _INLINE_TRIGGERS):
            recorder.spans, recorder.link_texts, recorder.base = [], set(), 0
            recorder.terminators.clear()
            token.children = []
            state.md.inline.parse(token.content, state.md, state.env, token.children)
            recorder.inline(token, previous)
        previous = token


def _block(state: StateCore) -> None:
    """The core `block` rule, keeping the line offsets the block parser works out."""
    if not state.src:
        return
    block = StateBlock(state.src, state.md, state.env, state.tokens)
    state.md.block.tokenize(block, block.line, block.lineMax)
    recorder = _recorder(state)
    # The parser's own copy of the text: NUL and a lone CR replaced, every offset the same.
    recorder.source = state.src
    recorder.line_starts, recorder.line_ends = block.bMarks, block.eMarks


def _definitions(original: BlockRule) -> BlockRule:
    def rule(state: StateBlock, start: int, end: int, silent: bool) -> bool:
        matched = original(state, start, end, silent)
        if matched and not silent:
            _recorder(state).definitions.append((start, state.line))
        return matched

    return rule


def _wrap(ruler: Any, name: str, wrapper: Callable[[Any], Any]) -> None:
    rule = next(rule for rule in ruler.__rules__ if rule.name == name)
    ruler.at(name, wrapper(rule.fn), {"alt": list(rule.alt)})


@cache
def _parser() -> MarkdownIt:
    """CommonMark with HTML, recording regions; rules that only shape text are switched off."""
    md = MarkdownIt("commonmark")
    md.disable(
        ["emphasis", "newline", "balance_pairs", "fragments_join", "text_join"], ignoreInvalid=True
    )
    _wrap(md.inline.ruler, "backticks", lambda fn: _spans(fn, code=True))
    _wrap(md.inline.ruler, "autolink", _spans)
    _wrap(md.inline.ruler, "entity", _spans)
    _wrap(md.inline.ruler, "html_inline", _html_inline)
    _wrap(md.inline.ruler, "link", lambda fn: _links(fn, "["))
    _wrap(md.inline.ruler, "image", lambda fn: _links(fn, "!["))
    _wrap(md.block.ruler, "reference", _definitions)
    md.core.ruler.at("block", _block)
    md.core.ruler.at("inline", _inline)
    return md

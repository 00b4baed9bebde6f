"""Where a Markdown stream may be cut into pieces that each parse as they would in the whole.

A stream is translated a paragraph at a time, each piece parsed on its own. A blank line ends
a paragraph, but not a fenced code block, nor an HTML block that runs to its end tag (`<pre>`,
`<script>`, `<style>`, `<textarea>`, a comment, ...), nor front matter: cut there, the rest of
the block would be read as prose and translated. So the cutter follows the block structure of
CommonMark line by line (block quotes and list items, with their indentation, and the leaf
blocks that can span blank lines) and cuts only where no such block is open. Inside a list
item it waits for the next line, which shows whether the item goes on: indented text after a
blank line is a paragraph of the item, but would read as indented code in a piece of its own.

Only the bytes of each line's start are looked at; the tracker never parses inline content.
`Cutter` finds the cut positions in the bytes of a stream with it; a paragraph or a line
longer than LONGEST_PIECE is cut anyway, so that memory stays flat.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from dikkevandale.matching.protect import MARKDOWN_MARKERS

CUT_AFTER = 1
"""A piece may end after this line."""
CUT_BEFORE = 2
"""A piece may end before this line (a blank line in a list item turned out to end it)."""

_FENCE = re.compile(rb"(`{3,}|~{3,})(.*)")
_LIST_MARKER = re.compile(rb"(?:[-+*]|(\d{1,9})[.)])(?= |$)")
_THEMATIC_BREAK = re.compile(rb"(?:(?:\*[ ]*){3,}|(?:-[ ]*){3,}|(?:_[ ]*){3,})$")
_ATX_HEADING = re.compile(rb"#{1,6}(?: |$)")
_SETEXT_UNDERLINE = re.compile(rb"(?:=+|-+)[ ]*$")
# HTML blocks that end at a line holding their end condition, not at a blank line.
_HTML_SPANNING = (
    (re.compile(rb"<(?:script|pre|style|textarea)(?:[ >]|$)", re.IGNORECASE),
     re.compile(rb"</(?:script|pre|style|textarea)>", re.IGNORECASE)),
    (re.compile(rb"<!--"), re.compile(rb"-->")),
    (re.compile(rb"<\?"), re.compile(rb"\?>")),
    (re.compile(rb"<![A-Za-z]"), re.compile(rb">")),
    (re.compile(rb"<!\[CDATA\["), re.compile(rb"\]\]>")),
)  # fmt: skip
# HTML blocks that end at a blank line; the second kind cannot interrupt a paragraph.
_HTML_BLOCK_NAMES = (
    b"address|article|aside|base|basefont|blockquote|body|caption|center|col|colgroup|dd|"
    b"details|dialog|dir|div|dl|dt|fieldset|figcaption|figure|footer|form|frame|frameset|h1|"
    b"h2|h3|h4|h5|h6|head|header|hr|html|iframe|legend|li|link|main|menu|menuitem|nav|"
    b"noframes|ol|optgroup|option|p|param|search|section|summary|table|tbody|td|tfoot|th|"
    b"thead|title|tr|track|ul"
)
_HTML_CONTAINER = re.compile(rb"</?(?:" + _HTML_BLOCK_NAMES + rb")(?:[ >]|/>|$)", re.IGNORECASE)
_HTML_TAG_LINE = re.compile(rb"</?[A-Za-z][A-Za-z0-9-]*[^<>]*>[ ]*$")

# A link reference definition on one line (`[label]: destination "title"`): markdown-it reads
# it as a block of its own, so an HTML block may start on the next line.
_REFERENCE = re.compile(
    rb"\[(?:[^\]\\]|\\.){1,999}\]:[ \t]*(?:<[^<>]*>|[^ \t<]\S*)"
    rb"(?:[ \t]+(?:\"[^\"]*\"|'[^']*'|\([^()]*\)))?[ \t]*$"
)

_FRONT_MATTER_LIMIT = 1000
"""Lines after which an opening `---` is taken for a thematic break rather than front matter."""

_PARAGRAPH, _CODE, _HTML, _FENCED, _SPANNING_HTML = range(1, 6)


@dataclass
class _Open:
    """A leaf block that spans blank lines: a fence (`marker`, its length) or an HTML block
    that ends at a line matching `end`."""

    marker: bytes = b""
    end: re.Pattern[bytes] | None = None


@dataclass
class BlockTracker:
    """Follows a stream's block structure one complete line at a time (see `feed`)."""

    containers: list[int] = field(default_factory=list)
    """Open block quotes (0) and list items (the column their content starts at, > 0)."""
    leaf: int = 0
    spanning: _Open | None = None
    front: bytes | None = None
    front_lines: int = 0
    first: bool = True
    pending: int = -1
    """After a blank line in a list item: how many containers must go on for no cut."""

    @property
    def inside_block(self) -> bool:
        """Whether a fence, an HTML block or front matter is open: no cut may fall here."""
        return self.spanning is not None or self.front is not None

    @property
    def settled(self) -> bool:
        """Whether nothing is open that a plain line could continue (no container, no block
        that spans blank lines, no undecided cut): then plain text may be cut by blank lines
        alone."""
        return (
            not self.containers and not self.inside_block and self.pending < 0 and not (self.first)
        )

    def prose(self, *, ended_blank: bool) -> None:
        """Lines of plain prose were cut without `feed` (see `settled`): note how they ended."""
        self.leaf = 0 if ended_blank else _PARAGRAPH

    def feed(self, raw: bytes) -> int:
        """Take one line (with its line break); return CUT_AFTER and/or CUT_BEFORE flags."""
        line = raw.rstrip(b"\r\n")
        if b"\t" in line:
            line = line.expandtabs(4)
        if self.first:
            self.first = False
            if line.rstrip() in (b"---", b"+++"):
                self.front = line.rstrip()
                return 0
        if self.front is not None:
            self.front_lines += 1
            if line.rstrip() in ((b"---", b"...") if self.front == b"---" else (b"+++",)):
                self.front = None
                return 0
            if self.front_lines <= _FRONT_MATTER_LIMIT:
                return 0
            self.front = None  # so long that it was a thematic break after all
        return self._structure(line)

    def rest_of_line(self, rest: bytes) -> None:
        """More of a line whose start `feed` saw, cut for length. Only the end condition of an
        HTML block (`-->`, `</pre>`) can stand there: a fence closes on a line of its own."""
        spanning = self.spanning
        if spanning is not None and spanning.end is not None and spanning.end.search(rest):
            self.spanning = None
            self.leaf = 0

    def _structure(self, line: bytes) -> int:
        position, matched = self._match_containers(line)
        everything = matched == len(self.containers)
        if everything and self.spanning is not None:
            if self._closes(line, position):
                self.spanning = None
                self.leaf = 0
            return 0
        if everything and self.leaf == _HTML and line[position:].strip(b" "):
            return 0
        if not everything:
            if self.leaf == _PARAGRAPH and not self._interrupts(line, position):
                return 0  # a lazy continuation line of a paragraph
            del self.containers[matched:]
            self.spanning = None
            self.leaf = 0
        position = self._open_containers(line, position)
        flags = 0
        if not line[position:].strip(b" "):
            if self.leaf in (_PARAGRAPH, _HTML):
                self.leaf = 0
            if any(container > 0 for container in self.containers):
                if self.pending < 0:
                    first_item = next(i for i, c in enumerate(self.containers) if c > 0)
                    self.pending = first_item + 1
                return 0
            return CUT_AFTER
        if self.pending >= 0:
            if len(self.containers) < self.pending or matched < self.pending:
                flags = CUT_BEFORE
            self.pending = -1
        self._leaf(line, position)
        return flags

    def _match_containers(self, line: bytes) -> tuple[int, int]:
        position = matched = 0
        for container in self.containers:
            spaces = _spaces(line, position)
            if container == 0:
                at = position + spaces
                if spaces > 3 or line[at : at + 1] != b">":
                    break
                position = at + 1 + (line[at + 1 : at + 2] == b" ")
            elif position + spaces >= len(line):
                pass  # a blank line goes on in a list item
            elif spaces >= container:
                position += container
            else:
                break
            matched += 1
        return position, matched

    def _open_containers(self, line: bytes, position: int) -> int:
        while True:
            spaces = _spaces(line, position)
            if spaces > 3:
                return position
            at = position + spaces
            if line[at : at + 1] == b">":
                self.containers.append(0)
                self.leaf = 0
                position = at + 1 + (line[at + 1 : at + 2] == b" ")
                continue
            marker = _LIST_MARKER.match(line, at)
            if marker is None or _THEMATIC_BREAK.match(line, at):
                return position
            after = marker.end()
            gap = _spaces(line, after)
            empty = after + gap >= len(line)
            if self.leaf == _PARAGRAPH and (empty or marker.group(1) not in (None, b"1")):
                return position  # it cannot interrupt a paragraph: a lazy line
            width = after - position + (1 if empty or gap > 4 else gap)
            self.containers.append(width)
            self.leaf = 0
            position += width
            if empty:
                return position

    def _interrupts(self, line: bytes, position: int) -> bool:
        """Whether a line that continues no container starts a block of its own, rather
        than continuing a paragraph lazily."""
        spaces = _spaces(line, position)
        at = position + spaces
        rest = line[at:]
        if not rest or spaces > 3:
            return not rest
        if rest[:1] == b">" or _FENCE.match(rest) or _ATX_HEADING.match(rest):
            return True
        if _THEMATIC_BREAK.match(rest):
            return True
        marker = _LIST_MARKER.match(rest)
        if marker and rest[marker.end() :].strip(b" ") and marker.group(1) in (None, b"1"):
            return True
        return rest[:1] == b"<" and (
            any(start.match(rest) for start, _ in _HTML_SPANNING)
            or bool(_HTML_CONTAINER.match(rest))
        )

    def _leaf(self, line: bytes, position: int) -> None:
        spaces = _spaces(line, position)
        at = position + spaces
        if spaces >= 4:
            if self.leaf != _PARAGRAPH:
                self.leaf = _CODE
            return
        fence = _FENCE.match(line, at)
        if fence and not (fence.group(1)[:1] == b"`" and b"`" in fence.group(2)):
            self.spanning = _Open(marker=fence.group(1))
            self.leaf = _FENCED
            return
        if line[at : at + 1] == b"<":
            for start, end in _HTML_SPANNING:
                if start.match(line, at):
                    if not end.search(line, at):
                        self.spanning = _Open(end=end)
                        self.leaf = _SPANNING_HTML
                    else:
                        self.leaf = 0
                    return
            if _HTML_CONTAINER.match(line, at) or (
                self.leaf != _PARAGRAPH and _HTML_TAG_LINE.match(line, at)
            ):
                self.leaf = _HTML
                return
        ends_here = _ATX_HEADING.match(line, at) or _THEMATIC_BREAK.match(line, at)
        if ends_here or (self.leaf == _PARAGRAPH and _SETEXT_UNDERLINE.match(line, at)):
            self.leaf = 0  # a heading or a break: one line, which no lazy line continues
        elif self.leaf != _PARAGRAPH and line[at : at + 1] == b"[" and _REFERENCE.match(line, at):
            self.leaf = 0  # a link reference definition: the parser takes it, no paragraph
        else:
            self.leaf = _PARAGRAPH

    def _closes(self, line: bytes, position: int) -> bool:
        assert self.spanning is not None
        if self.spanning.end is not None:
            return self.spanning.end.search(line, position) is not None
        spaces = _spaces(line, position)
        marker = self.spanning.marker
        rest = line[position + spaces :].rstrip(b" ")
        return (
            spaces <= 3
            and len(rest) >= len(marker)
            and rest.startswith(marker[:1])
            and rest == marker[:1] * len(rest)
        )


_SPACES = re.compile(rb" *")


def _spaces(line: bytes, position: int) -> int:
    """How many spaces stand at `position` (tabs were expanded before); no copy of the rest
    of the line, which a line of a thousand `>` would make for every marker."""
    found = _SPACES.match(line, position)
    return found.end() - position if found else 0


LONGEST_PIECE = 1 << 22
"""A paragraph or line longer than this (bytes) is cut anyway, to keep memory flat: at a line
end when it has one, else inside the line. Such a piece is open-ended: the translator moves
the cut to a place no term runs across (see `matching.cuts`)."""
# A line of only spaces and tabs (in plain prose, where no quote or list is open).
_BLANK_LINE = re.compile(rb"^[ \t]*\r?\n", re.MULTILINE)

# A line that may open a container or a block that spans blank lines (see `blocks`).
_MARKUP = rb"[ \t]*(?:[>`~<]|[-+*](?:[ \t]|\r?$)|\d{1,9}[.)](?:[ \t]|\r?$))"
_MARKUP_LINE = re.compile(_MARKUP, re.M)
# The same after a line end: a pattern that starts with a literal is searched for that
# character first, where one that starts with "^" is tried at every byte (5x slower).
_MARKUP_AFTER = re.compile(rb"\n" + _MARKUP, re.M)


def _markup_in(data: bytearray, begin: int, end: int) -> bool:
    """Whether a line of `data[begin:end]` (`begin` starts a line) may open a container or
    a block that spans blank lines."""
    return bool(_MARKUP_LINE.match(data, begin, end) or _MARKUP_AFTER.search(data, begin, end))


_MARKERS = tuple(marker.encode() for marker in MARKDOWN_MARKERS)


def markdown_free(data: bytearray, start: int, end: int) -> bool:
    """Whether `data[start:end]` holds none of what a Markdown region needs: such prose needs
    no parser, and paragraphs of it are translated alike one by one or together."""
    return all(data.find(marker, start, end) < 0 for marker in _MARKERS)


def _joined(
    cuts: Iterator[tuple[int, bool, bool]], data: bytearray
) -> Iterator[tuple[int, bool, bool]]:
    """`cuts` where a run of plain pieces that are `markdown_free` ends only at its last cut;
    a piece that may hold Markdown stays a piece of its own, parsed as it was."""
    run_end = -1
    start = 0
    for cut, verbatim, open_end in cuts:
        if not verbatim and not open_end and markdown_free(data, start, cut):
            run_end = start = cut
            continue
        if run_end >= 0:
            yield run_end, False, False
            run_end = -1
        yield cut, verbatim, open_end
        start = cut
    if run_end >= 0:
        yield run_end, False, False


def _last_blank_end(data: bytearray, begin: int, end: int) -> int:
    """Where the last blank line of the complete lines `data[begin:end]` ends; 0 if none.
    Read backwards a line at a time: the last paragraph is a few lines long."""
    line_end = end
    while line_end > begin:
        line_start = max(begin, data.rfind(b"\n", begin, line_end - 1) + 1)
        if _BLANK_LINE.match(data, line_start, line_end):
            return line_end
        line_end = line_start
    return 0


class Cutter:
    """Where pieces end: after blank lines, where `BlockTracker` sees no block left open.

    A block of lines that is plain prose (no line opens a list, a quote, a fence or HTML, and
    nothing is open before it) is cut with one regular expression; others line by line.
    """

    def __init__(self, *, joined: bool = False) -> None:
        self.joined = joined
        """Only the last cut of a run of prose paragraphs matters (see `cuts`)."""
        self.tracker = BlockTracker()
        self.verbatim = False
        """Inside a block that was cut because it grew too long: pieces are kept as they are."""
        self.in_line = False
        """The last cut fell inside a line: the next bytes are the rest of that line."""
        self.line_tail = b""
        """The last bytes before that cut, in case an end tag (`-->`) stands across it."""

    def cuts(self, data: bytearray, begin: int, end: int) -> Iterator[tuple[int, bool, bool]]:
        """Cut positions (and whether the piece before is verbatim, and open-ended) for the
        complete lines `data[begin:end]`; `data` starts at the last cut, its lines before
        `begin` were seen. `joined`: a run of prose paragraphs that need no Markdown parser
        (neither verbatim nor cut for length) is one piece, cut only at its end."""
        cuts = self._cuts(data, begin, end)
        return _joined(cuts, data) if self.joined else cuts

    def _cuts(self, data: bytearray, begin: int, end: int) -> Iterator[tuple[int, bool, bool]]:
        if begin >= end:
            return
        tracker = self.tracker
        if self.in_line:
            # The rest of a line cut for length: no line start, so no structure; only an
            # HTML block's end condition may stand in it.
            newline = data.find(b"\n", begin, end)
            rest_end = end if newline < 0 else newline + 1
            tracker.rest_of_line(self.line_tail + bytes(data[begin:rest_end]))
            self.in_line = False
            begin = rest_end
            if self.verbatim and not tracker.inside_block:
                self.verbatim = False
                yield begin, True, False
        if tracker.settled and not self.verbatim and not _markup_in(data, begin, end):
            if self.joined and end <= LONGEST_PIECE and markdown_free(data, 0, end):
                # Prose that needs no parser, and no stretch too long: only the last blank
                # line is a cut wanted.
                last = _last_blank_end(data, begin, end)
                if last:
                    yield last, False, False
                tracker.prose(ended_blank=last == end)
                return
            last = 0
            for blank in _BLANK_LINE.finditer(data, begin, end):
                yield from self._cut_long(data, last, blank.start())
                last = blank.end()
                yield last, False, False
            yield from self._cut_long(data, last, end)
            tracker.prose(ended_blank=last == end)
            return
        last_cut = 0
        position = begin
        while position < end:
            newline = data.find(b"\n", position, end)
            line_end = end if newline < 0 else newline + 1
            flags = tracker.feed(bytes(data[position:line_end]))
            if flags & CUT_BEFORE and not self.verbatim and position > last_cut:
                yield position, False, False
                last_cut = position
            position = line_end
            if self.verbatim and not tracker.inside_block:
                self.verbatim = False
                yield position, True, False
                last_cut = position
            elif flags & CUT_AFTER and not self.verbatim:
                yield position, False, False
                last_cut = position
            elif position - last_cut > LONGEST_PIECE:
                # Cut inside a code or HTML block: the pieces up to its end stay as they are.
                yield position, self.verbatim, not tracker.inside_block
                last_cut = position
                self.verbatim = tracker.inside_block

    def inside_line(self, data: bytearray, begin: int) -> tuple[bool, bool]:
        """A cut at the end of `data`, inside the line that starts at `begin` (longer than a
        piece may be). Returns whether the piece is verbatim, and whether it is open-ended.

        The line's start decides its structure, as for any line; its rest is skipped."""
        tracker = self.tracker
        if not self.in_line:
            head = bytes(data[begin : begin + _LINE_HEAD])
            if tracker.settled and not self.verbatim and not _MARKUP_LINE.match(head):
                tracker.prose(ended_blank=False)
            else:
                tracker.feed(head)
                tracker.rest_of_line(bytes(data[begin + len(head) - _LINE_TAIL :]))
            self.in_line = True
        else:
            tracker.rest_of_line(self.line_tail + bytes(data))
        self.line_tail = bytes(data[-_LINE_TAIL:])
        verbatim = self.verbatim
        self.verbatim = tracker.inside_block
        return verbatim, not verbatim and not tracker.inside_block

    @staticmethod
    def _cut_long(data: bytearray, start: int, end: int) -> Iterator[tuple[int, bool, bool]]:
        """Cuts at line ends in a stretch without blank lines, every LONGEST_PIECE bytes."""
        while end - start > LONGEST_PIECE:
            newline = data.find(b"\n", start + LONGEST_PIECE, end)
            if newline < 0:
                return
            start = newline + 1
            yield start, False, True


_LINE_HEAD = 1 << 12
"""How much of a line cut for length is shown to the block tracker: its structure is decided
by its first characters."""
_LINE_TAIL = 16
"""More than the longest end condition of an HTML block (`</textarea>`)."""

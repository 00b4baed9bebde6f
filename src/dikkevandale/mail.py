"""Translating an e-mail in place: the Subject and the text parts, every other byte kept.

An e-mail is not plain text: its headers, MIME boundaries, transfer encodings and attachments
must come out exactly as they went in, or the message stops parsing, a signature breaks or an
attachment is corrupted. Re-serializing with `email.generator` rewraps headers and re-encodes
bodies, so this module only *locates* things (the `email` package reads each part's header
block) and splices new bytes over the old ones: a translated body re-encoded with its own
charset and transfer encoding, a translated Subject. Everything else is copied byte for byte.

The translator itself is passed in as `rewrite` (a `str -> str` function), so this module
depends on nothing else in the package and works with any lexicon or audience.

>>> result = translate_email(
...     b"From: jan@example.nl\\nSubject: Het klantbeeld\\n\\nHet klantbeeld is af.\\n",
...     lambda text: text.replace("klantbeeld", "klantdatabase"),
... )
>>> print(result.data.decode())
From: jan@example.nl
Subject: Het klantdatabase
<BLANKLINE>
Het klantdatabase is af.
<BLANKLINE>
"""

from __future__ import annotations

import base64
import binascii
import codecs
import difflib
import email.charset
import email.policy
import html
import re
from collections.abc import Callable
from dataclasses import dataclass
from email.message import Message
from email.parser import BytesHeaderParser
from html.parser import HTMLParser

TextRewriter = Callable[[str], str]

# Header names that only e-mails start with; any one of them marks a header block as mail.
_MAIL_FIELDS = frozenset(
    {b"from", b"to", b"subject", b"date", b"message-id", b"mime-version", b"received"}
)
_FIELD = re.compile(rb"([!-9;-~]+)[ \t]*:")  # RFC 5322 field name: printable ASCII but ':'
_SCAN_LIMIT = 1 << 18  # real header blocks are far smaller; a note is never read to the end
_MAX_DEPTH = 32
_TRANSFER_ENCODINGS = frozenset({"7bit", "8bit", "binary", "quoted-printable", "base64"})
_ENCODED_WORD = re.compile(rb"=\?([^?\s*]+)(\*[^?\s]*)?\?([QqBb])\?([^?\s]*)\?=")
_Q_SAFE = frozenset(b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!*+-/")
# Python codecs that are no charset of text: they would turn a body into nonsense (base64,
# rot13 and the like are caught by the codec's own flag).
_NOT_CHARSETS = frozenset({"idna", "punycode", "unicode-escape", "raw-unicode-escape", "undefined"})
_LINE = re.compile(r"[^\n]*\n|[^\n]+")  # str.splitlines would also cut at \f, \x1c, \u2028


@dataclass(frozen=True)
class MailResult:
    """The translated message, and one line per part that had to be left as it was."""

    data: bytes
    warnings: tuple[str, ...] = ()


class _LeftUnchanged(Exception):  # noqa: N818 - a control-flow signal, not an error to report
    """A part or header that cannot be translated safely; the message says why."""


def looks_like_email(data: bytes) -> bool:
    """True when `data` opens with an RFC 5322 header block, so it should be read as an e-mail.

    The block must be header fields only (continuation lines allowed, an mbox "From " line
    first), end in a blank line, hold at least two fields and name at least one of From, To,
    Subject, Date, Message-ID, MIME-Version or Received. Notes that merely start with
    "Subject: ..." or "Re: ..." or "Aan: ..." do not count: treating them as text is right.

    >>> looks_like_email(b"From: jan@example.nl\\nSubject: Offerte\\n\\nHoi Piet,\\n")
    True
    >>> looks_like_email(b"Subject: offerte\\nHoi Piet, zoals besproken...\\n")
    False
    """
    fields = 0
    known = False
    # Only complete lines count: what follows the last line break is no blank line.
    for number, raw_line in enumerate(data[:_SCAN_LIMIT].split(b"\n")[:-1]):
        line = raw_line.removesuffix(b"\r")
        if not line:
            return known and fields >= 2
        if number == 0 and line.startswith(b"From "):
            continue
        if line[0] in b" \t":
            if not fields:
                return False
            continue
        field = _FIELD.match(line)
        if field is None:
            return False
        fields += 1
        known = known or field.group(1).lower() in _MAIL_FIELDS
    return False


def translate_email(data: bytes, rewrite: TextRewriter, *, skip_quoted: bool = False) -> MailResult:
    """Translate the Subject and the text/plain and text/html parts of the e-mail `data`.

    Only the translated bodies and the Subject change; a part that cannot be read (unknown
    charset, undecodable bytes, a missing closing boundary) is kept as it is and named in
    `warnings`. A malformed message never raises; only input that is not bytes does.
    """
    if not isinstance(data, bytes | bytearray | memoryview):
        raise TypeError(f"translate_email needs bytes, not {type(data).__name__}")
    job = _Job(bytes(data), rewrite, skip_quoted)
    job.entity(0, len(job.data), "", depth=0)
    return MailResult(job.splice(), tuple(job.warnings))


@dataclass
class _Job:
    data: bytes
    rewrite: TextRewriter
    skip_quoted: bool

    def __post_init__(self) -> None:
        self.edits: list[tuple[int, int, bytes]] = []
        self.warnings: list[str] = []

    def splice(self) -> bytes:
        pieces: list[bytes] = []
        position = 0
        for start, end, new in sorted(self.edits):
            pieces += [self.data[position:start], new]
            position = end
        pieces.append(self.data[position:])
        return b"".join(pieces)

    def headers(self, start: int, end: int, *, top: bool) -> tuple[list[list[int]], int]:
        """The `[start, end]` byte spans of the header fields, and where the body begins."""
        fields: list[list[int]] = []
        position = start
        while position < end:
            newline = self.data.find(b"\n", position, end)
            line_end = end if newline < 0 else newline + 1
            line = self.data[position:line_end].rstrip(b"\r\n")
            if not line:
                return fields, line_end
            if line[0] in b" \t" and fields:
                fields[-1][1] = line_end
            elif _FIELD.match(line):
                fields.append([position, line_end])
            elif not (top and position == 0 and line.startswith(b"From ")):
                return fields, position  # no blank line: the body starts at the first non-field
            position = line_end
        return fields, end

    def entity(
        self, start: int, end: int, section: str, *, depth: int, digest: bool = False
    ) -> None:
        """Translate the message or MIME part `data[start:end]`; recurse into multiparts."""
        fields, body = self.headers(start, end, top=not section)
        block = b"".join(self.data[a:b] for a, b in fields)
        message = BytesHeaderParser(policy=email.policy.compat32).parsebytes(block)
        if digest:
            message.set_default_type("message/rfc822")
        kind = message.get_content_type()
        label = (
            f"part {section or 1}" if not kind.startswith("multipart/") or section else "message"
        )
        charset = message.get_content_charset()
        name = f"{label} ({kind}{f'; charset={charset}' if charset else ''})"
        if not section:
            if not fields:
                self.warnings.append("message: no e-mail headers found, translated as plain text")
            for field_start, field_end in fields:
                self.subject(field_start, field_end)
        try:
            if kind.startswith("multipart/"):
                self.multipart(message, body, end, section, depth, name)
            elif (
                kind in ("text/plain", "text/html")
                and message.get_content_disposition() != "attachment"
            ):
                self.leaf(message, body, end, kind == "text/html")
        except _LeftUnchanged as reason:
            self.warnings.append(f"{name}: {reason}, left unchanged")

    def multipart(
        self, message: Message, start: int, end: int, section: str, depth: int, name: str
    ) -> None:
        kind = message.get_content_type()
        if kind in ("multipart/signed", "multipart/encrypted"):
            raise _LeftUnchanged("signed or encrypted, and translating would break it")
        boundary = message.get_boundary()
        if not boundary:
            raise _LeftUnchanged("no boundary parameter")
        if depth >= _MAX_DEPTH:
            raise _LeftUnchanged(f"nested more than {_MAX_DEPTH} levels deep")
        delimiter = re.compile(
            rb"^--" + re.escape(boundary.encode("utf-8", "surrogateescape")) + rb"(--)?[ \t]*\r?$",
            re.MULTILINE,
        )
        lines = list(delimiter.finditer(self.data, start, end))
        if not lines:
            raise _LeftUnchanged(f'no line with its boundary "{boundary}"')
        for number, line in enumerate(lines, start=1):
            if line.group(1):
                return
            part_start = line.end() + 1 if self.data.startswith(b"\n", line.end()) else line.end()
            child = f"{section}.{number}" if section else str(number)
            if number == len(lines):
                self.broken(part_start, end, child, "no closing boundary after it")
                return
            # The line break before a boundary line belongs to the boundary, not to the part.
            part_end = lines[number].start()
            if self.data.endswith(b"\r\n", 0, part_end):
                part_end -= 2
            elif self.data.endswith(b"\n", 0, part_end):
                part_end -= 1
            self.entity(
                part_start,
                max(part_start, part_end),
                child,
                depth=depth + 1,
                digest=kind == "multipart/digest",
            )

    def broken(self, start: int, end: int, section: str, reason: str) -> None:
        fields, _ = self.headers(start, end, top=False)
        block = b"".join(self.data[a:b] for a, b in fields)
        message = BytesHeaderParser(policy=email.policy.compat32).parsebytes(block)
        charset = message.get_content_charset()
        kind = message.get_content_type() + (f"; charset={charset}" if charset else "")
        self.warnings.append(f"part {section} ({kind}): {reason}, left unchanged")

    def leaf(self, message: Message, start: int, end: int, is_html: bool) -> None:
        declared_encoding = message.get("content-transfer-encoding")
        encoding = str(declared_encoding or "7bit").strip().lower()
        if encoding not in _TRANSFER_ENCODINGS:
            raise _LeftUnchanged(f"unknown transfer encoding {encoding}")
        raw = self.data[start:end]
        payload = _decode_transfer(raw, encoding)
        charset = message.get_content_charset() or "utf-8"
        codec = _codec(charset)
        try:
            text = payload.decode(codec)
        except UnicodeDecodeError as error:
            raise _LeftUnchanged(f"not valid {charset} at byte {error.start}") from None
        except UnicodeError:  # idna, punycode: codecs that are not for mail at all
            raise _LeftUnchanged(f"not valid {charset}") from None
        seven_bit = encoding == "7bit" and declared_encoding is not None
        if is_html:
            new = _translate_html(text, self.rewrite, self.skip_quoted, _fits(codec, seven_bit))
        else:
            new = _translate_plain(text, self.rewrite, self.skip_quoted)
        if new == text:
            return
        try:
            new_payload = new.encode(codec)
            same = text.encode(codec) == payload
        except UnicodeEncodeError as error:
            char = error.object[error.start]
            raise _LeftUnchanged(
                f"the translation holds {char!r}, which {charset} cannot encode"
            ) from None
        except UnicodeError:
            raise _LeftUnchanged(f"{charset} cannot encode the translation") from None
        if not same:  # re-encoding would change bytes the translation did not touch
            raise _LeftUnchanged(f"{charset} does not give back the same bytes")
        if seven_bit and not new_payload.isascii():
            raise _LeftUnchanged("the translation needs 8-bit characters, which 7bit cannot carry")
        self.edits.append((start, end, _encode_transfer(new_payload, encoding, raw)))

    def subject(self, start: int, end: int) -> None:
        field = self.data[start:end]
        name = _FIELD.match(field)
        if name is None or name.group(1).lower() != b"subject":
            return
        value_end = len(field.rstrip(b"\r\n"))
        eol = b"\r\n" if field[value_end:].startswith(b"\r") else b"\n"
        try:
            new = _translate_subject(field[:value_end], name.end(), self.rewrite, eol)
        except _LeftUnchanged as reason:
            self.warnings.append(f"Subject: {reason}, left unchanged")
            return
        if new is not None:
            self.edits.append((start + name.end(), start + value_end, new))


def _codec(charset: str) -> str:
    try:
        info = codecs.lookup(email.charset.ALIASES.get(charset, charset))
    except LookupError:
        raise _LeftUnchanged(f"unknown charset {charset}") from None
    if info.name in _NOT_CHARSETS or not getattr(info, "_is_text_encoding", True):
        raise _LeftUnchanged(f"unknown charset {charset}")
    return info.name


def _decode_transfer(raw: bytes, encoding: str) -> bytes:
    try:
        if encoding == "base64":
            return binascii.a2b_base64(raw)
        if encoding == "quoted-printable":
            return binascii.a2b_qp(raw)
    except (binascii.Error, ValueError) as error:
        raise _LeftUnchanged(f"undecodable {encoding} ({error})") from None
    return raw


def _line_ending(raw: bytes) -> bytes:
    newline = raw.find(b"\n")
    return b"\r\n" if newline > 0 and raw[newline - 1] == 13 else b"\n"


def _encode_transfer(payload: bytes, encoding: str, original: bytes) -> bytes:
    """`payload` in the part's transfer encoding, laid out like the `original` encoded body."""
    eol = _line_ending(original)
    if encoding == "quoted-printable":
        return _quoted_printable(payload, eol)
    if encoding != "base64":
        return payload
    lines = original.strip().split(b"\n")
    width = len(lines[0].rstrip(b"\r")) if len(lines) > 1 else 0
    if width and width % 4:
        width = 76
    encoded = base64.b64encode(payload)
    if width:
        encoded = eol.join(encoded[i : i + width] for i in range(0, len(encoded), width))
    return encoded + (eol if original.endswith(b"\n") else b"")


def _quoted_printable(payload: bytes, eol: bytes) -> bytes:
    """Quoted-printable with soft line breaks at 76 characters; hard line breaks kept as is."""
    out = bytearray()
    for line in re.finditer(rb"[^\n]*\n|[^\n]+", payload):
        ending = next((e for e in (b"\r\n", b"\n") if line.group().endswith(e)), b"")
        content = line.group()[: len(line.group()) - len(ending)]  # a lone CR becomes =0D
        width = 0
        for index, byte in enumerate(content):
            last = index == len(content) - 1
            if (33 <= byte <= 126 and byte != 61) or (byte in b" \t" and not last):
                token = bytes((byte,))
            else:
                token = b"=%02X" % byte
            if width + len(token) > (76 if last else 75):
                out += b"=" + (ending or eol)
                width = 0
            out += token
            width += len(token)
        out += ending
    return bytes(out)


def _translate_plain(text: str, rewrite: TextRewriter, skip_quoted: bool) -> str:
    """Translate runs of lines, leaving the signature (and with skip_quoted, quotes) alone.

    The signature runs from a line that is exactly "-- " to the next quoted line: in a
    top-posted reply the quoted original follows the signature and is not part of it.
    Consecutive translatable lines go to `rewrite` as one piece, so a term split over two
    quoted lines ("> ... 360-graden-\\n> klantbeeld") is still found.
    """
    runs: list[tuple[bool, list[str]]] = []
    in_signature = False
    for found in _LINE.finditer(text):
        line = found.group()
        content = line.rstrip("\r\n")
        quoted = content.startswith(">")
        if content == "-- ":
            in_signature = True
        elif in_signature and quoted:
            in_signature = False
        translatable = not in_signature and not (quoted and skip_quoted)
        if runs and runs[-1][0] == translatable:
            runs[-1][1].append(line)
        else:
            runs.append((translatable, [line]))
    return "".join(rewrite("".join(lines)) if go else "".join(lines) for go, lines in runs)


class _TextNodes(HTMLParser):
    """Finds the spans of translatable text nodes in HTML: no tags, attributes, comments,
    scripts or styles, no signature and (with skip_quoted) no <blockquote> content.

    A signature is an element whose class names one (Thunderbird's `moz-signature`, Gmail's
    `gmail_signature`), or the text after a text node "-- " up to the next <blockquote> or the
    end of the blockquote it stands in (a quoted signature ends with its quote).

    Character references split a text node: the text between them is translated and the
    references are kept as written, so a term interrupted by `&nbsp;` or written with
    `&eacute;` is not found. A term split by a tag (`<b>360-graden</b>-klantbeeld`) is not
    found either; both are rare in the prose of a mail and keep the HTML exactly as it was.
    """

    def __init__(self, text: str, skip_quoted: bool) -> None:
        super().__init__(convert_charrefs=False)
        self.text = text
        self.skip_quoted = skip_quoted
        self.line_starts = [0] + [found.end() for found in re.finditer("\n", text)]
        self.spans: list[tuple[int, int]] = []
        self.raw: str | None = None
        self.quotes = 0
        self.signature_tag: str | None = None
        self.signature_depth = 0
        self.dashes: int | None = None  # the quote depth of a "-- " line, while it lasts

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self.raw = tag
        elif tag == "blockquote":
            self.quotes += 1
            self.dashes = None
        if tag == self.signature_tag:
            self.signature_depth += 1
        elif self.signature_tag is None and any(
            key == "class" and value and "signature" in value.lower() for key, value in attrs
        ):
            self.signature_tag, self.signature_depth = tag, 1

    def handle_endtag(self, tag: str) -> None:
        if tag == self.raw:
            self.raw = None
        elif tag == "blockquote" and self.quotes:
            self.quotes -= 1
            if self.dashes is not None and self.dashes > self.quotes:
                self.dashes = None
        if tag == self.signature_tag:
            self.signature_depth -= 1
            if not self.signature_depth:
                self.signature_tag = None

    def handle_data(self, data: str) -> None:
        if self.raw or self.signature_tag or (self.skip_quoted and self.quotes):
            return
        if data.strip() == "--":
            self.dashes = self.quotes
        if self.dashes is not None:
            return
        line, column = self.getpos()
        start = self.line_starts[line - 1] + column
        if self.text[start : start + len(data)] != data:
            return  # the parser's position is off: better untranslated than misplaced
        end = start + len(data)
        if self.spans and self.spans[-1][1] == start:
            start = self.spans.pop()[0]
        self.spans.append((start, end))


def _fits(codec: str, seven_bit: bool) -> Callable[[str], bool]:
    def fits(char: str) -> bool:
        if seven_bit and not char.isascii():
            return False
        try:
            char.encode(codec)
        except UnicodeError:
            return False
        return True

    return fits


def _translate_html(
    text: str, rewrite: TextRewriter, skip_quoted: bool, fits: Callable[[str], bool]
) -> str:
    parser = _TextNodes(text, skip_quoted)
    try:
        parser.feed(text)
        parser.close()
    except Exception as error:  # html.parser can still trip over broken markup
        raise _LeftUnchanged(f"HTML that cannot be parsed ({error})") from None
    pieces: list[str] = []
    position = 0
    for start, end in parser.spans:
        old = text[start:end]
        if not old.strip():
            continue
        pieces += [text[position:start], _escape_inserted(old, rewrite(old), fits)]
        position = end
    pieces.append(text[position:])
    return "".join(pieces)


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


@dataclass(frozen=True)
class _Segment:
    """A stretch of a header value: plain text, or a run of encoded words (`word` set)."""

    raw: bytes
    text: str
    word: tuple[bytes, bytes] | None  # (charset as written, "Q" or "B" as written)


def _subject_segments(value: bytes) -> list[_Segment]:
    segments: list[_Segment] = []
    position = 0
    words = list(_ENCODED_WORD.finditer(value))
    index = 0
    while index < len(words):
        first = words[index]
        run = [first]
        while index + len(run) < len(words):
            following = words[index + len(run)]
            if value[run[-1].end() : following.start()].strip(b" \t\r\n"):
                break
            run.append(following)
        if first.start() > position:
            segments.append(_plain_segment(value[position : first.start()]))
        segments.append(
            _Segment(
                value[first.start() : run[-1].end()],
                _decode_words(run),
                (first.group(1), first.group(3)),
            )
        )
        position = run[-1].end()
        index += len(run)
    if position < len(value):
        segments.append(_plain_segment(value[position:]))
    return segments


def _plain_segment(raw: bytes) -> _Segment:
    try:
        return _Segment(raw, raw.decode("utf-8"), None)
    except UnicodeDecodeError:
        raise _LeftUnchanged("8-bit text that is not UTF-8") from None


def _decode_words(run: list[re.Match[bytes]]) -> str:
    """The text of adjacent encoded words; the bytes of words in one charset are joined first,
    because mailers split words inside a multi-byte character."""
    groups: list[tuple[bytes, bytearray]] = []
    for word in run:
        charset, kind, encoded = word.group(1), word.group(3).upper(), word.group(4)
        try:
            if kind == b"Q":
                data = binascii.a2b_qp(encoded, header=True)
            else:
                data = binascii.a2b_base64(encoded + b"=" * (-len(encoded) % 4))
        except (binascii.Error, ValueError):
            raise _LeftUnchanged(f"undecodable encoded word {word.group().decode()}") from None
        if groups and groups[-1][0].lower() == charset.lower():
            groups[-1][1].extend(data)
        else:
            groups.append((charset, bytearray(data)))
    try:
        return "".join(bytes(data).decode(_codec(cs.decode("ascii"))) for cs, data in groups)
    except UnicodeError:
        raise _LeftUnchanged("an encoded word that does not decode") from None


def _translate_subject(field: bytes, colon: int, rewrite: TextRewriter, eol: bytes) -> bytes | None:
    """The new Subject value, or None when translation changes nothing.

    Only the segments that hold the change are rewritten: a plain "Re: " before an encoded
    word stays, and changed encoded words keep their charset and Q/B encoding. A plain
    ASCII subject that now needs other characters becomes UTF-8 encoded words.
    """
    value = field[colon:]
    segments = _subject_segments(value)
    if not segments:
        return None
    old = "".join(segment.text for segment in segments)
    new = rewrite(old)
    if new == old:
        return None
    prefix = 0
    while prefix < min(len(old), len(new)) and old[prefix] == new[prefix]:
        prefix += 1
    suffix = 0
    while suffix < min(len(old), len(new)) - prefix and old[-1 - suffix] == new[-1 - suffix]:
        suffix += 1
    starts, position = [], 0
    for segment in segments:
        starts.append(position)
        position += len(segment.text)
    first = next(
        i
        for i, s in enumerate(segments)
        if starts[i] + len(s.text) > prefix or i == len(segments) - 1
    )
    last = max([first] + [i for i in range(len(segments)) if starts[i] < len(old) - suffix])
    text_start = starts[first]
    text_end = starts[last] + len(segments[last].text)
    middle = new[text_start : len(new) - (len(old) - text_end)]
    raw_start = sum(len(s.raw) for s in segments[:first])
    raw_end = sum(len(s.raw) for s in segments[: last + 1])
    word = next((s.word for s in segments[first : last + 1] if s.word), None)
    if word is None and (middle.isascii() or not value.isascii()):
        encoded = middle.encode("utf-8")
    else:
        column = len(field[: colon + raw_start].rsplit(b"\n", 1)[-1])
        encoded = _encode_words(middle, word or (b"utf-8", b"q"), eol, column)
    return value[:raw_start] + encoded + value[raw_end:]


def _encode_words(text: str, word: tuple[bytes, bytes], eol: bytes, column: int) -> bytes:
    """`text` as encoded words of at most 75 characters each, folded onto separate lines;
    leading and trailing whitespace stays outside, where it separates the words from the rest."""
    found = re.fullmatch(r"([ \t\r\n]*)(.*?)([ \t\r\n]*)", text, re.DOTALL)
    assert found is not None
    lead, core, trail = found.groups()
    core = re.sub(r"\r?\n(?=[ \t])", "", core)
    charset, kind = word
    pieces = _encode_chars(core, charset)
    if pieces is None:
        charset, pieces = b"utf-8", [char.encode("utf-8") for char in core]
    head = b"=?" + charset + b"?" + kind + b"?"
    room = 75 - len(head) - 2  # a folded line is " " and one word: 76 characters at most
    first_room = min(room, max(8, 76 - column - len(lead) - len(head) - 2))
    words: list[bytes] = []
    chunk = b""
    for data in pieces:
        if kind.upper() == b"B":
            if chunk and len(base64.b64encode(chunk + data)) > (room if words else first_room):
                words.append(base64.b64encode(chunk))
                chunk = b""
            chunk += data
            continue
        piece = b"".join(
            b"_" if b == 32 else bytes((b,)) if b in _Q_SAFE else b"=%02X" % b for b in data
        )
        if chunk and len(chunk) + len(piece) > (room if words else first_room):
            words.append(chunk)
            chunk = b""
        chunk += piece
    if chunk:
        words.append(base64.b64encode(chunk) if kind.upper() == b"B" else chunk)
    body = (eol + b" ").join(head + w + b"?=" for w in words)
    return lead.encode("utf-8") + body + trail.encode("utf-8")


def _encode_chars(text: str, charset: bytes) -> list[bytes] | None:
    """Each character of `text` in `charset`, or None when the charset cannot hold the text or
    is stateful (UTF-16, ISO-2022-JP): those cannot be cut into encoded words at any character.
    """
    try:
        codec = _codec(charset.decode("ascii"))
        pieces = [char.encode(codec) for char in text]
        whole = text.encode(codec)
    except (_LeftUnchanged, UnicodeError):
        return None
    return pieces if b"".join(pieces) == whole else None

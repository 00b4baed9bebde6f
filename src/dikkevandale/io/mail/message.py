"""Translating an e-mail in place: the Subject and the text parts, every other byte kept.

An e-mail is not plain text: its headers, MIME boundaries, transfer encodings and attachments
must come out exactly as they went in, or the message stops parsing, a signature breaks or an
attachment is corrupted. Re-serializing with `email.generator` rewraps headers and re-encodes
bodies, so this module only *locates* things (the `email` package reads each part's header
block) and splices new bytes over the old ones: a translated body re-encoded with its own
charset and transfer encoding, a translated Subject. Everything else is copied byte for byte.

The translator itself is passed in as `rewrite` (a `str -> str` function) or, knowing the
writer's `dvd off` directives and whether a text may be Markdown, as `prose` (see `body.Prose`),
so the mail modules depend on nothing else in the package and work with any lexicon or
audience. The Subject is `subject`'s, the text of a body `body`'s, charsets and transfer
encodings `encoding`'s; this module finds the parts and splices the results in.

A forwarded message, a digest's messages and a bounced original (`message/rfc822`) are messages
of their own: their Subject and text parts are translated too. What must stay exactly as it is
(a signed or encrypted part, a text signed inline with OpenPGP) is kept and named in a warning.

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

import email.policy
import re
from collections.abc import Callable
from dataclasses import dataclass
from email.message import Message
from email.parser import BytesHeaderParser

from dikkevandale.io.mail.body import (
    Prose,
    Translated,
    fits_charset,
    prose_of,
    translate_html,
    translate_plain,
)
from dikkevandale.io.mail.detect import FIELD
from dikkevandale.io.mail.detect import looks_like_email as looks_like_email  # noqa: PLC0414
from dikkevandale.io.mail.encoding import (
    TRANSFER_ENCODINGS,
    LeftUnchanged,
    decode_transfer,
    encode_transfer,
    text_codec,
)
from dikkevandale.io.mail.subject import translate_subject
from dikkevandale.model import NO_SUPPRESSION, Rewrite, Skip, Suppressed, Translation

TextRewriter = Callable[[str], str]
Found = Rewrite | Suppressed | Skip
"""A term a translation found: rewritten, or left alone by a directive or by its context."""

_MAX_DEPTH = 32
# An mbox "From " line that starts a message: after a blank line, and followed by a header
# field (a body's own "From " line is written ">From ", and seldom precedes a field).
_MBOX_SEPARATOR = re.compile(rb"\n\r?\n(From [^\n]*\n)(?=[!-9;-~]+[ \t]*:)")


def mailbox_messages(data: bytes) -> list[tuple[int, int]]:
    """The `(start, end)` byte spans of the messages in `data`: one, unless `data` is an
    mbox (a mail folder or archive as Thunderbird, mailman and Google Takeout write it), whose
    messages each start at a "From " line. Each span holds its "From " line; the blank line
    that ends a message stays with it.

    >>> mailbox_messages(b"From a\\nSubject: 1\\n\\nHi\\n\\nFrom b\\nSubject: 2\\n\\nHo\\n")
    [(0, 23), (23, 45)]
    """
    if not data.startswith(b"From "):
        return [(0, len(data))]
    starts = [0] + [found.start(1) for found in _MBOX_SEPARATOR.finditer(data)]
    return list(zip(starts, [*starts[1:], len(data)], strict=True))


@dataclass(frozen=True)
class MailResult:
    """The translated message, one line per part that had to be left as it was, and the
    rewrites: each with the part it stands in (`Subject`, `1`, `2.1`, `2.Subject` for the
    Subject of the message carried in part 2; in an mbox of several messages, the message's
    number first: `3:Subject`, `3:1.2`) and offsets into that part's decoded text."""

    data: bytes
    warnings: tuple[str, ...] = ()
    rewrites: tuple[tuple[str, Rewrite], ...] = ()
    places: tuple[int, ...] = ()
    """Where each rewrite starts in the original bytes: exactly in a one-line Subject without
    encoded words and in a body sent as it is (7bit, 8bit, binary); otherwise where its
    Subject field or its part's body starts."""
    left_alone: tuple[tuple[str, Suppressed | Skip], ...] = ()
    """The terms a directive or their context left alone, each with its part, as `rewrites`
    (for `dvd explain`); also those of a part that nothing changed."""
    left_alone_places: tuple[int, ...] = ()
    """Where each term left alone starts in the original bytes, as `places`."""


def translate_email(
    data: bytes,
    rewrite: TextRewriter | None = None,
    *,
    skip_quoted: bool = False,
    prose: Prose | None = None,
    next_message: Callable[[], None] | None = None,
) -> MailResult:
    """Translate the Subject and the text/plain and text/html parts of the e-mail `data`,
    also those of the messages it carries (forwards, digests, bounces).

    Only the translated bodies and Subjects change; a part that cannot be read (unknown
    charset, undecodable bytes, a missing closing boundary) or must not change (signed or
    encrypted) is kept as it is and named in `warnings`. A malformed message never raises;
    only input that is not bytes does. `prose`, when given, translates instead of `rewrite`.

    An mbox is translated message by message (see `mailbox_messages`), its "From " lines
    kept; `next_message`, when given, is called before each message after the first, so that
    a translator can forget what the one before showed.
    """
    if not isinstance(data, bytes | bytearray | memoryview):
        raise TypeError(f"translate_email needs bytes, not {type(data).__name__}")
    if prose is None:
        if rewrite is None:
            raise TypeError("translate_email needs a rewrite or a prose function")
        prose = prose_of(rewrite)
    job = _Job(bytes(data), prose, skip_quoted)
    spans = mailbox_messages(job.data)
    for number, (start, end) in enumerate(spans, start=1):
        if number > 1 and next_message is not None:
            next_message()
        found, warned = len(job.found), len(job.warnings)
        job.entity(start, end, "", depth=0)
        if len(spans) > 1:
            job.found[found:] = [(f"{number}:{part}", done) for part, done in job.found[found:]]
            job.warnings[warned:] = [f"message {number}: {w}" for w in job.warnings[warned:]]
    rewrites: list[tuple[str, Rewrite]] = []
    places: list[int] = []
    left: list[tuple[str, Suppressed | Skip]] = []
    left_places: list[int] = []
    for (part, term), place in zip(job.found, job.places, strict=True):
        if isinstance(term, Rewrite):
            rewrites.append((part, term))
            places.append(place)
        else:
            left.append((part, term))
            left_places.append(place)
    return MailResult(
        job.splice(),
        tuple(job.warnings),
        tuple(rewrites),
        tuple(places),
        tuple(left),
        tuple(left_places),
    )


# Parts that are signed or encrypted as a whole: translating would break them.
_SEALED = {
    "multipart/signed": "signed",
    "multipart/encrypted": "encrypted",
    "application/pkcs7-mime": "signed or encrypted (S/MIME)",
    "application/x-pkcs7-mime": "signed or encrypted (S/MIME)",
    "application/pgp-encrypted": "encrypted (OpenPGP)",
}
_INLINE_PGP = re.compile(rb"^-----BEGIN PGP (SIGNED )?MESSAGE-----\r?$", re.MULTILINE)
_MESSAGE_TYPES = ("message/rfc822", "message/global")


@dataclass
class _Job:
    data: bytes
    prose: Prose
    skip_quoted: bool

    def __post_init__(self) -> None:
        self.edits: list[tuple[int, int, bytes]] = []
        self.warnings: list[str] = []
        self.found: list[tuple[str, Found]] = []
        self.places: list[int] = []  # where each found term starts in `data` (see MailResult)
        self.translated: list[Found] = []  # the terms of the last body read
        self.translated_at: list[int] = []  # their byte offsets in the encoded payload

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
            elif FIELD.match(line):
                fields.append([position, line_end])
            elif not (top and position == start and line.startswith(b"From ")):
                return fields, position  # no blank line: the body starts at the first non-field
            position = line_end
        return fields, end

    def entity(
        self,
        start: int,
        end: int,
        section: str,
        *,
        depth: int,
        digest: bool = False,
        message: bool = False,
    ) -> None:
        """Translate the message or MIME part `data[start:end]`; recurse into multiparts and
        carried messages (`message`: the part is a whole message, with its own Subject)."""
        fields, body = self.headers(start, end, top=not section)
        block = b"".join(self.data[a:b] for a, b in fields)
        parsed = BytesHeaderParser(policy=email.policy.compat32).parsebytes(block)
        if digest:
            parsed.set_default_type("message/rfc822")
        kind = parsed.get_content_type()
        if message:
            label = f"message in part {section}"
        elif not kind.startswith("multipart/") or section:
            label = f"part {section or 1}"
        else:
            label = "message"
        charset = parsed.get_content_charset()
        name = f"{label} ({kind}{f'; charset={charset}' if charset else ''})"
        if not section or message:
            if not fields and not section:
                self.warnings.append("message: no e-mail headers found, translated as plain text")
            for field_start, field_end in fields:
                self.subject(field_start, field_end, f"{section}.Subject" if section else "Subject")
        try:
            if kind in _SEALED:
                raise LeftUnchanged(f"{_SEALED[kind]}, and translating would break it")
            if kind.startswith("multipart/"):
                self.multipart(parsed, body, end, section, depth, name)
            elif kind in _MESSAGE_TYPES:
                self.carried(parsed, body, end, section, depth)
            elif (
                kind in ("text/plain", "text/html")
                and parsed.get_content_disposition() != "attachment"
            ):
                self.leaf(parsed, body, end, kind == "text/html", section or "1")
        except LeftUnchanged as reason:
            self.warnings.append(f"{name}: {reason}, left unchanged")

    def carried(self, message: Message, start: int, end: int, section: str, depth: int) -> None:
        """A message carried in a part: a forward, a digest's message, a bounced original."""
        encoding = str(message.get("content-transfer-encoding") or "7bit").strip().lower()
        if encoding not in ("7bit", "8bit", "binary"):
            raise LeftUnchanged(f"a message in {encoding}, which RFC 2046 does not allow")
        if depth >= _MAX_DEPTH:
            raise LeftUnchanged(f"nested more than {_MAX_DEPTH} levels deep")
        self.entity(start, end, section or "1", depth=depth + 1, message=True)

    def multipart(
        self, message: Message, start: int, end: int, section: str, depth: int, name: str
    ) -> None:
        kind = message.get_content_type()
        boundary = message.get_boundary()
        if not boundary:
            raise LeftUnchanged("no boundary parameter")
        if depth >= _MAX_DEPTH:
            raise LeftUnchanged(f"nested more than {_MAX_DEPTH} levels deep")
        delimiter = re.compile(
            rb"^--" + re.escape(boundary.encode("utf-8", "surrogateescape")) + rb"(--)?[ \t]*\r?$",
            re.MULTILINE,
        )
        lines = list(delimiter.finditer(self.data, start, end))
        if not lines:
            raise LeftUnchanged(f'no line with its boundary "{boundary}"')
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

    def leaf(self, message: Message, start: int, end: int, is_html: bool, part: str) -> None:
        declared_encoding = message.get("content-transfer-encoding")
        encoding = str(declared_encoding or "7bit").strip().lower()
        if encoding not in TRANSFER_ENCODINGS:
            raise LeftUnchanged(f"unknown transfer encoding {encoding}")
        raw = memoryview(self.data)[start:end]  # a big 8-bit body is not copied
        payload = decode_transfer(raw, encoding)
        if _INLINE_PGP.search(payload):
            raise LeftUnchanged(
                "signed or encrypted inline (OpenPGP), and translating would break it"
            )
        charset, guessed = body_charset(message, payload)
        seven_bit = encoding == "7bit" and declared_encoding is not None
        new = self.body(payload, charset, is_html, seven_bit)
        if new is not None:
            if seven_bit and not new.isascii():
                raise LeftUnchanged(
                    "the translation needs 8-bit characters, which 7bit cannot carry"
                )
            if guessed:
                kind = "text/html" if is_html else "text/plain"
                self.warnings.append(
                    f"part {part} ({kind}): no charset declared and not UTF-8, read as {charset}"
                )
            self.edits.append((start, end, encode_transfer(new, encoding, raw)))
        # A body that nothing changed still has the terms it left alone.
        self.found += [(part, term) for term in self.translated]
        if encoding in ("7bit", "8bit", "binary"):  # the payload is the body's own bytes
            self.places += [start + at for at in self.translated_at]
        else:
            self.places += [start] * len(self.translated)

    def body(
        self, payload: bytes | memoryview, charset: str, is_html: bool, seven_bit: bool
    ) -> bytes | None:
        """The translated body in its charset, or None when nothing changed; its terms (the
        rewrites and those left alone) are left in `translated`. Only one decoded copy of the
        body lives at a time."""
        codec = text_codec(charset)
        try:
            text = str(payload, codec)
        except UnicodeDecodeError as error:
            raise LeftUnchanged(f"not valid {charset} at byte {error.start}") from None
        except UnicodeError:  # idna, punycode: codecs that are not for mail at all
            raise LeftUnchanged(f"not valid {charset}") from None
        try:
            same = text.encode(codec) == payload
        except UnicodeError:
            same = False
        if is_html:
            result = translate_html(
                text, self.prose, self.skip_quoted, fits_charset(codec, seven_bit)
            )
        else:
            result = translate_plain(text, self.prose, self.skip_quoted)
        terms = _terms(result)
        self.translated_at = _byte_offsets(text, codec, [_start(term) for term in terms])
        self.translated = terms
        if result.text == text:
            return None
        del text
        try:
            new_payload = result.text.encode(codec)
        except UnicodeEncodeError as error:
            char = error.object[error.start]
            raise LeftUnchanged(
                f"the translation holds {char!r}, which {charset} cannot encode"
            ) from None
        except UnicodeError:
            raise LeftUnchanged(f"{charset} cannot encode the translation") from None
        if not same:  # re-encoding would change bytes the translation did not touch
            raise LeftUnchanged(f"{charset} does not give back the same bytes")
        return new_payload

    def subject(self, start: int, end: int, part: str) -> None:
        field = self.data[start:end]
        name = FIELD.match(field)
        if name is None or name.group(1).lower() != b"subject":
            return
        value_end = len(field.rstrip(b"\r\n"))
        eol = b"\r\n" if field[value_end:].startswith(b"\r") else b"\n"
        found: list[Found] = []
        places: list[int] = []
        value = field[name.end() : value_end]
        plain = b"=?" not in value and b"\n" not in value  # one line, no encoded words

        def rewrite(text: str) -> str:
            result = self.prose(text, NO_SUPPRESSION, markdown=False)
            # Offsets into the decoded Subject as a reader sees it: not the space after ':'.
            lead = len(text) - len(text.lstrip())
            terms = _terms(result)
            found.extend(term.moved(-lead) for term in terms)
            at = [_start(term) for term in terms]
            places.extend(
                start + name.end() + offset if plain else start
                for offset in _byte_offsets(text, "utf-8", at)
            )
            return result.text

        try:
            new = translate_subject(field[:value_end], name.end(), rewrite, eol)
        except LeftUnchanged as reason:
            self.warnings.append(f"Subject: {reason}, left unchanged")
            return
        self.found += [(part, term) for term in found]
        self.places += places
        if new is not None:
            self.edits.append((start + name.end(), start + value_end, new))


def _terms(result: Translation | Translated) -> list[Found]:
    """Every term of a translation, rewritten or left alone, in the order of its text."""
    return sorted([*result.rewrites, *result.suppressed, *result.skipped], key=_start)


def _start(term: Found) -> int:
    """Where a term starts: a rewrite with the words it reaches back over (an article)."""
    return term.start if isinstance(term, Rewrite) else term.match.start


def _byte_offsets(text: str, codec: str, offsets: list[int]) -> list[int]:
    """Where the characters at `offsets` (ascending) of `text` start once it is encoded."""
    found: list[int] = []
    done = position = 0
    for offset in offsets:
        done += len(text[position:offset].encode(codec, "replace"))
        position = offset
        found.append(done)
    return found


UNDECLARED = "windows-1252"
"""What a body without a declared charset is read as when it is not UTF-8: what the mail
programs that write such bodies (old Outlook, scripts on Windows) meant, as readers guess."""


def body_charset(message: Message, payload: bytes | memoryview) -> tuple[str, bool]:
    """The charset to read a text body in, and whether it is a guess. RFC 2045 says a body
    without one is US-ASCII; 8-bit bytes in it are UTF-8 or, failing that, UNDECLARED."""
    declared = message.get_content_charset()
    if declared is not None:
        return declared, False
    try:
        str(payload, "utf-8")
    except UnicodeDecodeError:
        return UNDECLARED, True
    return "utf-8", False


def message_text(data: bytes) -> str:
    """The message `data` as a person reads it, for `--format json` and `--format diff`: the
    body of every text/plain and text/html part decoded from its transfer encoding and its
    charset, everything else (headers with their encoded words, boundaries, attachments)
    as UTF-8; bytes that do not decode show as U+FFFD.

    >>> message_text(b"Subject: =?utf-8?q?caf=C3=A9?=\\nContent-Transfer-Encoding: base64\\n\\n"
    ...              b"Y2Fmw6k=\\n")
    'Subject: =?utf-8?q?caf=C3=A9?=\\nContent-Transfer-Encoding: base64\\n\\ncafé'
    """
    reader = _Reader(bytes(data), prose_of(str), skip_quoted=False)
    for start, end in mailbox_messages(reader.data):
        reader.entity(start, end, "", depth=0)
    pieces: list[str] = []
    position = 0
    for start, end, text in sorted(reader.bodies):
        pieces += [reader.data[position:start].decode("utf-8", "replace"), text]
        position = end
    pieces.append(reader.data[position:].decode("utf-8", "replace"))
    return "".join(pieces)


class _Reader(_Job):
    """Walks a message as `_Job` does, decoding its text bodies instead of translating them."""

    def __post_init__(self) -> None:
        super().__post_init__()
        self.bodies: list[tuple[int, int, str]] = []

    def subject(self, start: int, end: int, part: str) -> None:
        pass  # headers are shown as written

    def leaf(self, message: Message, start: int, end: int, is_html: bool, part: str) -> None:
        encoding = str(message.get("content-transfer-encoding") or "7bit").strip().lower()
        if encoding not in TRANSFER_ENCODINGS:
            return
        payload = decode_transfer(memoryview(self.data)[start:end], encoding)
        codec = text_codec(body_charset(message, payload)[0])
        self.bodies.append((start, end, str(payload, codec, "replace")))

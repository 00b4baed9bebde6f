"""The Subject of an e-mail translated in place, encoded words (RFC 2047) and all.

Only the segments of the Subject that hold the change are rewritten: a plain "Re: " before an
encoded word stays, changed encoded words keep their charset and Q/B encoding, and new encoded
words are folded to the usual line length.
"""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Callable
from dataclasses import dataclass

from dikkevandale.io.mail.encoding import LeftUnchanged, text_codec

_ENCODED_WORD = re.compile(rb"=\?([^?\s*]+)(\*[^?\s]*)?\?([QqBb])\?([^?\s]*)\?=")
_Q_SAFE = frozenset(b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!*+-/")


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
        raise LeftUnchanged("8-bit text that is not UTF-8") from None


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
            raise LeftUnchanged(f"undecodable encoded word {word.group().decode()}") from None
        if groups and groups[-1][0].lower() == charset.lower():
            groups[-1][1].extend(data)
        else:
            groups.append((charset, bytearray(data)))
    try:
        return "".join(bytes(data).decode(text_codec(cs.decode("ascii"))) for cs, data in groups)
    except UnicodeError:
        raise LeftUnchanged("an encoded word that does not decode") from None


def translate_subject(
    field: bytes, colon: int, rewrite: Callable[[str], str], eol: bytes
) -> bytes | None:
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
        codec = text_codec(charset.decode("ascii"))
        pieces = [char.encode(codec) for char in text]
        whole = text.encode(codec)
    except (LeftUnchanged, UnicodeError):
        return None
    return pieces if b"".join(pieces) == whole else None

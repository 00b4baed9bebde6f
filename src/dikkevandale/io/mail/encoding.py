"""Charsets and transfer encodings of MIME parts, and the signal to leave a part alone.

A translated body goes back in its own charset and Content-Transfer-Encoding, laid out like the
original (line length, line endings), so that only the translated text differs. Anything that
cannot be read or written back exactly raises LeftUnchanged with the reason, and the part (or
Subject) is kept as it was.
"""

from __future__ import annotations

import base64
import binascii
import codecs
import email.charset
import re

TRANSFER_ENCODINGS = frozenset({"7bit", "8bit", "binary", "quoted-printable", "base64"})
# Python codecs that are no charset of text: they would turn a body into nonsense (base64,
# rot13 and the like are caught by the codec's own flag).
_NOT_CHARSETS = frozenset({"idna", "punycode", "unicode-escape", "raw-unicode-escape", "undefined"})


class LeftUnchanged(Exception):  # noqa: N818 - a control-flow signal, not an error to report
    """A part or header that cannot be translated safely; the message says why."""


def text_codec(charset: str) -> str:
    """The Python codec of a MIME charset; one that is no text encoding counts as unknown."""
    try:
        info = codecs.lookup(email.charset.ALIASES.get(charset, charset))
    except LookupError:
        raise LeftUnchanged(f"unknown charset {charset}") from None
    if info.name in _NOT_CHARSETS or not getattr(info, "_is_text_encoding", True):
        raise LeftUnchanged(f"unknown charset {charset}")
    return info.name


def decode_transfer(raw: bytes | memoryview, encoding: str) -> bytes | memoryview:
    """A body's bytes without its base64 or quoted-printable; other encodings are the bytes."""
    try:
        if encoding == "base64":
            return binascii.a2b_base64(raw)
        if encoding == "quoted-printable":
            return binascii.a2b_qp(raw)
    except (binascii.Error, ValueError) as error:
        raise LeftUnchanged(f"undecodable {encoding} ({error})") from None
    return raw


def _line_ending(raw: bytes) -> bytes:
    newline = raw.find(b"\n")
    return b"\r\n" if newline > 0 and raw[newline - 1] == 13 else b"\n"


_BASE64_WIDTH = 76
"""RFC 2045: encoded lines are at most 76 characters long."""


def encode_transfer(payload: bytes, encoding: str, original: bytes | memoryview) -> bytes:
    """`payload` in the part's transfer encoding, laid out like the `original` encoded body.

    Quoted-printable keeps every line without a rewrite byte for byte, and wraps new lines
    at 76 characters. Base64 keeps the original's line width (a multiple of 4, at most 76;
    else 76) and what stood before and after the encoded text, such as blank lines before
    the next boundary.
    """
    if encoding not in ("quoted-printable", "base64"):
        return payload
    original = bytes(original)
    eol = _line_ending(original)
    if encoding == "quoted-printable":
        return _quoted_printable_like(payload, original, eol)
    content = original.strip()
    head = original[: len(original) - len(original.lstrip())]
    tail = original[len(head) + len(content) :]
    first_line = content.split(b"\n", 1)[0].rstrip(b"\r")
    width = len(first_line)
    if not 4 <= width <= _BASE64_WIDTH or width % 4:
        width = _BASE64_WIDTH
    encoded = base64.b64encode(payload)
    lines = eol.join(encoded[i : i + width] for i in range(0, len(encoded), width))
    return head + lines + tail


def _quoted_printable_like(payload: bytes, original: bytes, eol: bytes) -> bytes:
    """`payload` in quoted-printable, encoded exactly as in `original` wherever the
    translation left it alone: another encoder's choices (which characters it escapes, where
    it wraps) stay, so only the lines around a rewrite differ."""
    # A line and the soft-broken lines that continue it ("...=" at the end) decode together.
    logical: list[list[bytes]] = []
    for line in _LINE.findall(original):
        if logical and logical[-1][-1].rstrip(b"\r\n").rstrip(b" \t").endswith(b"="):
            logical[-1].append(line)
        else:
            logical.append([line])
    old = [binascii.a2b_qp(b"".join(lines)) for lines in logical]
    if b"".join(old) != binascii.a2b_qp(original):
        return _quoted_printable(payload, eol)  # not line by line: encode it all anew
    new = _LINE.findall(payload)
    out: list[bytes] = []
    before = after = 0  # the next old and new line
    while after < len(new):
        if before < len(old) and old[before] == new[after]:
            out.append(b"".join(logical[before]))  # any equal line may keep its encoding
            before, after = before + 1, after + 1
            continue
        old_end, new_end = _resync(old, new, before, after)
        if old_end - before == 1 and new_end - after == 1:
            out.append(_requoted(logical[before], old[before], new[after], eol))
        else:
            out.append(_quoted_printable(b"".join(new[after:new_end]), eol))
        before, after = old_end, new_end
    return b"".join(out)


_RESYNC_REACH = 64
"""Lines looked ahead for the text to agree again after a rewrite; a rewrite changes a line
or joins a few (a term over a line break)."""


def _resync(old: list[bytes], new: list[bytes], before: int, after: int) -> tuple[int, int]:
    """Where old and new lines agree again after differing at `before`/`after`: the nearest
    two equal lines in a row (or both ends), so that a lone blank line is no anchor. Linear:
    the texts are not aligned as a whole, which is quadratic on repeated lines."""
    for distance in range(2, 2 * _RESYNC_REACH + 1):
        for skipped in range(max(1, distance - _RESYNC_REACH), min(distance, _RESYNC_REACH + 1)):
            old_at, new_at = before + skipped, after + distance - skipped
            old_left, new_left = len(old) - old_at, len(new) - new_at
            if old_left < 0 or new_left < 0:
                continue
            # Two equal lines, or what is left of both when it is the same few lines.
            together = min(old_left, new_left, 2)
            anchored = together == 2 or old_left == new_left == together
            if anchored and old[old_at : old_at + together] == new[new_at : new_at + together]:
                return old_at, new_at
    return len(old), len(new)


def _requoted(encoded: list[bytes], was: bytes, line: bytes, eol: bytes) -> bytes:
    """The new text of one line (`was` before), keeping the encoded lines it was soft-broken
    into before and after the rewrite: a long HTML line changes only around its rewrite."""
    decoded = [binascii.a2b_qp(part) for part in encoded]
    if b"".join(decoded) != was:
        return _quoted_printable(line, eol)
    head, start = 0, 0
    while head < len(encoded) - 1 and line.startswith(decoded[head], start):
        start += len(decoded[head])
        head += 1
    tail, end = len(encoded), len(line)
    while tail - 1 > head and line.endswith(decoded[tail - 1], start, end):
        end -= len(decoded[tail - 1])
        tail -= 1
    middle = line[start:end]
    if middle:
        middle = _quoted_printable(middle, eol, continued=tail < len(encoded))
    return b"".join([*encoded[:head], middle, *encoded[tail:]])


_LINE = re.compile(rb"[^\n]*\n|[^\n]+")


def _quoted_printable(payload: bytes, eol: bytes, *, continued: bool = False) -> bytes:
    """Quoted-printable with soft line breaks at 76 characters; hard line breaks kept as is.
    `continued`: the payload's last line goes on in encoded lines kept from the original, so
    it ends in a soft line break."""
    out = bytearray()
    for line in _LINE.finditer(payload):
        ending = next((e for e in (b"\r\n", b"\n") if line.group().endswith(e)), b"")
        content = line.group()[: len(line.group()) - len(ending)]  # a lone CR becomes =0D
        soft = b"=" + (ending or eol)
        open_end = continued and not ending  # only the last line can have no ending
        width = 0
        for index, byte in enumerate(content):
            last = index == len(content) - 1 and not open_end
            if (33 <= byte <= 126 and byte != 61) or (byte in b" \t" and not last):
                token = bytes((byte,))
            else:
                token = b"=%02X" % byte
            if width + len(token) > (76 if last else 75):
                out += soft
                width = 0
            out += token
            width += len(token)
        out += soft if open_end else ending
    return bytes(out)

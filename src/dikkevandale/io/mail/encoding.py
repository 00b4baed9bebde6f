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

    Base64 keeps the original's line width (a multiple of 4, at most 76; else 76) and what
    stood before and after the encoded text, such as blank lines before the next boundary.
    """
    if encoding not in ("quoted-printable", "base64"):
        return payload
    original = bytes(original)
    eol = _line_ending(original)
    if encoding == "quoted-printable":
        return _quoted_printable(payload, eol)
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

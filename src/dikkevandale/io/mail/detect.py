"""Telling an e-mail from a note by its first lines, without loading the `email` package.

Every `dvd translate` asks this of its input, so it must cost next to nothing; the MIME
machinery in `mail` is imported only for a message that really is one.
"""

from __future__ import annotations

import re

_MAILFIELDS = frozenset(
    {b"from", b"to", b"subject", b"date", b"message-id", b"mime-version", b"received"}
)
FIELD = re.compile(rb"([!-9;-~]+)[ \t]*:")  # RFC 5322 field name: printable ASCII but ':'
# A MIME Content-Type field with a type/subtype value (RFC 2045 tokens).
_MEDIA_TYPE = re.compile(
    rb"content-type[ \t]*:[ \t]*[!#$%&'*+.^_`|~0-9a-z-]+/[!#$%&'*+.^_`|~0-9a-z-]+", re.I
)
_SCAN_LIMIT = 1 << 18  # real header blocks are far smaller; a note is never read to the end


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
    return email_verdict(data) is True


def email_verdict(data: bytes) -> bool | None:
    """Whether `data` opens an e-mail, or None while its complete lines could still be headers.

    A pipe is read only until this decides: a note's first line already does, so text that
    trickles in (`tail -f notes | dvd translate`) is translated as it comes.
    """
    fields = 0
    known = mime = False
    # Only complete lines count: what follows the last line break is no blank line.
    for number, raw_line in enumerate(data[:_SCAN_LIMIT].split(b"\n")[:-1]):
        line = raw_line.removesuffix(b"\r")
        if not line:
            return (known and fields >= 2) or mime
        if number == 0 and line.startswith(b"From "):
            continue
        if line[0] in b" \t":
            if not fields:
                return False
            continue
        field = FIELD.match(line)
        if field is None:
            return False
        fields += 1
        known = known or field.group(1).lower() in _MAILFIELDS
        mime = mime or _MEDIA_TYPE.match(line) is not None
    return None

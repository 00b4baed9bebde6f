"""A lexicon file's bytes and text, without parsing them.

Apart from the loader because a translation with a warm cache only needs the bytes (to find
its compiled index) and should not pay for importing a YAML parser it will not use.
"""

from __future__ import annotations

from pathlib import Path

from dikkevandale.files import NotRegularFileError, read_regular
from dikkevandale.model import Code, LexiconError, Location


def decode(path: Path, data: bytes) -> str:
    """A lexicon file's text, which must be UTF-8."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        message = f"not UTF-8 (byte {error.start}); save the lexicon as UTF-8"
        raise LexiconError(Location(str(path)), message, Code.UNREADABLE) from None


MAX_LEXICON_BYTES = 64 << 20
"""A lexicon file larger than this is refused: a real termbase is a few megabytes."""


def read_bytes(path: Path) -> bytes:
    """A lexicon file's bytes; a missing, unreadable or not regular file is a LexiconError.

    A FIFO or device named as a lexicon is refused at once rather than read without end.
    """
    try:
        return read_regular(path, limit=MAX_LEXICON_BYTES)
    except FileNotFoundError:
        raise LexiconError(Location(str(path)), "lexicon file not found", Code.UNREADABLE) from None
    except NotRegularFileError as error:
        message = f"is {error.strerror}, not a lexicon file"
        raise LexiconError(Location(str(path)), message, Code.UNREADABLE) from None
    except OSError as error:
        message = f"cannot read: {error.strerror}"
        raise LexiconError(Location(str(path)), message, Code.UNREADABLE) from None

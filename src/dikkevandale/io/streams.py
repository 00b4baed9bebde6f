"""Reading user text as bytes and giving it back byte for byte, a paragraph at a time.

Input is read in binary and decoded here (never through Python's text layer, which would
translate line endings), so the output differs from the input only where terms were rewritten.
Big inputs are cut at blank lines, which terms never span, so memory stays flat; where the
blocks of a Markdown text allow it (`blocks.Cutter`), and inside a paragraph or line too long
for one piece, which the translator then moves to a place no term runs across.
"""

from __future__ import annotations

import codecs
import io
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, BinaryIO, NamedTuple, NoReturn

from dikkevandale import files
from dikkevandale.io import blocks

CHUNK = 1 << 16
BINARY_PROBE = 8000
"""Bytes at the start of an input in which a NUL makes it binary whatever else they hold."""


class InputError(ValueError):
    """Input text that cannot be read as text: binary data or the wrong encoding."""


def _nul_is_binary(encoding: str) -> bool:
    """Whether a NUL byte can only be a NUL character in `encoding` (UTF-8, cp1252, latin-1
    and every other ASCII-compatible encoding; not UTF-16 or UTF-32, where NUL bytes fill
    most characters): then each block is searched for one as it is read."""
    try:
        encoder = codecs.getincrementalencoder(encoding)()
        encoder.encode("A")  # a byte order mark (utf-8-sig) comes out first, once
        return encoder.encode("\0A") == b"\0A"
    except (LookupError, UnicodeError):
        return False


def _check_text(text: str, offset: int, encoding: str = "utf-8") -> None:
    nul = text.find("\0")
    if nul >= 0:
        at = offset + len(text[:nul].encode(encoding, errors="replace"))
        raise InputError(_binary(at, text[:1]))


def _binary(at: int, first: str) -> str:
    """The message for a NUL byte at offset `at`; `first`: the input's first character. A
    NUL second byte after a printable one means UTF-16 text more often than not (Notepad's
    "Unicode" without a byte order mark)."""
    message = f"binary input (NUL byte at offset {at}); dvd translates text only"
    if at == 1 and len(first) == 1 and first.isprintable():
        message += "; if it is UTF-16 text, pass --encoding utf-16-le"
    return message


def decode(data: bytes, encoding: str = "utf-8") -> str:
    """The text of `data`, or an InputError that names the byte offset and the remedy."""
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as error:
        raise InputError(_decode_hint(error, encoding, error.start)) from None
    except UnicodeError as error:  # UTF-16 without a byte order mark, say
        raise InputError(_codec_hint(error, encoding)) from None
    _check_text(text, 0, encoding)
    return text


def _decode_hint(error: UnicodeDecodeError, encoding: str, offset: int) -> str:
    """`offset`: where the bad byte is in the whole input (`error.start` in the block)."""
    data = error.object
    if offset == error.start and data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return (
            f"input is not valid {encoding}: it starts with a UTF-16 byte order mark;"
            " pass --encoding utf-16"
        )
    # Most binary formats (images, archives, Outlook's .msg) open with bytes that are no
    # text before their first NUL. As git does, a NUL in the first 8,000 bytes says binary,
    # and then no --encoding would make it text.
    block = offset - error.start  # where `data` starts in the input
    nul = data.find(b"\0", 0, max(0, BINARY_PROBE - block))
    if nul >= 0 and _nul_is_binary(encoding):
        return _binary(block + nul, "")
    return (
        f"input is not valid {encoding} at byte {offset} ({error.reason}); "
        "pass --encoding, e.g. --encoding cp1252"
    )


def _codec_hint(error: UnicodeError, encoding: str) -> str:
    return f"input is not valid {encoding} ({error}); pass --encoding, e.g. --encoding utf-16-le"


class EncodingError(ValueError):
    """An --encoding that is unknown or not a text encoding (rot13, hex, base64 are codecs,
    but of bytes to bytes or str to str)."""


def check_encoding(encoding: str) -> str:
    """The codec's canonical name, or an EncodingError for one that cannot read text."""
    try:
        name = codecs.lookup(encoding).name
        "".encode(name)
        b"".decode(name)
    except LookupError:
        raise EncodingError(
            f"unknown or non-text encoding '{encoding}'; try utf-8, cp1252 or latin-1"
        ) from None
    return name


class Piece(NamedTuple):
    """A piece of a stream; `verbatim` when it lies inside a code block or an HTML block
    that was too long to keep whole, so that nothing in it may be translated; `open_end` when
    it was cut for length where no paragraph ends, so that the next piece goes on with it (a
    term may run across the cut)."""

    text: str
    verbatim: bool = False
    open_end: bool = False


def paragraphs(stream: BinaryIO, encoding: str = "utf-8") -> Iterator[str]:
    """Decoded pieces of `stream`, each ending after a blank line (or at the end).

    Joined, the pieces are exactly the decoded input. A fenced code block, an HTML block that
    runs to its end tag, front matter and a list item are never cut (see `blocks`), so that
    each piece parses as it would in the whole text. The stream is read in blocks of whatever
    has arrived, so a pipe that trickles in is cut as it comes.
    """
    for piece in pieces(stream, encoding):
        yield piece.text


def pieces(stream: BinaryIO, encoding: str = "utf-8", *, joined: bool = False) -> Iterator[Piece]:
    """`paragraphs`, telling which pieces must be kept as they are and which were cut for
    length (`open_end`). Binary input raises InputError at the block it is found in.

    `joined`: prose paragraphs that arrived together are one piece (up to a block of CHUNK
    bytes and what was left of the last), as the whole text would be; a paragraph that may
    hold Markdown stays a piece of its own, and a paragraph is still given as soon as it has
    arrived. Each call of the translator has a fixed cost, which on paragraphs of a few lines
    is a fifth of the work.
    """
    decoder = codecs.getincrementaldecoder(encoding)()
    nul_is_binary = _nul_is_binary(encoding)
    read = stream.read1 if hasattr(stream, "read1") else stream.read
    cutter = blocks.Cutter(joined=joined)
    pending = bytearray()  # from the last cut on
    looked_at = 0  # how much of `pending` the cutter has seen
    consumed = 0
    while True:
        block = read(CHUNK)
        if nul_is_binary and (nul := block.find(b"\0")) >= 0:
            # Refused as soon as seen, not when its paragraph ends: /dev/zero has no end.
            _refuse_binary(decoder, pending + block[: nul + 1], consumed, encoding)
        # Only complete lines can be cut; at the end, everything is. The new line ends are
        # looked for in the new block only, so a huge line costs no more than a short one.
        newline = block.rfind(b"\n")
        lines_end = len(pending) + newline + 1 if newline >= 0 else looked_at
        pending += block
        if not block:
            lines_end = len(pending)
        start = 0
        for cut, verbatim, open_end in cutter.cuts(pending, looked_at, lines_end):
            text = _decode_piece(decoder, pending[start:cut], consumed, encoding, final=False)
            yield Piece(text, verbatim, open_end)
            consumed += cut - start
            start = cut
        if start:
            del pending[:start]
        looked_at = lines_end - start
        if block and len(pending) > blocks.LONGEST_PIECE and len(pending) > looked_at:
            # A line longer than a piece may be: cut inside it (the decoder keeps a character
            # cut in two for the next piece).
            verbatim, open_end = cutter.inside_line(pending, looked_at)
            text = _decode_piece(decoder, pending, consumed, encoding, final=False)
            yield Piece(text, verbatim, open_end)
            consumed += len(pending)
            pending.clear()
            looked_at = 0
        if not block:
            break
    text = _decode_piece(decoder, pending, consumed, encoding, final=True)
    yield Piece(text, cutter.verbatim)


def _decode_piece(
    decoder: codecs.IncrementalDecoder,
    data: bytes | bytearray,
    offset: int,
    encoding: str,
    *,
    final: bool,
) -> str:
    text = _decoded(decoder, data, offset, encoding, final=final)
    _check_text(text, offset, encoding)
    return text


def _decoded(
    decoder: codecs.IncrementalDecoder,
    data: bytes | bytearray,
    offset: int,
    encoding: str,
    *,
    final: bool,
) -> str:
    try:
        return decoder.decode(data, final=final)
    except UnicodeDecodeError as error:
        raise InputError(_decode_hint(error, encoding, offset + error.start)) from None
    except UnicodeError as error:
        raise InputError(_codec_hint(error, encoding)) from None


def _refuse_binary(
    decoder: codecs.IncrementalDecoder, data: bytes | bytearray, offset: int, encoding: str
) -> NoReturn:
    """Raise for input that ends in its first NUL byte (the blocks before were searched): a
    bad byte before it is named first, as the pieces would name it."""
    _decoded(decoder, data, offset, encoding, final=False)
    at = offset + len(data) - 1
    raise InputError(_binary(at, chr(data[0])))


def check_stream(stream: BinaryIO, encoding: str = "utf-8") -> None:
    """Read a seekable stream once to the end for encoding errors and NUL bytes, then rewind.

    A file is checked before anything is written, so bad input never leaves half a
    translation behind; standard input cannot be read twice and is checked as it streams.
    Read in blocks, not lines: this pass only decodes.
    """
    try:
        _decode_all(stream, encoding)
    except InputError:
        # Report what streaming the input would report (a NUL before a bad byte, the same
        # offsets): cut it into paragraphs again, which stops at the first problem.
        stream.seek(0)
        for _ in paragraphs(stream, encoding):
            pass
        raise
    stream.seek(0)


def _decode_all(stream: BinaryIO, encoding: str) -> None:
    decoder = codecs.getincrementaldecoder(encoding)()
    offset = 0  # bytes read so far
    while True:
        block = stream.read(CHUNK * 16)
        # A character cut by the end of the last block is still in the decoder: the text
        # decoded now starts that many bytes before `offset`.
        start = offset - len(decoder.getstate()[0])
        try:
            text = decoder.decode(block, final=not block)
        except UnicodeDecodeError as error:
            raise InputError(_decode_hint(error, encoding, start + error.start)) from None
        except UnicodeError as error:
            raise InputError(_codec_hint(error, encoding)) from None
        _check_text(text, start, encoding)
        if not block:
            return
        offset += len(block)


def read_input_file(path: Path) -> bytes:
    """The bytes of a text file to translate; a missing or not regular file is an InputError."""
    try:
        return files.read_regular(path)
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except files.NotRegularFileError as error:
        raise InputError(f"{path}: is {error.strerror}, not a text file") from None
    except OSError as error:
        raise InputError(f"{path}: cannot read ({error.strerror})") from None


HEAD_SIZE = 8192
"""How much of an input is read ahead to tell an e-mail from a note."""


class _Prefixed(io.RawIOBase):
    """A stream that yields `head` first, then the rest of `stream`."""

    def __init__(self, head: bytes, stream: BinaryIO) -> None:
        self.head = head
        self.stream = stream

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        if self.head:
            size = min(len(buffer), len(self.head))
            buffer[:size] = self.head[:size]
            self.head = self.head[size:]
            return size
        data = self.stream.read1(len(buffer)) if hasattr(self.stream, "read1") else b""
        buffer[: len(data)] = data
        return len(data)


def with_head(
    stream: BinaryIO, decided: Callable[[bytes], bool] = lambda head: False
) -> tuple[BinaryIO, bytes]:
    """The first bytes of a pipe and a stream that still starts with them.

    Reads until `decided(head)`, HEAD_SIZE bytes or the end, whichever comes first: a pipe
    that trickles in must not wait for a whole block before anything is written.
    """
    head = b""
    while len(head) < HEAD_SIZE and not decided(head):
        chunk = stream.read1(HEAD_SIZE - len(head)) if hasattr(stream, "read1") else b""
        if not chunk:
            break
        head += chunk
    return io.BufferedReader(_Prefixed(head, stream)), head


class Writer:
    """Encodes output pieces as one stream: a BOM or a stateful encoding is written once.

    An `eager` writer flushes every piece, so that a pipe that trickles in (`tail -f notes |
    dvd translate`) comes out paragraph by paragraph; otherwise pieces are buffered and go out
    in blocks, which for a big file saves a system call per paragraph.
    """

    def __init__(self, out: BinaryIO, encoding: str, *, eager: bool = True) -> None:
        self.out = out
        self.encoding = encoding
        self.encoder = codecs.getincrementalencoder(encoding)()
        self.eager = eager

    def write(self, text: str, *, final: bool = False) -> None:
        try:
            data = self.encoder.encode(text, final=final)
        except UnicodeEncodeError as error:
            raise InputError(
                f"the translation holds {error.object[error.start]!r}, which {self.encoding} "
                "cannot encode; translate to UTF-8 with --encoding utf-8 or adjust the lexicon"
            ) from None
        self.out.write(data)
        if self.eager or final:
            self.out.flush()

    def flush(self) -> None:
        """Send what is buffered, e.g. at the end of one input before the next is read."""
        self.out.flush()


def write_atomically(
    path: Path, data: bytes, *, backup: bool = False, force: bool = False, sync_folder: bool = True
) -> None:
    """Replace a file's bytes all at once (see `dikkevandale.files`); optionally keep FILE.bak.

    An interrupted or failed write leaves the original as it was; the failure is an
    InputError that says so.
    """
    try:
        files.write_atomically(path, data, backup=backup, force=force, sync_folder=sync_folder)
    except OSError as error:
        reason = error.strerror or str(error)
        raise InputError(f"{path}: cannot write ({reason}); left unchanged") from None

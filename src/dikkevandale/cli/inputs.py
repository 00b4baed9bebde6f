"""The inputs of `dvd translate` and `dvd explain`: a text argument, files, standard input.

Files are checked for bad bytes before anything is written; every input is then read as bytes
and cut into paragraphs, so memory stays flat and a pipe is translated as it comes.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from dikkevandale.cli.common import UsageError, say

if TYPE_CHECKING:
    from dikkevandale.translator import Piece, Translator

PROGRESS_FROM = 4 << 20
"""Inputs bigger than this (bytes) get a progress bar when stderr is a terminal."""


@dataclass
class Source:
    """One input: a name for messages, and the text argument or an open binary stream."""

    name: str
    text: str | None = None
    stream: BinaryIO | None = None
    path: Path | None = None
    size: int = 0


@contextlib.contextmanager
def open_sources(
    text: str | None, files: list[str] | None, encoding: str, email: bool | None = None
) -> Iterator[list[Source]]:
    """The inputs named on the command line, opened; regular files checked before any output."""
    from dikkevandale.io.streams import InputError, check_stream

    if text is not None and files:
        raise UsageError("give the text as an argument or with --file, not both")
    if text is not None:
        yield [Source("text", text=text)]
        return
    with contextlib.ExitStack() as stack:
        sources: list[Source] = []
        for file in files or ["-"]:
            if file == "-":
                if not files and sys.stdin.isatty():
                    say("paste the text, then press Ctrl-D (Ctrl-Z then Enter on Windows)")
                sources.append(Source("stdin", stream=sys.stdin.buffer))
                continue
            path = Path(file)
            try:
                stream = stack.enter_context(path.open("rb"))
            except FileNotFoundError:
                raise InputError(f"{file}: no such file") from None
            except IsADirectoryError:
                raise InputError(f"{file}: is a folder, not a text file") from None
            except OSError as error:
                raise InputError(f"{file}: cannot read ({error.strerror})") from None
            # An e-mail declares its own charsets part by part (an 8-bit windows-1252 message
            # is not UTF-8): it is checked by the mail reader, not as one text.
            if stream.seekable() and not (email if email is not None else _opens_mail(stream)):
                check_stream(stream, encoding)
            sources.append(Source(file, stream=stream, path=path, size=path.stat().st_size))
        yield sources


def _opens_mail(stream: BinaryIO) -> bool:
    from dikkevandale.io.mail.detect import looks_like_email as opens_with_headers
    from dikkevandale.io.streams import HEAD_SIZE

    head = stream.read(HEAD_SIZE)
    stream.seek(0)
    return opens_with_headers(head)


def pieces(translator: Translator, source: Source, encoding: str) -> Iterator[Piece]:
    """A source translated a paragraph at a time (directives carried along); a text
    argument is one piece."""
    from dikkevandale.translator import Piece

    if source.text is not None:
        yield Piece(source.text, translator.translate(source.text), 0, 1)
    elif source.stream is not None:
        yield from translator.translations(source.stream, encoding=encoding)


def with_progress(source: Source, chunks: Iterable[Piece]) -> Iterator[Piece]:
    """The same pieces, with a transient progress bar on a terminal for big files."""
    if source.size < PROGRESS_FROM or not sys.stderr.isatty():
        yield from chunks
        return
    from rich.console import Console
    from rich.progress import Progress

    with Progress(console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task(f"translating {source.name}", total=source.size)
        for chunk in chunks:
            yield chunk
            progress.advance(task, len(chunk.text.encode("utf-8", errors="replace")))


def looks_like_email(item: Source) -> bool:
    """Whether an input starts with e-mail headers, read without losing a byte of it.

    A pipe may deliver the headers in several pieces, so it is read until its first lines
    decide (or a block is full) and what was read is put back in front of the rest.
    """
    from dikkevandale.io.mail.detect import email_verdict
    from dikkevandale.io.mail.detect import looks_like_email as opens_with_headers
    from dikkevandale.io.streams import HEAD_SIZE, with_head

    stream = item.stream
    if stream is None or (stream is sys.stdin.buffer and sys.stdin.isatty()):
        return False
    if stream.seekable():
        head = stream.read(HEAD_SIZE)
        stream.seek(0)
    else:
        item.stream, head = with_head(stream, lambda head: email_verdict(head) is not None)
    return opens_with_headers(head)


class Places:
    """Lines and columns (1-based, in the whole input) of increasing offsets in a piece, each
    found from the last: linear in the piece, however many terms it holds (a piece can be
    64 KiB of paragraphs, or one long line)."""

    def __init__(self, piece: Piece) -> None:
        self.text = piece.text
        self.line = piece.line
        self.line_start = 0
        self.position = 0

    def at(self, offset: int) -> tuple[int, int]:
        text = self.text
        newlines = text.count("\n", self.position, offset)
        if newlines:
            self.line += newlines
            self.line_start = text.rfind("\n", self.position, offset) + 1
        self.position = offset
        return self.line, offset - self.line_start + 1

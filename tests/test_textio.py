"""Streaming input and output: paragraphs in, encoded pieces out, flushed when a pipe needs it."""

from __future__ import annotations

import contextlib
import io
import os
import select
import subprocess
import sys
from collections.abc import Iterator
from itertools import accumulate
from pathlib import Path
from typing import Any

import pytest

from dikkevandale.io import blocks
from dikkevandale.io.streams import (
    CHUNK,
    InputError,
    Piece,
    Writer,
    check_stream,
    decode,
    paragraphs,
    pieces,
)
from helpers import Arriving, Trickle


class CountingSink(io.BytesIO):
    def __init__(self) -> None:
        super().__init__()
        self.flushes = 0

    def flush(self) -> None:
        self.flushes += 1
        super().flush()


@pytest.mark.parametrize(("eager", "flushes"), [(True, 3), (False, 1)])
def test_a_writer_flushes_each_piece_only_when_eager(eager: bool, flushes: int) -> None:
    sink = CountingSink()
    writer = Writer(sink, "utf-8", eager=eager)
    writer.write("Eén klantbeeld.\n\n")
    writer.write("Twee.\n")
    writer.write("", final=True)
    assert sink.getvalue() == "Eén klantbeeld.\n\nTwee.\n".encode()
    assert sink.flushes == flushes


@pytest.mark.parametrize(
    ("text", "pieces"),
    [
        pytest.param("a\n\nb\n", ["a\n\n", "b\n"], id="blank-line"),
        pytest.param("a\r\n \t\r\nb", ["a\r\n \t\r\n", "b"], id="crlf-and-spaces"),
        pytest.param("> a\n> \n> b\n", ["> a\n> \n", "> b\n"], id="quoted-blank-line"),
        pytest.param("a\n  \r  \nb\n", ["a\n  \r  \nb\n"], id="carriage-return-inside"),
        pytest.param("```\nx\n\ny\n```\n\nz", ["```\nx\n\ny\n```\n\n", "z"], id="fence"),
        pytest.param("~~~\n\n~~~\nz", ["~~~\n\n~~~\nz"], id="tilde-fence"),
        pytest.param("a\n \n", ["a\n \n", ""], id="blank-line-at-the-end"),
    ],
)
def test_paragraphs_end_after_blank_lines_outside_fences(text: str, pieces: list[str]) -> None:
    found = list(paragraphs(io.BytesIO(text.encode())))
    assert found == pieces
    assert "".join(found) == text
    assert list(paragraphs(io.BufferedReader(Trickle(text.encode(), 1)))) == pieces


NOTE = (
    "---\ntitle: Notulen\n\n---\n\nHet klantbeeld.\r\n\r\n> quote\n>\n> more\n\n"
    "```yaml\nkey: value\n\nother: 1\n```\n\n~~~\n\n~~~\nEnd without newline"
)


@pytest.mark.parametrize("most", [1, 3, 7, 64, 1 << 20])
def test_paragraphs_are_the_same_however_the_input_arrives(most: int) -> None:
    pieces = list(paragraphs(io.BufferedReader(Trickle(NOTE.encode(), most))))
    assert "".join(pieces) == NOTE
    assert pieces == [
        "---\ntitle: Notulen\n\n---\n\n",
        "Het klantbeeld.\r\n\r\n",
        "> quote\n>\n",
        "> more\n\n",
        "```yaml\nkey: value\n\nother: 1\n```\n\n",
        "~~~\n\n~~~\nEnd without newline",
    ]


@contextlib.contextmanager
def running_dvd(*arguments: str) -> Iterator[subprocess.Popen[bytes]]:
    """`dvd ARGUMENTS` with pipes on all sides, its output not forced unbuffered, always reaped."""
    environment = {key: value for key, value in os.environ.items() if key != "PYTHONUNBUFFERED"}
    process = subprocess.Popen(
        [sys.executable, "-m", "dikkevandale", *arguments],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=environment,
    )
    try:
        yield process
    finally:
        process.kill()
        process.wait()
        for pipe in (process.stdin, process.stdout, process.stderr):
            if pipe is not None:
                pipe.close()


def first_output(process: subprocess.Popen[bytes], why: str) -> bytes:
    """What the process has written so far, waiting at most 30 s for anything at all."""
    assert process.stdout is not None
    ready, _, _ = select.select([process.stdout], [], [], 30)
    assert ready, why
    return os.read(process.stdout.fileno(), 4096)


@pytest.mark.skipif(sys.platform == "win32", reason="select() on pipes is POSIX")
def test_a_trickling_pipe_gets_each_paragraph_as_soon_as_it_is_translated(
    lexicon_file: Path,
) -> None:
    """`tail -f notes | dvd translate`: output must not wait for the end of the input."""
    with running_dvd(
        "translate", "--to", "it", "--no-builtin", "--lexicon", str(lexicon_file)
    ) as process:
        assert process.stdin is not None
        assert process.stdout is not None
        process.stdin.write(b"Het 360-graden-klantbeeld is af.\n\n")
        process.stdin.flush()
        first = first_output(process, "no output while the pipe stays open")
        assert first.startswith(b"De mid-office-oplossing op basis van XML is af.")
        process.stdin.write(b"Nog een 360-graden-klantbeeld.\n")
        process.stdin.close()
        rest = process.stdout.read()
        assert process.wait(30) == 0
    assert (first + rest).endswith(b"Nog een mid-office-oplossing op basis van XML.\n")


@pytest.mark.skipif(sys.platform == "win32", reason="select() on pipes is POSIX")
def test_a_file_before_a_waiting_pipe_is_written_out_first(
    lexicon_file: Path, tmp_path: Path
) -> None:
    """`dvd translate -f notes.md -f -`: the file's translation must not wait for the pipe."""
    notes = tmp_path / "notes.md"
    notes.write_text("Het 360-graden-klantbeeld is af.\n", encoding="utf-8")
    arguments = ["--no-builtin", "--lexicon", str(lexicon_file), "-f", str(notes), "-f", "-"]
    with running_dvd("translate", "--to", "it", *arguments) as process:
        assert process.stdin is not None
        first = first_output(process, "the file's translation waits for the pipe")
        assert first == b"De mid-office-oplossing op basis van XML is af.\n"
        process.stdin.close()
        assert process.wait(30) == 0


@pytest.mark.parametrize(
    ("encoding", "tail", "message"),
    [
        ("utf-8", b"", ""),
        ("utf-8", b"ok \xff", "byte 3"),
        ("utf-8", b"ok \0", "offset 3"),
        ("utf-16-le", "ok \0".encode("utf-16-le"), "offset 6"),
        ("utf-16-le", b"o", "byte 0"),
    ],
    ids=["valid", "bad-byte", "nul", "utf16-nul", "utf16-cut"],
)
def test_a_file_is_checked_in_blocks_with_offsets_in_the_whole_file(
    encoding: str, tail: bytes, message: str
) -> None:
    """Past the first 1 MiB block, with characters cut by every block boundary; `message`
    names the offset within `tail`."""
    head = ("€" * (CHUNK * 12)).encode(encoding)  # 3 or 2 bytes each: blocks cut them
    if not message:
        check_stream(io.BytesIO(head + tail), encoding)
        return
    with pytest.raises(InputError) as caught:
        check_stream(io.BytesIO(head + tail), encoding)
    kind, at = message.split()
    assert f"{kind} {len(head) + int(at)}" in str(caught.value)


class Endless(io.RawIOBase):
    """`/dev/zero` as a pipe delivers it: NUL bytes without end, counted."""

    def __init__(self, head: bytes = b"") -> None:
        self.head, self.reads = head, 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        self.reads += 1
        data = (self.head + bytes(len(buffer)))[: len(buffer)]
        self.head = self.head[len(data) :]
        buffer[: len(data)] = data
        return len(data)


@pytest.mark.parametrize("head", [b"", b"Het klantbeeld.\n\n" * 1000, "café ".encode() * 4000])
def test_binary_input_is_refused_in_the_block_it_is_seen_in(head: bytes) -> None:
    """Before: NULs were looked for when a paragraph ended, which a stream of them never
    does (400 MB of NULs peaked at 2 GB; /dev/zero grew until a MemoryError)."""
    source = Endless(head)
    with pytest.raises(InputError, match=f"NUL byte at offset {len(head)}"):
        for _ in paragraphs(io.BufferedReader(source, CHUNK)):
            pass
    assert source.reads <= len(head) // CHUNK + 2


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252", "latin-1", "shift_jis"])
def test_each_block_is_searched_for_nul_in_ascii_compatible_encodings(encoding: str) -> None:
    source = Endless()
    with pytest.raises(InputError, match="NUL byte at offset 0"):
        list(paragraphs(io.BufferedReader(source, CHUNK), encoding))
    assert source.reads == 1


def test_a_bad_byte_before_a_nul_is_named_first() -> None:
    """Past the first 8,000 bytes, which alone decide binary (as git does)."""
    data = b"ok " * 3000 + b"\xff and then \0"
    for read in (lambda: list(paragraphs(io.BytesIO(data))), lambda: decode(data)):
        with pytest.raises(InputError, match="byte 9000"):
            read()


def test_utf16_without_a_byte_order_mark_is_bad_input_not_an_internal_error() -> None:
    with pytest.raises(InputError, match="not valid utf-16"):
        list(paragraphs(io.BytesIO(b"\0" * 10), "utf-16"))


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
@pytest.mark.parametrize("how", ["file", "pipe"])
def test_dvd_stops_at_once_on_dev_zero(how: str, tmp_path: Path) -> None:
    """`dvd translate -f /dev/zero` and `cat /dev/zero | dvd translate`: exit 3 at once."""
    command = [sys.executable, "-m", "dikkevandale", "translate", "--to", "it"]
    with contextlib.ExitStack() as stack:
        if how == "file":
            command += ["-f", "/dev/zero"]
            stdin: Any = subprocess.DEVNULL
        else:
            cat = stack.enter_context(
                subprocess.Popen(["cat", "/dev/zero"], stdout=subprocess.PIPE)
            )
            stack.callback(cat.kill)
            stdin = cat.stdout
        done = subprocess.run(
            command, stdin=stdin, capture_output=True, timeout=60, check=False, cwd=tmp_path
        )
    assert done.returncode == 3
    assert b"binary input (NUL byte at offset 0)" in done.stderr
    assert done.stdout == b""


@pytest.mark.parametrize(
    ("data", "hint"),
    [
        ("Het klantbeeld.\n".encode("utf-16"), "starts with a UTF-16 byte order mark"),
        ("Het klantbeeld.\n".encode("utf-16-le"), "pass --encoding utf-16-le"),
    ],
    ids=["utf-16-with-mark", "utf-16-le-without-mark"],
)
def test_utf16_text_gets_a_hint_for_its_encoding(data: bytes, hint: str) -> None:
    """Notepad's "Unicode" files are UTF-16: the error says which --encoding reads them."""
    for read in (
        lambda: list(paragraphs(io.BytesIO(data))),
        lambda: check_stream(io.BytesIO(data)),
        lambda: decode(data),
    ):
        with pytest.raises(InputError, match=hint):
            read()


def test_a_nul_as_second_byte_after_a_control_byte_gets_no_utf16_hint() -> None:
    with pytest.raises(InputError) as raised:
        list(paragraphs(io.BytesIO(b"\x01\x00\x02")))
    assert "UTF-16" not in str(raised.value)


@pytest.mark.parametrize(
    "data",
    [
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 16 + b">\0\3\0",  # Outlook .msg (OLE)
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR",
        b"\xff\xd8\xff\xe0\0\x10JFIF\0",
    ],
    ids=["outlook-msg", "png", "jpeg"],
)
def test_binary_files_are_called_binary_not_another_encoding(data: bytes) -> None:
    """A byte that is not UTF-8 comes before the first NUL in most binary formats: the error
    must still say binary, not suggest an --encoding that would "read" it."""
    nul = data.index(b"\0")
    for read in (
        lambda: list(paragraphs(io.BytesIO(data))),
        lambda: check_stream(io.BytesIO(data)),
        lambda: decode(data),
    ):
        with pytest.raises(InputError) as raised:
            read()
        assert str(raised.value).startswith(f"binary input (NUL byte at offset {nul})")
        assert "cp1252" not in str(raised.value)


def ends(found: list[Piece]) -> list[int]:
    """Where each piece ends in the text."""
    return list(accumulate(len(piece.text) for piece in found))


def test_paragraphs_that_arrive_together_are_one_piece_when_joined() -> None:
    apart = list(pieces(io.BytesIO(NOTE.encode())))
    joined = list(pieces(io.BytesIO(NOTE.encode()), joined=True))
    assert "".join(piece.text for piece in joined) == NOTE
    assert len(joined) < len(apart)
    assert set(ends(joined)) < set(ends(apart))  # cut only where the pieces apart are
    # A block left whole (the fence with a blank line in it) is inside one piece, as apart.
    fenced = "```yaml\nkey: value\n\nother: 1\n```\n\n"
    assert any(fenced in piece.text for piece in joined)


def test_a_joined_piece_is_given_as_soon_as_its_paragraphs_have_arrived() -> None:
    pipe = Arriving("Eerste alinea.\n\nTweede alinea.\n\n", "Derde.\n\n", "Vierde.\n")
    found = pieces(io.BufferedReader(pipe), joined=True)
    assert next(found).text == "Eerste alinea.\n\nTweede alinea.\n\n"
    assert pipe.reads == 1  # given before anything more was asked of the pipe
    assert next(found).text == "Derde.\n\n"
    assert pipe.reads == 2
    assert "".join(piece.text for piece in found) == "Vierde.\n"


def test_pieces_kept_as_they_are_or_cut_for_length_are_never_joined(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(blocks, "LONGEST_PIECE", 40)
    text = (
        "Intro.\n\n```\n"
        + "code line\n" * 12
        + "```\n\nNext.\n\n"
        + "woord " * 20
        + "\nmeer woorden\n\nOutro.\n\nEnd.\n"
    )
    apart = list(pieces(io.BytesIO(text.encode())))
    joined = list(pieces(io.BytesIO(text.encode()), joined=True))
    special = [piece for piece in apart if piece.verbatim or piece.open_end]
    assert any(piece.verbatim for piece in special) and any(piece.open_end for piece in special)
    assert [piece for piece in joined if piece.verbatim or piece.open_end] == special
    assert "".join(piece.text for piece in joined) == text
    assert set(ends(joined)) <= set(ends(apart))
    assert len(joined) < len(apart)

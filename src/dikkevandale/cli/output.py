"""Where `dvd translate` writes: text (highlighted on a terminal), files in place, JSON, a
diff, e-mails part by part, or for --check only the findings on stderr.
"""

from __future__ import annotations

import io
import os
import sys
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any

import typer

from dikkevandale.cli.common import report, say
from dikkevandale.cli.exitstatus import ExitStatus
from dikkevandale.cli.inputs import Source, pieces, with_progress
from dikkevandale.model import MatchKind, Translation

if TYPE_CHECKING:
    from dikkevandale.cli.translate import Settings


class Format(StrEnum):
    text = "text"
    json = "json"
    diff = "diff"


class Color(StrEnum):
    auto = "auto"
    always = "always"
    never = "never"


def colored(mode: Color) -> bool:
    if mode is Color.always:
        return True
    if mode is Color.never or os.environ.get("NO_COLOR"):
        return False
    return sys.stdout.isatty()


_HIGHLIGHT = ("\x1b[1;32m", "\x1b[0m")  # bold green, then reset


def _highlighted(result: Translation) -> str:
    """The translation with each replacement wrapped in terminal colour codes.

    Only the codes are added: tabs, line endings and the output encoding stay as they are.
    """
    pieces: list[str] = []
    source_position = 0
    output_position = 0
    for rewrite in result.rewrites:
        # Rewrites carry input offsets; the output has shifted by the replacements before.
        unchanged = rewrite.start - source_position
        pieces.append(result.text[output_position : output_position + unchanged])
        pieces += [_HIGHLIGHT[0], rewrite.replacement, _HIGHLIGHT[1]]
        output_position += unchanged + len(rewrite.replacement)
        source_position = rewrite.end
    pieces.append(result.text[output_position:])
    return "".join(pieces)


def _line_col(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


@dataclass
class _Tally:
    rewritten: int = 0
    fuzzy: int = 0

    def add(self, result: Translation) -> None:
        self.rewritten += len(result.rewrites)
        self.fuzzy += sum(1 for r in result.rewrites if r.match.kind is MatchKind.FUZZY)

    def summary(self, done: str = "rewritten") -> str:
        terms = f"{self.rewritten} term{'s' if self.rewritten != 1 else ''}"
        return f"{terms} {done}, {self.fuzzy} fuzzy"


@dataclass
class Job:
    """One `dvd translate` run over its inputs: where each output goes, what was found."""

    run: Settings
    encoding: str
    output_format: Format
    check: bool
    in_place: bool
    backup: bool
    skip_quoted: bool
    highlight: bool = False
    tally: _Tally = field(default_factory=_Tally)
    records: list[dict[str, Any]] = field(default_factory=list)
    originals: list[str] = field(default_factory=list)
    translated: list[str] = field(default_factory=list)
    offset: int = 0
    """Characters of input before the current piece, for the JSON offsets."""

    def __post_init__(self) -> None:
        from dikkevandale.io.streams import Writer

        self.stdout = Writer(sys.stdout.buffer, self.encoding)

    def text(self, item: Source) -> None:
        """Translate a plain text or Markdown input, a paragraph at a time."""
        from dikkevandale.io.output import rewrite_record
        from dikkevandale.io.streams import Writer, write_atomically

        out = Writer(io.BytesIO(), self.encoding) if self.in_place else self.stdout
        # A file can be read as fast as it is written: no flush per paragraph (see Writer).
        out.eager = item.stream is None or not item.stream.seekable()
        lines_before = 0
        for piece in with_progress(item, pieces(item, self.encoding)):
            result = self.run.translate(piece)
            self.tally.add(result)
            if self.check:
                for rewrite in result.rewrites:
                    line, col = _line_col(piece, rewrite.start)
                    report(
                        f"{item.name}:{lines_before + line}:{col}: {rewrite.text} → "
                        f"{rewrite.replacement} ({rewrite.match.concept})"
                    )
                lines_before += piece.count("\n")
            elif self.output_format is Format.text:
                # An argument is a line typed at a prompt, not a byte stream: end it.
                typed = item.text is not None and not result.text.endswith("\n")
                written = _highlighted(result) if self.highlight else result.text
                out.write(written + ("\n" if typed else ""))
            else:
                self.records += [rewrite_record(r, self.offset) for r in result.rewrites]
                self.offset += len(piece)
                self.originals.append(piece)
                self.translated.append(result.text)
        if self.in_place and item.path is not None:
            out.write("", final=True)
            assert isinstance(out.out, io.BytesIO)
            write_atomically(item.path, out.out.getvalue(), backup=self.backup)
        else:
            out.flush()  # the next input may be a pipe that keeps us waiting

    def email(self, item: Source) -> None:
        """Translate an e-mail message part by part; other parts and headers stay as they are."""
        from dikkevandale.io.mail.message import translate_email
        from dikkevandale.io.streams import write_atomically

        data = item.text.encode(self.encoding) if item.text is not None else b""
        if item.stream is not None:
            data = item.stream.read()

        def rewrite(text: str) -> str:
            result = self.run.translate(text)
            self.tally.add(result)
            if self.check:
                for found in result.rewrites:
                    concept = found.match.concept
                    report(f"{item.name}: {found.text} → {found.replacement} ({concept})")
            return result.text

        result = translate_email(data, rewrite, skip_quoted=self.skip_quoted)
        for warning in result.warnings:
            say(f"warning: {item.name}: {warning}")
        if self.check:
            return
        if self.in_place and item.path is not None:
            write_atomically(item.path, result.data, backup=self.backup)
        else:
            self.stdout.out.write(result.data)
            self.stdout.out.flush()

    def finish(self, name: str) -> None:
        """Write what is written at the end (JSON, a diff), and report or fail for --check."""
        from dikkevandale.io.output import render_diff, render_json

        if self.check:
            if self.tally.rewritten:
                say(f"{self.tally.summary('would be rewritten')} for {self.run.to}")
                raise typer.Exit(ExitStatus.FINDINGS)
            return
        if self.output_format is Format.json:
            document = render_json(self.run.to, "".join(self.translated), self.records)
            self.stdout.out.write(document.encode("utf-8"))
        elif self.output_format is Format.diff:
            self.stdout.write(render_diff("".join(self.originals), "".join(self.translated), name))
        self.stdout.write("", final=True)
        if self.highlight or (self.in_place and sys.stderr.isatty()):
            say(self.tally.summary())

"""Where `dvd translate` writes: text (highlighted on a terminal), files in place, JSON, a
diff, e-mails part by part, or for --check only the findings on stderr.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from dikkevandale.cli.common import count, note, report, say
from dikkevandale.cli.exitstatus import ExitStatus
from dikkevandale.cli.inputs import Places, Source, pieces, with_progress
from dikkevandale.model import MatchKind, Rewrite, Translation

if TYPE_CHECKING:
    from dikkevandale.translator import Translator


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


@dataclass
class _Tally:
    rewritten: int = 0
    fuzzy: int = 0
    concepts: set[str] = field(default_factory=set)

    def add(self, result: Translation) -> None:
        self.add_rewrites(result.rewrites)

    def add_rewrites(self, rewrites: Iterable[Rewrite]) -> None:
        for rewrite in rewrites:
            self.rewritten += 1
            self.fuzzy += rewrite.match.kind is MatchKind.FUZZY
            self.concepts.add(rewrite.match.concept)

    def summary(self, done: str = "rewritten") -> str:
        terms = count(self.rewritten, "term")
        return f"{terms} {done}, {self.fuzzy} fuzzy"


@dataclass
class Job:
    """One `dvd translate` run over its inputs: where each output goes, what was found."""

    translator: Translator
    encoding: str
    output_format: Format
    check: bool
    skip_quoted: bool
    highlight: bool = False
    color_diff: bool = False
    tally: _Tally = field(default_factory=_Tally)
    records: list[dict[str, Any]] = field(default_factory=list)
    suppressed: list[dict[str, Any]] = field(default_factory=list)
    skipped: list[dict[str, Any]] = field(default_factory=list)
    originals: list[str] = field(default_factory=list)
    translated: list[str] = field(default_factory=list)
    offset: int = 0
    """Characters of input before the current input, for the JSON offsets."""

    def __post_init__(self) -> None:
        from dikkevandale.io.streams import Writer

        self.stdout = Writer(sys.stdout.buffer, self.encoding)

    def text(self, item: Source) -> None:
        """Translate a plain text or Markdown input, a paragraph at a time."""
        from dikkevandale.io.output import rewrite_record, skip_record, suppressed_record

        out = self.stdout
        # A file can be read as fast as it is written: no flush per paragraph (see Writer).
        out.eager = item.stream is None or not item.stream.seekable()
        for piece in with_progress(item, pieces(self.translator, item, self.encoding)):
            result = piece.translation
            self.tally.add(result)
            if self.check:
                places = Places(piece)
                for rewrite in result.rewrites:
                    line, col = places.at(rewrite.start)
                    report(
                        f"{item.name}:{line}:{col}: {rewrite.text} → "
                        f"{rewrite.replacement} ({rewrite.match.concept})"
                    )
            elif self.output_format is Format.text:
                # An argument is a line typed at a prompt, not a byte stream: end it.
                typed = item.text is not None and not result.text.endswith("\n")
                written = _highlighted(result) if self.highlight else result.text
                out.write(written + ("\n" if typed else ""))
            else:
                offset = self.offset + piece.offset
                self.records += [rewrite_record(r, offset) for r in result.rewrites]
                self.suppressed += [suppressed_record(s, offset) for s in result.suppressed]
                self.skipped += [skip_record(s, offset) for s in result.skipped]
                self.originals.append(piece.text)
                self.translated.append(result.text)
        self.offset = sum(map(len, self.originals))
        out.flush()  # the next input may be a pipe that keeps us waiting

    def email(self, item: Source) -> None:
        """Translate an e-mail message part by part; other parts and headers stay as they are."""
        data = item.text.encode(self.encoding) if item.text is not None else b""
        if item.stream is not None:
            data = item.stream.read()
        result = self.translator.translate_email(data, skip_quoted=self.skip_quoted)
        self.tally.add_rewrites(result.rewrites)
        for warning in result.warnings:
            say(f"warning: {item.name}: {warning}")
        if self.check:
            for found in result.rewrites:
                concept = found.match.concept
                report(f"{item.name}: {found.text} → {found.replacement} ({concept})")
            return
        if self.output_format is Format.text:
            self.stdout.out.write(result.data)
            self.stdout.out.flush()
            return
        # JSON and diff show the message as text (its bodies decoded); each match names its
        # part, with offsets into that part's decoded text.
        from dikkevandale.io.mail.message import message_text
        from dikkevandale.io.output import rewrite_record, skip_record, suppressed_record
        from dikkevandale.model import Suppressed

        for part, rewrite in zip(result.parts, result.rewrites, strict=True):
            self.records.append({"part": part, **rewrite_record(rewrite)})
        for part, term in zip(result.left_alone_parts, result.left_alone, strict=True):
            if isinstance(term, Suppressed):
                self.suppressed.append({"part": part, **suppressed_record(term)})
            else:
                self.skipped.append({"part": part, **skip_record(term)})
        self.originals.append(message_text(data))
        self.translated.append(message_text(result.data))
        self.offset = sum(map(len, self.originals))

    def finish(self, name: str) -> None:
        """Write what is written at the end (JSON, a diff), and report or fail for --check."""
        from dikkevandale.io.output import color_diff, render_diff, render_json

        to = self.translator.options.to or ""
        if self.check:
            if sys.stderr.isatty():
                project_note(self.translator, self.tally.concepts)
            if self.tally.rewritten:
                say(f"{self.tally.summary('would be rewritten')} for {to}")
                raise typer.Exit(ExitStatus.FINDINGS)
            return
        if self.output_format is Format.json:
            document = render_json(
                to, "".join(self.translated), self.records, self.suppressed, self.skipped
            )
            self.stdout.out.write(document.encode("utf-8"))
        elif self.output_format is Format.diff:
            diff = render_diff("".join(self.originals), "".join(self.translated), name)
            self.stdout.write(color_diff(diff) if self.color_diff else diff)
        self.stdout.write("", final=True)
        if self.highlight:
            note(self.tally.summary())
        if sys.stderr.isatty():
            project_note(self.translator, self.tally.concepts)


def translate_in_place(
    translator: Translator,
    files: list[str],
    *,
    jobs: int,
    backup: bool,
    force: bool,
    encoding: str,
    email: bool | None,
    skip_quoted: bool,
) -> None:
    """Rewrite each file atomically (only those that change), `jobs` files at a time."""
    import os

    seen: dict[str, str] = {}
    for name in files:
        real = os.path.realpath(name)
        if real in seen:
            say(f"warning: {name}: the same file as {seen[real]}; translated once")
        else:
            seen[real] = name
    tally = _Tally()
    changed = 0
    results = translator.translate_files(
        list(seen.values()),
        jobs=jobs,
        in_place=True,
        backup=backup,
        force=force,
        encoding=encoding,
        email=email,
        skip_quoted=skip_quoted,
    )
    for name, result in zip(seen.values(), results, strict=True):
        for warning in result.warnings:
            say(f"warning: {name}: {warning}")
        tally.add_rewrites(finding.rewrite for finding in result.findings)
        changed += result.written
    if sys.stderr.isatty():
        files_changed = f"{count(changed, 'file')} changed"
        note(f"{tally.summary()}; {files_changed}")
        project_note(translator, tally.concepts)


def project_note(translator: Translator, concepts: set[str]) -> None:
    """Name the project lexicons when they decided some of the rewrites, so that a lexicon
    found in a parent folder never changes a text unseen (--quiet hides this)."""
    from dikkevandale.lexicon.layers import PROJECT

    project = {
        str(path) for layer in translator.layers if layer.name == PROJECT for path in layer.files
    }
    if not project:
        return
    decided = sorted(
        concept
        for concept in concepts
        if (where := translator.concepts[concept].location) is not None and where.path in project
    )
    if decided:
        folders = sorted({str(Path(path).parent) for path in project})
        note(
            f"{len(decided)} of the rewritten concepts come from the project lexicons in "
            f"{', '.join(folders)} ({', '.join(decided[:5])}{', …' if len(decided) > 5 else ''})"
        )

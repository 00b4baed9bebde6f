"""`dvd translate` and `dvd explain`: reading notes and e-mails, writing them back for an audience.

Input is read as bytes and streamed a paragraph at a time; the output differs from the input
only where terms were rewritten. A person at a terminal sees the rewritten terms highlighted
and a summary; a pipe gets plain bytes.
"""

from __future__ import annotations

import contextlib
import io
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, BinaryIO

import typer

from dikkevandale.cli_common import (
    LexiconOption,
    NoBuiltinOption,
    UsageError,
    check_audience,
    guard,
    lexicon_layers,
    report,
    say,
)
from dikkevandale.exitstatus import ExitStatus
from dikkevandale.model import MatchKind, Translation
from dikkevandale.rewriter import DEFAULT_GLOSS, check_gloss
from dikkevandale.rewriter import translate as translate_text

PROGRESS_FROM = 4 << 20
"""Inputs bigger than this (bytes) get a progress bar when stderr is a terminal."""


class Format(StrEnum):
    text = "text"
    json = "json"
    diff = "diff"


class Mode(StrEnum):
    REPLACE = "replace"
    GLOSS = "gloss"


class Color(StrEnum):
    auto = "auto"
    always = "always"
    never = "never"


TextArgument = Annotated[
    str | None,
    typer.Argument(
        metavar="TEXT", help="The text to translate. Leave out to read -f FILE or standard input."
    ),
]
FileOption = Annotated[
    list[str] | None,
    typer.Option(
        "--file",
        "-f",
        metavar="FILE",
        help="Read the text from FILE ('-' for standard input); repeatable.",
    ),
]
ToOption = Annotated[
    str | None,
    typer.Option(
        "--to",
        "-t",
        metavar="AUDIENCE",
        help="The audience to write for, e.g. it or sales (default: 'to' in .dvd.toml).",
    ),
]
FromOption = Annotated[
    list[str] | None,
    typer.Option(
        "--from",
        metavar="AUDIENCE",
        help="Only rewrite terms of this audience; repeatable. Default: all others.",
    ),
]
ThresholdOption = Annotated[
    float | None,
    typer.Option(
        "--threshold",
        min=50.0,
        max=100.0,
        metavar="SCORE",
        help="Fuzzy similarity (50-100) a typo needs to count. [default: 90]",
    ),
]
NoFuzzyOption = Annotated[
    bool, typer.Option("--no-fuzzy", help="Only exact spellings, variants and inflections.")
]
EncodingOption = Annotated[
    str,
    typer.Option(
        "--encoding", metavar="ENCODING", help="Encoding of the input; the output uses the same."
    ),
]
LangOption = Annotated[
    str,
    typer.Option(
        "--lang",
        metavar="auto|nl|en|pl",
        help="Language of the text: only lexicons in it are used. auto detects per paragraph.",
    ),
]


@dataclass(frozen=True)
class Settings:
    """What a translating command needs, from its options over the project's `.dvd.toml`."""

    index: Any
    to: str
    sources: list[str] | None
    fuzzy: bool
    threshold: float
    language: str | None
    gloss_label: str | None = None

    def translate(self, text: str) -> Translation:
        return translate_text(
            text,
            self.index,
            self.to,
            sources=self.sources,
            fuzzy=self.fuzzy,
            threshold=self.threshold,
            language=self.language,
            gloss_label=self.gloss_label,
        )


def settings(
    lexicons: list[Path] | None,
    no_builtin: bool,
    to: str | None,
    sources: list[str] | None,
    threshold: float | None,
    no_fuzzy: bool,
    lang: str = "auto",
    gloss_label: str | None = None,
) -> Settings:
    """Load the lexicons in force and check the options against them."""
    from dikkevandale.cache import load_index
    from dikkevandale.matcher import DEFAULT_THRESHOLD
    from dikkevandale.model import did_you_mean

    layers, config = lexicon_layers(lexicons, no_builtin)
    to = to or config.to
    if to is None:
        raise UsageError('missing --to AUDIENCE (or set to = "it" in .dvd.toml)')
    if gloss_label is not None:
        try:
            check_gloss(gloss_label)
        except ValueError as error:
            raise UsageError(str(error)) from None
    index = load_index(layers)
    check_audience(to, index.audiences)
    language = None if lang == "auto" else lang
    if language is not None and language not in index.languages:
        known = sorted(index.languages)
        raise UsageError(
            f"no lexicon in force is in language '{language}'{did_you_mean(language, known)};"
            f" languages: auto, {', '.join(known)}"
        )
    return Settings(
        index,
        to,
        [check_audience(a, index.audiences) for a in sources] if sources else None,
        config.fuzzy and not no_fuzzy,
        threshold if threshold is not None else config.threshold or DEFAULT_THRESHOLD,
        language,
        gloss_label,
    )


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
    text: str | None, files: list[str] | None, encoding: str
) -> Iterator[list[Source]]:
    """The inputs named on the command line, opened; regular files checked before any output."""
    from dikkevandale.textio import InputError, check_stream

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
            if stream.seekable():
                check_stream(stream, encoding)
            sources.append(Source(file, stream=stream, path=path, size=path.stat().st_size))
        yield sources


def pieces(source: Source, encoding: str) -> Iterator[str]:
    """The text of a source, a paragraph at a time."""
    from dikkevandale.textio import paragraphs

    if source.text is not None:
        yield source.text
    elif source.stream is not None:
        yield from paragraphs(source.stream, encoding)


def _with_progress(source: Source, chunks: Iterator[str]) -> Iterator[str]:
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
            progress.advance(task, len(chunk.encode("utf-8", errors="replace")))


def _colored(mode: Color) -> bool:
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


def translate(
    text: TextArgument = None,
    to: ToOption = None,
    file: FileOption = None,
    source: FromOption = None,
    lexicon: LexiconOption = None,
    no_builtin: NoBuiltinOption = False,
    output_format: Annotated[
        Format,
        typer.Option(
            "--format", metavar="text|json|diff", help="The translated text, json or a diff."
        ),
    ] = Format.text,
    mode: Annotated[
        Mode,
        typer.Option(
            "--mode", metavar="replace|gloss", help="Replace terms, or keep them and add a gloss."
        ),
    ] = Mode.REPLACE,
    gloss_label: Annotated[
        str | None,
        typer.Option(
            "--gloss-label",
            metavar="LABEL",
            help="How --mode gloss writes a term: {text}, {term}, {audience}, {AUDIENCE}. "
            "[default: '{text} ({AUDIENCE}: {term})']",
        ),
    ] = None,
    check: Annotated[
        bool,
        typer.Option(
            "--check",
            help="Print nothing; exit 1 and list the terms on stderr if any would change.",
        ),
    ] = False,
    in_place: Annotated[
        bool, typer.Option("--in-place", "-i", help="Rewrite the --file(s) themselves, atomically.")
    ] = False,
    backup: Annotated[
        bool, typer.Option("--backup", help="With --in-place: keep the original as FILE.bak.")
    ] = False,
    email: Annotated[
        bool | None,
        typer.Option(
            "--email/--no-email",
            help="Treat the input as an e-mail message (default: detected from its headers).",
        ),
    ] = None,
    skip_quoted: Annotated[
        bool, typer.Option("--skip-quoted", help="In e-mails, leave quoted '> ' lines alone.")
    ] = False,
    color: Annotated[
        Color,
        typer.Option(
            "--color",
            metavar="auto|always|never",
            help="Highlight rewritten terms (auto: on a terminal).",
        ),
    ] = Color.auto,
    threshold: ThresholdOption = None,
    no_fuzzy: NoFuzzyOption = False,
    lang: LangOption = "auto",
    encoding: EncodingOption = "utf-8",
) -> None:
    """Rewrite the jargon of other audiences into the words of --to; all else stays byte for byte.

    Examples:

      dvd translate --to it "Het 360-graden-klantbeeld is klaar."

      dvd translate --to sales -f notulen.md > notulen-sales.md

      dvd translate --to it -f notulen.md --in-place --backup

      dvd translate --to it --mode gloss -f notulen.md

      dvd translate --to it --check -f docs/handleiding.md

      pbpaste | dvd translate --to it --format diff
    """
    with guard():
        from dikkevandale.textio import check_encoding

        encoding = check_encoding(encoding)
        if in_place and (text is not None or not file or "-" in file):
            raise UsageError("--in-place rewrites files: name them with --file, not stdin or TEXT")
        if in_place and (check or output_format is not Format.text):
            raise UsageError(
                "--in-place writes the translated text; leave out --check and --format"
            )
        if backup and not in_place:
            raise UsageError("--backup goes with --in-place")
        if gloss_label is not None and mode is not Mode.GLOSS:
            raise UsageError("--gloss-label goes with --mode gloss")
        run = settings(
            lexicon,
            no_builtin,
            to,
            source,
            threshold,
            no_fuzzy,
            lang,
            (gloss_label or DEFAULT_GLOSS) if mode is Mode.GLOSS else None,
        )
        job = _Job(run, encoding, output_format, check, in_place, backup, skip_quoted)
        job.highlight = (
            output_format is Format.text and not check and not in_place and _colored(color)
        )
        with open_sources(text, file, encoding) as sources:
            for item in sources:
                if email if email is not None else _looks_like_email(item):
                    job.email(item)
                else:
                    job.text(item)
        job.finish(file[0] if file else ("text" if text is not None else "stdin"))


def _looks_like_email(item: Source) -> bool:
    """Whether an input starts with e-mail headers, read without losing a byte of it.

    A pipe may deliver the headers in several pieces, so it is read until its first lines
    decide (or a block is full) and what was read is put back in front of the rest.
    """
    from dikkevandale.mail_detect import email_verdict, looks_like_email
    from dikkevandale.textio import HEAD_SIZE, with_head

    stream = item.stream
    if stream is None or (stream is sys.stdin.buffer and sys.stdin.isatty()):
        return False
    if stream.seekable():
        head = stream.read(HEAD_SIZE)
        stream.seek(0)
    else:
        item.stream, head = with_head(stream, lambda head: email_verdict(head) is not None)
    return looks_like_email(head)


@dataclass
class _Job:
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
        from dikkevandale.textio import Writer

        self.stdout = Writer(sys.stdout.buffer, self.encoding)

    def text(self, item: Source) -> None:
        """Translate a plain text or Markdown input, a paragraph at a time."""
        from dikkevandale.formats import rewrite_record
        from dikkevandale.textio import Writer, write_atomically

        out = Writer(io.BytesIO(), self.encoding) if self.in_place else self.stdout
        # A file can be read as fast as it is written: no flush per paragraph (see Writer).
        out.eager = item.stream is None or not item.stream.seekable()
        lines_before = 0
        for piece in _with_progress(item, pieces(item, self.encoding)):
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
        from dikkevandale.mail import translate_email
        from dikkevandale.textio import write_atomically

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
        from dikkevandale.formats import render_diff, render_json

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


def explain(
    text: TextArgument = None,
    to: ToOption = None,
    file: FileOption = None,
    source: FromOption = None,
    lexicon: LexiconOption = None,
    no_builtin: NoBuiltinOption = False,
    threshold: ThresholdOption = None,
    no_fuzzy: NoFuzzyOption = False,
    lang: LangOption = "auto",
    encoding: EncodingOption = "utf-8",
) -> None:
    """Show what `translate` would rewrite and why: a table of terms, kinds, scores and notes.

    Example:

      dvd explain --to it "We willen een 360-graden klantbeeld en backoffice koppelingen."
    """
    with guard():
        from rich.console import Console
        from rich.table import Table
        from rich.text import Text

        from dikkevandale.textio import check_encoding

        encoding = check_encoding(encoding)
        run = settings(lexicon, no_builtin, to, source, threshold, no_fuzzy, lang)
        concepts = run.index.by_id
        table = Table("text", "concept", "from → to", "becomes", "kind", "score")
        notes: dict[str, str] = {}
        found = 0
        with open_sources(text, file, encoding) as sources:
            for item in sources:
                for piece in pieces(item, encoding):
                    for rewrite in run.translate(piece).rewrites:
                        match = rewrite.match
                        found += 1
                        # A guessed grammatical form is marked for a person to review.
                        review = " (review)" if rewrite.needs_review else ""
                        table.add_row(
                            Text(rewrite.text),
                            Text(match.concept),
                            Text(f"{match.audience} → {run.to}"),
                            Text(rewrite.replacement + review),
                            Text(match.kind.value),
                            Text(f"{match.score:.0f}"),
                        )
                        notes.setdefault(match.concept, concepts[match.concept].note or "")
        if found:
            console = Console(highlight=False)
            console.print(table)
            for concept_id, note in notes.items():
                if note:
                    console.print(Text(f"{concept_id}: {note}"))
        say(f"{found} term{'s' if found != 1 else ''} to rewrite for {run.to}")

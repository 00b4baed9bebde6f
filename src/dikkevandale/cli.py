"""The `dvd` command: parses options, calls the library, prints. Nothing else lives here.

stdout carries the product (translated text, JSON, a diff, a table); every message goes to
stderr, so `dvd translate` can sit in a pipe. Domain errors become the documented exit codes.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, BinaryIO

import typer

from dikkevandale import __version__
from dikkevandale.cli_common import (
    LexiconOption,
    NoBuiltinOption,
    UsageError,
    check_audience,
    guard,
    lexicon_layers,
    load_lexicons,
    say,
)
from dikkevandale.exitstatus import ExitStatus

app = typer.Typer(
    name="dvd",
    help=(
        "dikkevandale: a Dikke van Dale for CRM projects. Rewrites sales jargon into IT's words"
        " and back, using editable YAML lexicons.\n\n"
        "Example: echo 'Het 360-graden-klantbeeld is klaar.' | dvd translate --to it"
    ),
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class Format(StrEnum):
    text = "text"
    json = "json"
    diff = "diff"


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"dvd (dikkevandale) {__version__}\n")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """dikkevandale: translate CRM jargon between sales, IT and other audiences."""


TextArgument = Annotated[
    str | None,
    typer.Argument(
        metavar="TEXT", help="The text to translate. Leave out to read -f FILE or standard input."
    ),
]
FileOption = Annotated[
    str | None,
    typer.Option(
        "--file", "-f", metavar="FILE", help="Read the text from FILE ('-' for standard input)."
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


@dataclass(frozen=True)
class _Settings:
    """What a translating command needs, from its options over the project's `.dvd.toml`."""

    index: Any
    to: str
    sources: list[str] | None
    fuzzy: bool
    threshold: float


def _settings(
    lexicons: list[Path] | None,
    no_builtin: bool,
    to: str | None,
    sources: list[str] | None,
    threshold: float | None,
    no_fuzzy: bool,
) -> _Settings:
    from dikkevandale.cache import load_index
    from dikkevandale.matcher import DEFAULT_THRESHOLD

    layers, config = lexicon_layers(lexicons, no_builtin)
    to = to or config.to
    if to is None:
        raise UsageError('missing --to AUDIENCE (or set to = "it" in .dvd.toml)')
    index = load_index(layers)
    check_audience(to, index.audiences)
    return _Settings(
        index,
        to,
        [check_audience(a, index.audiences) for a in sources] if sources else None,
        config.fuzzy and not no_fuzzy,
        threshold if threshold is not None else config.threshold or DEFAULT_THRESHOLD,
    )


@contextlib.contextmanager
def _open_input(
    text: str | None, file: str | None, encoding: str
) -> Iterator[tuple[str, BinaryIO | str]]:
    """The input's display name and either the TEXT argument or a binary stream to read."""
    from dikkevandale.textio import InputError, check_stream

    if text is not None and file is not None:
        raise UsageError("give the text as an argument or with --file, not both")
    if text is not None:
        yield "text", text
        return
    if file is None or file == "-":
        if file is None and sys.stdin.isatty():
            say("paste the text, then press Ctrl-D (Ctrl-Z then Enter on Windows)")
        yield "stdin", sys.stdin.buffer
        return
    try:
        stream = Path(file).open("rb")  # noqa: SIM115 - closed below
    except FileNotFoundError:
        raise InputError(f"{file}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{file}: is a folder, not a text file") from None
    except OSError as error:
        raise InputError(f"{file}: cannot read ({error.strerror})") from None
    with stream:
        if stream.seekable():
            check_stream(stream, encoding)
        yield file, stream


def _pieces(source: BinaryIO | str, encoding: str) -> Iterator[str]:
    from dikkevandale.textio import paragraphs

    if isinstance(source, str):
        yield source
    else:
        yield from paragraphs(source, encoding)


@app.command()
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
            "--format", metavar="text|json|diff", help="text (the translated text), json or diff."
        ),
    ] = Format.text,
    threshold: ThresholdOption = None,
    no_fuzzy: NoFuzzyOption = False,
    encoding: EncodingOption = "utf-8",
) -> None:
    """Rewrite the jargon of other audiences into the words of --to; all else stays byte for byte.

    Examples:

      dvd translate --to it "Het 360-graden-klantbeeld is klaar."

      dvd translate --to sales -f notulen.md > notulen-sales.md

      pbpaste | dvd translate --to it --format diff
    """
    with guard():
        from dikkevandale.formats import render_diff, render_json, rewrite_record
        from dikkevandale.rewriter import translate as translate_text
        from dikkevandale.textio import Writer, check_encoding

        encoding = check_encoding(encoding)
        run = _settings(lexicon, no_builtin, to, source, threshold, no_fuzzy)
        writer = Writer(sys.stdout.buffer, encoding)
        originals: list[str] = []
        translated: list[str] = []
        records: list[dict[str, Any]] = []
        offset = 0
        with _open_input(text, file, encoding) as (name, stream):
            for piece in _pieces(stream, encoding):
                result = translate_text(
                    piece,
                    run.index,
                    run.to,
                    sources=run.sources,
                    fuzzy=run.fuzzy,
                    threshold=run.threshold,
                )
                if output_format is Format.text:
                    written = result.text
                    if isinstance(stream, str) and not written.endswith("\n"):
                        # An argument is a line typed at a prompt, not a byte stream: end it.
                        written += "\n"
                    writer.write(written)
                    continue
                records += [rewrite_record(r, offset) for r in result.rewrites]
                originals.append(piece)
                translated.append(result.text)
                offset += len(piece)
        if output_format is Format.json:
            sys.stdout.buffer.write(
                render_json(run.to, "".join(translated), records).encode("utf-8")
            )
        elif output_format is Format.diff:
            writer.write(render_diff("".join(originals), "".join(translated), name))
        writer.write("", final=True)


@app.command()
def explain(
    text: TextArgument = None,
    to: ToOption = None,
    file: FileOption = None,
    source: FromOption = None,
    lexicon: LexiconOption = None,
    no_builtin: NoBuiltinOption = False,
    threshold: ThresholdOption = None,
    no_fuzzy: NoFuzzyOption = False,
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

        from dikkevandale.rewriter import translate as translate_text
        from dikkevandale.textio import check_encoding

        encoding = check_encoding(encoding)
        run = _settings(lexicon, no_builtin, to, source, threshold, no_fuzzy)
        concepts = run.index.by_id
        table = Table("text", "concept", "from → to", "becomes", "kind", "score")
        notes: dict[str, str] = {}
        found = 0
        with _open_input(text, file, encoding) as (_, stream):
            for piece in _pieces(stream, encoding):
                result = translate_text(
                    piece,
                    run.index,
                    run.to,
                    sources=run.sources,
                    fuzzy=run.fuzzy,
                    threshold=run.threshold,
                )
                for rewrite in result.rewrites:
                    match = rewrite.match
                    found += 1
                    table.add_row(
                        Text(rewrite.text),
                        Text(match.concept),
                        Text(f"{match.audience} → {run.to}"),
                        Text(rewrite.replacement),
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


@app.command()
def lookup(
    word: Annotated[
        str, typer.Argument(metavar="WORD", help="A word or phrase from either world.")
    ],
    lexicon: LexiconOption = None,
    no_builtin: NoBuiltinOption = False,
) -> None:
    """Look a word up in the dictionary: the concept behind it, in every audience's words.

    Exits 1 when no concept is found. Example:

      dvd lookup klantbeeld
    """
    with guard():
        from dikkevandale.matcher import lookup_concepts

        index = load_lexicons(lexicon, no_builtin)
        concepts = lookup_concepts(word, index)
        if not concepts:
            say(f"no concept found for '{word}'")
            raise typer.Exit(ExitStatus.FINDINGS)
        from dikkevandale.formats import render_concept

        sys.stdout.write("\n".join(render_concept(concept) for concept in concepts))
        sys.stdout.flush()


from dikkevandale.cli_lexicon import lexicon_app  # noqa: E402 - registered after the commands

app.add_typer(lexicon_app)


def main() -> None:
    """Console-script entry point."""
    try:
        app()
    except KeyboardInterrupt:
        sys.exit(ExitStatus.INTERRUPTED)


if __name__ == "__main__":  # pragma: no cover
    main()

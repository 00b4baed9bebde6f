"""`dvd lexicon export` and `dvd lexicon import`: lexicons to and from CSV, TSV, TBX and JSON.

The formats themselves live in `dikkevandale.exchange`; this module parses options, reads and
writes files and maps problems to exit codes. An import is read, converted and validated in
full before anything is written, and then written atomically, so a failed or interrupted import
leaves every existing file as it was.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from dikkevandale.cli.common import (
    LexiconOption,
    NoBuiltinOption,
    QuietOption,
    UsageError,
    check_audience,
    choice,
    count,
    guard,
    lexicon_layers,
    load_lexicons,
    note,
    say,
    set_quiet,
)
from dikkevandale.cli.lexicon import lexicon_app
from dikkevandale.model import Code, LexiconError, Location, did_you_mean

if TYPE_CHECKING:
    from dikkevandale.exchange.draft import ImportedLexicon


class ExchangeChoice(StrEnum):
    csv = "csv"
    tsv = "tsv"
    tbx = "tbx"
    json = "json"
    html = "html"
    md = "md"


class ImportChoice(StrEnum):
    csv = "csv"
    tsv = "tsv"
    tbx = "tbx"
    json = "json"


_SUFFIXES = {
    ".csv": "csv",
    ".tsv": "tsv",
    ".tab": "tsv",
    ".tbx": "tbx",
    ".json": "json",
    ".html": "html",
    ".htm": "html",
    ".md": "md",
}

ExportFormatOption = Annotated[
    ExchangeChoice | None,
    typer.Option(
        "--format",
        metavar="csv|tsv|tbx|json|html|md",
        parser=choice(ExchangeChoice),
        help="File format. Default: from the -o file name (.csv, .tbx, .html, ...).",
    ),
]
FormatOption = Annotated[
    ImportChoice | None,
    typer.Option(
        "--format",
        metavar="csv|tsv|tbx|json",
        parser=choice(ImportChoice),
        help="File format. Default: from the file name (.csv, .tsv, .tbx, .json).",
    ),
]
OutputOption = Annotated[
    Path | None,
    typer.Option(
        "--output", "-o", metavar="PATH", help="Write to PATH (atomically) instead of stdout."
    ),
]
LanguageOption = Annotated[
    str | None,
    typer.Option("--language", metavar="LANG", help="Only the concepts of this language (nl)."),
]
SourceOption = Annotated[
    str | None,
    typer.Option(
        "--from", metavar="AUDIENCE", help="Two-column glossary (DeepL style): source audience."
    ),
]
TargetOption = Annotated[
    str | None,
    typer.Option("--to", metavar="AUDIENCE", help="Two-column glossary: target audience."),
]


@contextlib.contextmanager
def _needs_option() -> Iterator[None]:
    """A file that needs one more option to be read is a usage problem (exit 2)."""
    from dikkevandale.exchange.draft import OptionNeededError

    try:
        yield
    except OptionNeededError as error:
        raise UsageError(str(error)) from None


def _format(given: ExchangeChoice | ImportChoice | None, path: Path | None, choices: str) -> str:
    if given is not None:
        return given.value
    if path is not None and path.suffix.lower() in _SUFFIXES:
        found = _SUFFIXES[path.suffix.lower()]
        if found in choices.split("|"):
            return found
    raise UsageError(f"say which format with --format {choices}")


def _check_pair(source: str | None, target: str | None, fmt: str) -> None:
    if (source is None) != (target is None):
        raise UsageError("a two-column glossary needs both --from and --to")
    if source is not None and fmt not in ("csv", "tsv"):
        raise UsageError("--from/--to are for a two-column glossary: use --format tsv or csv")


def _write(text: str, output: Path | None, *, overwrite: bool) -> None:
    from dikkevandale.io.streams import write_atomically

    if output is None or str(output) == "-":
        sys.stdout.buffer.write(text.encode("utf-8"))
        sys.stdout.flush()
        return
    if not overwrite and output.exists():
        raise UsageError(f"{output} exists; pass --force to replace it")
    # A full disk or a read-only folder is an InputError (exit 3, nothing half-written), not a
    # usage error: the command line was right.
    write_atomically(output, text.encode("utf-8"))


@lexicon_app.command("export", short_help="Export the lexicons: csv, tsv, tbx, json, html or md.")
def export(
    output_format: ExportFormatOption = None,
    output: OutputOption = None,
    language: LanguageOption = None,
    source: SourceOption = None,
    target: TargetOption = None,
    tbx_version: Annotated[
        int,
        typer.Option(
            "--tbx-version",
            metavar="3|2",
            help="TBX 3 (<tbx>, ISO 30042:2019) or 2 (<martif>, older CAT tools).",
        ),
    ] = 3,
    title: Annotated[
        str, typer.Option("--title", metavar="TEXT", help="HTML: the page's title.")
    ] = "Glossary",
    lexicon: LexiconOption = None,
    no_builtin: NoBuiltinOption = False,
    quiet: QuietOption = False,
) -> None:
    """Export the lexicons in force as CSV, TSV, TBX, JSON, an HTML page or Markdown.

    CSV/TSV: one row per concept, a column per audience (terms joined by ' | ', preferred
    first), per term field (<audience>.article, .plural, .diminutive, .case_sensitive,
    .fuzzy, .forms) and for the examples (example.text, .to, .expect). TBX: TBX-Basic,
    examples as context. JSON: everything as objects. Each keeps every field: import gives
    the same lexicon back. HTML: one offline page with search, for people; md: a Markdown
    table for wikis. With --from and --to: a two-column glossary (DeepL style).

    Examples:

    \b
      dvd lexicon export --format csv --language nl -o crm.csv
      dvd lexicon export --format tsv --from sales --to it --language nl > glossary.tsv
      dvd lexicon export -o crm.tbx
      dvd lexicon export --format tbx --tbx-version 2 -o crm-martif.tbx
      dvd lexicon export -o glossary.html --title "CRM-woordenboek"
    """
    with guard(), _needs_option():
        set_quiet(quiet)
        from dikkevandale.exchange.formats import export_concepts

        fmt = _format(output_format, output, "csv|tsv|tbx|json|html|md")
        _check_pair(source, target, fmt)
        if tbx_version not in (2, 3):
            raise UsageError(f"--tbx-version is 3 or 2, not {tbx_version}")
        if tbx_version != 3 and fmt != "tbx":
            raise UsageError("--tbx-version goes with --format tbx")
        index = load_lexicons(lexicon, no_builtin)
        concepts = list(index.concepts)
        if language is not None:
            languages = sorted({c.language for c in concepts})
            if language not in languages:
                hint = did_you_mean(language, languages)
                raise UsageError(
                    f"no concepts in language '{language}'{hint}; "
                    f"languages in force: {', '.join(languages)}"
                )
            concepts = [c for c in concepts if c.language == language]
        if source is not None and target is not None:
            check_audience(source, index.audiences)
            check_audience(target, index.audiences)
        text = export_concepts(
            concepts,
            fmt,
            audiences=index.audiences,
            source=source,
            target=target,
            tbx_version=tbx_version,
            title=title,
        )
        _write(text, output, overwrite=True)
        if output is not None and str(output) != "-":
            note(f"exported {count(len(concepts), 'concept')} to {output}")


def _read_input(file: str) -> tuple[str, bytes]:
    if file == "-":
        return "stdin", sys.stdin.buffer.read()
    try:
        return file, Path(file).read_bytes()
    except FileNotFoundError:
        raise LexiconError(Location(file), "no such file", Code.UNREADABLE) from None
    except IsADirectoryError:
        raise LexiconError(Location(file), "is a folder, not a file", Code.UNREADABLE) from None
    except OSError as error:
        message = f"cannot read: {error.strerror}"
        raise LexiconError(Location(file), message, Code.UNREADABLE) from None


def _check_names(language: str | None, *audiences: str | None) -> None:
    from dikkevandale.lexicon.loader import AUDIENCE_PATTERN, LANGUAGE_PATTERN

    if language is not None and not LANGUAGE_PATTERN.fullmatch(language):
        raise UsageError(f"--language '{language}' is not a code like nl, en, pl")
    for audience in audiences:
        if audience is not None and not AUDIENCE_PATTERN.fullmatch(audience):
            raise UsageError(f"audience '{audience}' must be lowercase letters and digits")


def _warn_conflicts(
    imported: ImportedLexicon, name: str, lexicon: list[Path] | None, no_builtin: bool
) -> None:
    """Warn when the new lexicon, loaded after the ones in force, would take a term over from
    another concept or make a term ambiguous."""
    from dikkevandale.lexicon.layers import merge_checked
    from dikkevandale.lexicon.loader import read_lexicon_file

    try:
        layers, _ = lexicon_layers(lexicon, no_builtin)
        in_force = [[(str(p), read_lexicon_file(p)) for p in layer.files] for layer in layers]
    except (LexiconError, UsageError):
        return  # the lexicons in force have problems of their own: `dvd lexicon check` says so
    _, problems = merge_checked([*in_force, [(name, imported.concepts)]])
    for problem in problems:
        if problem.code in (Code.AMBIGUOUS, Code.TAKEN_OVER) and name in str(problem):
            say(f"warning: {problem}")


@lexicon_app.command("import", short_help="Make a YAML lexicon of a csv, tsv, tbx or json file.")
def import_file(
    file: Annotated[
        str,
        typer.Argument(
            metavar="FILE", help="The CSV, TSV, TBX or JSON file to import; '-' for stdin."
        ),
    ],
    output_format: FormatOption = None,
    output: OutputOption = None,
    force: Annotated[
        bool, typer.Option("--force", help="Replace the -o file if it already exists.")
    ] = False,
    language: LanguageOption = None,
    audience: Annotated[
        str | None,
        typer.Option(
            "--audience",
            metavar="NAME",
            help="TBX: the audience of terms that have no x-audience termNote.",
        ),
    ] = None,
    source: SourceOption = None,
    target: TargetOption = None,
    lexicon: LexiconOption = None,
    no_builtin: NoBuiltinOption = False,
    quiet: QuietOption = False,
) -> None:
    """Turn a CSV, TSV, TBX or JSON file into a new YAML lexicon, checked like any lexicon.

    Prints the lexicon, or writes it to -o PATH (never over an existing file without
    --force). A file with several languages needs --language. TBX terms without an
    x-audience termNote need --audience NAME. With --from and --to, a two-column glossary
    (DeepL style) becomes one concept per target term; give its --language. Terms that
    would clash with the lexicons in force (--lexicon, --no-builtin) are warned about.

    Examples:

    \b
      dvd lexicon import crm.csv -o lexicons/crm.yaml
      dvd lexicon import termbase.tbx --language nl --audience it > it-terms.yaml
      dvd lexicon import glossary.tsv --from sales --to it --language nl -o sales-it.yaml
    """
    with guard(), _needs_option():
        set_quiet(quiet)
        from dikkevandale.exchange.formats import import_lexicon

        fmt = _format(output_format, Path(file) if file != "-" else None, "csv|tsv|tbx|json")
        _check_pair(source, target, fmt)
        if audience is not None and fmt != "tbx":
            raise UsageError("--audience is for TBX files, whose terms may lack an audience")
        _check_names(language, audience, source, target)
        if output is not None and str(output) != "-" and not force and output.exists():
            raise UsageError(f"{output} exists; pass --force to replace it")
        name, data = _read_input(file)
        imported = import_lexicon(
            data,
            fmt,
            name,
            language=language,
            default_audience=audience,
            source=source,
            target=target,
        )
        _warn_conflicts(imported, name, lexicon, no_builtin)
        _write(imported.text, output, overwrite=force)
        where = f" to {output}" if output is not None and str(output) != "-" else ""
        note(
            f"imported {count(len(imported.concepts), 'concept')} ({imported.language}; "
            f"{', '.join(imported.audiences)}) from {name}{where}"
        )

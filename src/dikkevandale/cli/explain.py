"""`dvd explain`: what `translate` would rewrite, where and why, for a person or a script.

A table when the terminal is wide enough (100 columns), else one entry per term over a few
lines, so that nothing is cut to "…" and two rows never look the same; `--format json` gives
the same facts to scripts. Cells wrap rather than shorten.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from enum import StrEnum
from itertools import chain, islice
from typing import TYPE_CHECKING, Annotated, Any

import typer

from dikkevandale.cli.common import (
    LexiconOption,
    NoBuiltinOption,
    QuietOption,
    choice,
    clean,
    count,
    guard,
    note,
    say,
    set_quiet,
)
from dikkevandale.cli.inputs import Places, looks_like_email, open_sources, pieces
from dikkevandale.cli.output import Color, colored
from dikkevandale.cli.translate import (
    EncodingOption,
    FileOption,
    FromOption,
    LangOption,
    NoContextOption,
    NoFuzzyOption,
    TextArgument,
    ThresholdOption,
    ToOption,
    translator,
    warn_if_file,
)
from dikkevandale.model import Rewrite, Skip, Suppressed

if TYPE_CHECKING:
    from rich.console import Console

    from dikkevandale.cli.inputs import Source
    from dikkevandale.translator import Translator

explain_app = typer.Typer(rich_markup_mode=None, add_completion=False)

TABLE_FROM = 100
"""Terminal columns from which the table is shown; narrower gets the list layout."""


class ExplainFormat(StrEnum):
    text = "text"
    json = "json"


@explain_app.command("explain", short_help="Show what translate would rewrite, and why.")
def explain(
    text: TextArgument = None,
    to: ToOption = None,
    file: FileOption = None,
    source: FromOption = None,
    lexicon: LexiconOption = None,
    no_builtin: NoBuiltinOption = False,
    output_format: Annotated[
        ExplainFormat,
        typer.Option(
            "--format",
            metavar="text|json",
            parser=choice(ExplainFormat),
            help="A table (a list below 100 columns), or json.",
        ),
    ] = ExplainFormat.text,
    color: Annotated[
        Color,
        typer.Option(
            "--color",
            metavar="auto|always|never",
            parser=choice(Color),
            help="Colour found and new terms (auto: on a terminal, unless NO_COLOR).",
        ),
    ] = Color.auto,
    threshold: ThresholdOption = None,
    no_fuzzy: NoFuzzyOption = False,
    no_context: NoContextOption = False,
    lang: LangOption = "auto",
    encoding: EncodingOption = "utf-8",
    quiet: QuietOption = False,
) -> None:
    """Show what `translate` would rewrite and why: where, the term, kind, score and note.

    Example:

    \b
      dvd explain --to it "We willen een 360-graden klantbeeld en backoffice koppelingen."
      dvd explain --to it -f notulen.md --format json
    """
    with guard():
        from dikkevandale.io.streams import check_encoding

        set_quiet(quiet)
        encoding = check_encoding(encoding)
        if text is not None and not file:
            warn_if_file(text)
        run = translator(
            lexicon, no_builtin, to, source, threshold, no_fuzzy, lang, no_context=no_context
        )
        target = run.options.to or ""
        tally = _Tally()
        with open_sources(text, file, encoding) as sources:
            records = tally.counted(_records(run, sources, target, encoding))
            if output_format is ExplainFormat.json:
                _write_json(records)
            else:
                _print(records, colored(color))
        sys.stdout.flush()
        summary = f"{count(tally.rewrites, 'term')} to rewrite for {target}"
        if tally.suppressed:
            summary += f", {tally.suppressed} suppressed by a directive"
        if tally.skipped:
            summary += f", {tally.skipped} left alone by their context"
        note(summary)


class _Tally:
    """What the summary line needs: the records are printed as they come, never all kept."""

    def __init__(self) -> None:
        self.rewrites = self.suppressed = self.skipped = 0

    def counted(self, records: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
        for record in records:
            if record.get("suppressed"):
                self.suppressed += 1
            elif record.get("skipped"):
                self.skipped += 1
            else:
                self.rewrites += 1
            yield record


def _records(
    run: Translator, sources: list[Source], target: str, encoding: str
) -> Iterator[dict[str, Any]]:
    """One record per term, input by input and piece by piece, in the order of the text:
    rewrites, the terms a `dvd off` or `dvd-ignore` directive leaves alone, and the terms
    their context leaves alone (an everyday word, an exception)."""
    named = len(sources) > 1 or any(item.path is not None for item in sources)
    for item in sources:
        where = item.name if named else ""
        if item.stream is not None and looks_like_email(item):
            # As `translate` reads it: the Subject and text parts, decoded; the places are
            # lines of the message as it is written (see EmailTranslation.places), where the
            # terms of an encoded body all stand at its start, in the order of its text.
            done = run.translate_bytes(item.stream.read(), email=True)
            for warning in done.warnings:
                say(f"warning: {item.name}: {warning}")
            placed: list[tuple[int, int, int, Rewrite | Suppressed | Skip]] = [
                (found.line, found.col, found.rewrite.start, found.rewrite)
                for found in done.findings
            ]
            placed += [
                (left.line, left.col, left.term.match.start, left.term) for left in done.left_alone
            ]
            placed.sort(key=lambda row: row[:3])
            for line, col, _, term in placed:
                yield _record(run, where, line, col, term, target)
            continue
        for piece in pieces(run, item, encoding):
            found: list[tuple[int, Rewrite | Suppressed | Skip]] = [
                (rewrite.start, rewrite) for rewrite in piece.translation.rewrites
            ]
            found += [(kept.match.start, kept) for kept in piece.translation.suppressed]
            found += [(skip.match.start, skip) for skip in piece.translation.skipped]
            found.sort(key=lambda pair: pair[0])
            places = Places(piece)
            for start, term in found:
                yield _record(run, where, *places.at(start), term, target)


def _record(
    run: Translator, where: str, line: int, col: int, term: Rewrite | Suppressed | Skip, to: str
) -> dict[str, Any]:
    """The row of a term: rewritten, suppressed by a directive or skipped for its context."""
    from dikkevandale.io.output import (
        explain_record,
        explain_skipped_record,
        explain_suppressed_record,
    )

    note = run.concepts[term.match.concept].note
    if isinstance(term, Suppressed):
        return explain_suppressed_record(where, line, col, term, to, note)
    if isinstance(term, Skip):
        return explain_skipped_record(where, line, col, term, to, note)
    return explain_record(where, line, col, term, to, note)


def _write_json(records: Iterable[dict[str, Any]]) -> None:
    """The records as one JSON array, written as they come; the same text as `json.dumps(
    list(records), indent=2)`, without holding the list."""
    write = sys.stdout.write
    opened = False
    for record in records:
        body = json.dumps(record, ensure_ascii=False, indent=2).replace("\n", "\n  ")
        write((",\n  " if opened else "[\n  ") + body)
        opened = True
    write("\n]\n" if opened else "[]\n")


TABLE_ROWS = 1000
"""A table is laid out from all its rows at once: beyond this many terms, the list layout,
which is printed as the terms are found."""


def _print(records: Iterable[dict[str, Any]], color: bool) -> None:
    from rich.console import Console

    class PipedConsole(Console):
        def on_broken_pipe(self) -> None:
            # Rich would exit 1 here; `guard` ends a closed pipe as every command does.
            raise BrokenPipeError

    console = PipedConsole(
        highlight=False, no_color=not color, force_terminal=True if color else None
    )
    style = _Style(color)
    rows = iter(records)
    if console.width >= TABLE_FROM:
        first = list(islice(rows, TABLE_ROWS + 1))
        if len(first) <= TABLE_ROWS:
            if first:
                _table(console, first, style)
            return
        rows = chain(first, rows)
    shown: set[str] = set()
    for record in rows:
        _entry(console, record, style, shown)


class _Style:
    def __init__(self, color: bool) -> None:
        self.found, self.new = ("red", "bold green") if color else ("", "")


def _place(record: dict[str, Any]) -> str:
    spot = f"{record['line']}:{record['col']}"
    return f"{record['path']}:{spot}" if record["path"] else spot


def _becomes(record: dict[str, Any]) -> str:
    if record.get("suppressed"):
        return f"(suppressed: {clean(record['suppressed'])})"
    if record.get("skipped"):
        return f"(skipped: {clean(record['skipped'])})"
    # A guessed grammatical form is marked for a person to review.
    return clean(record["replacement"]) + (" (review)" if record["needs_review"] else "")


def _new_style(record: dict[str, Any], style: _Style) -> str:
    """A term left alone is dim: only a real replacement is coloured as new."""
    return style.new if record["replacement"] is not None else "dim"


def _table(console: Console, records: list[dict[str, Any]], style: _Style) -> None:
    from rich.table import Table
    from rich.text import Text

    table = Table("where", "text", "concept", "from → to", "becomes", "kind", "score")
    for column in table.columns:
        column.overflow = "fold"
    for record in records:
        table.add_row(
            Text(clean(_place(record))),
            Text(clean(record["text"]), style=style.found),
            Text(record["concept"]),
            Text(f"{record['from']} → {record['to']}"),
            Text(_becomes(record), style=_new_style(record, style)),
            Text(record["kind"]),
            Text(f"{record['score']:.0f}"),
        )
    console.print(table)
    notes = {r["concept"]: r["note"] for r in records if r["note"]}
    for concept_id, text_of_note in notes.items():
        console.print(Text(clean(f"{concept_id}: {text_of_note}")))


def _entry(console: Console, record: dict[str, Any], style: _Style, shown: set[str]) -> None:
    """One term in the list layout, over a few lines; a concept's note only the first time."""
    from rich.padding import Padding
    from rich.text import Text

    line = Text(f"{clean(_place(record))}  ")
    line.append(clean(record["text"]), style=style.found)
    line.append(" → ")
    line.append(_becomes(record), style=_new_style(record, style))
    console.print(line)
    details = (
        f"{record['concept']}, {record['from']} → {record['to']}, "
        f"{record['kind']} {record['score']:.0f}"
    )
    console.print(Padding(Text(details), (0, 0, 0, 4)))
    if record["note"] and record["concept"] not in shown:
        shown.add(record["concept"])
        console.print(Padding(Text(clean(record["note"])), (0, 0, 0, 4)))

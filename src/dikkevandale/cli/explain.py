"""`dvd explain`: what `translate` would rewrite, where and why, for a person or a script.

A table when the terminal is wide enough (100 columns), else one entry per term over a few
lines, so that nothing is cut to "…" and two rows never look the same; `--format json` gives
the same facts to scripts. Cells wrap rather than shorten.
"""

from __future__ import annotations

import json
import sys
from enum import StrEnum
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
    set_quiet,
)
from dikkevandale.cli.inputs import open_sources, pieces
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

if TYPE_CHECKING:
    from dikkevandale.translator import Piece

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
        from dikkevandale.io.output import (
            explain_record,
            explain_skipped_record,
            explain_suppressed_record,
        )
        from dikkevandale.io.streams import check_encoding

        set_quiet(quiet)
        encoding = check_encoding(encoding)
        if text is not None and not file:
            warn_if_file(text)
        run = translator(
            lexicon, no_builtin, to, source, threshold, no_fuzzy, lang, no_context=no_context
        )
        target = run.options.to or ""
        records: list[dict[str, Any]] = []
        suppressed = left = 0
        with open_sources(text, file, encoding) as sources:
            named = len(sources) > 1 or any(item.path is not None for item in sources)
            for item in sources:
                where = item.name if named else ""
                for piece in pieces(run, item, encoding):
                    found: list[tuple[int, dict[str, Any]]] = []
                    for rewrite in piece.translation.rewrites:
                        line, col = _line_col(piece, rewrite.start)
                        concept = run.concepts[rewrite.match.concept]
                        record = explain_record(where, line, col, rewrite, target, concept.note)
                        found.append((rewrite.start, record))
                    # Terms a `dvd off` or `dvd-ignore` directive leaves alone are shown too.
                    for kept in piece.translation.suppressed:
                        suppressed += 1
                        line, col = _line_col(piece, kept.match.start)
                        concept = run.concepts[kept.match.concept]
                        record = explain_suppressed_record(
                            where, line, col, kept, target, concept.note
                        )
                        found.append((kept.match.start, record))
                    # Terms their context leaves alone (an everyday word, an exception).
                    for skip in piece.translation.skipped:
                        left += 1
                        line, col = _line_col(piece, skip.match.start)
                        concept = run.concepts[skip.match.concept]
                        record = explain_skipped_record(
                            where, line, col, skip, target, concept.note
                        )
                        found.append((skip.match.start, record))
                    records += [record for _, record in sorted(found, key=lambda pair: pair[0])]
        if output_format is ExplainFormat.json:
            sys.stdout.write(json.dumps(records, ensure_ascii=False, indent=2) + "\n")
        elif records:
            _print(records, colored(color))
        sys.stdout.flush()
        summary = f"{count(len(records) - suppressed - left, 'term')} to rewrite for {target}"
        if suppressed:
            summary += f", {suppressed} suppressed by a directive"
        if left:
            summary += f", {left} left alone by their context"
        note(summary)


def _line_col(piece: Piece, offset: int) -> tuple[int, int]:
    """The 1-based line and column of `offset` in a piece, counted in the whole input."""
    before = piece.text[:offset]
    return piece.line + before.count("\n"), offset - (before.rfind("\n") + 1) + 1


def _print(records: list[dict[str, Any]], color: bool) -> None:
    from rich.console import Console
    from rich.padding import Padding
    from rich.table import Table
    from rich.text import Text

    console = Console(highlight=False, no_color=not color, force_terminal=True if color else None)
    found, new = ("red", "bold green") if color else ("", "")

    def place(record: dict[str, Any]) -> str:
        spot = f"{record['line']}:{record['col']}"
        return f"{record['path']}:{spot}" if record["path"] else spot

    def becomes(record: dict[str, Any]) -> str:
        if record.get("suppressed"):
            return f"(suppressed: {clean(record['suppressed'])})"
        if record.get("skipped"):
            return f"(skipped: {clean(record['skipped'])})"
        # A guessed grammatical form is marked for a person to review.
        return clean(record["replacement"]) + (" (review)" if record["needs_review"] else "")

    if console.width >= TABLE_FROM:
        table = Table("where", "text", "concept", "from → to", "becomes", "kind", "score")
        for column in table.columns:
            column.overflow = "fold"
        for record in records:
            table.add_row(
                Text(clean(place(record))),
                Text(clean(record["text"]), style=found),
                Text(record["concept"]),
                Text(f"{record['from']} → {record['to']}"),
                Text(becomes(record), style=new if record["replacement"] is not None else "dim"),
                Text(record["kind"]),
                Text(f"{record['score']:.0f}"),
            )
        console.print(table)
        notes = {r["concept"]: r["note"] for r in records if r["note"]}
        for concept_id, text_of_note in notes.items():
            console.print(Text(clean(f"{concept_id}: {text_of_note}")))
        return
    shown: set[str] = set()
    for record in records:
        line = Text(f"{clean(place(record))}  ")
        line.append(clean(record["text"]), style=found)
        line.append(" → ")
        line.append(becomes(record), style=new if record["replacement"] is not None else "dim")
        console.print(line)
        details = (
            f"{record['concept']}, {record['from']} → {record['to']}, "
            f"{record['kind']} {record['score']:.0f}"
        )
        console.print(Padding(Text(details), (0, 0, 0, 4)))
        if record["note"] and record["concept"] not in shown:
            shown.add(record["concept"])
            console.print(Padding(Text(clean(record["note"])), (0, 0, 0, 4)))

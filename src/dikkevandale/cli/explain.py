"""`dvd explain`: what `translate` would rewrite, where and why, for a person or a script.

A table when the terminal is wide enough (100 columns), else one entry per term over a few
lines, so that nothing is cut to "…" and two rows never look the same; `--format json` gives
the same facts to scripts. Cells wrap rather than shorten.
"""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from typing import Annotated, Any

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
    NoFuzzyOption,
    TextArgument,
    ThresholdOption,
    ToOption,
    translator,
    warn_if_file,
)

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
        from dikkevandale.io.output import explain_record
        from dikkevandale.io.streams import check_encoding

        set_quiet(quiet)
        encoding = check_encoding(encoding)
        if text is not None and not file:
            warn_if_file(text)
        run = translator(lexicon, no_builtin, to, source, threshold, no_fuzzy, lang)
        target = run.options.to or ""
        records: list[dict[str, Any]] = []
        with open_sources(text, file, encoding) as sources:
            named = len(sources) > 1 or any(item.path is not None for item in sources)
            for item in sources:
                line = 1
                for piece in pieces(item, encoding):
                    for rewrite in run.translate(piece).rewrites:
                        before = piece[: rewrite.start]
                        col = rewrite.start - (before.rfind("\n") + 1) + 1
                        concept = run.concepts[rewrite.match.concept]
                        where = item.name if named else ""
                        records.append(
                            explain_record(
                                where, line + before.count("\n"), col, rewrite, target, concept.note
                            )
                        )
                    line += piece.count("\n")
        if output_format is ExplainFormat.json:
            sys.stdout.write(json.dumps(records, ensure_ascii=False, indent=2) + "\n")
        elif records:
            _print(records, colored(color))
        sys.stdout.flush()
        note(f"{count(len(records), 'term')} to rewrite for {target}")


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

    def review(record: dict[str, Any]) -> str:
        return " (review)" if record["needs_review"] else ""  # a guessed grammatical form

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
                Text(clean(record["replacement"]) + review(record), style=new),
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
        line.append(clean(record["replacement"]) + review(record), style=new)
        console.print(line)
        details = (
            f"{record['concept']}, {record['from']} → {record['to']}, "
            f"{record['kind']} {record['score']:.0f}"
        )
        console.print(Padding(Text(details), (0, 0, 0, 4)))
        if record["note"] and record["concept"] not in shown:
            shown.add(record["concept"])
            console.print(Padding(Text(clean(record["note"])), (0, 0, 0, 4)))

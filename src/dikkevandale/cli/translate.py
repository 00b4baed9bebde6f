"""`dvd translate` and `dvd explain`: their options, and the settings they translate with.

The output differs from the input only where terms were rewritten. Reading the inputs lives in
`cli_inputs`, writing the results (text, in place, JSON, diff, e-mail, --check) in `cli_output`.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from dikkevandale.model import Match, Rewrite, Skip
    from dikkevandale.translator import Translator

from dikkevandale.cli.common import (
    LexiconOption,
    NoBuiltinOption,
    UsageError,
    clean,
    guard,
    load_translator,
    note,
    set_quiet,
)
from dikkevandale.cli.inputs import looks_like_email, open_sources, pieces
from dikkevandale.cli.output import Color, Format, Job, colored, translate_in_place
from dikkevandale.io.output import skip_text


class Mode(StrEnum):
    REPLACE = "replace"
    GLOSS = "gloss"


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
NoContextOption = Annotated[
    bool,
    typer.Option(
        "--no-context",
        help="Rewrite every term found, also everyday words where the text does not show the "
        "domain and terms in their exception phrases.",
    ),
]
EncodingOption = Annotated[
    str,
    typer.Option(
        "--encoding", metavar="ENCODING", help="Encoding of the input; the output uses the same."
    ),
]
QuietOption = Annotated[
    bool, typer.Option("--quiet", "-q", help="Only errors and warnings on stderr.")
]
LangOption = Annotated[
    str,
    typer.Option(
        "--lang",
        metavar="auto|nl|en|pl",
        help="Language of the text: only lexicons in it are used. auto detects per paragraph.",
    ),
]


def translator(
    lexicons: list[Path] | None,
    no_builtin: bool,
    to: str | None,
    sources: list[str] | None,
    threshold: float | None,
    no_fuzzy: bool,
    lang: str = "auto",
    mode: Mode = Mode.REPLACE,
    gloss_label: str | None = None,
    no_context: bool = False,
) -> Translator:
    """The translator for these options over the project's `.dvd.toml` defaults."""
    found = load_translator(
        lexicons,
        no_builtin,
        to=to,
        sources=tuple(sources) if sources else None,
        threshold=threshold,
        fuzzy=False if no_fuzzy else None,
        language=None if lang == "auto" else lang,
        mode=mode.value,
        gloss_label=gloss_label,
        context=False if no_context else None,
    )
    if found.options.to is None:
        raise UsageError('missing --to AUDIENCE (or set to = "it" in .dvd.toml)')
    return found


def translate_command(
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
    force: Annotated[
        bool,
        typer.Option(
            "--force", help="With --in-place: also replace read-only and hard-linked files."
        ),
    ] = False,
    jobs: Annotated[
        int,
        typer.Option(
            "--jobs",
            "-j",
            metavar="N",
            help="With --in-place: translate N files at a time, in N processes.",
        ),
    ] = 1,
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
    no_context: NoContextOption = False,
    lang: LangOption = "auto",
    encoding: EncodingOption = "utf-8",
    quiet: QuietOption = False,
) -> None:
    """Rewrite the jargon of other audiences into the words of --to; all else stays byte for byte.

    Examples:

      dvd translate --to it "Het 360-graden-klantbeeld is klaar."

      dvd translate --to sales -f notulen.md > notulen-sales.md

      dvd translate --to it -f notulen.md --in-place --backup

      dvd translate --to it -f a.md -f b.md -f c.md --in-place --jobs 2

      dvd translate --to it --mode gloss -f notulen.md

      dvd translate --to it --check -f docs/handleiding.md

      pbpaste | dvd translate --to it --format diff
    """
    with guard():
        from dikkevandale.io.streams import check_encoding

        set_quiet(quiet)
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
        if jobs < 1:
            raise UsageError("--jobs takes a number of processes, 1 or more")
        if jobs > 1 and not in_place:
            raise UsageError("--jobs goes with --in-place")
        if force and not in_place:
            raise UsageError("--force goes with --in-place")
        run = translator(
            lexicon,
            no_builtin,
            to,
            source,
            threshold,
            no_fuzzy,
            lang,
            mode,
            gloss_label,
            no_context,
        )
        if in_place:
            assert file is not None
            translate_in_place(
                run,
                file,
                jobs=jobs,
                backup=backup,
                force=force,
                encoding=encoding,
                email=email,
                skip_quoted=skip_quoted,
            )
            return
        job = Job(run, encoding, output_format, check, skip_quoted)
        job.highlight = output_format is Format.text and not check and colored(color)
        with open_sources(text, file, encoding, email) as sources:
            for item in sources:
                if email if email is not None else looks_like_email(item):
                    job.email(item)
                else:
                    job.text(item)
        job.finish(file[0] if file else ("text" if text is not None else "stdin"))


def explain(
    text: TextArgument = None,
    to: ToOption = None,
    file: FileOption = None,
    source: FromOption = None,
    lexicon: LexiconOption = None,
    no_builtin: NoBuiltinOption = False,
    threshold: ThresholdOption = None,
    no_fuzzy: NoFuzzyOption = False,
    no_context: NoContextOption = False,
    lang: LangOption = "auto",
    encoding: EncodingOption = "utf-8",
    quiet: QuietOption = False,
) -> None:
    """Show what `translate` would rewrite and why: a table of terms, kinds, scores and notes.

    Terms found but left alone because of their context are listed too, with the reason
    ("skipped: no domain context" for an everyday word in a text that is not about the domain).

    Example:

      dvd explain --to it "We willen een 360-graden klantbeeld en backoffice koppelingen."
    """
    with guard():
        set_quiet(quiet)
        from rich.console import Console
        from rich.table import Table
        from rich.text import Text

        from dikkevandale.io.streams import check_encoding

        encoding = check_encoding(encoding)
        run = translator(
            lexicon, no_builtin, to, source, threshold, no_fuzzy, lang, no_context=no_context
        )
        concepts = run.concepts
        table = Table("text", "concept", "from → to", "becomes", "kind", "score")
        notes: dict[str, str] = {}
        found = skipped = 0
        with open_sources(text, file, encoding) as sources:
            for item in sources:
                carry = 0  # the domain, carried from paragraph to paragraph as translate does
                for piece in pieces(item, encoding):
                    result = run.translate(piece, carry=carry)
                    carry = result.carry
                    rows: list[tuple[int, Match, Rewrite | None, Skip | None]]
                    rows = [(r.start, r.match, r, None) for r in result.rewrites]
                    rows += [(s.match.start, s.match, None, s) for s in result.skipped]
                    for _, match, rewrite, skip in sorted(rows, key=lambda row: row[0]):
                        if rewrite is not None:
                            found += 1
                            # A guessed grammatical form is marked for a person to review.
                            review = " (review)" if rewrite.needs_review else ""
                            becomes = clean(rewrite.replacement) + review
                        elif skip is not None:
                            skipped += 1
                            becomes = f"(skipped: {skip_text(skip)})"
                        table.add_row(
                            Text(clean(match.text if rewrite is None else rewrite.text)),
                            Text(match.concept),
                            Text(f"{match.audience} → {run.options.to}"),
                            Text(becomes),
                            Text(match.kind.value),
                            Text(f"{match.score:.0f}"),
                        )
                        notes.setdefault(match.concept, concepts[match.concept].note or "")
        if found or skipped:
            console = Console(highlight=False)
            console.print(table)
            for concept_id, text_of_note in notes.items():
                if text_of_note:
                    console.print(Text(clean(f"{concept_id}: {text_of_note}")))
        left = f", {skipped} left alone by their context" if skipped else ""
        note(f"{found} term{'s' if found != 1 else ''} to rewrite for {run.options.to}{left}")

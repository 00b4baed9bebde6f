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
    from dikkevandale.translator import Translator

from dikkevandale.cli.common import (
    LexiconOption,
    NoBuiltinOption,
    QuietOption,
    UsageError,
    choice,
    guard,
    load_translator,
    say,
    set_quiet,
)
from dikkevandale.cli.completion import complete_audience
from dikkevandale.cli.inputs import looks_like_email, open_sources
from dikkevandale.cli.output import Color, Format, Job, colored, translate_in_place


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
        autocompletion=complete_audience,
    ),
]
FromOption = Annotated[
    list[str] | None,
    typer.Option(
        "--from",
        metavar="AUDIENCE",
        help="Only rewrite terms of this audience; repeatable. Default: all others.",
        autocompletion=complete_audience,
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
    mark_review: bool = False,
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
        mark_review=mark_review or None,
        context=False if no_context else None,
    )
    if found.options.to is None:
        raise UsageError('missing --to AUDIENCE (or set to = "it" in .dvd.toml)')
    return found


def warn_if_file(text: str) -> None:
    """TEXT that names a file is translated as the words it is, but probably meant -f: say so
    (a CI line `dvd translate --check note.md` would otherwise pass, checking nine letters)."""
    import shlex

    if "\n" in text or len(text) > 4096:
        return
    try:
        is_file = Path(text).is_file()
    except (OSError, ValueError):
        return
    if is_file:
        say(
            f"warning: TEXT '{text}' is the name of a file, but TEXT is translated as written; "
            f"did you mean -f {shlex.quote(text)}? (or dvd check {shlex.quote(text)})"
        )


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
            "--format",
            metavar="text|json|diff",
            parser=choice(Format),
            help="The translated text, json or a diff.",
        ),
    ] = Format.text,
    mode: Annotated[
        Mode,
        typer.Option(
            "--mode",
            metavar="replace|gloss",
            parser=choice(Mode),
            help="Replace terms, or keep them and add a gloss.",
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
    mark_review: Annotated[
        bool,
        typer.Option(
            "--mark-review",
            help="Wrap each rewrite whose grammatical form is a guess in ⟦…⟧ (also in the JSON "
            "text), for a person to check.",
        ),
    ] = False,
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
            help=(
                "Treat the input as an e-mail message, or an mbox of them (default: detected"
                " from its headers)."
            ),
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
            parser=choice(Color),
            help="Colour rewritten terms and diffs (auto: on a terminal, unless NO_COLOR).",
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

    \b
      dvd translate --to it "Het 360-graden-klantbeeld is klaar."
      dvd translate --to sales -f notulen.md > notulen-sales.md
      dvd translate --to it -f notulen.md --in-place --backup
      dvd translate --to it -f a.md -f b.md -f c.md --in-place --jobs 2
      dvd translate --to it --mode gloss -f notulen.md
      dvd translate --to it --check -f docs/handleiding.md
      dvd translate --to it --mark-review "Rozmowa o alokacji zasobów."
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
        if text is not None and not file:
            warn_if_file(text)
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
            mark_review,
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
        job.color_diff = output_format is Format.diff and colored(color)
        with open_sources(text, file, encoding, email) as sources:
            for item in sources:
                if email if email is not None else looks_like_email(item):
                    job.email(item)
                else:
                    job.text(item)
        first = file[0] if file and file[0] != "-" else "stdin"
        job.finish(first if file else ("text" if text is not None else "stdin"))

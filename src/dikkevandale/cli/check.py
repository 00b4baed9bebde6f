"""`dvd check [PATH...]`: the linter face of dvd, for CI and editors (like `vale docs/`).

The work is `dikkevandale.checker` and the formats are `dikkevandale.io.reports`; this module
parses options, prints the report on stdout and the summary on stderr, and exits 0 (clean),
1 (terms found), 2 (usage) or 3 (a file that cannot be read; the others are still checked).
"""

from __future__ import annotations

import sys
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

import typer

from dikkevandale.cli.common import (
    LexiconOption,
    NoBuiltinOption,
    QuietOption,
    UsageError,
    choice,
    count,
    guard,
    note,
    say,
    set_quiet,
)
from dikkevandale.cli.completion import complete_audience
from dikkevandale.cli.exitstatus import ExitStatus
from dikkevandale.cli.translate import (
    EncodingOption,
    FromOption,
    LangOption,
    NoFuzzyOption,
    ThresholdOption,
    translator,
)

if TYPE_CHECKING:
    from dikkevandale.io.reports import FileReport

check_app = typer.Typer(rich_markup_mode=None, add_completion=False)


class CheckFormat(StrEnum):
    text = "text"
    json = "json"
    github = "github"
    sarif = "sarif"


@check_app.command("check", short_help="Report terms of other audiences in files and folders.")
def check(
    paths: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="PATH",
            help="Files and folders to check; '-' reads standard input. Default: '.'.",
            show_default=False,
        ),
    ] = None,
    to: Annotated[
        str | None,
        typer.Option(
            "--to",
            "-t",
            metavar="AUDIENCE",
            help="The audience the texts are for (default: 'to' in .dvd.toml).",
            autocompletion=complete_audience,
        ),
    ] = None,
    source: FromOption = None,
    output_format: Annotated[
        CheckFormat,
        typer.Option(
            "--format",
            metavar="text|json|github|sarif",
            parser=choice(CheckFormat),
            help="Report as text, json, GitHub annotations or SARIF 2.1.0.",
        ),
    ] = CheckFormat.text,
    fix: Annotated[
        bool,
        typer.Option("--fix", help="Rewrite the files in place, as translate --in-place does."),
    ] = False,
    backup: Annotated[
        bool, typer.Option("--backup", help="With --fix: keep each original as FILE.bak.")
    ] = False,
    no_gitignore: Annotated[
        bool, typer.Option("--no-gitignore", help="Also check files that .gitignore names.")
    ] = False,
    lexicon: LexiconOption = None,
    no_builtin: NoBuiltinOption = False,
    threshold: ThresholdOption = None,
    no_fuzzy: NoFuzzyOption = False,
    lang: LangOption = "auto",
    encoding: EncodingOption = "utf-8",
    quiet: QuietOption = False,
) -> None:
    """Report every term of another audience than --to in files and folders.

    One line per term, `path:line:col: concept: found → replacement`. Folders are read
    recursively: the files matching `include` in .dvd.toml (default *.md *.markdown *.txt
    *.eml *.html), minus `exclude` and what .gitignore names. Exits 0 when clean, 1 when
    terms are found, 2 on a usage error, 3 when a file cannot be read.

    Examples:

    \b
      dvd check --to it docs/ README.md
      dvd check --to it --format github .
      dvd check --to it --format sarif . > dvd.sarif
      git show HEAD:notes.md | dvd check --to sales -
      dvd check --to it --fix docs/
    """
    with guard():
        from dikkevandale import __version__
        from dikkevandale.checker import Unreadable, check_bytes, check_paths, fix_paths
        from dikkevandale.io import reports
        from dikkevandale.io.streams import check_encoding

        set_quiet(quiet)
        encoding = check_encoding(encoding)
        names = paths or ["."]
        if "-" in names and (fix or len(names) > 1):
            raise UsageError(
                "'-' (standard input) is checked alone and cannot be fixed; "
                "use dvd translate for a pipe"
            )
        if backup and not fix:
            raise UsageError("--backup goes with --fix")
        run = translator(lexicon, no_builtin, to, source, threshold, no_fuzzy, lang)
        found: list[reports.FileReport] = []
        unreadable: list[Unreadable] = []
        if names == ["-"]:
            found.append(check_bytes(run, sys.stdin.buffer.read(), encoding=encoding))
        elif fix:
            found += fix_paths(
                run, names, gitignore=not no_gitignore, backup=backup, encoding=encoding
            )
        else:
            for item in check_paths(run, names, gitignore=not no_gitignore, encoding=encoding):
                if isinstance(item, Unreadable):
                    say(f"error: {item.message}")
                    unreadable.append(item)
                else:
                    found.append(item)
        renderers = {
            CheckFormat.text: lambda: reports.render_text(found),
            CheckFormat.json: lambda: reports.render_json(found),
            CheckFormat.github: lambda: reports.render_github(found),
            CheckFormat.sarif: lambda: reports.render_sarif(found, version=__version__),
        }
        if not fix or output_format is not CheckFormat.text:
            sys.stdout.write(renderers[output_format]())
            sys.stdout.flush()
        _summarize(found, len(unreadable), run.options.to or "", fixed=fix)
        if unreadable:
            raise typer.Exit(ExitStatus.BAD_DATA)
        if not fix and any(report.issues for report in found):
            raise typer.Exit(ExitStatus.FINDINGS)


def _summarize(files: list[FileReport], unreadable: int, to: str, *, fixed: bool) -> None:
    terms = sum(len(report.issues) for report in files)
    with_terms = sum(1 for report in files if report.issues)
    checked = count(len(files), "file")
    failed = f", {count(unreadable, 'file')} unreadable" if unreadable else ""
    if fixed:
        note(
            f"{checked} checked{failed}: {count(terms, 'term')} rewritten for {to} "
            f"in {count(with_terms, 'file')}"
        )
    elif terms:
        note(
            f"{checked} checked{failed}: {count(terms, 'term')} of other audiences than {to} "
            f"in {count(with_terms, 'file')}"
        )
    else:
        note(f"{checked} checked{failed}: no terms of other audiences than {to}")

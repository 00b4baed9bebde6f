"""`dvd init`: a lexicon repository in the current folder, ready for git, pre-commit and CI.

The files come from `dikkevandale.edit.scaffold`; this module checks the options, writes them
(all or none) and says on stderr what was made and what to do next.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from dikkevandale.cli.common import QuietOption, UsageError, count, fail, guard, note, set_quiet
from dikkevandale.cli.exitstatus import ExitStatus

init_app = typer.Typer(rich_markup_mode=None, add_completion=False)


@init_app.command("init", short_help="Start a lexicon repository here: lexicon, CI, pre-commit.")
def init(
    language: Annotated[
        str,
        typer.Option("--language", metavar="LANG", help="Language of the first lexicon (nl)."),
    ] = "nl",
    audiences: Annotated[
        str,
        typer.Option(
            "--audiences", metavar="A,B,...", help="The audiences, comma-separated (sales,it)."
        ),
    ] = "sales,it",
    to: Annotated[
        str | None,
        typer.Option("--to", metavar="AUDIENCE", help="The default --to. [default: the second]"),
    ] = None,
    no_builtin: Annotated[
        bool, typer.Option("--no-builtin", help="Write builtin = false in .dvd.toml.")
    ] = False,
    quiet: QuietOption = False,
) -> None:
    """Start a lexicon repository here: a lexicon, its schema, .dvd.toml, pre-commit and CI.

    Writes lexicons/LANG/terms.yaml (one example concept to replace),
    lexicons/dvd-lexicon.schema.json, .dvd.toml, .pre-commit-config.yaml (a local hook
    running the installed dvd) and .github/workflows/dvd.yml. Never overwrites: when one of
    them exists, nothing is written and dvd exits 1.

    Example:

    \b
      mkdir crm-terms && cd crm-terms && git init
      dvd init --language nl
      dvd lexicon check --strict
    """
    with guard():
        from dikkevandale.edit.scaffold import ScaffoldError, scaffold_files, write_scaffold
        from dikkevandale.lexicon.loader import AUDIENCE_PATTERN, LANGUAGE_PATTERN

        set_quiet(quiet)
        if not LANGUAGE_PATTERN.fullmatch(language):
            raise UsageError(f"--language '{language}' is not a code like nl, en, pl")
        names = [name.strip().lower() for name in audiences.split(",") if name.strip()]
        for name in names:
            if not AUDIENCE_PATTERN.fullmatch(name):
                raise UsageError(f"audience '{name}' must be lowercase letters and digits")
        if len(names) < 2 or len(set(names)) != len(names):
            raise UsageError("--audiences names two or more different audiences, e.g. sales,it")
        target = (to or names[1]).lower()
        if target not in names:
            raise UsageError(f"--to '{to}' is not one of the audiences {', '.join(names)}")
        files = scaffold_files(language, names, target, builtin=not no_builtin)
        root = Path.cwd()
        try:
            written = write_scaffold(root, files)
        except ScaffoldError as error:
            fail(ExitStatus.FINDINGS, f"{error}; nothing written (dvd init never overwrites)")
        for path in written:
            sys.stdout.write(f"{path.relative_to(root)}\n")
        note(
            f"wrote {count(len(written), 'file')}; next: dvd lexicon check --strict, "
            "then git add . && git commit, and pre-commit install"
        )

"""`dvd lexicon ...`: checking, listing and showing the lexicons in force.

Project leads keep lexicons in git and edit them in pull requests; these commands give them
what a linter gives code: compiler-style problems with stable codes, and a view of which file
of which layer is in force.
"""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from dikkevandale.cli.common import (
    LexiconOption,
    NoBuiltinOption,
    QuietOption,
    choice,
    clean,
    count,
    guard,
    lexicon_layers,
    load_lexicons,
    note,
    say,
    set_quiet,
)
from dikkevandale.cli.completion import complete_concept
from dikkevandale.cli.exitstatus import ExitStatus
from dikkevandale.model import Code

if TYPE_CHECKING:
    from dikkevandale.lexicon.layers import Layer
    from dikkevandale.model import Concept, Term

lexicon_app = typer.Typer(
    name="lexicon",
    help=(
        "Check, list, show, edit and exchange the lexicons in force.\n\n"
        "Example:\n\n\b\n  dvd lexicon check lexicons/"
    ),
    no_args_is_help=True,
    rich_markup_mode=None,
)


class ReportFormat(StrEnum):
    text = "text"
    json = "json"


@lexicon_app.command(short_help="Validate lexicons like code: path:line:col problems.")
def check(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            metavar="PATH",
            help="Lexicon files or folders to check. Default: the lexicons in force.",
        ),
    ] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Treat warnings as errors.")] = False,
    output_format: Annotated[
        ReportFormat,
        typer.Option(
            "--format", metavar="text|json", parser=choice(ReportFormat), help="text or json."
        ),
    ] = ReportFormat.text,
    lexicon: LexiconOption = None,
    no_builtin: NoBuiltinOption = False,
    quiet: QuietOption = False,
) -> None:
    """Validate lexicons like code: one problem a line, `path:line:col: severity DVDnnn message`.

    Runs every check (syntax, schema, duplicates, ambiguous and confusable terms, chains,
    articles and plurals) and every example. Exits 0 when clean, 1 on problems (warnings
    count only with --strict), 3 when a file cannot be read.

    Examples:

    \b
      dvd lexicon check
      dvd lexicon check lexicons/ --strict --format json
    """
    with guard():
        set_quiet(quiet)
        from dikkevandale.lexicon.checks import check as check_layers
        from dikkevandale.lexicon.layers import COMMAND_LINE, Layer, expand

        if paths:
            layers = [Layer(COMMAND_LINE, expand(paths))]
        else:
            layers, _ = lexicon_layers(lexicon, no_builtin)
        report = check_layers(layers)
        if output_format is ReportFormat.json:
            problems = [
                {
                    "path": p.location.path if p.location else "",
                    "line": p.location.line if p.location else 0,
                    "col": p.location.col if p.location else 0,
                    "severity": p.severity,
                    "code": p.code,
                    "message": p.message,
                }
                for p in report.problems
            ]
            document = {
                "files": list(report.files),
                "concepts": report.concepts,
                "errors": report.errors,
                "warnings": report.warnings,
                "problems": problems,
            }
            sys.stdout.write(json.dumps(document, ensure_ascii=False, indent=2) + "\n")
        else:
            for problem in report.problems:
                where = f"{problem.location}: " if problem.location else ""
                sys.stdout.write(
                    clean(f"{where}{problem.severity} {problem.code} {problem.message}") + "\n"
                )
        sys.stdout.flush()
        files = f"{count(len(report.files), 'file')}, {count(report.concepts, 'concept')}"
        if report.problems:
            errors = count(report.errors, "error")
            say(f"{files}: {errors}, {count(report.warnings, 'warning')}")
        else:
            note(f"{files}: no problems")
        if any(p.code is Code.UNREADABLE for p in report.problems):
            raise typer.Exit(ExitStatus.BAD_DATA)
        if report.errors or (strict and report.warnings):
            raise typer.Exit(ExitStatus.FINDINGS)


@lexicon_app.command("list", short_help="List the lexicon files in force, layer by layer.")
def list_files(
    lexicon: LexiconOption = None,
    no_builtin: NoBuiltinOption = False,
    quiet: QuietOption = False,
) -> None:
    """List the lexicon files in force: layer, language, audiences, concepts, overrides.

    Layers, each overriding the ones before it concept by concept: built-in, project
    (lexicons/ or .dvd.toml found upwards from here), env (DVD_LEXICON_PATH), command line.

    Example:

    \b
      dvd lexicon list -l my-terms.yaml
    """
    with guard():
        set_quiet(quiet)
        from dikkevandale.lexicon.loader import read_lexicon_file

        layers, _ = lexicon_layers(lexicon, no_builtin)
        parsed = [
            (layer.name, path, read_lexicon_file(path)) for layer in layers for path in layer.files
        ]
        final_owner: dict[str, str] = {}
        for _, path, concepts in parsed:
            for concept in concepts:
                final_owner[concept.id] = str(path)
        taken = _taken_over(layers, parsed)
        for layer_name, path, concepts in parsed:
            languages = sorted({c.language for c in concepts}) or ["-"]
            audiences = list(dict.fromkeys(a for c in concepts for a in c.terms))
            sys.stdout.write(
                f"{layer_name}\t{path}\t{','.join(languages)}\t{','.join(audiences)}"
                f"\t{count(len(concepts), 'concept')}\n"
            )
            overridden = [c.id for c in concepts if final_owner[c.id] != str(path)]
            for concept_id in overridden:
                sys.stdout.write(f"\toverridden: {concept_id} by {final_owner[concept_id]}\n")
            for line in taken.get(str(path), []):
                sys.stdout.write(f"\ttaken over: {line}\n")
        sys.stdout.flush()


def _taken_over(
    layers: list[Layer], parsed: list[tuple[str, Path, tuple[Concept, ...]]]
) -> dict[str, list[str]]:
    """Per file, the terms that a later layer's concept took over (DVD016), as list lines."""
    from dikkevandale.lexicon.layers import merge_checked

    by_layer = [
        [(str(path), concepts) for name, path, concepts in parsed if name == layer.name]
        for layer in layers
    ]
    _, problems = merge_checked(by_layer)
    taken: dict[str, list[str]] = {}
    for problem in problems:
        if problem.code is Code.TAKEN_OVER and problem.related is not None:
            taken.setdefault(problem.related.path, []).append(
                f"{problem.message} [{problem.location}]"
            )
    return taken


ConceptArgument = Annotated[
    str,
    typer.Argument(metavar="ID", help="The concept's id.", autocompletion=complete_concept),
]


def _concept_in_force(concept_id: str, lexicon: list[Path] | None, no_builtin: bool) -> Concept:
    """The concept of that id among the lexicons in force, for `show` and `forms`: an unknown
    id is said on stderr with a did-you-mean, and exits 1."""
    from dikkevandale.model import did_you_mean

    index = load_lexicons(lexicon, no_builtin)
    concept: Concept | None = index.by_id.get(concept_id)
    if concept is None:
        hint = did_you_mean(concept_id, list(index.by_id))
        say(f"no concept with id '{concept_id}'{hint}")
        raise typer.Exit(ExitStatus.FINDINGS)
    return concept


@lexicon_app.command(short_help="Show one concept: terms, note, examples, where defined.")
def show(
    concept_id: ConceptArgument,
    lexicon: LexiconOption = None,
    no_builtin: NoBuiltinOption = False,
    quiet: QuietOption = False,
) -> None:
    """Show one concept in force: its terms per audience, note, examples and where it is defined.

    Example:

    \b
      dvd lexicon show klantbeeld
    """
    with guard():
        set_quiet(quiet)
        from dikkevandale.io.output import render_concept

        concept = _concept_in_force(concept_id, lexicon, no_builtin)
        sys.stdout.write(clean(render_concept(concept, details=True)))
        sys.stdout.flush()


@lexicon_app.command(short_help="Print the JSON Schema of lexicon files, for editors.")
def schema(quiet: QuietOption = False) -> None:
    """Print the JSON Schema of lexicon files (format v1), for editors and CI.

    Editors with the YAML language server pick it up from a first line such as
    `# yaml-language-server: $schema=dvd-lexicon.schema.json`.

    Example:

    \b
      dvd lexicon schema > dvd-lexicon.schema.json
    """
    with guard():
        set_quiet(quiet)
        from dikkevandale.lexicon.schema import render_schema

        sys.stdout.write(render_schema())
        sys.stdout.flush()


def _context_lines(term: Term) -> list[str]:
    """What a term's context fields say, for `forms` (see `matching.domain`)."""
    lines: list[str] = []
    if term.everyday is not None:
        meaning = (
            "rewritten only where the text shows the domain"
            if term.everyday
            else "checked: rewritten wherever it stands"
        )
        lines.append(f"    everyday {str(term.everyday).lower()}: {meaning}")
    lines += [f"    not in   {phrase}" for phrase in term.not_in]
    if term.needs:
        lines.append(f"    needs    one of {', '.join(term.needs)} in its paragraph")
    if term.in_compounds:
        lines.append("    also inside a hyphenated compound (in_compounds)")
    return lines


@lexicon_app.command(short_help="Show every form dvd generates for a concept's terms.")
def forms(
    concept_id: ConceptArgument,
    lexicon: LexiconOption = None,
    no_builtin: NoBuiltinOption = False,
    quiet: QuietOption = False,
) -> None:
    """Show every form dvd generates for a concept's terms, so an author can check and fix them.

    Each line is `label  spelling`; spellings the lexicon gives itself (plural, diminutive,
    forms) are marked `(lexicon)`, the others come from the language's rules. A wrong rule
    form is fixed with `forms: {label: spelling}` on the term. A term's context fields follow
    its forms: `everyday`, each `not_in` phrase (which holds the term in any of these forms),
    `needs` and `in_compounds`.

    Example:

    \b
      dvd lexicon forms pl.wdrozenie
    """
    with guard():
        set_quiet(quiet)
        from dikkevandale.languages.inflection import base_label, labelled_forms

        concept = _concept_in_force(concept_id, lexicon, no_builtin)
        lines = [f"{concept.id} ({concept.language})"]
        for audience, terms in concept.terms.items():
            for term in terms:
                lines.append(f"  {audience}: {term.text}")
                base = base_label(concept.language)
                own = {(base, term.text), ("pl", term.plural), ("dim", term.diminutive)}
                own.update(term.forms)
                for label, spellings in labelled_forms(term, concept.language).items():
                    for spelling in spellings:
                        mark = "  (lexicon)" if (label, spelling) in own else ""
                        lines.append(f"    {label:<7} {spelling}{mark}")
                lines += _context_lines(term)
        sys.stdout.write(clean("\n".join(lines)) + "\n")
        sys.stdout.flush()

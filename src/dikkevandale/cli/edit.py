"""`dvd lexicon add`: a concept, or terms for one, added to a lexicon file without re-dumping it.

The work is `dikkevandale.editor_file.add_to_file`; this module turns options or answers to prompts
into an `Addition` and reports on stderr what was written. Nothing goes to stdout.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from dikkevandale.cli.common import (
    LexiconOption,
    NoBuiltinOption,
    QuietOption,
    UsageError,
    fail,
    guard,
    note,
    say,
    set_quiet,
)
from dikkevandale.cli.exitstatus import ExitStatus
from dikkevandale.cli.lexicon import lexicon_app

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Sequence

    from dikkevandale.edit.editor import Addition, Edit
    from dikkevandale.edit.file import Added
    from dikkevandale.lexicon.layers import Layer
    from dikkevandale.model import LexiconError, Term

TermsOption = Annotated[
    list[str] | None,
    typer.Option("--term", metavar="AUDIENCE=TERM", help="A term for any audience; repeatable."),
]


def _per_audience_option(flag: str, value: str, what: str) -> Any:
    """`--article de` sets every added term's, `--article it=de` one audience's (`_per_audience`
    reads them); the option's metavar and help say so alike."""
    return typer.Option(
        flag, metavar=f"[AUDIENCE=]{value}", help=f"The {what}, or of one audience's; repeatable."
    )


@lexicon_app.command(short_help="Add a concept, or terms to one, keeping the file's layout.")
def add(
    concept_id: Annotated[
        str | None,
        typer.Option(
            "--id", metavar="ID", help="The concept: a new id, or one in the file to add terms to."
        ),
    ] = None,
    sales: Annotated[
        list[str] | None, typer.Option("--sales", metavar="TERM", help="A sales term; repeatable.")
    ] = None,
    it: Annotated[
        list[str] | None, typer.Option("--it", metavar="TERM", help="An IT term; repeatable.")
    ] = None,
    terms: TermsOption = None,
    article: Annotated[
        list[str] | None, _per_audience_option("--article", "de|het", "article of the added terms")
    ] = None,
    plural: Annotated[
        list[str] | None, _per_audience_option("--plural", "PLURAL", "plural of the added term")
    ] = None,
    everyday: Annotated[
        list[str] | None,
        _per_audience_option(
            "--everyday",
            "true|false",
            "everyday mark of the added terms (true: rewritten only where the text shows the "
            "domain)",
        ),
    ] = None,
    not_in: Annotated[
        list[str] | None,
        _per_audience_option(
            "--not-in", "PHRASE", "phrases in which the added term means something else"
        ),
    ] = None,
    needs: Annotated[
        list[str] | None,
        _per_audience_option(
            "--needs", "WORD", "words of which one must be in the paragraph (klant*: a prefix)"
        ),
    ] = None,
    in_compounds: Annotated[
        list[str] | None,
        _per_audience_option(
            "--in-compounds",
            "true|false",
            "compound mark of the added terms (true: also found inside a hyphenated compound)",
        ),
    ] = None,
    note: Annotated[
        str | None, typer.Option("--note", metavar="TEXT", help="A note for a concept without one.")
    ] = None,
    file: Annotated[
        Path | None,
        typer.Option(
            "--file",
            "-f",
            metavar="PATH",
            help="The lexicon file to add to. Default: the only project or --lexicon file.",
        ),
    ] = None,
    language: Annotated[
        str | None,
        typer.Option(
            "--language",
            metavar="LANG",
            help="For a new --file: its language. Default: the folder's (lexicons/nl/).",
        ),
    ] = None,
    interactive: Annotated[
        bool,
        typer.Option(
            "--interactive",
            "-i",
            help="Ask for what the options leave out, show the lines, and ask before writing "
            "(the default in a terminal without --id).",
        ),
    ] = False,
    lexicon: LexiconOption = None,
    no_builtin: NoBuiltinOption = False,
    quiet: QuietOption = False,
) -> None:
    """Add a concept, or terms and a note to an existing one, to a lexicon file.

    Only new lines are inserted: comments, order and blank lines stay as they are. The result is
    checked with the lexicons in force before it replaces the file, all at once; a refused or
    interrupted add leaves the file untouched. Exits 2 when the addition conflicts with the file
    (a term already there, an unknown audience), 3 when the file or the result is invalid.

    Examples:

    \b
      dvd lexicon add -f crm.yaml --id offerte --sales offerte --it quote --article de
      dvd lexicon add --id klantbeeld --term marketing=klantprofiel
      dvd lexicon add --id klantvraag --it ticket --everyday true --not-in "tickets voor"
      dvd lexicon add -f crm.yaml    # in a terminal: asks for the rest
    """
    with guard():
        set_quiet(quiet)
        from dikkevandale.edit.editor import EditError, RefusedError
        from dikkevandale.edit.file import add_to_file
        from dikkevandale.lexicon.layers import find_layers

        asking = interactive or (concept_id is None and sys.stdin.isatty())
        if concept_id is None and not asking:
            raise UsageError("missing --id ID (run in a terminal, or with -i, to be asked)")
        layers = find_layers(lexicon or (), builtin=not no_builtin)
        created: Path | None = None  # a new file, removed again unless the add is written
        try:
            try:
                path = _choose_file(file, layers, asking)
                pairs = _pairs(sales, it, terms)
                context = _Context(everyday or [], not_in or [], needs or [], in_compounds or [])
                addition = _addition(concept_id, pairs, article or [], plural or [], note, context)
                if not path.exists() and not path.is_symlink():
                    created = _create(path, language, pairs)
                elif language is not None:
                    raise UsageError(f"--language is for a new file; {path} exists")
                confirm = None
                if asking:
                    addition = _ask(path, addition, layers)
                    confirm = _confirmer(path)
                added = add_to_file(path, addition, layers, confirm)
            except (typer.Abort, KeyboardInterrupt):
                say(f"stopped: nothing written to {file or 'the lexicon'}")
                raise typer.Exit(ExitStatus.INTERRUPTED) from None
            except EditError as error:
                raise UsageError(str(error)) from None
            except RefusedError as error:
                fail(ExitStatus.BAD_DATA, f"not added, {path} is unchanged: {error}")
            if added.written:
                created = None
            _report(added, addition, warned=asking)
        finally:
            if created is not None:
                created.unlink(missing_ok=True)


def _create(path: Path, language: str | None, pairs: list[tuple[str, str]]) -> Path:
    """Write a new, empty lexicon at `path` with the header a lexicon needs: the schema
    comment (when a dvd-lexicon.schema.json is found above), version, language, audiences."""
    from dikkevandale.edit.scaffold import new_lexicon_text, schema_reference
    from dikkevandale.files import write_atomically
    from dikkevandale.lexicon.loader import LANGUAGE_PATTERN

    folder = path.absolute().parent
    if language is None and folder.parent.name == "lexicons":
        language = folder.name  # lexicons/<lang>/NEW.yaml, the layout dvd init makes
    if language is None:
        raise UsageError(f"{path} does not exist; to create it, give its --language (nl, en, pl)")
    if not LANGUAGE_PATTERN.fullmatch(language):
        raise UsageError(f"--language '{language}' is not a code like nl, en, pl")
    if not folder.is_dir():
        raise UsageError(f"{path}: the folder {path.parent} does not exist")
    audiences = list(dict.fromkeys(audience for audience, _ in pairs)) or ["sales", "it"]
    text = new_lexicon_text(language, audiences, schema_reference(path))
    write_atomically(path, text.encode("utf-8"))
    return path


def _choose_file(file: Path | None, layers: Sequence[Layer], asking: bool) -> Path:
    from dikkevandale.lexicon.layers import COMMAND_LINE, PROJECT

    if file is not None:
        return file
    candidates = [
        path for layer in layers if layer.name in (PROJECT, COMMAND_LINE) for path in layer.files
    ]
    if len(candidates) == 1:
        return candidates[0]
    if asking and candidates:
        for path in candidates:
            say(f"  {path}")
        return Path(_prompt("Lexicon file"))
    if candidates:
        raise UsageError(
            f"{len(candidates)} project and --lexicon files are in force; choose one with --file"
        )
    raise UsageError("no project lexicon found; give the file to add to with --file PATH")


def _pairs(
    sales: list[str] | None, it: list[str] | None, terms: list[str] | None
) -> list[tuple[str, str]]:
    pairs = [("sales", t) for t in sales or ()] + [("it", t) for t in it or ()]
    for value in terms or ():
        audience, equals, text = value.partition("=")
        if not equals or not audience.strip() or not text.strip():
            raise UsageError(f"--term '{value}': write AUDIENCE=TERM, e.g. --term it=database")
        pairs.append((audience.strip(), text))
    return pairs


def _per_audience(option: str, values: list[str], pairs: list[tuple[str, str]]) -> dict[str, str]:
    """`--article de` (key "": every term) or `--article it=de` (that audience's terms)."""
    found: dict[str, str] = {}
    for audience, rest in _audience_values(option, values, pairs):
        if audience in found:
            raise UsageError(f"{option} is given twice for {audience or 'all terms'}")
        found[audience] = rest
    return found


def _per_audience_list(
    option: str, values: list[str], pairs: list[tuple[str, str]]
) -> dict[str, tuple[str, ...]]:
    """`--needs klant*` repeated: the values for every term (key "") or one audience's."""
    found: dict[str, tuple[str, ...]] = {}
    for audience, rest in _audience_values(option, values, pairs):
        found[audience] = (*found.get(audience, ()), rest)
    return found


def _audience_values(
    option: str, values: list[str], pairs: list[tuple[str, str]]
) -> list[tuple[str, str]]:
    from dikkevandale.lexicon.loader import AUDIENCE_PATTERN

    found: list[tuple[str, str]] = []
    for value in values:
        audience, equals, rest = value.partition("=")
        if not equals or not AUDIENCE_PATTERN.fullmatch(audience.strip()):
            audience, rest = "", value
        audience = audience.strip()
        if audience and audience not in {a for a, _ in pairs}:
            raise UsageError(f"{option} {value}: no {audience} term is added")
        found.append((audience, rest.strip()))
    return found


def _only_one_term(
    option: str, value: str, audiences: Iterable[str], pairs: list[tuple[str, str]]
) -> None:
    for audience in audiences:
        count = sum(1 for a, _ in pairs if not audience or a == audience)
        if count != 1:
            whose = f"{audience} terms" if audience else f"terms; write {option} AUDIENCE={value}"
            raise UsageError(f"{option} is for one term, and {count} {whose} are added")


def _flags(option: str, values: list[str], pairs: list[tuple[str, str]]) -> dict[str, bool]:
    found = _per_audience(option, values, pairs)
    for value in found.values():
        if value.lower() not in ("true", "false"):
            raise UsageError(f"{option} takes true or false, not '{value}'")
    return {audience: value.lower() == "true" for audience, value in found.items()}


@dataclass(frozen=True)
class _Context:
    """The context options of `add`, as given."""

    everyday: list[str]
    not_in: list[str]
    needs: list[str]
    in_compounds: list[str]


def _addition(
    concept_id: str | None,
    pairs: list[tuple[str, str]],
    articles: list[str],
    plurals: list[str],
    note: str | None,
    context: _Context | None = None,
) -> Addition:
    from dikkevandale.edit.editor import Addition
    from dikkevandale.model import DUTCH_ARTICLES, Term

    article_of = _per_audience("--article", articles, pairs)
    plural_of = _per_audience("--plural", plurals, pairs)
    for article in article_of.values():
        if article.lower() not in DUTCH_ARTICLES:
            raise UsageError(f"--article must be de or het, not '{article}'")
    _only_one_term("--plural", "PLURAL", plural_of, pairs)
    context = context or _Context([], [], [], [])
    everyday_of = _flags("--everyday", context.everyday, pairs)
    compounds_of = _flags("--in-compounds", context.in_compounds, pairs)
    not_in_of = _per_audience_list("--not-in", context.not_in, pairs)
    needs_of = _per_audience_list("--needs", context.needs, pairs)
    _only_one_term("--not-in", "PHRASE", not_in_of, pairs)
    terms: list[tuple[str, Term]] = [
        (
            audience,
            Term(
                text,
                article=article_of.get(audience, article_of.get("")),
                plural=plural_of.get(audience, plural_of.get("")),
                everyday=everyday_of.get(audience, everyday_of.get("")),
                not_in=not_in_of.get(audience, not_in_of.get("", ())),
                needs=needs_of.get(audience, needs_of.get("", ())),
                in_compounds=compounds_of.get(audience, compounds_of.get("", False)),
            ),
        )
        for audience, text in pairs
    ]
    return Addition(concept_id or "", tuple(terms), note)


def _ask(path: Path, addition: Addition, layers: Sequence[Layer]) -> Addition:
    """Prompt (on stderr) for the id, terms and note the options left out.

    A new id that another layer's file also defines is said at once, before the terms and
    long before "Write this?": the new concept would replace that one everywhere.
    """
    from dataclasses import replace

    from dikkevandale import languages
    from dikkevandale.edit.editor import read_outline
    from dikkevandale.lexicon.source import decode, read_bytes
    from dikkevandale.model import DUTCH_ARTICLES, Term

    outline = read_outline(decode(path, read_bytes(path)), str(path))
    concept_id = addition.concept_id or _prompt("Concept id")
    existing = next((c for c in outline.concepts if c.id == concept_id), None)
    if existing is None:
        _say_shadowing(path, concept_id, layers)
    if existing is not None:
        say(f"'{concept_id}' is in {path}; the terms you give are added after its own:")
        for audience, known in existing.terms.items():
            say(f"  {audience}: {', '.join(term.text for term in known)}")
    terms = list(addition.terms)
    if not terms:
        for audience in outline.audiences:
            label = f"{audience} term (empty: none)"
            while text := _prompt(label):
                article = None
                while "article" in languages.get(outline.language).term_fields:
                    article = _prompt(f"Article of '{text}' (de/het, empty: none)").lower() or None
                    if article is None or article in DUTCH_ARTICLES:
                        break
                    say("the article is de or het")
                terms.append((audience, Term(text, article=article)))
                label = f"Another {audience} term (empty: next)"
    note = addition.note
    if note is None and (existing is None or existing.note is None):
        note = _prompt("Note (empty: none)")
    return replace(addition, concept_id=concept_id, terms=tuple(terms), note=note or None)


def _say_shadowing(path: Path, concept_id: str, layers: Sequence[Layer]) -> None:
    from dikkevandale.edit.file import defined_elsewhere

    earlier, later = defined_elsewhere(layers, path, concept_id)
    for other in earlier:
        say(
            f"warning: '{concept_id}' is defined in {other}; adding it to {path} replaces that "
            "concept (choose another id to keep both)"
        )
    for other in later:
        say(f"warning: '{concept_id}' is also defined in {other}, which replaces the one you add")


def _confirmer(path: Path) -> Callable[[Edit, tuple[LexiconError, ...]], bool]:
    def confirm(edit: Edit, warnings: tuple[LexiconError, ...]) -> bool:
        from dikkevandale.io.output import render_diff

        sys.stderr.write(render_diff(edit.before, edit.after, str(path)))
        for warning in warnings:
            say(f"warning: {warning}")
        while True:
            answer = _prompt(f"Write this to {path}? [Y/n]").lower()
            if answer in ("", "y", "yes", "n", "no"):
                return answer in ("", "y", "yes")

    return confirm


def _prompt(text: str) -> str:
    """One answer, stripped. Typer's prompt echoes part of the prompt to stdout; this one keeps
    stdout clean. End of input stops the command."""
    sys.stderr.write(f"{text}: ")
    sys.stderr.flush()
    line = sys.stdin.readline()
    if not line:
        sys.stderr.write("\n")
        raise typer.Abort
    return line.strip()


def _report(added: Added, addition: Addition, *, warned: bool) -> None:
    path, concept_id = added.path, addition.concept_id.strip()
    if not added.written:
        say(f"nothing written to {path}")
        return
    if added.edit.created:
        note(f"added concept '{concept_id}' to {path}")
    else:
        for audience, term in addition.terms:
            note(f"added {audience} term '{term.text.strip()}' to '{concept_id}' in {path}")
        if addition.note:
            note(f"added a note to '{concept_id}' in {path}")
    for warning in () if warned else added.warnings:
        say(f"warning: {warning}")
    if warned:
        return  # said before asking
    for other in added.overrides if added.edit.created else ():
        note(f"note: '{concept_id}' in {path} replaces the concept of that id in {other}")
    for other in added.overridden_by:
        note(f"note: '{concept_id}' in {path} is itself replaced by the one in {other}")

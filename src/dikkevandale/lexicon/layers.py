"""Which lexicons are in force: built-in, project, environment and command-line layers.

Later layers override earlier ones concept by concept (same id): a project lead can replace a
shipped concept without copying the rest. Within one layer a repeated id is a mistake, not a
decision, and is reported.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import NamedTuple

from dikkevandale.lexicon.config import Config, find_project, read_config
from dikkevandale.model import Code, Concept, Lexicon, LexiconError, Location, Term
from dikkevandale.normalize import spell

BUILTIN = "built-in"
PROJECT = "project"
ENVIRONMENT = "env"
COMMAND_LINE = "command line"
ENV_PATH = "DVD_LEXICON_PATH"


class Layer(NamedTuple):
    name: str
    files: tuple[Path, ...]


def builtin_dir() -> Path:
    """The shipped lexicons: inside the installed package, or the source tree's `lexicons/`."""
    package = Path(__file__).resolve().parent.parent
    installed = package / "lexicons"
    if installed.is_dir():
        return installed
    return package.parent.parent / "lexicons"


def lexicon_files(path: Path) -> list[Path]:
    """A file itself, or every `*.yaml`/`*.yml` below a folder in a stable order."""
    if path.is_dir():
        return sorted(p for p in path.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file())
    return [path]


def expand(paths: Iterable[Path]) -> tuple[Path, ...]:
    """The lexicon files named by files and folders; a folder without any is an error."""
    files: list[Path] = []
    for path in paths:
        found = lexicon_files(path)
        if path.is_dir() and not found:
            raise LexiconError(
                Location(str(path)), "folder holds no *.yaml lexicon files", Code.UNREADABLE
            )
        files += found
    return tuple(dict.fromkeys(files))


def project_config(
    start: Path | None = None, warn: Callable[[str], None] | None = None
) -> tuple[Config, Path | None]:
    """The project's settings and its lexicon folder (when found without a `.dvd.toml`)."""
    config_path, folder = find_project(start or Path.cwd(), warn)
    if config_path is not None:
        return read_config(config_path), None
    return Config(), folder


def find_layers(
    paths: Iterable[Path] = (),
    *,
    builtin: bool = True,
    project: bool = True,
    environ: Mapping[str, str] | None = None,
    start: Path | None = None,
    warn: Callable[[str], None] | None = None,
) -> list[Layer]:
    """The layers in force, in the order they override each other."""
    environ = os.environ if environ is None else environ
    layers: list[Layer] = []
    config, folder = project_config(start, warn) if project else (Config(), None)
    shipped = builtin_dir().resolve()
    if builtin and config.builtin:
        layers.append(Layer(BUILTIN, tuple(lexicon_files(shipped))))
    project_paths = config.lexicons or ((folder,) if folder is not None else ())
    # Working inside dvd's own source tree, its lexicons/ folder is the built-in layer.
    project_paths = tuple(p for p in project_paths if p.resolve() != shipped)
    if project_paths:
        layers.append(Layer(PROJECT, expand(project_paths)))
    if environ.get(ENV_PATH):
        entries = [Path(p) for p in environ[ENV_PATH].split(os.pathsep) if p]
        layers.append(Layer(ENVIRONMENT, expand(entries)))
    extra = expand(paths)
    if extra:
        layers.append(Layer(COMMAND_LINE, extra))
    return layers


def merge(layers: Iterable[Sequence[tuple[str, tuple[Concept, ...]]]]) -> Lexicon:
    """Concepts of several layers of parsed files; the first error is raised."""
    lexicon, problems = merge_checked(layers)
    for problem in problems:
        if problem.severity == "error":
            raise problem
    return lexicon


def merge_checked(
    layers: Iterable[Sequence[tuple[str, tuple[Concept, ...]]]],
) -> tuple[Lexicon, list[LexiconError]]:
    """The merged lexicon, and every repeated id, ambiguous term and taken-over term.

    A later layer overrides an earlier one concept by concept (same id) and term by term: a
    spelling that a later layer gives to another concept is taken from the earlier concept
    (a warning, DVD016), so a project can extend the built-in lexicons without editing them.
    Within one layer two concepts sharing a spelling is a mistake (DVD006).
    """
    by_id: dict[str, Concept] = {}
    sources: list[str] = []
    problems: list[LexiconError] = []
    for layer in layers:
        layer_ids: dict[str, Concept] = {}
        for source, concepts in layer:
            sources.append(source)
            for concept in concepts:
                if concept.id in layer_ids:
                    first = layer_ids[concept.id].location
                    message = f"duplicate concept id '{concept.id}' (first at {first})"
                    problems.append(LexiconError(concept.location, message, Code.DUPLICATE_ID))
                    continue
                layer_ids[concept.id] = concept
        earlier = {key: value for key, value in by_id.items() if key not in layer_ids}
        by_id = _take_over(earlier, layer_ids, problems) | layer_ids
    concepts = tuple(by_id.values())
    problems += ambiguities(concepts)
    audiences = tuple(dict.fromkeys(a for concept in concepts for a in concept.terms))
    return Lexicon(concepts, audiences, tuple(sources)), problems


def _spellings(concept: Concept) -> Iterator[tuple[tuple[str, str, str], Term]]:
    for audience, terms in concept.terms.items():
        for term in terms:
            spelling = spell(term.text)
            if spelling is not None:
                yield (concept.language, audience, spelling.key), term


def _take_over(
    earlier: dict[str, Concept], later: dict[str, Concept], problems: list[LexiconError]
) -> dict[str, Concept]:
    """The earlier concepts less the spellings that concepts of the later layer now own."""
    if not earlier:
        return earlier  # the first layer: nothing to take over
    claimed: dict[tuple[str, str, str], tuple[Concept, Term]] = {}
    for concept in later.values():
        for key, term in _spellings(concept):
            claimed.setdefault(key, (concept, term))
    if not claimed:
        return earlier
    kept: dict[str, Concept] = {}
    for concept_id, concept in earlier.items():
        lost: set[Term] = set()
        for key, term in _spellings(concept):
            if key in claimed:
                owner, claiming = claimed[key]
                lost.add(term)
                problems.append(
                    LexiconError(
                        claiming.location or owner.location,
                        f"term '{claiming.text}' for {key[1]} is taken from concept "
                        f"'{concept.id}' (at {term.location or concept.location}): this later "
                        f"layer gives it to '{owner.id}'",
                        Code.TAKEN_OVER,
                        "warning",
                        term.location or concept.location,
                    )
                )
        if not lost:
            kept[concept_id] = concept
            continue
        terms = {
            audience: tuple(term for term in terms if term not in lost)
            for audience, terms in concept.terms.items()
        }
        terms = {audience: remaining for audience, remaining in terms.items() if remaining}
        if terms:
            kept[concept_id] = replace(concept, terms=terms)
    return kept


def ambiguities(concepts: Iterable[Concept]) -> Iterator[LexiconError]:
    """One spelling may name only one concept per audience and language: else which is meant?"""
    owners: dict[tuple[str, str, str], Concept] = {}
    for concept in concepts:
        for audience, terms in concept.terms.items():
            for term in terms:
                spelling = spell(term.text)
                if spelling is None:
                    continue
                key = (concept.language, audience, spelling.key)
                other = owners.setdefault(key, concept)
                if other.id != concept.id:
                    yield LexiconError(
                        term.location,
                        f"ambiguous term '{term.text}' for {audience}: it also names concept "
                        f"'{other.id}' (at {other.location}); keep it in one concept",
                        Code.AMBIGUOUS,
                    )


def load_layers(layers: Iterable[Layer]) -> Lexicon:
    """Read, parse and merge the files of each layer."""
    from dikkevandale.lexicon.loader import read_lexicon_file

    return merge([(str(p), read_lexicon_file(p)) for p in layer.files] for layer in layers)


def load_lexicon(paths: Iterable[Path] = (), *, builtin: bool = True) -> Lexicon:
    """The built-in lexicons (unless `builtin` is false) overridden by the given files/folders.

    Project and environment layers are not consulted: this is the library's explicit call.
    """
    return load_layers(find_layers(paths, builtin=builtin, project=False, environ={}))


def load_builtin() -> Lexicon:
    """Only the shipped lexicons."""
    return load_lexicon()

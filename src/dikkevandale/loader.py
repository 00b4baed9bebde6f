"""Reading lexicon files: YAML nodes to validated concepts, every error at `path:line:col`.

The YAML is composed into nodes rather than loaded into dicts, because nodes keep their
positions and show duplicate keys, which PyYAML's loader would silently resolve to the last one.
No tag is ever constructed, so a lexicon cannot run code.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Sequence
from pathlib import Path

import yaml

from dikkevandale.model import (
    DUTCH_ARTICLES,
    Concept,
    Example,
    Lexicon,
    LexiconError,
    Location,
    Term,
)
from dikkevandale.normalize import spell

try:
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _Loader = yaml.SafeLoader

FORMAT_VERSION = 1
_TOP_KEYS = ("dvd", "language", "audiences", "concepts")
_CONCEPT_KEYS = ("id", "note", "examples")
_TERM_KEYS = ("term", "article", "plural", "case_sensitive", "fuzzy")
_EXAMPLE_KEYS = ("text", "to", "expect")
_ID = re.compile(r"[a-z0-9][a-z0-9.-]*")
_AUDIENCE = re.compile(r"[a-z][a-z0-9_-]*")
_LANGUAGE = re.compile(r"[a-z]{2,3}")
_STANDARD_TAG = "tag:yaml.org,2002:"
_PLAIN_TAGS = frozenset(
    _STANDARD_TAG + name for name in ("str", "int", "float", "bool", "null", "seq", "map")
)

Node = yaml.Node


def _where(path: str, node: Node) -> Location:
    return Location(path, node.start_mark.line + 1, node.start_mark.column + 1)


def _did_you_mean(word: str, choices: Sequence[str]) -> str:
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


class _Reader:
    """Walks the nodes of one file, turning each shape error into a located LexiconError."""

    def __init__(self, path: str) -> None:
        self.path = path

    def fail(self, node: Node, message: str) -> LexiconError:
        return LexiconError(_where(self.path, node), message)

    def check_tag(self, node: Node) -> None:
        if node.tag not in _PLAIN_TAGS:
            raise self.fail(node, f"tag '{node.tag}' is not allowed in a lexicon")

    def mapping(self, node: Node, what: str, allowed: Sequence[str]) -> dict[str, Node]:
        self.check_tag(node)
        if not isinstance(node, yaml.MappingNode):
            raise self.fail(node, f"{what} must be a mapping of keys to values")
        found: dict[str, Node] = {}
        for key_node, value_node in node.value:
            key = self.scalar(key_node, "a key")
            if key in found:
                raise self.fail(key_node, f"duplicate key '{key}' in {what}")
            if key not in allowed:
                hint = _did_you_mean(key, allowed)
                raise self.fail(
                    key_node, f"unknown key '{key}' in {what}{hint}; allowed: {', '.join(allowed)}"
                )
            found[key] = value_node
        return found

    def sequence(self, node: Node, what: str) -> list[Node]:
        self.check_tag(node)
        if not isinstance(node, yaml.SequenceNode):
            raise self.fail(node, f"{what} must be a list")
        return list(node.value)

    def scalar(self, node: Node, what: str) -> str:
        self.check_tag(node)
        if not isinstance(node, yaml.ScalarNode):
            raise self.fail(node, f"{what} must be a single value, not a list or mapping")
        return str(node.value)

    def text(self, node: Node, what: str) -> str:
        value = self.scalar(node, what).strip()
        if not value or node.tag == _STANDARD_TAG + "null":
            raise self.fail(node, f"{what} must not be empty")
        return value

    def flag(self, node: Node, what: str) -> bool:
        value = self.scalar(node, what).lower()
        if value in ("true", "yes", "on"):
            return True
        if value in ("false", "no", "off"):
            return False
        raise self.fail(node, f"{what} must be true or false, not '{value}'")


def parse_lexicon(source: str, path: str = "<string>") -> tuple[Concept, ...]:
    """Parse and validate one lexicon file's text.

    >>> concepts = parse_lexicon('''
    ... dvd: 1
    ... language: nl
    ... audiences: [sales, it]
    ... concepts:
    ...   - id: klantbeeld
    ...     sales: klantbeeld
    ...     it: klantdatabase
    ... ''')
    >>> concepts[0].preferred("it").text
    'klantdatabase'
    """
    reader = _Reader(path)
    try:
        documents = list(yaml.compose_all(source, Loader=_Loader))
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        location = Location(path, mark.line + 1, mark.column + 1) if mark else Location(path)
        raise LexiconError(location, f"invalid YAML: {error.problem or error.context}") from None
    except yaml.YAMLError as error:
        raise LexiconError(Location(path), f"invalid YAML: {error}") from None
    if len(documents) != 1 or documents[0] is None:
        raise LexiconError(Location(path, 1, 1), "a lexicon file holds exactly one YAML document")
    root = documents[0]
    top = reader.mapping(root, "the lexicon", _TOP_KEYS)
    for key in _TOP_KEYS:
        if key not in top:
            raise reader.fail(root, f"missing key '{key}' at the top of the lexicon")
    version = reader.scalar(top["dvd"], "dvd")
    if version != str(FORMAT_VERSION):
        raise reader.fail(
            top["dvd"], f"unsupported format version '{version}'; this dvd reads version 1"
        )
    language = reader.text(top["language"], "language")
    if not _LANGUAGE.fullmatch(language):
        raise reader.fail(top["language"], f"language '{language}' is not a code like nl, en, pl")
    audiences: list[str] = []
    for node in reader.sequence(top["audiences"], "audiences"):
        audience = reader.text(node, "an audience")
        if not _AUDIENCE.fullmatch(audience):
            raise reader.fail(node, f"audience '{audience}' must be lowercase letters and digits")
        if audience in audiences:
            raise reader.fail(node, f"audience '{audience}' is listed twice")
        audiences.append(audience)
    if not audiences:
        raise reader.fail(top["audiences"], "list at least one audience")
    concepts: list[Concept] = []
    seen: dict[str, Location] = {}
    for node in reader.sequence(top["concepts"], "concepts"):
        concept = _concept(reader, node, language, audiences)
        if concept.id in seen:
            raise reader.fail(
                node, f"duplicate concept id '{concept.id}' (first at {seen[concept.id]})"
            )
        seen[concept.id] = _where(path, node)
        concepts.append(concept)
    return tuple(concepts)


def _concept(reader: _Reader, node: Node, language: str, audiences: list[str]) -> Concept:
    fields = reader.mapping(node, "a concept", (*_CONCEPT_KEYS, *audiences))
    if "id" not in fields:
        raise reader.fail(node, "concept has no 'id'")
    concept_id = reader.text(fields["id"], "id")
    if not _ID.fullmatch(concept_id):
        raise reader.fail(
            fields["id"], f"id '{concept_id}' may hold only lowercase letters, digits, '-' and '.'"
        )
    terms: dict[str, tuple[Term, ...]] = {}
    for audience in audiences:
        if audience in fields:
            terms[audience] = _terms(reader, fields[audience], audience, language)
    if not terms:
        raise reader.fail(
            node,
            f"concept '{concept_id}' has no terms; add at least one of: {', '.join(audiences)}",
        )
    note = reader.text(fields["note"], "note") if "note" in fields else None
    examples: list[Example] = []
    if "examples" in fields:
        for example_node in reader.sequence(fields["examples"], "examples"):
            example = reader.mapping(example_node, "an example", _EXAMPLE_KEYS)
            for key in _EXAMPLE_KEYS:
                if key not in example:
                    raise reader.fail(example_node, f"example has no '{key}'")
            to = reader.text(example["to"], "to")
            if to not in audiences:
                hint = _did_you_mean(to, audiences)
                raise reader.fail(example["to"], f"unknown audience '{to}'{hint}")
            examples.append(
                Example(
                    reader.scalar(example["text"], "text"),
                    to,
                    reader.scalar(example["expect"], "expect"),
                    _where(reader.path, example_node),
                )
            )
    return Concept(concept_id, language, terms, note, tuple(examples), _where(reader.path, node))


def _terms(reader: _Reader, node: Node, audience: str, language: str) -> tuple[Term, ...]:
    single = isinstance(node, yaml.ScalarNode | yaml.MappingNode)
    items = [node] if single else reader.sequence(node, audience)
    if not items or (isinstance(node, yaml.ScalarNode) and node.tag.endswith(":null")):
        raise reader.fail(node, f"'{audience}' has no terms; give the preferred term first")
    return tuple(_term(reader, item, language) for item in items)


def _term(reader: _Reader, node: Node, language: str) -> Term:
    where = _where(reader.path, node)
    if isinstance(node, yaml.ScalarNode):
        text = reader.text(node, "a term")
        fields: dict[str, Node] = {}
    else:
        fields = reader.mapping(node, "a term", _TERM_KEYS)
        if "term" not in fields:
            raise reader.fail(node, "term entry has no 'term'")
        text = reader.text(fields["term"], "term")
    if spell(text) is None or not (text[0].isalnum() and text[-1].isalnum()):
        raise LexiconError(
            where, f"term '{text}' must start and end with a letter or digit and hold no sentence"
        )
    article = None
    if "article" in fields:
        article = reader.text(fields["article"], "article").lower()
        if language != "nl":
            raise reader.fail(fields["article"], "'article' is only used in Dutch (nl) lexicons")
        if article not in DUTCH_ARTICLES:
            raise reader.fail(fields["article"], f"article must be 'de' or 'het', not '{article}'")
    plural = reader.text(fields["plural"], "plural") if "plural" in fields else None
    if plural is not None and spell(plural) is None:
        raise reader.fail(fields["plural"], f"plural '{plural}' is not a usable spelling")
    return Term(
        text,
        article,
        plural,
        reader.flag(fields["case_sensitive"], "case_sensitive")
        if "case_sensitive" in fields
        else False,
        reader.flag(fields["fuzzy"], "fuzzy") if "fuzzy" in fields else True,
        where,
    )


def lexicon_files(path: Path) -> list[Path]:
    """A file itself, or every `*.yaml`/`*.yml` below a folder in a stable order."""
    if path.is_dir():
        return sorted(p for p in path.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file())
    return [path]


def read_bytes(path: Path) -> bytes:
    """A lexicon file's bytes; a missing or unreadable file is a LexiconError naming it."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise LexiconError(Location(str(path)), "lexicon file not found") from None
    except IsADirectoryError:
        raise LexiconError(Location(str(path)), "is a folder, not a lexicon file") from None
    except OSError as error:
        raise LexiconError(Location(str(path)), f"cannot read: {error.strerror}") from None


def decode_lexicon(path: Path, data: bytes) -> tuple[Concept, ...]:
    """Parse a lexicon file's bytes, which must be UTF-8."""
    try:
        source = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise LexiconError(
            Location(str(path)), f"not UTF-8 (byte {error.start}); save the lexicon as UTF-8"
        ) from None
    return parse_lexicon(source, str(path))


def read_lexicon_file(path: Path) -> tuple[Concept, ...]:
    """Parse one file from disk."""
    return decode_lexicon(path, read_bytes(path))


def merge(layers: Iterable[Sequence[tuple[str, tuple[Concept, ...]]]]) -> Lexicon:
    """Concepts of several layers of files; a later layer overrides a concept with the same id.

    Within one layer a repeated id is an error: two files of one project disagreeing is a
    mistake, a project overriding a built-in concept is a decision.
    """
    by_id: dict[str, Concept] = {}
    sources: list[str] = []
    for layer in layers:
        layer_ids: dict[str, Concept] = {}
        for source, concepts in layer:
            sources.append(source)
            for concept in concepts:
                if concept.id in layer_ids:
                    first = layer_ids[concept.id].location
                    raise LexiconError(
                        concept.location, f"duplicate concept id '{concept.id}' (first at {first})"
                    )
                layer_ids[concept.id] = concept
        by_id.update(layer_ids)
    concepts = tuple(by_id.values())
    _check_ambiguous(concepts)
    audiences = tuple(dict.fromkeys(a for concept in concepts for a in concept.terms))
    return Lexicon(concepts, audiences, tuple(sources))


def _check_ambiguous(concepts: Iterable[Concept]) -> None:
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
                    raise LexiconError(
                        term.location,
                        f"ambiguous term '{term.text}' for {audience}: it also names concept "
                        f"'{other.id}' (at {other.location}); keep it in one concept",
                    )


def builtin_dir() -> Path:
    """The shipped lexicons: inside the installed package, or the source tree's `lexicons/`."""
    package = Path(__file__).resolve().parent
    installed = package / "lexicons"
    if installed.is_dir():
        return installed
    return package.parent.parent / "lexicons"


def lexicon_paths(paths: Iterable[Path] = (), *, builtin: bool = True) -> list[list[Path]]:
    """The files in force, as layers: the built-in lexicons, then the given files and folders."""
    layers: list[list[Path]] = []
    if builtin:
        layers.append(lexicon_files(builtin_dir()))
    extra: list[Path] = []
    for path in paths:
        files = lexicon_files(path)
        if path.is_dir() and not files:
            raise LexiconError(Location(str(path)), "folder holds no *.yaml lexicon files")
        extra += files
    if extra:
        layers.append(extra)
    return layers


def load_lexicon(paths: Iterable[Path] = (), *, builtin: bool = True) -> Lexicon:
    """The built-in lexicons (unless `builtin` is false) overridden by the given files/folders."""
    return merge(
        [(str(p), read_lexicon_file(p)) for p in layer]
        for layer in lexicon_paths(paths, builtin=builtin)
    )


def load_builtin() -> Lexicon:
    """Only the shipped lexicons."""
    return load_lexicon()

"""Reading lexicon files: YAML nodes to validated concepts, every problem at `path:line:col`.

The YAML is composed into nodes rather than loaded into dicts, because nodes keep their
positions and show duplicate keys, which PyYAML's loader would silently resolve to the last one.
No tag is ever constructed, so a lexicon cannot run code. A broken concept is reported and
skipped, so that `dvd lexicon check` can list every problem of a file in one run; everything
else refuses a file with any problem.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

import yaml

from dikkevandale import languages
from dikkevandale.files import NotRegularFileError, read_regular
from dikkevandale.languages.inflection import labels_of
from dikkevandale.model import (
    DUTCH_ARTICLES,
    Code,
    Concept,
    Example,
    LexiconError,
    Location,
    Term,
    did_you_mean,
)
from dikkevandale.normalize import spell

try:
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _Loader = yaml.SafeLoader

FORMAT_VERSION = 1
TOP_KEYS = ("dvd", "language", "audiences", "concepts")
CONCEPT_KEYS = ("id", "note", "examples")
TERM_KEYS = (
    "term", "article", "plural", "diminutive", "forms", "case_sensitive", "fuzzy", "gender",
)  # fmt: skip
GENDERS = ("m", "m.pers", "f", "n")
"""Polish grammatical gender of a term: masculine (things), masculine personal, feminine,
neuter. Without it the gender follows from the term's forms and ending."""
EXAMPLE_KEYS = ("text", "to", "expect")
ID_PATTERN = re.compile(r"[a-z0-9][a-z0-9.-]*")
AUDIENCE_PATTERN = re.compile(r"[a-z][a-z0-9_-]*")
LANGUAGE_PATTERN = re.compile(r"[a-z]{2,3}")
_STANDARD_TAG = "tag:yaml.org,2002:"
_PLAIN_TAGS = frozenset(
    _STANDARD_TAG + name for name in ("str", "int", "float", "bool", "null", "seq", "map")
)

Node = yaml.Node


def _where(path: str, node: Node) -> Location:
    return Location(path, node.start_mark.line + 1, node.start_mark.column + 1)


class _Reader:
    """Walks the nodes of one file, turning each shape error into a located LexiconError."""

    def __init__(self, path: str) -> None:
        self.path = path

    def fail(self, node: Node, message: str, code: Code = Code.VALUE) -> LexiconError:
        return LexiconError(_where(self.path, node), message, code)

    def check_tag(self, node: Node) -> None:
        if node.tag not in _PLAIN_TAGS:
            raise self.fail(node, f"tag '{node.tag}' is not allowed in a lexicon", Code.TAG)

    def mapping(self, node: Node, what: str, allowed: Sequence[str]) -> dict[str, Node]:
        self.check_tag(node)
        if not isinstance(node, yaml.MappingNode):
            raise self.fail(node, f"{what} must be a mapping of keys to values")
        found: dict[str, Node] = {}
        for key_node, value_node in node.value:
            key = self.scalar(key_node, "a key")
            if key in found:
                raise self.fail(key_node, f"duplicate key '{key}' in {what}", Code.DUPLICATE_KEY)
            if key not in allowed:
                hint = did_you_mean(key, allowed)
                raise self.fail(
                    key_node,
                    f"unknown key '{key}' in {what}{hint}; allowed: {', '.join(allowed)}",
                    Code.UNKNOWN_KEY,
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
    """Parse and validate one lexicon file's text; the first problem is raised.

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
    concepts, problems = read_concepts(source, path)
    if problems:
        raise problems[0]
    return concepts


def read_concepts(source: str, path: str) -> tuple[tuple[Concept, ...], list[LexiconError]]:
    """The valid concepts of a file and every problem found, broken concepts left out."""
    reader = _Reader(path)
    try:
        documents = list(yaml.compose_all(source, Loader=_Loader))
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        location = Location(path, mark.line + 1, mark.column + 1) if mark else Location(path)
        message = f"invalid YAML: {error.problem or error.context}"
        return (), [LexiconError(location, message, Code.SYNTAX)]
    except yaml.YAMLError as error:
        return (), [LexiconError(Location(path), f"invalid YAML: {error}", Code.SYNTAX)]
    if len(documents) != 1 or documents[0] is None:
        message = "a lexicon file holds exactly one YAML document"
        return (), [LexiconError(Location(path, 1, 1), message, Code.SYNTAX)]
    try:
        language, audiences, concept_nodes = _header(reader, documents[0])
    except LexiconError as error:
        return (), [error]
    concepts: list[Concept] = []
    problems: list[LexiconError] = []
    seen: dict[str, Location] = {}
    for node in concept_nodes:
        try:
            concept = _concept(reader, node, language, audiences)
        except LexiconError as error:
            problems.append(error)
            continue
        if concept.id in seen:
            problems.append(
                reader.fail(
                    node,
                    f"duplicate concept id '{concept.id}' (first at {seen[concept.id]})",
                    Code.DUPLICATE_ID,
                )
            )
            continue
        seen[concept.id] = _where(path, node)
        concepts.append(concept)
    return tuple(concepts), problems


def _header(reader: _Reader, root: Node) -> tuple[str, list[str], list[Node]]:
    top = reader.mapping(root, "the lexicon", TOP_KEYS)
    for key in TOP_KEYS:
        if key not in top:
            raise reader.fail(root, f"missing key '{key}' at the top of the lexicon")
    version = reader.scalar(top["dvd"], "dvd")
    if version != str(FORMAT_VERSION):
        raise reader.fail(
            top["dvd"],
            f"unsupported format version '{version}'; this dvd reads version 1",
            Code.VERSION,
        )
    language = reader.text(top["language"], "language")
    if not LANGUAGE_PATTERN.fullmatch(language):
        raise reader.fail(
            top["language"], f"language '{language}' is not a code like nl, en, pl", Code.NAME
        )
    audiences: list[str] = []
    for node in reader.sequence(top["audiences"], "audiences"):
        audience = reader.text(node, "an audience")
        if not AUDIENCE_PATTERN.fullmatch(audience):
            raise reader.fail(
                node, f"audience '{audience}' must be lowercase letters and digits", Code.NAME
            )
        if audience in audiences:
            raise reader.fail(node, f"audience '{audience}' is listed twice", Code.DUPLICATE_KEY)
        audiences.append(audience)
    if not audiences:
        raise reader.fail(top["audiences"], "list at least one audience")
    return language, audiences, reader.sequence(top["concepts"], "concepts")


def _concept(reader: _Reader, node: Node, language: str, audiences: list[str]) -> Concept:
    fields = reader.mapping(node, "a concept", (*CONCEPT_KEYS, *audiences))
    if "id" not in fields:
        raise reader.fail(node, "concept has no 'id'")
    concept_id = reader.text(fields["id"], "id")
    if not ID_PATTERN.fullmatch(concept_id):
        raise reader.fail(
            fields["id"],
            f"id '{concept_id}' may hold only lowercase letters, digits, '-' and '.'",
            Code.NAME,
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
            example = reader.mapping(example_node, "an example", EXAMPLE_KEYS)
            for key in EXAMPLE_KEYS:
                if key not in example:
                    raise reader.fail(example_node, f"example has no '{key}'")
            to = reader.text(example["to"], "to")
            if to not in audiences:
                hint = did_you_mean(to, audiences)
                raise reader.fail(example["to"], f"unknown audience '{to}'{hint}", Code.NAME)
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
        fields = reader.mapping(node, "a term", TERM_KEYS)
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
        _check_language_field(reader, fields["article"], "article", language)
        if article not in DUTCH_ARTICLES:
            raise reader.fail(
                fields["article"], f"article must be 'de' or 'het', not '{article}'", Code.GRAMMAR
            )
    plural = reader.text(fields["plural"], "plural") if "plural" in fields else None
    if plural is not None and spell(plural) is None:
        raise reader.fail(
            fields["plural"], f"plural '{plural}' is not a usable spelling", Code.GRAMMAR
        )
    diminutive = None
    if "diminutive" in fields:
        diminutive = reader.text(fields["diminutive"], "diminutive")
        _check_language_field(reader, fields["diminutive"], "diminutive", language)
    gender = None
    if "gender" in fields:
        gender = reader.text(fields["gender"], "gender").lower()
        _check_language_field(reader, fields["gender"], "gender", language)
        if gender not in GENDERS:
            raise reader.fail(
                fields["gender"],
                f"gender must be {', '.join(GENDERS[:-1])} or {GENDERS[-1]}, not '{gender}'",
                Code.GRAMMAR,
            )
    forms = _forms(reader, fields["forms"], language) if "forms" in fields else ()
    return Term(
        text,
        article,
        plural,
        reader.flag(fields["case_sensitive"], "case_sensitive")
        if "case_sensitive" in fields
        else False,
        reader.flag(fields["fuzzy"], "fuzzy") if "fuzzy" in fields else True,
        where,
        diminutive,
        forms,
        gender,
    )


def _check_language_field(reader: _Reader, node: Node, field: str, language: str) -> None:
    """A term field that only some languages use (`article`, `gender`) is an error elsewhere."""
    if field in languages.get(language).term_fields:
        return
    users = [languages.get(code) for code in sorted(languages.known())]
    names = " or ".join(f"{user.name} ({user.code})" for user in users if field in user.term_fields)
    raise reader.fail(node, f"'{field}' is only used in {names} lexicons", Code.GRAMMAR)


def _forms(reader: _Reader, node: Node, language: str) -> tuple[tuple[str, str], ...]:
    """`forms: {label: spelling or [spellings]}`, labels as the language's rules name them."""
    labels = labels_of(language)
    if labels is None:
        raise reader.fail(node, f"'forms' is not supported for language '{language}'", Code.GRAMMAR)
    found: list[tuple[str, str]] = []
    for label, value in reader.mapping(node, "forms", labels).items():
        items = [value] if isinstance(value, yaml.ScalarNode) else reader.sequence(value, label)
        for item in items:
            spelling = reader.text(item, f"form {label}")
            if spell(spelling) is None:
                raise reader.fail(item, f"form '{spelling}' is not a usable spelling", Code.GRAMMAR)
            found.append((label, spelling))
    return tuple(found)


def decode(path: Path, data: bytes) -> str:
    """A lexicon file's text, which must be UTF-8."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        message = f"not UTF-8 (byte {error.start}); save the lexicon as UTF-8"
        raise LexiconError(Location(str(path)), message, Code.UNREADABLE) from None


MAX_LEXICON_BYTES = 64 << 20
"""A lexicon file larger than this is refused: a real termbase is a few megabytes."""


def read_bytes(path: Path) -> bytes:
    """A lexicon file's bytes; a missing, unreadable or not regular file is a LexiconError.

    A FIFO or device named as a lexicon is refused at once rather than read without end.
    """
    try:
        return read_regular(path, limit=MAX_LEXICON_BYTES)
    except FileNotFoundError:
        raise LexiconError(Location(str(path)), "lexicon file not found", Code.UNREADABLE) from None
    except NotRegularFileError as error:
        message = f"is {error.strerror}, not a lexicon file"
        raise LexiconError(Location(str(path)), message, Code.UNREADABLE) from None
    except OSError as error:
        message = f"cannot read: {error.strerror}"
        raise LexiconError(Location(str(path)), message, Code.UNREADABLE) from None


def decode_lexicon(path: Path, data: bytes) -> tuple[Concept, ...]:
    """Parse a lexicon file's bytes."""
    return parse_lexicon(decode(path, data), str(path))


def read_lexicon_file(path: Path) -> tuple[Concept, ...]:
    """Parse one file from disk."""
    return decode_lexicon(path, read_bytes(path))

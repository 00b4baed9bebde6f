"""Reading lexicon files: YAML nodes to validated concepts, every problem at `path:line:col`.

The YAML is composed into nodes (see `yamlnodes`) rather than loaded into dicts, because nodes
keep their positions and show duplicate keys, which PyYAML's loader would silently resolve to the
last one. No tag is ever constructed, so a lexicon cannot run code, and no alias is followed. A
broken concept is reported and skipped, so that `dvd lexicon check` can list every problem of a
file in one run; everything else refuses a file with any problem.
"""

from __future__ import annotations

import gc
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from dikkevandale.files import NotRegularFileError, read_regular
from dikkevandale.languages.inflection import LABELS
from dikkevandale.lexicon.yamlnodes import (
    MappingNode,
    Node,
    NodeReader,
    ScalarNode,
    compose,
    refused,
    where,
)
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
from dikkevandale.normalize import spellable

FORMAT_VERSION = 1
TOP_KEYS = ("dvd", "language", "audiences", "concepts")
CONCEPT_KEYS = ("id", "note", "examples")
TERM_KEYS = ("term", "article", "plural", "diminutive", "forms", "case_sensitive", "fuzzy")
EXAMPLE_KEYS = ("text", "to", "expect")
ID_PATTERN = re.compile(r"[a-z0-9][a-z0-9.-]*")
AUDIENCE_PATTERN = re.compile(r"[a-z][a-z0-9_-]*")
LANGUAGE_PATTERN = re.compile(r"[a-z]{2,3}")


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
    with _collector_paused():
        return _read_concepts(source, path)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cycle collector while a file becomes nodes and concepts.

    Reading makes a few hundred thousand objects that all live on, and no reference cycle: each
    collection the allocations set off finds nothing, yet its full passes walk the whole heap,
    which was half the time of loading a 10,000-concept lexicon.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _read_concepts(source: str, path: str) -> tuple[tuple[Concept, ...], list[LexiconError]]:
    root, problems = compose(source, path)
    if root is None:
        return (), problems
    reader = NodeReader(path)
    try:
        language, audiences, concept_nodes = _header(reader, root)
    except LexiconError as error:
        _note(problems, error)
        return (), problems
    concepts: list[Concept] = []
    seen: dict[str, Location] = {}
    for node in concept_nodes:
        try:
            concept = _concept(reader, node, language, audiences)
        except LexiconError as error:
            _note(problems, error)
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
        seen[concept.id] = where(path, node)
        concepts.append(concept)
    return tuple(concepts), problems


def _note(problems: list[LexiconError], error: LexiconError) -> None:
    if not refused(error):
        # Its traceback would keep the reader's frames, and with them every node, alive.
        problems.append(error.with_traceback(None))


def _header(reader: NodeReader, root: Node) -> tuple[str, list[str], list[Node]]:
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


def _concept(reader: NodeReader, node: Node, language: str, audiences: list[str]) -> Concept:
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
                    where(reader.path, example_node),
                )
            )
    return Concept(concept_id, language, terms, note, tuple(examples), where(reader.path, node))


def _terms(reader: NodeReader, node: Node, audience: str, language: str) -> tuple[Term, ...]:
    single = type(node) is ScalarNode or type(node) is MappingNode
    items = [node] if single else reader.sequence(node, audience)
    if not items or (type(node) is ScalarNode and node.null):
        raise reader.fail(node, f"'{audience}' has no terms; give the preferred term first")
    return tuple(_term(reader, item, language) for item in items)


def _term(reader: NodeReader, node: Node, language: str) -> Term:
    location = where(reader.path, node)
    if type(node) is ScalarNode:
        text = reader.text(node, "a term")
        fields: dict[str, Node] = {}
    else:
        fields = reader.mapping(node, "a term", TERM_KEYS)
        if "term" not in fields:
            raise reader.fail(node, "term entry has no 'term'")
        text = reader.text(fields["term"], "term")
    if not (spellable(text) and text[0].isalnum() and text[-1].isalnum()):
        raise LexiconError(
            location,
            f"term '{text}' must start and end with a letter or digit and hold no sentence",
        )
    article = None
    if "article" in fields:
        article = reader.text(fields["article"], "article").lower()
        if language != "nl":
            raise reader.fail(
                fields["article"], "'article' is only used in Dutch (nl) lexicons", Code.GRAMMAR
            )
        if article not in DUTCH_ARTICLES:
            raise reader.fail(
                fields["article"], f"article must be 'de' or 'het', not '{article}'", Code.GRAMMAR
            )
    plural = reader.text(fields["plural"], "plural") if "plural" in fields else None
    if plural is not None and not spellable(plural):
        raise reader.fail(
            fields["plural"], f"plural '{plural}' is not a usable spelling", Code.GRAMMAR
        )
    diminutive = None
    if "diminutive" in fields:
        diminutive = reader.text(fields["diminutive"], "diminutive")
        if language != "nl":
            raise reader.fail(
                fields["diminutive"],
                "'diminutive' is only used in Dutch (nl) lexicons",
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
        location,
        diminutive,
        forms,
    )


def _forms(reader: NodeReader, node: Node, language: str) -> tuple[tuple[str, str], ...]:
    """`forms: {label: spelling or [spellings]}`, labels as the language's rules name them."""
    labels = LABELS.get(language)
    if labels is None:
        raise reader.fail(node, f"'forms' is not supported for language '{language}'", Code.GRAMMAR)
    found: list[tuple[str, str]] = []
    for label, value in reader.mapping(node, "forms", labels).items():
        items = [value] if type(value) is ScalarNode else reader.sequence(value, label)
        for item in items:
            spelling = reader.text(item, f"form {label}")
            if not spellable(spelling):
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

"""Reading lexicon files: YAML nodes to validated concepts, every problem at `path:line:col`.

The YAML is composed into nodes (see `yamlnodes`) rather than loaded into dicts, because nodes
keep their positions and show duplicate keys, which PyYAML's loader would silently resolve to the
last one. No tag is ever constructed, so a lexicon cannot run code, and no alias is followed.

Every problem of a file is collected, each at its own position, so that `dvd lexicon check` lists
them all in one run: a part with a problem is left out as if it were not written, and a concept
that keeps its id and at least one term is still returned, so that the checks across concepts
(ambiguity, chains, examples) run on it too. Everything else refuses a file with any problem.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from dikkevandale import languages
from dikkevandale.collector import paused
from dikkevandale.languages.inflection import labels_of
from dikkevandale.lexicon.context import exceptions, word_list
from dikkevandale.lexicon.source import decode, read_bytes
from dikkevandale.lexicon.yamlnodes import (
    MappingNode,
    Node,
    NodeReader,
    ScalarNode,
    compose,
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
from dikkevandale.normalize import WORD, spellable

FORMAT_VERSION = 1
REQUIRED_TOP_KEYS = ("dvd", "language", "audiences", "concepts")
TOP_KEYS = (*REQUIRED_TOP_KEYS, "cues", "hints")
CONCEPT_KEYS = ("id", "note", "examples")
TERM_KEYS = (
    "term",
    "article",
    "plural",
    "diminutive",
    "forms",
    "case_sensitive",
    "fuzzy",
    "gender",
    "everyday",
    "not_in",
    "needs",
    "in_compounds",
)
GENDERS = ("m", "m.pers", "f", "n")
"""Polish grammatical gender of a term: masculine (things), masculine personal, feminine,
neuter. Without it the gender follows from the term's forms and ending."""
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
    """The concepts of a file and every problem in it, in the order the file was read.

    A concept with problems is still returned, built from its valid parts, when it has an id
    and at least one valid term; a problem in the header leaves no concepts at all.
    """
    with paused():  # the collector would walk every new node again and again
        return _read_concepts(source, path)


def _read_concepts(source: str, path: str) -> tuple[tuple[Concept, ...], list[LexiconError]]:
    root, problems = compose(source, path)
    if root is None:
        return (), problems
    reader = NodeReader(path, problems)
    try:
        language, audiences, concept_nodes, cues, hints = _header(reader, root)
    except LexiconError as error:
        reader.note(error)
        return (), problems
    concepts: list[Concept] = []
    seen: dict[str, Location | None] = {}
    for node in concept_nodes:
        concept = _concept(reader, node, language, audiences, (cues, hints))
        if concept is None:
            continue
        if concept.id in seen:
            reader.note(
                reader.fail(
                    node,
                    f"duplicate concept id '{concept.id}' (first at {seen[concept.id]})",
                    Code.DUPLICATE_ID,
                )
            )
            continue
        seen[concept.id] = concept.location
        concepts.append(concept)
    return tuple(concepts), problems


def _header(
    reader: NodeReader, root: Node
) -> tuple[str, list[str], list[Node], tuple[str, ...], tuple[str, ...]]:
    top = reader.mapping(root, "the lexicon", TOP_KEYS)
    for key in REQUIRED_TOP_KEYS:
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
    cues: tuple[str, ...] = ()
    if "cues" in top:
        with reader:
            cues = word_list(reader, top["cues"], "cues")
    hints: tuple[str, ...] = ()
    if "hints" in top:
        with reader:
            hints = word_list(reader, top["hints"], "hints", cues)
    concept_nodes = reader.sequence(top["concepts"], "concepts")
    return language, audiences, concept_nodes, cues, hints


def _concept(
    reader: NodeReader,
    node: Node,
    language: str,
    audiences: list[str],
    cue_words: tuple[tuple[str, ...], tuple[str, ...]],
) -> Concept | None:
    try:
        fields = reader.mapping(node, "a concept", (*CONCEPT_KEYS, *audiences))
    except LexiconError as error:
        reader.note(error)
        return None
    concept_id = None
    if "id" not in fields:
        reader.note(reader.fail(node, "concept has no 'id'"))
    else:
        with reader:
            concept_id = _concept_id(reader, fields["id"])
    terms: dict[str, tuple[Term, ...]] = {}
    for audience in audiences:
        if audience in fields:
            found = _terms(reader, fields[audience], audience, language)
            if found:
                terms[audience] = found
    if not any(audience in fields for audience in audiences):
        name = f" '{concept_id}'" if concept_id else ""
        message = f"concept{name} has no terms; add at least one of: {', '.join(audiences)}"
        reader.note(reader.fail(node, message))
    note = None
    if "note" in fields:
        with reader:
            note = reader.text(fields["note"], "note")
    example_nodes: list[Node] = []
    if "examples" in fields:
        with reader:
            example_nodes = reader.sequence(fields["examples"], "examples")
    examples = [_example(reader, item, audiences) for item in example_nodes]
    if concept_id is None or not terms:
        return None
    return Concept(
        concept_id,
        language,
        terms,
        note,
        tuple(example for example in examples if example is not None),
        where(reader.path, node),
        *cue_words,
    )


def _concept_id(reader: NodeReader, node: Node) -> str:
    concept_id = reader.text(node, "id")
    if not ID_PATTERN.fullmatch(concept_id):
        raise reader.fail(
            node,
            f"id '{concept_id}' may hold only lowercase letters, digits, '-' and '.'",
            Code.NAME,
        )
    return concept_id


def _example(reader: NodeReader, node: Node, audiences: list[str]) -> Example | None:
    try:
        fields = reader.mapping(node, "an example", EXAMPLE_KEYS)
    except LexiconError as error:
        reader.note(error)
        return None
    for key in EXAMPLE_KEYS:
        if key not in fields:
            reader.note(reader.fail(node, f"example has no '{key}'"))
    to = text = expect = None
    if "to" in fields:
        with reader:
            to = _audience(reader, fields["to"], audiences)
    if "text" in fields:
        with reader:
            text = reader.scalar(fields["text"], "text")
    if "expect" in fields:
        with reader:
            expect = reader.scalar(fields["expect"], "expect")
    if to is None or text is None or expect is None:
        return None
    return Example(text, to, expect, where(reader.path, node))


def _audience(reader: NodeReader, node: Node, audiences: list[str]) -> str:
    to = reader.text(node, "to")
    if to not in audiences:
        hint = did_you_mean(to, audiences)
        raise reader.fail(node, f"unknown audience '{to}'{hint}", Code.NAME)
    return to


def _terms(reader: NodeReader, node: Node, audience: str, language: str) -> tuple[Term, ...]:
    """An audience's valid terms: one term, or a list of them."""
    try:
        single = type(node) is ScalarNode or type(node) is MappingNode
        items = [node] if single else reader.sequence(node, audience)
        if not items or (type(node) is ScalarNode and node.null):
            raise reader.fail(node, f"'{audience}' has no terms; give the preferred term first")
    except LexiconError as error:
        reader.note(error)
        return ()
    terms = [_term(reader, item, language) for item in items]
    return tuple(term for term in terms if term is not None)


def _term(reader: NodeReader, node: Node, language: str) -> Term | None:
    text = None
    fields: dict[str, Node] = {}
    with reader:
        if type(node) is ScalarNode:
            written = reader.text(node, "a term")
        else:
            fields = reader.mapping(node, "a term", TERM_KEYS)
            if "term" not in fields:
                raise reader.fail(node, "term entry has no 'term'")
            written = reader.text(fields["term"], "term")
        if not (spellable(written) and written[0].isalnum() and written[-1].isalnum()):
            raise reader.fail(
                node,
                f"term '{written}' must start and end with a letter or digit and hold no sentence",
            )
        _check_length(reader, node, written, "term")
        text = written
    values: dict[str, Any] = {}
    for key, read in _FIELD_READERS.items() if fields else ():
        if key in fields:
            with reader:
                values[key] = read(reader, fields[key], language)
    if text is None:
        return None
    term = Term(text, location=where(reader.path, node), **values)
    if "not_in" in fields:
        with reader:
            term = replace(term, not_in=exceptions(reader, fields["not_in"], term, language))
    return term


def _article(reader: NodeReader, node: Node, language: str) -> str:
    article = reader.text(node, "article").lower()
    _check_language_field(reader, node, "article", language)
    if article not in DUTCH_ARTICLES:
        raise reader.fail(node, f"article must be 'de' or 'het', not '{article}'", Code.GRAMMAR)
    return article


def _spelling(reader: NodeReader, node: Node, what: str) -> str:
    spelling = reader.text(node, what)
    if not spellable(spelling):
        raise reader.fail(node, f"{what} '{spelling}' is not a usable spelling", Code.GRAMMAR)
    _check_length(reader, node, spelling, what)
    return spelling


MAX_TERM_WORDS = 12
MAX_TERM_LENGTH = 160
"""A term is a name, not a passage: longer ones are refused, which also keeps matching linear
(the scanner extends a window word by word only as far as the longest term reaches)."""


def _check_length(reader: NodeReader, node: Node, spelling: str, what: str) -> None:
    if len(spelling) < 2 * MAX_TERM_WORDS + 1:
        return  # too short for more words: each but the last needs a character after it
    words = len(WORD.findall(spelling))
    if words > MAX_TERM_WORDS or len(spelling) > MAX_TERM_LENGTH:
        shown = spelling if len(spelling) <= 40 else spelling[:40] + "…"
        raise reader.fail(
            node,
            f"{what} '{shown}' has {words} words and {len(spelling)} characters; a term has at "
            f"most {MAX_TERM_WORDS} words and {MAX_TERM_LENGTH} characters",
        )


def _diminutive(reader: NodeReader, node: Node, language: str) -> str:
    diminutive = reader.text(node, "diminutive")
    _check_language_field(reader, node, "diminutive", language)
    return diminutive


def _gender(reader: NodeReader, node: Node, language: str) -> str:
    gender = reader.text(node, "gender").lower()
    _check_language_field(reader, node, "gender", language)
    if gender not in GENDERS:
        raise reader.fail(
            node,
            f"gender must be {', '.join(GENDERS[:-1])} or {GENDERS[-1]}, not '{gender}'",
            Code.GRAMMAR,
        )
    return gender


def _check_language_field(reader: NodeReader, node: Node, field: str, language: str) -> None:
    """A term field that only some languages use (`article`, `gender`) is an error elsewhere."""
    if language in languages.known() and field in languages.get(language).term_fields:
        return
    users = [languages.get(code) for code in sorted(languages.known())]
    names = " or ".join(f"{user.name} ({user.code})" for user in users if field in user.term_fields)
    raise reader.fail(node, f"'{field}' is only used in {names} lexicons", Code.GRAMMAR)


def _forms(reader: NodeReader, node: Node, language: str) -> tuple[tuple[str, str], ...]:
    """`forms: {label: spelling or [spellings]}`, labels as the language's rules name them."""
    labels = labels_of(language)
    if labels is None:
        raise reader.fail(node, f"'forms' is not supported for language '{language}'", Code.GRAMMAR)
    found: list[tuple[str, str]] = []
    for label, value in reader.mapping(node, "forms", labels).items():
        try:
            items = [value] if type(value) is ScalarNode else reader.sequence(value, label)
        except LexiconError as error:
            reader.note(error)
            continue
        for item in items:
            with reader:
                spelling = reader.text(item, f"form {label}")
                if not spellable(spelling):
                    raise reader.fail(
                        item, f"form '{spelling}' is not a usable spelling", Code.GRAMMAR
                    )
                _check_length(reader, item, spelling, f"form {label}")
                found.append((label, spelling))
    return tuple(found)


def _flag(key: str) -> Callable[[NodeReader, Node, str], bool]:
    return lambda reader, node, _language: reader.flag(node, key)


_FIELD_READERS: dict[str, Callable[[NodeReader, Node, str], Any]] = {
    "article": _article,
    "plural": lambda reader, node, _language: _spelling(reader, node, "plural"),
    "diminutive": _diminutive,
    "gender": _gender,
    "forms": _forms,
    "case_sensitive": _flag("case_sensitive"),
    "fuzzy": _flag("fuzzy"),
    "everyday": _flag("everyday"),
    "in_compounds": _flag("in_compounds"),
    "needs": lambda reader, node, _language: word_list(reader, node, "needs"),
}
"""How each optional term field is read (by its `Term` field name); `not_in` is read last,
as it is checked against the term's forms."""


def decode_lexicon(path: Path, data: bytes) -> tuple[Concept, ...]:
    """Parse a lexicon file's bytes."""
    return parse_lexicon(decode(path, data), str(path))


def read_lexicon_file(path: Path) -> tuple[Concept, ...]:
    """Parse one file from disk."""
    return decode_lexicon(path, read_bytes(path))

"""A lexicon's YAML as light nodes, and the reading of them with every problem located.

PyYAML's own composer makes a node with two `Mark` objects for every scalar and runs its Python
resolver on each (int, float, bool, timestamp…) although a lexicon only asks "is this plain
scalar null?". Composing the C parser's events into named tuples of value, position and explicit
tag is several times faster; PyYAML stays the only thing that parses YAML text.

Anchors and aliases are refused: an alias repeats a whole subtree, so a small file whose values
alias each other in layers makes every walk over it exponential (a 250 KB lexicon once took 56 s
and 946 MB to load). `compose` reports each anchor and alias; an alias stays in the tree as an
`AliasNode` that is never followed, and the reader drops the part that stands on it.
"""

from __future__ import annotations

from collections.abc import Sequence
from types import TracebackType
from typing import NamedTuple

import yaml
from yaml.events import (
    AliasEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)

from dikkevandale.model import Code, LexiconError, Location, did_you_mean

try:
    _Parser: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _Parser = yaml.SafeLoader

_STANDARD_TAG = "tag:yaml.org,2002:"
_NULL_TAG = _STANDARD_TAG + "null"
_PLAIN_TAGS = frozenset(
    _STANDARD_TAG + name for name in ("str", "int", "float", "bool", "null", "seq", "map")
)
_NULLS = frozenset(("", "~", "null", "Null", "NULL"))
ALIAS_MESSAGE = "YAML anchors and aliases are not allowed in a lexicon; write the value out"


class ScalarNode(NamedTuple):
    """A single value. `line` and `column` count from 0, as PyYAML's marks do."""

    value: str
    line: int
    column: int
    tag: str | None
    """The explicit tag (`!!str`), or None: no tag, or the non-specific tag `!`."""
    plain: bool
    """Resolved like a plain scalar (unquoted and untagged, or tagged `!`): `~` is null."""

    @property
    def null(self) -> bool:
        return self.tag == _NULL_TAG or (self.tag is None and self.plain and self.value in _NULLS)


class SequenceNode(NamedTuple):
    items: list[Node]
    line: int
    column: int
    tag: str | None


class MappingNode(NamedTuple):
    items: list[Node]
    """Keys and values alternating, in the order written; a repeated key is kept."""
    line: int
    column: int
    tag: str | None


class AliasNode(NamedTuple):
    """Where an alias (`*name`) stood: reported by `compose`, never followed."""

    line: int
    column: int
    tag: None = None


Node = ScalarNode | SequenceNode | MappingNode | AliasNode


def where(path: str, node: Node) -> Location:
    return Location(path, node.line + 1, node.column + 1)


def _refuse(path: str, node: Node, what: str) -> LexiconError:
    return LexiconError(where(path, node), f"{what}: {ALIAS_MESSAGE}", Code.ALIAS)


def compose(source: str, path: str) -> tuple[Node | None, list[LexiconError]]:
    """The one document of `source` as nodes, and every anchor and alias in it as a problem.

    Invalid YAML, or not exactly one document, gives no node and that one problem.

    >>> root, problems = compose("a: &x 1\\nb: *x\\n", "lex.yaml")
    >>> [f"{p.location} {p.code}" for p in problems]
    ['lex.yaml:1:4 DVD015', 'lex.yaml:2:4 DVD015']
    """
    parser = _Parser(source)
    problems: list[LexiconError] = []
    documents: list[Node] = []
    top = documents
    stack: list[list[Node]] = []
    node: Node
    try:
        next_event = parser.get_event
        while True:
            event = next_event()
            kind = type(event)
            if kind is ScalarEvent:
                mark, tag = event.start_mark, event.tag
                node = ScalarNode(
                    event.value,
                    mark.line,
                    mark.column,
                    None if tag == "!" else tag,
                    event.implicit[0],
                )
                top.append(node)
            elif kind is MappingStartEvent or kind is SequenceStartEvent:
                mark, tag = event.start_mark, event.tag
                items: list[Node] = []
                make = MappingNode if kind is MappingStartEvent else SequenceNode
                node = make(items, mark.line, mark.column, None if tag == "!" else tag)
                top.append(node)
                stack.append(top)
                top = items
            elif kind is MappingEndEvent or kind is SequenceEndEvent:
                top = stack.pop()
                continue
            elif kind is AliasEvent:
                node = AliasNode(event.start_mark.line, event.start_mark.column)
                problems.append(_refuse(path, node, f"alias '*{event.anchor}'"))
                top.append(node)
                continue
            elif kind is StreamEndEvent:
                break
            else:  # the start or end of the stream or of a document
                continue
            if event.anchor is not None:
                problems.append(_refuse(path, node, f"anchor '&{event.anchor}'"))
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        location = Location(path, mark.line + 1, mark.column + 1) if mark else Location(path)
        message = f"invalid YAML: {error.problem or error.context}"
        return None, [LexiconError(location, message, Code.SYNTAX)]
    except yaml.YAMLError as error:
        return None, [LexiconError(Location(path), f"invalid YAML: {error}", Code.SYNTAX)]
    finally:
        parser.dispose()
    if len(documents) != 1:
        message = "a lexicon file holds exactly one YAML document"
        return None, [LexiconError(Location(path, 1, 1), message, Code.SYNTAX)]
    return documents[0], problems


class _AliasError(LexiconError):
    """A part that stands on an alias: `compose` has reported the alias already."""


class NodeReader:
    """Walks the nodes of one file; each check raises a located LexiconError.

    `with reader:` marks one part of the file: a problem raised inside it is recorded in
    `problems` and reading goes on after it, so that one bad value hides no other problem.
    """

    def __init__(self, path: str, problems: list[LexiconError]) -> None:
        self.path = path
        self.problems = problems

    def __enter__(self) -> None:
        return None

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> bool:
        if not isinstance(error, LexiconError):
            return False
        self.note(error)
        return True

    def note(self, error: LexiconError) -> None:
        if not isinstance(error, _AliasError):
            # Its traceback would keep the reader's frames, and with them every node, alive.
            self.problems.append(error.with_traceback(None))

    def fail(self, node: Node, message: str, code: Code = Code.VALUE) -> LexiconError:
        return LexiconError(where(self.path, node), message, code)

    def wrong(self, node: Node, message: str) -> LexiconError:
        """A node of the wrong kind, or an alias (already reported) where a value should be."""
        if type(node) is AliasNode:
            return _AliasError(None, ALIAS_MESSAGE, Code.ALIAS)
        return self.fail(node, message)

    def check_tag(self, node: Node) -> None:
        if node.tag is not None and node.tag not in _PLAIN_TAGS:
            raise self.fail(node, f"tag '{node.tag}' is not allowed in a lexicon", Code.TAG)

    def mapping(self, node: Node, what: str, allowed: Sequence[str]) -> dict[str, Node]:
        """The values of a mapping by key; a bad, repeated or unknown key is recorded, left out."""
        self.check_tag(node)
        if type(node) is not MappingNode:
            raise self.wrong(node, f"{what} must be a mapping of keys to values")
        found: dict[str, Node] = {}
        items = node.items
        for index in range(0, len(items), 2):
            key_node = items[index]
            try:
                key = self.scalar(key_node, "a key")
                if key in found:
                    message = f"duplicate key '{key}' in {what}"
                    raise self.fail(key_node, message, Code.DUPLICATE_KEY)
                if key not in allowed:
                    hint = did_you_mean(key, allowed)
                    raise self.fail(
                        key_node,
                        f"unknown key '{key}' in {what}{hint}; allowed: {', '.join(allowed)}",
                        Code.UNKNOWN_KEY,
                    )
            except LexiconError as error:
                self.note(error)
                continue
            found[key] = items[index + 1]
        return found

    def sequence(self, node: Node, what: str) -> list[Node]:
        self.check_tag(node)
        if type(node) is not SequenceNode:
            raise self.wrong(node, f"{what} must be a list")
        return node.items

    def scalar_node(self, node: Node, what: str) -> ScalarNode:
        if type(node) is ScalarNode and node.tag is None:
            return node
        self.check_tag(node)
        if type(node) is not ScalarNode:
            raise self.wrong(node, f"{what} must be a single value, not a list or mapping")
        return node

    def scalar(self, node: Node, what: str) -> str:
        return self.scalar_node(node, what).value

    def text(self, node: Node, what: str) -> str:
        scalar = self.scalar_node(node, what)
        value = scalar.value.strip()
        if not value or scalar.null:
            raise self.fail(node, f"{what} must not be empty")
        return value

    def flag(self, node: Node, what: str) -> bool:
        value = self.scalar(node, what).lower()
        if value in ("true", "yes", "on"):
            return True
        if value in ("false", "no", "off"):
            return False
        raise self.fail(node, f"{what} must be true or false, not '{value}'")

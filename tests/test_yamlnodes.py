"""The light composer agrees with PyYAML's own on every node it keeps: value, place, null."""

from __future__ import annotations

import pytest
import yaml

from dikkevandale.lexicon import yamlnodes
from dikkevandale.lexicon.layers import builtin_dir, lexicon_files
from dikkevandale.lexicon.yamlnodes import MappingNode, Node, ScalarNode, SequenceNode, compose

EDGES = """\
plain: text
quoted: ['null', "~", '']
nulls: [~, null, Null, NULL, ! null, !!null x]
strings: [!!str ~, ! 'x', 2024-01-01, 7, 1.5, yes, <<, =]
tagged: [!!int 7, !custom x, !!python/name:os.system y]
empty:
block: |
  two
  lines
folded: >-
  one
  line
flow: {a: [b, {c: d}], e: }
? [complex, key]
: value
"""


def agree(ours: Node, theirs: yaml.Node) -> None:
    assert (ours.line, ours.column) == (theirs.start_mark.line, theirs.start_mark.column)
    if isinstance(theirs, yaml.ScalarNode):
        assert type(ours) is ScalarNode
        assert ours.value == theirs.value
        assert ours.null == (theirs.tag == "tag:yaml.org,2002:null")
        if ours.tag is not None:
            assert ours.tag == theirs.tag
        return
    if isinstance(theirs, yaml.SequenceNode):
        assert type(ours) is SequenceNode
        children = theirs.value
    else:
        assert type(ours) is MappingNode
        children = [node for pair in theirs.value for node in pair]
    assert len(ours.items) == len(children)
    for mine, their in zip(ours.items, children, strict=True):
        agree(mine, their)


SOURCES = [
    pytest.param(path.read_text(encoding="utf-8"), id=path.parent.name)
    for path in lexicon_files(builtin_dir())
] + [pytest.param(EDGES, id="edges")]


@pytest.mark.parametrize("source", SOURCES)
@pytest.mark.parametrize("parser", ["libyaml", "python"])
def test_nodes_agree_with_pyyaml(source: str, parser: str, monkeypatch: pytest.MonkeyPatch) -> None:
    loader = yaml.CSafeLoader if parser == "libyaml" else yaml.SafeLoader
    monkeypatch.setattr(yamlnodes, "_Parser", loader)
    root, problems = compose(source, "lex.yaml")
    assert problems == []
    assert root is not None
    agree(root, yaml.compose(source, Loader=loader))  # the two parsers differ in a mark or two


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("", "lex.yaml:1:1: a lexicon file holds exactly one YAML document"),
        ("# only a comment\n", "lex.yaml:1:1: a lexicon file holds exactly one YAML document"),
        ("a: 1\n---\na: 2\n", "lex.yaml:1:1: a lexicon file holds exactly one YAML document"),
        ("a: 1\n---\n[a\n", "lex.yaml:4:1: invalid YAML"),  # every document is parsed
        ("a: [b\n", "lex.yaml:2:1: invalid YAML"),
        ("a: b: c\n", "lex.yaml:1:5: invalid YAML: mapping values are not allowed in this context"),
        ("a: *b\n", "lex.yaml:1:4: alias '*b': YAML anchors and aliases are not allowed"),
        ("a: &b [c]\n", "lex.yaml:1:4: anchor '&b': YAML anchors and aliases are not allowed"),
    ],
)
def test_problems_of_the_yaml_itself(source: str, expected: str) -> None:
    _, problems = compose(source, "lex.yaml")
    assert len(problems) == 1
    assert str(problems[0]).startswith(expected)


def test_aliases_stay_leaves() -> None:
    root, problems = compose("a: &x [1, 2]\nb: [*x, *x]\n", "lex.yaml")
    assert [p.location.line if p.location else 0 for p in problems] == [1, 2, 2]
    assert isinstance(root, MappingNode)
    aliases = root.items[3]
    assert isinstance(aliases, SequenceNode)
    assert [type(node).__name__ for node in aliases.items] == ["AliasNode", "AliasNode"]

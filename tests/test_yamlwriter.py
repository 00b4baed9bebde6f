"""Lexicon YAML written by hand: every scalar reads back as itself, plain wherever it can be."""

from __future__ import annotations

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from dikkevandale.edit.yamlwriter import render_lexicon, yaml_scalar
from dikkevandale.lexicon.loader import parse_lexicon
from dikkevandale.model import Concept, Example, Term


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("klantbeeld", "klantbeeld"),
        ("café-omgeving", "café-omgeving"),
        ("klant’s beeld", "klant’s beeld"),
        ("CRM's", "CRM's"),
        ("Let op: duur", '"Let op: duur"'),
        ("nummer #1", '"nummer #1"'),
        ("- lijst", '"- lijst"'),
        ('"quoted"', '"\\"quoted\\""'),
        ("'single'", "\"'single'\""),
        ("no", '"no"'),
        ("On", '"On"'),
        ("null", '"null"'),
        ("~", '"~"'),
        ("2024", '"2024"'),
        ("1.5", '"1.5"'),
        ("2024-01-31", '"2024-01-31"'),
        ("einde:", '"einde:"'),
        (" rand ", '" rand "'),
        ("tab\there", '"tab\\there"'),
        ("regel\nnog een", '"regel\\nnog een"'),
        ("zonder\u200bbreedte", '"zonder\\u200bbreedte"'),
        ("", '""'),
    ],
)
def test_scalars_are_quoted_only_when_yaml_needs_it(text: str, written: str) -> None:
    assert yaml_scalar(text) == written
    assert yaml.safe_load(f"key: {written}\n") == {"key": text}


@pytest.mark.parametrize(
    "text", ["yes", "No", "null", "~", "2.0", "0x1F", "1:30", "2024-01-31", "a: b", "a #b", "a:"]
)
def test_what_yaml_would_read_otherwise_is_quoted(text: str) -> None:
    assert yaml_scalar(text).startswith('"')
    assert yaml.safe_load(yaml_scalar(text)) == text


def test_ordinary_terms_stay_plain() -> None:
    for text in ("360-graden-klantbeeld", "SLA's", "R&D-piketdienst", "B2B/B2C", "één plek"):
        assert yaml_scalar(text) == text


@given(st.text())
def test_every_string_reads_back_as_itself_in_a_flow_list(text: str) -> None:
    written = yaml_scalar(text, flow=True)
    assert yaml.safe_load(f"key: [{written}, {written}]\n") == {"key": [text, text]}
    if yaml_scalar(text) != written:
        assert written.startswith('"')


@pytest.mark.parametrize("text", ["a,b", "a]", "a{b}", "wat?", "a, b"])
def test_flow_list_items_with_flow_indicators_are_quoted(text: str) -> None:
    assert yaml_scalar(text) == text
    assert yaml_scalar(text, flow=True) == f'"{text}"'


@given(st.text())
def test_every_string_reads_back_as_itself(text: str) -> None:
    assert yaml.safe_load(f"key: {yaml_scalar(text)}\n") == {"key": text}
    assert yaml.safe_load(f"- {yaml_scalar(text)}\n") == [text]
    assert yaml.safe_load(f"list:\n  - {yaml_scalar(text)}\n") == {"list": [text]}


def test_a_rendered_lexicon_loads_back_as_the_same_concepts() -> None:
    concepts = (
        Concept(
            "klantbeeld",
            "nl",
            {
                "sales": (Term("360-graden-klantbeeld", "het", "360-graden-klantbeelden"),),
                "it": (
                    Term("SLA", case_sensitive=True, fuzzy=False),
                    Term("yes"),
                    Term(
                        "koppeling",
                        "de",
                        diminutive="koppelinkje",
                        fuzzy=False,
                        forms=(("pl", "koppelingen"), ("dim", "kopje"), ("dim", "koppeltje,")),
                    ),
                ),
            },
            "Eén plek:\nalles",
            (Example("Het klantbeeld.", "it", "De SLA."),),
        ),
        Concept("tweede", "nl", {"it": (Term("2.0"),)}),
    )
    text = render_lexicon(concepts, ["sales", "it"], "nl", "made by a test")
    assert text.startswith("# made by a test\ndvd: 1\n")
    assert "\n\n  - id: tweede\n" in text
    assert parse_lexicon(text) == concepts
    assert (
        "      - term: koppeling\n"
        "        article: de\n"
        "        diminutive: koppelinkje\n"
        "        fuzzy: false\n"
        "        forms:\n"
        "          pl: koppelingen\n"
        '          dim: [kopje, "koppeltje,"]\n'
    ) in text


def test_forms_of_one_label_are_written_together_in_order() -> None:
    term = Term("koppeling", forms=(("pl", "a"), ("dim", "b"), ("pl", "c")))
    text = render_lexicon([Concept("k", "nl", {"it": (term,)})], ["it"], "nl")
    assert "        forms:\n          pl: [a, c]\n          dim: b\n" in text

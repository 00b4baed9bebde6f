"""Identifiers are not words: file names, paths, code names, hashtags and mentions stay."""

from __future__ import annotations

from pathlib import Path

import pytest

from dikkevandale import Translator, parse_lexicon
from dikkevandale.matching.identifiers import Identifiers
from dikkevandale.model import Lexicon
from helpers import growth, operations

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="module")
def translator() -> Translator:
    return Translator([DATA / "core.yaml"], builtin=False, to="it")


@pytest.mark.parametrize(
    "text",
    [
        "Zie bezoeksrapport.py voor de code.",
        "Open docs/bezoeksrapport.md of ./bezoeksrapport",
        "De kolom klant_bezoeksrapport en bezoeksrapport_id.",
        "Roep BezoeksRapport en bezoeksrapportMaken aan.",
        "Zet #bezoeksrapport in het kanaal en vraag @bezoeksrapport.",
        "Het pad C:\\crm\\bezoeksrapport en /var/bezoeksrapport.",
        "Map a/b/bezoeksrapport staat klaar.",
        "foo__bezoeksrapport__ is een naam.",
    ],
)
def test_terms_inside_identifiers_are_left_alone(translator: Translator, text: str) -> None:
    assert translator.translate(text).text == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Het bezoeksrapport.", "Het activiteitenrecord."),
        (
            "(bezoeksrapport), bezoeksrapport: klaar",
            "(activiteitenrecord), activiteitenrecord: klaar",
        ),
        ("Het bezoeksrapport/servicebelofte.", "Het activiteitenrecord/SLA."),
        ("Het _bezoeksrapport_ is af.", "Het _activiteitenrecord_ is af."),
    ],
)
def test_prose_around_terms_is_no_identifier(
    translator: Translator, text: str, expected: str
) -> None:
    assert translator.translate(text).text == expected


def test_a_term_written_as_an_identifier_in_the_lexicon_is_found() -> None:
    source = """dvd: 1
language: nl
audiences: [sales, it]
concepts:
  - id: sharepoint
    sales: [SharePoint-site]
    it: [documentomgeving]
"""
    lexicon = Lexicon(concepts=parse_lexicon(source, "<test>"), audiences=("sales", "it"))
    translator = Translator([lexicon], builtin=False, to="it")
    assert translator.translate("De SharePoint-site is af.").text == "De documentomgeving is af."
    assert translator.translate("De mijnSharePoint-site.").text == "De mijnSharePoint-site."


def test_many_terms_in_one_long_token_cost_one_pass_over_it() -> None:
    def run(text: str) -> None:
        found = Identifiers(text)
        for start in range(0, len(text), 11):
            found.around(start, start + 10)

    small, large = ("klantbeeld." * n for n in (500, 1000))
    assert operations(run, large) / operations(run, small) <= 2.5


def test_many_terms_in_one_identifier_take_linear_time(translator: Translator) -> None:
    def run(text: str) -> None:
        translator.translate(text)

    assert growth(run, lambda n: "bezoeksrapport." * (n // 15), 3000) <= 2.5

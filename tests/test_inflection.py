from __future__ import annotations

import pytest

from dikkevandale.inflection import dutch_plurals, english_plurals, forms, plural_of
from dikkevandale.model import Number, Term


@pytest.mark.parametrize(
    ("word", "plural"),
    [
        ("koppeling", "koppelingen"),
        ("klantbeeld", "klantbeelden"),
        ("systeem", "systemen"),
        ("aanvraag", "aanvragen"),
        ("proces", "processen"),
        ("offerte", "offertes"),
        ("applicatie", "applicaties"),
        ("gebruiker", "gebruikers"),
        ("mogelijkheid", "mogelijkheden"),
        ("prijs", "prijzen"),
        ("brief", "brieven"),
        ("API", "API's"),
        ("agenda", "agenda's"),
        ("idee", "ideeën"),
        ("rapport", "rapporten"),
    ],
)
def test_dutch_best_guess(word: str, plural: str) -> None:
    assert dutch_plurals(word)[0] == plural


def test_dutch_loanwords_are_also_found_with_s() -> None:
    assert "tickets" in dutch_plurals("ticket")
    assert "leads" in dutch_plurals("lead")


@pytest.mark.parametrize(
    ("word", "plural"),
    [
        ("opportunity", "opportunities"),
        ("batch", "batches"),
        ("lead", "leads"),
        ("SLA", "SLAs"),
        ("day", "days"),
    ],
)
def test_english(word: str, plural: str) -> None:
    assert english_plurals(word)[0] == plural


def test_multiword_terms_inflect_their_head() -> None:
    term = Term("mid-office-oplossing op basis van XML")
    assert plural_of(term, "nl") == "mid-office-oplossingen op basis van XML"
    assert plural_of(Term("point of sale"), "en") == "points of sale"
    assert plural_of(Term("hands-on session"), "en") == "hands-on sessions"


def test_the_lexicon_plural_comes_first_and_forms_are_labelled() -> None:
    term = Term("model", plural="modellen")
    assert forms(term, "nl")[:2] == [
        ("model", Number.SINGULAR, False),
        ("modellen", Number.PLURAL, True),
    ]
    assert plural_of(Term("klantbeeld"), "pl") == "klantbeeld"

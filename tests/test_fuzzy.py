"""Typo matching (matching/fuzzy.py): one typo means one typo, in every language."""

from __future__ import annotations

import pytest

from dikkevandale import translate
from dikkevandale.lexicon.loader import parse_lexicon
from dikkevandale.matching.index import Index, compile_index
from dikkevandale.model import Lexicon

LEXICONS = {
    "nl": """
  - {id: orders, sales: {term: directe orderverwerking, article: de},
     it: {term: back-office-koppeling, article: de}}
  - {id: agenda, sales: {term: gedeelde agenda, article: de},
     it: {term: agendasynchronisatie, article: de}}
  - {id: tevreden, sales: {term: klanttevredenheid, article: de},
     it: {term: NPS-score, article: de}}
  - {id: bezoek, sales: {term: bezoeksrapport, article: het},
     it: {term: activiteitrecord, article: het}}
  - {id: prijs, sales: {term: prijslijst, article: de}, it: {term: pricebook, article: het}}
  - {id: formulier, sales: {term: contactformulier, article: het},
     it: {term: webformulier, article: het}}
""",
    "en": """
  - {id: unsub, sales: unsubscribe request, it: opt-out record}
  - {id: launch, sales: launch date, it: go-live date}
  - {id: visit, sales: visit report, it: activity record}
  - {id: planned, sales: planned interruption, it: maintenance window}
""",
    "pl": """
  - {id: lejek, sales: lejek sprzedażowy, it: widok pipeline}
  - {id: zgoda, sales: {term: zgoda na kontakt, forms: {acc.sg: zgodę na kontakt}},
     it: flaga zgody RODO}
  - {id: standard, sales: funkcjonalność standardowa, it: system z pudełka}
  - {id: testowa, sales: wersja testowa, it: środowisko testowe}
  - {id: kontakty, sales: baza kontaktów, it: tabela kontrahentów}
""",
}


def lexicon(language: str) -> Index:
    source = f"dvd: 1\nlanguage: {language}\naudiences: [sales, it]\nconcepts:{LEXICONS[language]}"
    return compile_index(Lexicon(parse_lexicon(source), ("sales", "it")))


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        # a typo in any word of a multi-word term, in every language
        ("nl", "We bespreken de directe orderverwerkng.", "We bespreken de back-office-koppeling."),
        ("nl", "We bespreken de gedeelde agneda.", "We bespreken de agendasynchronisatie."),
        ("nl", "Het bezoekrapport is af.", "Het activiteitrecord is af."),
        ("nl", "De prijslijts is af.", "Het pricebook is af."),
        ("nl", "Vul het contactformuleir in.", "Vul het webformulier in."),
        # a longer term takes two
        ("nl", "Het bezoekraport is af.", "Het activiteitrecord is af."),
        ("en", "Confirm the lauch date today.", "Confirm the go-live date today."),
        ("en", "Write a vist report.", "Write an activity record."),
        ("pl", "Nasz lejek sprzedżowy jest pełny.", "Nasz widok pipeline jest pełny."),
    ],
)
def test_one_typo_is_found(language: str, text: str, expected: str) -> None:
    assert translate(text, lexicon(language), "it").text == expected


@pytest.mark.parametrize(
    ("language", "text"),
    [
        # two edits in a term of 12 letters or less are two typos, or another word
        ("nl", "De prjslijts is af."),
        # the difference is a negation: the opposite, not a typo
        ("en", "We got a subscribe request."),
        ("en", "An unplanned interruption hit us."),
        ("nl", "De klantontevredenheid neemt toe."),
        ("pl", "To jest funkcjonalność niestandardowa."),
        # the word with the slip is a word of its own
        ("en", "Let's set a lunch date."),
        # a possessive is grammar, not a slip
        ("en", "The visit's report is late."),
        ("pl", "Zarząd wyraził zgodę na kontrakt."),
        # ... also in another of its forms, or as a compound of two words
        ("pl", "Mamy już wersję tekstową przemówienia."),
        ("pl", "W wersji tekstowej brakuje tabel."),
        ("nl", "Het contractformulier ligt bij de notaris."),
        ("nl", "Het bezoekersrapport van de beurs is binnen."),
    ],
)
def test_what_is_not_one_typo_is_left_alone(language: str, text: str) -> None:
    assert translate(text, lexicon(language), "it").text == text


@pytest.mark.parametrize(
    ("language", "word", "term", "real"),
    [
        ("nl", "contractformulier", "contactformulier", True),  # contract + formulier
        ("nl", "bezoekersrapport", "bezoeksrapport", True),  # bezoekers + rapport
        ("nl", "bedrijfsleven", "", True),  # bedrijf + s + leven
        # the term's own parts, joined another way: a variant, not another word
        ("nl", "bezoekrapport", "bezoeksrapport", False),
        ("nl", "klantbeld", "klantbeeld", False),  # "beld" is no word, though "belde" is
        ("nl", "pakkett", "pakket", False),  # a doubled letter, not the stem of "pakketten"
        ("pl", "tekstowa", "testowa", True),  # beside "tekstowe"
        ("pl", "sprzedżowy", "sprzedażowy", False),
        ("en", "custmer", "customer", False),
    ],
)
def test_a_word_of_the_language_is_not_a_slip(
    language: str, word: str, term: str, real: bool
) -> None:
    from dikkevandale import languages

    assert languages.get(language).is_word(word, term) is real


def test_threshold_is_an_extra_bound() -> None:
    index = lexicon("nl")
    text = "We bespreken de gedeelde agneda."
    assert translate(text, index, "it", threshold=99).text == text
    assert translate(text, index, "it", fuzzy=False).text == text

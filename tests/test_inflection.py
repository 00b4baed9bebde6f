from __future__ import annotations

import pytest

from dikkevandale.languages.en import plurals as english_plurals
from dikkevandale.languages.inflection import forms, inflect_like, labelled_forms
from dikkevandale.languages.nl_forms import diminutive as dutch_diminutive
from dikkevandale.languages.nl_forms import plurals as dutch_plurals
from dikkevandale.model import Term


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
    assert inflect_like(term, "nl", ("pl",)) == ("mid-office-oplossingen op basis van XML", False)
    assert inflect_like(Term("point of sale"), "en", ("pl",)) == ("points of sale", False)
    assert inflect_like(Term("hands-on session"), "en", ("pl",)) == ("hands-on sessions", False)


def test_the_lexicon_plural_comes_first_and_forms_are_labelled() -> None:
    term = Term("model", plural="modellen")
    assert forms(term, "nl")[:2] == [("model", "sg", False), ("modellen", "pl", True)]
    assert ("modeltje", "dim", True) in forms(term, "nl")
    assert ("modeltjes", "dim.pl", True) in forms(term, "nl")


@pytest.mark.parametrize(
    ("word", "diminutive"),
    [
        ("klantbeeld", "klantbeeldje"),
        ("koppeling", "koppelinkje"),
        ("systeem", "systeempje"),
        ("agenda", "agendaatje"),
        ("lijn", "lijntje"),
        ("bal", "balletje"),
        ("tabel", "tabeltje"),
        # a stressed short last syllable doubles, also at the end of a compound
        ("werkbon", "werkbonnetje"),
        ("actieplan", "actieplannetje"),
        ("monitor", "monitortje"),  # unstressed
        ("login", "logintje"),
    ],
)
def test_dutch_diminutives(word: str, diminutive: str) -> None:
    assert dutch_diminutive(word) == diminutive


def test_the_lexicon_overrides_rules() -> None:
    term = Term(
        "bedrag", plural="bedragen", diminutive="bedragje", forms=(("dim.pl", "bedraggies"),)
    )
    labelled = labelled_forms(term, "nl")
    assert labelled["pl"][0] == "bedragen"
    assert labelled["dim"][0] == "bedragje"
    assert labelled["dim.pl"][0] == "bedraggies"


@pytest.mark.parametrize(
    ("term", "label", "form"),
    [
        ("wdrożenie CRM", "gen.sg", "wdrożenia CRM"),
        ("wdrożenie CRM", "loc.sg", "wdrożeniu CRM"),
        ("wdrożenie CRM", "ins.sg", "wdrożeniem CRM"),
        ("wdrożenie CRM", "gen.pl", "wdrożeń CRM"),
        ("alokacja zasobów", "gen.sg", "alokacji zasobów"),
        ("alokacja zasobów", "acc.sg", "alokację zasobów"),
        ("strategia marketingowa", "ins.sg", "strategią marketingową"),
        ("strategia marketingowa", "loc.pl", "strategiach marketingowych"),
        ("zespół wdrożeniowy", "gen.sg", "zespołu wdrożeniowego"),
        ("zespół wdrożeniowy", "loc.sg", "zespole wdrożeniowym"),
        ("raport sprzedażowy", "loc.sg", "raporcie sprzedażowym"),
        ("baza klientów", "loc.sg", "bazie klientów"),
        ("usługa", "dat.sg", "usłudze"),
        ("jakość danych", "ins.sg", "jakością danych"),
        ("rynek docelowy", "gen.sg", "rynku docelowego"),
        ("lista kontaktów", "loc.sg", "liście kontaktów"),
        ("wsparcie techniczne", "gen.pl", "wsparć technicznych"),
        # nouns that end like adjectives lead their phrase
        ("umowa serwisowa", "loc.sg", "umowie serwisowej"),
        ("strona", "gen.sg", "strony"),
        # an adjective before its noun agrees with it
        ("nowa wersja systemu", "gen.sg", "nowej wersji systemu"),
        # fleeting e, in both directions
        ("poprawka", "gen.pl", "poprawek"),
        ("handlowiec", "gen.sg", "handlowca"),
        ("wyciek", "gen.sg", "wycieku"),
        ("model", "gen.pl", "modeli"),
        ("formularz", "gen.sg", "formularza"),
    ],
)
def test_polish_forms(term: str, label: str, form: str) -> None:
    assert labelled_forms(Term(term), "pl")[label][0] == form


def test_polish_replacement_takes_the_matched_case_or_is_flagged() -> None:
    target = Term("alokacja zasobów")
    assert inflect_like(target, "pl", ("ins.sg",)) == ("alokacją zasobów", False)
    # "wdrożenia" is gen.sg or nom.pl/acc.pl: the target's forms differ, so it is a guess
    assert inflect_like(target, "pl", ("gen.sg", "nom.pl", "acc.pl")) == ("alokacji zasobów", True)
    # a target without that form: the base form, flagged
    assert inflect_like(Term("go-live"), "pl", ("ins.sg",)) == ("go-live", True)
    # an acronym declines with a hyphen
    assert inflect_like(Term("CRM"), "pl", ("ins.sg",)) == ("CRM-em", False)
    assert inflect_like(Term("CRM"), "pl", ("nom.pl",)) == ("CRM-y", False)
    # ... but one whose last letter is spoken with a vowel has no "-y" plural
    assert inflect_like(Term("KPI"), "pl", ("nom.pl",)) == ("KPI", False)
    assert inflect_like(Term("SLA"), "pl", ("acc.pl",)) == ("SLA", False)
    assert inflect_like(Term("KPI"), "pl", ("gen.pl",)) == ("KPI-ów", False)


def test_a_dutch_plural_after_an_adjective_keeps_its_space() -> None:
    """The adjective before the head takes -e in the plural; the head's place moves with it."""
    from dikkevandale.languages.inflection import forms
    from dikkevandale.model import Term

    plurals = [
        f for f, label, _ in forms(Term("nieuw model", article="het"), "nl") if label == "pl"
    ]
    assert "nieuwe modellen" in plurals
    assert all(" " in plural for plural in plurals)

"""Every failure listed in issue 11, as `dvd translate` runs them.

The issue's examples name the built-in concepts as they were then; the lexicon audit has since
changed some mappings, so the examples run against those concepts as they were
(tests/data/issue11/): they test the engine's grammar, not today's lexicon content.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from dikkevandale import Translator

LEXICONS = Path(__file__).parent / "data" / "issue11"


@pytest.fixture(scope="module")
def translator() -> Translator:
    return Translator([LEXICONS], builtin=False)


@pytest.mark.parametrize(
    ("to", "text", "expected"),
    [
        # Dutch adjectives when de/het flips
        ("it", "Wij bouwen een nieuw klantbeeld.",
         "Wij bouwen een nieuwe mid-office-oplossing op basis van XML."),
        ("sales", "Dat is een lastig wijzigingsverzoek.", "Dat is een lastige verbeterwens."),
        ("it", "Dat mooie nieuwe klantbeeld is klaar.",
         "Die mooie nieuwe mid-office-oplossing op basis van XML is klaar."),
        ("it", "Het klantbeeld dat we kochten is klaar.",
         "De mid-office-oplossing op basis van XML die we kochten is klaar."),
        # never a word twice
        ("sales", "Er komt een nieuwe release.", "Er komt een nieuwe softwareversie."),
        ("sales", "Spotkanie zespołu wdrożeniowego CRM jest jutro.",
         "Spotkanie zespołu CRM jest jutro."),
        # capitals
        ("sales", "Daarna volgt de Go-Live in week 14.", "Daarna volgt de lancering in week 14."),
        ("sales", "De Back-Office-Koppeling werkt.", "De directe orderverwerking werkt."),
        # Polish: case, gender, predicates, masculine-personal plurals, z/ze, detection
        ("it", "Trzeba zrobić czyszczenie bazy.", "Trzeba zrobić deduplikację rekordów."),
        ("sales", "Kupiliśmy nowy moduł prognozowania.", "Kupiliśmy nową prognozę sprzedaży."),
        ("it", "Strategia CRM jest niemożliwa.", "Plan rozwoju systemu jest niemożliwy."),
        ("sales", "Klienci wewnętrzni są zadowoleni.", "Strony biznesowe są zadowolone."),
        ("sales", "Porównaliśmy demo ze specyfikacją wymagań.",
         "Porównaliśmy demo z listą życzeń."),
        ("sales", "Notatka ze spotkania statusowego", "Notatka z cotygodniowej narady"),
        # one typo means one typo, also in multi-word terms
        ("it", "Wij bespreken de directe orderverwerkng morgen.",
         "Wij bespreken de back-office-koppeling morgen."),
        ("it", "We bespreken de gedeelde agneda.", "We bespreken de agendasynchronisatie."),
        ("it", "Nasz lejek sprzedżowy jest pełny.", "Nasz widok pipeline jest pełny."),
    ],
)  # fmt: skip
def test_issue_11_failures_read_right(
    translator: Translator, to: str, text: str, expected: str
) -> None:
    assert translator.translate(text, to).text == expected
    assert translator.translate(expected, to).text == expected


def test_an_open_form_is_flagged_and_can_be_marked(translator: Translator) -> None:
    result = translator.translate("Ik hoop dat klantbeeld Noord niet wordt opgesplitst.", "it")
    assert [r.needs_review for r in result.rewrites] == [True]
    marked = translator.translate(
        "Ik hoop dat klantbeeld Noord niet wordt opgesplitst.", "it", mark_review=True
    )
    assert (
        marked.text
        == "Ik hoop dat ⟦mid-office-oplossing op basis van XML⟧ Noord niet wordt opgesplitst."
    )

"""English (languages/en.py): plurals, possessives, spelling variants, a/an, Title Case."""

from __future__ import annotations

import pytest

from dikkevandale import translate
from dikkevandale.languages import en
from dikkevandale.languages.inflection import labelled_forms
from dikkevandale.lexicon.loader import parse_lexicon
from dikkevandale.matching.index import Index, compile_index
from dikkevandale.model import Lexicon, Term

LEXICON = """
dvd: 1
language: en
audiences: [sales, it]
concepts:
  - id: opportunity
    sales: [deal, sales opportunity]
    it: opportunity record
  - id: quick-win
    sales: quick win
    it: low-effort change
  - id: it
    sales: back office
    it: {term: IT, case_sensitive: true}
  - id: desk
    sales: call centre
    it: service desk
  - id: release
    sales: new software version
    it: release package
  - id: view
    sales: 360-degree customer view
    it: XML-based mid-office layer
"""


@pytest.fixture(scope="module")
def index() -> Index:
    return compile_index(Lexicon(parse_lexicon(LEXICON), ("sales", "it")))


def check(index: Index, text: str, to: str, expected: str) -> None:
    result = translate(text, index, to)
    assert result.text == expected
    assert translate(result.text, index, to).text == expected


@pytest.mark.parametrize(
    ("word", "plural"), [("opportunity", "opportunities"), ("batch", "batches"), ("day", "days")]
)
def test_plural_rules(word: str, plural: str) -> None:
    assert en.plurals(word)[0] == plural


def test_possessives_and_spelling_variants_are_forms() -> None:
    forms = labelled_forms(Term("call centre"), "en")
    assert "call centre's" in forms["sg.poss"]
    assert "call center" in forms["sg"] and "call centers" in forms["pl"]


@pytest.mark.parametrize(
    ("text", "to", "expected"),
    [
        # possessives match and stay possessives; -y → -ies both ways
        ("The deal's value is high.", "it", "The opportunity record's value is high."),
        ("The deals' values are high.", "it", "The opportunity records' values are high."),
        ("Three opportunity records were lost.", "sales", "Three deals were lost."),
        ("The sales opportunities came in.", "it", "The opportunity records came in."),
        # a/an follow the new term
        ("We have a quick win.", "it", "We have a low-effort change."),
        ("An opportunity record was made.", "sales", "A deal was made."),
        ("Is there an IT answer?", "sales", "Is there a back office answer?"),
        # ... also where markup stands between the article and the term
        ("We have a **quick win**.", "it", "We have a **low-effort change**."),
        ("We need a <b>360-degree customer view</b>.", "it",
         "We need an <b>XML-based mid-office layer</b>."),
        ("We need <b>a 360-degree customer view</b>.", "it",
         "We need <b>an XML-based mid-office layer</b>."),
        ("An *opportunity record* was made.", "sales", "A *deal* was made."),
        # an acronym at the sentence start replaced by a lowercase term gets the capital
        ("IT answers tomorrow.", "sales", "Back office answers tomorrow."),
        # a capital mid-sentence is emphasis; Title Case headings stay Title Case
        ("We will review the Quick Win on Monday.", "it",
         "We will review the low-effort change on Monday."),
        ("Quick Wins For Q3", "it", "Low-Effort Changes For Q3"),
        ("Review Of The 360-Degree Customer View", "it",
         "Review Of The XML-Based Mid-Office Layer"),
        ("REMINDER: LOG EVERY QUICK WIN", "it", "REMINDER: LOG EVERY LOW-EFFORT CHANGE"),
        # British and American spellings are both the term
        ("The call center is closed.", "it", "The service desk is closed."),
        # never a word twice
        ("The new release package goes out.", "sales", "The new software version goes out."),
    ],
)  # fmt: skip
def test_english_rewrites_read_right(index: Index, text: str, to: str, expected: str) -> None:
    check(index, text, to, expected)

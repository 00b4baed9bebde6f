"""DVD017: common words of a language used as terms without a word on their context."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from dikkevandale.lexicon.everyday import (
    COMMON_ZIPF,
    LANGUAGE_NAMES,
    everyday_words,
    frequencies,
    zipf_of,
)
from dikkevandale.lexicon.loader import parse_lexicon
from dikkevandale.model import Code, Term

FOLDER = Path(__file__).parent.parent / "src" / "dikkevandale" / "languages" / "data"


@pytest.mark.parametrize("language", sorted(LANGUAGE_NAMES))
def test_each_language_has_a_list_of_common_words_most_frequent_first(language: str) -> None:
    text = gzip.decompress((FOLDER / f"{language}.txt.gz").read_bytes()).decode("utf-8")
    bands = [float(line[2:]) for line in text.splitlines() if line.startswith("# ")]
    assert bands == sorted(bands, reverse=True)
    assert min(bands) >= COMMON_ZIPF
    found = frequencies(language)
    assert len(found) > 20_000
    assert all(zipf >= COMMON_ZIPF for zipf in found.values())


def test_the_lists_carry_their_licence() -> None:
    licence = (FOLDER / "LICENSE").read_text(encoding="utf-8")
    assert "wordfreq 3.1.1" in licence and "CC BY-SA 4.0" in licence and "SUBTLEX" in licence


@pytest.mark.parametrize(
    ("term", "language", "common"),
    [
        (Term("ticket"), "nl", True),
        (Term("Release"), "en", True),  # case does not matter
        (Term("lead"), "en", True),
        (Term("licentie"), "nl", True),
        (Term("klantportaal"), "nl", False),  # a compound only CRM uses
        (Term("front line"), "en", False),  # one word only: the author judges phrases
        (Term("back-up"), "nl", False),
        (Term("SLA", case_sensitive=True), "nl", False),  # capitals are its context
        (Term("ticket"), "xx", False),  # no list for the language: nothing to say
    ],
)
def test_which_terms_are_common_words(term: Term, language: str, common: bool) -> None:
    zipf = zipf_of(term, language)
    assert (zipf is not None and zipf >= COMMON_ZIPF) == common


def test_the_plural_counts_too() -> None:
    # Polish and Dutch spread a noun's frequency over its forms.
    assert zipf_of(Term("tickets"), "nl") is not None
    assert zipf_of(Term("ticket", plural="tickets"), "nl") == max(
        frequencies("nl")["ticket"], frequencies("nl")["tickets"]
    )


@pytest.mark.parametrize(
    "fields",
    ["everyday: true", "everyday: false", "not_in: [tickets voor]", "needs: [CRM]"],
)
def test_a_word_on_the_context_answers_the_warning(fields: str) -> None:
    head = "dvd: 1\nlanguage: nl\naudiences: [sales, it]\nconcepts:\n  - id: a\n"
    plain = parse_lexicon(head + "    sales: klantvraag\n    it: ticket\n", "lex.yaml")
    (warning,) = everyday_words(plain)
    assert warning.code is Code.EVERYDAY and warning.severity == "warning"
    assert str(warning).startswith(
        "lex.yaml:7:9: 'ticket' (a) is a common Dutch word (about 13 in a million words): "
        "add 'everyday: true'"
    )
    marked = parse_lexicon(
        head + f"    sales: klantvraag\n    it: {{term: ticket, {fields}}}\n", "lex.yaml"
    )
    assert list(everyday_words(marked)) == []

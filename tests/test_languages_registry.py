"""The languages registry (languages/__init__.py, base.py): one module per language."""

from __future__ import annotations

import pytest

from dikkevandale import languages, translate
from dikkevandale.languages.base import Language
from dikkevandale.lexicon.loader import parse_lexicon
from dikkevandale.matching.index import compile_index
from dikkevandale.model import Lexicon, LexiconError


def test_each_language_is_a_module_found_by_its_code() -> None:
    assert {"nl", "en", "pl"} <= languages.known()
    for code in ("nl", "en", "pl"):
        grammar = languages.get(code)
        assert grammar.code == code and grammar.stopwords and grammar.common_words
        assert languages.get(code) is grammar


def test_a_language_without_a_module_still_works_word_for_word() -> None:
    grammar = languages.get("de")
    assert type(grammar) is Language and grammar.code == "de"
    lexicon = parse_lexicon(
        "dvd: 1\nlanguage: de\naudiences: [sales, it]\nconcepts:\n"
        "  - {id: a, sales: {term: Kundenbild, plural: Kundenbilder}, it: Kundendatenbank}\n"
    )
    index = compile_index(Lexicon(lexicon, ("sales", "it")))
    assert translate("Das Kundenbild ist fertig.", index, "it").text == (
        "Das Kundendatenbank ist fertig."  # no agreement without German rules
    )
    assert translate("Die Kundenbilder.", index, "it").text == "Die Kundendatenbank."


def test_language_fields_are_checked_against_the_language() -> None:
    with pytest.raises(LexiconError, match=r"'gender' is only used in Polish \(pl\) lexicons"):
        parse_lexicon(
            "dvd: 1\nlanguage: nl\naudiences: [sales]\nconcepts:\n"
            "  - {id: a, sales: {term: klantbeeld, gender: n}}\n"
        )
    with pytest.raises(LexiconError, match=r"gender must be m, m.pers, f or n, not 'x'"):
        parse_lexicon(
            "dvd: 1\nlanguage: pl\naudiences: [sales]\nconcepts:\n"
            "  - {id: a, sales: {term: wdrożenie, gender: x}}\n"
        )
    with pytest.raises(LexiconError, match=r"'article' is only used in Dutch \(nl\) lexicons"):
        parse_lexicon(
            "dvd: 1\nlanguage: en\naudiences: [sales]\nconcepts:\n"
            "  - {id: a, sales: {term: deal, article: de}}\n"
        )

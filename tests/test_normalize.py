from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dikkevandale.normalize import (
    BARRIER,
    _spelling,
    fold,
    gap_key,
    plain_spelling,
    spell,
    spellable,
    split_words,
)


@pytest.mark.parametrize(
    ("word", "key"),
    [
        ("Klantbeeld", "klantbeeld"),
        ("continuïteit", "continuiteit"),
        ("ICT’er", "ict'er"),
        ("Straße", "strasse"),
    ],
)
def test_fold(word: str, key: str) -> None:
    assert fold(word) == key


@pytest.mark.parametrize(
    ("gap", "key"),
    [
        (" ", ""),
        ("-", ""),
        ("\n", ""),
        (" \r\n> ", ""),
        ("-\n>> ", ""),
        ("&", "&"),
        (" / ", "/"),
        (", ", BARRIER),
        (" - ", BARRIER),
        ("\n\n", BARRIER),
        ("\n>\n", BARRIER),
        (". ", BARRIER),
    ],
)
def test_gap_key(gap: str, key: str | None) -> None:
    assert gap_key(gap) == key


def test_split_words_keeps_offsets_and_skips_protected_spans() -> None:
    text = "Het CRM’s-team, zie x"
    words = split_words(text, [(text.index("zie"), text.index("zie") + 3)])
    assert [text[s:e] for s, e in zip(words.starts, words.ends, strict=True)] == [
        "Het",
        "CRM’s",
        "team",
        "zie",
        "x",
    ]
    assert words.keys == ["het", "crm's", "team", "", "x"]
    assert [words.gap(at) for at in range(5)] == [BARRIER, "", "", BARRIER, BARRIER]


def test_split_words_folds_ascii_and_other_text_alike() -> None:
    ascii_words = split_words("Back-Office KOPPELING, CRM's")
    accented = split_words("Back-Office KOPPELING, CRM’s é")
    assert ascii_words.keys == ["back", "office", "koppeling", "crm's"]
    assert accented.keys == [*ascii_words.keys, "e"]
    assert [ascii_words.gap(at) for at in range(4)] == [BARRIER, "", "", BARRIER]
    assert ascii_words.separators[1:] == accented.separators[1:4]


def test_spell_records_where_a_term_may_split() -> None:
    spelling = spell("Back-office koppeling")
    assert spelling is not None
    assert spelling.key == "backofficekoppeling"
    assert spelling.boundaries == {4, 10}
    assert spelling.words == 3
    hard = spell("R&D-afdeling")
    assert hard is not None
    assert (hard.key, sorted(hard.boundaries)) == ("r&dafdeling", [1, 2, 3])
    assert spell("--") is None
    assert spell("a, b") is None


# Letters, digits and every character that decides a gap: soft, kept, or a barrier.
TERM_CHARACTERS = list("aZé1²ßł\u0301'’-\u2010\u2011— \t\u00a0\r\n>&+/.@:,_!(")


@settings(max_examples=2000, deadline=None)
@given(st.one_of(st.text(st.sampled_from(TERM_CHARACTERS), max_size=12), st.text(max_size=30)))
def test_spellable_is_spell_without_the_key(term: str) -> None:
    assert spellable(term) == (spell(term) is not None)


PLAIN_CHARACTERS = list("aZ1 -'_.&\t")


@settings(max_examples=3000, deadline=None)
@given(st.text(st.sampled_from(PLAIN_CHARACTERS), max_size=12))
def test_the_shortcut_for_plain_terms_spells_as_the_words_do(term: str) -> None:
    plain = plain_spelling(term)
    assert plain is None or plain == _spelling(term)
    assert spell(term) == _spelling(term)


@pytest.mark.parametrize("term", ["klantbeeld", "Back-office koppeling", "B2B-lead a", "x-y-z"])
def test_plain_terms_take_the_shortcut(term: str) -> None:
    assert plain_spelling(term) == _spelling(term)


@pytest.mark.parametrize(
    "term",
    ["a b", "R&D", "a  &  b", "1/1:1", "CRM's", "ict’er", "a\n> b", "x.y", " a ", "klant-\nbeeld"],
)
def test_spellable_terms(term: str) -> None:
    assert spellable(term) and spell(term) is not None


@pytest.mark.parametrize(
    "term", ["", "!!!", "a, b", "a - b", "a' b", "a\n\nb", "a_b", "a  &  & b", "a" * 5000 + ", b"]
)
def test_unspellable_terms(term: str) -> None:
    assert not spellable(term) and spell(term) is None

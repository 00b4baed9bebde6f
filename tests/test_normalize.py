from __future__ import annotations

import pytest

from dikkevandale.normalize import BARRIER, fold, gap_key, spell, split_words


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

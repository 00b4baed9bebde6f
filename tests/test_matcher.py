from __future__ import annotations

import random
from pathlib import Path

import pytest

from dikkevandale.lexicon.layers import load_lexicon
from dikkevandale.lexicon.loader import parse_lexicon
from dikkevandale.matching.matcher import (
    Index,
    _Candidate,
    _resolve,
    compile_index,
    find_matches,
    lookup_concepts,
)
from dikkevandale.model import Lexicon, MatchKind, Number

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="module")
def index() -> Index:
    return compile_index(load_lexicon([DATA / "core.yaml"], builtin=False))


def found(index: Index, text: str, to: str = "it", **options: object) -> list[tuple[str, str, str]]:
    return [(m.text, m.concept, m.kind.value) for m in find_matches(text, index, to, **options)]  # type: ignore[arg-type]


def test_kinds_are_reported(index: Index) -> None:
    assert found(index, "het 360-graden-klantbeeld") == [
        ("360-graden-klantbeeld", "klantbeeld", "exact")
    ]
    assert found(index, "het 360-Graden-Klantbeeld") == [
        ("360-Graden-Klantbeeld", "klantbeeld", "exact")
    ]
    assert found(index, "het 360 graden klantbeeld") == [
        ("360 graden klantbeeld", "klantbeeld", "variant")
    ]
    assert found(index, "de 360-graden-klantbeelden") == [
        ("360-graden-klantbeelden", "klantbeeld", "inflection")
    ]
    assert found(index, "het bezoekrapport") == [("bezoekrapport", "bezoeksrapport", "fuzzy")]


def test_offsets_index_the_original_text(index: Index) -> None:
    text = "Notulen:\r\n> de back-office\r\n> koppeling en het compleet klantbeeld."
    for match in find_matches(text, index, "it"):
        assert text[match.start : match.end] == match.text
    assert [m.text for m in find_matches(text, index, "it")] == [
        "back-office\r\n> koppeling",
        "compleet klantbeeld",
    ]


def test_numbers(index: Index) -> None:
    (single,) = find_matches("de servicebelofte", index, "it")
    (plural,) = find_matches("de servicebeloftes", index, "it")
    assert (single.number, plural.number) == (Number.SINGULAR, Number.PLURAL)


@pytest.mark.parametrize(
    "text",
    [
        "de sla en de sla's",  # case-sensitive acronym in lower case
        "uptimes en bereikbaarheidsmatrix",  # words inside longer words
        "klantgegevens",  # part of a phrase term
        "servicebeloftebeheer",  # term as the first part of a compound
        "het back-office, koppeling",  # a comma is not a hyphen
        "zie https://x.example/back-office-koppeling",
        "de oude romel",  # fuzzy: false
        "de klant-**servicebelofte**",  # emphasis on one part of a compound
        "de *klant*-servicebelofte",
        "de **servicebelofte**-check",
        "de ~~servicebelofte~~-check",
    ],
)
def test_no_false_hits(index: Index, text: str) -> None:
    assert find_matches(text, index, "sales") == [] or all(
        m.audience != "sales" for m in find_matches(text, index, "sales")
    )
    assert found(index, text, "it") == []


def test_an_emphasized_word_is_still_a_word(index: Index) -> None:
    assert (
        found(index, "de **servicebelofte**, ~~servicebelofte~~ en *servicebelofte*-")
        == [("servicebelofte", "sla", "exact")] * 3
    )


def test_target_terms_are_left_alone_and_protect_their_span(index: Index) -> None:
    assert found(index, "de uptime en de SLA", "it") == []
    assert found(index, "de uptime en de SLA", "sales") == [
        ("uptime", "uptime", "exact"),
        ("SLA", "sla", "exact"),
    ]


def test_sources_filter(index: Index) -> None:
    text = "het klantcontactverslag en het bezoeksrapport"
    assert found(index, text, "it", sources=["sales"]) == [
        ("bezoeksrapport", "bezoeksrapport", "exact")
    ]


def test_fuzzy_needs_a_long_term_and_the_threshold(index: Index) -> None:
    assert found(index, "de servicebeloft", "it") == [("servicebeloft", "sla", "fuzzy")]
    assert found(index, "de servicebeloft", "it", fuzzy=False) == []
    assert found(index, "de servicebeloft", "it", threshold=99.0) == []
    # a fuzzy window never drags a neighbouring word along
    assert found(index, "de back-office-koppelingen en meer", "it") == [
        ("back-office-koppelingen", "koppeling", "inflection")
    ]


def test_longest_match_wins() -> None:
    lexicon = Lexicon(
        parse_lexicon(
            "dvd: 1\nlanguage: nl\naudiences: [sales, it]\nconcepts:\n"
            "  - {id: kort, sales: klantbeeld, it: klantdatabase}\n"
            "  - {id: lang, sales: compleet klantbeeld, it: golden record}\n"
        ),
        ("sales", "it"),
    )
    index = compile_index(lexicon)
    assert found(index, "een compleet klantbeeld") == [("compleet klantbeeld", "lang", "exact")]
    assert found(index, "een klantbeeld") == [("klantbeeld", "kort", "exact")]


def test_fuzzy_candidates_come_from_an_index_not_a_scan() -> None:
    rng = random.Random(7)
    syllables = ["klant", "data", "rap", "port", "ver", "koop", "lijst", "be", "heer", "sys", "on"]
    words = sorted({"".join(rng.choice(syllables) for _ in range(4)) for _ in range(3000)})
    terms = "\n".join(f"  - {{id: c{i}, sales: {w}, it: tech{i:04d}}}" for i, w in enumerate(words))
    lexicon = Lexicon(
        parse_lexicon(f"dvd: 1\nlanguage: nl\naudiences: [sales, it]\nconcepts:\n{terms}\n"),
        ("sales", "it"),
    )
    index = compile_index(lexicon)
    # a window is compared with the few terms sharing half its spelling, not with thousands
    sizes = sorted(
        1 if isinstance(keys, str) else len(keys) for keys in index.fuzzy_buckets.values()
    )
    assert sizes[len(sizes) // 2] <= 10
    target = words[1234]
    typo = target[:3] + target[4:]  # drop one letter in the first half
    assert found(index, f"de {typo} is af", "it") == [(typo, "c1234", "fuzzy")]
    typo = target[:-2] + "q" + target[-1]  # replace one letter in the second half
    assert found(index, f"de {typo} is af", "it") == [(typo, "c1234", "fuzzy")]


def test_lookup(index: Index) -> None:
    assert [c.id for c in lookup_concepts("Back office koppelingen", index)] == ["koppeling"]
    assert [c.id for c in lookup_concepts("klantbeeld", index)] == ["klantbeeld"]
    assert [c.id for c in lookup_concepts("servicebeloft", index)] == ["sla"]
    assert lookup_concepts("boterham", index) == []
    assert lookup_concepts("...", index) == []


def test_kind_order() -> None:
    assert [k.rank for k in MatchKind] == [0, 1, 2, 3, 4]
    assert list(MatchKind)[-1] is MatchKind.FUZZY  # a typo loses to every spelled match


def test_the_text_may_split_a_long_word_the_term_joins(index: Index) -> None:
    assert found(index, "het klantcontact verslag", "it") == [
        ("klantcontact verslag", "bezoeksrapport", "variant")
    ]
    # a line-break hyphenation too
    assert found(index, "het klantcontact-\nverslag", "it")[0][1] == "bezoeksrapport"
    # but a short piece is another word: "aan bod" is not "aanbod"
    assert found(index, "de oude rom mel", "it") == []


def test_a_hyphen_may_split_a_word_the_term_joins_anywhere() -> None:
    lexicon = Lexicon(
        parse_lexicon(
            "dvd: 1\nlanguage: en\naudiences: [sales, it]\nconcepts:\n"
            "  - id: mailing\n    sales: customer mailing\n    it: email blast\n"
            "  - id: ecommerce\n    sales: online shop\n    it: ecommerce platform\n"
        ),
        ("sales", "it"),
    )
    index = compile_index(lexicon)
    assert found(index, "Send the e-mail blast.", "sales") == [
        ("e-mail blast", "mailing", "variant")
    ]
    assert found(index, "Our e-commerce platform.", "sales") == [
        ("e-commerce platform", "ecommerce", "variant")
    ]
    # a space is no hyphen: a one-letter word stays a word of its own
    assert found(index, "Send the e mail blast.", "sales", fuzzy=False) == []


def test_a_space_after_a_short_word_stays_a_seam_when_a_hyphen_follows() -> None:
    lexicon = Lexicon(
        parse_lexicon(
            "dvd: 1\nlanguage: en\naudiences: [sales, it]\nconcepts:\n"
            "  - id: board\n    sales: sales overview\n    it: crmdashboard\n"
            "  - id: crm\n    sales: customer platform\n    it: crm system\n"
        ),
        ("sales", "it"),
    )
    index = compile_index(lexicon)
    assert found(index, "the crmdash-board", "sales", fuzzy=False) == [
        ("crmdash-board", "board", "variant")
    ]
    assert found(index, "the crm dash-board", "sales", fuzzy=False) == []


def test_a_typo_is_inside_a_word_not_a_different_ending(index: Index) -> None:
    # a letter left off the end is a typo; another final letter is another word
    assert found(index, "de servicebeloft", "it") == [("servicebeloft", "sla", "fuzzy")]
    assert found(index, "de servicebelofta", "it") == []
    # two letters swapped across the middle of the key are still found
    assert found(index, "het bezoeksarpport", "it") == [
        ("bezoeksarpport", "bezoeksrapport", "fuzzy")
    ]


@pytest.mark.parametrize(
    "text",
    [
        "het 360-gradenklantbeld",  # two of the term's words joined, and a typo
        "het 360 graden klant beld",  # a word split in two, and a typo
        "het 360-grdaen-klantbeeld",  # a typo in a middle word
    ],
)
def test_a_typo_is_found_when_the_text_also_joins_or_splits_words(index: Index, text: str) -> None:
    assert [(concept, kind) for _, concept, kind in found(index, text)] == [("klantbeeld", "fuzzy")]


def test_a_fuzzy_window_does_not_drag_in_an_article(index: Index) -> None:
    matches = find_matches("Kunnen we de servicebelotfe bespreken?", index, "it")
    assert [(m.text, m.kind) for m in matches] == [("servicebelotfe", MatchKind.FUZZY)]


def test_case_sensitive_terms_need_their_capitals_only() -> None:
    lexicon = Lexicon(
        parse_lexicon(
            "dvd: 1\nlanguage: en\naudiences: [sales, it]\nconcepts:\n"
            "  - id: crm\n    sales: customer platform\n"
            "    it: {term: CRM system, case_sensitive: true}\n"
        ),
        ("sales", "it"),
    )
    index = compile_index(lexicon)
    assert found(index, "The CRM System is slow.", "sales") == [("CRM System", "crm", "exact")]
    assert found(index, "The crm system is slow.", "sales") == []


def _greedy(candidates: list[_Candidate], words: int) -> list[_Candidate]:
    """Overlaps settled over the whole text at once, by the candidates' order: what
    `_resolve` must give, cluster by cluster."""
    taken = bytearray(words)
    chosen = []
    for candidate in sorted(candidates, key=lambda c: c.order):
        if taken.find(1, candidate.first, candidate.last + 1) < 0:
            taken[candidate.first : candidate.last + 1] = b"\x01" * (
                candidate.last + 1 - candidate.first
            )
            chosen.append(candidate)
    return sorted(chosen, key=lambda c: c.start)


@pytest.mark.parametrize("seed", range(200))
def test_overlapping_candidates_are_settled_as_over_the_whole_text(seed: int) -> None:
    rnd = random.Random(seed)
    kinds = [MatchKind.EXACT, MatchKind.VARIANT, MatchKind.INFLECTION, MatchKind.FUZZY]
    candidates = []
    for _ in range(rnd.randint(2, 30)):
        first = rnd.randint(0, 40)
        last = first + rnd.randint(0, 3)
        kind = rnd.choice(kinds)
        score = 100.0 if kind is not MatchKind.FUZZY else float(rnd.randint(85, 99))
        candidates.append(
            _Candidate(first, last, first * 10, last * 10 + 5, None, kind, score, False)  # type: ignore[arg-type]
        )
    if rnd.random() < 0.5:  # as the spelled candidates come: in the order of the text
        candidates.sort(key=lambda c: c.first)
    assert _resolve(candidates) == _greedy(candidates, 50)

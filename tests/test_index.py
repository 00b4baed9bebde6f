"""The compiled index: filing rows in bulk and one by one gives the same index."""

from __future__ import annotations

import pickle
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dikkevandale.lexicon.layers import load_lexicon
from dikkevandale.matching import index as index_module
from dikkevandale.matching.index import _STORED, Index, compile_index
from dikkevandale.model import Concept, Lexicon, Term
from dikkevandale.normalize import spell

PARTS = ["klant", "beeld", "offerte", "koppeling", "rapport", "planning", "systeem", "order"]


def generated_lexicon(*, shared: bool = False, repeated: bool = False) -> Lexicon:
    """Terms of made-up compounds and phrases; some spellings `shared` by several rows (two
    audiences, two languages), or a row `repeated` (one concept and audience, two terms
    with the same form)."""
    concepts = []
    for number in range(120):
        first, second, third = (PARTS[(number * k + k) % len(PARTS)] for k in (1, 3, 5))
        sales = (Term(f"{first}{second}{number}"), Term(f"{second}-{third} {number}x"))
        it = (
            Term(f"{third}{first}bak{number}", fuzzy=number % 3 != 0),
            Term(f"AB{number}", case_sensitive=True),
        )
        concepts.append(Concept(f"c{number}", "nl", {"sales": sales, "it": it}))
    if shared:
        both = (Term("klantbeeldscherm"), Term("scherm"))
        concepts.append(Concept("both", "nl", {"sales": both, "it": both}))
        concepts.append(Concept("screens", "en", {"sales": (Term("schermen"),)}))
    if repeated:
        terms = (Term("offerte", forms=(("pl", "offertes"),)), Term("offer", plural="offertes"))
        concepts.append(Concept("twice", "nl", {"sales": terms}))
    return Lexicon(tuple(concepts), ("sales", "it"))


def state(index: Index) -> dict[str, Any]:
    found = dict(zip(_STORED, index.__getstate__(), strict=True))
    found["concepts"] = [repr(concept) for concept in index.concepts]
    for name in ("table", "first_words", "last_words", "fuzzy_buckets", "rules"):
        found[name] = list(found[name].items())  # the order counts too
    return found


def filed_one_by_one(lexicon: Lexicon, monkeypatch: pytest.MonkeyPatch) -> Index:
    with monkeypatch.context() as patch:
        patch.setattr(index_module._Builder, "_file_all", lambda self, columns: False)
        return compile_index(lexicon)


@pytest.mark.parametrize(
    ("lexicon", "in_bulk", "shares"),
    # The built-in lexicons share spellings and, in English, repeat rows: one by one.
    [
        (generated_lexicon(), True, False),
        (generated_lexicon(shared=True), True, True),
        (generated_lexicon(shared=True, repeated=True), False, True),
        (load_lexicon(), False, True),
    ],
    ids=["generated", "shared", "repeated", "builtin"],
)
def test_bulk_filing_gives_the_index_of_filing_one_by_one(
    lexicon: Lexicon, in_bulk: bool, shares: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    bulk: list[bool] = []
    file_all = index_module._Builder._file_all

    def spy(self: Any, columns: list[Any]) -> bool:
        bulk.append(file_all(self, columns))
        return bulk[-1]

    with monkeypatch.context() as patch:
        patch.setattr(index_module._Builder, "_file_all", spy)
        compiled = compile_index(lexicon)
    assert bulk == [in_bulk]
    assert state(compiled) == state(filed_one_by_one(lexicon, monkeypatch))
    assert compiled.fuzzy_buckets and compiled.first_words and compiled.last_words
    assert compiled.max_words > 1
    assert bool(compiled.shared) == shares  # a spelling of concepts of two languages


def test_a_compiled_index_pickles_to_the_same_index() -> None:
    compiled = compile_index(generated_lexicon())
    again = pickle.loads(pickle.dumps(compiled, protocol=pickle.HIGHEST_PROTOCOL))
    assert state(again) == state(compiled)


def test_an_empty_lexicon_compiles() -> None:
    compiled = compile_index(Lexicon((), ()))
    assert not compiled.table and not compiled.fuzzy_buckets and compiled.max_words == 1


@settings(max_examples=2000, deadline=None)
@given(
    st.text(st.sampled_from(list("aZ1 -'é")), max_size=12),
    st.text(st.sampled_from(list("bY2'ë -")), max_size=5),
)
def test_a_form_that_changes_a_terms_last_word_spells_as_spell_does(term: str, last: str) -> None:
    stem, key, raw, boundaries, words = index_module._stem(term)
    if not stem or not (last.isascii() and last.isalnum()):
        return
    assert term.startswith(stem)
    assert spell(stem + last) == (key + last.lower(), raw + last, boundaries, words)


@pytest.mark.skipif(not hasattr(__import__("os"), "fork"), reason="needs os.fork")
@pytest.mark.parametrize("fails", [False, True], ids=["helped", "helper-fails"])
def test_a_helper_compiles_the_same_index(monkeypatch: pytest.MonkeyPatch, fails: bool) -> None:
    from dikkevandale import forked

    lexicon = generated_lexicon(shared=True, repeated=True)
    monkeypatch.setattr(forked, "usable", lambda: True)
    monkeypatch.setattr(index_module, "HELPER_MIN_CONCEPTS", 10)
    if fails:
        monkeypatch.setattr(index_module, "_help", lambda concepts, first: iter([None, 1 / 0]))
    helper = index_module.start_helper(lexicon)
    assert helper is not None and 0 < helper.first < len(lexicon.concepts)
    try:
        helped = compile_index(lexicon, helper)
    finally:
        helper.close()
    assert state(helped) == state(compile_index(lexicon))
    again = pickle.loads(pickle.dumps(helped, protocol=pickle.HIGHEST_PROTOCOL))
    assert state(again) == state(helped)

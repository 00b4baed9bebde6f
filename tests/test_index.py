"""The compiled index: filing rows in bulk and one by one gives the same index."""

from __future__ import annotations

import pickle
from typing import Any

import pytest

from dikkevandale.lexicon.layers import load_lexicon
from dikkevandale.matching import index as index_module
from dikkevandale.matching.index import _STORED, Index, compile_index
from dikkevandale.model import Concept, Lexicon, Term

PARTS = ["klant", "beeld", "offerte", "koppeling", "rapport", "planning", "systeem", "order"]


def generated_lexicon() -> Lexicon:
    """Terms of made-up compounds and phrases, no spelling shared: the bulk path."""
    concepts = []
    for number in range(120):
        first, second, third = (PARTS[(number * k + k) % len(PARTS)] for k in (1, 3, 5))
        sales = (Term(f"{first}{second}{number}"), Term(f"{second}-{third} {number}x"))
        it = (
            Term(f"{third}{first}bak{number}", fuzzy=number % 3 != 0),
            Term(f"AB{number}", case_sensitive=True),
        )
        concepts.append(Concept(f"c{number}", "nl", {"sales": sales, "it": it}))
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
    ("lexicon", "in_bulk"),
    # The built-in lexicons share spellings (across audiences and languages): one by one.
    [(generated_lexicon(), True), (load_lexicon(), False)],
    ids=["generated", "builtin"],
)
def test_bulk_filing_gives_the_index_of_filing_one_by_one(
    lexicon: Lexicon, in_bulk: bool, monkeypatch: pytest.MonkeyPatch
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


def test_a_compiled_index_pickles_to_the_same_index() -> None:
    compiled = compile_index(generated_lexicon())
    again = pickle.loads(pickle.dumps(compiled, protocol=pickle.HIGHEST_PROTOCOL))
    assert state(again) == state(compiled)


def test_an_empty_lexicon_compiles() -> None:
    compiled = compile_index(Lexicon((), ()))
    assert not compiled.table and not compiled.fuzzy_buckets and compiled.max_words == 1

"""Every shipped lexicon loads, is complete, and passes its own examples (prh's specs)."""

from __future__ import annotations

from pathlib import Path

import pytest

from dikkevandale import translate
from dikkevandale.lexicon.layers import builtin_dir, lexicon_files, load_lexicon
from dikkevandale.lexicon.loader import read_lexicon_file
from dikkevandale.matching.domain import EVERYWHERE
from dikkevandale.matching.matcher import Index, compile_index
from dikkevandale.model import Concept
from dikkevandale.normalize import spell

SHIPPED = lexicon_files(builtin_dir())
MINIMUM = {"nl": 150, "en": 100, "pl": 100}


@pytest.fixture(scope="module")
def index() -> Index:
    return compile_index(load_lexicon())


def shipped_concepts() -> list[Concept]:
    return [concept for path in SHIPPED for concept in read_lexicon_file(path)]


def test_the_shipped_lexicons_are_there() -> None:
    languages = {path.parent.name for path in SHIPPED}
    assert {"nl", "en", "pl"} <= languages
    for path in SHIPPED:
        concepts = read_lexicon_file(path)
        assert len(concepts) >= MINIMUM.get(path.parent.name, 1), path


@pytest.mark.parametrize("concept", shipped_concepts(), ids=lambda c: c.id)
def test_concept_is_complete(concept: Concept) -> None:
    assert concept.note, "every shipped concept explains itself"
    assert len(concept.examples) >= 2, "every shipped concept carries two examples or more"
    assert {"sales", "it"} <= set(concept.terms)
    if concept.language == "nl":
        for terms in concept.terms.values():
            for term in terms:
                if not term.case_sensitive:
                    assert term.article in ("de", "het"), f"{term.text} needs an article"


@pytest.mark.parametrize(
    "example",
    [(c.id, e) for c in shipped_concepts() for e in c.examples],
    ids=lambda item: f"{item[0]}:{item[1].location.line if item[1].location else 0}",
)
def test_examples_translate_as_written(index: Index, example: tuple[str, object]) -> None:
    # An example is a sentence about the lexicon's domain, as `dvd lexicon check` reads it.
    _, spec = example
    to = spec.to  # type: ignore[attr-defined]
    result = translate(spec.text, index, to, carry=EVERYWHERE)  # type: ignore[attr-defined]
    assert result.text == spec.expect  # type: ignore[attr-defined]
    assert translate(result.text, index, to, carry=EVERYWHERE).text == result.text


def test_preferred_terms_do_not_chain(index: Index) -> None:
    """A preferred term, translated to its own audience, stays itself: no chains, no loops."""
    for concept in index.concepts:
        for audience in concept.terms:
            preferred = concept.preferred(audience)
            assert preferred is not None
            assert translate(preferred.text, index, audience).text == preferred.text, (
                concept.id,
                audience,
            )


def test_preferred_terms_have_usable_spellings() -> None:
    for concept in shipped_concepts():
        for terms in concept.terms.values():
            for term in terms:
                assert spell(term.text) is not None


def test_builtin_dir_holds_yaml() -> None:
    assert all(isinstance(p, Path) and p.suffix == ".yaml" for p in SHIPPED)

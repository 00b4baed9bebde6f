"""The concept store: a concept comes back from the cache exactly as it went in."""

from __future__ import annotations

import pickle

from dikkevandale.lexicon.layers import load_lexicon
from dikkevandale.matching.store import ConceptStore
from dikkevandale.model import Concept, Example, Location, Term


def test_every_shipped_concept_comes_back_with_its_locations() -> None:
    concepts = load_lexicon().concepts
    again = pickle.loads(pickle.dumps(ConceptStore(concepts), protocol=pickle.HIGHEST_PROTOCOL))
    assert len(again) == len(concepts)
    for concept, back in zip(concepts, again, strict=True):
        # Locations do not count in ==; the pickles show every field.
        assert pickle.dumps(back) == pickle.dumps(concept)


def test_a_concept_with_every_field_comes_back() -> None:
    # Each its own Location, as the loader makes them (pickles show shared objects).
    where, term_at, example_at = (Location("lex.yaml", line, 5) for line in (2, 3, 9))
    term = Term(
        "klantbeeld",
        article="het",
        plural="klantbeelden",
        case_sensitive=True,
        fuzzy=False,
        location=term_at,
        diminutive="klantbeeldje",
        forms=(("pl", "klantbeeldes"),),
        gender="n",
        everyday=True,
        not_in=("het klantbeeld van",),
        needs=("crm*",),
        in_compounds=True,
    )
    concept = Concept(
        "klantbeeld",
        "nl",
        {"sales": (term, Term("klantprofiel")), "it": (Term("klantdata"),)},
        "a note",
        (Example("het klantbeeld", "it", "de klantdata", example_at),),
        where,
        ("crm",),
        ("klant",),
    )
    (back,) = pickle.loads(pickle.dumps(ConceptStore([concept])))
    assert pickle.dumps(back) == pickle.dumps(concept)

"""Concepts kept pickled one by one in the compiled cache, unpickled only when a run needs them.

A translation touches the few concepts it rewrites; unpickling all ten thousand of a big
lexicon (their terms, notes and examples) would be most of a warm start.

A concept is pickled as plain tuples of its fields (see `_plain`) rather than as the model's
objects: pickle calls back into Python for every object it pickles by `__reduce__`, some
84,000 times for 10,000 concepts, which made writing their pickles take half as long again.
"""

from __future__ import annotations

import pickle
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import fields
from operator import attrgetter
from typing import Any, overload

from dikkevandale.model import Concept, Example, Location, Term

_TERM_FIELDS = tuple(item.name for item in fields(Term))
_term_values = attrgetter(*_TERM_FIELDS)
_TERM_LOCATION = _TERM_FIELDS.index("location")


def _where(location: Location | None) -> tuple[str, int, int] | None:
    return None if location is None else (location.path, location.line, location.col)


def _located(where: tuple[str, int, int] | None) -> Location | None:
    return None if where is None else Location(*where)


def _plain_term(term: Term) -> tuple[Any, ...]:
    values = _term_values(term)
    at = _TERM_LOCATION
    return (*values[:at], _where(values[at]), *values[at + 1 :])


def _plain(concept: Concept) -> tuple[Any, ...]:
    """A concept as tuples, strings, numbers and None only, which pickle at C speed."""
    return (
        concept.id,
        concept.language,
        [
            (audience, [_plain_term(term) for term in terms])
            for audience, terms in concept.terms.items()
        ],
        concept.note,
        [(e.text, e.to, e.expect, _where(e.location)) for e in concept.examples],
        _where(concept.location),
        concept.cues,
        concept.hints,
    )


def _rebuilt(plain: tuple[Any, ...]) -> Concept:
    """The concept `_plain` took apart."""
    identifier, language, terms, note, examples, where, cues, hints = plain
    at = _TERM_LOCATION
    return Concept(
        identifier,
        language,
        {
            audience: tuple(
                Term(*values[:at], _located(values[at]), *values[at + 1 :])  # type: ignore[call-arg]
                for values in items
            )
            for audience, items in terms
        },
        note,
        tuple(Example(text, to, expect, _located(w)) for text, to, expect, w in examples),
        _located(where),
        cues,
        hints,
    )


class ConceptStore(Sequence[Concept]):
    """The concepts of an index by number; each is rebuilt from its pickle on first use."""

    def __init__(self, concepts: Iterable[Concept] = (), blobs: list[bytes] | None = None) -> None:
        """`blobs`, when given, are the concepts pickled already (each by `pickled`)."""
        self._objects: list[Concept | None] = list(concepts)
        self._blobs: list[bytes] = blobs if blobs and len(blobs) == len(self._objects) else []
        self.ids = [concept.id for concept in self._objects if concept is not None]
        self.positions = {concept_id: n for n, concept_id in enumerate(self.ids)}

    def __len__(self) -> int:
        return len(self.ids)

    @overload
    def __getitem__(self, number: int) -> Concept: ...

    @overload
    def __getitem__(self, number: slice) -> list[Concept]: ...

    def __getitem__(self, number: int | slice) -> Concept | list[Concept]:
        if isinstance(number, slice):
            return [self[n] for n in range(len(self))[number]]
        concept = self._objects[number]
        if concept is None:
            concept = _rebuilt(pickle.loads(self._blobs[number]))
            self._objects[number] = concept
        return concept

    def __iter__(self) -> Iterator[Concept]:
        return (self[n] for n in range(len(self)))

    @staticmethod
    def pickled(concept: Concept) -> bytes:
        """One concept as the store keeps it in a pickle."""
        return pickle.dumps(_plain(concept), protocol=pickle.HIGHEST_PROTOCOL)

    def __getstate__(self) -> tuple[list[str], list[bytes]]:
        if len(self._blobs) == len(self._objects):
            return self.ids, self._blobs
        blobs = [
            self.pickled(concept) if concept is not None else self._blobs[n]
            for n, concept in enumerate(self._objects)
        ]
        return self.ids, blobs

    def __setstate__(self, state: tuple[list[str], list[bytes]]) -> None:
        self.ids, self._blobs = state
        self._objects = [None] * len(self.ids)
        self.positions = {concept_id: n for n, concept_id in enumerate(self.ids)}


class ConceptsById(Mapping[str, Concept]):
    """The same concepts by id, without rebuilding any until one is asked for."""

    def __init__(self, store: ConceptStore) -> None:
        self.store = store

    def __getitem__(self, concept_id: str) -> Concept:
        store = self.store
        number = store.positions[concept_id]
        # Asked for every rewrite: an unpickled concept is taken without a second call.
        return store._objects[number] or store[number]

    def __iter__(self) -> Iterator[str]:
        return iter(self.store.ids)

    def __len__(self) -> int:
        return len(self.store)

    def __contains__(self, concept_id: Any) -> bool:
        return concept_id in self.store.positions

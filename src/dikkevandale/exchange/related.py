"""Which concepts are related, derived from what the lexicon already says.

The lexicon format has no `see:` field, and the glossary should not need one: two concepts are
related when their terms share a distinctive word ("klantbeeld" in "360-graden-klantbeeld"
and "klantbeeldmodule"). Short words, numbers ("de", "van", "360") and words that many
concepts use ("customer", "record") link nothing. (Notes were tried too: they name everyday
terms such as "customer" so often that every concept ended up related to every other.)

>>> from dikkevandale.model import Concept, Term
>>> a = Concept("a", "nl", {"sales": (Term("360-graden-klantbeeld"),)})
>>> b = Concept("b", "nl", {"sales": (Term("klantbeeldmodule"),)})
>>> c = Concept("c", "nl", {"it": (Term("interface"),)})
>>> related_concepts([a, b, c])
{'a': ('b',), 'b': ('a',), 'c': ()}
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from dikkevandale.model import Concept
from dikkevandale.normalize import fold

MIN_WORD = 5
"""Shorter words (articles, prepositions, "data", "crm") would link everything."""
MAX_RELATED = 8
MAX_SHARING = 3
"""A word in more concepts than this is too common to relate them."""
MIN_COMPOUND = 6
"""A word at least this long relates the compounds that contain it."""

_WORD = re.compile(r"[^\W\d_]+")


def _words(concept: Concept) -> set[str]:
    return {
        word
        for terms in concept.terms.values()
        for term in terms
        for word in _WORD.findall(fold(term.text))
        if len(word) >= MIN_WORD
    }


def _word_links(concepts: Sequence[Concept]) -> set[tuple[str, str]]:
    """Pairs of concepts (of one language) whose terms share a distinctive word, or where one's
    word is part of the other's compound ("klantbeeld" in "klantbeeldmodule"). A word that
    more than MAX_SHARING concepts use ("customer", "record") says nothing and links nothing."""
    holders: dict[str, set[str]] = {}
    for concept in concepts:
        for word in _words(concept):
            holders.setdefault(word, set()).add(concept.id)
    distinctive = [word for word, ids in holders.items() if len(ids) <= MAX_SHARING]
    links: set[tuple[str, str]] = set()
    for word in distinctive:
        ids = set(holders[word])
        if len(word) >= MIN_COMPOUND:
            ids.update(i for other, owners in holders.items() if word in other for i in owners)
        if len(ids) > MAX_SHARING * 2:
            continue
        links.update((a, b) for a in ids for b in ids if a != b)
    return links


def related_concepts(concepts: Sequence[Concept]) -> dict[str, tuple[str, ...]]:
    """For each concept id, the ids of related concepts of the same language, in lexicon
    order, at most MAX_RELATED; the relation is symmetric."""
    found: dict[str, set[str]] = {concept.id: set() for concept in concepts}
    for language in {concept.language for concept in concepts}:
        same = [concept for concept in concepts if concept.language == language]
        for a, b in _word_links(same):
            found[a].add(b)
    order = {concept.id: number for number, concept in enumerate(concepts)}
    return {
        key: tuple(sorted(ids, key=order.__getitem__)[:MAX_RELATED]) for key, ids in found.items()
    }

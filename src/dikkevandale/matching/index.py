"""The compiled index: every spelling of every term, keyed for lookups, built once and cached.

Every term and every generated form is reduced to a spelling key (see `normalize`), so
"back-office-koppeling", "backoffice koppeling" and "Back-office-koppelingen" are all one
dictionary lookup away. Typos are found through buckets keyed by half a key, so no window is
ever scored against every term. The tables are shaped for the compiled-lexicon cache: plain
tuples and shared strings unpickle fast.
"""

from __future__ import annotations

import sys
from bisect import bisect_left
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple, cast

from dikkevandale.languages.inflection import forms
from dikkevandale.matching.store import ConceptsById, ConceptStore
from dikkevandale.model import Concept, Lexicon
from dikkevandale.normalize import WORD, fold, spell

FUZZY_MIN_LENGTH = 8
"""Keys shorter than this are never fuzzy-matched: short words have too many neighbours."""

SPLIT_MIN = 4
"""A word the lexicon writes joined may be split in the text ("agenda synchronisatie") when
both parts have at least this many letters: "aan bod" is not "aanbod"."""


class Entry(NamedTuple):
    """One spelling of one term, as stored under its key in the index.

    A plain named tuple: a large index holds hundreds of thousands of these, and tuples
    unpickle several times faster than dataclasses.
    """

    concept: int
    audience: str
    form: str
    label: str
    boundaries: frozenset[int]
    raw: str
    """The spelling with its capitals, kept only for a case-sensitive term ("" otherwise)."""
    fuzzy: bool
    language: str

    @property
    def inflected(self) -> bool:
        return self.label not in _BASE_LABELS

    @property
    def case_sensitive(self) -> bool:
        return bool(self.raw)


_BASE_LABELS = frozenset({"sg", "nom.sg"})


class EntryTable(dict[str, Sequence[Entry]]):
    """Spelling key → entries, pickled as plain tuples and made Entry on first look-up.

    Plain tuples unpickle at C speed; named tuples call Python code once each, which for a
    large lexicon is most of a warm start. A run looks up only the keys its text contains.
    """

    def __getitem__(self, key: str) -> Sequence[Entry]:
        found: Any = dict.__getitem__(self, key)
        if type(found) is tuple and found:
            if type(found[0]) is int:  # one entry, stored flat
                found = (Entry._make(found),)
            elif type(found[0]) is tuple:
                found = tuple(map(Entry._make, found))
            else:
                return cast("Sequence[Entry]", found)
            dict.__setitem__(self, key, found)
        return cast("Sequence[Entry]", found)

    peek = dict.get
    """The stored value at C speed: entries, or the plain tuples not yet made entries."""

    def get(self, key: str, default: Any = None) -> Any:
        return self[key] if dict.__contains__(self, key) else default

    def __reduce__(self) -> Any:
        items = (
            (key, tuple(found[0]) if len(found) == 1 else tuple(map(tuple, found)))
            for key, found in dict.items(self)
        )
        return (EntryTable, (), None, None, items)


@dataclass(slots=True)
class Index:
    """Everything the scanner needs, built once from a lexicon by `compile_index`."""

    concepts: Sequence[Concept]
    audiences: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    languages: frozenset[str] = frozenset()
    by_id: Mapping[str, Concept] = field(default_factory=dict)
    first_words: dict[str, int] = field(default_factory=dict)
    """First word of a fuzzy term of several words → the most words such a term has."""
    last_words: dict[str, int] = field(default_factory=dict)
    """Last word of a fuzzy term of several words → the most words such a term has."""
    fuzzy_memo: dict[Any, Any] = field(default_factory=dict, compare=False, repr=False)
    fuzzy_misses: set[str] = field(default_factory=set, compare=False, repr=False)
    """Window keys that can never be a typo of a term: short, a term's own key, or no bucket."""
    plain_words: set[str] = field(default_factory=set, compare=False, repr=False)
    """Word keys known to start no term, to start one, or to begin a term's word, long or
    short (memos of the run)."""
    opening_words: set[str] = field(default_factory=set, compare=False, repr=False)
    splitting_words: set[str] = field(default_factory=set, compare=False, repr=False)
    hyphened_words: set[str] = field(default_factory=set, compare=False, repr=False)
    entries: EntryTable = field(default_factory=EntryTable)
    prefixes: set[str] = field(default_factory=set)
    sorted_prefixes: tuple[str, ...] = ()
    """`prefixes` in order, to ask once per word whether some term begins with it."""
    max_words: int = 1
    fuzzy_buckets: dict[str, str | Sequence[str]] = field(default_factory=dict)
    fuzzy_words: frozenset[int] = frozenset()

    def begins_term_word(self, key: str, rest: int = SPLIT_MIN) -> bool:
        """Whether some term has a word that begins with `key` and goes on for `rest` letters.

        A text may write one word of a term as two ("agenda synchronisatie", "e-mail"); only
        such a word can start a term without being a prefix of one itself.
        """
        wanted = len(key) + rest
        ordered = self.sorted_prefixes
        for at in range(bisect_left(ordered, key), len(ordered)):
            known = ordered[at]
            if not known.startswith(key):
                return False
            if len(known) >= wanted:
                return True
        return False

    def add(self, key: str, entry: Entry, words: int) -> None:
        bucket = cast("list[Entry]", self.entries.setdefault(key, []))
        if entry not in bucket:
            # Lexicon terms come before generated forms, so a real term wins a key collision.
            bucket.append(entry)
            bucket.sort(key=lambda known: known.inflected)
        for cut in (*entry.boundaries, len(key)):
            self.prefixes.add(key[:cut])
        self.max_words = max(self.max_words, words)


def compile_index(lexicon: Lexicon) -> Index:
    """Build the lookup tables for every form of every term of every concept."""
    shared: dict[frozenset[int], frozenset[int]] = {}  # one object per distinct value
    store = ConceptStore(lexicon.concepts)
    index = Index(
        store,
        lexicon.audiences,
        lexicon.sources,
        frozenset(concept.language for concept in lexicon.concepts),
        ConceptsById(store),
    )
    fuzzy_words: set[int] = set()
    for number, concept in enumerate(lexicon.concepts):
        language = sys.intern(concept.language)
        for audience, terms in concept.terms.items():
            audience = sys.intern(audience)  # noqa: PLW2901 - one shared string
            for term in terms:
                labels_seen: set[str] = set()
                for surface, label, _ in forms(term, concept.language):
                    spelling = spell(surface)
                    if spelling is None:
                        continue
                    fuzzy = term.fuzzy and not term.case_sensitive
                    entry = Entry(
                        number,
                        audience,
                        surface,
                        sys.intern(label),
                        shared.setdefault(spelling.boundaries, spelling.boundaries),
                        spelling.raw if term.case_sensitive else "",
                        fuzzy,
                        language,
                    )
                    index.add(spelling.key, entry, spelling.words)
                    # Typos are looked for in each form's first spelling, not in diminutives or
                    # alternative rule spellings: they would multiply the fuzzy tables.
                    first_of_label = label not in labels_seen
                    labels_seen.add(label)
                    if (
                        fuzzy
                        and first_of_label
                        and not label.startswith("dim")
                        and len(spelling.key) >= FUZZY_MIN_LENGTH
                    ):
                        fuzzy_words.add(spelling.words)
                        _add_fuzzy(index, spelling.key)
                        if spelling.words > 1:
                            # One typo leaves the first or the last word of a term intact.
                            found = WORD.findall(surface)
                            for edge, longest in (
                                (fold(found[0]), index.first_words),
                                (fold(found[-1]), index.last_words),
                            ):
                                longest[edge] = max(longest.get(edge, 0), spelling.words)
    index.fuzzy_words = frozenset(fuzzy_words)
    index.sorted_prefixes = tuple(sorted(index.prefixes))
    # Tuples are smaller than lists and quicker to unpickle; the tables are final now.
    index.entries = EntryTable((key, tuple(found)) for key, found in index.entries.items())
    # Most buckets hold one key: store that string itself rather than a one-item tuple.
    index.fuzzy_buckets = {
        key: keys[0] if len(keys) == 1 else tuple(keys) for key, keys in index.fuzzy_buckets.items()
    }
    return index


def halves(key: str) -> tuple[str, str, str]:
    half = len(key) // 2
    return "<" + key[:half], ">" + key[half:], "(" + key[: half - 1]


def _add_fuzzy(index: Index, key: str) -> None:
    # One typo leaves one half of the key intact: a window is looked up by its first half and by
    # its second half. An insertion or deletion moves the middle by one, so each term is filed
    # under the halves of its own length and of one letter more and less. Two letters swapped
    # across the middle break both halves: the first half less its last letter is still intact
    # ("(" buckets). Buckets hold keys only; the entries are in `index.entries`.
    for length in (len(key) - 1, len(key), len(key) + 1):
        half = length // 2
        bucket_keys = ["<" + key[:half], ">" + key[len(key) - (length - half) :]]
        if length == len(key):
            bucket_keys.append("(" + key[: half - 1])
        for bucket_key in bucket_keys:
            keys = cast("list[str]", index.fuzzy_buckets.setdefault(bucket_key, []))
            if not keys or keys[-1] != key:
                keys.append(key)

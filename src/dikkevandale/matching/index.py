"""The compiled index: every spelling of every term, keyed for lookups, built once and cached.

Every term and every generated form is reduced to a spelling key (see `normalize`), so
"back-office-koppeling", "backoffice koppeling" and "Back-office-koppelingen" are all one
dictionary lookup away. Typos are found through buckets keyed by half a key, so no window is
ever scored against every term.

An `Index` is immutable once built and holds nothing a run writes to (the per-run memos live in
`matching.memo`), so one index serves any number of threads and pickles as it is. Its rows are
kept in columns (one list per field) rather than as objects: a 10,000-concept lexicon has some
170,000 spellings, and columns of shared strings and small integers pickle and unpickle at C
speed, where as many small objects would cost most of a cold compile and of a warm start.
"""

from __future__ import annotations

import sys
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from dikkevandale import languages
from dikkevandale.collector import paused
from dikkevandale.languages.inflection import forms
from dikkevandale.matching.rules import NO_WORDS, Rule, WordSet, compile_rule, word_set
from dikkevandale.matching.store import ConceptsById, ConceptStore
from dikkevandale.model import Concept, Lexicon, Term
from dikkevandale.normalize import NO_BOUNDARIES, plain_spelling, spell

if TYPE_CHECKING:
    from dikkevandale.forked import Child

FUZZY_MIN_LENGTH = 8
"""Keys shorter than this are never fuzzy-matched: short words have too many neighbours."""

SPLIT_MIN = 4
"""A word the lexicon writes joined may be split in the text ("agenda synchronisatie") when
both parts have at least this many letters: "aan bod" is not "aanbod"."""


class Entry(NamedTuple):
    """One spelling of one term, as found under its key in the index."""

    concept: int
    audience: str
    form: str
    label: str
    boundaries: frozenset[int]
    raw: str
    """The spelling with its capitals, kept only for a case-sensitive term ("" otherwise)."""
    fuzzy: bool
    language: str
    in_compounds: bool = False
    """The term may also be found as part of a hyphenated compound ("SLA-rapportage")."""

    @property
    def inflected(self) -> bool:
        return self.label not in _BASE_LABELS

    @property
    def case_sensitive(self) -> bool:
        return bool(self.raw)


_BASE_LABELS = frozenset({"sg", "nom.sg"})

_COLUMNS = ("concept", "audience", "form", "label", "boundaries", "raw", "flags", "language")
_FUZZY, _IN_COMPOUNDS = 1, 2
"""Bits of the `flags` column: one small integer per row, all rows in one `bytes`."""
_STORED = (
    "concepts",
    "audiences",
    "sources",
    "table",
    "_columns",
    "sorted_prefixes",
    "max_words",
    "first_words",
    "last_words",
    "fuzzy_buckets",
    "fuzzy_words",
    "rules",
    "cues",
    "shared",
    "hints",
)
"""What an index pickles; `_derive` rebuilds the rest."""


class Index:
    """Everything the scanner needs, built once from a lexicon by `compile_index`.

    `table` maps a spelling key to the row (an int) or rows (a tuple) of its entries, lexicon
    spellings before generated forms; `lookup` gives them as `Entry` tuples. `rules` holds the
    context rules of the few terms that have any, by `(concept id, audience, form)` as a
    `Match` names them, `cues` the lexicons' domain cue words by language and `hints` their
    weaker cue words (see `matching.domain`, `cues_for` and `hints_for`).
    """

    __slots__ = (
        "__weakref__",
        "_columns",
        "_shared_cues",
        "_shared_hints",
        "audiences",
        "by_id",
        "concepts",
        "cues",
        "first_words",
        "fuzzy_buckets",
        "fuzzy_words",
        "hints",
        "languages",
        "last_words",
        "max_words",
        "prefixes",
        "rules",
        "shared",
        "sorted_prefixes",
        "sources",
        "table",
    )

    def __init__(
        self,
        concepts: ConceptStore,
        audiences: tuple[str, ...],
        sources: tuple[str, ...],
        table: dict[str, int | tuple[int, ...]],
        columns: tuple[list[Any], ...],
        sorted_prefixes: tuple[str, ...],
        max_words: int,
        first_words: dict[str, int],
        last_words: dict[str, int],
        fuzzy_buckets: dict[str, str | tuple[str, ...]],
        fuzzy_words: frozenset[int],
        rules: dict[tuple[str, str, str], Rule] | None = None,
        cues: dict[str, WordSet] | None = None,
        shared: frozenset[int] = frozenset(),
        hints: dict[str, WordSet] | None = None,
    ) -> None:
        self.concepts = concepts
        self.audiences = audiences
        self.sources = sources
        self.table = table
        self._columns = columns
        self.sorted_prefixes = sorted_prefixes
        """Every key prefix at which a term may go on, in order (see `begins_term_word`)."""
        self.max_words = max_words
        self.first_words = first_words
        """First word of a fuzzy term of several words → the most words such a term has."""
        self.last_words = last_words
        """Last word of a fuzzy term of several words → the most words such a term has."""
        self.fuzzy_buckets = fuzzy_buckets
        self.fuzzy_words = fuzzy_words
        self.rules: dict[tuple[str, str, str], Rule] = rules or {}
        self.cues: dict[str, WordSet] = cues or {}
        self.hints: dict[str, WordSet] = hints or {}
        self.shared = shared
        """Concepts one of whose spellings another language's concept also has: they say
        nothing about a text's language (see `matcher._language_of_terms`)."""
        self._derive()

    def _derive(self) -> None:
        """Fields rebuilt from the others rather than stored twice (in memory and in pickles)."""
        self.prefixes = frozenset(self.sorted_prefixes)
        self.by_id: Mapping[str, Concept] = ConceptsById(self.concepts)
        self.languages = frozenset(self._columns[7])
        # A paragraph whose language is unclear may only count a cue every language has: the
        # Dutch cue "IT" is the English word "it".
        self._shared_cues = _shared(self.cues)
        self._shared_hints = _shared(self.hints)

    def cues_for(self, language: str | None) -> WordSet:
        """The cue words of the lexicons in `language`, or those every language has."""
        if language is None:
            return self._shared_cues
        return self.cues.get(language, NO_WORDS)

    def hints_for(self, language: str | None) -> WordSet:
        """The hint words (weaker cue words) of the lexicons in `language`, or those every
        language has."""
        if language is None:
            return self._shared_hints
        return self.hints.get(language, NO_WORDS)

    def __getstate__(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in _STORED)

    def __setstate__(self, state: tuple[Any, ...]) -> None:
        for name, value in zip(_STORED, state, strict=True):
            setattr(self, name, value)
        self._derive()

    def lookup(self, key: str) -> tuple[Entry, ...]:
        """The entries spelled `key`, lexicon spellings first; () when there are none."""
        rows = self.table.get(key)
        if rows is None:
            return ()
        if type(rows) is int:
            return (self.entry(rows),)
        return tuple(map(self.entry, rows))  # type: ignore[arg-type]

    def entry(self, row: int) -> Entry:
        concept, audience, form, label, boundaries, raw, flags, language = self._columns
        return Entry(
            concept[row],
            audience[row],
            form[row],
            label[row],
            boundaries[row],
            raw[row],
            bool(flags[row] & _FUZZY),
            language[row],
            bool(flags[row] & _IN_COMPOUNDS),
        )

    def spellings(self) -> Iterator[str]:
        """Every spelling key, in the order the lexicon gave them."""
        return iter(self.table)

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


def _shared(by_language: dict[str, WordSet]) -> WordSet:
    """The words and prefixes that every language's set holds."""
    if not by_language:
        return NO_WORDS
    words = set.intersection(*(set(found.words) for found in by_language.values()))
    prefixes = set.intersection(*(set(found.prefixes) for found in by_language.values()))
    return WordSet(frozenset(words), tuple(sorted(prefixes)))


def compile_index(lexicon: Lexicon, helper: Helper | None = None) -> Index:
    """Build the lookup tables for every form of every term of every concept.

    With a `helper` (see `start_helper`), a forked copy of this process spells the forms of
    the later half of the concepts meanwhile; the index is the same either way.

    >>> from dikkevandale.model import Concept, Lexicon, Term
    >>> concept = Concept("klantbeeld", "nl", {"sales": (Term("klantbeeld"),)})
    >>> [entry.label for entry in compile_index(Lexicon((concept,), ("sales",))).lookup(
    ...     "klantbeelden")]
    ['pl']
    """
    builder = _Builder()
    concepts = lexicon.concepts
    with paused():
        cues: dict[str, set[str]] = {}
        hints: dict[str, set[str]] = {}
        for concept in concepts:
            language = sys.intern(concept.language)
            cues.setdefault(language, set()).update(concept.cues)
            hints.setdefault(language, set()).update(concept.hints)
            for audience, terms in concept.terms.items():
                for term in terms:
                    if term.has_context:
                        builder.add_rule(concept.id, sys.intern(audience), language, term)
        builder.cues = {language: word_set(words) for language, words in cues.items() if words}
        builder.hints = {language: word_set(words) for language, words in hints.items() if words}
        first = len(concepts) if helper is None else helper.first
        _add_terms(builder, concepts, 0, first)
        if helper is not None:
            helped = helper.child.next()
            if helped is None:  # the helper failed: its half is spelled here
                _add_terms(builder, concepts, first, len(concepts))
            else:
                builder.more, cut_prefixes = helped
                builder.cut_prefixes += cut_prefixes
        return builder.finish(lexicon, helper)


def _add_terms(builder: _Builder, concepts: Sequence[Concept], start: int, stop: int) -> None:
    """Spell the forms of the terms of concepts `start` to `stop` into candidate rows."""
    for number in range(start, stop):
        concept = concepts[number]
        language = sys.intern(concept.language)
        for audience, terms in concept.terms.items():
            audience = sys.intern(audience)  # noqa: PLW2901 - one shared string
            for term in terms:
                builder.add_term(number, audience, language, term)


HELPER_MIN_CONCEPTS = 2000
"""Smaller lexicons compile in one process: a helper would cost more than it saves."""
_HELPER_GROUPS = 1 << 40
"""The helper numbers its typo groups from here, apart from those of this process."""


class Helper:
    """A forked copy of this process (see `forked`) that spells the forms of the terms of the
    concepts from `first` on while this process does those before (about half of them),
    then pickles every concept as the cache keeps them (see `ConceptStore`), again while
    this process files the rows: some 0.25 s of a 10,000-concept lexicon's cold start taken
    off its path."""

    def __init__(self, child: Child, first: int) -> None:
        self.child = child
        self.first = first

    def close(self) -> None:
        self.child.close()


def start_helper(lexicon: Lexicon) -> Helper | None:
    """A helper for compiling `lexicon` (to pass to `compile_index`, then close), or None
    when the lexicon is small or no child can be forked here (see `forked.usable`)."""
    concepts = lexicon.concepts
    if len(concepts) < HELPER_MIN_CONCEPTS:
        return None
    for concept in concepts:
        languages.get(concept.language)  # imported here, before the fork, not in the child
    # The helper takes a little less than half: it also pickles its rows to send them,
    # and this process waited some 0.04 s for them with an even split.
    first = len(concepts) * 11 // 20
    from dikkevandale import forked  # only a cold compile of a big lexicon gets here

    child = forked.start(lambda: _help(concepts, first))
    return None if child is None else Helper(child, first)


def _help(concepts: Sequence[Concept], first: int) -> Iterator[Any]:
    """The helper's work: the rows of its half as columns, then every concept pickled."""
    builder = _Builder()
    builder.groups = _HELPER_GROUPS
    _add_terms(builder, concepts, first, len(concepts))
    yield [list(column) for column in zip(*builder.candidates, strict=True)], builder.cut_prefixes
    yield [ConceptStore.pickled(concept) for concept in concepts]


class _Builder:
    """Collects rows for `compile_index`; the hot loop of a cold start, so kept flat.

    Each term's forms are spelled into candidate rows first (`add_term`); `finish` files them.
    Filing is a few bulk operations on whole columns, with the few keys that several rows
    share settled key by key (`_file_shared`); only when a row repeats another under its key
    (two terms of one concept and audience with the same form) are all rows filed one by one
    (`_file_each`), which leaves the repeats out.
    """

    def __init__(self) -> None:
        # (concept, audience, form, label, boundaries, raw, flags, language: as _COLUMNS;
        #  key, inflected, words, group): `group` numbers a label's spellings that may be
        #  looked for with typos (0: none may), so that the first of them can be told.
        self.candidates: list[tuple[Any, ...]] = []
        self.more: list[list[Any]] = []  # candidates that a helper spelled, as columns
        self.groups = 0
        self.rows: list[tuple[Any, ...]] = []
        self.table: dict[str, Any] = {}
        self.cut_prefixes: list[str] = []  # each key up to each of its cuts (see `_prefixes`)
        self.max_words = 1
        self.first_words: dict[str, int] = {}
        self.last_words: dict[str, int] = {}
        self.buckets: dict[str, Any] = {}  # one key as itself, more in a list (then a tuple)
        self.shared_buckets: list[tuple[str, list[str]]] = []  # the buckets of several keys
        self.collisions: list[str] = []  # the keys filed under more than one row
        self.fuzzy_words: set[int] = set()
        self.shared: dict[Any, Any] = {}  # one object per distinct boundary set and label
        self.rules: dict[tuple[str, str, str], Rule] = {}
        self.cues: dict[str, WordSet] = {}
        self.hints: dict[str, WordSet] = {}

    def add_rule(self, concept: str, audience: str, language: str, term: Term) -> None:
        rule = compile_rule(term, language)
        if rule is not None:
            for surface, _, _ in forms(term, language):
                self.rules.setdefault((concept, audience, surface), rule)

    def add_term(self, number: int, audience: str, language: str, term: Any) -> None:
        fuzzy = term.fuzzy and not term.case_sensitive
        flags = (_FUZZY if fuzzy else 0) | (_IN_COMPOUNDS if term.in_compounds else 0)
        keep_raw = term.case_sensitive
        add, shared = self.candidates.append, self.shared
        grammar = languages.get(language)
        base = grammar.base_label
        stem, stem_key, stem_raw, stem_cuts, stem_words = _stem(term.text)
        if stem_cuts:
            stem_cuts = shared.setdefault(stem_cuts, stem_cuts)
        cut_prefixes = self.cut_prefixes
        stem_prefixed = False  # every form spelled from the stem has the stem's cut prefixes
        # The same spellings in the same order as `inflection.forms`, label by label.
        for label, surfaces in grammar.labelled_forms(term).items():
            inflected = label != base
            label = shared.setdefault(label, label)  # noqa: PLW2901 - one shared string
            # Typos are looked for in each label's first spelling, not in diminutives or
            # alternative rule spellings: they would multiply the fuzzy tables.
            group = 0
            if fuzzy and not label.startswith("dim"):
                self.groups += 1
                group = self.groups
            for surface in surfaces:
                if surface.isascii() and surface.isalnum():
                    # One plain word, half of all forms: `spell` would give the same. A key
                    # that is its surface is kept as that very string, pickled only once.
                    key = surface if surface.islower() else surface.lower()
                    raw, cuts, words = surface, NO_BOUNDARIES, 1
                elif (
                    stem
                    and surface.startswith(stem)
                    and (last := surface[len(stem) :]).isalnum()
                    and last.isascii()
                ):
                    # The term's own words with another last word, most forms of a term of
                    # several words: `spell` would give the same (see `_stem`).
                    key, raw = stem_key + last.lower(), stem_raw + last
                    cuts, words = stem_cuts, stem_words
                    if not stem_prefixed:
                        cut_prefixes += [stem_key[:cut] for cut in cuts]
                        stem_prefixed = True
                else:
                    spelling = spell(surface)
                    if spelling is None:
                        continue
                    key, raw, cuts, words = spelling
                    if cuts:
                        cuts = shared.setdefault(cuts, cuts)
                        cut_prefixes += [key[:cut] for cut in cuts]
                add(
                    (
                        number,
                        audience,
                        surface,
                        label,
                        cuts,
                        raw if keep_raw else "",
                        flags,
                        language,
                        key,
                        inflected,
                        words,
                        group,
                    )
                )

    def _file_all(self, columns: list[Any]) -> bool:
        """File every row, column by column; False (nothing filed) if a row repeats another
        under its key, which only `_file_each` leaves out."""
        keys, cuts, words, groups = columns[8], columns[4], columns[10], columns[11]
        # A repeated key keeps the place of its first row; `_file_shared` gives its rows.
        table = dict(zip(keys, range(len(keys)), strict=True))
        self.table = table
        if len(table) != len(keys) and not self._file_shared(columns):
            self.table = {}
            return False
        self.max_words = max(1, max(words, default=1))
        add_fuzzy = self._add_fuzzy
        # A row is its group's first when the row before it is of another group.
        for key, at, count, group, before in zip(
            keys, cuts, words, groups, (0, *groups), strict=False
        ):
            if group and group != before and len(key) >= FUZZY_MIN_LENGTH:
                add_fuzzy(key, at, count)
        return True

    def _file_shared(self, columns: list[Any]) -> bool:
        """File the rows of the keys that several rows share, as `_file_each` would; False if
        two of them are the same row (concept, audience, form and label)."""
        keys = columns[8]
        repeated = {key for key, count in Counter(keys).items() if count > 1}
        rows_of: dict[str, list[int]] = {}
        for row in [row for row, key in enumerate(keys) if key in repeated]:
            rows_of.setdefault(keys[row], []).append(row)
        same = columns[0:4]
        for rows in rows_of.values():
            if len({tuple(column[row] for column in same) for row in rows}) < len(rows):
                return False
        label_of, inflected = columns[3].__getitem__, columns[9]
        for key, rows in rows_of.items():
            self.table[key] = rows[0]
            for row in rows[1:]:
                self._file_second(key, self.table[key], row, inflected[row], label_of)
        return True

    def _file_each(self) -> None:
        """File the rows one by one: a key may hold several rows, and a row repeated under
        its key (same concept, audience, form and label) is left out."""
        rows, table = self.rows, self.table
        max_words = self.max_words
        led = 0  # the last group that had a row filed
        for candidate in self.candidates:
            number, audience, surface, label, cuts, _, _, _, key, inflected, words, group = (
                candidate
            )
            row = len(rows)
            known = table.setdefault(key, row)
            if known != row:  # rows filed before are numbered lower; several: a tuple
                if self._duplicate(known, number, audience, surface, label):
                    continue
                self._file_second(key, known, row, inflected, lambda other: rows[other][3])
            rows.append(candidate[:8])
            max_words = max(max_words, words)
            if group and group != led and len(key) >= FUZZY_MIN_LENGTH:
                self._add_fuzzy(key, cuts, words)
            led = group
        self.max_words = max_words

    def _duplicate(self, known: Any, number: int, audience: str, form: str, label: str) -> bool:
        rows = self.rows
        return any(
            rows[row][:4] == (number, audience, form, label)
            for row in ((known,) if type(known) is int else known)
        )

    def _file_second(
        self, key: str, known: Any, row: int, inflected: bool, label_of: Callable[[int], str]
    ) -> None:
        """Add a row under a key that has rows already: lexicon spellings stay in front, so a
        real term wins a key collision with a generated form."""
        rows = [known] if type(known) is int else list(known)
        if inflected:
            rows.append(row)
        else:
            position = next(
                (at for at, other in enumerate(rows) if label_of(other) not in _BASE_LABELS),
                len(rows),
            )
            rows.insert(position, row)
        if type(known) is int:
            self.collisions.append(key)
        self.table[key] = tuple(rows)

    def _add_fuzzy(self, key: str, cuts: frozenset[int], words: int) -> None:
        # One typo leaves one half of the key intact: a window is looked up by its first half
        # and by its second half. An insertion or deletion moves the middle by one, so each
        # term is filed under the halves of its own length and of one letter more and less:
        # the middle at `half` and at `other`. Two letters swapped across the middle break
        # both halves: the first half less its last letter is still intact ("(" buckets).
        # Buckets hold keys; the entries are in `table`.
        self.fuzzy_words.add(words)
        file = self.buckets.setdefault
        half = len(key) // 2
        other = half - 1 if len(key) % 2 == 0 else half + 1
        for bucket_key in (
            "<" + key[:half],
            "<" + key[:other],
            ">" + key[half:],
            ">" + key[other:],
            "(" + key[: half - 1],
        ):
            keys = file(bucket_key, key)
            if keys is key:
                continue
            if isinstance(keys, str):
                if keys != key:
                    self.buckets[bucket_key] = keys = [keys, key]
                    self.shared_buckets.append((bucket_key, keys))
            elif keys[-1] != key:
                keys.append(key)
        if words > 1:
            # One typo leaves the first or the last word of a term intact. The first cut of
            # a key ends its first word and the last begins its last (a kept "&" or "/" has
            # a cut on either side).
            first, last = key[: min(cuts)], key[max(cuts) :]
            if self.first_words.get(first, 0) < words:
                self.first_words[first] = words
            if self.last_words.get(last, 0) < words:
                self.last_words[last] = words

    def finish(self, lexicon: Lexicon, helper: Helper | None = None) -> Index:
        columns: list[Any] = [list(column) for column in zip(*self.candidates, strict=True)]
        if not columns:
            columns = [[] for _ in range(12)]
        for column, more in zip(columns, self.more, strict=False):
            column.extend(more)
        if not self._file_all(columns):
            self.candidates += zip(*self.more, strict=True)
            self._file_each()
            columns = [list(column) for column in zip(*self.rows, strict=True)]
        columns = columns[:8] if columns else [[] for _ in _COLUMNS]
        shared = self._shared_concepts(columns[0], columns[7])
        # Most buckets hold one key: stored as that string itself, not a one-item tuple.
        buckets = self.buckets
        for bucket_key, keys in self.shared_buckets:
            buckets[bucket_key] = tuple(keys)
        prefixes = self._prefixes()
        # Freed now, the rows and lists are never walked by the cyclic collector, which runs
        # once the compile is over and would otherwise visit each of them.
        self.candidates, self.rows, self.cut_prefixes, self.more = [], [], [], []
        self.buckets, self.shared_buckets = {}, []
        columns[6] = bytes(columns[6])  # small flags as one small object
        blobs = helper.child.next() if helper is not None else None
        return Index(
            ConceptStore(lexicon.concepts, blobs),
            lexicon.audiences,
            lexicon.sources,
            self.table,
            tuple(columns),
            prefixes,
            self.max_words,
            self.first_words,
            self.last_words,
            buckets,
            frozenset(self.fuzzy_words),
            self.rules,
            self.cues,
            shared,
            self.hints,
        )

    def _prefixes(self) -> tuple[str, ...]:
        """Every key and each key up to each of its cuts, in order, for `begins_term_word`.

        Sorted from the keys in the order they were filed, which holds runs that are in order
        already (a term's forms: "klantbeeld", "klantbeelden", "klantbeeldje"), rather than
        from a set: the sort is a third faster.
        """
        ordered = list(self.table)
        ordered += dict.fromkeys(self.cut_prefixes).keys() - self.table.keys()
        return tuple(sorted(ordered))

    def _shared_concepts(self, concept_of: list[int], language_of: list[str]) -> frozenset[int]:
        """Concepts with a spelling that a concept of another language has too."""
        table = self.table
        shared: set[int] = set()
        for key in self.collisions:
            found = table[key]
            if len({language_of[row] for row in found}) > 1:
                shared.update(concept_of[row] for row in found)
        return frozenset(shared)


def _stem(text: str) -> tuple[str, str, str, frozenset[int], int]:
    """A plain ASCII term of several words up to its last word ("klant beeld" -> "klant "),
    with the key, raw spelling, boundaries and word count `spell` gives the whole term; ""
    and empties for any other term.

    `spell` of the stem followed by any ASCII word is then the stem's key and raw spelling
    followed by that word, with the term's boundaries and word count: the stem's words stay
    words, and the new last word adds no boundary. Most forms of such a term change only its
    last word, and spelling them this way is several times cheaper than `spell`.
    """
    start = max(text.rfind(" "), text.rfind("-")) + 1
    if not start or not text.isascii():
        return "", "", "", NO_BOUNDARIES, 0
    spelling = plain_spelling(text)
    if spelling is None:
        return "", "", "", NO_BOUNDARIES, 0
    last = len(text) - start
    key, raw, boundaries, words = spelling
    return text[:start], key[:-last], raw[:-last], boundaries, words


def halves(key: str) -> tuple[str, str, str]:
    """The bucket keys a window of text is looked up by (see `_Builder._add_fuzzy`)."""
    half = len(key) // 2
    return "<" + key[:half], ">" + key[half:], "(" + key[: half - 1]


def bucket_keys(buckets: Mapping[str, str | Sequence[str]], bucket: str) -> Sequence[str]:
    """The term keys filed under one bucket key, however they are stored."""
    found = buckets.get(bucket, ())
    return (found,) if isinstance(found, str) else found

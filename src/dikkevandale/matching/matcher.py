"""Finding terms in text: the compiled index (see `index`) looked up word window by window.

Scanning never scores every window against every term: a window is extended only while its
key is a prefix of some term, and fuzzy candidates come from buckets keyed by half a key.
Matches are then resolved so that no two overlap.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from itertools import pairwise
from typing import NamedTuple

from dikkevandale.languages.detect import detect_language
from dikkevandale.languages.inflection import number_of
from dikkevandale.languages.text import TAG_REACH
from dikkevandale.matching.fuzzy import fuzzy_hits, similarity
from dikkevandale.matching.identifiers import Identifiers, without_identifiers
from dikkevandale.matching.index import (
    FUZZY_MIN_LENGTH,
    SPLIT_MIN,
    Entry,
    Index,
    compile_index,
)
from dikkevandale.matching.memo import Memo
from dikkevandale.matching.protect import find_regions
from dikkevandale.matching.store import ConceptStore
from dikkevandale.matching.suppress import quiet_ranges
from dikkevandale.model import (
    NO_SUPPRESSION,
    Concept,
    Match,
    MatchKind,
    Suppressed,
    Suppression,
)
from dikkevandale.normalize import (
    Words,
    composed,
    gap_key,
    needs_composing,
    spell,
    split_words,
)

__all__ = [
    "DEFAULT_THRESHOLD",
    "FUZZY_MIN_LENGTH",
    "Index",
    "Scan",
    "compile_index",
    "find_matches",
    "lookup_concepts",
    "scan",
    "similarity",
    "term_spans",
]

DEFAULT_THRESHOLD = 90.0
"""Fuzzy similarity (rapidfuzz ratio, 0-100) below which a near-spelling is not a term."""


class _Candidate(NamedTuple):
    first: int
    last: int
    start: int
    end: int
    entry: Entry
    kind: MatchKind
    score: float
    keep: bool
    labels: tuple[str, ...] = ()

    @property
    def order(self) -> tuple[bool, float, int, int, float, int]:
        # Fuzzy matches only fill what real spellings leave free, and among themselves the
        # closest spelling wins before the longest: a window that drags a neighbouring word
        # along ("koppelingen en") always scores worse than the word alone.
        fuzzy = self.kind is MatchKind.FUZZY
        return (
            fuzzy,
            -self.score if fuzzy else 0.0,
            self.start - self.end,
            self.kind.rank,
            -self.score,
            self.start,
        )


class Scan(NamedTuple):
    """What one scan of a text found: the matches to rewrite, those a directive silences, the
    directives in force at the end of the text (for the next paragraph of a stream), the terms
    already in the target audience (`kept`, unless the scan was asked to leave them out), the
    words, and the language the terms were taken from (None: any)."""

    matches: list[Match]
    suppressed: list[Suppressed]
    after: Suppression
    kept: list[Match]
    words: Words
    language: str | None


def find_matches(
    text: str,
    index: Index,
    to: str,
    sources: Collection[str] | None = None,
    *,
    fuzzy: bool = True,
    threshold: float = DEFAULT_THRESHOLD,
    language: str | None = None,
    memo: Memo | None = None,
    markdown: bool = True,
) -> list[Match]:
    """Terms of the source audiences in `text` that should be rewritten for `to`, leftmost first.

    Terms already in the `to` audience are found too and protect their span, so translating
    twice changes nothing. Only concepts in the text's `language` are used (detected from the
    text when not given, and not narrowed when unclear or when no lexicon has that language):
    an English lexicon must not put English words into a Dutch note. Code, markup, addresses
    and identifiers are never matched (`markdown`: the text may be Markdown; see `protect`),
    and a term silenced by a `dvd off` or `dvd-ignore` directive is not returned (see `scan`).

    `memo` carries what earlier scans with this index learnt (one per thread; see `Memo`);
    without it each call starts afresh, which is correct but slower on a stream of texts.

    Decomposed (NFD) text is matched in its composed form; the offsets and text of each match
    are those of the original.

    >>> from dikkevandale.lexicon.layers import load_builtin
    >>> index = compile_index(load_builtin())
    >>> [m.concept for m in find_matches("Het 360-graden-klantbeeld is af.", index, "it")]
    ['klantbeeld']
    """
    return scan(
        text,
        index,
        to,
        sources,
        fuzzy=fuzzy,
        threshold=threshold,
        language=language,
        memo=memo,
        markdown=markdown,
        kept=False,
    ).matches


def scan(
    text: str,
    index: Index,
    to: str,
    sources: Collection[str] | None = None,
    *,
    fuzzy: bool = True,
    threshold: float = DEFAULT_THRESHOLD,
    language: str | None = None,
    memo: Memo | None = None,
    markdown: bool = True,
    at_start: bool = True,
    suppression: Suppression = NO_SUPPRESSION,
    kept: bool = True,
) -> Scan:
    """`find_matches`, also returning the matches that directives silence, the directives in
    force at the end, and what the context rules (`matching.domain`) look at besides.
    `at_start`: `text` opens a document (front matter may stand there); `suppression`: the
    directives in force where `text` starts (see `suppress`); `kept=False` leaves out the
    terms already in the target audience's words: only the context rules look at them.

    Decomposed (NFD) text is matched in its composed form, and soft hyphens and zero-width
    spaces inside words are passed over; the offsets and text of each match are those of the
    original.
    """
    if needs_composing(text):
        normal, origins = composed(text)
        result = scan(
            normal,
            index,
            to,
            sources,
            fuzzy=fuzzy,
            threshold=threshold,
            language=language,
            memo=memo,
            markdown=markdown,
            at_start=at_start,
            suppression=suppression,
            kept=kept,
        )

        def back(match: Match) -> Match:
            start, end = origins[match.start], origins[match.end]
            return match._replace(start=start, end=end, text=text[start:end])

        return Scan(
            [back(match) for match in result.matches],
            [quiet._replace(match=back(quiet.match)) for quiet in result.suppressed],
            result.after,
            [back(match) for match in result.kept],
            result.words,
            result.language,
        )
    if memo is None or memo.index is not index:
        memo = Memo(index)
    memo.trim()
    regions = find_regions(text, markdown=markdown, at_start=at_start)
    spans = regions.spans
    quieting = None
    # Nearly every paragraph holds no directive and inherits none: two cheap tests settle it.
    if suppression is not NO_SUPPRESSION or "dvd" in text:
        quieting = quiet_ranges(text, regions.code, suppression)
        if quieting.directives:
            spans = sorted([*spans, *quieting.directives])
    words = split_words(text, spans)
    hits = _spelled_hits(text, words, index, memo)
    if hits:
        hits = without_identifiers(text, hits)
    if language is None and len(index.languages) > 1 and (hits or fuzzy):
        # Nothing found and no typos to look for: the language would not change anything.
        language = detect_language(
            _outside_terms(words.keys, hits), among=index.languages
        ) or _language_of_terms(hits, index.shared)
    if language not in index.languages:
        language = None
    candidates = _spelled_candidates(text, hits, to, sources, language)
    if fuzzy and index.fuzzy_buckets:
        # Fuzzy matches only fill the gaps real spellings leave: settle those first, so that
        # no window over a term already found is ever scored.
        candidates = _resolve(candidates)
        taken = bytearray(len(words.keys))
        for found in candidates:
            taken[found.first : found.last + 1] = b"\x01" * (found.last + 1 - found.first)
        fuzzy_found = [
            _Candidate(first, last, start, end, entry, MatchKind.FUZZY, score, keep, labels)
            for first, last, start, end, entry, score, keep, labels in fuzzy_hits(
                text, words, taken, index, memo, (to, sources, threshold, language)
            )
            if not _inside_compound(text, start, end)
        ]
        if fuzzy_found:
            identifiers = Identifiers(text)
            candidates += [
                found for found in fuzzy_found if not identifiers.around(found.start, found.end)
            ]
    concepts = index.concepts
    ids = concepts.ids if isinstance(concepts, ConceptStore) else [c.id for c in concepts]
    resolved = _resolve(candidates)
    # Made inline, not by a function per term: this is the hot loop of a big termbase.
    matches = [
        Match(
            found.start,
            found.end,
            text[found.start : found.end],
            ids[found.entry.concept],
            found.entry.audience,
            found.entry.form,
            number_of(found.entry.label),
            found.kind,
            found.score,
            found.labels or (found.entry.label,),
        )
        for found in resolved
        if not found.keep
    ]
    in_target = [_match(text, found, ids) for found in resolved if found.keep] if kept else []
    if quieting is None:
        return Scan(matches, [], NO_SUPPRESSION, in_target, words, language)
    silenced, suppressed = quieting.split(matches)
    return Scan(silenced, suppressed, quieting.after, in_target, words, language)


def _match(text: str, found: _Candidate, ids: Sequence[str]) -> Match:
    entry = found.entry
    return Match(
        found.start,
        found.end,
        text[found.start : found.end],
        ids[entry.concept],
        entry.audience,
        entry.form,
        number_of(entry.label),
        found.kind,
        found.score,
        found.labels or (entry.label,),
    )


def term_spans(text: str, index: Index, memo: Memo | None = None) -> list[tuple[int, int]]:
    """Where a spelling of any term of any audience and language stands in `text`, in code
    or not: the places a cut for length must not part (see `cuts`)."""
    if memo is None or memo.index is not index:
        memo = Memo(index)
    hits = _spelled_hits(text, split_words(text, []), index, memo)
    return [(start, end) for _, _, start, end, _ in hits]


def _window_raw(text: str, words: Words, first: int, last: int) -> str:
    start, end = words.span(first, last)
    spelling = spell(text[start:end])
    return spelling.raw if spelling else ""


def _pick(
    entries: Sequence[Entry], to: str, sources: Collection[str] | None
) -> tuple[Entry | None, bool]:
    """The entry to act on, and whether the span is already in the target audience.

    A spelling that several languages share, in a text whose language is unclear, is left
    alone: "accountmanager" alone does not say whether a Dutch or an English word belongs there.
    """
    chosen: Entry | None = None
    for entry in entries:
        if entry.audience == to:
            return entry, True
        if chosen is None and (sources is None or entry.audience in sources):
            chosen = entry
    if (
        len(entries) > 1
        and chosen is not None
        and any(entry.language != chosen.language for entry in entries)
    ):
        return None, False
    return chosen, False


_JOINERS = "-\u2010\u2011_"


_MARKS = "*~"
"""Emphasis and strikethrough markers, which may stand inside a compound ("360-graden-**klant
beeld**") without making its parts separate words; so may inline HTML tags."""

_EDGES = frozenset(f"{_JOINERS}{_MARKS}<>")
"""What may stand right next to a part of a compound."""


def _inside_compound(text: str, start: int, end: int) -> bool:
    """Whether the span is only part of a compound ("SLA" in "SLA-rapportage", "klant_id"),
    also where Markdown emphasis or an HTML tag marks one part ("360-graden-**klantbeeld**",
    "360-graden-<b>klantbeeld</b>")."""
    if text[start - 1 : start] not in _EDGES and text[end : end + 1] not in _EDGES:
        return False  # between spaces or punctuation, as nearly every term stands
    at = _past_marks_back(text, start)
    if at >= 2 and text[at - 1] in _JOINERS:
        at = _past_marks_back(text, at - 1)
        if at > 0 and text[at - 1].isalnum():
            return True
    at = _past_marks_ahead(text, end)
    if at < len(text) and text[at] in _JOINERS:
        at = _past_marks_ahead(text, at + 1)
        return at < len(text) and text[at].isalnum()
    return False


def _past_marks_back(text: str, at: int) -> int:
    while at > 0:
        if text[at - 1] in _MARKS:
            at -= 1
        elif text[at - 1] == ">" and (opening := text.rfind("<", max(0, at - TAG_REACH), at)) >= 0:
            if ">" in text[opening : at - 1]:
                break
            at = opening
        else:
            break
    return at


def _past_marks_ahead(text: str, at: int) -> int:
    length = len(text)
    while at < length:
        if text[at] in _MARKS:
            at += 1
        elif text[at] == "<" and (closing := text.find(">", at, at + TAG_REACH)) >= 0:
            if "<" in text[at + 1 : closing]:
                break
            at = closing + 1
        else:
            break
    return at


def _in_compound(text: str, start: int, end: int) -> bool:
    """Whether a span inside a compound is a part a term may be found as: the compound is
    joined by hyphens, not underscores ("klant_id" is an identifier, not a word)."""
    return text[start - 1 : start] != "_" and text[end : end + 1] != "_"


_Hit = tuple[int, int, int, int, Sequence[Entry]]
"""A window of words whose key is a spelling in the index: first and last word, start and end
offset, and the entries that fit it. A plain tuple: there is one for every term in a text."""


_HYPHENS = ("-", "\u2010", "\u2011")


def _splits_word(words: Words, at: int) -> bool:
    """Whether words `at` and `at + 1` may be one word of a term that the text wrote apart.

    A hyphen joins any two parts ("e-mail" is "email"); a space only two long words: "aan bod"
    is not "aanbod", "agenda synchronisatie" is "agendasynchronisatie".
    """
    keys, separator = words.keys, words.separators[at + 1]
    if separator in _HYPHENS:
        return True
    return (
        len(keys[at]) >= SPLIT_MIN and len(keys[at + 1]) >= SPLIT_MIN and gap_key(separator) == ""
    )


def _openers(words: Words, index: Index, memo: Memo) -> list[int]:
    """Where a term may start: at a word that begins one, or at the first half of a term's
    word that the text splits in two ("agenda synchronisatie", "e-mail") when the next word
    completes it.

    Most words start no term, and texts repeat their words: each word is judged once per run
    and remembered, so a paragraph costs about one set lookup per word.
    """
    plain, joining = memo.plain, memo.joining
    keys, separators, prefixes = words.keys, words.separators, index.prefixes
    last = len(keys) - 1
    found: list[int] = []
    for at in [at for at, key in enumerate(keys) if key not in plain]:
        key = keys[at]
        if key in prefixes:
            found.append(at)
            continue
        anywhere = joining.get(key)
        if anywhere is None:
            if len(key) >= SPLIT_MIN and index.begins_term_word(key):
                anywhere = True
            elif len(key) < SPLIT_MIN and index.begins_term_word(key, 1):
                anywhere = False  # a short first half joins the next word only at a hyphen
            else:
                plain.add(key)
                continue
            joining[key] = anywhere
        if (
            at < last
            and (anywhere or separators[at + 1] in _HYPHENS)
            and key + keys[at + 1] in prefixes
        ):
            found.append(at)
    return found


def _spelled_hits(text: str, words: Words, index: Index, memo: Memo) -> list[_Hit]:
    """Every window of words, from each opener on, whose key is a spelling in the index."""
    keys, separators = words.keys, words.separators
    prefixes, table, longest = index.prefixes, index.table, 2 * index.max_words
    found: list[_Hit] = []
    count = len(keys)
    lookup = memo.lookup
    for first in _openers(words, index, memo):
        key = keys[first]
        last = first
        if key not in prefixes:  # the first half of a split word (see _openers)
            if not _splits_word(words, first):
                continue
            key += keys[first + 1]
            last = first + 1
        seams: list[int] = []  # where the text splits, which the term must split too
        while True:
            if key in table:
                entries: Sequence[Entry] = lookup(key)
                # The text may join what the term splits; it may split what the term joins
                # only between long words (_splits_word).
                if seams or len(entries) > 1 or entries[0].raw:
                    entries = [
                        entry
                        for entry in entries
                        if entry.boundaries.issuperset(seams)
                        and (
                            not entry.case_sensitive
                            or _same_capitals(entry.raw, text, words, first, last)
                        )
                    ]
                if entries:
                    start, end = words.span(first, last)
                    if _inside_compound(text, start, end):
                        # Part of a compound: only terms that opt in ("SLA" in "SLA-rapportage").
                        entries = [
                            e for e in entries if e.in_compounds and _in_compound(text, start, end)
                        ]
                    if entries:
                        found.append((first, last, start, end, entries))
            following = last + 1
            if following >= count or following - first >= longest:
                break
            after = following  # the first word after the seam between `last` and it
            gap = gap_key(separators[after])
            if gap is None:
                break
            extended = f"{key}{gap}{keys[after]}"
            if extended not in prefixes:
                if after + 1 >= count:
                    break
                extended += keys[after + 1]
                if extended not in prefixes or not _splits_word(words, after):
                    break
                following += 1
            # Between two long words or at a hyphen the term may be joined ("agenda
            # synchronisatie", "e-mail").
            if gap or (
                (len(keys[last]) < SPLIT_MIN or len(keys[after]) < SPLIT_MIN)
                and separators[after] not in _HYPHENS
            ):
                seams.append(len(key))
            if gap:
                seams.append(len(key) + len(gap))
            key = extended
            last = following
    return found


def _same_capitals(raw: str, text: str, words: Words, first: int, last: int) -> bool:
    """A case-sensitive term's capitals must be in the text; its lowercase letters may not be.

    "CRM system" is found in "CRM System" but not in "crm system".
    """
    window = _window_raw(text, words, first, last)
    if len(window) != len(raw):
        return False
    return all(
        written == wanted if wanted.isupper() else written.lower() == wanted
        for written, wanted in zip(window, raw, strict=True)
    )


def _outside_terms(keys: list[str], hits: list[_Hit]) -> list[str]:
    """The words that stand in no term found: a text's language is judged by them alone.

    A translation puts other terms in (a target term may hold "op" and "van"); were their
    words counted, translating the output again could judge another language and rewrite
    what the first pass left alone.
    """
    if not hits:
        return keys
    covered = bytearray(len(keys))
    for first, last, *_ in hits:
        covered[first : last + 1] = b"\x01" * (last + 1 - first)
    return [key for key, inside in zip(keys, covered, strict=True) if not inside]


def _language_of_terms(hits: list[_Hit], shared: frozenset[int]) -> str | None:
    """The language most terms in the text belong to, counting only concepts none of whose
    spellings another language shares: a term and its translation then vote alike, so a
    second translation decides as the first did."""
    votes: dict[str, int] = {}
    reach = -1  # the last word the hits so far reach, in order of first word, longest first
    for _, last, _, _, entries in sorted(hits, key=lambda hit: (hit[0], -hit[1])):
        if last <= reach:
            continue  # a word inside a longer term ("pipeline" in "widok pipeline"): not a term
        reach = last
        languages = {entry.language for entry in entries}
        if len(languages) == 1 and not any(entry.concept in shared for entry in entries):
            (language,) = languages
            votes[language] = votes.get(language, 0) + 1
    ranked = sorted(votes.items(), key=lambda item: item[1], reverse=True)
    if ranked and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
        return ranked[0][0]
    return None


def _spelled_candidates(
    text: str,
    hits: list[_Hit],
    to: str,
    sources: Collection[str] | None,
    language: str | None,
) -> list[_Candidate]:
    found: list[_Candidate] = []
    for first, last, start, end, spelled in hits:
        entries = spelled
        if language is not None:
            entries = [entry for entry in spelled if entry.language == language]
        picked, keep = _pick(entries, to, sources)
        if picked is None:
            continue
        entry = picked
        if entry.in_compounds and _inside_compound(text, start, end):
            kind = MatchKind.COMPOUND
        elif entry.inflected:
            kind = MatchKind.INFLECTION
        elif text[start:end].casefold() == entry.form.casefold():
            kind = MatchKind.EXACT
        else:
            kind = MatchKind.VARIANT
        if len(entries) == 1:
            labels: tuple[str, ...] = (entry.label,)
        else:
            written = text[start:end].casefold()
            # One spelling can stand for several forms ("wdrożenia": gen.sg, nom.pl, acc.pl).
            # Keys fold diacritics, which in Polish tell cases apart ("alokacja",
            # "alokacją"): the forms written exactly as in the text decide, when there are any.
            same = [
                other
                for other in entries
                if other.concept == entry.concept and other.audience == entry.audience
            ]
            exact = [other for other in same if other.form.casefold() == written]
            labels = tuple(dict.fromkeys(other.label for other in exact or same))
        found.append(_Candidate(first, last, start, end, entry, kind, 100.0, keep, labels))
    return found


def _resolve(candidates: list[_Candidate]) -> list[_Candidate]:
    """No overlapping edits: the longest wins, then the better kind, the higher score, leftmost.

    A fuzzy candidate never overlaps a spelled-out one, so fuzzy windows are settled last.
    Candidates are settled a cluster at a time (those that overlap, directly or through
    others): what one cluster keeps never depends on another, and a long text holds many
    small clusters rather than one to sort whole.
    """
    if len(candidates) < 2 or all(one.last < after.first for one, after in pairwise(candidates)):
        return candidates  # in order and apart: the common case, nothing to choose
    ordered = candidates
    if any(one.first > after.first for one, after in pairwise(candidates)):
        ordered = sorted(candidates, key=_first)
    chosen: list[_Candidate] = []
    cluster = [ordered[0]]
    reach = ordered[0].last
    for candidate in ordered[1:]:
        if candidate.first > reach:
            chosen += _settled(cluster)
            cluster = [candidate]
        else:
            cluster.append(candidate)
        reach = max(reach, candidate.last)
    chosen += _settled(cluster)
    return chosen


def _first(candidate: _Candidate) -> int:
    return candidate.first


def _settled(cluster: list[_Candidate]) -> list[_Candidate]:
    """The candidates of one cluster that stay, in the order of the text."""
    if len(cluster) == 1:
        return cluster
    base = cluster[0].first
    taken = bytearray(max(c.last for c in cluster) + 1 - base)
    chosen: list[_Candidate] = []
    for candidate in sorted(cluster, key=lambda c: c.order):
        first, after = candidate.first - base, candidate.last + 1 - base
        if taken.find(1, first, after) >= 0:
            continue
        taken[first:after] = b"\x01" * (after - first)
        chosen.append(candidate)
    chosen.sort(key=lambda c: c.start)
    return chosen


def lookup_concepts(word: str, index: Index, *, limit: int = 5) -> list[Concept]:
    """Concepts named by `word` in any audience: its own spellings first, then near ones.

    >>> from dikkevandale.lexicon.layers import load_builtin
    >>> [c.id for c in lookup_concepts("klantbeelden", compile_index(load_builtin()))][:1]
    ['klantbeeld']
    """
    from rapidfuzz import fuzz, process

    spelling = spell(word)
    if spelling is None:
        return []
    found: dict[int, None] = {}
    for entry in index.lookup(spelling.key):
        found.setdefault(entry.concept)
    if not found:
        for key in index.spellings():
            if spelling.key in key:
                for entry in index.lookup(key):
                    found.setdefault(entry.concept)
    if not found:
        for key, _score, _position in process.extract(
            spelling.key,
            list(index.spellings()),
            scorer=fuzz.ratio,
            processor=None,
            score_cutoff=80,
            limit=limit,
        ):
            for entry in index.lookup(key):
                found.setdefault(entry.concept)
    return [index.concepts[number] for number in list(found)[:limit]]

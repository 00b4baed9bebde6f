"""Typo matching: one typo means one typo.

A window of text is a term with a typo when it is close by rapidfuzz's ratio (`--threshold`)
*and* at most one edit away (Damerau–Levenshtein: a letter added, dropped, changed or two
swapped; two edits for a term longer than 12 letters), when the difference is not a negating
prefix or suffix ("unsubscribe", "klantontevredenheid", "non-production": the opposite, not a
typo), and when no word of the window that differs from the term is itself a word of the term's
language ("lunch date" is not "launch date", "zgodę na kontrakt" not "na kontakt", and the
compound "contractformulier" not "contactformulier": see `Language.is_word`).

Windows are cheap to reject: most share no half of their key with any term (see the index's
buckets), are remembered as misses, and only the few that land in a bucket are scored.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Collection, Sequence
from functools import cache
from itertools import compress
from typing import Any

from dikkevandale import languages
from dikkevandale.languages.detect import STOPWORDS
from dikkevandale.matching.index import FUZZY_MIN_LENGTH, Entry, Index, halves
from dikkevandale.matching.memo import Memo
from dikkevandale.normalize import Words, gap_key

SHORT_TERM = 12
"""Terms up to this many letters take one edit; longer ones two."""

_UNSCORED = object()
_HYPHENS = ("-", "\u2010", "\u2011")

Setting = tuple[str, Collection[str] | None, float, str | None]
"""What a fuzzy look depends on besides the text: to, sources, threshold, language."""

Hit = tuple[int, int, int, int, Entry, float, bool, tuple[str, ...]]
"""first word, last word, start, end, entry, score, already in the target, labels."""


@cache
def _rapidfuzz() -> tuple[Any, Any, Any, Any]:
    """rapidfuzz's modules, imported on the first fuzzy look rather than at start-up."""
    from rapidfuzz import fuzz, process
    from rapidfuzz.distance import DamerauLevenshtein, Levenshtein

    return fuzz, process, DamerauLevenshtein, Levenshtein


@cache
def _edge_words() -> frozenset[str]:
    # A fuzzy window that starts or ends with an article or preposition has dragged a
    # neighbour in.
    return frozenset().union(*STOPWORDS.values())


def fuzzy_hits(
    text: str, words: Words, taken: bytearray, index: Index, memo: Memo, setting: Setting
) -> list[Hit]:
    """Windows of the text that are a fuzzy term, outside the `taken` words."""
    buckets = index.fuzzy_buckets
    # Texts repeat their words: remember what a window scored, for this run's settings.
    scores = memo.fuzzy
    to, sources, threshold, language = setting
    remembered_setting = (to, tuple(sources) if sources is not None else None, language, threshold)
    found: list[Hit] = []
    misses = memo.fuzzy_misses
    for first, last, key in _windows(words, taken, index, memo):
        word_ends = _word_ends(words, first, last) if last > first else frozenset((len(key),))
        remembered = (key, word_ends, remembered_setting)
        best = scores.get(remembered, _UNSCORED)
        if best is _UNSCORED:
            # Most windows share no half with any term: three dict lookups settle them.
            bucketed = [
                (b,) if isinstance(b, str) else b
                for b in map(buckets.get, halves(key))
                if b is not None
            ]
            if not bucketed:
                misses.add(key)  # texts repeat their words: settle this one once
                continue
            best = _best(key, bucketed, memo, setting, word_ends)
            scores[remembered] = best
        if best is not None:
            entry, score, keep, labels = best
            found.append(
                (first, last, words.starts[first], words.ends[last], entry, score, keep, labels)
            )
    return found


def _windows(
    words: Words, taken: bytearray, index: Index, memo: Memo
) -> list[tuple[int, int, str]]:
    """The `(first, last, key)` windows worth a fuzzy look, sized like some fuzzy term.

    A single word must be long and unknown; a window of several words must not begin or end
    with a stopword (unless the term itself does, hyphenated: "out-of-the-box-..."), and must
    start with a term's first word or end with a term's last word.
    """
    keys, table, misses = words.keys, index.table, memo.fuzzy_misses
    edge_words = _edge_words()
    count = len(keys)
    windows: list[tuple[int, int, str]] = []
    if 1 in index.fuzzy_words:
        for at in [at for at, key in enumerate(keys) if key not in misses]:
            key = keys[at]
            if taken[at]:
                continue
            if len(key) < FUZZY_MIN_LENGTH or key in table:
                misses.add(key)
            else:
                windows.append((at, at, key))
    # One typo leaves the first or the last word of a term intact: a window of several words
    # runs forward from a term's first word, or back from a term's last word. The text may
    # also join two of the term's words or split one ("360-gradenklantbeld", "usterka w
    # systemie"), so windows run from two words to one more than the longest such term.
    separators, seen = words.separators, set()
    for edges, step in ((index.first_words, 1), (index.last_words, -1)):
        for at in compress(range(count), map(edges.__contains__, keys)):
            if taken[at]:
                continue
            inner = at + 1 if step > 0 else at
            if keys[at] in edge_words and not (0 < inner < count and separators[inner] in _HYPHENS):
                continue
            key, end = keys[at], at
            for _ in range(edges[keys[at]]):
                following = end + step
                if not 0 <= following < count or taken[following]:
                    break
                gap = gap_key(separators[max(end, following)])
                if gap is None:
                    break
                key = f"{key}{gap}{keys[following]}" if step > 0 else f"{keys[following]}{gap}{key}"
                end = following
                span = (at, end) if step > 0 else (end, at)
                if keys[end] in edge_words or span in seen:
                    continue
                seen.add(span)
                if key in misses:
                    continue
                if len(key) < FUZZY_MIN_LENGTH or key in table:
                    misses.add(key)
                else:
                    windows.append((*span, key))
    return windows


def _best(
    key: str,
    bucketed: Sequence[Sequence[str]],
    memo: Memo,
    setting: Setting,
    word_ends: frozenset[int],
) -> tuple[Entry, float, bool, tuple[str, ...]] | None:
    fuzz, process, _, _ = _rapidfuzz()
    to, sources, threshold, language = setting
    best: tuple[Entry, float, bool, tuple[str, ...]] | None = None
    fewest = 3  # edits of the best so far: at equal scores the closer spelling wins
    for keys in bucketed:
        for known, score, _ in process.extract(
            key, keys, scorer=fuzz.ratio, processor=None, score_cutoff=threshold, limit=4
        ):
            if best is not None and score < best[1]:
                continue
            if _only_endings_differ(key, known, word_ends):
                continue
            entries = memo.lookup(known)
            for entry in entries:
                if not entry.fuzzy or (language is not None and entry.language != language):
                    continue
                keep = entry.audience == to
                if not (keep or sources is None or entry.audience in sources):
                    continue
                edits = one_typo(key, known, word_ends, entry)
                if edits is None or (best is not None and score == best[1] and edits >= fewest):
                    break
                fewest = edits
                labels = tuple(
                    dict.fromkeys(
                        other.label
                        for other in entries
                        if other.concept == entry.concept and other.audience == entry.audience
                    )
                )
                best = (entry, score, keep, labels)
                break
    return best


def one_typo(window: str, known: str, word_ends: frozenset[int], entry: Entry) -> int | None:
    """How many edits the window is from the term `known` (a key), when that is one slip
    (two in a long term) and not another word; None otherwise."""
    _, _, damerau, levenshtein = _rapidfuzz()
    if window.count("'") != known.count("'"):
        return None  # a possessive ("the customer's organisation") is grammar, not a slip
    bound = 1 if len(known) <= SHORT_TERM else 2
    distance: int = damerau.distance(window, known, score_cutoff=bound)
    if distance > bound:
        return None
    grammar = languages.get(entry.language)
    operations = levenshtein.editops(window, known)
    negations = grammar.negations + grammar.negating_suffixes
    if negations and _negated(window, known, negations, operations):
        return None
    # The window's words that hold an edit must not be words of their own ("lunch date"),
    # nor a negated word of the term ("niestandardowa" in "funkcjonalnosc standardowa").
    ends = sorted(word_ends)
    words = _split(window, ends)
    touched = [
        words[min(at, len(words) - 1)]
        for at in {bisect_right(ends, op.src_pos) for op in operations}
    ]
    if any(
        grammar.is_word(word, known)
        or _negates(word, known, grammar.negations, grammar.negating_suffixes)
        for word in touched
    ):
        return None
    return distance


def _negates(word: str, known: str, prefixes: tuple[str, ...], suffixes: tuple[str, ...]) -> bool:
    rests = [word[len(p) :] for p in prefixes if word.startswith(p)]
    rests += [word[: -len(s)] for s in suffixes if word.endswith(s)]
    return any(len(rest) >= 4 and rest in known for rest in rests)


def _negated(window: str, known: str, negations: tuple[str, ...], operations: Any) -> bool:
    """Whether the only difference is a negating prefix or suffix, added or taken away."""
    tags = {op.tag for op in operations}
    if tags == {"delete"}:
        positions, source = [op.src_pos for op in operations], window
    elif tags == {"insert"}:
        positions, source = [op.dest_pos for op in operations], known
    else:
        return False
    if positions != list(range(positions[0], positions[0] + len(positions))):
        return False
    return source[positions[0] : positions[-1] + 1] in negations


def _split(key: str, ends: list[int]) -> list[str]:
    """The window's words, cut from its key at `ends`."""
    found, start = [], 0
    for end in ends:
        found.append(key[start:end].strip("&+/.@:"))
        start = end
    return found


def _word_ends(words: Words, first: int, last: int) -> frozenset[int]:
    """Where the window's words end in its key."""
    ends: list[int] = []
    length = 0
    for index in range(first, last + 1):
        if index > first:
            length += len(words.gap(index) or "")
        length += len(words.keys[index])
        ends.append(length)
    return frozenset(ends)


def _only_endings_differ(window: str, term: str, word_ends: frozenset[int]) -> bool:
    """Whether the window only has other word endings than the term ("klantgroei", "customs").

    A changed or extra final letter makes another word or another form, and forms are the
    inflection rules' job; a typo is a slip inside a word, or a letter left off its end.
    """
    _, _, _, levenshtein = _rapidfuzz()
    operations = levenshtein.editops(window, term)
    return (
        bool(operations)
        and all(
            op.tag != "insert"
            and op.src_pos + 1 in word_ends
            # A letter typed twice is a slip, not an ending ("pakkett").
            and not (
                op.tag == "delete" and window[op.src_pos - 1 : op.src_pos] == window[op.src_pos]
            )
            for op in operations
        )
    )


def similarity(first: str, second: str, threshold: float = 0.0) -> float:
    """The fuzzy score (0-100) of two keys, or 0.0 when below `threshold`."""
    fuzz, _, _, _ = _rapidfuzz()
    return float(fuzz.ratio(first, second, processor=None, score_cutoff=threshold))

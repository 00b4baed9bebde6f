"""`dvd lexicon check`: lexicons validated like code, every problem at `path:line:col`.

Beyond what loading refuses (syntax, schema, duplicates), a check compiles the lexicons and
tries them: a preferred term that would be rewritten again (a chain that breaks idempotence),
two terms so close that fuzzy matching could take one for the other, and every example, run
through the real translator.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from dikkevandale import languages
from dikkevandale.lexicon.everyday import everyday_words
from dikkevandale.lexicon.layers import Layer, merge_checked
from dikkevandale.lexicon.loader import read_concepts
from dikkevandale.lexicon.source import decode, read_bytes
from dikkevandale.matching.domain import EVERYWHERE
from dikkevandale.matching.index import Entry, bucket_keys
from dikkevandale.matching.matcher import (
    DEFAULT_THRESHOLD,
    FUZZY_MIN_LENGTH,
    Index,
    compile_index,
    similarity,
)
from dikkevandale.matching.memo import Memo
from dikkevandale.model import Code, Concept, LexiconError, Location, indefinite
from dikkevandale.normalize import spell
from dikkevandale.rewriting.rewrite import rewrite_text


@dataclass(frozen=True, slots=True)
class Report:
    """The outcome of a check: the files read, how many concepts, and every problem."""

    files: tuple[str, ...]
    concepts: int
    problems: tuple[LexiconError, ...]

    @property
    def errors(self) -> int:
        return sum(1 for p in self.problems if p.severity == "error")

    @property
    def warnings(self) -> int:
        return sum(1 for p in self.problems if p.severity == "warning")


def check(layers: Iterable[Layer], *, threshold: float = DEFAULT_THRESHOLD) -> Report:
    """Every problem of the given lexicon layers, sorted by file and position.

    >>> from dikkevandale.lexicon.layers import Layer, builtin_dir, lexicon_files
    >>> check([Layer("built-in", tuple(lexicon_files(builtin_dir())))]).problems
    ()
    """
    problems: list[LexiconError] = []
    parsed: list[list[tuple[str, tuple[Concept, ...]]]] = []
    files: list[str] = []
    for layer in layers:
        contents: list[tuple[str, tuple[Concept, ...]]] = []
        for path in layer.files:
            files.append(str(path))
            try:
                source = decode(path, read_bytes(path))
            except LexiconError as error:
                problems.append(error)
                continue
            concepts, found = read_concepts(source, str(path))
            problems += found
            contents.append((str(path), concepts))
        parsed.append(contents)
    lexicon, merge_problems = merge_checked(parsed)
    problems += merge_problems
    index = compile_index(lexicon)
    problems += chains(index)
    problems += confusables(index, threshold)
    problems += plural_problems(lexicon.concepts)
    problems += everyday_words(lexicon.concepts)
    problems += failing_examples(index)
    problems.sort(key=_position)
    return Report(tuple(files), len(lexicon.concepts), tuple(problems))


def _position(problem: LexiconError) -> tuple[str, int, int, str]:
    where = problem.location
    return (where.path, where.line, where.col, problem.code) if where else ("", 0, 0, problem.code)


def chains(index: Index) -> Iterator[LexiconError]:
    """Preferred terms that another concept also uses, or that translating would change."""
    memo = Memo(index)
    for number, concept in enumerate(index.concepts):
        for audience in concept.terms:
            preferred = concept.preferred(audience)
            spelling = spell(preferred.text) if preferred else None
            if preferred is None or spelling is None:
                continue
            others = [
                entry
                for entry in index.lookup(spelling.key)
                if entry.concept != number
                and entry.language == concept.language
                and entry.audience != audience  # the same audience is DVD006
            ]
            if others:
                other = others[0]
                owner = index.concepts[other.concept].id
                yield LexiconError(
                    preferred.location,
                    f"preferred {audience} term '{preferred.text}' of '{concept.id}' is also "
                    f"{indefinite(other.audience)} term of '{owner}': text written "
                    f"for {audience} would be rewritten again",
                    Code.CHAIN,
                )
                continue
            # Whatever the context: a preferred term must never hold another term.
            result = rewrite_text(
                preferred.text, index, audience, language=concept.language, memo=memo, context=False
            )
            if result.text != preferred.text:
                culprit = result.rewrites[0].match
                source = indefinite(culprit.audience)
                yield LexiconError(
                    preferred.location,
                    f"preferred {audience} term '{preferred.text}' of '{concept.id}' holds "
                    f"'{culprit.text}', {source} term of '{culprit.concept}': "
                    f"translating to {audience} would rewrite it to '{result.text}'",
                    Code.CHAIN,
                )


_FULL_BUCKET = 128
"""A fuzzy bucket with at most this many spellings is compared pair by pair (the shipped
lexicons' biggest holds 53)."""
_NEIGHBOURS = 32
"""In a bigger bucket (thousands of near-identical terms), each spelling is compared with this
many on either side of it in sorted order, where its near misses stand: near-linear time."""
_GROUP_FROM = 5
"""Concepts whose terms share a big bucket and that fuzzy matching could confuse with one
another, from this many on, are one warning with their number, not a warning for every pair
(a family of 4,000 near-identical terms gave 3.1 million lines)."""

_Pair = tuple[Entry, Entry, float, bool]


def confusables(index: Index, threshold: float) -> Iterator[LexiconError]:
    """Pairs of terms of different concepts that one typo could turn into each other.

    Where the candidates were capped (a bucket of more than _FULL_BUCKET spellings), a family
    of _GROUP_FROM or more concepts so linked is reported once, with its size and scores;
    everywhere else each pair is, as it always was.
    """
    pairs = list(_near_pairs(index, threshold))
    families = _Families()
    for entry, other, _, capped in pairs:
        if capped:
            families.join(entry.concept, other.concept)
    big: dict[int, _Family] = {}
    for entry, other, score, capped in pairs:
        root = families.root(entry.concept)
        if capped and families.size(root) >= _GROUP_FROM:
            big.setdefault(root, _Family()).add(index, entry, other, score)
    reported: set[int] = set()
    for entry, other, score, capped in pairs:
        concept = index.concepts[entry.concept]
        root = families.root(entry.concept)
        if capped and root in big:
            if root not in reported:
                reported.add(root)
                message = big[root].message(families.size(root))
                yield LexiconError(
                    _term_located(concept, entry.form), message, Code.CONFUSABLE, "warning"
                )
            continue
        yield LexiconError(
            _term_located(concept, entry.form),
            f"'{entry.form}' ({concept.id}) and '{other.form}' "
            f"({index.concepts[other.concept].id}) score {score:.0f}: fuzzy matching "
            "may take one for the other; set fuzzy: false on one of them",
            Code.CONFUSABLE,
            "warning",
        )


class _Family:
    """What the warning about a family of confusable concepts shows: its first terms and the
    lowest and highest score between them."""

    def __init__(self) -> None:
        self.named: dict[int, str] = {}
        self.low = self.high = 0.0

    def add(self, index: Index, entry: Entry, other: Entry, score: float) -> None:
        for one in (entry, other):
            if one.concept not in self.named and len(self.named) < 4:
                self.named[one.concept] = f"'{one.form}' ({index.concepts[one.concept].id})"
        self.low = min(self.low or score, score)
        self.high = max(self.high, score)

    def message(self, size: int) -> str:
        first, *others = self.named.values()
        shown = ", ".join(others[:3]) + (", …" if size > 4 else "")
        low, high = f"{self.low:.0f}", f"{self.high:.0f}"
        return (
            f"{first} and the terms of {size - 1:,} other concepts ({shown}) score "
            f"{low if low == high else f'{low}-{high}'} with one another: fuzzy matching may "
            "take one for another; set fuzzy: false on them, or make them differ more"
        )


def _near_pairs(index: Index, threshold: float) -> Iterator[_Pair]:
    """Each pair of concepts whose base spellings score at least `threshold`, once, with the
    first such spellings, and whether they were found among capped candidates: compared
    within the buckets fuzzy matching looks them up by."""
    reported: set[tuple[int, int]] = set()
    ordered: dict[str, tuple[list[str], dict[str, int]]] = {}
    for key in index.spellings():
        entry = index.lookup(key)[0]
        if entry.inflected or not entry.fuzzy or len(key) < FUZZY_MIN_LENGTH:
            continue
        half = len(key) // 2
        for bucket_key in ("<" + key[:half], ">" + key[half:]):
            candidates, capped = _candidates(index, bucket_key, key, ordered)
            for other_key in candidates:
                other = index.lookup(other_key)[0]
                if (
                    other.concept == entry.concept
                    or other.language != entry.language
                    or other.inflected
                    or other_key == key  # the same spelling is DVD006, not a near miss
                ):
                    continue
                pair = (min(entry.concept, other.concept), max(entry.concept, other.concept))
                if pair in reported:
                    continue
                score = similarity(key, other_key, threshold)
                if score:
                    reported.add(pair)
                    yield entry, other, score, capped


def _candidates(
    index: Index, bucket: str, key: str, ordered: dict[str, tuple[list[str], dict[str, int]]]
) -> tuple[Sequence[str], bool]:
    """The spellings of `bucket` to compare `key` with: all of them, or in a big bucket its
    _NEIGHBOURS on either side in sorted order (the bucket is sorted once); and whether the
    candidates were capped."""
    members = bucket_keys(index.fuzzy_buckets, bucket)
    if len(members) <= _FULL_BUCKET:
        return members, False
    if bucket not in ordered:
        keys = sorted(members)
        ordered[bucket] = keys, {member: number for number, member in enumerate(keys)}
    keys, position = ordered[bucket]
    at = position.get(key, 0)
    return keys[max(0, at - _NEIGHBOURS) : at + _NEIGHBOURS + 1], True


class _Families:
    """Concepts joined by near misses (union-find), with the size of each family."""

    def __init__(self) -> None:
        self._parent: dict[int, int] = {}
        self._size: dict[int, int] = {}

    def root(self, concept: int) -> int:
        parent = self._parent
        while parent.get(concept, concept) != concept:
            parent[concept] = parent.get(parent[concept], parent[concept])  # path halving
            concept = parent[concept]
        return concept

    def join(self, first: int, second: int) -> None:
        a, b = self.root(first), self.root(second)
        if a == b:
            return
        if self.size(a) < self.size(b):
            a, b = b, a
        self._parent[b] = a
        self._size[a] = self.size(a) + self.size(b)

    def size(self, root: int) -> int:
        return self._size.get(root, 1)


def _term_located(concept: Concept, form: str) -> Location | None:
    for terms in concept.terms.values():
        for term in terms:
            if form in (term.text, term.plural):
                return term.location
    return concept.location


def plural_problems(concepts: Iterable[Concept]) -> Iterator[LexiconError]:
    """Plurals that cannot be right, and Dutch replacements whose article is unknown."""
    for concept in concepts:
        for audience, terms in concept.terms.items():
            for position, term in enumerate(terms):
                if term.plural is not None:
                    plural, singular = spell(term.plural), spell(term.text)
                    if plural and singular and plural.key == singular.key:
                        yield LexiconError(
                            term.location,
                            f"plural '{term.plural}' is spelled like the term itself",
                            Code.GRAMMAR,
                            "warning",
                        )
                # Agreement needs the article of a replacement (Dutch); an acronym has none.
                needs_article = "article" in languages.get(concept.language).required_fields
                if position == 0 and needs_article and not term.case_sensitive and not term.article:
                    yield LexiconError(
                        term.location,
                        f"preferred {audience} term '{term.text}' has no article: "
                        "add article: de or het so that articles before it agree",
                        Code.GRAMMAR,
                        "warning",
                    )


def failing_examples(index: Index) -> Iterator[LexiconError]:
    """Examples whose text does not translate into exactly their `expect`.

    An example is a sentence of the lexicon's own domain: it is translated as text that has
    shown the domain already, so an everyday term is rewritten in it without a cue word, while
    its `not_in` and `needs` still apply (an example can show an exception at work).
    """
    memo = Memo(index)
    for concept in index.concepts:
        for example in concept.examples:
            got = rewrite_text(example.text, index, example.to, memo=memo, carry=EVERYWHERE).text
            if got != example.expect:
                yield LexiconError(
                    example.location,
                    f"example of '{concept.id}' to {example.to}: expected {example.expect!r}, "
                    f"got {got!r}",
                    Code.EXAMPLE,
                )
            elif rewrite_text(got, index, example.to, memo=memo, carry=EVERYWHERE).text != got:
                yield LexiconError(
                    example.location,
                    f"example of '{concept.id}' to {example.to} is not stable: translating "
                    "its output again changes it",
                    Code.EXAMPLE,
                )

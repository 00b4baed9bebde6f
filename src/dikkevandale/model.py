"""The lexicon model: concepts named by each audience in its own words.

Everything here is immutable so that a loaded lexicon can be shared, cached and compiled without
anyone changing it behind the matcher's back.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, fields
from enum import StrEnum
from operator import attrgetter
from typing import Any, NamedTuple, TypeVar

DUTCH_ARTICLES = ("de", "het")

_Pickled = TypeVar("_Pickled")


def _pickled_by_fields(cls: type[_Pickled]) -> type[_Pickled]:
    """Pickle a frozen slots dataclass as its constructor and field values.

    The compiled cache pickles every concept of a lexicon with its terms and locations; the
    `__getstate__` a slots dataclass gets walks `fields()` for each object, which made up most
    of the cost of writing a large lexicon's cache. (Every field must be an init field.)
    """
    names = [item.name for item in fields(cls)]  # type: ignore[arg-type]
    assert all(item.init for item in fields(cls)) and len(names) > 1  # type: ignore[arg-type]
    values: Callable[[Any], tuple[Any, ...]] = attrgetter(*names)

    def reduce(self: _Pickled) -> tuple[type[_Pickled], tuple[Any, ...]]:
        return cls, values(self)

    cls.__reduce__ = reduce  # type: ignore[assignment, method-assign]
    return cls


@_pickled_by_fields
@dataclass(frozen=True, slots=True)
class Location:
    """Where something stands in a lexicon file, for `path:line:col` messages (1-based)."""

    path: str
    line: int = 0
    col: int = 0

    def __str__(self) -> str:
        if self.line <= 0:
            return self.path
        return f"{self.path}:{self.line}:{self.col}"


def did_you_mean(word: str, choices: Sequence[str]) -> str:
    """A " (did you mean 'x'?)" hint for an error message, or "" when nothing is close."""
    import difflib  # only an error needs it; a translation should not import it

    folded = {choice.casefold(): choice for choice in choices}
    close = difflib.get_close_matches(word.casefold(), list(folded), n=1, cutoff=0.6)
    if not close:  # two letters swapped in a short word ("ti" for "it") score too low
        close = [c for c in folded if len(c) == len(word) and sorted(c) == sorted(word.casefold())]
    return f" (did you mean '{folded[close[0]]}'?)" if close else ""


def indefinite(word: str) -> str:
    """`word` with English `a` or `an` before it as it is said: an it term, a sales term.

    Audience names are short lowercase words read as words: a leading vowel letter (not u, as
    in "a user") is a vowel sound.
    """
    return f"{'an' if word[:1].lower() in 'aeio' else 'a'} {word}"


class Code(StrEnum):
    """The stable identifier of each kind of lexicon problem (`DVDnnn`).

    CI scripts and editors filter on these strings, so a code never changes meaning; a new
    kind of problem gets a new number. A `Code` is a `str`: it prints and compares as "DVDnnn".
    """

    SYNTAX = "DVD001"
    UNKNOWN_KEY = "DVD002"
    VALUE = "DVD003"
    DUPLICATE_KEY = "DVD004"
    DUPLICATE_ID = "DVD005"
    AMBIGUOUS = "DVD006"
    CHAIN = "DVD007"
    CONFUSABLE = "DVD008"
    GRAMMAR = "DVD009"
    EXAMPLE = "DVD010"
    VERSION = "DVD011"
    TAG = "DVD012"
    NAME = "DVD013"
    UNREADABLE = "DVD014"
    ALIAS = "DVD015"
    TAKEN_OVER = "DVD016"
    EVERYDAY = "DVD017"

    @property
    def description(self) -> str:
        """What the code stands for, as `dvd lexicon check --help` lists it."""
        return _CODE_DESCRIPTIONS[self]


_CODE_DESCRIPTIONS = {
    Code.SYNTAX: "invalid YAML or TOML",
    Code.UNKNOWN_KEY: "unknown key",
    Code.VALUE: "wrong type, empty or missing value",
    Code.DUPLICATE_KEY: "duplicate key or audience",
    Code.DUPLICATE_ID: "duplicate concept id",
    Code.AMBIGUOUS: "ambiguous term: one spelling names two concepts for one audience",
    Code.CHAIN: "a preferred term would be rewritten again (a chain)",
    Code.CONFUSABLE: "terms so close that fuzzy matching could confuse them",
    Code.GRAMMAR: "article or plural not right for the language",
    Code.EXAMPLE: "example does not translate as written",
    Code.VERSION: "unsupported format version",
    Code.TAG: "YAML tag not allowed",
    Code.NAME: "invalid id, audience or language name",
    Code.UNREADABLE: "unreadable file",
    Code.ALIAS: "YAML anchor or alias (write the value out)",
    Code.TAKEN_OVER: "a term taken over by a concept of a later layer (a warning)",
    Code.EVERYDAY: "a common word of its language as a term, without everyday: or exceptions",
}


class LexiconError(ValueError):
    """A problem in a lexicon; the message starts with its location.

    `code` is a stable DVDnnn identifier (see `Code`) so that CI scripts and editors can
    filter problems; `severity` is "error" or "warning"; `related` is a second place the
    problem involves (the earlier definition a later layer overrides, say).
    """

    def __init__(
        self,
        location: Location | None,
        message: str,
        code: Code = Code.VALUE,
        severity: str = "error",
        related: Location | None = None,
    ) -> None:
        self.location = location
        self.message = message
        self.code = code
        self.severity = severity
        self.related = related
        super().__init__(f"{location}: {message}" if location else message)


@_pickled_by_fields
@dataclass(frozen=True, slots=True)
class Term:
    """One way an audience names a concept.

    `plural`, `diminutive` and `forms` (label → spelling, e.g. "gen.sg" → "wdrożenia") override
    the language's rules, as `gender` does for Polish agreement; `case_sensitive` is for
    acronyms such as SLA whose lowercase spelling is an ordinary word; `fuzzy` allows typo
    matching.

    The context fields keep a word that is also an everyday word from being taken for jargon
    (see `matching.domain`): `everyday` (True: rewritten only where the text shows the
    lexicons' domain; False: the author checked that it has no everyday sense; None: not
    said), `not_in` (phrases holding the term in which it means something else), `needs`
    (words of which one must stand in the same paragraph; `klant*` is any word that begins
    with "klant"). `in_compounds` lets the term be found as part of a hyphenated compound
    ("SLA" in "SLA-rapportage").
    """

    text: str
    article: str | None = None
    plural: str | None = None
    case_sensitive: bool = False
    fuzzy: bool = True
    location: Location | None = field(default=None, compare=False)
    diminutive: str | None = None
    forms: tuple[tuple[str, str], ...] = ()
    gender: str | None = None
    """Polish gender: "m", "m.pers", "f" or "n" (else derived from the forms and ending)."""
    everyday: bool | None = None
    not_in: tuple[str, ...] = ()
    needs: tuple[str, ...] = ()
    in_compounds: bool = False

    @property
    def has_context(self) -> bool:
        """Whether the term's context decides if it is rewritten (see `matching.domain`)."""
        return bool(self.everyday or self.not_in or self.needs)


@_pickled_by_fields
@dataclass(frozen=True, slots=True)
class Example:
    """A lexicon entry's own test: `text` translated to `to` must read `expect`."""

    text: str
    to: str
    expect: str
    location: Location | None = field(default=None, compare=False)


@_pickled_by_fields
@dataclass(frozen=True, slots=True)
class Concept:
    """One idea; `terms` maps each audience to its terms, the preferred term first.

    `cues` are the domain cue words of the lexicon file the concept comes from (its top-level
    `cues:`): words that show a text is about the lexicons' domain. `hints` are its weaker
    cue words (its top-level `hints:`): words of the setting the domain is worked in, which show
    it only in their own paragraph. The file's tuples are shared by all its concepts.
    """

    id: str
    language: str
    terms: Mapping[str, tuple[Term, ...]]
    note: str | None = None
    examples: tuple[Example, ...] = ()
    location: Location | None = field(default=None, compare=False)
    cues: tuple[str, ...] = ()
    hints: tuple[str, ...] = ()

    def preferred(self, audience: str) -> Term | None:
        """The term an audience would use, or None when it has no word for the concept."""
        terms = self.terms.get(audience)
        return terms[0] if terms else None


@dataclass(frozen=True, slots=True, weakref_slot=True)
class Lexicon:
    """Concepts from one or more files, after later files have overridden earlier ones by id."""

    concepts: tuple[Concept, ...]
    audiences: tuple[str, ...]
    sources: tuple[str, ...] = ()

    def concept(self, concept_id: str) -> Concept:
        for concept in self.concepts:
            if concept.id == concept_id:
                return concept
        raise KeyError(concept_id)


class MatchKind(StrEnum):
    """How a term was recognised, best first; resolution prefers the better kind."""

    EXACT = "exact"
    VARIANT = "variant"
    INFLECTION = "inflection"
    COMPOUND = "compound"
    """Part of a hyphenated compound ("SLA" in "SLA-rapportage"), for terms with
    `in_compounds: true`."""
    FUZZY = "fuzzy"

    @property
    def rank(self) -> int:
        # By value: an enum member hashes in Python code, its value string in C.
        return _KIND_RANK[self._value_]


_KIND_RANK = {kind._value_: rank for rank, kind in enumerate(MatchKind)}


class Number(StrEnum):
    SINGULAR = "singular"
    PLURAL = "plural"


class Match(NamedTuple):
    """A term of `audience` found in the text, as offsets into the original text.

    Matches and rewrites are made for every term of every paragraph: named tuples, immutable
    like the rest of the model, are built four times faster than frozen dataclasses.
    """

    start: int
    end: int
    text: str
    concept: str
    audience: str
    form: str
    number: Number
    kind: MatchKind
    score: float
    labels: tuple[str, ...] = ()
    """Grammatical labels of the matched spelling ("pl", "dim", "gen.sg", ...)."""

    def moved(self, offset: int) -> Match:
        """The same match in a text that holds this one `offset` characters on."""
        return self._replace(start=self.start + offset, end=self.end + offset)


class Rewrite(NamedTuple):
    """One edit: replace `text[start:end]` by `replacement`.

    The span may reach back over words that had to agree with the new term (a Dutch article and
    adjectives, Polish adjectives and pronouns) and on over a relative pronoun, a predicate or a
    pronoun after it (`match` keeps the term's own span), so that applying every rewrite to the
    input gives exactly the output.
    """

    start: int
    end: int
    text: str
    replacement: str
    match: Match
    needs_review: bool = False
    """The replacement's grammatical form is a guess (e.g. a Polish case the text leaves open)."""

    def moved(self, offset: int) -> Rewrite:
        """The same rewrite in a text that holds this one `offset` characters on (a piece's
        rewrite in the whole stream, a stretch's in its e-mail part)."""
        return self._replace(
            start=self.start + offset, end=self.end + offset, match=self.match.moved(offset)
        )


class SkipReason(StrEnum):
    """Why a term that was found is left as it stands (`dvd explain`, JSON `skipped`)."""

    NO_CONTEXT = "no domain context"
    """An everyday term, and neither its paragraph nor the text before it shows the domain."""
    EXCEPTION = "exception"
    """The term stands in one of its `not_in` phrases."""
    NEEDS = "needs"
    """None of the term's `needs` words is in its paragraph."""


class Skip(NamedTuple):
    """A term found but not rewritten, because of its context; `detail` says which."""

    match: Match
    reason: SkipReason
    detail: str = ""

    def moved(self, offset: int) -> Skip:
        """The same skip in a text that holds this one `offset` characters on."""
        return self._replace(match=self.match.moved(offset))


@dataclass(frozen=True, slots=True)
class Suppression:
    """The `dvd off` / `dvd-ignore` directives in force where a text starts.

    A stream is translated a paragraph at a time; a `dvd off` in one paragraph holds until a
    `dvd on` in a later one, and a `dvd-ignore` on a line of its own applies to the paragraph
    after it. Each translation hands on what is in force at its end (`Translation.after`).
    """

    off: str | None = None
    """The `dvd off` directive in force, as written ("dvd off"), or None."""
    ignore: tuple[str, ...] | None = None
    """A `dvd-ignore` waiting for the paragraph it applies to: the concept ids it names
    (empty: every concept), or None."""


NO_SUPPRESSION = Suppression()


class Suppressed(NamedTuple):
    """A term that would have been rewritten but for a directive (`dvd off`, `dvd-ignore`)."""

    match: Match
    directive: str

    def moved(self, offset: int) -> Suppressed:
        """The same term in a text that holds this one `offset` characters on."""
        return self._replace(match=self.match.moved(offset))


@dataclass(frozen=True, slots=True)
class Translation:
    """The translated text, every rewrite, and the terms its context left alone.

    `carry` is how many paragraphs after this text are still taken to be about the lexicons'
    domain (see `matching.domain`): a stream passes it on to the next paragraph.
    """

    text: str
    to: str
    rewrites: tuple[Rewrite, ...]
    suppressed: tuple[Suppressed, ...] = ()
    """Terms left alone because a directive said so; `dvd explain` shows them as such."""
    after: Suppression = NO_SUPPRESSION
    """The directives in force at the end of the text, for the paragraph that follows."""
    skipped: tuple[Skip, ...] = ()
    """Terms left alone because the text does not show the lexicons' domain (or an exception
    of the term applies); rewritten with `context=False`."""
    carry: int = 0
    """How many more paragraphs the domain evidence of this text counts for (a stream)."""

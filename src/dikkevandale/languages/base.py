"""The protocol every language module implements, and the language that knows no grammar.

A language module (`languages/nl.py`, `en.py`, `pl.py`) holds what dvd knows of one language,
as data and small rules: the forms of a term (plural, diminutive, cases), how the words around a
replaced term agree with it, which words open a sentence, stopwords for detection, and common
words that a typo may never be. `languages.get(code)` gives a module's `LANGUAGE`; a code
without a module gets a plain `Language(code)`: it inflects nothing and agrees nothing, so a
lexicon in any language still works, word for word.
"""

from __future__ import annotations

import gzip
from collections.abc import Sequence
from functools import cached_property, lru_cache
from importlib import resources
from typing import NamedTuple

from dikkevandale.model import Match, Number, Term
from dikkevandale.normalize import WORD, fold


class Edit(NamedTuple):
    """Replace `text[start:end]` of the original text by `new`."""

    start: int
    end: int
    new: str


class Scene(NamedTuple):
    """One match in its text, as the agreement rules see it.

    `lower` and `upper` bound every edit: the end of the previous rewrite and the start of the
    next match, so that no two rewrites ever overlap.
    """

    text: str
    match: Match
    source: Term | None
    target: Term
    lower: int
    upper: int
    labels: tuple[str, ...] = ()
    """The labels of the form the replacement takes (after `Language.narrow`)."""

    @property
    def plural(self) -> bool:
        return self.match.number is Number.PLURAL


class Agreement(NamedTuple):
    """What a language changes around a replaced term, and whether any of it is a guess.

    `term` is the replacement itself when agreement changes it too (an adjective inside the
    target: "het relationele datamodel").
    """

    edits: tuple[Edit, ...] = ()
    review: bool = False
    term: str | None = None


MIN_COMPOUND_PART = 4
"""Letters a compound's part needs before it counts as a word of its own."""
MIN_STEM = 5
"""Letters a stem needs before another ending on it counts ("beld" is not "belde")."""


class Language:
    """What dvd knows of one language; this base knows no grammar at all (see module doc).

    Subclasses override the data (class attributes) and the few methods below. Every method
    must be pure: the same scene always gives the same answer, from any thread.
    """

    name = "unknown"
    labels: tuple[str, ...] = ("sg", "pl")
    """The grammatical labels a term's `forms` may name; the first is the base form."""
    term_fields: Sequence[str] = ()
    """Optional term fields only this language uses (`article`, `diminutive`, `gender`)."""
    required_fields: Sequence[str] = ()
    """Term fields a preferred term should have for agreement (a warning when missing)."""
    cases: tuple[str, ...] = ()
    """Grammatical cases, when labels name them ("gen.sg"): a missing form is then a guess."""
    stopwords: frozenset[str] = frozenset()
    """Folded function words, for recognising the language of a paragraph."""
    negations: tuple[str, ...] = ()
    """Folded prefixes that make a word its opposite: never a typo ("un", "niet")."""
    negating_suffixes: tuple[str, ...] = ()
    """Folded suffixes that do the same ("less", "loos")."""
    prepositions: frozenset[str] = frozenset()
    """Words after which a multi-word term's head has ended ("point of sale")."""
    title_case_headings = False
    """Whether headings capitalise every word ("Next Steps For The Pipeline")."""
    word_endings: tuple[str, ...] = ()
    """Folded inflection endings: a word whose stem takes another of them to make a frequent
    word is a form of a real word ("tekstowa" beside "tekstowe"), not a slip."""
    compound_links: tuple[str, ...] | None = None
    """How the language joins two words into one compound ("", "s": "contract|formulier",
    "bedrijf|s|leven"); None where compounds are written apart."""

    def __init__(self, code: str = "") -> None:
        self.code = code or getattr(self, "code", "")

    @property
    def base_label(self) -> str:
        return self.labels[0]

    # -- forms ------------------------------------------------------------------------------

    def labelled_forms(self, term: Term) -> dict[str, list[str]]:
        """Every spelling of `term` by label: the term, its `forms`, then the rules' forms for
        every label the lexicon does not spell itself."""
        # Compiling a lexicon asks this once per term: it is kept to a few dict operations.
        found: dict[str, list[str]] = {self.base_label: [term.text]}
        given: frozenset[str] = frozenset()
        if term.forms:
            for label, spelling in term.forms:
                found.setdefault(label, []).append(spelling)
            given = frozenset(label for label, _ in term.forms)
        for label, spellings in self.rule_forms(term).items():
            if label not in given:
                known = found.get(label)
                if known is None:
                    found[label] = spellings  # copied below, like every list returned
                else:
                    known.extend(spellings)
        return {
            label: s[:] if len(s) == 1 else list(dict.fromkeys(s))
            for label, s in found.items()
            if s
        }

    def rule_forms(self, term: Term) -> dict[str, list[str]]:
        """The forms the language's rules make of a term (the lexicon's `plural` is one)."""
        return {"pl": [term.plural]} if term.plural else {}

    def head(self, term: str) -> tuple[int, int] | None:
        """Where the word that inflects stands: the last one before a preposition, else the
        last one. None for a term without words or whose head is a number."""
        if term.isalnum():  # one word, most terms: no need to look for words (or to cache)
            return None if term.isdigit() else (0, len(term))
        return _head(term, self.prepositions)

    def replace_head(self, term: str, inflect: object) -> str | None:
        """`term` with its head word passed through `inflect` (a str -> str callable)."""
        span = self.head(term)
        if span is None or not callable(inflect):
            return None
        start, end = span
        return f"{term[:start]}{inflect(term[start:end])}{term[end:]}"

    def from_grammatical_gender(self, gender: str) -> dict[str, str]:
        """The term fields a termbase's `grammaticalGender` (masculine, feminine, neuter)
        stands for in this language: none, unless the language has a gender field."""
        return {}

    # -- the words around a term ------------------------------------------------------------

    def narrow(self, scene: Scene, labels: tuple[str, ...]) -> tuple[str, ...]:
        """The labels of the matched spelling that its context allows (a case, a number)."""
        return labels

    def agree(self, scene: Scene, term: Edit) -> Agreement:
        """Edits to the words around `term` (the replacement, already placed) so that they
        agree with the target; `scene.lower`/`scene.upper` bound them."""
        return Agreement()

    def same_word(self, one: str, other: str) -> bool:
        """Whether two words are forms of one word (to never print a word twice)."""
        return fold(one) == fold(other)

    def is_common(self, word: str) -> bool:
        """Whether a folded word is one of the language's frequent words."""
        return word in self.common_words

    def is_word(self, word: str, term: str = "") -> bool:
        """Whether a folded word is a word of the language rather than a slip of the keyboard.

        A frequent word, another form of one (its stem with another ending), or two frequent
        words written as one compound, unless they are the two parts of `term` joined another
        way ("bezoekrapport" for "bezoeksrapport" is the term, not another word). A typo that
        happens to make a real word is then missed, which costs less than rewriting
        "contractformulier" as if it were "contactformulier".
        """
        common = self.common_words
        if word in common or self._other_form_is_common(word):
            return True
        if self.compound_links is None:
            return False
        for cut in range(MIN_COMPOUND_PART, len(word) - MIN_COMPOUND_PART + 1):
            left, right = word[:cut], word[cut:]
            if right in common:
                for link in self.compound_links:
                    first = left[: len(left) - len(link)]
                    if left.endswith(link) and first in common:
                        links = self.compound_links
                        if not any(f"{first}{other}{right}" in term for other in links):
                            return True
        return False

    def _other_form_is_common(self, word: str) -> bool:
        common = self.common_words
        # A bare stem is not tried with endings: Dutch doubles a consonant before one, so the
        # slip "pakkett" would pass as the stem of "pakketten".
        endings = self.word_endings
        for ending in filter(word.endswith, filter(None, endings)):
            stem = word[: -len(ending)]
            if len(stem) >= MIN_STEM and any(f"{stem}{other}" in common for other in endings):
                return True
        return False

    @cached_property
    def common_words(self) -> frozenset[str]:
        """The language's frequent words, folded, read once from `data/<code>.words.gz`."""
        try:
            data = resources.files("dikkevandale.languages").joinpath(f"data/{self.code}.words.gz")
            lines = gzip.decompress(data.read_bytes()).decode("utf-8").splitlines()
        except (FileNotFoundError, OSError, ValueError, EOFError):
            return frozenset()
        return frozenset(line for line in lines if line and not line.startswith("#"))


@lru_cache(maxsize=16384)
def _head(term: str, prepositions: frozenset[str]) -> tuple[int, int] | None:
    """`Language.head`, remembered: compiling a lexicon asks it several times per term."""
    words = list(WORD.finditer(term))
    if not words:
        return None
    head = words[-1]
    for index, found in enumerate(words):
        # A preposition inside a hyphenated word ("hands-on") is part of a compound.
        spaced = index and term[words[index - 1].end() : found.start()].isspace()
        if spaced and found.group().lower() in prepositions:
            head = words[index - 1]
            break
    return None if head.group().isdigit() else head.span()

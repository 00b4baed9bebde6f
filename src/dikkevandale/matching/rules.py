"""A term's context fields as the matcher uses them: word keys, compiled once per lexicon.

The lexicon says `everyday`, `needs: [klant*, support]` and `not_in: [ticket voor]`; scanning a
paragraph compares word keys (see `normalize`), so each is turned into keys here, when the
index is built, and `matching.domain` only compares. Kept small and immutable: the rules are
part of the compiled index and its cache.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import NamedTuple

from dikkevandale.languages.inflection import forms
from dikkevandale.model import Term
from dikkevandale.normalize import WORD, fold, spell


class WordSet(NamedTuple):
    """Words as a lexicon lists them (`cues`, `needs`): whole words and `prefix*` words."""

    words: frozenset[str]
    prefixes: tuple[str, ...]

    def __bool__(self) -> bool:
        return bool(self.words or self.prefixes)

    def holds(self, key: str) -> bool:
        """Whether a word key is one of these words (or begins with one of the prefixes)."""
        return key in self.words or (bool(self.prefixes) and key.startswith(self.prefixes))

    def any_in(self, keys: list[str]) -> bool:
        """Whether one of the word keys is one of these words (`holds`), in a few operations
        in C: most paragraphs of most texts hold none, and this runs for each of them."""
        if not self.words.isdisjoint(keys):
            return True
        if not self.prefixes:
            return False
        joined = " " + " ".join(keys)
        return any(" " + prefix in joined for prefix in self.prefixes)


def word_set(written: Iterable[str]) -> WordSet:
    """The keys of `cues:` or `needs:` words; a trailing `*` makes a prefix."""
    words: set[str] = set()
    prefixes: set[str] = set()
    for word in written:
        if word.endswith("*"):
            prefixes.add(fold(word[:-1]))
        else:
            words.add(fold(word))
    return WordSet(frozenset(words), tuple(sorted(prefixes)))


NO_WORDS = WordSet(frozenset(), ())


class Antipattern(NamedTuple):
    """A `not_in` phrase: the words around the term, or (`inside`) a compound holding it."""

    phrase: str
    before: tuple[str, ...]
    after: tuple[str, ...]
    key: str
    inside: bool


class Rule(NamedTuple):
    """What decides whether a found term is rewritten (see `matching.domain`)."""

    everyday: bool
    needs: tuple[str, ...]
    """As the lexicon writes them, for reports."""
    needed: WordSet
    exceptions: tuple[Antipattern, ...]


def compile_rule(term: Term, language: str) -> Rule | None:
    """The rule of a term with context fields, or None for a term without any.

    >>> rule = compile_rule(Term("ticket", not_in=("ticket voor",)), "nl")
    >>> rule.exceptions[0].after
    ('voor',)
    """
    if not term.has_context:
        return None
    word_forms = [_word_keys(surface) for surface, _, _ in forms(term, language)]
    word_forms.sort(key=len, reverse=True)
    return Rule(
        bool(term.everyday),
        term.needs,
        word_set(term.needs),
        tuple(_antipattern(phrase, word_forms) for phrase in term.not_in),
    )


def _word_keys(text: str) -> tuple[str, ...]:
    return tuple(fold(word) for word in WORD.findall(text))


def _antipattern(phrase: str, word_forms: Sequence[tuple[str, ...]]) -> Antipattern:
    words = _word_keys(phrase)
    spelling = spell(phrase)
    key = spelling.key if spelling else ""
    for form in word_forms:
        size = len(form)
        for at in range(len(words) - size + 1):
            if form and words[at : at + size] == form:
                return Antipattern(phrase, words[:at], words[at + size :], key, False)
    # The term stands inside a word of the phrase ("concertticket"): it can only be found
    # there as part of a hyphenated compound ("concert-ticket"), with `in_compounds`.
    return Antipattern(phrase, (), (), key, True)

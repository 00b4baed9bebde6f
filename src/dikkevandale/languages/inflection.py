"""Word forms generated from the lexicon, so that the text itself is never lemmatized.

Lemmatizers miss compounds and jargon ("back-office-koppelingen"), so instead every term is
inflected at load time by its language's rules (see `languages.get(code).labelled_forms`) and
each form is looked up by its spelling key. The first spelling of a label is the best guess and
is what the rewriter prints; the others are only looked for.
"""

from __future__ import annotations

from functools import lru_cache

from dikkevandale import languages
from dikkevandale.model import Number, Term


def labels_of(language: str | None) -> tuple[str, ...] | None:
    """The grammatical labels a term's `forms` may name in `language`; None for a language
    dvd has no rules for (its terms have no forms to override)."""
    if language is None or language not in languages.known():
        return None
    return languages.get(language).labels


def base_label(language: str) -> str:
    return languages.get(language).base_label


@lru_cache(maxsize=4096)
def labelled_forms(term: Term, language: str) -> dict[str, list[str]]:
    """Every spelling of a term by label, the lexicon's own spellings first.

    Cached: the rewriter asks for the same target terms over and over. Callers must not
    change the lists they get.
    """
    return languages.get(language).labelled_forms(term)


def forms(term: Term, language: str) -> list[tuple[str, str, bool]]:
    """Every spelling to look for: `(surface, label, is_inflected)`, the term itself first.

    Not cached: compiling an index asks once per term, and hashing a term costs more than
    the rules.
    """
    grammar = languages.get(language)
    base = grammar.base_label
    return [
        (spelling, label, label != base)
        for label, spellings in grammar.labelled_forms(term).items()
        for spelling in spellings
    ]


@lru_cache(maxsize=256)
def number_of(label: str) -> Number:
    """Plural for any label with a "pl" part ("pl", "dim.pl", "gen.pl", "pl.poss").

    Cached: asked for every term found, and a language has a few dozen labels.
    """
    return Number.PLURAL if "pl" in label.split(".") else Number.SINGULAR


def inflect_like(term: Term, language: str, labels: tuple[str, ...]) -> tuple[str, bool]:
    """The target term in the form the matched text had, and whether that is a guess.

    A label the target lacks falls back on number (a plural for a plural) or on the base
    form, which is a guess wherever the language has cases; a matched spelling that stands
    for several labels whose target forms differ is a guess too, flagged for review.
    """
    grammar = languages.get(language)
    if labels == (grammar.base_label,):
        return term.text, False  # the common case needs no forms at all
    if labels == ("pl",) and term.plural:
        return term.plural, False  # the next most common: the lexicon's plural
    own = labelled_forms(term, language)
    wanted = [label for label in labels if label in own]
    if wanted:
        choices = {own[label][0] for label in wanted}
        return own[wanted[0]][0], len(choices) > 1
    plural = any(number_of(label) is Number.PLURAL for label in labels)
    if plural and "pl" in own:
        return own["pl"][0], False
    cased = any(label.split(".")[0] in grammar.cases for label in labels)
    return term.text, cased and not all(label.startswith(grammar.base_label) for label in labels)


def plurals(term: Term, language: str) -> list[str]:
    """The plural spellings of a term: the lexicon's own first, then the language's rules."""
    return list(labelled_forms(term, language).get("pl", ()))

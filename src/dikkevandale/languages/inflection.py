"""Word forms generated from the lexicon, so that the text itself is never lemmatized.

Lemmatizers miss compounds and jargon ("back-office-koppelingen"), so instead every term is
inflected at load time and each form is looked up by its spelling key. Rules give several
candidate plurals where the language is ambiguous (Dutch stress, loanwords): extra forms cost a
dictionary entry, a missed form costs a miss. The first candidate is the best guess and is what
the rewriter prints when the lexicon gives no `plural`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from dikkevandale.languages import polish
from dikkevandale.model import Number, Term
from dikkevandale.normalize import WORD

_VOWELS = "aeiouy"
_LONG_VOWELS = ("aa", "ee", "oo", "uu")
_DIPHTHONGS = ("ie", "ei", "ij", "ui", "ou", "au", "eu", "oe", "aa", "ee", "oo", "uu")
_DUTCH_S_PLURAL = ("el", "em", "en", "er", "je", "aar", "ier", "eur", "um")
_PREPOSITIONS = {
    "nl": {"op", "van", "voor", "met", "in", "bij", "aan", "uit", "over", "tot", "per", "naar"},
    "en": {"of", "for", "with", "in", "on", "to", "from", "by", "per", "at"},
}


def _is_acronym(word: str) -> bool:
    return len(word) > 1 and word.isupper()


def dutch_plurals(word: str) -> list[str]:
    """Candidate Dutch plurals of one word, best guess first.

    >>> dutch_plurals("koppeling"), dutch_plurals("systeem"), dutch_plurals("API")
    (['koppelingen', 'koppelings'], ['systemen', 'systeems'], ["API's", 'APIs'])
    """
    lower = word.lower()
    if _is_acronym(word) or lower[-1] in "aiouy" or lower.endswith("é"):
        return [f"{word}'s", f"{word}s"]
    if lower.endswith("heid"):
        return [f"{word[:-3]}eden"]
    if lower.endswith("ee"):
        return [f"{word}ën", f"{word}s"]
    if lower.endswith("ie"):
        return [f"{word}s", f"{word[:-1]}ën"]
    schwa = lower.endswith(_DUTCH_S_PLURAL) and len(lower) > 2 and lower[-3] not in _VOWELS
    if lower.endswith("e"):
        return [f"{word}s", f"{word}n"]  # offertes; ziekten, ruimten
    if schwa:
        extra = [f"{word}{word[-1]}en", f"{word}en"] if lower.endswith(("el", "er")) else []
        return [f"{word}s", *extra]
    if not lower[-1].isalpha():
        return [f"{word}s"]
    loan = [] if lower.endswith("s") else [f"{word}s"]
    return [*_dutch_en_plurals(word), *loan]


def _dutch_en_plurals(word: str) -> list[str]:
    """The -en plural with Dutch spelling rules: open syllables, f→v, s→z, doubled consonants."""
    lower = word.lower()
    before = lower[:-1]
    voiced = {"f": "v", "s": "z"}.get(lower[-1])
    if before.endswith(_LONG_VOWELS):
        # The vowel stays long in the open syllable and is written once ("systemen").
        forms = [f"{word[:-2]}{word[-1]}en"]
        if voiced:
            forms.insert(0, f"{word[:-2]}{voiced}en")
        return forms
    if before.endswith(_DIPHTHONGS):
        forms = [f"{word}en"]
        if voiced:
            forms.insert(0, f"{word[:-1]}{voiced}en")
        return forms
    if lower[-1] in _VOWELS + "wx" or not before or before[-1] not in _VOWELS:
        return [f"{word}en"]
    if len(before) >= 2 and before[-2] in _VOWELS:
        return [f"{word}en"]
    # A single short vowel before a single consonant: the consonant doubles ("processen").
    return [f"{word}{word[-1]}en", f"{word}en"]


def english_plurals(word: str) -> list[str]:
    """Candidate English plurals of one word, best guess first.

    >>> english_plurals("opportunity"), english_plurals("batch"), english_plurals("SLA")
    (['opportunities'], ['batches'], ['SLAs', "SLA's"])
    """
    lower = word.lower()
    if _is_acronym(word):
        return [f"{word}s", f"{word}'s"]
    if re.search(r"[^aeiou]y$", lower):
        return [f"{word[:-1]}ies"]
    if lower.endswith(("s", "x", "z", "ch", "sh")):
        return [f"{word}es"]
    if lower.endswith("fe"):
        return [f"{word}s", f"{word[:-2]}ves"]
    return [f"{word}s"]


_PLURAL_RULES = {"nl": dutch_plurals, "en": english_plurals}


@lru_cache(maxsize=8192)
def _head(term: str, language: str) -> tuple[int, int] | None:
    """Where the word that takes the plural stands: the last one before a preposition, else
    the last one. None for a term without words or whose head is a number."""
    words = list(WORD.finditer(term))
    if not words:
        return None
    head = words[-1]
    prepositions = _PREPOSITIONS.get(language, set())
    for index, found in enumerate(words):
        # A preposition inside a hyphenated word ("hands-on") is part of a compound, not a phrase.
        spaced = index and term[words[index - 1].end() : found.start()].isspace()
        if spaced and found.group().lower() in prepositions:
            head = words[index - 1]
            break
    return None if head.group().isdigit() else head.span()


def plurals(term: Term, language: str) -> list[str]:
    """The plural spellings of a term: the lexicon's own first, then the language's rules."""
    if term.plural:
        # The lexicon's plural is the truth: rule forms would only add look-alike misses.
        return [term.plural]
    rule = _PLURAL_RULES.get(language)
    head = _head(term.text, language)
    if rule is None or head is None:
        return []
    text, (start, end) = term.text, head
    return list(
        dict.fromkeys(f"{text[:start]}{plural}{text[end:]}" for plural in rule(text[start:end]))
    )


def dutch_diminutive(word: str) -> str:
    """The Dutch diminutive of one word (klantbeeld → klantbeeldje, koppeling → koppelinkje).

    >>> dutch_diminutive("rapport"), dutch_diminutive("systeem"), dutch_diminutive("agenda")
    ('rapportje', 'systeempje', 'agendaatje')
    """
    lower = word.lower()
    if lower.endswith("ing"):
        return word[:-1] + "kje"
    if lower[-1] in "aou":
        return word + word[-1] + "tje"  # agenda → agendaatje: the open vowel stays long
    if lower[-1] in "iy":
        return word + "'tje"
    if lower.endswith("m"):
        return word + "pje"
    if lower.endswith(("e", "w")):
        return word + "tje"
    if lower[-1] in "lnr":
        before = lower[:-1]
        short = before[-1:] in ("a", "e", "i", "o", "u") and before[-2:-1] not in _VOWELS
        schwa = lower.endswith(("el", "en", "er"))
        if short and not schwa and len(lower) <= 4:
            return word + word[-1] + "etje"
        return word + "tje"
    return word + "je"


def _stressed_diminutive(word: str) -> str:
    if word.lower().endswith(("el", "en", "er", "em")) and len(word) > 4:
        return word + word[-1] + "etje"
    return dutch_diminutive(word)


LABELS = {
    "nl": ("sg", "pl", "dim", "dim.pl"),
    "en": ("sg", "pl"),
    "pl": polish.LABELS,
}
"""The grammatical labels a term's `forms` may name, per language."""


def base_label(language: str) -> str:
    return polish.BASE if language == "pl" else "sg"


def _replace_head(term: str, language: str, inflect: Callable[[str], str]) -> str | None:
    head = _head(term, language)
    if head is None:
        return None
    start, end = head
    return f"{term[:start]}{inflect(term[start:end])}{term[end:]}"


@lru_cache(maxsize=4096)
def labelled_forms(term: Term, language: str) -> dict[str, list[str]]:
    """Every spelling of a term by label, the lexicon's own spellings first.

    Cached: the rewriter asks for the same target terms over and over. Callers must not
    change the lists they get.
    """
    return _labelled_forms(term, language)


def _labelled_forms(term: Term, language: str) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {base_label(language): [term.text]}
    for label, spelling in term.forms:
        found.setdefault(label, []).append(spelling)
    if language == "pl":
        for label, spellings in polish.phrase_forms(term.text).items():
            if label not in dict(term.forms):  # the lexicon's forms replace the rule's
                found.setdefault(label, []).extend(spellings)
        return {label: list(dict.fromkeys(spellings)) for label, spellings in found.items()}
    found.setdefault("pl", []).extend(plurals(term, language))
    if language == "nl":
        diminutive = term.diminutive or _replace_head(term.text, language, dutch_diminutive)
        if diminutive and not term.case_sensitive:
            variants = [diminutive]
            if not term.diminutive:
                # A stressed -el/-en/-er doubles its consonant: voorstelletje beside tafeltje.
                stressed = _replace_head(term.text, language, _stressed_diminutive)
                if stressed and stressed != diminutive:
                    variants.append(stressed)
            head = _head(term.text, language)
            for variant in variants:
                found.setdefault("dim", []).append(variant)
                if head is None or term.diminutive:
                    plural = _replace_head(variant, language, lambda word: word + "s")
                else:
                    # Only the head word changed: the diminutive's head ends where the
                    # variant's tail (a phrase after the head) begins.
                    tail = len(term.text) - head[1]
                    plural = f"{variant[: len(variant) - tail]}s{variant[len(variant) - tail :]}"
                found.setdefault("dim.pl", []).append(plural or variant + "s")
    return {
        label: list(dict.fromkeys(spellings)) for label, spellings in found.items() if spellings
    }


def forms(term: Term, language: str) -> list[tuple[str, str, bool]]:
    """Every spelling to look for: `(surface, label, is_inflected)`, the term itself first.

    Not cached: compiling an index asks once per term, and hashing a term costs more than
    the rules.
    """
    base = base_label(language)
    return [
        (spelling, label, label != base)
        for label, spellings in _labelled_forms(term, language).items()
        for spelling in spellings
    ]


def number_of(label: str) -> Number:
    return Number.PLURAL if label.endswith("pl") else Number.SINGULAR


def inflect_like(term: Term, language: str, labels: tuple[str, ...]) -> tuple[str, bool]:
    """The target term in the form the matched text had, and whether that is a guess.

    A label the target lacks falls back on number (Dutch, English) or on the base form; in
    Polish, a matched spelling that stands for several cases whose target forms differ is a
    guess too, flagged so a person can review it.
    """
    if labels == (base_label(language),):
        return term.text, False  # the common case needs no forms at all
    own = labelled_forms(term, language)
    wanted = [label for label in labels if label in own]
    if wanted:
        choices = {own[label][0] for label in wanted}
        return own[wanted[0]][0], len(choices) > 1
    if any(number_of(label) is Number.PLURAL for label in labels) and "pl" in own:
        return own["pl"][0], False
    return term.text, language == "pl" and labels != (polish.BASE,)

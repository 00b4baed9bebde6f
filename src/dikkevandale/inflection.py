"""Word forms generated from the lexicon, so that the text itself is never lemmatized.

Lemmatizers miss compounds and jargon ("back-office-koppelingen"), so instead every term is
inflected at load time and each form is looked up by its spelling key. Rules give several
candidate plurals where the language is ambiguous (Dutch stress, loanwords): extra forms cost a
dictionary entry, a missed form costs a miss. The first candidate is the best guess and is what
the rewriter prints when the lexicon gives no `plural`.
"""

from __future__ import annotations

import re

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
    if lower.endswith("e") or schwa:
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


def _head(term: str, language: str) -> re.Match[str] | None:
    """The word that takes the plural: the last one before a preposition, else the last one."""
    words = list(WORD.finditer(term))
    prepositions = _PREPOSITIONS.get(language, set())
    for index, found in enumerate(words):
        # A preposition inside a hyphenated word ("hands-on") is part of a compound, not a phrase.
        spaced = index and term[words[index - 1].end() : found.start()].isspace()
        if spaced and found.group().lower() in prepositions:
            return words[index - 1]
    return words[-1] if words else None


def plurals(term: Term, language: str) -> list[str]:
    """The plural spellings of a term: the lexicon's own first, then the language's rules."""
    rule = _PLURAL_RULES.get(language)
    head = _head(term.text, language)
    generated: list[str] = []
    if rule is not None and head is not None and not head.group().isdigit():
        generated = [
            f"{term.text[: head.start()]}{plural}{term.text[head.end() :]}"
            for plural in rule(head.group())
        ]
    own = [term.plural] if term.plural else []
    return list(dict.fromkeys([*own, *generated]))


def forms(term: Term, language: str) -> list[tuple[str, Number, bool]]:
    """Every spelling to look for: `(surface, number, is_inflected)`, the term itself first."""
    found = [(term.text, Number.SINGULAR, False)]
    found += [(plural, Number.PLURAL, True) for plural in plurals(term, language)]
    return found


def plural_of(term: Term, language: str) -> str:
    """The plural the rewriter prints for a target term."""
    candidates = plurals(term, language)
    return candidates[0] if candidates else term.text

"""Dutch word forms by rule: plurals, diminutives and the attributive -e of adjectives.

Rules give several candidate plurals where Dutch is ambiguous (stress, loanwords): an extra
form costs a dictionary entry, a missed form costs a miss. The first candidate is the best
guess and is what the rewriter prints when the lexicon gives no `plural`.

Adjectives take -e before a noun except before a singular het-word after een, geen, elk, zo'n
or no determiner at all ("een nieuw klantbeeld", "een nieuwe offerte"); `with_e` and
`without_e` move an adjective between the two, with the spelling changes that come with an
open syllable (groot/grote, actief/actieve, snel/snelle).
"""

from __future__ import annotations

import re
from functools import lru_cache

from dikkevandale.languages import nl_words

VOWELS = "aeiouy"
_LONG_VOWELS = ("aa", "ee", "oo", "uu")
_DIPHTHONGS = ("ie", "ei", "ij", "ui", "ou", "au", "eu", "oe", "aa", "ee", "oo", "uu")
_S_PLURAL = ("el", "em", "en", "er", "je", "aar", "ier", "eur", "um")


def _is_acronym(word: str) -> bool:
    return len(word) > 1 and word.isupper()


def plurals(word: str) -> list[str]:
    """Candidate Dutch plurals of one word, best guess first.

    >>> plurals("koppeling"), plurals("systeem"), plurals("API")
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
    schwa = lower.endswith(_S_PLURAL) and len(lower) > 2 and lower[-3] not in VOWELS
    if lower.endswith("e"):
        return [f"{word}s", f"{word}n"]  # offertes; ziekten, ruimten
    if schwa:
        extra = [f"{word}{word[-1]}en", f"{word}en"] if lower.endswith(("el", "er")) else []
        return [f"{word}s", *extra]
    if not lower[-1].isalpha():
        return [f"{word}s"]
    loan = [] if lower.endswith("s") else [f"{word}s"]
    return [*_en_plurals(word), *loan]


def _en_plurals(word: str) -> list[str]:
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
    if lower[-1] in VOWELS + "wx" or not before or before[-1] not in VOWELS:
        return [f"{word}en"]
    if len(before) >= 2 and before[-2] in VOWELS:
        return [f"{word}en"]
    # A single short vowel before a single consonant: the consonant doubles ("processen").
    return [f"{word}{word[-1]}en", f"{word}en"]


def other_plurals(singular: str, plural: str) -> list[str]:
    """Plurals as correct as the lexicon's own: a noun in -e takes -s or -n alike
    ("kinderziektes", "kinderziekten"). Only looked for, never printed."""
    if singular.lower().endswith("e") and plural in (singular + "s", singular + "n"):
        return [singular + ("n" if plural.endswith("s") else "s")]
    return []


def diminutive(word: str) -> str:
    """The diminutive of one word (klantbeeld → klantbeeldje, koppeling → koppelinkje).

    >>> diminutive("rapport"), diminutive("systeem"), diminutive("agenda"), diminutive("werkbon")
    ('rapportje', 'systeempje', 'agendaatje', 'werkbonnetje')
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
        short = before[-1:] in ("a", "e", "i", "o", "u") and before[-2:-1] not in VOWELS
        schwa = lower.endswith(("el", "en", "er"))
        # A stressed short last syllable doubles: bonnetje, also at the end of a compound
        # (werkbonnetje, actieplannetje); an unstressed one does not (motortje, logintje).
        stressed = len(lower) <= 4 or lower[-2:] in ("an", "on", "al", "ol")
        if short and not schwa and stressed:
            return word + word[-1] + "etje"
        return word + "tje"
    return word + "je"


def stressed_diminutive(word: str) -> str:
    """A stressed -el/-en/-er doubles its consonant: voorstelletje beside tafeltje."""
    if word.lower().endswith(("el", "en", "er", "em")) and len(word) > 4:
        return word + word[-1] + "etje"
    return diminutive(word)


# Adjectives that never take -e ("een extra licentie", "een open ticket"), and ordinals and
# superlatives, which always have it.
_INVARIABLE = frozenset(
    "extra plus prima top gratis super open online offline realtime stand-alone rechts links"
    " anders beige oranje roze lila".split()
)
_ALWAYS_E = nl_words.ALWAYS_E
# A stressed -eel: relationeel, functioneel, actueel, financieel, structureel.
_LONG_EEL = re.compile(r"(?:ion|u|i|ur|tr)el$")
_OPEN_SYLLABLE = re.compile(r"(?<![aeiouy])[aeou][^aeiouyj]$")
_MONOSYLLABLE_SHORT = re.compile(r"^[^aeiouy]*[aeiou][^aeiouywjx]$")
_IRREGULAR = {"grof": "grove"}


def invariable(word: str) -> bool:
    """Adjectives that are the same with and without -e: extra, open, participles in -en."""
    lower = word.lower()
    return (
        lower in _INVARIABLE
        or lower in _ALWAYS_E
        or (lower.endswith("en") and not lower.endswith("een") and lower != "groen")
        or lower.endswith(("a", "o", "u"))
        or not lower.isalpha()
    )


@lru_cache(maxsize=8192)
def with_e(word: str) -> str:
    """The attributive form of an adjective (nieuw → nieuwe, groot → grote, snel → snelle).

    >>> [with_e(w) for w in ("nieuw", "groot", "actief", "snel", "relationeel", "extra")]
    ['nieuwe', 'grote', 'actieve', 'snelle', 'relationele', 'extra']
    """
    lower = word.lower()
    if invariable(word) or lower.endswith("e"):
        return word
    if lower in _IRREGULAR:
        return _same(word, _IRREGULAR[lower])
    stem = word
    if lower[-1] in "fs" and not lower.endswith("sch"):
        long_before = lower[:-1].endswith(_DIPHTHONGS) or lower[-2:-1] in ("l", "r")
        if long_before:
            stem = word[:-1] + {"f": "v", "s": "z"}[lower[-1]]
    if lower[:-1].endswith(_LONG_VOWELS) and lower[-1] not in VOWELS:
        stem = stem[:-2] + stem[-1]  # groot → grote: one vowel in the open syllable
    elif _MONOSYLLABLE_SHORT.match(lower):
        stem = word + word[-1]  # snel → snelle
    return stem + "e"


@lru_cache(maxsize=8192)
def without_e(word: str) -> str | None:
    """The predicative form of an attributive adjective, or None when it cannot be told.

    >>> [without_e(w) for w in ("nieuwe", "grote", "actieve", "snelle", "relationele")]
    ['nieuw', 'groot', 'actief', 'snel', 'relationeel']
    """
    lower = word.lower()
    if invariable(word):
        return word
    if not lower.endswith("e") or len(lower) < 3:
        return None
    stem = word[:-1]
    low = stem.lower()
    if len(low) >= 2 and low[-1] == low[-2] and low[-1] not in VOWELS:
        stem = stem[:-1]  # snelle → snel
    else:
        if low[-1] in "vz":
            stem = stem[:-1] + {"v": "f", "z": "s"}[low[-1]]
        long_eel = _LONG_EEL.search(low) is not None
        schwa = (
            low.endswith(("el", "er", "em")) and not long_eel and not _MONOSYLLABLE_SHORT.match(low)
        )
        if _OPEN_SYLLABLE.search(low) and not schwa and len(low) > 2:
            at = len(stem) - 2
            stem = stem[: at + 1] + stem[at] + stem[at + 1 :]  # grote → groot
    for plain, inflected in _IRREGULAR.items():
        if lower == inflected:
            return _same(word, plain)
    # Only an answer that inflects back into the word is sure.
    return stem if with_e(stem).lower() == lower else None


def _same(model: str, word: str) -> str:
    return word[:1].upper() + word[1:] if model[:1].isupper() else word

"""Guessing the language of a text from its most common words, to keep fuzzy matching honest.

A typo-tolerant match of a Dutch term inside an English sentence ("escalate" near "escalatie")
is a false hit. Exact spellings of any language still count (Dutch notes are full of English
jargon), but fuzzy matching is only tried against terms in the text's own language when that
language is clear. A stopword count is enough for that and costs no dependency.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from itertools import compress

from dikkevandale import languages

STOPWORDS: dict[str, frozenset[str]] = {
    code: languages.get(code).stopwords for code in sorted(languages.known())
}
"""Each language module's folded stopwords (see `Language.stopwords`)."""

_LANGUAGES_OF: dict[str, tuple[str, ...]] = {}
for _language, _words in STOPWORDS.items():
    for _word in _words:
        _LANGUAGES_OF[_word] = (*_LANGUAGES_OF.get(_word, ()), _language)


def detect_language(
    words: Iterable[str], *, minimum: int = 2, among: Iterable[str] | None = None
) -> str | None:
    """The language whose stopwords dominate `words` (case-folded), or None when unclear.

    `among` limits the choice to the languages that matter (those of the loaded lexicons).

    >>> detect_language("de klant wil een overzicht van het project".split())
    'nl'
    >>> detect_language(["crm"]) is None, detect_language(["the", "crm"])
    (True, 'en')
    """
    languages = _known(frozenset(among) if among else None)
    if len(languages) < 2:
        return next(iter(languages), None)
    # This runs for every paragraph, and running text is half stopwords: they are picked out
    # and counted per language at C speed.
    words = words if isinstance(words, list) else list(words)
    found = list(compress(words, map(_LANGUAGES_OF.__contains__, words)))
    # A tie never decides (see below), so the order among equal counts does not matter.
    ranked = sorted(
        [(sum(map(STOPWORDS[code].__contains__, found)), code) for code in languages],
        reverse=True,
    )
    (best_count, best), (runner_up, _) = ranked[0], ranked[1]
    if (best_count and not runner_up) or (best_count >= minimum and best_count >= 2 * runner_up):
        return best
    return None


@cache
def _known(among: frozenset[str] | None) -> tuple[str, ...]:
    """The languages to choose from: those of `among` that have stopwords, in a fixed order."""
    return tuple(code for code in STOPWORDS if among is None or code in among)

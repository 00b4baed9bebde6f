"""DVD017: a term that is a common word of its language, with nothing that keeps it in its domain.

"ticket", "licentie", "release", "campagne" are words every reader uses outside CRM work; as
plain terms they are rewritten in a concert review or a Creative Commons notice. A one-word
term whose frequency in ordinary text is at least once per million words (Zipf 3.0, the
lower end of what word-frequency research calls common words) is reported unless the lexicon
says how to treat it: `everyday: true` (rewritten only where the text shows the domain),
`everyday: false` (checked: no everyday sense), `not_in` or `needs`. Acronyms with
`case_sensitive: true` are left out: their capitals are their context.

The frequencies come from wordfreq (see `languages/data/LICENSE`), shipped as small gzipped
lists per language beside the common-word lists fuzzy matching uses (both made by
tools/frequent_words.py), and read only when a check runs: `dvd translate` never loads them.
"""

from __future__ import annotations

import gzip
from collections.abc import Iterable, Iterator, Mapping
from functools import cache
from pathlib import Path

from dikkevandale.languages.inflection import forms
from dikkevandale.model import Code, Concept, LexiconError, Term
from dikkevandale.normalize import WORD, fold

COMMON_ZIPF = 3.0
"""Zipf frequency (log10 of occurrences per billion words) from which a word is common."""

LANGUAGE_NAMES = {"nl": "Dutch", "en": "English", "pl": "Polish"}
_FOLDER = Path(__file__).parent.parent / "languages" / "data"


@cache
def frequencies(language: str) -> Mapping[str, float]:
    """Zipf frequency by word (folded) of the common words of `language`; {} when unknown.

    >>> frequencies("en")["ticket"] >= COMMON_ZIPF
    True
    """
    path = _FOLDER / f"{language}.txt.gz"
    if not path.is_file():
        return {}
    found: dict[str, float] = {}
    zipf = 0.0
    for line in gzip.decompress(path.read_bytes()).decode("utf-8").splitlines():
        if line.startswith("# "):
            zipf = float(line[2:])
        elif line:
            found.setdefault(fold(line), zipf)
    return found


def zipf_of(term: Term, language: str) -> float | None:
    """How common a one-word term (or its plural) is, or None for longer terms and rare words."""
    if term.case_sensitive or not WORD.fullmatch(term.text):
        return None
    known = frequencies(language)
    spellings = {term.text} | {
        surface for surface, label, _ in forms(term, language) if label in ("pl", "nom.pl")
    }
    found = [known[key] for key in map(fold, spellings) if key in known]
    return max(found) if found else None


def everyday_words(concepts: Iterable[Concept]) -> Iterator[LexiconError]:
    """A warning for each common word used as a term without a word on its context."""
    for concept in concepts:
        for terms in concept.terms.values():
            for term in terms:
                if term.everyday is not None or term.not_in or term.needs:
                    continue
                zipf = zipf_of(term, concept.language)
                if zipf is None or zipf < COMMON_ZIPF:
                    continue
                name = LANGUAGE_NAMES.get(concept.language, f"'{concept.language}'")
                yield LexiconError(
                    term.location or concept.location,
                    f"'{term.text}' ({concept.id}) is a common {name} word (about "
                    f"{10 ** (zipf - 3):.0f} in a million words): add 'everyday: true' to "
                    "rewrite it only where the text shows the domain, or 'not_in' or "
                    "'needs', or 'everyday: false' if it has no everyday sense",
                    Code.EVERYDAY,
                    "warning",
                )

"""Gloss mode: keep each term and add the target audience's word after it.

Both sides then read the same note: "de accountmanager (IT: recordeigenaar)". A term already
followed by its gloss is left alone, so glossing twice changes nothing.
"""

from __future__ import annotations

import bisect
from collections.abc import Mapping

from dikkevandale.languages.inflection import inflect_like
from dikkevandale.model import Concept, Match, Rewrite
from dikkevandale.normalize import PARAGRAPH_BREAK

DEFAULT_GLOSS = "{text} ({AUDIENCE}: {term})"
"""How gloss mode writes a term: {text} is the original, {term} the target audience's word."""


def check_gloss(label: str) -> str:
    """The gloss label, or a ValueError saying what it must contain."""
    try:
        label.format(text="", term="", audience="", AUDIENCE="")
    except (KeyError, IndexError, ValueError) as error:
        raise ValueError(
            f"gloss label {label!r} is not valid ({error}); use {{text}}, {{term}}, "
            "{audience} and {AUDIENCE}"
        ) from None
    if "{text}" not in label or "{term}" not in label:
        raise ValueError(f"gloss label {label!r} must contain {{text}} and {{term}}")
    return label


def gloss(
    text: str, matches: list[Match], concepts: Mapping[str, Concept], to: str, label: str
) -> list[Rewrite]:
    """Keep each term and add the target audience's word after it, once per concept per paragraph.

    Both sides then read the same note. A term already followed by its gloss is left alone,
    so glossing twice changes nothing.
    """
    breaks = [found.end() for found in PARAGRAPH_BREAK.finditer(text)]
    seen: set[tuple[int, str]] = set()
    rewrites: list[Rewrite] = []
    for match in matches:
        concept = concepts[match.concept]
        target = concept.preferred(to)
        if target is None:
            continue
        paragraph = bisect.bisect_right(breaks, match.start)
        if (paragraph, match.concept) in seen:
            continue
        seen.add((paragraph, match.concept))
        term, _ = inflect_like(target, concept.language, match.labels)
        glossed = label.format(text=match.text, term=term, audience=to, AUDIENCE=to.upper())
        if text.startswith(glossed, match.start):
            continue
        rewrites.append(Rewrite(match.start, match.end, match.text, glossed, match))
    return rewrites

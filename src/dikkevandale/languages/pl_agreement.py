"""Polish agreement around a replaced term (filled in below)."""

from __future__ import annotations

from dikkevandale.languages.base import Agreement, Edit, Scene
from dikkevandale.languages.pl_forms import narrow_cases
from dikkevandale.languages.text import words_before


def narrow(scene: Scene, labels: tuple[str, ...]) -> tuple[str, ...]:
    before = words_before(scene.text, scene.lower, scene.match.start, limit=1)
    return narrow_cases(labels, before[0].word if before else None)


def agree(scene: Scene, term: Edit) -> Agreement:
    return Agreement()

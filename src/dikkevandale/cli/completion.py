"""Shell completion of audiences and concept ids (`dvd translate --to <TAB>`).

Typer calls these while the shell asks; they read the lexicons in force exactly as the command
would (the compiled cache makes that quick) and never print or fail: a broken lexicon simply
completes nothing, and `dvd lexicon check` says why.
"""

from __future__ import annotations

from collections.abc import Iterable


def _matching(candidates: Iterable[str], incomplete: str) -> list[str]:
    start = incomplete.lower()
    return [name for name in candidates if name.lower().startswith(start)]


def complete_audience(incomplete: str) -> list[str]:
    """The audiences of the lexicons in force that start with what was typed."""
    try:
        from dikkevandale.translator import Translator

        return _matching(Translator.from_config().audiences, incomplete)
    except Exception:
        return []


def complete_concept(incomplete: str) -> list[str]:
    """The concept ids in force that start with what was typed."""
    try:
        from dikkevandale.translator import Translator

        return _matching(sorted(Translator.from_config().concepts), incomplete)
    except Exception:
        return []

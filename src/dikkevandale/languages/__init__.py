"""The languages dvd knows: one module per language code, found by name.

`get("nl")` imports `languages/nl.py` and gives its `LANGUAGE`; a code without a module gets a
plain `Language` that inflects and agrees nothing. Adding a language is adding one module (and
its tests): nothing else names the languages. Modules are imported on first use, so start-up
pays only for the languages of the lexicons in force.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from functools import cache

from dikkevandale.languages.base import Language

__all__ = ["Language", "get", "known"]

_CODE = re.compile(r"[a-z]{2,3}")


@cache
def get(code: str) -> Language:
    """The language with this code (a plain `Language` when dvd has no module for it).

    >>> get("nl").name, get("xx").name
    ('Dutch', 'unknown')
    """
    if _CODE.fullmatch(code) and code in known():
        module = importlib.import_module(f"{__name__}.{code}")
        language: Language = module.LANGUAGE
        return language
    return Language(code)


@cache
def known() -> frozenset[str]:
    """The codes that have a module of their own."""
    return frozenset(
        info.name for info in pkgutil.iter_modules(__path__) if _CODE.fullmatch(info.name)
    )

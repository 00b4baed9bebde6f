"""dikkevandale: a Dikke van Dale for CRM projects, translating jargon between audiences.

The library is the product; the `dvd` command is a thin adapter over these calls:

>>> from dikkevandale import Translator
>>> translator = Translator(to="it")
>>> translator.translate("Het 360-graden-klantbeeld is af.").text
'De mid-office-oplossing op basis van XML is af.'

Names are imported on first use, so that `dvd` starts without loading what a run does not
need (PyYAML, for one, only when a lexicon is not in the compiled cache).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_EXPORTS = {
    "Code": "model",
    "Concept": "model",
    "EmailTranslation": "translator",
    "FileTranslation": "translator",
    "Finding": "translator",
    "Index": "matching.index",
    "InputError": "io.streams",
    "LeftAlone": "translator",
    "Lexicon": "model",
    "LexiconError": "model",
    "Match": "model",
    "MatchKind": "model",
    "OptionError": "translator",
    "Options": "translator",
    "Piece": "translator",
    "Rewrite": "model",
    "Tally": "translator",
    "Term": "model",
    "Translation": "model",
    "Translator": "translator",
    "compile_index": "matching.index",
    "find_matches": "matching.matcher",
    "load_builtin": "lexicon.layers",
    "load_lexicon": "lexicon.layers",
    "parse_lexicon": "lexicon.loader",
    "translate": "translator",
}

__all__ = [
    "Code",
    "Concept",
    "EmailTranslation",
    "FileTranslation",
    "Finding",
    "Index",
    "InputError",
    "LeftAlone",
    "Lexicon",
    "LexiconError",
    "Match",
    "MatchKind",
    "OptionError",
    "Options",
    "Piece",
    "Rewrite",
    "Tally",
    "Term",
    "Translation",
    "Translator",
    "__version__",
    "compile_index",
    "find_matches",
    "load_builtin",
    "load_lexicon",
    "parse_lexicon",
    "translate",
]

if TYPE_CHECKING:
    from dikkevandale.io.streams import InputError
    from dikkevandale.lexicon.layers import load_builtin, load_lexicon
    from dikkevandale.lexicon.loader import parse_lexicon
    from dikkevandale.matching.index import Index, compile_index
    from dikkevandale.matching.matcher import find_matches
    from dikkevandale.model import (
        Code,
        Concept,
        Lexicon,
        LexiconError,
        Match,
        MatchKind,
        Rewrite,
        Term,
        Translation,
    )
    from dikkevandale.translator import (
        EmailTranslation,
        FileTranslation,
        Finding,
        LeftAlone,
        OptionError,
        Options,
        Piece,
        Tally,
        Translator,
        translate,
    )


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'dikkevandale' has no attribute {name!r}")
    return getattr(importlib.import_module(f"dikkevandale.{module}"), name)

"""dikkevandale: a Dikke van Dale for CRM projects, translating jargon between audiences.

The library is the product; the `dvd` command is a thin adapter over these calls:

>>> from dikkevandale import load_builtin, translate
>>> translate("Het 360-graden-klantbeeld is af.", load_builtin(), "it").text
'De mid-office-oplossing op basis van XML is af.'
"""

from dikkevandale.layers import load_builtin, load_lexicon
from dikkevandale.loader import parse_lexicon
from dikkevandale.matcher import compile_index, find_matches
from dikkevandale.model import (
    Concept,
    Lexicon,
    LexiconError,
    Match,
    MatchKind,
    Rewrite,
    Term,
    Translation,
)
from dikkevandale.rewriter import translate

__version__ = "0.1.0"

__all__ = [
    "Concept",
    "Lexicon",
    "LexiconError",
    "Match",
    "MatchKind",
    "Rewrite",
    "Term",
    "Translation",
    "__version__",
    "compile_index",
    "find_matches",
    "load_builtin",
    "load_lexicon",
    "parse_lexicon",
    "translate",
]

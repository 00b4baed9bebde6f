"""The few dikkevandale calls the benchmarks make, written once for the API's recent shapes.

The library is young and its loading API moves (`load_index(paths, builtin=...)` became
`load_index(layers)`); the benchmarks go through here so that a rename breaks one place.
Project and `DVD_LEXICON_PATH` layers are never consulted: a benchmark names its lexicons.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from dikkevandale.cache import load_index


def builtin_dir() -> Path:
    """The folder of the shipped lexicons."""
    try:
        from dikkevandale.layers import builtin_dir as found
    except ImportError:
        from dikkevandale.loader import builtin_dir as found  # type: ignore[attr-defined,no-redef]
    return found()


def load(paths: Sequence[Path] = (), *, builtin: bool = True) -> Any:
    """The compiled index (through the cache) of the built-in lexicons and/or `paths`."""
    try:
        from dikkevandale.layers import find_layers
    except ImportError:
        return load_index(paths, builtin=builtin)  # type: ignore[call-arg,arg-type]
    return load_index(find_layers(paths, builtin=builtin, project=False, environ={}))

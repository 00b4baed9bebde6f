"""The few dikkevandale calls the benchmarks make, in one place.

Project and `DVD_LEXICON_PATH` layers are never consulted: a benchmark names its lexicons.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from dikkevandale.lexicon.layers import builtin_dir, find_layers
from dikkevandale.matching.cache import load_index

__all__ = ["builtin_dir", "load"]


def load(paths: Sequence[Path] = (), *, builtin: bool = True, use_cache: bool = True) -> Any:
    """The compiled index (through the cache) of the built-in lexicons and/or `paths`."""
    layers = find_layers(paths, builtin=builtin, project=False, environ={})
    return load_index(layers, use_cache=use_cache)

"""The compiled-lexicon cache: parsing and indexing big lexicons once, not on every run.

Entries are keyed by the dvd version and the exact bytes of every lexicon file in force, so an
edited file, a new release or another Python simply misses. The folder is safe to delete, and a
cache that cannot be read or written is ignored: it may make dvd faster, never wrong.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import os
import pickle
import sys
from collections.abc import Iterable
from pathlib import Path

from dikkevandale.files import write_atomically
from dikkevandale.lexicon.layers import Layer
from dikkevandale.matching.index import Index, compile_index

CACHE_FORMAT = 1
# The modules whose code shapes a compiled index: a change to any of them is a new cache key,
# so a development build never reads an index pickled by older code of the same version.
_INDEX_MODULES = (
    "model",
    "normalize",
    "languages/inflection",
    "languages/polish",
    "languages/detect",
    "matching/index",
    "matching/store",
    "matching/matcher",
    "lexicon/loader",
    "lexicon/layers",
)


def cache_dir() -> Path | None:
    """Where compiled lexicons are kept; `DVD_CACHE_DIR` overrides, `DVD_NO_CACHE=1` disables."""
    if os.environ.get("DVD_NO_CACHE"):
        return None
    if override := os.environ.get("DVD_CACHE_DIR"):
        return Path(override)
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA", Path.home() / "AppData" / "Local"))
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Caches"
    else:
        base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "dikkevandale"


def load_index(layers: Iterable[Layer]) -> Index:
    """The compiled index of the given layers, from the cache when their bytes are known."""
    from dikkevandale import __version__
    from dikkevandale.lexicon.loader import read_bytes

    contents = [[(path, read_bytes(path)) for path in layer.files] for layer in layers]
    digest = hashlib.sha256(f"{__version__}\0{CACHE_FORMAT}\0{sys.version}".encode())
    package = Path(__file__).parent.parent
    for module in _INDEX_MODULES:
        with contextlib.suppress(OSError):
            digest.update((package / f"{module}.py").read_bytes())
    for number, layer_contents in enumerate(contents):
        for path, data in layer_contents:
            digest.update(f"\0{number}\0{path}\0{len(data)}\0".encode())
            digest.update(data)
    folder = cache_dir()
    entry = folder / f"{digest.hexdigest()}.pickle" if folder else None
    if entry is not None:
        cached = _read(entry)
        if cached is not None:
            return cached
    index = _compile(contents)
    if entry is not None:
        _write(entry, index)
    gc.freeze()
    return index


def _compile(contents: list[list[tuple[Path, bytes]]]) -> Index:
    from dikkevandale.lexicon.layers import merge
    from dikkevandale.lexicon.loader import decode_lexicon

    lexicon = merge(
        [(str(path), decode_lexicon(path, data)) for path, data in layer] for layer in contents
    )
    return compile_index(lexicon)


def _read(entry: Path) -> Index | None:
    # Unpickling builds hundreds of thousands of small objects; the cyclic garbage collector
    # would walk them again and again while they are created (a 4x slower load).
    collecting = gc.isenabled()
    gc.disable()
    try:
        with entry.open("rb") as handle:
            index = pickle.load(handle)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError):
        return None
    finally:
        if collecting:
            gc.enable()
    # The index lives as long as the run: keep the collector from walking its millions of
    # objects again at every full collection during the translation.
    gc.freeze()
    return index if isinstance(index, Index) else None


def _write(entry: Path, index: Index) -> None:
    with contextlib.suppress(OSError):
        entry.parent.mkdir(parents=True, exist_ok=True)
        data = pickle.dumps(index, protocol=pickle.HIGHEST_PROTOCOL)
        write_atomically(entry, data, durable=False, force=True)

"""The compiled-lexicon cache: parsing and indexing big lexicons once, not on every run.

Entries are keyed by the dvd version, the code that shapes an index and the exact bytes of every
lexicon file in force, so an edited file, a new release or another Python simply misses. The
folder is safe to delete, and a cache that cannot be read or written is ignored: it may make
dvd faster, never wrong.

An entry is a pickle, and unpickling runs whatever code a pickle names, so an entry is trusted
only when it can only have been written by this user's dvd: the folder and the file belong to
the user and nobody else may write to them, and the entry carries an HMAC-SHA256 over its bytes
with a per-user key kept beside it (mode 0600). Anything else (a planted or corrupted entry, a
folder shared with others) is a miss: the index is rebuilt in memory, the entry removed where
possible, and a shared folder is named once through `notice`. HMAC rather than a code-free
format keeps the warm start under a quarter of a second, since pickle is the fastest way
Python has to rebuild a large index.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import os
import pickle
import secrets
import stat
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import NamedTuple

from dikkevandale.collector import paused
from dikkevandale.files import write_atomically
from dikkevandale.lexicon.layers import Layer
from dikkevandale.matching.index import Index, compile_index, start_helper

CACHE_FORMAT = 4
MAX_ENTRIES = 8
"""Entries kept; the least recently used beyond this are removed when one is written."""
NOTICE_AFTER = 0.5
"""Seconds of compiling after which `notice` is told why this run is slow."""
_SUFFIX = ".index"
_KEY_FILE = "key"
_MAGIC = b"dvd-index\0"
# The modules whose code shapes a compiled index: a change to any of them is a new cache key,
# so a development build never reads an index pickled by older code of the same version.
_INDEX_MODULES = (
    "model",
    "normalize",
    "languages/*",
    "matching/index",
    "matching/rules",
    "matching/store",
    "lexicon/loader",
    "lexicon/source",
    "lexicon/context",
    "lexicon/layers",
)

Notice = Callable[[str], None]


def cache_dir() -> Path | None:
    """Where compiled lexicons are kept; `DVD_CACHE_DIR` overrides, `DVD_NO_CACHE=1` disables.

    A relative `XDG_CACHE_HOME` is ignored, as the XDG specification asks: it would put the
    cache in whatever folder dvd happens to run in.
    """
    if os.environ.get("DVD_NO_CACHE"):
        return None
    if override := os.environ.get("DVD_CACHE_DIR"):
        return Path(override).absolute()
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA", Path.home() / "AppData" / "Local"))
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Caches"
    else:
        xdg = os.environ.get("XDG_CACHE_HOME", "")
        base = Path(xdg) if xdg and Path(xdg).is_absolute() else Path.home() / ".cache"
    return base / "dikkevandale"


def load_index(
    layers: Iterable[Layer], *, use_cache: bool = True, notice: Notice | None = None
) -> Index:
    """The compiled index of the given layers, from the cache when their bytes are known."""
    from dikkevandale.lexicon.source import read_bytes

    contents = [[(path, read_bytes(path)) for path in layer.files] for layer in layers]
    folder = cache_dir() if use_cache else None
    key = _key(contents)
    entry = folder / f"{key}{_SUFFIX}" if folder else None
    secret = _secret(folder, notice) if folder is not None else None
    if entry is not None and secret is not None:
        cached = _read(entry, secret)
        if cached is not None:
            return cached
    index = _compile_noting(contents, notice)
    if entry is not None and secret is not None:
        _write(entry, index, secret)
    return index


def _key(contents: list[list[tuple[Path, bytes]]]) -> str:
    from dikkevandale import __version__

    digest = hashlib.sha256(f"{__version__}\0{CACHE_FORMAT}\0{sys.version}".encode())
    package = Path(__file__).parent.parent
    for module in _INDEX_MODULES:
        for path in sorted(package.glob(f"{module}.py")):
            with contextlib.suppress(OSError):
                digest.update(path.read_bytes())
    for number, layer_contents in enumerate(contents):
        for path, data in layer_contents:
            digest.update(f"\0{number}\0{path}\0{len(data)}\0".encode())
            digest.update(data)
    return digest.hexdigest()


def _compile_noting(contents: list[list[tuple[Path, bytes]]], notice: Notice | None) -> Index:
    """Compile, telling `notice` once if it takes longer than NOTICE_AFTER seconds."""
    if notice is None:
        return _compile(contents)
    files = sum(len(layer) for layer in contents)
    size = sum(len(data) for layer in contents for _, data in layer)
    message = (
        f"compiling {files} lexicon file{'s' if files != 1 else ''} ({size / 1e6:.1f} MB)"
        " into the cache, once; later runs start at once"
    )
    announcer = _Announcer(notice, message)
    try:
        return _compile(contents, announcer)
    finally:
        announcer.stop()


class _Announcer:
    """Says `message` once, from a timer thread, when NOTICE_AFTER seconds have passed.

    The thread is stopped while a compile helper is forked (a process forks only without
    other threads, see `forked`) and started again for the time that is left.
    """

    def __init__(self, notice: Notice, message: str) -> None:
        self.notice = notice
        self.message = message
        self.due = time.monotonic() + NOTICE_AFTER
        self.said = False
        self.timer: threading.Timer | None = None
        self._start()

    def _start(self) -> None:
        self.timer = threading.Timer(max(0.0, self.due - time.monotonic()), self._say)
        self.timer.daemon = True
        self.timer.start()

    def _say(self) -> None:
        self.said = True
        self.notice(self.message)

    def stop(self) -> None:
        if self.timer is not None:
            self.timer.cancel()
            self.timer.join()
            self.timer = None

    @contextlib.contextmanager
    def paused(self) -> Iterator[None]:
        self.stop()
        try:
            yield
        finally:
            if not self.said:
                self._start()


def _compile(
    contents: list[list[tuple[Path, bytes]]], announcer: _Announcer | None = None
) -> Index:
    from dikkevandale.lexicon.layers import merge
    from dikkevandale.lexicon.loader import decode_lexicon

    # One pause over parsing, merging and compiling: the objects each step makes are walked
    # once by the collector afterwards, not at the end of every step (a tenth of a second).
    with paused():
        lexicon = merge(
            [(str(path), decode_lexicon(path, data)) for path, data in layer] for layer in contents
        )
        with announcer.paused() if announcer is not None else contextlib.nullcontext():
            helper = start_helper(lexicon)
        try:
            return compile_index(lexicon, helper)
        finally:
            if helper is not None:
                helper.close()


def _private(status: os.stat_result) -> bool:
    """Whether only this user could have written a file or folder with this status."""
    if not hasattr(os, "getuid"):  # pragma: no cover - Windows: the profile folder is private
        return True
    writable_by_others = status.st_mode & (stat.S_IWGRP | stat.S_IWOTH)
    return status.st_uid == os.getuid() and not writable_by_others


_warned: set[str] = set()


def _secret(folder: Path, notice: Notice | None) -> bytes | None:
    """This user's HMAC key, or None when the folder cannot be trusted (said once)."""
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not _private(folder.lstat()) or not stat.S_ISDIR(folder.lstat().st_mode):
            _distrust(
                folder, "it is not a folder of this user's that only this user may write to", notice
            )
            return None
        key_path = folder / _KEY_FILE
        try:
            descriptor = os.open(key_path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        except FileNotFoundError:
            return _new_secret(key_path)
        with os.fdopen(descriptor, "rb") as handle:
            status = os.fstat(handle.fileno())
            if not _private(status) or status.st_mode & 0o077:
                _distrust(folder, "its key file is readable or writable by others", notice)
                return None
            secret = handle.read(64)
        return secret if len(secret) == 32 else _new_secret(key_path)
    except OSError:
        return None


def _new_secret(key_path: Path) -> bytes:
    secret = secrets.token_bytes(32)
    temporary = key_path.with_name(f".{key_path.name}.{os.getpid()}.tmp")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(secret)
    # Two runs that start at once may both make a key; the one renamed last wins, and an
    # entry signed with the other is simply a miss for the next run.
    temporary.replace(key_path)
    return secret


def _distrust(folder: Path, reason: str, notice: Notice | None) -> None:
    if notice is not None and str(folder) not in _warned:
        _warned.add(str(folder))
        notice(f"not using the lexicon cache in {folder}: {reason}")


def _read(entry: Path, secret: bytes) -> Index | None:
    try:
        descriptor = os.open(entry, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return None
    try:
        with os.fdopen(descriptor, "rb") as handle:
            if not _private(os.fstat(handle.fileno())):
                return None
            data = handle.read()
        tag, body = data[len(_MAGIC) : len(_MAGIC) + 32], data[len(_MAGIC) + 32 :]
        if not data.startswith(_MAGIC) or not hmac.compare_digest(
            tag, hmac.new(secret, body, hashlib.sha256).digest()
        ):
            raise ValueError("not an entry of this user's dvd")
        # Unpickling builds many objects; the cyclic collector would walk them again and
        # again while they are made (a several times slower load).
        with paused():
            index = pickle.loads(body)
        if not isinstance(index, Index):
            raise TypeError("not an index")
    except Exception:
        # Whatever is wrong with an entry (truncated, corrupted, planted, from another
        # version), it is a miss, and it goes.
        with contextlib.suppress(OSError):
            entry.unlink()
        return None
    with contextlib.suppress(OSError):
        os.utime(entry)  # recently used: kept when the cache is trimmed
    return index


def _write(entry: Path, index: Index, secret: bytes) -> None:
    with contextlib.suppress(OSError):
        body = pickle.dumps(index, protocol=pickle.HIGHEST_PROTOCOL)
        tag = hmac.new(secret, body, hashlib.sha256).digest()
        write_atomically(entry, _MAGIC + tag + body, durable=False, force=True)
        entry.chmod(0o600)
        trim(entry.parent, keep=MAX_ENTRIES)


class CacheInfo(NamedTuple):
    """What `dvd cache info` shows."""

    folder: Path | None
    entries: int
    size: int
    newest: float | None


def cache_info() -> CacheInfo:
    folder = cache_dir()
    entries = _entries(folder) if folder is not None else []
    sizes = [entry.stat().st_size for entry in entries]
    newest = max((entry.stat().st_mtime for entry in entries), default=None)
    return CacheInfo(folder, len(entries), sum(sizes), newest)


def clear_cache() -> int:
    """Remove every compiled entry (and the key); how many entries were removed."""
    folder = cache_dir()
    if folder is None:
        return 0
    removed = 0
    for entry in _entries(folder):
        with contextlib.suppress(OSError):
            entry.unlink()
            removed += 1
    with contextlib.suppress(OSError):
        (folder / _KEY_FILE).unlink()
    return removed


def trim(folder: Path, *, keep: int) -> None:
    """Remove all but the `keep` most recently used entries."""
    entries = sorted(_entries(folder), key=_used, reverse=True)
    for entry in entries[keep:]:
        with contextlib.suppress(OSError):
            entry.unlink()


def _used(entry: Path) -> float:
    try:
        return entry.stat().st_mtime
    except OSError:
        return 0.0


def _entries(folder: Path) -> list[Path]:
    try:
        return [p for p in folder.iterdir() if p.suffix in (_SUFFIX, ".pickle") and p.is_file()]
    except OSError:
        return []

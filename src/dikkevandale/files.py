"""Reading and replacing files without ever losing what was there.

Every file dvd writes (a translated note, an edited lexicon, an imported glossary, a cache
entry) goes through `write_atomically`: the new bytes go to a temporary file in the same
folder, are flushed to disk, and are then renamed over the old file in one step, so a crash, a
full disk or Ctrl-C leaves either the old file or the new one, never half of either.

Decisions a user can rely on:
- a symbolic link is followed, as `sed -i --follow-symlinks` and editors do: the file it
  points to gets the new bytes and the link stays a link;
- the file keeps its permission bits and, where the system allows, its owner and group;
- a read-only file, or one with several hard links (which a rename would split), is refused
  unless `force` is given;
- a backup (`FILE.bak`) is written the same way, so an interrupted run never leaves a
  truncated backup, and a symbolic link planted at `FILE.bak` is replaced, not followed;
- temporary files carry the writer's process id, so one left by a killed run is removed by
  the next run that writes beside it.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

_TEMP_SUFFIX = ".dvd.tmp"


class NotRegularFileError(OSError):
    """A path that is a FIFO, a device or a folder where a regular file was expected."""


class RefusedWriteError(OSError):
    """A file dvd will not replace without `force` (read-only, or hard-linked)."""


class ChangedMeanwhileError(OSError):
    """The file no longer holds what the writer read from it: someone else edited it."""


def read_regular(path: Path, *, limit: int | None = None) -> bytes:
    """The bytes of a regular file; a FIFO, device or folder raises NotRegularFileError.

    The file is opened without blocking, so a FIFO planted where a lexicon is expected is
    refused at once instead of hanging the run. `limit` bounds what is read (OSError EFBIG).
    """
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    try:
        status = os.fstat(descriptor)
        if not stat.S_ISREG(status.st_mode):
            kind = "a folder" if stat.S_ISDIR(status.st_mode) else "a FIFO or device"
            raise NotRegularFileError(errno.EINVAL, kind, str(path))
        if limit is not None and status.st_size > limit:
            raise OSError(errno.EFBIG, f"larger than {limit} bytes", str(path))
    except BaseException:
        os.close(descriptor)
        raise
    with os.fdopen(descriptor, "rb") as stream:
        return stream.read()


def write_atomically(
    path: Path,
    data: bytes,
    *,
    backup: bool = False,
    force: bool = False,
    durable: bool = True,
    sync_folder: bool = True,
    validate: Callable[[Path], None] | None = None,
    expect: bytes | None = None,
) -> None:
    """Replace the bytes of `path` (or create it) all at once; see the module's decisions.

    `validate` may inspect the written temporary file and refuse it by raising; `expect` is
    what the file must still hold just before the rename, so that an edit someone made
    meanwhile is not overwritten (hold `locked` around read and write for that to be exact).
    `durable=False` skips the fsyncs, for caches that may be lost; `sync_folder=False` leaves
    the folder's fsync to the caller, who writes many files and syncs each folder once
    (`sync_folder`). Raises OSError (with a
    `strerror` fit for a message) and leaves the file as it was on any failure.
    """
    target = Path(os.path.realpath(path))
    folder = target.parent
    try:
        status: os.stat_result | None = target.stat()
    except FileNotFoundError:
        status = None
    if status is not None and not force:
        _refuse_unsafe(target, status)
    remove_stale_temporaries(folder)
    written: list[Path] = []
    try:
        temporary = _write_temporary(target, data, status, durable)
        written.append(temporary)
        if validate is not None:
            validate(temporary)
        if expect is not None and (status is None or target.read_bytes() != expect):
            raise ChangedMeanwhileError(errno.EAGAIN, "changed on disk meanwhile", str(path))
        if backup and status is not None:
            copy = _write_temporary(target, target.read_bytes(), status, durable)
            written.append(copy)
            copy.replace(target.with_name(target.name + ".bak"))
            written.remove(copy)
        temporary.replace(target)
        written.remove(temporary)
    finally:
        for leftover in written:
            with contextlib.suppress(OSError):
                leftover.unlink()
    if durable and sync_folder:
        sync_folder_of(target)


def _refuse_unsafe(target: Path, status: os.stat_result) -> None:
    if not status.st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH) or not os.access(
        target, os.W_OK
    ):
        raise RefusedWriteError(errno.EACCES, "read-only; use --force to replace it", str(target))
    if status.st_nlink > 1:
        raise RefusedWriteError(
            errno.EMLINK,
            f"has {status.st_nlink} hard links, which replacing it would split;"
            " use --force to replace it anyway",
            str(target),
        )


def _write_temporary(
    target: Path, data: bytes, status: os.stat_result | None, durable: bool
) -> Path:
    handle, name = tempfile.mkstemp(
        dir=target.parent, prefix=f".{target.name}.{os.getpid()}.", suffix=_TEMP_SUFFIX
    )
    temporary = Path(name)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            if durable:
                os.fsync(stream.fileno())
        if status is None:
            temporary.chmod(0o666 & ~_umask())
        else:
            temporary.chmod(stat.S_IMODE(status.st_mode))
            if hasattr(os, "chown"):
                with contextlib.suppress(OSError):  # only root may give a file away
                    os.chown(temporary, status.st_uid, status.st_gid)
    except BaseException:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise
    return temporary


def remove_stale_temporaries(folder: Path) -> int:
    """Remove temporary files that a killed dvd left in `folder`; how many were removed.

    Only files named like ours whose writing process no longer runs are touched.
    """
    removed = 0
    with contextlib.suppress(OSError):
        for entry in os.scandir(folder):
            if not (entry.name.startswith(".") and entry.name.endswith(_TEMP_SUFFIX)):
                continue
            parts = entry.name[: -len(_TEMP_SUFFIX)].rsplit(".", 2)
            if len(parts) != 3 or not parts[1].isdigit() or _running(int(parts[1])):
                continue
            with contextlib.suppress(OSError):
                Path(entry.path).unlink()
                removed += 1
    return removed


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # it exists, under another user
    return True


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def sync_folder_of(path: Path) -> None:
    """Make the renames in the folder of `path` durable where the system allows it (not on
    Windows)."""
    folder = Path(os.path.realpath(path)).parent
    with contextlib.suppress(OSError, AttributeError):
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


@contextlib.contextmanager
def locked(path: Path) -> Iterator[None]:
    """Hold an exclusive advisory lock on the folder of `path` while the block runs.

    Two `dvd lexicon add` runs on one file then read, check and replace it one after the
    other instead of overwriting each other. The folder itself is locked, so no lock file is
    left in a lexicon repository. Where `fcntl` does not exist (Windows) this does nothing.
    """
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows
        yield
        return
    folder = Path(os.path.realpath(path)).parent
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield
    finally:
        os.close(descriptor)  # closing releases the lock

"""`files`: atomic replacement that never loses the old bytes, and reading only regular files."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from dikkevandale import files


def test_write_replaces_the_bytes_and_keeps_the_mode(tmp_path: Path) -> None:
    path = tmp_path / "note.md"
    path.write_bytes(b"old")
    path.chmod(0o640)
    files.write_atomically(path, b"new")
    assert path.read_bytes() == b"new"
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["note.md"]


def test_a_new_file_gets_the_usual_mode(tmp_path: Path) -> None:
    path = tmp_path / "new.md"
    files.write_atomically(path, b"x")
    mask = os.umask(0)
    os.umask(mask)
    assert stat.S_IMODE(path.stat().st_mode) == 0o666 & ~mask


def test_a_symlink_is_followed_and_stays_a_link(tmp_path: Path) -> None:
    target = tmp_path / "real.md"
    target.write_bytes(b"old")
    link = tmp_path / "link.md"
    link.symlink_to(target)
    files.write_atomically(link, b"new")
    assert link.is_symlink()
    assert target.read_bytes() == b"new"


def test_a_read_only_file_is_refused_unless_forced(tmp_path: Path) -> None:
    path = tmp_path / "locked.md"
    path.write_bytes(b"old")
    path.chmod(0o444)
    with pytest.raises(files.RefusedWriteError, match="read-only"):
        files.write_atomically(path, b"new")
    assert path.read_bytes() == b"old"
    files.write_atomically(path, b"new", force=True)
    assert path.read_bytes() == b"new"
    assert stat.S_IMODE(path.stat().st_mode) == 0o444


def test_a_hard_linked_file_is_refused_unless_forced(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_bytes(b"old")
    os.link(path, tmp_path / "b.md")
    with pytest.raises(files.RefusedWriteError, match="hard links"):
        files.write_atomically(path, b"new")
    assert (tmp_path / "b.md").read_bytes() == b"old"


def test_the_backup_holds_the_old_bytes_and_replaces_a_planted_link(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_bytes(b"old")
    victim = tmp_path / "victim"
    victim.write_bytes(b"precious")
    (tmp_path / "a.md.bak").symlink_to(victim)
    files.write_atomically(path, b"new", backup=True)
    assert (tmp_path / "a.md.bak").read_bytes() == b"old"
    assert not (tmp_path / "a.md.bak").is_symlink()
    assert victim.read_bytes() == b"precious"


def test_a_failing_validation_leaves_everything_as_it_was(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_bytes(b"old")

    def refuse(temporary: Path) -> None:
        assert temporary.read_bytes() == b"new"
        raise ValueError("no")

    with pytest.raises(ValueError, match="no"):
        files.write_atomically(path, b"new", backup=True, validate=refuse)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.md"]
    assert path.read_bytes() == b"old"


def test_a_change_made_meanwhile_is_not_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_bytes(b"edited by someone else")
    with pytest.raises(files.ChangedMeanwhileError):
        files.write_atomically(path, b"new", expect=b"what we read")
    assert path.read_bytes() == b"edited by someone else"


def test_temporaries_of_a_killed_run_are_removed_by_the_next(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    dead = int(done.stdout)
    stale = tmp_path / f".a.md.{dead}.x1y2z3.dvd.tmp"
    stale.write_bytes(b"half")
    alive = tmp_path / f".a.md.{os.getpid()}.q.dvd.tmp"
    alive.write_bytes(b"mine, in progress")
    other = tmp_path / ".unrelated.tmp"
    other.write_bytes(b"not ours")
    files.write_atomically(tmp_path / "a.md", b"new")
    assert not stale.exists()
    assert alive.exists() and other.exists()


def test_read_regular_refuses_a_fifo_at_once(tmp_path: Path) -> None:
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs here")
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    with pytest.raises(files.NotRegularFileError):
        files.read_regular(fifo)
    with pytest.raises(files.NotRegularFileError):
        files.read_regular(tmp_path)
    with pytest.raises(OSError, match="larger than"):
        (tmp_path / "big").write_bytes(b"x" * 100)
        files.read_regular(tmp_path / "big", limit=10)


def test_locked_runs_one_holder_at_a_time(tmp_path: Path) -> None:
    path = tmp_path / "lexicon.yaml"
    path.write_text("x")
    inside: list[int] = []
    overlaps: list[bool] = []

    def hold(number: int) -> None:
        with files.locked(path):
            overlaps.append(bool(inside))
            inside.append(number)
            time.sleep(0.02)
            inside.remove(number)

    threads = [threading.Thread(target=hold, args=(n,)) for n in range(5)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert overlaps == [False] * 5


def test_a_termination_signal_during_a_write_leaves_no_temporary_file(tmp_path: Path) -> None:
    """SIGTERM/SIGHUP unwind like Ctrl-C once dvd's handlers are in place (cli.app.main)."""
    import signal

    from dikkevandale.cli.app import Terminated, install_signal_handlers

    path = tmp_path / "note.md"
    path.write_bytes(b"old")
    previous = {number: signal.getsignal(number) for number in (signal.SIGTERM, signal.SIGHUP)}
    install_signal_handlers()
    try:
        for number in previous:

            def signal_arrives(_: Path, number: int = number) -> None:
                os.kill(os.getpid(), number)

            with pytest.raises(Terminated):
                files.write_atomically(path, b"new", backup=True, validate=signal_arrives)
            assert sorted(p.name for p in tmp_path.iterdir()) == ["note.md"]
            assert path.read_bytes() == b"old"
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


def test_the_dvd_command_exits_143_on_sigterm(tmp_path: Path) -> None:
    """A real process: killed while it waits for standard input, it exits 128 + 15."""
    import signal

    dvd = Path(sys.executable).parent / "dvd"
    process = subprocess.Popen(
        [str(dvd), "translate", "--to", "it"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdin is not None
    process.stdin.write(b"Het 360-graden-klantbeeld.\n\n")
    process.stdin.flush()
    assert process.stdout is not None
    process.stdout.readline()  # it is running and has translated a paragraph
    process.send_signal(signal.SIGTERM)
    process.communicate(timeout=30)
    assert process.returncode == 128 + signal.SIGTERM

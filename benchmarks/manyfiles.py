"""Part (f) of benchmarks/run.py: `dvd translate --in-place` of many small files, 1 or 2 jobs.

Generated notes of 2-5 KB with planted terms of the built-in lexicons, translated in place by
one `dvd translate -f ... -f ...` command with `--jobs 1` and with `--jobs 2`, each run on
fresh copies of the notes, the cache warm, the two interleaved. For context, the same through
the library (`Translator.translate_files` in a process already started), in place and without
writing (each in-place write is durable: two fsyncs), and the start-up floor: the command on a
single note. Every run must write the same translated files.
"""

from __future__ import annotations

import cProfile
import hashlib
import os
import random
import shutil
import statistics
from collections.abc import Sequence
from pathlib import Path

import dvdapi
import generate
from common import (
    MB,
    TO,
    Lexicons,
    Settings,
    dvd_command,
    median_range,
    print_profile,
    run_child,
    run_timed,
    sample_terms,
    section,
    verdict,
)

TARGET = 1.6
JOBS = (1, 2)
# Times Translator.translate_files on fresh copies in one process, a new translator each time
# (cold memos, as in a fresh `dvd`): prints the seconds of jobs 1 and 2 in place, then of jobs
# 1 and 2 not written, per line, after one warm-up of each.
FILES_CHILD = """
import shutil, sys, time
from pathlib import Path
from dikkevandale import Translator
source, run, runs, builtin = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
def once(jobs, in_place):
    translator = Translator(sys.argv[5:], builtin=builtin == "1", to="it")
    shutil.rmtree(run, ignore_errors=True)
    shutil.copytree(source, run)
    paths = sorted(run.iterdir())
    start = time.perf_counter()
    for _ in translator.translate_files(paths, jobs=jobs, in_place=in_place):
        pass
    return time.perf_counter() - start
cases = [(1, True), (2, True), (1, False), (2, False)]
for case in cases:
    once(*case)
for _ in range(runs):
    print(*(once(*case) for case in cases))
"""


def write_notes(folder: Path, count: int, terms: Sequence[str]) -> tuple[int, int]:
    """`count` notes of 2-5 KB in `folder`; their total size in bytes and terms planted."""
    folder.mkdir()
    rng = random.Random(3)
    volume = planted = 0
    for number in range(count):
        text, found = generate.generate_text(rng.randint(2_000, 5_000), terms, seed=100 + number)
        path = folder / f"note-{number:03d}.md"
        path.write_text(text, encoding="utf-8")
        volume += path.stat().st_size
        planted += found
    return volume, planted


def fresh_copy(source: Path, target: Path) -> list[str]:
    """The notes copied anew into `target`, as the relative paths a user would type."""
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(source, target)
    return [os.path.relpath(path) for path in sorted(target.iterdir())]


def digest(folder: Path) -> str:
    summary = hashlib.sha256()
    for path in sorted(folder.iterdir()):
        summary.update(path.name.encode() + b"\0" + path.read_bytes())
    return summary.hexdigest()


def part_files(settings: Settings, lexicons: Lexicons, work: Path, profile: bool) -> None:
    count = settings.files
    section(f"(f) many files: `dvd translate --to {TO} --in-place` of {count} notes, 1 vs 2 jobs")
    index = dvdapi.load(lexicons.builtin_paths, builtin=lexicons.builtin_flag)
    source = work / "notes"
    volume, planted = write_notes(source, count, sample_terms(index))
    run = work / "notes-run"
    base = [*dvd_command(), "translate", "--to", TO, *lexicons.builtin_options, "--in-place"]

    def command(jobs: int, files: Sequence[str]) -> list[str]:
        return [*base, "--jobs", str(jobs), *(item for name in files for item in ("-f", name))]

    outputs: set[str] = set()
    times: dict[int, list[float]] = {jobs: [] for jobs in JOBS}
    single: list[float] = []
    for jobs in JOBS:  # warm-up: the cache, the page cache, the bytecode
        run_timed(command(jobs, fresh_copy(source, run)), b"")
        outputs.add(digest(run))
    changed = sum((source / path.name).read_bytes() != path.read_bytes() for path in run.iterdir())
    for repetition in range(settings.files_runs):
        order = JOBS if repetition % 2 == 0 else JOBS[::-1]
        for jobs in order:
            files = fresh_copy(source, run)
            times[jobs].append(run_timed(command(jobs, files), b""))
            outputs.add(digest(run))
        single.append(run_timed(command(1, fresh_copy(source, run)[:1]), b""))
    library = [
        [float(value) for value in line.split()]
        for line in run_child(
            FILES_CHILD,
            str(source),
            str(work / "notes-library"),
            str(settings.files_runs),
            "1" if lexicons.builtin_flag else "0",
            *map(str, lexicons.builtin_paths),
        ).splitlines()
    ]
    print(
        f"{count} notes, {volume / MB:.2f} MB, {planted:,} terms planted;"
        f" {changed} of them changed by a run; {lexicons.builtin_label} lexicons;"
        f" median of {settings.files_runs} runs (min-max)"
    )
    if len(outputs) != 1:
        print(f"WARNING: the runs wrote {len(outputs)} different sets of translated notes")
    print(f"  {'':<40}{'--jobs 1':>18}{'--jobs 2':>18}{'speed-up':>10}")
    rows = {
        f"dvd translate --in-place, {count} notes": [times[jobs] for jobs in JOBS],
        "Translator.translate_files, in place": [[row[n] for row in library] for n in (0, 1)],
        "Translator.translate_files, not written": [[row[n] for row in library] for n in (2, 3)],
    }
    for label, (ones, twos) in rows.items():
        cells = []
        for values in (ones, twos):
            mid, low, high = median_range(values)
            cells.append(f"{mid:>6.2f} s ({low:.2f}-{high:.2f})")
        ratio = statistics.median(ones) / statistics.median(twos)
        print(f"  {label:<40}{cells[0]:>18}{cells[1]:>18}{ratio:>9.2f}x")
    mid, low, high = median_range(single)
    print(f"  {'dvd translate --in-place, 1 note':<40}{mid:>6.2f} s ({low:.2f}-{high:.2f})")
    one, two = (statistics.median(times[jobs]) for jobs in JOBS)
    floor = statistics.median(single)
    best = one / (floor + (one - floor) / 2)
    speedup = one / two
    print(
        f"what start-up leaves to share: {one - floor:.2f} s of {one:.2f} s; two perfect"
        f" workers would give at most {best:.2f}x"
    )
    line = f"speed-up --jobs 2 over --jobs 1: {speedup:.2f}x, target >= {TARGET}x: "
    line += verdict(speedup >= TARGET)
    if speedup < TARGET:
        line += f" by {TARGET - speedup:.3f}x"
    print(line)
    if profile:
        profile_files(lexicons, source, work / "notes-profile")


def profile_files(lexicons: Lexicons, source: Path, run: Path) -> None:
    from dikkevandale import Translator

    translator = Translator(lexicons.builtin_paths, builtin=lexicons.builtin_flag, to=TO)
    for jobs in JOBS:
        paths = fresh_copy(source, run)
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in translator.translate_files(paths, jobs=jobs, in_place=True):
            pass
        profiler.disable()
        print_profile(profiler, f"translate_files, jobs={jobs}, in this process (the parent)")

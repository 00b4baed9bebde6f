"""What every part of benchmarks/run.py shares: sizes, the lexicons under test, timing helpers.

Nothing here imports dikkevandale, so that run.py can say how to run it when the wrong
interpreter imports this first.
"""

from __future__ import annotations

import cProfile
import io
import pstats
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from dikkevandale.matching.index import Index

HERE = str(Path(__file__).resolve().parent)
MB = 1_000_000
MIB = 1 << 20
TO = "it"
NOTE = (
    "Notulen overleg: het 360-graden-klantbeeld is bijna klaar.\n"
    "De backoffice koppelingen volgen na de livegang; het klantenbestand\n"
    "moet eerst worden opgeschoond.\n"
)


@dataclass(frozen=True)
class Settings:
    startup_runs: int
    sizes: tuple[tuple[int, int], ...]
    """(bytes, runs) per throughput text size."""
    load_runs: int
    memory_sizes: tuple[int, ...]
    latency_calls: int
    """(e): timed calls per side."""
    files_runs: int
    """(f): runs of `dvd translate --in-place` per number of jobs."""
    concepts: int = 10_000
    split: int = 10
    """(c): the files the 10k lexicon is split into for the one-file-among-several edit."""
    files: int = 200
    """(f): generated notes translated in place."""


FULL = Settings(15, ((1 * MB, 5), (10 * MB, 3)), 5, (10 * MB, 50 * MB), 5_000, 5)
QUICK = Settings(5, ((1 * MB, 3),), 2, (1 * MB, 4 * MB), 2_000, 3)


@dataclass(frozen=True)
class Lexicons:
    """Where the lexicons under test live, as library arguments and as CLI options."""

    builtin_paths: tuple[Path, ...]
    builtin_flag: bool
    builtin_options: tuple[str, ...]
    builtin_label: str
    big: Path


def median_range(values: Sequence[float]) -> tuple[float, float, float]:
    return statistics.median(values), min(values), max(values)


def verdict(ok: bool) -> str:
    return "MET" if ok else "MISSED"


def section(title: str) -> None:
    print(f"\n== {title} ==", flush=True)


def dvd_command() -> list[str]:
    script = Path(sys.executable).with_name("dvd")
    return [str(script)] if script.exists() else [sys.executable, "-m", "dikkevandale"]


def translate_big(lexicons: Lexicons) -> list[str]:
    """`dvd translate --to it` with the generated 10,000-concept lexicon alone."""
    return [*dvd_command(), "translate", "--to", TO, "--no-builtin", "--lexicon", str(lexicons.big)]


def sample_terms(index: Index) -> list[str]:
    """Terms to plant: every Dutch term of every audience (target terms are found and kept)."""
    return [
        term.text
        for concept in index.concepts
        if concept.language == "nl"
        for terms in concept.terms.values()
        for term in terms
    ]


def run_timed(command: Sequence[str], stdin: bytes, env: dict[str, str] | None = None) -> float:
    """Wall time of one command; a failure ends the benchmark with the command's stderr."""
    start = time.perf_counter()
    done = subprocess.run(command, input=stdin, capture_output=True, check=False, env=env)
    elapsed = time.perf_counter() - start
    if done.returncode:
        sys.exit(f"{' '.join(command)} failed ({done.returncode}): {done.stderr.decode()}")
    return elapsed


def run_child(code: str, *arguments: str, env: dict[str, str] | None = None) -> str:
    """The stdout of `python -c code arguments...`; a failure ends the benchmark."""
    done = subprocess.run(
        [sys.executable, "-c", code, *arguments],
        capture_output=True,
        text=True,
        check=False,
        env=env,
    )
    if done.returncode:
        sys.exit(f"benchmark child failed ({done.returncode}): {done.stderr}")
    return done.stdout


def print_profile(profiler: cProfile.Profile, title: str, limit: int = 14) -> None:
    print(f"\n-- cProfile: {title} (top {limit} by own time)")
    stream = io.StringIO()
    stats = pstats.Stats(profiler, stream=stream).strip_dirs().sort_stats("tottime")
    stats.print_stats(limit)
    lines = stream.getvalue().splitlines()
    start = next(i for i, line in enumerate(lines) if line.lstrip().startswith("ncalls"))
    head = next(line for line in lines if "function calls" in line)
    print(head.strip())
    print("\n".join(lines[start:]).rstrip())

"""Part (c) of benchmarks/run.py: how long the generated 10,000-concept lexicon takes to load.

Every load is timed in a fresh process (imports excluded), in the situations a user meets:
cold (an empty cache: parse + compile + write the cache), the same without any cache
(`DVD_NO_CACHE=1`: parse + compile alone, so the difference is the cost of writing the cache),
right after a one-concept edit of the lexicon file (the cache is warm for the file as it was),
right after editing one of several files of the same concepts given as a folder, and warm.
"""

from __future__ import annotations

import cProfile
import os
import shutil
import statistics
import sys
from dataclasses import dataclass
from pathlib import Path

import dvdapi
import generate
from common import (
    HERE,
    MB,
    NOTE,
    Lexicons,
    Settings,
    median_range,
    print_profile,
    run_child,
    run_timed,
    section,
    translate_big,
    verdict,
)

COLD_TARGET = 1.5
EDIT_TARGET = 1.5
WARM_TARGET = 0.3
# Prints the seconds `load_index` took and 1 when it wrote a cache entry (a miss), 0 when it
# did not (a hit), - without a cache.
LOAD_CHILD = """
import os, sys, time
from pathlib import Path
import yaml, rapidfuzz
sys.path.insert(0, sys.argv[1])
import dvdapi
from dikkevandale.matching.cache import cache_dir
folder = cache_dir()
def entries():
    return set(os.listdir(folder)) if folder is not None and folder.is_dir() else set()
before = entries()
start = time.perf_counter()
dvdapi.load([Path(p) for p in sys.argv[2:]], builtin=False)
elapsed = time.perf_counter() - start
print(elapsed, "-" if folder is None else int(bool(entries() - before)))
"""


def load_once(path: Path, env: dict[str, str]) -> tuple[float, str]:
    """Seconds of one fresh-process load of `path`, and whether it wrote the cache (1/0/-)."""
    seconds, wrote = run_child(LOAD_CHILD, HERE, str(path), env=env).split()
    return float(seconds), wrote


def cache_env(folder: Path) -> dict[str, str]:
    return {**os.environ, "DVD_CACHE_DIR": str(folder)}


def target_line(label: str, value: float, target: float, *, strict: bool = False) -> str:
    ok = value < target if strict else value <= target
    line = f"{label} {value:.2f} s, target {'<' if strict else '<='} {target} s: {verdict(ok)}"
    if not ok:
        line += f" by {value - target:.2f} s ({value / target:.1f}x the target)"
    return line


@dataclass(frozen=True)
class Copies:
    """The lexicons part (c) edits: a copy of the 10k file, and its concepts split into files
    of a folder, each with a cache of its own."""

    edited: Path
    edit_env: dict[str, str]
    split: Path
    split_edited: Path
    split_env: dict[str, str]
    files: int


def make_copies(settings: Settings, lexicons: Lexicons, work: Path) -> Copies:
    edited = work / "lexicon-edit" / "generated.yaml"
    edited.parent.mkdir()
    shutil.copyfile(lexicons.big, edited)
    split = work / "lexicon-split"
    split.mkdir()
    parts = generate.split_lexicon(lexicons.big.read_text(encoding="utf-8"), settings.split)
    for number, text in enumerate(parts, start=1):
        (split / f"part-{number:02d}.yaml").write_text(text, encoding="utf-8")
    return Copies(
        edited,
        cache_env(work / "cache-edit"),
        split,
        split / f"part-{len(parts) // 2 + 1:02d}.yaml",
        cache_env(work / "cache-split"),
        len(parts),
    )


def part_load(settings: Settings, lexicons: Lexicons, work: Path, profile: bool) -> None:
    section(f"(c) load time of the {settings.concepts:,}-concept lexicon (fresh processes)")
    # The run's main cache: already warm for this lexicon when part (b) ran.
    warm_env = cache_env(work / "cache")
    copies = make_copies(settings, lexicons, work)
    # Each copy's cache is warmed first: the first timed edit then misses only by the edit.
    for path, env in (
        (lexicons.big, warm_env),
        (copies.edited, copies.edit_env),
        (copies.split, copies.split_env),
    ):
        load_once(path, env)
    labels = {
        "cold": "cold: parse + compile + write cache",
        "no cache": "no cache (DVD_NO_CACHE=1): parse + compile",
        "edit": "after a one-concept edit (one file)",
        "split edit": f"after editing 1 of {copies.files} files (a folder)",
        "warm": "warm: read the cache",
        "split warm": f"warm, the folder of {copies.files} files",
        "whole": "whole `dvd translate` of a note, warm",
    }
    times, unexpected = measure_loads(settings, lexicons, work, copies, warm_env)
    sizes = [entry.stat().st_size for entry in (work / "cache").iterdir()]
    print(
        f"lexicon {lexicons.big.stat().st_size / MB:.1f} MB of YAML;"
        f" compiled cache {max(sizes) / MB:.1f} MB;"
        f" the folder: {copies.files} files of {settings.concepts // copies.files:,} concepts"
    )
    for key, count in unexpected.items():
        print(
            f"WARNING: {count} run(s) of '{labels[key]}' hit or missed the cache unexpectedly"
            " (src/ changed during the run?)" + ("; left out of the median" if key in WARM else "")
        )
    if not times["warm"]:
        sys.exit("no warm run hit the cache")
    print(f"{'':<46}{'median':>8}   (min-max, {settings.load_runs} runs)")
    for key, label in labels.items():
        if times.get(key):
            mid, low, high = median_range(times[key])
            print(f"{label:<46}{mid:>6.2f} s   ({low:.2f}-{high:.2f})")
    median = {key: statistics.median(values) for key, values in times.items() if values}
    writing = median["cold"] - median["no cache"]
    print(
        f"of the cold load, writing the cache takes about {writing:.2f} s"
        f" (cold - no cache, medians); parse + compile alone {median['no cache']:.2f} s"
    )
    print(target_line("cold load", median["cold"], COLD_TARGET))
    print(target_line("after a one-concept edit", median["edit"], EDIT_TARGET))
    print(
        target_line(f"after editing 1 of {copies.files} files", median["split edit"], EDIT_TARGET)
    )
    print(target_line("warm load", median["warm"], WARM_TARGET, strict=True))
    if profile:
        os.environ["DVD_CACHE_DIR"] = str(work / "cache")
        profiler = cProfile.Profile()
        profiler.runcall(dvdapi.load, [lexicons.big], builtin=False)
        print_profile(profiler, "warm load_index (in-process)", limit=8)
        profiler = cProfile.Profile()
        profiler.runcall(dvdapi.load, [lexicons.big], builtin=False, use_cache=False)
        print_profile(profiler, "load_index without a cache: parse + compile (in-process)")


WARM = ("warm", "split warm")


def measure_loads(
    settings: Settings, lexicons: Lexicons, work: Path, copies: Copies, warm_env: dict[str, str]
) -> tuple[dict[str, list[float]], dict[str, int]]:
    """Seconds per kind of load, the kinds interleaved; and how many runs of a kind hit or
    missed the cache against expectation (warm runs that missed are left out)."""
    times: dict[str, list[float]] = {}
    unexpected: dict[str, int] = {}

    def timed(key: str, path: Path, env: dict[str, str], expect: str) -> None:
        seconds, wrote = load_once(path, env)
        times.setdefault(key, [])
        if wrote != expect:
            unexpected[key] = unexpected.get(key, 0) + 1
            if key in WARM:
                return  # a warm run that missed says nothing about reading the cache
        times[key].append(seconds)

    note = NOTE.encode()
    translate_command = translate_big(lexicons)
    for repetition in range(settings.load_runs):
        cold_dir = work / f"cache-cold-{repetition}"
        timed("cold", lexicons.big, cache_env(cold_dir), "1")
        shutil.rmtree(cold_dir, ignore_errors=True)
        timed("no cache", lexicons.big, {**os.environ, "DVD_NO_CACHE": "1"}, "-")
        generate.edit_term(copies.edited, repetition)
        timed("edit", copies.edited, copies.edit_env, "1")
        generate.edit_term(copies.split_edited, repetition)
        timed("split edit", copies.split, copies.split_env, "1")
        timed("warm", lexicons.big, warm_env, "0")
        timed("split warm", copies.split, copies.split_env, "0")
        times.setdefault("whole", []).append(run_timed(translate_command, note, warm_env))
    return times, unexpected

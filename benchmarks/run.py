"""On-demand performance benchmarks for dvd; prints medians and ratios, never part of pytest.

Run with the project's environment: `python benchmarks/run.py [--quick] [--profile]`.
Every comparator is measured in the same run, interleaved with dvd, so that a busy machine
slows all sides alike; each number is the median of several runs (min-max in brackets).
All runs use a temporary DVD_CACHE_DIR, so the user's cache is never touched.

(a) Start-up: wall time of `dvd translate --to it` on a short Dutch note on stdin (cache warm)
    against a minimal Typer hello-world script and `python -c "import typer, yaml, rapidfuzz"`.
    Target: dvd / hello-world <= 1.25x. dvd's bytecode is compiled before any part, as
    `pip install` does: an editable checkout under PYTHONDONTWRITEBYTECODE=1 would otherwise
    recompile every module of dvd from source on each run, a cost no installed copy pays
    (~20 ms here).
(b) Throughput in MB/s (10^6 bytes of UTF-8 input per second) on generated Dutch-like text (see
    generate.py) with the built-in lexicons and with a generated 10,000-concept lexicon, fuzzy
    matching on and off, through the library as the CLI runs it: `Translator.translations` over
    the input's bytes, which cuts, decodes and translates them (paragraphs that arrive together
    are one piece when the lexicons are of one language; a paragraph at a time with the
    built-in lexicons, which have three). Also the library called paragraph by paragraph
    (`translate`, as a loop in a user's program would), for comparison. Against flashtext's
    KeywordProcessor (case-insensitive, every term of every non-target audience -> the
    target's preferred term, `replace_keywords` paragraph by paragraph, its fastest: on one
    huge string it degrades quadratically) and a plain `text.lower()` of the whole text as the
    floor. Targets at 10k concepts, for the CLI's path: fuzzy off >= 1.0x flashtext, fuzzy on
    >= 0.5x flashtext. Then a generated Markdown corpus of the smaller size (front matter,
    headings, lists, quotes, tables, fenced and indented code, HTML blocks, inline code and
    links; generate.generate_markdown), dvd as the CLI runs it, flashtext on the pieces dvd's
    stream cutter gives (no target: dvd parses Markdown and leaves code and links alone,
    flashtext does neither).
(c) Load time of the 10k lexicon in fresh subprocesses (imports excluded, see loadtime.py):
    cold (empty cache: parse + compile + write the cache), the same with DVD_NO_CACHE=1
    (parse + compile alone; the difference is writing the cache), right after a one-concept
    edit of the file (cache warm for it as it was), right after editing one of 10 files of
    1,000 concepts given as a folder, and warm (from the cache), plus a whole warm
    `dvd translate` with that lexicon. Targets: cold <= 1.5 s, after an edit <= 1.5 s, warm
    load < 0.3 s.
(d) Peak memory (max RSS of the child, via resource.getrusage) of `dvd translate --to it` with
    the 10k lexicon on generated input streamed through stdin, small and large, to show memory
    is flat in input size. Target: < 200 MiB.
(e) Library call latency (latency.py): `Translator.translate` of a one-sentence Dutch note
    with the built-in lexicons, warm, each call timed, against `dikkevandale.translate(text,
    lexicon, to)` with one Lexicon object and a bare `str.replace` of the same rewrites.
    Target: median <= 0.2 ms.
(f) Many files (manyfiles.py): `dvd translate --to it --in-place` of 200 generated notes of
    2-5 KB, `--jobs 1` against `--jobs 2`, fresh copies each run, cache warm; for context the
    same through `Translator.translate_files` (no start-up; in place and not written) and the
    command on one note.
    Target: speed-up of --jobs 2 >= 1.6x (on 2 cores).

--profile adds dvd's top-level import times to (a), a cProfile of (b) at 10k concepts (fuzzy
off and on), of a warm load and of parse + compile to (c), of the calls of (e) and of
`translate_files` in the parent process to (f). --only a|b|c|d|e|f (repeatable) runs only
some parts. --quick shrinks sizes and repetitions (about 3 minutes); the full run takes
10-15 minutes. Shared helpers live in common.py.

While others edit src/, a run can straddle two versions (and miss the compiled-lexicon cache,
whose key covers the code): such runs are flagged. To measure one fixed state, copy src/ and
lexicons/ elsewhere and run with PYTHONPATH=<copy>/src; the header names the package measured.
If the built-in lexicons do not load, the Dutch one alone stands in for them (with a note).
"""

from __future__ import annotations

import argparse
import cProfile
import dataclasses
import gc
import hashlib
import io
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from common import (
    FULL,
    MB,
    MIB,
    NOTE,
    QUICK,
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
    translate_big,
    verdict,
)

try:
    import dikkevandale
    import dvdapi
    import generate
    from dikkevandale import translate
    from dikkevandale.io.streams import paragraphs as paragraph_pieces
    from dikkevandale.matching.index import Index
    from dikkevandale.model import LexiconError
    from dikkevandale.translator import translator_for
    from latency import part_latency
    from loadtime import part_load
    from manyfiles import part_files
except ImportError:  # pragma: no cover - wrong interpreter
    sys.exit("run with the project's environment, e.g. /tmp/venv/bin/python benchmarks/run.py")

HELLO = '''"""A minimal Typer command, the start-up floor for any Typer CLI."""
import typer

app = typer.Typer()


@app.command()
def hello(name: str = "world") -> None:
    """Say hello."""
    print(f"Hello {name}")


if __name__ == "__main__":
    app()
'''
RSS_CHILD = """
import resource, subprocess, sys, time
with open(sys.argv[1], "rb") as stdin:
    start = time.perf_counter()
    subprocess.run(sys.argv[2:], stdin=stdin, stdout=subprocess.DEVNULL, check=True)
    wall = time.perf_counter() - start
scale = 1 if sys.platform == "darwin" else 1024
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * scale, wall)
"""


def choose_builtin(big: Path) -> Lexicons:
    """The built-in lexicons, or the Dutch one alone when the set does not load as shipped."""
    try:
        dvdapi.load()
    except LexiconError as error:
        fallback = dvdapi.builtin_dir() / "nl"
        print(f"NOTE: the built-in lexicons do not load ({error});")
        print(f"      benchmarking with {fallback} alone (--no-builtin --lexicon) instead.")
        return Lexicons(
            (fallback,), False, ("--no-builtin", "--lexicon", str(fallback)), "built-in nl", big
        )
    return Lexicons((), True, (), "built-in", big)


# -- (a) start-up -------------------------------------------------------------------------


def part_startup(settings: Settings, lexicons: Lexicons, work: Path, profile: bool) -> None:
    section("(a) start-up: wall time of one short translation (subprocess, stdin, cache warm)")
    hello = work / "hello.py"
    hello.write_text(HELLO, encoding="utf-8")
    commands = {
        f"dvd translate --to {TO}": [*dvd_command(), "translate", "--to", TO],
        "typer hello-world": [sys.executable, str(hello)],
        "import typer, yaml, rapidfuzz": [sys.executable, "-c", "import typer, yaml, rapidfuzz"],
    }
    dvd_label = next(iter(commands))
    commands[dvd_label] += lexicons.builtin_options
    stdin = NOTE.encode()
    for command in commands.values():
        for _ in range(2):
            run_timed(command, stdin)
    times: dict[str, list[float]] = {label: [] for label in commands}
    labels = list(commands)
    for repetition in range(settings.startup_runs):
        shift = repetition % len(labels)
        for label in labels[shift:] + labels[:shift]:
            times[label].append(run_timed(commands[label], stdin))
    print(f"{'command':<34}{'median':>10}   (min-max, {settings.startup_runs} runs)")
    for label, values in times.items():
        mid, low, high = median_range(values)
        print(f"{label:<34}{mid * 1000:>8.0f} ms   ({low * 1000:.0f}-{high * 1000:.0f})")
    dvd = statistics.median(times[dvd_label])
    hello_world = statistics.median(times["typer hello-world"])
    ratio = dvd / hello_world
    print(f"ratio dvd / hello-world: {ratio:.2f}x   target <= 1.25x: {verdict(ratio <= 1.25)}")
    print(
        f"dvd - hello-world: {(dvd - hello_world) * 1000:+.0f} ms"
        f" (1.25x allows {hello_world * 250:+.0f} ms)"
    )
    if profile:
        profile_imports(commands[dvd_label], stdin)


def compile_bytecode() -> None:
    """Write dvd's .pyc files, as installing a wheel does (a no-op when they are current)."""
    import compileall

    import dikkevandale

    package = Path(dikkevandale.__file__).parent
    compileall.compile_dir(package, quiet=1)
    print(f"bytecode: {package} compiled, as `pip install` does")


def profile_imports(command: Sequence[str], stdin: bytes, limit: int = 10) -> None:
    """The top-level imports of one dvd run by cumulative time (PYTHONPROFILEIMPORTTIME)."""
    done = subprocess.run(
        command,
        input=stdin,
        capture_output=True,
        env={**os.environ, "PYTHONPROFILEIMPORTTIME": "1"},
        check=True,
    )
    rows: list[tuple[int, str]] = []
    for line in done.stderr.decode().splitlines():
        parts = line.removeprefix("import time:").split("|")
        if len(parts) == 3 and parts[1].strip().isdigit() and not parts[2].startswith("  "):
            rows.append((int(parts[1]), parts[2].strip()))
    print(f"\n-- top-level imports of one dvd run (cumulative, top {limit})")
    for micros, name in sorted(rows, reverse=True)[:limit]:
        print(f"  {micros / 1000:6.1f} ms  {name}")


# -- (b) throughput -----------------------------------------------------------------------


def paragraphs(text: str) -> list[str]:
    """Pieces ending after a blank line, as textio.paragraphs cuts a stream."""
    return re.split(r"(?<=\n\n)", text)


def dvd_runner(index: Index, *, fuzzy: bool) -> Callable[[str], int]:
    """dvd as `dvd translate` runs it: the input's bytes cut, decoded and translated."""
    translator = translator_for(index)

    def run(text: str) -> int:
        found = 0
        out = io.StringIO()
        for piece in translator.translations(io.BytesIO(text.encode()), TO, fuzzy=fuzzy):
            out.write(piece.translation.text)
            found += len(piece.translation.rewrites)
        return found

    return run


def paragraph_runner(index: Index, *, fuzzy: bool) -> Callable[[str], int]:
    """The library called once per paragraph, as a loop in a user's program would."""

    def run(text: str) -> int:
        found = 0
        out = io.StringIO()
        for piece in paragraphs(text):
            result = translate(piece, index, TO, fuzzy=fuzzy)
            out.write(result.text)
            found += len(result.rewrites)
        return found

    return run


def flashtext_processor(index: Index) -> object:
    from flashtext import KeywordProcessor

    processor = KeywordProcessor(case_sensitive=False)
    for concept in index.concepts:
        target = concept.preferred(TO)
        if target is None:
            continue
        for audience, terms in concept.terms.items():
            if audience != TO:
                for term in terms:
                    processor.add_keyword(term.text, target.text)
    return processor


def flashtext_runner(processor: object) -> Callable[[str], int]:
    # Paragraph by paragraph, like dvd: on one big string flashtext's `new_sentence += ...` turns
    # quadratic whenever the allocator has to move the string (0.8 instead of 10 MB/s on 1 MB,
    # 0.05 MB/s on 10 MB, depending on the heap's history), which would flatter dvd at random.
    replace = processor.replace_keywords  # type: ignore[attr-defined]

    def run(text: str) -> int:
        out = io.StringIO()
        for piece in paragraphs(text):
            out.write(replace(piece))
        return -1

    return run


def lower_runner(text: str) -> int:
    text.lower()
    return -1


def part_throughput(settings: Settings, lexicons: Lexicons, profile: bool) -> None:
    section("(b) throughput: MB/s through the library, paragraph by paragraph")
    try:
        import flashtext  # noqa: F401
    except ImportError:
        sys.exit("flashtext is missing: pip install -e '.[bench]'")
    cases = {
        lexicons.builtin_label: dvdapi.load(lexicons.builtin_paths, builtin=lexicons.builtin_flag),
        f"{settings.concepts:,} concepts": dvdapi.load([lexicons.big], builtin=False),
    }
    ratios: dict[tuple[str, str, int], float] = {}
    for name, index in cases.items():
        start = time.perf_counter()
        processor = flashtext_processor(index)
        build = time.perf_counter() - start
        terms = sample_terms(index)
        keys = len(index.table)
        keywords = len(processor)  # type: ignore[arg-type]
        # As `dvd translate` does once its lexicons are loaded: what lives as long as the run
        # (the index, and flashtext's keyword trie alike) is no longer walked by every full
        # collection, which otherwise charges each side for the other's heap.
        gc.collect()
        gc.freeze()
        print(
            f"\n-- {name}: {len(index.concepts):,} concepts, {keys:,} index keys;"
            f" flashtext: {keywords:,} keywords, built in {build:.1f} s"
        )
        runners: dict[str, Callable[[str], int]] = {
            "dvd, fuzzy off": dvd_runner(index, fuzzy=False),
            "dvd, fuzzy on": dvd_runner(index, fuzzy=True),
            "per paragraph, fuzzy off": paragraph_runner(index, fuzzy=False),
            "flashtext replace_keywords": flashtext_runner(processor),
            "str.lower (floor)": lower_runner,
        }
        for size, runs in settings.sizes:
            text, planted = generate.generate_text(size, terms)
            data = len(text.encode())
            seconds: dict[str, list[float]] = {label: [] for label in runners}
            found: dict[str, int] = {}
            labels = list(runners)
            for repetition in range(runs):
                shift = repetition % len(labels)
                for label in labels[shift:] + labels[:shift]:
                    gc.collect()
                    start = time.perf_counter()
                    found[label] = runners[label](text)
                    seconds[label].append(time.perf_counter() - start)
            flash = statistics.median(seconds["flashtext replace_keywords"])
            print(
                f"{data / MB:.1f} MB, {planted:,} terms planted; median of {runs} runs"
                f" (MB/s min-max)"
            )
            print(f"  {'':<28}{'MB/s':>9}{'x flashtext':>13}{'rewrites':>10}")
            for label, values in seconds.items():
                mid, low, high = median_range(values)
                ratio = flash / mid
                ratios[(name, label, size)] = ratio
                count = f"{found[label]:,}" if found[label] >= 0 else ""
                print(
                    f"  {label:<28}{data / MB / mid:>9.2f}{ratio:>12.2f}x{count:>10}"
                    f"   ({data / MB / high:.2f}-{data / MB / low:.2f})"
                )
        markdown_size, markdown_runs = settings.sizes[0]
        text, planted = generate.generate_markdown(markdown_size, terms)
        ratios.update(
            {
                (name, f"markdown {label}", markdown_size): ratio
                for label, ratio in markdown_throughput(
                    index, processor, text, planted, markdown_runs
                ).items()
            }
        )
        if profile and name != lexicons.builtin_label:
            profile_throughput(index, terms, settings.sizes[0][0])
    gc.unfreeze()
    big = f"{settings.concepts:,} concepts"
    largest = settings.sizes[-1][0]
    off = ratios[(big, "dvd, fuzzy off", largest)]
    on = ratios[(big, "dvd, fuzzy on", largest)]
    apart = ratios[(big, "per paragraph, fuzzy off", largest)]
    print(f"\ntargets at {big}, {largest // MB} MB, as the CLI runs dvd:")
    print(f"  fuzzy off {off:.2f}x flashtext, target >= 1.0x: {verdict(off >= 1.0)}")
    print(f"  fuzzy on  {on:.2f}x flashtext, target >= 0.5x: {verdict(on >= 0.5)}")
    print(f"  (the library called paragraph by paragraph, fuzzy off: {apart:.2f}x flashtext)")


def markdown_throughput(
    index: Index, processor: object, text: str, planted: int, runs: int
) -> dict[str, float]:
    """(b) on a generated Markdown corpus: dvd as the CLI runs it (its stream cutter keeps code
    and HTML blocks whole), flashtext on the pieces that cutter gives. dvd parses each piece
    that may hold Markdown and leaves code, link targets and HTML alone; flashtext rewrites
    them."""
    data = len(text.encode())
    start = time.perf_counter()
    pieces = list(paragraph_pieces(io.BytesIO(text.encode())))
    cutting = time.perf_counter() - start

    def dvd(fuzzy: bool) -> Callable[[], int]:
        runner = dvd_runner(index, fuzzy=fuzzy)
        return lambda: runner(text)

    replace = processor.replace_keywords  # type: ignore[attr-defined]

    def flashtext() -> int:
        for piece in pieces:
            replace(piece)
        return -1

    runners: dict[str, Callable[[], int]] = {
        "dvd, fuzzy off": dvd(False),
        "dvd, fuzzy on": dvd(True),
        "flashtext replace_keywords": flashtext,
    }
    seconds: dict[str, list[float]] = {label: [] for label in runners}
    found: dict[str, int] = {}
    labels = list(runners)
    for repetition in range(runs):
        shift = repetition % len(labels)
        for label in labels[shift:] + labels[:shift]:
            gc.collect()
            start = time.perf_counter()
            found[label] = runners[label]()
            seconds[label].append(time.perf_counter() - start)
    flash = statistics.median(seconds["flashtext replace_keywords"])
    print(
        f"Markdown, {data / MB:.1f} MB, {len(pieces):,} pieces ({data / MB / cutting:.0f} MB/s"
        f" to cut), {planted:,} terms planted in prose; median of {runs} runs"
    )
    print(f"  {'':<28}{'MB/s':>9}{'x flashtext':>13}{'rewrites':>10}")
    ratios: dict[str, float] = {}
    for label, values in seconds.items():
        mid, low, high = median_range(values)
        ratios[label] = flash / mid
        count = f"{found[label]:,}" if found[label] >= 0 else ""
        print(
            f"  {label:<28}{data / MB / mid:>9.2f}{flash / mid:>12.2f}x{count:>10}"
            f"   ({data / MB / high:.2f}-{data / MB / low:.2f})"
        )
    return ratios


def profile_throughput(index: Index, terms: list[str], size: int) -> None:
    text, _ = generate.generate_text(size, terms)
    for fuzzy in (False, True):
        runner = dvd_runner(index, fuzzy=fuzzy)
        profiler = cProfile.Profile()
        profiler.runcall(runner, text)
        print_profile(profiler, f"translate {size / MB:.0f} MB, fuzzy {'on' if fuzzy else 'off'}")


# -- (d) peak memory ----------------------------------------------------------------------


def part_memory(settings: Settings, lexicons: Lexicons, work: Path) -> None:
    section(f"(d) peak memory of `dvd translate --to {TO}` with {settings.concepts:,} concepts")
    terms = generate.lexicon_terms(lexicons.big.read_text(encoding="utf-8"))
    chunk = min(settings.memory_sizes[0], 10 * MB)
    text, _ = generate.generate_text(chunk, terms)
    data = text.encode()
    command = translate_big(lexicons)
    rows: list[tuple[str, int, float, float]] = []
    path = work / "memory-input.txt"
    cold = {**os.environ, "DVD_CACHE_DIR": str(work / "cache-memory-cold")}
    path.write_bytes(NOTE.encode())
    rss, wall = run_child(RSS_CHILD, str(path), *command, env=cold).split()
    rows.append(("note, cold cache", path.stat().st_size, int(rss) / MIB, float(wall)))
    cache = work / "cache"
    env = {**os.environ, "DVD_CACHE_DIR": str(cache)}
    # Part (c) leaves this cache warm; run alone (--only d), this part warms it itself.
    run_child(RSS_CHILD, str(path), *command, env=env)
    for size in (0, *settings.memory_sizes):
        cached = len(list(cache.iterdir())) if cache.is_dir() else 0
        with path.open("wb") as handle:
            if not size:
                handle.write(NOTE.encode())
            # Large inputs repeat one generated block: memory, not variety, is measured here.
            while handle.tell() < size:
                handle.write(data[: size - handle.tell()])
                handle.write(b"\n\n")
        label = f"{size // MB} MB" if size else "note"
        rss, wall = run_child(RSS_CHILD, str(path), *command, env=env).split()
        if len(list(cache.iterdir())) > cached:
            label += " (cache MISS)"
        rows.append((label, path.stat().st_size, int(rss) / MIB, float(wall)))
        path.unlink()
    print(f"{'input on stdin':<20}{'max RSS':>12}{'wall':>10}{'MB/s':>8}   (one run each)")
    for label, volume, rss, wall in rows:
        speed = f"{volume / MB / wall:8.2f}" if volume >= MB else ""
        print(f"{label:<20}{rss:>8.0f} MiB{wall:>9.1f}s{speed}")
    warm = rows[1:]
    peak = max(rss for _, _, rss, _ in warm)
    growth = warm[-1][2] - warm[1][2]
    print(
        f"peak with a warm cache {peak:.0f} MiB, {growth:+.0f} MiB from {warm[1][0]} to"
        f" {warm[-1][0]}; target < 200 MiB: {verdict(peak < 200)}"
    )


def source_state() -> str:
    """The commit benchmarked, and whether the working tree differs from it."""
    root = Path(__file__).resolve().parent.parent
    package = Path(dikkevandale.__file__).resolve().parent
    if not package.is_relative_to(root):
        return f"dikkevandale from {package}"
    try:
        described = subprocess.run(
            ["git", "describe", "--always", "--dirty"],
            cwd=root,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "an unknown commit"
    return f"commit {described}"


def load_average() -> str:
    """The machine's 1-minute load: how much others competed for the CPUs."""
    try:
        return f"load average {os.getloadavg()[0]:.1f}"
    except OSError:
        return "load average unknown"


def source_digest() -> str:
    """A digest of the package's code, to notice when it changes in the middle of a run."""
    digest = hashlib.sha256()
    for path in sorted(Path(dikkevandale.__file__).parent.rglob("*.py")):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def run_parts(parts: set[str], settings: Settings, work: Path, *, profile: bool) -> None:
    big = work / "lexicon-10k" / "generated.yaml"
    big.parent.mkdir()
    big.write_text(generate.generate_lexicon(settings.concepts), encoding="utf-8")
    lexicons = choose_builtin(big)
    # Every part times fresh dvd processes (a, c, d, f).
    compile_bytecode()
    if "a" in parts:
        part_startup(settings, lexicons, work, profile)
    if "b" in parts:
        part_throughput(settings, lexicons, profile)
    if "c" in parts:
        part_load(settings, lexicons, work, profile)
    if "d" in parts:
        part_memory(settings, lexicons, work)
    if "e" in parts:
        part_latency(settings, lexicons, profile)
    if "f" in parts:
        part_files(settings, lexicons, work, profile)


def main() -> None:
    parser = argparse.ArgumentParser(
        description="dvd performance benchmarks (see the module docstring for the parts)."
    )
    parser.add_argument("--quick", action="store_true", help="smaller sizes, fewer runs")
    parser.add_argument(
        "--profile", action="store_true", help="add import times (a) and cProfiles (b, c, e, f)"
    )
    parser.add_argument(
        "--only", choices="abcdef", action="append", help="run only this part; repeatable"
    )
    parser.add_argument(
        "--stream-mb",
        type=int,
        metavar="N",
        help="(d): stream N MB as the largest input, e.g. 200 to show memory stays flat",
    )
    arguments = parser.parse_args()
    settings = QUICK if arguments.quick else FULL
    if arguments.stream_mb:
        settings = dataclasses.replace(
            settings, memory_sizes=(settings.memory_sizes[0], arguments.stream_mb * MB)
        )
    began = time.perf_counter()
    code = source_digest()
    print(
        f"dvd benchmarks ({'quick' if arguments.quick else 'full'}) of {source_state()}"
        f" on Python {sys.version.split()[0]}, {os.cpu_count()} CPUs, {load_average()}"
    )
    # Every run names its lexicons: no DVD_LEXICON_PATH, and a working directory in which no
    # project lexicons (.dvd.toml, lexicons/) can be found. The cache is ours and temporary.
    os.environ.pop("DVD_LEXICON_PATH", None)
    os.environ.pop("DVD_NO_CACHE", None)
    home = Path.cwd()
    with tempfile.TemporaryDirectory(prefix="dvd-bench-") as folder:
        work = Path(folder)
        os.environ["DVD_CACHE_DIR"] = str(work / "cache")
        os.chdir(work)
        try:
            run_parts(set(arguments.only or "abcdef"), settings, work, profile=arguments.profile)
        finally:
            os.chdir(home)
    print(f"\ntotal benchmark time {time.perf_counter() - began:.0f} s, {load_average()}")
    if source_digest() != code:
        print("WARNING: src/dikkevandale changed during the run; the numbers mix versions")


if __name__ == "__main__":
    main()

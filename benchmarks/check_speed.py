"""How long `dvd lexicon check` takes on a generated 1,000-concept lexicon (target: about 1 s).

Run on demand: `python benchmarks/check_speed.py [--concepts N] [--runs N]`. Prints the median
wall time of `dvd lexicon check FILE` in fresh processes, with the compiled cache in a
temporary folder, next to `dvd --version` (the cost of starting the command at all).

Then the same on lexicons of `--near` (default 2,000) and twice as many near-identical
concepts (terms that differ in their last three letters, all in one fuzzy bucket), where the
confusable-terms check once compared every pair (4,000 took 118 s): the ratio of the two
times must stay <= 2.5x.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import generate


def timed(command: list[str], runs: int) -> tuple[float, int]:
    """Median wall time of `command` in seconds, and its last exit code."""
    times: list[float] = []
    code = 0
    for _ in range(runs):
        began = time.perf_counter()
        code = subprocess.run(command, capture_output=True, check=False).returncode
        times.append(time.perf_counter() - began)
    return statistics.median(times), code


RATIO = 2.5


def near_identical(concepts: int) -> str:
    """A lexicon of `concepts` concepts whose terms differ only in their last three letters."""
    letters = "abcdefghijklmnopqrstuvwxyz"
    lines = ["dvd: 1", "language: nl", "audiences: [sales, it]", "concepts:"]
    for number in range(concepts):
        tail = "".join(letters[number // 26**power % 26] for power in (2, 1, 0))
        lines += [
            f"  - id: near-{number:05d}",
            f"    sales: {{term: klantbeeldrapportage{tail}, article: de}}",
            f"    it: {{term: klantdatabaseexport{tail}, article: de}}",
        ]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--concepts", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--near", type=int, default=2000, help="near-identical concepts")
    arguments = parser.parse_args()
    dvd = str(Path(sys.executable).parent / "dvd")
    with tempfile.TemporaryDirectory(prefix="dvd-check-") as folder:
        os.environ["DVD_CACHE_DIR"] = str(Path(folder) / "cache")
        lexicon = Path(folder) / "generated.yaml"
        lexicon.write_text(generate.generate_lexicon(arguments.concepts), encoding="utf-8")
        os.chdir(folder)
        check, code = timed([dvd, "lexicon", "check", str(lexicon)], arguments.runs)
        start, _ = timed([dvd, "--version"], arguments.runs)
        verdict = "met" if check <= 1.0 else "MISSED"
        print(f"dvd lexicon check, {arguments.concepts} concepts: {check:.2f} s median of")
        print(f"  {arguments.runs} runs (exit {code}); dvd --version alone: {start:.2f} s")
        print(f"  target about 1 s: {verdict}")
        times = []
        for concepts in (arguments.near, 2 * arguments.near):
            near = Path(folder) / f"near-{concepts}.yaml"
            near.write_text(near_identical(concepts), encoding="utf-8")
            took, code = timed([dvd, "lexicon", "check", str(near)], max(1, arguments.runs // 2))
            times.append(took)
            print(f"dvd lexicon check, {concepts} near-identical concepts: {took:.2f} s", end="")
            print(f" (exit {code})")
        ratio = times[1] / times[0]
        print(f"  ratio {ratio:.2f}x for twice the concepts, target <= {RATIO}x: ", end="")
        print("met" if ratio <= RATIO else "MISSED")


if __name__ == "__main__":
    main()

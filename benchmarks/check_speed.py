"""How long `dvd lexicon check` takes on a generated 1,000-concept lexicon (target: about 1 s).

Run on demand: `python benchmarks/check_speed.py [--concepts N] [--runs N]`. Prints the median
wall time of `dvd lexicon check FILE` in fresh processes, with the compiled cache in a
temporary folder, next to `dvd --version` (the cost of starting the command at all).
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--concepts", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=5)
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


if __name__ == "__main__":
    main()

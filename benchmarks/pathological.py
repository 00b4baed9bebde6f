"""Pathological inputs: does any of them make dvd slower than linear in the size of its input?

Run with the project's environment: `python benchmarks/pathological.py [--size N] [--only NAME]`.

Each input is translated to `it` with the built-in lexicons, through the library exactly as
`dvd translate` streams standard input (`Translator.translate_stream`, paragraph by paragraph,
parser and all), at two sizes: `--size` (default 64 KiB) and twice that. The ratio of the two
times is about 2 for linear work and about 4 for quadratic; the target is <= 2.5x. Each time
is the best of three runs, in CPU seconds of this process (a busy machine only ever adds).
The e-mail input goes through `Translator.translate_email`.

The inputs are those that were quadratic before (issues 14 and 15: `~~~a` lines, `](`, `<!-- a `,
`@ ` + `a.`, `x:// ` + `a.`), and others that stress the same code: backtick runs, open
brackets and links, image openers, tag openers, deep quotes and lists, HTML blocks with blank
lines, many terms in one identifier, directives, a long line, long runs of spaces or inline
tags beside a term, near-miss words for the fuzzy pass, and a MIME message with many parts.

To compare with another version, run this file with `PYTHONPATH=<other checkout>/src`; a
version that takes more than `--limit` seconds (default 60) for the smaller size is not run at
the larger one and is reported as such.

The memory part runs `dvd` in a child process (`python -m dikkevandale`, so PYTHONPATH picks
the version) on inputs written to a temporary file, at two sizes, and prints the child's
maximum resident set size: a single line of `--line-size` (default 64 MiB) and 4 times that
must take the same memory (flat: <= 1.25x), and so must `dvd explain --format json` of a
quarter of that in paragraphs; an e-mail, which is read whole, of an eighth of that may take
at most 4x the memory for 4x the body (linear). `--no-memory` leaves this part out.
"""

from __future__ import annotations

import argparse
import io
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

try:
    from dikkevandale import Translator
except ImportError:  # pragma: no cover - wrong interpreter
    sys.exit("run with the project's environment: python benchmarks/pathological.py")

TARGET = 2.5


def mime(size: int) -> bytes:
    """A multipart message with about `size` bytes of small text parts."""
    part = b"--grens\nContent-Type: text/plain; charset=utf-8\n\nHet klantbeeld.\n"
    head = (
        b"From: a@example.nl\nTo: b@example.nl\nSubject: delen\nMIME-Version: 1.0\n"
        b'Content-Type: multipart/mixed; boundary="grens"\n\n'
    )
    return head + part * max(1, size // len(part)) + b"--grens--\n"


def quoted_printable(size: int) -> bytes:
    """A quoted-printable body of the same few lines over and over, a term at its end: lines
    that repeat made aligning old and new lines quadratic."""
    head = (
        b"From: a@example.nl\nSubject: qp\nMIME-Version: 1.0\n"
        b"Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: quoted-printable\n\n"
    )
    lines = b"Regel met wat tekst=2C en nog wat.\n\n" * max(1, size // 36)
    return head + lines + b"Het klantbeeld.\n"


INPUTS: dict[str, Callable[[int], str]] = {
    "~~~a lines (fence openers)": lambda n: "~~~a\n" * (n // 5),
    "](": lambda n: "](" * (n // 2),
    "<!-- a  (inline)": lambda n: "x " + "<!-- a " * (n // 7),
    "<!-- a  (block)": lambda n: "<!-- a " * (n // 7),
    "@ + a. (near-addresses)": lambda n: "@ " + "a." * (n // 2),
    "x:// + a. (near-URLs)": lambda n: "x:// " + "a." * (n // 2),
    "backtick runs": lambda n: "".join("`" * (i % 9 + 1) + "a " for i in range(n // 7)),
    "[ (open brackets)": lambda n: "[" * n,
    "[a]( (open links)": lambda n: "[a](" * (n // 4),
    "![ (image openers)": lambda n: "![" * (n // 2),
    "<a b=' (tag openers)": lambda n: "x " + "<a b='" * (n // 6),
    "> (deep quote)": lambda n: "> " * (n // 2) + "klantbeeld\n",
    "nested lists": lambda n: "".join("  " * (i % 40) + "- klantbeeld\n" for i in range(n // 50)),
    "<pre> + blank lines": lambda n: "<pre>\n\n" * (n // 7),
    "terms in one identifier": lambda n: "klantbeeld." * (n // 11),
    "dvd-ignore lines": lambda n: "<!-- dvd-ignore -->\nklantbeeld\n" * (n // 31),
    "one long line": lambda n: "het klantbeeld en de koppeling " * (n // 31),
    "a term, then spaces": lambda n: "het 360-graden-klantbeeld" + " " * n + "x.",
    "spaces, then a term": lambda n: "x" + " " * n + "het 360-graden-klantbeeld.",
    "a term, then inline tags": lambda n: "het klantbeeld" + "<b>" * (n // 3) + "x.",
    "inline tags, then a term": lambda n: "x" + "<i>" * (n // 3) + "het klantbeeld.",
    "near-miss words (fuzzy)": lambda n: " ".join(
        f"klantbeel{chr(97 + i % 26)}{i % 97}" for i in range(n // 13)
    ),
}


def timed(run: Callable[[], object]) -> float:
    """The best of three CPU times of `run`: on a shared machine, the time other processes
    take is no part of it, and a busy moment only ever adds."""
    best = float("inf")
    for _ in range(3):
        start = time.process_time()
        run()
        best = min(best, time.process_time() - start)
    return best


FLAT = 1.25
"""Memory for 4x the input, at most, where it is streamed: the same as for 1x, but for noise."""
LINEAR = 4.0
"""Memory for 4x the input, at most, where the input is read whole (an e-mail)."""

LINE = (
    b"De klant wil een overzicht van alle gegevens, maar het 360-graden-klantbeeld is nog niet "
    b"af en de planning van de back-office-koppeling schuift op. "
)


def write_line(path: Path, size: int) -> None:
    """One line of about `size` bytes of prose with terms, and no line end, written in blocks."""
    block = LINE * (max(1, (1 << 20) // len(LINE)))
    with path.open("wb") as out:
        for _ in range(size // len(block)):
            out.write(block)


def write_paragraphs(path: Path, size: int) -> None:
    """Paragraphs of prose with a term or two, about `size` bytes."""
    paragraph = b"De klant wil een overzicht van alle gegevens.\n" * 8 + LINE + b"\n\n"
    block = paragraph * (max(1, (1 << 20) // len(paragraph)))
    with path.open("wb") as out:
        for _ in range(size // len(block)):
            out.write(block)


def write_email(path: Path, size: int) -> None:
    """An e-mail with one 8-bit text/plain body of about `size` bytes of paragraphs."""
    path.write_bytes(
        b"From: a@example.nl\nTo: b@example.nl\nSubject: Het klantbeeld\nMIME-Version: 1.0\n"
        b"Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\n"
    )
    body = path.with_suffix(".body")
    write_paragraphs(body, size)
    with path.open("ab") as out, body.open("rb") as source:
        while block := source.read(1 << 20):
            out.write(block)
    body.unlink()


def max_rss(arguments: list[str]) -> tuple[int, int]:
    """The maximum resident set size (KiB) and exit code of `python -m dikkevandale ARGS`."""
    child = subprocess.Popen(
        [sys.executable, "-m", "dikkevandale", *arguments],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    return usage.ru_maxrss, child.returncode


class Memory(NamedTuple):
    """An input for the memory part: how to write it, the command, its size next to
    --line-size, and the most its memory may grow for 4x the input."""

    write: Callable[[Path, int], None]
    arguments: list[str]
    scale: float
    target: float


MEMORY: dict[str, Memory] = {
    "one line (dvd translate -f)": Memory(write_line, ["translate", "--to", "it", "-f"], 1, FLAT),
    "explain --format json": Memory(
        write_paragraphs, ["explain", "--to", "it", "--format", "json", "-f"], 1 / 4, FLAT
    ),
    "e-mail body (dvd translate)": Memory(
        write_email, ["translate", "--to", "it", "-f"], 1 / 8, LINEAR
    ),
}


def memory(size: int, only: list[str] | None) -> int:
    """Print the memory table; return how many inputs missed their target."""
    print("\nmemory: max RSS of dvd in a child process, for an input and 4x that")
    print(f"{'input':<30}{'sizes':>14}{'small':>10}{'large':>10}{'ratio':>8}{'target':>8}")
    missed = 0
    with tempfile.TemporaryDirectory(prefix="dvd-pathological-") as folder:
        for name, case in MEMORY.items():
            if only and not any(part in name for part in only):
                continue
            peaks = []
            small_size = int(size * case.scale)
            for times in (1, 4):
                path = Path(folder) / "input"
                case.write(path, times * small_size)
                peak, code = max_rss([*case.arguments, str(path)])
                path.unlink()
                peaks.append(peak)
                if code != 0:
                    print(f"{name:<30}  exit {code}")
            ratio = peaks[1] / peaks[0]
            verdict = "" if ratio <= case.target else "  MISSED"
            missed += ratio > case.target
            sizes = f"{small_size >> 20}/{4 * small_size >> 20} MiB"
            small, large = (f"{peak / 1024:.0f} MiB" for peak in peaks)
            print(
                f"{name:<30}{sizes:>14}{small:>10}{large:>10}{ratio:>7.2f}x{case.target:>7.2f}x"
                f"{verdict}",
                flush=True,
            )
    print(f"memory targets: {'MET' if not missed else f'{missed} MISSED'}")
    return missed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--size", type=int, default=1 << 16, help="the smaller size, bytes")
    parser.add_argument("--only", action="append", help="run only inputs containing this text")
    parser.add_argument("--limit", type=float, default=60.0, help="seconds; see the docstring")
    parser.add_argument("--line-size", type=int, default=64 << 20, help="memory part, bytes")
    parser.add_argument("--no-memory", action="store_true", help="leave out the memory part")
    args = parser.parse_args()
    translator = Translator(to="it")
    cases: dict[str, Callable[[int], Callable[[], object]]] = {}
    for name, make in INPUTS.items():

        def stream(size: int, make: Callable[[int], str] = make) -> Callable[[], object]:
            data = make(size).encode()
            return lambda: translator.translate_stream(io.BytesIO(data), io.BytesIO())

        cases[name] = stream

    def email(size: int) -> Callable[[], object]:
        data = mime(size)
        return lambda: translator.translate_email(data)

    cases["MIME message, many parts"] = email

    def quoted(size: int) -> Callable[[], object]:
        data = quoted_printable(size)
        return lambda: translator.translate_email(data)

    cases["QP body, repeated lines"] = quoted
    size = args.size
    print(f"pathological inputs, {size // 1024} KiB and {2 * size // 1024} KiB, best of 3")
    print(f"{'input':<30}{'small':>10}{'large':>10}{'ratio':>8}")
    missed = 0
    for name, case in cases.items():
        if args.only and not any(part in name for part in args.only):
            continue
        small = timed(case(size))
        if small > args.limit:
            print(f"{name:<30}{small:>9.2f}s{'(skipped)':>10}{'':>8}  over --limit", flush=True)
            missed += 1
            continue
        large = timed(case(2 * size))
        ratio = large / small
        verdict = "" if ratio <= TARGET else "  MISSED"
        missed += ratio > TARGET
        print(f"{name:<30}{small:>9.3f}s{large:>9.3f}s{ratio:>7.2f}x{verdict}", flush=True)
    print(f"target <= {TARGET}x for 2x the input: {'MET' if not missed else f'{missed} MISSED'}")
    if not args.no_memory:
        memory(args.line_size, args.only)
    return 0


if __name__ == "__main__":
    sys.exit(main())

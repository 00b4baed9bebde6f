"""Part (e) of benchmarks/run.py: the latency of one library call on a one-sentence note.

A warm `Translator` (the built-in lexicons, a few calls already made) against the plain
function `dikkevandale.translate(text, lexicon, to)` called with one `Lexicon` object (it keeps
a translator per lexicon object), a bare chain of `str.replace` doing the same rewrites, and an
empty call, the floor of the timer itself. Calls are timed one by one, the sides interleaved.
"""

from __future__ import annotations

import cProfile
import statistics
import time
from collections.abc import Callable

from common import TO, Lexicons, Settings, median_range, print_profile, section, verdict

SENTENCE = (
    "Het 360-graden-klantbeeld is bijna klaar, maar het klantenbestand moet eerst worden"
    " opgeschoond na de livegang."
)
TARGET_MS = 0.2
WARM_UP = 20


def part_latency(settings: Settings, lexicons: Lexicons, profile: bool) -> None:
    from dikkevandale import Translator, load_lexicon, translate

    section("(e) library call latency: one sentence, built-in lexicons, warm objects")
    translator = Translator(lexicons.builtin_paths, builtin=lexicons.builtin_flag, to=TO)
    lexicon = load_lexicon(lexicons.builtin_paths, builtin=lexicons.builtin_flag)
    expected = translator.translate(SENTENCE)
    pairs = [(rewrite.text, rewrite.replacement) for rewrite in expected.rewrites]

    def replace_all() -> str:
        text = SENTENCE
        for old, new in pairs:
            text = text.replace(old, new)
        return text

    runners: dict[str, Callable[[], object]] = {
        "Translator.translate": lambda: translator.translate(SENTENCE),
        "translate(text, lexicon, to)": lambda: translate(SENTENCE, lexicon, TO),
        f"str.replace x{len(pairs)} (floor)": replace_all,
        "an empty call (timer floor)": lambda: None,
    }
    outputs = {
        "function": translate(SENTENCE, lexicon, TO).text,
        "str.replace": replace_all(),
    }
    for name, output in outputs.items():
        if output != expected.text:
            print(f"NOTE: {name} gives another text than Translator.translate: {output!r}")
    for run in runners.values():
        for _ in range(WARM_UP):
            run()
    calls = settings.latency_calls
    times: dict[str, list[int]] = {label: [] for label in runners}
    labels = list(runners)
    clock = time.perf_counter_ns
    for call in range(calls):
        shift = call % len(labels)
        for label in labels[shift:] + labels[:shift]:
            run = runners[label]
            start = clock()
            run()
            times[label].append(clock() - start)
    print(
        f"{len(SENTENCE)} characters, {len(pairs)} rewrites: {expected.text!r}\n"
        f"{calls:,} calls each, timed one by one, interleaved; µs per call"
    )
    print(f"  {'':<32}{'median':>9}{'mean':>9}{'p99':>9}   (min-max)")
    for label, values in times.items():
        mid, low, high = median_range(values)
        mean = statistics.fmean(values)
        p99 = statistics.quantiles(values, n=100)[98]
        print(
            f"  {label:<32}{mid / 1000:>9.2f}{mean / 1000:>9.2f}{p99 / 1000:>9.2f}"
            f"   ({low / 1000:.1f}-{high / 1000:.1f})"
        )
    dvd = statistics.median(times["Translator.translate"]) / 1e6
    function = statistics.median(times["translate(text, lexicon, to)"]) / 1e6
    print(f"translate(text, lexicon, to) / Translator.translate: {function / dvd:.2f}x (medians)")
    line = f"Translator.translate median {dvd:.3f} ms, target <= {TARGET_MS} ms: "
    line += verdict(dvd <= TARGET_MS)
    if dvd > TARGET_MS:
        line += f" by {dvd - TARGET_MS:.3f} ms ({dvd / TARGET_MS:.1f}x the target)"
    print(line)
    if profile:
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(calls):
            translator.translate(SENTENCE)
        profiler.disable()
        print_profile(profiler, f"{calls:,} calls of Translator.translate")

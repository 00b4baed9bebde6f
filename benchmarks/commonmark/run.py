"""CommonMark benchmark for dvd: does rewriting terms ever change code, links, HTML or structure?

Run with the project's environment (markdown-it-py installed):
`python benchmarks/commonmark/run.py [--show N] [--class TEXT]`.

Every example of the CommonMark spec (tests/data/commonmark/spec.json, 652 examples) is
translated to `it` twice with `dikkevandale.translate`:

1. with a lexicon that matches nothing: the output must be the input, byte for byte;
2. with a lexicon that maps the most frequent words of the examples (`foo`, `bar`, `url`,
   `title`, `code`, `div`, ...; `--words N`, default 40) and the names of the named entity
   references they use (`amp`, `copy`, `nbsp`, ...; `--no-entity-words` leaves them out) each
   to a unique IT term (`foo` -> `zzfoo-x`), fuzzy matching off. Then
   (ii) no rewrite may overlap a region that must not change (see tests/commonmark_regions.py:
        code, HTML tags, link destinations and titles, reference definitions, autolinks,
        entities, ...),
   (iii) markdown-it-py must see the same structure in input and output: the same tokens,
        nesting, link/image attributes, code and HTML; only text content may differ.

The report counts failing examples per class (an example counts once in each class it hits)
and the total; `--show N` prints the first N failing examples. Exit status: 0 whatever the
numbers (it is a report), 3 when the spec file is missing or unreadable.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
TESTS = HERE.parents[1] / "tests"
DEFAULT_SPEC = TESTS / "data" / "commonmark" / "spec.json"
sys.path.insert(0, str(TESTS))  # the yardstick lives with the test suite, which uses it too

try:
    from markdown_it.common.entities import entities

    from commonmark_regions import (
        Difference,
        FailureClass,
        HarnessError,
        Region,
        compare_structure,
        html_block_spans,
        protected_regions,
        violations,
    )
    from dikkevandale import Lexicon, parse_lexicon, translate
except ImportError as error:  # pragma: no cover - wrong interpreter
    sys.exit(
        f"{error}\nrun with the project's environment, with markdown-it-py installed: "
        "python benchmarks/commonmark/run.py"
    )

TO = "it"
DEFAULT_WORDS = 40
NO_MATCH = "output changed without a match (i)"
INCONSISTENT = "harness: rewrites do not give the output"
HARNESS = "harness: regions could not be computed"
NO_MATCH_TERM = "qqqnomatchqqq"


@dataclass(frozen=True, slots=True)
class Example:
    number: int
    section: str
    markdown: str


@dataclass
class Result:
    """What went wrong with one example; `classes` is empty when it passed."""

    example: Example
    output: str = ""
    rewrites: int = 0
    html_prose: int = 0
    """Rewrites in an HTML block's text between tags: allowed (a browser shows that text)."""
    classes: set[str] = field(default_factory=set)
    by_region: set[str] = field(default_factory=set)
    by_structure: set[str] = field(default_factory=set)
    details: list[str] = field(default_factory=list)


def load_examples(path: Path) -> list[Example]:
    """The spec examples; exits with status 3 when the file is missing or not the spec JSON."""
    try:
        data: Any = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(data, list):
            raise TypeError("expected a list of examples")
        return [Example(int(e["example"]), str(e["section"]), str(e["markdown"])) for e in data]
    except FileNotFoundError:
        print(f"error: {path} is missing (see benchmarks/commonmark/README.md)", file=sys.stderr)
    except (OSError, ValueError, KeyError, TypeError) as error:
        print(f"error: {path} is not the CommonMark spec JSON: {error}", file=sys.stderr)
    sys.exit(3)


def frequent_words(examples: Sequence[Example], count: int) -> list[str]:
    """The `count` most frequent alphabetic words of three letters or more, lowercased.

    Ties are broken alphabetically, so the list is the same on every run.
    """
    counts = Counter(
        word.lower()
        for example in examples
        for word in re.findall(r"[A-Za-z]+", example.markdown)
        if len(word) >= 3
    )
    return [word for word, _ in sorted(counts.items(), key=lambda i: (-i[1], i[0]))[:count]]


def entity_words(examples: Sequence[Example]) -> list[str]:
    """Names of the named entity references in the examples (`&copy;` -> `copy`), lowercased.

    Only alphabetic names of three letters or more: those a term can be. Without them the
    entity class would hardly be tested: most spec words in entities sit inside code anyway.
    """
    names = {
        name.lower()
        for example in examples
        for name in re.findall(r"&([A-Za-z]{3,});", example.markdown)
        if name in entities
    }
    return sorted(names)


def target_of(word: str) -> str:
    """The IT term for a sales word: unique, and no other term nor a spec word."""
    return f"zz{word}-x"


def build_lexicon(words: Sequence[str]) -> Lexicon:
    """An English sales/IT lexicon mapping each word to `target_of(word)`, fuzzy off."""
    lines = ["dvd: 1", "language: en", "audiences: [sales, it]", "concepts:"]
    for word in words:
        lines += [
            f"  - id: cm.{word}",
            "    sales:",
            f'      - term: "{word}"',
            "        fuzzy: false",
            "    it:",
            f'      - term: "{target_of(word)}"',
            "        fuzzy: false",
        ]
    concepts = parse_lexicon("\n".join(lines) + "\n", "<commonmark benchmark>")
    return Lexicon(concepts=concepts, audiences=("sales", "it"))


def check(example: Example, words: Lexicon, nothing: Lexicon) -> Result:
    """Run the three checks on one example."""
    text = example.markdown
    result = Result(example)
    untouched = translate(text, nothing, TO)
    if untouched.text != text or untouched.rewrites:
        result.classes.add(NO_MATCH)
        result.details.append(f"no-match output: {untouched.text!r}")
    translation = translate(text, words, TO)
    result.output = translation.text
    result.rewrites = len(translation.rewrites)
    applied, last = [], 0
    for rewrite in sorted(translation.rewrites, key=lambda r: r.start):
        applied += [text[last : rewrite.start], rewrite.replacement]
        last = rewrite.end
    if "".join([*applied, text[last:]]) != translation.text:
        result.classes.add(INCONSISTENT)
    try:
        regions = protected_regions(text)
    except HarnessError as error:
        result.classes.add(HARNESS)
        result.details.append(f"harness: {error}")
        regions = []
    blocks = html_block_spans(text)
    for rewrite in translation.rewrites:
        touched = violations(regions, rewrite.start, rewrite.end)
        if touched:
            region = touched[0]
            result.classes.add(region.failure.value)
            result.by_region.add(region.failure.value)
            result.details.append(_describe_violation(text, rewrite, region))
        elif any(start <= rewrite.start and rewrite.end <= end for start, end in blocks):
            result.html_prose += 1
    differences = compare_structure(text, translation.text)
    for difference in differences:
        result.classes.add(difference.failure.value)
        result.by_structure.add(difference.failure.value)
    result.details += _describe_differences(differences)
    return result


def _position(text: str, offset: int) -> str:
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return f"{line}:{column}"


def _describe_violation(text: str, rewrite: Any, region: Region) -> str:
    inside = text[region.start : region.end]
    if len(inside) > 60:
        inside = inside[:57] + "..."
    return (
        f"(ii) {_position(text, rewrite.start)} {rewrite.text!r} -> {rewrite.replacement!r}"
        f" inside {region.what} {inside!r} [{region.failure.value}]"
    )


def _describe_differences(differences: Sequence[Difference]) -> list[str]:
    lines = []
    for difference in differences[:4]:
        lines.append(f"(iii) {difference.failure.value}:")
        lines += [f"        {line}" for line in difference.detail.splitlines()[:6]]
    if len(differences) > 4:
        lines.append(f"(iii) ... and {len(differences) - 4} more differences")
    return lines


def _block(text: str) -> str:
    shown = text.replace("\t", "\u2192")  # a tab shows as an arrow
    lines = shown.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return "\n".join(f"    | {line}" for line in lines) or "    | "


def report(
    results: Sequence[Result], words: Sequence[str], spec: Path, show: int, only: str | None
) -> None:
    failing = [r for r in results if r.classes]
    print(f"CommonMark spec examples: {len(results)} ({spec})")
    print(f"lexicon: {len(words)} sales terms -> zz<term>-x, fuzzy off: {' '.join(words)}")
    rewritten = [r for r in results if r.rewrites]
    total = sum(r.rewrites for r in results)
    print(f"examples with a rewrite: {len(rewritten)}; rewrites: {total}")
    prose = [r for r in results if r.html_prose]
    print(
        f"rewrites of HTML-block text between tags (allowed, not failures):"
        f" {sum(r.html_prose for r in prose)} in {len(prose)} examples"
    )
    print()
    classes = Counter(name for r in failing for name in r.classes)
    region = Counter(name for r in failing for name in r.by_region)
    structure = Counter(name for r in failing for name in r.by_structure)
    order = [c.value for c in FailureClass] + [NO_MATCH, INCONSISTENT, HARNESS]
    width = max(len(name) for name in order) + 2
    print(f"{'failing examples by class':<{width}}  examples  region(ii)  structure(iii)")
    for name in order:
        if classes[name]:
            counts = f"{classes[name]:>8}  {region[name]:>10}  {structure[name]:>14}"
            print(f"  {name:<{width - 2}}  {counts}")
    print()
    by_region = sum(1 for r in failing if r.by_region)
    by_structure = sum(1 for r in failing if r.by_structure)
    no_match = sum(1 for r in failing if NO_MATCH in r.classes)
    print(
        f"failing: {len(failing)} of {len(results)} examples"
        f" (i: {no_match}, ii: {by_region}, iii: {by_structure})"
    )
    shown = [r for r in failing if only is None or any(only in name for name in r.classes)]
    for result in shown[:show]:
        example = result.example
        print()
        names = ", ".join(sorted(result.classes))
        print(f"--- example {example.number} ({example.section}): {names}")
        print("input:")
        print(_block(example.markdown))
        print("output:")
        print(_block(result.output))
        for line in result.details:
            print(f"  {line}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--spec", type=Path, default=DEFAULT_SPEC, help="the spec JSON")
    parser.add_argument("--show", type=int, default=0, metavar="N", help="print N failures")
    parser.add_argument(
        "--class", dest="only", metavar="TEXT", help="--show only classes containing TEXT"
    )
    parser.add_argument(
        "--words", type=int, default=DEFAULT_WORDS, metavar="N", help="frequent words to use"
    )
    parser.add_argument(
        "--no-entity-words", action="store_true", help="no terms for the entities' names"
    )
    args = parser.parse_args(argv)
    examples = load_examples(args.spec)
    words = frequent_words(examples, args.words)
    if not args.no_entity_words:
        words += [name for name in entity_words(examples) if name not in words]
    lexicon = build_lexicon(words)
    nothing = build_lexicon([NO_MATCH_TERM])
    results = [check(example, lexicon, nothing) for example in examples]
    report(results, words, args.spec, args.show, args.only)
    return 0


if __name__ == "__main__":
    sys.exit(main())

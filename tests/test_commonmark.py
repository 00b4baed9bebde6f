"""The CommonMark spec's 652 examples as a test of the promise that structure never changes.

Each example (tests/data/commonmark/spec.json, spec 0.31.2; see the LICENSE.md there) is
translated with a lexicon of the words that occur most in the examples (`foo`, `bar`, `url`,
`title`, `code`, `div`, ... and the names of the entities they use, each an English sales term
for a unique IT term), and judged by an independent yardstick (`commonmark_regions`, built on
markdown-it-py alone): no rewrite may touch a region that must not change, and the output must
parse to the same tokens as the input, text content aside. With a lexicon that matches nothing
the output must be the input, byte for byte.

Every example goes through the library whole (`Translator.translate`, as `translate_file`
does), with CRLF line endings too, and as a byte stream a piece at a time
(`Translator.translations`, as `dvd translate` does), where a reference definition, a fence
or an HTML block may stand in another piece than the text around it.
"""

from __future__ import annotations

import io
import json
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest
from markdown_it.common.entities import entities

from commonmark_regions import compare_structure, protected_regions, violations
from dikkevandale import Lexicon, Translator, parse_lexicon
from dikkevandale.model import Rewrite

SPEC = Path(__file__).parent / "data" / "commonmark" / "spec.json"
WORDS = 40
NO_MATCH_TERM = "qqqnomatchqqq"

EXCEPTIONS: dict[int, str] = {}
"""Examples allowed to fail, each with the reason: none."""


@dataclass(frozen=True)
class Example:
    number: int
    section: str
    markdown: str


EXAMPLES = [
    Example(int(e["example"]), str(e["section"]), str(e["markdown"]))
    for e in json.loads(SPEC.read_text(encoding="utf-8"))
]


def frequent_words(count: int) -> list[str]:
    """The `count` most frequent words of three letters or more, ties alphabetically, and
    the names of the entities the examples use (else entities would hardly be tested)."""
    counts = Counter(
        word.lower()
        for example in EXAMPLES
        for word in re.findall(r"[A-Za-z]+", example.markdown)
        if len(word) >= 3
    )
    words = [word for word, _ in sorted(counts.items(), key=lambda i: (-i[1], i[0]))[:count]]
    names = {
        name.lower()
        for example in EXAMPLES
        for name in re.findall(r"&([A-Za-z]{3,});", example.markdown)
        if name in entities
    }
    return words + sorted(names - set(words))


def translator(words: list[str]) -> Translator:
    """English sales terms, each for a unique IT term `zz<word>-x`, fuzzy matching off."""
    lines = ["dvd: 1", "language: en", "audiences: [sales, it]", "concepts:"]
    for word in words:
        lines += [
            f"  - id: cm.{word}",
            f'    sales: [{{term: "{word}", fuzzy: false}}]',
            f'    it: [{{term: "zz{word}-x", fuzzy: false}}]',
        ]
    concepts = parse_lexicon("\n".join(lines) + "\n", "<commonmark test>")
    lexicon = Lexicon(concepts=concepts, audiences=("sales", "it"))
    return Translator([lexicon], builtin=False, to="it", fuzzy=False)


FREQUENT = translator(frequent_words(WORDS))
NOTHING = translator([NO_MATCH_TERM])


def streamed(translator: Translator, text: str) -> tuple[str, list[Rewrite]]:
    """The translation of `text` as a byte stream, and its rewrites at offsets into `text`."""
    output: list[str] = []
    rewrites: list[Rewrite] = []
    for piece in translator.translations(io.BytesIO(text.encode("utf-8"))):
        output.append(piece.translation.text)
        rewrites += [
            r._replace(start=r.start + piece.offset, end=r.end + piece.offset)
            for r in piece.translation.rewrites
        ]
    return "".join(output), rewrites


def problems(text: str, output: str, rewrites: list[Rewrite]) -> list[str]:
    """What the yardstick says is wrong with translating `text` into `output`."""
    regions = protected_regions(text)
    found = [
        f"{rewrite.text!r} rewritten inside {region.what}"
        for rewrite in rewrites
        for region in violations(regions, rewrite.start, rewrite.end)
    ]
    found += [f"{d.failure.value}:\n{d.detail}" for d in compare_structure(text, output)]
    return found


def check(example: Example) -> None:
    text = example.markdown
    if example.number in EXCEPTIONS:
        pytest.xfail(EXCEPTIONS[example.number])
    assert NOTHING.translate(text).text == text
    assert streamed(NOTHING, text)[0] == text
    whole = FREQUENT.translate(text)
    assert not problems(text, whole.text, list(whole.rewrites)), "whole text"
    output, rewrites = streamed(FREQUENT, text)
    assert not problems(text, output, rewrites), "streamed a piece at a time"
    crlf = text.replace("\n", "\r\n")
    assert FREQUENT.translate(crlf).text == whole.text.replace("\n", "\r\n"), "CRLF"


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda e: f"{e.number}-{e.section}")
def test_commonmark_example_keeps_its_structure(example: Example) -> None:
    check(example)


def test_the_lexicon_rewrites_most_examples() -> None:
    """The test has teeth: most examples hold a term, in prose as well as in protected places."""
    rewritten = sum(1 for e in EXAMPLES if FREQUENT.translate(e.markdown).rewrites)
    assert len(EXAMPLES) == 652
    assert rewritten > 350

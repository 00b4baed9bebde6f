"""Inline suppression: `dvd off` / `dvd on` and `dvd-ignore`, in Markdown, HTML and plain text."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

from dikkevandale import Translator
from dikkevandale.matching.suppress import quiet_ranges
from dikkevandale.model import Suppression
from helpers import Arriving, growth

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="module")
def translator() -> Translator:
    return Translator([DATA / "core.yaml"], builtin=False, to="it")


TERM, TARGET = "bezoeksrapport", "activiteitenrecord"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "a bezoeksrapport\n<!-- dvd off -->\nb bezoeksrapport\n\nc bezoeksrapport\n"
            "<!-- dvd on -->\nd bezoeksrapport\n",
            "a T\n<!-- dvd off -->\nb bezoeksrapport\n\nc bezoeksrapport\n<!-- dvd on -->\nd T\n",
            id="off-on",
        ),
        pytest.param(
            "a bezoeksrapport <!--dvd off--> b bezoeksrapport",
            "a T <!--dvd off--> b bezoeksrapport",
            id="inline-comment",
        ),
        pytest.param(
            "<!-- dvd-ignore -->\n\nb bezoeksrapport\nbezoeksrapport\n\nc bezoeksrapport\n",
            "<!-- dvd-ignore -->\n\nb bezoeksrapport\nbezoeksrapport\n\nc T\n",
            id="ignore-next-paragraph",
        ),
        pytest.param(
            "<!-- dvd-ignore bezoeksrapport -->\nHet bezoeksrapport en de servicebelofte.\n",
            "<!-- dvd-ignore bezoeksrapport -->\nHet bezoeksrapport en de SLA.\n",
            id="ignore-one-concept",
        ),
        pytest.param(
            "<!-- dvd-ignore sla, uptime -->\nHet bezoeksrapport en de servicebelofte.\n",
            "<!-- dvd-ignore sla, uptime -->\nHet T en de servicebelofte.\n",
            id="ignore-other-concepts",
        ),
        pytest.param(
            "# dvd off\nbezoeksrapport\n# dvd on\nbezoeksrapport\n",
            "# dvd off\nbezoeksrapport\n# dvd on\nT\n",
            id="plain-line-after-a-comment-marker",
        ),
        pytest.param(
            "dvd off\nbezoeksrapport\n> dvd on\nbezoeksrapport\n",
            "dvd off\nbezoeksrapport\n> dvd on\nT\n",
            id="plain-line-and-quoted-line",
        ),
        pytest.param(
            "// dvd-ignore\nbezoeksrapport\n\nbezoeksrapport\n",
            "// dvd-ignore\nbezoeksrapport\n\nT\n",
            id="plain-ignore",
        ),
        pytest.param(
            "Schrijf `<!-- dvd off -->` om te stoppen; het bezoeksrapport.\n\n"
            "```\n<!-- dvd off -->\n```\n\nbezoeksrapport\n",
            "Schrijf `<!-- dvd off -->` om te stoppen; het T.\n\n```\n<!-- dvd off -->\n```\n\nT\n",
            id="shown-in-code-not-meant",
        ),
        pytest.param(
            "Zeg dvd off niet midden in een zin: bezoeksrapport.",
            "Zeg dvd off niet midden in een zin: T.",
            id="words-in-a-sentence",
        ),
    ],
)
def test_directives(translator: Translator, text: str, expected: str) -> None:
    result = translator.translate(text)
    assert result.text == re.sub(r"\bT\b", TARGET, expected)
    streamed = "".join(
        piece.translation.text for piece in translator.translations(io.BytesIO(text.encode()))
    )
    assert streamed == result.text


def test_suppressed_terms_are_reported_with_their_directive(translator: Translator) -> None:
    result = translator.translate("<!-- dvd off -->\nHet bezoeksrapport.\n")
    assert result.rewrites == ()
    ((match, directive),) = result.suppressed
    assert (match.text, match.concept, directive) == (TERM, "bezoeksrapport", "dvd off")


def test_a_directive_holds_across_the_pieces_of_a_stream(translator: Translator) -> None:
    # A paragraph a read, so that each is a piece of its own (paragraphs that arrive
    # together are one piece).
    paragraphs = ["<!-- dvd off -->\n\n", *["bezoeksrapport\n\n"] * 3, "<!-- dvd on -->\n\n"]
    stream = io.BufferedReader(Arriving(*paragraphs, "bezoeksrapport\n"))
    found = list(translator.translations(stream))
    assert len(found) == 6
    assert [len(p.translation.suppressed) for p in found] == [0, 1, 1, 1, 0, 0]
    assert found[-1].translation.text == f"{TARGET}\n"


def test_an_ignore_before_blank_lines_waits_for_its_paragraph(translator: Translator) -> None:
    text = "<!-- dvd-ignore -->\n\n\n\nbezoeksrapport\n\nbezoeksrapport\n"
    out = "".join(p.translation.text for p in translator.translations(io.BytesIO(text.encode())))
    assert out == f"<!-- dvd-ignore -->\n\n\n\nbezoeksrapport\n\n{TARGET}\n"


def test_state_at_the_end() -> None:
    assert quiet_ranges("<!-- dvd off -->", []).after == Suppression(off="dvd off")
    assert quiet_ranges("x\n<!-- dvd-ignore a -->\n", []).after == Suppression(ignore=("a",))
    quieting = quiet_ranges("a <!-- dvd on --> b", [], Suppression(off="dvd off"))
    assert quieting.directive_for(0, "x") == "dvd off"
    assert quieting.directive_for(18, "x") is None
    assert quieting.after == Suppression()


def test_ignores_in_one_paragraph_add_up() -> None:
    text = "a <!-- dvd-ignore x --> b <!-- dvd-ignore y --> c\n\nd"
    quieting = quiet_ranges(text, [])
    b, c, d = text.index(" b"), text.index(" c"), text.index("d")
    assert quieting.directive_for(b, "x") == "dvd-ignore x"
    assert quieting.directive_for(b, "y") is None
    assert quieting.directive_for(c, "y") == "dvd-ignore y"
    assert quieting.directive_for(d, "x") is None


def test_many_directives_take_linear_time() -> None:
    def run(text: str) -> None:
        quieting = quiet_ranges(text, [])
        for start in range(0, len(text), 7):
            quieting.directive_for(start, "klantbeeld")

    make = lambda n: "<!-- dvd-ignore a -->\nklantbeeld\n" * (n // 33)  # noqa: E731
    assert growth(run, make, 20_000) <= 2.5


def test_a_directive_keeps_its_own_words(translator: Translator) -> None:
    """A concept id is often a term as well: the directive must survive translation."""
    text = "dvd-ignore bezoeksrapport\nHet bezoeksrapport en de servicebelofte.\n"
    assert translator.translate(text).text == (
        "dvd-ignore bezoeksrapport\nHet bezoeksrapport en de SLA.\n"
    )
    again = "<!-- dvd-ignore bezoeksrapport -->\n" + text
    assert translator.translate(again).text.startswith("<!-- dvd-ignore bezoeksrapport -->")

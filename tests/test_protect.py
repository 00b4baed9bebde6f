"""Protected regions: what no term may touch, in Markdown (by a CommonMark parser) and in any
text (addresses, character references, front matter), found in linear time."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dikkevandale.io.blocks import markdown_free
from dikkevandale.matching.protect import (
    MARKDOWN_MARKERS,
    find_regions,
    may_hold_markdown,
    protected_spans,
)
from helpers import growth


@pytest.mark.parametrize(
    ("text", "protected"),
    [
        ("zie https://crm.example/a-b?x=1.", ["https://crm.example/a-b?x=1"]),
        ("op www.example.nl/klant staat het", ["www.example.nl/klant"]),
        ("mail jan.de.vries@klant-bv.nl graag", ["jan.de.vries@klant-bv.nl"]),
        ("run `dvd translate` nu", ["`dvd translate`"]),
        ("code ``a ` b`` hier", ["``a ` b``"]),
        ('[de tekst](https://x.example/pad "titel") en', ['(https://x.example/pad "titel")']),
        ("[ref]: https://x.example/doel\n", ["[ref]: https://x.example/doel"]),
        ("voor\n```yaml\nsla: 1\n\nmeer\n```\nna", ["```yaml\nsla: 1\n\nmeer\n```"]),
        ("gewone tekst zonder iets", []),
        (
            '<a href="https://x.example" title="klantbeeld">klantbeeld</a>',
            ['<a href="https://x.example" title="klantbeeld">', "</a>"],
        ),
        ("tekst <!-- klantbeeld --> tekst", ["<!-- klantbeeld -->"]),
        (
            "---\ntitle: Klantbeeld\nklantbeeld: ja\n---\nHet klantbeeld",
            ["---\ntitle: Klantbeeld\nklantbeeld: ja\n---\n"],
        ),
        ("+++\ntitle = 'klantbeeld'\n+++\nklantbeeld", ["+++\ntitle = 'klantbeeld'\n+++\n"]),
    ],
)
def test_protected_spans(text: str, protected: list[str]) -> None:
    assert [text[s:e] for s, e in protected_spans(text)] == protected


@pytest.mark.parametrize(
    ("text", "protected"),
    [
        pytest.param("- item\n\n      klantbeeld\n", ["      klantbeeld"], id="indented-in-list"),
        pytest.param("> ```\n> klantbeeld\n", ["> ```\n> klantbeeld"], id="unclosed-in-quote"),
        pytest.param("1. ~~~\n   klantbeeld\n", ["1. ~~~\n   klantbeeld"], id="fence-in-list"),
        pytest.param("````\nklantbeeld\n```\n````\n", ["````\nklantbeeld\n```\n````"], id="longer"),
        pytest.param("a `b\nklantbeeld` c", ["`b\nklantbeeld`"], id="code-span-over-lines"),
        pytest.param(
            "<pre>\nklantbeeld\n\nklantbeeld\n</pre>\n",
            ["<pre>\nklantbeeld\n\nklantbeeld\n</pre>"],
            id="pre-with-blank-line",
        ),
        pytest.param("<script>\nklantbeeld()\n</script>", ["<script>\nklantbeeld()\n</script>"]),
        pytest.param(
            "a <span>klantbeeld</span> <textarea>klantbeeld</textarea>",
            ["<span>", "</span>", "<textarea>klantbeeld</textarea>"],
            id="inline-textarea",
        ),
        pytest.param(
            "<div title='klantbeeld'\n  class=\"x\">klantbeeld</div>\n",
            ["<div title='klantbeeld'\n  class=\"x\">", "</div>"],
            id="tag-over-lines",
        ),
        pytest.param("a <!-- klantbeeld\nmeer --> b", ["<!-- klantbeeld\nmeer -->"]),
        pytest.param(
            "[a](/u 'klantbeeld') [b](/u (klantbeeld)) [c](</my u> \"klantbeeld\")",
            ["(/u 'klantbeeld')", "(/u (klantbeeld))", '(</my u> "klantbeeld")'],
            id="titles-in-every-quote-style",
        ),
        pytest.param("[a](\n/klantbeeld\n)", ["(\n/klantbeeld\n)"], id="destination-next-line"),
        pytest.param(
            "[klantbeeld]: /url\n  'de klantbeeld titel'\n",
            ["[klantbeeld]: /url\n  'de klantbeeld titel'"],
            id="definition-over-lines",
        ),
        pytest.param(
            "<localhost:5001/klantbeeld> <mailto:klantbeeld@x.nl> <irc://x/klantbeeld>",
            ["<localhost:5001/klantbeeld>", "<mailto:klantbeeld@x.nl>", "<irc://x/klantbeeld>"],
            id="autolinks",
        ),
        pytest.param("&copy; &#169; &#xA9; klantbeeld", ["&copy;", "&#169;", "&#xA9;"]),
        pytest.param(
            "[klantbeeld] en [klantbeeld][] en [tekst][klantbeeld] en [tekst](/klantbeeld)",
            ["[klantbeeld]", "[klantbeeld]", "[tekst][klantbeeld]", "(/klantbeeld)"],
            id="reference-labels",
        ),
        pytest.param("a\r\n\r\n    klantbeeld\r\n", ["    klantbeeld\r"], id="crlf"),
        pytest.param("\tklantbeeld\n", ["\tklantbeeld"], id="tab"),
    ],
)
def test_markdown_regions(text: str, protected: list[str]) -> None:
    assert [text[s:e] for s, e in find_regions(text).spans] == protected


@pytest.mark.parametrize(
    ("text", "protected"),
    [
        ("Beste {{contact.klantbeeld}},", ["{{contact.klantbeeld}}"]),
        ("Beste {{ klantbeeld | upper }},", ["{{ klantbeeld | upper }}"]),
        ("{% if klantbeeld %}ja{% endif %}", ["{% if klantbeeld %}", "{% endif %}"]),
        ("Beste {!Account.Klantbeeld},", ["{!Account.Klantbeeld}"]),
        ("pad ${klantbeeld} en {klantbeeld}", ["${klantbeeld}", "{klantbeeld}"]),
        ("Beste *|KLANTBEELD|*,", ["*|KLANTBEELD|*"]),
        ("set %klantbeeld% en $klantbeeld", ["%klantbeeld%", "$klantbeeld"]),
        ("klaar :ticket: :white_check_mark:", [":ticket:", ":white_check_mark:"]),
        ("50% van het klantbeeld en 20% meer", []),
        ("om 10:30:00 het klantbeeld: af: ja", []),
        ("{ klantbeeld } en $ 5 en {{", []),
    ],
)
def test_template_placeholders_are_protected_in_any_text(text: str, protected: list[str]) -> None:
    for markdown in (True, False):
        spans = find_regions(text, markdown=markdown).spans
        assert [text[start:end] for start, end in spans] == protected


def test_inline_tags_are_protected_in_prose_that_is_not_markdown() -> None:
    """An HTML text run that goes on through inline tags reaches the matcher with its tags."""
    text = "het <B>klantbeeld</B> en <span class='x'>meer</span> <klantbeeld> <p>"
    spans = find_regions(text, markdown=False).spans
    assert [text[s:e] for s, e in spans] == ["<B>", "</B>", "<span class='x'>", "</span>"]


def test_plain_text_has_no_markdown_regions() -> None:
    text = "    Het klantbeeld [klantbeeld] <klantbeeld>"
    assert [text[s:e] for s, e in find_regions(text, markdown=False).spans] == []


def test_front_matter_only_at_the_start_of_a_document() -> None:
    text = "---\nklantbeeld: ja\n---\n"
    assert find_regions(text, at_start=False).spans == []


@pytest.mark.parametrize(
    ("text", "front"),
    [
        ("---\n---\n\nklantbeeld\n---", "---\n---\n"),
        ("---\ntitel: a\n---\n\nklantbeeld\n---\n", "---\ntitel: a\n---\n"),
        ("+++\n+++\nklantbeeld\n+++", "+++\n+++\n"),
    ],
    ids=["empty", "one-field", "toml"],
)
def test_front_matter_ends_at_its_first_closing_line(text: str, front: str) -> None:
    """Found by the stream property test: empty front matter ran on to a later `---` (here a
    heading's underline), so the whole text was left alone; the stream cut it right."""
    assert [text[s:e] for s, e in find_regions(text).spans] == [front]


def test_code_regions_are_listed_for_directives() -> None:
    text = "`a` [b](/c) and\n\n    code\n"
    assert [text[s:e] for s, e in find_regions(text).code] == ["`a`", "    code"]


def test_deep_nesting_keeps_the_whole_text() -> None:
    text = "> " * 40 + "    klantbeeld\n"
    assert find_regions(text).spans == [(0, len(text))]


def test_plain_prose_needs_no_parser() -> None:
    assert not may_hold_markdown("Het klantbeeld is af, zie de notulen (punt 3).")
    assert may_hold_markdown("zie [notulen]")


@pytest.mark.parametrize("marker", MARKDOWN_MARKERS)
def test_each_markdown_marker_is_seen_in_text_and_in_a_stream(marker: str) -> None:
    """The stream cutter joins paragraphs only where the translator would not parse them:
    both read the same list of markers (protect's test is spelled out for speed)."""
    text = f"Het klantbeeld{marker}is af, zie de notulen."
    plain = "Het klantbeeld is af, zie de notulen."
    assert may_hold_markdown(text) and not may_hold_markdown(plain)
    assert not markdown_free(bytearray(text.encode()), 0, len(text))
    assert markdown_free(bytearray(plain.encode()), 0, len(plain))


PATHOLOGICAL: dict[str, Callable[[int], str]] = {
    "fence openers": lambda n: "~~~a\n" * (n // 5),
    "link tails": lambda n: "](" * (n // 2),
    "comment openers": lambda n: "x " + "<!-- a " * (n // 7),
    "comment openers in a block": lambda n: "<!-- a " * (n // 7),
    "near-addresses": lambda n: "@ " + "a." * (n // 2),
    "near-urls": lambda n: "x:// " + "a." * (n // 2),
    "open brackets": lambda n: "[" * n,
    "open links": lambda n: "[a](" * (n // 4),
    "image openers": lambda n: "![" * (n // 2),
    "backtick runs": lambda n: "".join("`" * (i % 7 + 1) + "a " for i in range(n // 6)),
    "tag openers": lambda n: "x " + "<a b='" * (n // 6),
    "declarations": lambda n: "x " + "<!A " * (n // 4),
    "entities": lambda n: "&a" * (n // 2),
    "nested quotes": lambda n: "> " * (n // 2),
    "html blocks": lambda n: "<pre>\n\n" * (n // 7),
    "placeholder openers": lambda n: "{{a " * (n // 4),
    "tag openers of templates": lambda n: "{% a " * (n // 5),
    "dollar braces": lambda n: "${a" * (n // 3),
    "percent runs": lambda n: "%a" * (n // 2),
    "colon runs": lambda n: ":a" * (n // 2),
}


@pytest.mark.parametrize("make", PATHOLOGICAL.values(), ids=PATHOLOGICAL.keys())
def test_regions_take_linear_time(make: Callable[[int], str]) -> None:
    assert growth(find_regions, make, 2000) <= 2.5


MARKDOWNISH = st.text(
    alphabet=st.sampled_from([*"ab `~<>[]()!&#;:/\\*_-=+.\"'\n\t\r", "\u00a0", "é", "\x00"]),
    max_size=80,
)


@settings(max_examples=500, deadline=None)
@given(MARKDOWNISH)
def test_regions_of_any_text_are_in_order_and_in_bounds(text: str) -> None:
    regions = find_regions(text)
    for spans in (regions.spans, regions.code):
        assert all(0 <= start < end <= len(text) for start, end in spans)
    assert all(a[1] < b[0] for a, b in zip(regions.spans, regions.spans[1:], strict=False))

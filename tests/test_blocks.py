"""Cutting a Markdown stream only where each piece parses as it would in the whole text."""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dikkevandale import Translator
from dikkevandale.io import blocks, streams
from dikkevandale.io.streams import paragraphs, pieces
from helpers import Trickle, growth

TRANSLATOR = Translator(
    [Path(__file__).parent / "data" / "core.yaml"], builtin=False, to="it", fuzzy=False
)


def cut(text: str) -> list[str]:
    found = list(paragraphs(io.BytesIO(text.encode())))
    assert "".join(found) == text
    return found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "- a\n\n  ```\n  x\n\n  y\n  ```\n\nz\n",
            ["- a\n\n  ```\n  x\n\n  y\n  ```\n\n", "z\n"],
            id="fence-in-list-item",
        ),
        pytest.param(
            "> ```\n> a\n>\n> b\n> ```\n\nc",
            ["> ```\n> a\n>\n> b\n> ```\n\n", "c"],
            id="fence-in-quote",
        ),
        pytest.param(
            "> ```\n> a\n\n```\nb\n\nc\n```\n",
            ["> ```\n> a\n\n", "```\nb\n\nc\n```\n"],
            id="fence-ended-by-its-quote",
        ),
        pytest.param("~~~a\n~~~a\n\n~~~a\n", ["~~~a\n~~~a\n\n~~~a\n"], id="no-closing-fence"),
        pytest.param("```\na\n\n``` x\nb\n```\n\nc", ["```\na\n\n``` x\nb\n```\n\n", "c"]),
        pytest.param("    ```\n\na\n", ["    ```\n\n", "a\n"], id="indented-code-no-fence"),
        pytest.param(
            "<pre>\na\n\nb\n</pre>\n\nc", ["<pre>\na\n\nb\n</pre>\n\n", "c"], id="pre-block"
        ),
        pytest.param("<!--\na\n\nb\n-->\n\nc", ["<!--\na\n\nb\n-->\n\n", "c"], id="comment"),
        pytest.param("<div>\na\n\nb\n</div>\n", ["<div>\na\n\n", "b\n</div>\n"], id="div"),
        pytest.param(
            "1.  a\n\n    b\n\nc\n", ["1.  a\n\n    b\n\n", "c\n"], id="list-paragraph-indented-4"
        ),
        pytest.param("-\tfoo\n\n\tbar\n\nbaz", ["-\tfoo\n\n\tbar\n\n", "baz"], id="tabs"),
        pytest.param("- a\n\n- b\n", ["- a\n\n", "- b\n"], id="list-items"),
        pytest.param("> a\n>\n> b\n\nc", ["> a\n>\n", "> b\n\n", "c"], id="quote"),
        pytest.param(
            "[a]: /a\n</pre>\n>\n    b\n",
            ["[a]: /a\n</pre>\n>\n    b\n"],
            id="html-block-after-a-reference-definition",
        ),
        pytest.param(
            "para\n- ```\n  a\n\n  b\n  ```\n\nc",
            ["para\n- ```\n  a\n\n  b\n  ```\n\n", "c"],
            id="list-interrupting-a-paragraph",
        ),
        pytest.param("a\n\n\nb\n", ["a\n\n", "\n", "b\n"], id="plain"),
    ],
)
def test_pieces_end_where_no_block_is_open(text: str, expected: list[str]) -> None:
    assert cut(text) == expected


def test_a_block_cut_for_length_is_kept_as_it_is(monkeypatch: pytest.MonkeyPatch) -> None:
    """A code block longer than a piece may be is cut anyway (memory stays flat), and the
    pieces inside it are marked verbatim, up to its closing fence."""
    monkeypatch.setattr(blocks, "LONGEST_PIECE", 20)
    text = "```\n" + "klantbeeld\n" * 6 + "```\nna\n\nklantbeeld\n"
    found = list(pieces(io.BytesIO(text.encode())))
    assert found == [
        streams.Piece("```\nklantbeeld\nklantbeeld\n"),
        streams.Piece("klantbeeld\nklantbeeld\n", verbatim=True),
        streams.Piece("klantbeeld\nklantbeeld\n", verbatim=True),
        streams.Piece("```\n", verbatim=True),
        streams.Piece("na\n\n"),
        streams.Piece("klantbeeld\n"),
    ]


PATHOLOGICAL: dict[str, Callable[[int], str]] = {
    "fence openers": lambda n: "~~~a\n" * (n // 5),
    "fences": lambda n: "```\n\n" * (n // 5),
    "list items": lambda n: "- a\n\n" * (n // 5),
    "nested quotes": lambda n: "> " * (n // 4) + "a\n\n",
    "nested lists": lambda n: "".join("  " * (i % 30) + "- a\n" for i in range(n // 40)),
    "pre blocks": lambda n: "<pre>\n\n" * (n // 7),
}


@pytest.mark.parametrize("make", PATHOLOGICAL.values(), ids=PATHOLOGICAL.keys())
def test_cutting_takes_linear_time(make: Callable[[int], str]) -> None:
    def run(text: str) -> None:
        for _ in paragraphs(io.BytesIO(text.encode())):
            pass

    assert growth(run, make, 4000) <= 2.5


LINES = [
    "",
    "bezoeksrapport",
    "Het bezoeksrapport en de servicebelofte.",
    "- bezoeksrapport",
    "  - bezoeksrapport",
    "1. bezoeksrapport",
    "   bezoeksrapport",
    "    bezoeksrapport",
    "      bezoeksrapport",
    "\tbezoeksrapport",
    "> bezoeksrapport",
    ">",
    "> ```",
    "```",
    "  ```",
    "~~~ bezoeksrapport",
    "<pre>",
    "</pre>",
    "<!-- bezoeksrapport",
    "-->",
    "<div>",
    "</div>",
    "---",
    "# bezoeksrapport",
    "[bezoeksrapport]: /bezoeksrapport",
    "<!-- dvd off -->",
    "<!-- dvd on -->",
    "<!-- dvd-ignore -->",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(LINES), max_size=24), st.booleans())
def test_a_stream_translates_as_the_whole_text_does(lines: list[str], crlf: bool) -> None:
    """Cut where it may, a stream gives what the whole text gives, whatever the blocks."""
    text = ("\r\n" if crlf else "\n").join(lines)
    whole = TRANSLATOR.translate(text).text
    pieces = TRANSLATOR.translations(io.BytesIO(text.encode()))
    assert "".join(piece.translation.text for piece in pieces) == whole


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(LINES), max_size=24),
    st.booleans(),
    st.sampled_from([1, 7, 64, 1 << 16]),
    st.sampled_from([24, 1 << 22]),
)
def test_joined_pieces_end_where_pieces_apart_do(
    lines: list[str], crlf: bool, most: int, longest: int
) -> None:
    """Paragraphs that arrive together are one piece: joined, the pieces end only where the
    pieces apart do, and the pieces kept as they are or cut for length stay as they were."""
    text = ("\r\n" if crlf else "\n").join(lines)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(blocks, "LONGEST_PIECE", longest)
        apart = list(pieces(io.BufferedReader(Trickle(text.encode(), most))))
        joined = list(pieces(io.BufferedReader(Trickle(text.encode(), most)), joined=True))
    assert "".join(piece.text for piece in joined) == text
    ends = {sum(len(p.text) for p in apart[: n + 1]) for n in range(len(apart))}
    assert {sum(len(p.text) for p in joined[: n + 1]) for n in range(len(joined))} <= ends
    special = [p for p in apart if p.verbatim or p.open_end]
    assert [p for p in joined if p.verbatim or p.open_end] == special


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from([b"a", b" ", b"\n", b"\t", b">", b"-", b"1", b".", b")", b"*",
                                 b"\r", b"`", b"<", b"~", b"+"]), max_size=14))  # fmt: skip
def test_a_markup_line_is_found_at_any_line_start(pieces: list[bytes]) -> None:
    """The cutter looks for a markup line after each line end; the same as trying the
    anchored pattern at every line start."""
    data = bytearray(b"".join(pieces))
    anchored = re.compile(rb"^" + blocks._MARKUP, re.MULTILINE)
    for begin in [0] + [at + 1 for at, byte in enumerate(data) if byte == ord("\n")]:
        expected = anchored.search(data, begin, len(data)) is not None
        assert blocks._markup_in(data, begin, len(data)) == expected

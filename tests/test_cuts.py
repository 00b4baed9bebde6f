"""One huge line: cut for length where no term runs across, with memory that stays flat."""

from __future__ import annotations

import io
import tracemalloc
from pathlib import Path
from typing import Any

import pytest

from dikkevandale import Translator
from dikkevandale.io import blocks, streams
from dikkevandale.matching.cuts import MARGIN, clear_cut
from helpers import Trickle

TRANSLATOR = Translator(
    [Path(__file__).parent / "data" / "core.yaml"], builtin=False, to="it", fuzzy=False
)
INDEX = TRANSLATOR.index
FILLER = "De klant wil een overzicht van alle gegevens, "


def streamed(text: str, most: int, monkeypatch: pytest.MonkeyPatch) -> list[streams.Piece]:
    """The pieces of `text` read `most` bytes at a time, each read making a line too long."""
    monkeypatch.setattr(blocks, "LONGEST_PIECE", most - 1)
    return list(streams.pieces(io.BufferedReader(Trickle(text.encode(), most))))


def translated(text: str, most: int, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setattr(blocks, "LONGEST_PIECE", most - 1)
    stream = io.BufferedReader(Trickle(text.encode(), most))
    return "".join(piece.translation.text for piece in TRANSLATOR.translations(stream))


def test_a_line_longer_than_a_piece_is_cut_inside_it(monkeypatch: pytest.MonkeyPatch) -> None:
    text = FILLER * 200  # 9,200 characters, no line end
    pieces = streamed(text, 2000, monkeypatch)
    assert "".join(piece.text for piece in pieces) == text
    assert [len(piece.text) for piece in pieces] == [2000, 2000, 2000, 2000, 1200]
    assert [piece.open_end for piece in pieces] == [True, True, True, True, False]


TERM = "360-graden-klantbeeld"


@pytest.mark.parametrize("into", range(-4, len(TERM) + 2))
def test_a_term_across_the_cut_is_still_found(into: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """The stream is cut `into` characters into the term (or before its article): the term is
    rewritten, its article agrees, and the text reads as the whole text would."""
    before = FILLER * 60 + "en het "
    text = before + TERM + " is af, " + FILLER * 60
    whole = TRANSLATOR.translate(text).text
    assert "en de mid-office-oplossing op basis van XML is af" in whole
    most = len(before) + into  # the first read ends there: a cut for length
    assert translated(text, most, monkeypatch) == whole


def test_a_cut_keeps_a_code_span_and_a_link_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    code = "`het 360-graden-klantbeeld blijft code` en "
    link = "[het 360-graden-klantbeeld](klantbeeld.md) en "
    for construct in (code, link):
        before = FILLER * 60
        text = before + construct + FILLER * 60
        whole = TRANSLATOR.translate(text).text
        for into in (5, len(construct) // 2, len(construct) - 5):
            assert translated(text, len(before) + into, monkeypatch) == whole, (construct, into)


def test_a_cut_is_made_far_from_terms_when_it_can_be() -> None:
    text = (FILLER * 10 + "het 360-graden-klantbeeld ") * 60
    cut = clear_cut(text, INDEX, "it")
    assert text[cut - 1] == " " and text[cut].isalpha()
    assert len(text) - MARGIN - (1 << 16) <= cut <= len(text) - MARGIN
    nearest = min(abs(cut - found) for found in _positions(text, TERM))
    assert nearest >= 200


def test_a_text_dense_with_terms_is_cut_between_them_not_before_an_article() -> None:
    text = "het 360-graden-klantbeeld en " * 200
    cut = clear_cut(text, INDEX, "it")
    assert text[cut:].startswith("en het ")


def test_a_line_without_spaces_is_still_cut() -> None:
    text = "x" * 5000
    assert clear_cut(text, INDEX, "it") == 5000 - MARGIN
    assert clear_cut("kort", INDEX, "it") == 4  # shorter than the margin: not cut


def _positions(text: str, term: str) -> list[int]:
    found, at = [], text.find(term)
    while at >= 0:
        found += [at, at + len(term)]
        at = text.find(term, at + 1)
    return found


class Discard(io.RawIOBase):
    """An output that keeps nothing, so that only the translation's own memory is measured."""

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        return len(data)


def _peak(size: int) -> int:
    """Peak traced memory of translating a one-line input of `size` bytes as a stream (the
    input itself was allocated before)."""
    line = (FILLER * 3 + "het 360-graden-klantbeeld ").encode()
    data = line * (size // len(line))
    tracemalloc.start()
    try:
        TRANSLATOR.translate_stream(io.BytesIO(data), Discard())
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_memory_stays_flat_on_one_huge_line(monkeypatch: pytest.MonkeyPatch) -> None:
    """Before: the whole line was one piece (a 1 GB line ended in a MemoryError)."""
    monkeypatch.setattr(blocks, "LONGEST_PIECE", 1 << 16)
    small, large = _peak(1 << 19), _peak(1 << 20)
    assert large <= small * 1.25, (small, large)

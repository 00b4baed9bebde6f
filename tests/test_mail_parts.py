"""A big e-mail body is translated a paragraph at a time, as a file is; each rewrite names the
part it stands in, with offsets into that part's decoded text."""

from __future__ import annotations

import base64
import io
import tracemalloc
from pathlib import Path

from dikkevandale import Lexicon, Translator, parse_lexicon

DATA = Path(__file__).parent / "data"
TRANSLATOR = Translator([DATA / "core.yaml"], builtin=False, to="it", fuzzy=False)
PARAGRAPH = (
    "De klant wil een overzicht van alle gegevens, zegt `men`, en de planning schuift op.\n" * 10
    + "Het 360-graden-klantbeeld is nog niet af.\n\n"
)
HEAD = (
    b"From: jan@example.nl\nTo: piet@example.nl\nSubject: Het 360-graden-klantbeeld\n"
    b"MIME-Version: 1.0\n"
)


def plain(body: str, encoding: str = "8bit") -> bytes:
    data = body.encode()
    if encoding == "base64":
        data = base64.encodebytes(data)
    return (
        HEAD
        + b"Content-Type: text/plain; charset=utf-8\n"
        + f"Content-Transfer-Encoding: {encoding}\n\n".encode()
        + data
    )


def test_a_body_translates_as_the_same_text_in_a_file() -> None:
    """Each paragraph is parsed on its own, as `dvd translate -f` does (fences kept whole)."""
    body = PARAGRAPH * 20 + "```\nhet 360-graden-klantbeeld\n\nin code\n```\n\n" + PARAGRAPH
    out = io.BytesIO()
    TRANSLATOR.translate_stream(io.BytesIO(body.encode()), out)
    result = TRANSLATOR.translate_email(plain(body))
    assert result.data.split(b"\n\n", 1)[1] == out.getvalue()
    assert b"in code" in result.data and b"het 360-graden-klantbeeld\n\nin code" in result.data


def _peak(size: int) -> tuple[int, int]:
    """Traced peak of translating a message with a body of about `size` bytes, and its size."""
    data = plain(PARAGRAPH * (size // len(PARAGRAPH)))
    tracemalloc.start()
    try:
        TRANSLATOR.translate_email(data)
        return tracemalloc.get_traced_memory()[1], len(data)
    finally:
        tracemalloc.stop()


def test_memory_is_a_small_multiple_of_the_message_and_linear() -> None:
    """Before, the whole body was one text to parse and match: 42x the message at 1 and 2 MB
    (a 30 MB body peaked at 1.54 GB); now 5x, what the copies of one body cost."""
    _peak(1 << 14)  # the Markdown parser is imported once, outside the measurement
    (small, small_size), (large, large_size) = _peak(1 << 19), _peak(1 << 20)
    assert large <= 8 * large_size, (large, large_size)
    assert large / small <= 2.5 * large_size / small_size / 2, (small, large)


def test_each_rewrite_names_its_part_with_offsets_into_its_decoded_text() -> None:
    body = "Eerst dit.\n\nHet 360-graden-klantbeeld is af.\n"
    data = (
        HEAD + b'Content-Type: multipart/alternative; boundary="b"\n\n--b\n'
        b"Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: base64\n\n"
        + base64.encodebytes(body.encode())
        + b"--b\nContent-Type: text/html; charset=utf-8\n\n<p>Eerst dit.</p>\n"
        b"<p>Het 360-graden-klantbeeld is af.</p>\n--b--\n"
    )
    result = TRANSLATOR.translate_email(data)
    found = [
        (part, rewrite.start, rewrite.text)
        for part, rewrite in zip(result.parts, result.rewrites, strict=True)
    ]
    html = "<p>Eerst dit.</p>\n<p>Het 360-graden-klantbeeld is af.</p>"
    assert found == [
        ("Subject", 0, "Het 360-graden-klantbeeld"),
        ("1", body.index("Het"), "Het 360-graden-klantbeeld"),
        ("2", html.index("Het"), "Het 360-graden-klantbeeld"),
    ]


def test_a_part_left_unchanged_reports_no_rewrites() -> None:
    """Before, the rewrites of a part that could not be written back were still reported."""
    lexicon = Lexicon(
        parse_lexicon(
            "dvd: 1\nlanguage: nl\naudiences: [sales, it]\nconcepts:\n"
            "  - id: klantbeeld\n    sales: klantbeeld\n    it: cliëntbeeld\n"
        ),
        ("sales", "it"),
    )
    data = plain("Het klantbeeld is af.\n", "7bit").replace(b"charset=utf-8", b"charset=us-ascii")
    data = data.replace(b"Subject: Het 360-graden-klantbeeld", b"Subject: niets")
    result = Translator([lexicon], builtin=False, to="it").translate_email(data)
    assert result.data == data
    assert "cannot encode" in result.warnings[0]
    assert result.rewrites == ()

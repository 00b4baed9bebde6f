"""A short fuzz run: random Markdown, MIME messages and Unicode text, through the library and
through `dvd translate` (the CLI runner).

Whatever the input: no traceback, an exit code from the documented set (0 done, 1 findings,
2 usage, 3 bad input), translating the output again changes nothing, and an input without a
term comes out byte for byte. The runs are derandomized and keep no example database, so CI
sees the same inputs every time; together they take a few seconds. `DVD_FUZZ=N` runs N times
as many new examples, to hunt rather than to guard.
"""

from __future__ import annotations

import base64
import contextlib
import email.header
import os
import quopri
from collections.abc import Iterator
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from dikkevandale import Translator
from helpers import invoke

CORE = Path(__file__).parent / "data" / "core.yaml"
TRANSLATOR = Translator([CORE], builtin=False, to="it")
TO_SALES = TRANSLATOR.with_options(to="sales")
CLI = ("--no-builtin", "--lexicon", str(CORE))
DOCUMENTED = (0, 1, 2, 3)


LONGER = int(os.environ.get("DVD_FUZZ", "0"))
"""`DVD_FUZZ=20 pytest tests/test_fuzz.py`: twenty times the examples, new ones each run."""


def fuzz(examples: int) -> settings:
    """The same inputs on every run, and nothing remembered between runs (unless DVD_FUZZ)."""
    return settings(
        max_examples=examples * (LONGER or 1),
        derandomize=not LONGER,
        database=None,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


TERMS = [
    "360-graden-klantbeeld",
    "het 360-graden-klantbeeld",
    "Het compleet klantbeeld",
    "compleet\nklantbeeld",
    "back-office-koppeling",
    "Backoffice koppelingen",
    "servicebelofte",
    "SERVICEBELOFTE",
    "SLA",
    "bereikbaarheid",
    "uptime",
    "bezoeksrapporten",
    "bezoekrapport",
    "klantcontactverslag",
    "interesseformulier",
    "landingspagina's",
    "datamigratie",
    "overzetten van klantgegevens",
    "oude rommel",
    "mid-office-oplossing op basis van XML",
]
WORDS = ["de", "het", "een", "klant", "wil", "dit", "deze", "dat", "die", "café", "één", "ß", "İ"]
MARKUP = [
    "`",
    "``",
    "*",
    "_",
    "[",
    "]",
    "(",
    ")",
    "](",
    "<",
    ">",
    "<b>",
    "</b>",
    "<!--",
    "-->",
    "&amp;",
    "&nbsp;",
    "\\",
    "|",
    "!",
    "https://crm.example/bezoeksrapport",
    "jan@example.nl",
    "klantbeeld.md",
    "<!-- dvd off -->",
    "<!-- dvd on -->",
    "<!-- dvd-ignore -->",
    "<!-- dvd-ignore sla -->",
]
LINE_STARTS = ["", "", "", "# ", "## ", "- ", "* ", "1. ", "> ", "> > ", "    ", "\t", "  - "]
BLOCKS = [
    "```",
    "```yaml",
    "~~~",
    "---",
    "+++",
    "===",
    "<pre>",
    "</pre>",
    "<div>",
    "</div>",
    "<!--",
    "-->",
    "| a | b |\n|---|---|",
    "[bezoeksrapport]: /bezoeksrapport",
    "dvd off",
    "dvd on",
    "",
]

INLINE = st.lists(
    st.one_of(
        st.sampled_from(TERMS),
        st.sampled_from(WORDS),
        st.sampled_from(MARKUP),
        st.text(max_size=6),
    ),
    max_size=10,
).map(" ".join)
LINE = st.one_of(
    st.tuples(st.sampled_from(LINE_STARTS), INLINE).map("".join), st.sampled_from(BLOCKS)
)
MARKDOWN = st.tuples(st.lists(LINE, max_size=14), st.booleans()).map(
    lambda drawn: ("\r\n" if drawn[1] else "\n").join(drawn[0])
)
UNICODE = st.lists(st.one_of(st.text(max_size=12), st.sampled_from(TERMS)), max_size=12).map(
    "".join
)
PLAIN_WORDS = st.lists(st.sampled_from([*WORDS, "\n", "\n\n", ",", ".", "  "]), max_size=30)


@st.composite
def messages(draw: st.DrawFn) -> bytes:
    """An e-mail: one part or several, a forward, in a charset and transfer encoding of its
    own, with LF or CRLF, sometimes cut off anywhere."""
    charset = draw(st.sampled_from(["utf-8", "iso-8859-1", "windows-1252", "us-ascii"]))

    def part(kind: str) -> bytes:
        encoding = draw(st.sampled_from(["7bit", "8bit", "quoted-printable", "base64"]))
        text = draw(MARKDOWN)
        if kind == "text/html":
            text = f"<html><body><p>{text}</p></body></html>"
        body = text.encode(charset, errors="replace")
        if encoding == "base64":
            body = base64.encodebytes(body)
        elif encoding == "quoted-printable":
            body = quopri.encodestring(body)
        head = f"Content-Type: {kind}; charset={charset}\nContent-Transfer-Encoding: {encoding}"
        return head.encode() + b"\n\n" + body

    subject = draw(INLINE).replace("\n", " ").replace("\r", " ")
    if not subject.isascii() or draw(st.booleans()):
        subject = email.header.Header(subject, "utf-8").encode()
    head = (
        f"From: jan@example.nl\nTo: piet@example.nl\nSubject: {subject}\nMIME-Version: 1.0\n"
    ).encode()
    shape = draw(st.sampled_from(["plain", "html", "alternative", "mixed", "forward"]))
    if shape in ("plain", "html"):
        data = head + part(f"text/{shape}")
    else:
        parts = [part("text/plain"), part("text/html")]
        if shape == "mixed":
            parts.append(
                b"Content-Type: application/pdf\nContent-Transfer-Encoding: base64\n\nJVBERg==\n"
            )
        if shape == "forward":
            parts = [
                part("text/plain"),
                b"Content-Type: message/rfc822\n\n" + head + part("text/plain"),
            ]
        kind = "alternative" if shape == "alternative" else "mixed"
        data = head + f'Content-Type: multipart/{kind}; boundary="grens"\n\n'.encode()
        data += b"".join(b"--grens\n" + one + b"\n" for one in parts) + b"--grens--\n"
    if draw(st.booleans()):
        data = data.replace(b"\n", b"\r\n")
    if draw(st.integers(0, 4)) == 0:
        data = data[: draw(st.integers(0, len(data)))]
    return data


# --- the library ---------------------------------------------------------------------------------


@fuzz(400)
@given(st.one_of(MARKDOWN, UNICODE), st.booleans())
def test_library_text(text: str, to_sales: bool) -> None:
    translator = TO_SALES if to_sales else TRANSLATOR
    once = translator.translate(text)
    assert translator.translate(once.text).text == once.text
    if not once.rewrites:
        assert once.text == text


@fuzz(300)
@given(messages())
def test_library_email(data: bytes) -> None:
    once = TRANSLATOR.translate_email(data)
    assert TRANSLATOR.translate_email(once.data).data == once.data
    if not once.rewrites:
        assert once.data == data


@fuzz(200)
@given(PLAIN_WORDS.map("".join))
def test_library_text_without_terms_is_byte_identical(text: str) -> None:
    assert TRANSLATOR.translate(text).text == text
    assert TRANSLATOR.translate_email(text.encode()).data == text.encode()


# --- the command line ----------------------------------------------------------------------------


@contextlib.contextmanager
def tracebacks() -> Iterator[None]:
    """DVD_DEBUG=1: an internal error raises, so that `invoke` shows its traceback."""
    os.environ["DVD_DEBUG"] = "1"
    try:
        yield
    finally:
        del os.environ["DVD_DEBUG"]


def translated(data: bytes, *options: str) -> bytes:
    result = invoke("translate", "--to", "it", *CLI, *options, input=data, code=DOCUMENTED)
    assert "Traceback" not in result.stderr
    return result.stdout_bytes if result.exit_code == 0 else data


@fuzz(120)
@given(st.one_of(MARKDOWN, UNICODE))
def test_cli_text(text: str) -> None:
    data = text.encode("utf-8", errors="surrogatepass")
    with tracebacks():
        once = translated(data)
        assert translated(once) == once
        if once == data:
            return
        # Something changed: then there were terms to find.
        check = invoke("translate", "--to", "it", *CLI, "--check", input=data, code=DOCUMENTED)
        assert check.exit_code == 1, check.stderr


@fuzz(80)
@given(messages(), st.sampled_from(["text", "json", "diff"]))
def test_cli_email(data: bytes, output: str) -> None:
    with tracebacks():
        once = translated(data)
        assert translated(once) == once
        invoke("translate", "--to", "it", *CLI, "--format", output, input=data, code=DOCUMENTED)
        invoke("explain", "--to", "it", *CLI, input=data, code=DOCUMENTED)


BUILTIN = Translator(to="it")
BUILTIN_TERMS = sorted(
    {
        term.text
        for concept in BUILTIN.concepts.values()
        for terms in concept.terms.values()
        for term in terms
    }
)
MIXED = st.lists(
    st.one_of(st.sampled_from(BUILTIN_TERMS), st.sampled_from([*WORDS, "the", "and", "i", "oraz"])),
    max_size=12,
).map(", ".join)


@fuzz(150)
@given(MIXED, st.sampled_from(["it", "sales"]))
@example("360-degree customer view, 360-graden-klantbeeld, CRM champion", "it")
@example("data export, 360-graden-klantbeeld, suppression list", "sales")
def test_library_mixed_languages_detected_per_paragraph(text: str, to: str) -> None:
    """Idempotent with --lang auto too: after a first pass the language must not flip (issue
    15 item 12: '360-degree customer view, 360-graden-klantbeeld, CRM champion' to it, then
    again, used to rewrite the Dutch term only the second time; so did the issue's own
    'data export, 360-graden-klantbeeld, suppression list' to sales)."""
    once = BUILTIN.translate(text, to=to)
    assert BUILTIN.translate(once.text, to=to).text == once.text

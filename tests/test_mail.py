"""E-mail translation: only the Subject and the text bodies change, every other byte stays."""

from __future__ import annotations

import base64
import binascii
import doctest
import email
import email.policy
import json
import quopri
import re
from collections.abc import Callable, Iterator
from email.message import EmailMessage, Message
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dikkevandale import Translator, load_lexicon, translate
from dikkevandale.io.mail import message as mail
from dikkevandale.io.mail.detect import email_verdict
from dikkevandale.io.mail.encoding import encode_transfer
from dikkevandale.io.mail.message import MailResult, looks_like_email, translate_email
from dikkevandale.matching.matcher import compile_index
from helpers import invoke

DATA = Path(__file__).parent / "data"
MAIL = DATA / "mail"
FIXTURES = sorted(path.name for path in MAIL.glob("*.eml"))
TEXT_TYPES = ("text/plain", "text/html")

Rewrite = Callable[[str], str]


@pytest.fixture(scope="module")
def to_it() -> Rewrite:
    """The real translator with the small core test lexicon, towards IT."""
    index = compile_index(load_lexicon([DATA / "core.yaml"], builtin=False))
    return lambda text: translate(text, index, "it").text


def tiny(text: str) -> str:
    """A stand-in translator: two fixed replacements, longest first."""
    text = text.replace("360-graden-klantbeeld", "mid-office-oplossing")
    return text.replace("klantbeeld", "klantdatabase")


def load(name: str, eol: bytes = b"\n") -> bytes:
    """A fixture, with its line endings turned into `eol` (the files are stored with LF)."""
    return (MAIL / name).read_bytes().replace(b"\n", eol)


def text_parts(message: Message) -> Iterator[Message]:
    """The parts dvd translates: text/plain and text/html, not attachments, not signed parts;
    also those of the messages a message carries (forwards, digests, bounces)."""
    if message.get_content_type() in ("multipart/signed", "multipart/encrypted"):
        return
    if message.get_content_maintype() == "message" and message.get_content_type() not in (
        "message/rfc822",
        "message/global",
    ):
        return  # a delivery report and the like: no prose
    if message.is_multipart():
        for part in message.get_payload():
            yield from text_parts(part)
    elif (
        message.get_content_type() in TEXT_TYPES
        and message.get_content_disposition() != "attachment"
    ):
        yield message


def skeleton(data: bytes) -> bytes:
    """`data` with the Subjects and the raw body of every translatable text part cut out.

    Found with Python's own parser, independently of the module under test, so comparing the
    skeletons of input and output checks every other byte: headers, boundaries, preamble,
    epilogue, attachments. (A carried message's Subject is cut out with the others: what is
    left of the bodies is the same on both sides, so a "Subject:" line there cuts alike.)
    """
    blank = re.search(rb"\r?\n\r?\n", data)
    assert blank is not None
    head = re.sub(
        rb"(?mi)^Subject:[^\r\n]*(?:\r?\n[ \t][^\r\n]*)*",
        b"Subject: <SUBJECT>",
        data[: blank.end()],
        count=1,
    )
    rest = data[blank.end() :]
    pieces = [head]
    cursor = 0
    message = email.message_from_bytes(data, policy=email.policy.compat32)
    for part in text_parts(message):
        body = raw_payload(part)
        at = rest.index(body, cursor)
        pieces += [rest[cursor:at], b"<BODY>"]
        cursor = at + len(body)
    pieces.append(rest[cursor:])
    return re.sub(
        rb"(?mi)^Subject:[^\r\n]*(?:\r?\n[ \t][^\r\n]*)*", b"Subject: <SUBJECT>", b"".join(pieces)
    )


def defects(data: bytes) -> list[str]:
    message = email.message_from_bytes(data, policy=email.policy.default)
    return [type(defect).__name__ for part in message.walk() for defect in part.defects]


def raw_payload(part: Message) -> bytes:
    """The body bytes of `part` as they stand in the message, still transfer-encoded."""
    if part.get("content-transfer-encoding", "").lower() in ("quoted-printable", "base64"):
        return str(part.get_payload()).encode("ascii")
    body = part.get_payload(decode=True)  # for 7bit and 8bit: the raw bytes
    assert isinstance(body, bytes)
    return body


def raw_bodies(data: bytes) -> list[bytes]:
    message = email.message_from_bytes(data, policy=email.policy.compat32)
    return [raw_payload(part) for part in text_parts(message)]


def check(data: bytes, rewrite: Rewrite, *, skip_quoted: bool = False) -> MailResult:
    """Translate and check what holds for every message; the caller checks the words."""
    result = translate_email(data, rewrite, skip_quoted=skip_quoted)
    email.message_from_bytes(result.data, policy=email.policy.default)
    assert defects(result.data) == defects(data)
    assert skeleton(result.data) == skeleton(data)
    again = translate_email(result.data, rewrite, skip_quoted=skip_quoted)
    assert again.data == result.data, "translating the output again changed it"
    return result


def parsed(result: MailResult) -> EmailMessage:
    message = email.message_from_bytes(result.data, policy=email.policy.default)
    assert isinstance(message, EmailMessage)
    return message


def contents(result: MailResult) -> list[str]:
    """The decoded text of each translatable part (charset and transfer encoding undone)."""
    out = []
    for part in text_parts(parsed(result)):
        assert isinstance(part, EmailMessage)
        out.append(part.get_content().replace("\r\n", "\n"))
    return out


EOLS = pytest.mark.parametrize("eol", [b"\n", b"\r\n"], ids=["lf", "crlf"])


# --- detection ------------------------------------------------------------------------------


@pytest.mark.parametrize("name", FIXTURES)
def test_every_fixture_looks_like_email(name: str) -> None:
    assert looks_like_email(load(name))
    assert looks_like_email(load(name, b"\r\n"))


@pytest.mark.parametrize(
    ("data", "verdict"),
    [
        (b"", None),
        (b"From: jan@example.nl\nTo: pi", None),
        (b"From: jan@example.nl\nTo: piet@example.nl\n", None),
        (b"From: jan@example.nl\nTo: piet@example.nl\n\n", True),
        (b"Het klantbeeld", None),
        (b"Het klantbeeld is af.\n", False),
        (b"Subject: offerte\n\n", False),
    ],
)
def test_a_pipe_is_read_only_until_its_first_lines_decide(
    data: bytes, verdict: bool | None
) -> None:
    assert email_verdict(data) is verdict


@pytest.mark.parametrize(
    "data",
    [
        b"From jan@example.nl Tue Jun  4 09:41:02 2024\nFrom: jan@example.nl\nTo: piet@example.nl"
        b"\n\nHoi\n",
        b"Received: from mx.example.nl\n\tby mail.example.nl\nX-Spam: no\n\nbody",
        b"X-Custom: 1\nMIME-Version: 1.0\n\n",
        b"subject: kleine letters\ndate: Tue, 4 Jun 2024 09:41:02 +0200\n\nbody\n",
        b"Content-Type: multipart/mixed; boundary=ABCDE\n\n--ABCDE\n\nHoi\n--ABCDE--\n",
        b"content-type:text/plain;\n charset=utf-8\n\nHet klantbeeld is af.\n",
    ],
    ids=[
        "mbox-from-line",
        "folded-received",
        "known-field-not-first",
        "lowercase",
        "bare-mime-entity",
        "bare-text-part",
    ],
)
def test_header_blocks_are_email(data: bytes) -> None:
    assert looks_like_email(data)


@pytest.mark.parametrize(
    "data",
    [
        b"Subject: offerte klantbeeld\nHoi Piet, zoals besproken stuur ik je de offerte.\n",
        b"Subject: offerte klantbeeld\n\nHoi Piet,\n",
        b"Re: offerte klantbeeld\n\nHoi Piet, dank voor je mail.\n",
        b"Aan: Piet Bakker\nVan: Jan de Vries\nOnderwerp: offerte\n\nHoi Piet,\n",
        b"# Notulen\n\nFrom: Jan\nTo: Piet\n\nHet klantbeeld is af.\n",
        b"---\ntitle: Notulen\ndate: 2024-06-04\n---\n\n# Notulen\n",
        b"Title: Notulen\nAuthor: Jan\n\nHet klantbeeld is af.\n",
        b"Content-Type: het klantbeeld\n\nHet klantbeeld is af.\n",
        b"From: Jan\nTo: Piet\n",
        b"  From: Jan\nTo: Piet\n\n",
        b"Het 360-graden-klantbeeld is klaar.\n",
        b"",
    ],
    ids=[
        "subject-then-prose",
        "single-subject-line",
        "starts-with-re",
        "dutch-outlook-headers",
        "markdown-heading",
        "yaml-front-matter",
        "markdown-metadata",
        "content-type-without-media-type",
        "no-blank-line",
        "indented-first-line",
        "prose",
        "empty",
    ],
)
def test_notes_are_not_email(data: bytes) -> None:
    assert not looks_like_email(data)


# --- the fixtures -----------------------------------------------------------------------------


@pytest.mark.parametrize("name", FIXTURES)
def test_without_terms_every_byte_stays(name: str) -> None:
    for eol in (b"\n", b"\r\n"):
        data = load(name, eol)
        result = translate_email(data, lambda text: text)
        assert result.data == data


@EOLS
def test_alternative_plain_and_html(to_it: Rewrite, eol: bytes) -> None:
    result = check(load("alternative.eml", eol), to_it)
    assert result.warnings == ()
    message = parsed(result)
    assert message["Subject"] == "Planning voor de mid-office-oplossing op basis van XML"
    plain, html = contents(result)
    assert "vóór de zomer de mid-office-oplossing op basis van XML live\nhebben" in plain
    assert "één ding nodig: de API-integratie met het\nERP" in plain
    assert "de SLA richting de klant" in plain
    assert "https://intranet.example.nl/projecten/360-graden-klantbeeld" in plain
    # text nodes only: tags, attributes, URLs, comments and styles keep the sales term
    assert "v&oacute;&oacute;r de zomer de mid-office-oplossing op basis van XML live" in html
    assert "één ding nodig: de <b>API-integratie</b> met het ERP" in html
    assert "de SLA richting de klant" in html
    assert "<!-- sjabloon: 360-graden-klantbeeld -->" in html
    assert '<a href="https://intranet.example.nl/projecten/360-graden-klantbeeld"' in html
    assert 'title="360-graden-klantbeeld">Projectpagina</a>' in html
    assert "/* 360-graden-klantbeeld */</style>" in html
    html_raw = raw_bodies(result.data)[1]
    assert all(len(line) <= 76 for line in html_raw.splitlines())
    assert b"=C3=A9=C3=A9n" in html_raw  # still UTF-8, still quoted-printable


@EOLS
def test_quoted_printable_keeps_charset_and_soft_breaks(to_it: Rewrite, eol: bytes) -> None:
    original = load("quoted-printable.eml", eol)
    result = check(original, to_it)
    assert result.warnings == ()
    (text,) = contents(result)
    for word in ("geïnteresseerd", "café", "één", "België", "ideeën"):
        assert word in text
    assert "Het activiteitenrecord van gisteren" in text
    assert "in een mid-office-oplossing op basis van XML, maar" in text
    # "overzetten van klantgegevens" was split by a soft line break in the encoded body
    assert "twijfelt over de datamigratie uit hun legacysysteem" in text
    assert "een SLA van 99,9%" in text
    (raw,) = raw_bodies(result.data)
    assert b"caf=E9" in raw  # ISO-8859-1 bytes, not UTF-8
    assert all(len(line) <= 76 for line in raw.splitlines())
    assert raw.endswith(b"Sanne" + eol)
    assert b"=" + eol in raw


def mail_head(kind: str, encoding: str, eol: bytes) -> bytes:
    """The headers of a one-part UTF-8 message, with `eol` line endings."""
    return (
        (
            "From: a@example.nl\nSubject: x\nMIME-Version: 1.0\n"
            f"Content-Type: {kind}; charset=utf-8\nContent-Transfer-Encoding: {encoding}\n\n"
        )
        .encode()
        .replace(b"\n", eol)
    )


@EOLS
def test_quoted_printable_lines_without_a_rewrite_keep_their_bytes(eol: bytes) -> None:
    """Another encoder's choices (escaped quotes and spaces, a narrower wrap) stay on every
    line the translation does not touch; only the lines with a rewrite are encoded anew."""
    body = eol.join(
        [
            b"Hoi=20Pieter,",
            b"",
            b"Het klantbeeld is af=3B de =27backoffice=27 ook. Dit is een lange regel di=",
            b"e zacht is afgebroken.",
            b"Groet=2C",
            b"Sanne=20",
            b"",
        ]
    )
    head = mail_head("text/plain", "quoted-printable", eol)
    result = check(head + body, tiny)
    (raw,) = raw_bodies(result.data)
    lines = body.split(eol)
    assert raw.split(eol)[:2] == lines[:2]  # before the rewrite: as they were
    assert raw.split(eol)[-3:] == lines[-3:]  # after it: as they were
    assert quopri.decodestring(raw) == quopri.decodestring(body).replace(
        b"klantbeeld", b"klantdatabase"
    )


@EOLS
def test_quoted_printable_long_line_changes_only_around_its_rewrite(eol: bytes) -> None:
    """An HTML part is often one long line, soft-broken every 76 characters: the encoded
    lines before and after the one with the rewrite stay as they were."""
    html = "<p>" + " ".join(f"woord{n:03}" for n in range(60)) + " klantbeeld "
    html += " ".join(f"woord{n:03}" for n in range(60, 120)) + "</p>\n"
    body = quopri.encodestring(html.encode()).replace(b"\n", eol)
    head = mail_head("text/html", "quoted-printable", eol)
    result = check(head + body, tiny)
    (raw,) = raw_bodies(result.data)
    before, after = body.split(eol), raw.split(eol)
    changed = [n for n, line in enumerate(before) if b"klant" in line]
    assert after[: changed[0]] == before[: changed[0]]
    assert after[-(len(before) - changed[-1] - 2) :] == before[changed[-1] + 2 :]
    assert all(len(line) <= 76 for line in after)
    new = html.replace("klantbeeld", "klantdatabase").replace("\n", eol.decode())
    assert quopri.decodestring(raw) == new.encode()


@EOLS
def test_quoted_printable_lines_agree_again_after_a_term_over_a_line_break(eol: bytes) -> None:
    """A term over a line break joins two lines into one; the lines after it, blank ones
    too, still keep their encoded bytes."""
    lines = [b"Hoi=20Piet,", b"", b"Het 360-graden-", b"klantbeeld is af=3B", b"", b""]
    lines += [b"Groet=2C", b"", b"Jan=20", b""]
    body = eol.join(lines)
    head = mail_head("text/plain", "quoted-printable", eol)
    joined = "het 360-graden-\nklantbeeld".replace("\n", eol.decode())

    def rewrite(text: str) -> str:
        return text.replace(joined.replace("h", "H", 1), "De mid-office-oplossing")

    result = check(head + body, rewrite)
    (raw,) = raw_bodies(result.data)
    assert raw.split(eol)[:2] == lines[:2]
    assert raw.split(eol)[3:] == lines[4:]
    assert quopri.decodestring(raw) == quopri.decodestring(body).replace(
        b"Het 360-graden-" + eol + b"klantbeeld", b"De mid-office-oplossing"
    )


@given(
    st.lists(
        st.sampled_from(["klant", "", " ", "\t", "=", "é", "x" * 30, "\n", "\n\n", "\r\n", "  \n"]),
        max_size=60,
    ),
    st.lists(
        st.tuples(
            st.integers(0, 400),
            st.integers(0, 8),
            st.sampled_from(["", "NEW", "é=é", "\n", " ", "x" * 50]),
        ),
        max_size=5,
    ),
    st.booleans(),
)
def test_quoted_printable_reencoding_decodes_to_the_new_text(
    parts: list[str], edits: list[tuple[int, int, str]], ours: bool
) -> None:
    """Whatever the edits, the body decodes to the new text, the lines it writes stay within
    76 characters, and a body without edits comes back byte for byte."""
    text = "".join(parts).encode()
    encoded = encode_transfer(text, "quoted-printable", b"") if ours else quopri.encodestring(text)
    old = binascii.a2b_qp(encoded)
    new = old
    for position, length, replacement in edits:
        at = min(position, len(new))
        new = new[:at] + replacement.encode() + new[at + length :]
    out = encode_transfer(new, "quoted-printable", encoded)
    assert binascii.a2b_qp(out) == new
    kept = set(encoded.splitlines())
    assert all(len(line) <= 76 for line in out.splitlines() if line not in kept)
    if new == old:
        assert out == encoded


@EOLS
@pytest.mark.parametrize("width", [76, 64])
def test_base64_lines_before_the_first_rewrite_keep_their_bytes(eol: bytes, width: int) -> None:
    """Base64 moves every byte after a change of length, but the lines before it stay."""
    text = "".join(f"Regel {n} van de notulen.\n" for n in range(80)) + "Het klantbeeld.\n"
    encoded = base64.b64encode(text.encode())
    body = eol.join(encoded[at : at + width] for at in range(0, len(encoded), width)) + eol
    head = mail_head("text/plain", "base64", eol)
    result = check(head + body, tiny)
    (raw,) = raw_bodies(result.data)
    before, after = body.split(eol), raw.split(eol)
    first_change = len(text.split("klantbeeld")[0]) + len("klant")  # "klantdatabase"
    unchanged = first_change // (width // 4 * 3)
    assert unchanged > 20
    assert after[:unchanged] == before[:unchanged]
    assert after[unchanged] != before[unchanged]
    assert {len(line) for line in after[:-2]} == {width}
    assert base64.b64decode(raw) == text.replace("klantbeeld", "klantdatabase").encode()


@EOLS
def test_base64_part_and_untouched_attachments(to_it: Rewrite, eol: bytes) -> None:
    original = load("base64.eml", eol)
    result = check(original, to_it)
    assert result.warnings == ()
    message = parsed(result)
    assert message["Subject"] == "Offerte klantbeeld"  # no term: a single word is no concept
    (text,) = contents(result)
    assert "de offerte voor de mid-office-oplossing op basis van XML. De\ndatamigratie" in text
    assert "fase één;\nde API-integratie" in text
    (raw,) = raw_bodies(result.data)
    lines = raw.split(eol)
    assert {len(line) for line in lines[:-2]} == {76}
    assert raw.endswith(eol) and not raw.endswith(eol + eol)
    parts = list(message.iter_parts())
    pdf = parts[1].get_content()
    assert pdf.startswith(b"%PDF-1.4\n") and bytes(range(256)) in pdf
    notes = parts[2].get_content()
    assert "wil het 360-graden-klantbeeld eerst zien" in notes
    original_parts = list(email.message_from_bytes(original, policy=email.policy.default).walk())
    assert [p.as_bytes() for p in message.walk()][2:] == [p.as_bytes() for p in original_parts][2:]


@EOLS
def test_reply_translates_quotes_across_lines_but_not_the_signature(
    to_it: Rewrite, eol: bytes
) -> None:
    result = check(load("reply.eml", eol), to_it)
    (text,) = contents(result)
    assert "> We lopen iets achter. De datamigratie duurt langer\n" in text
    # "het 360-graden-" and "> klantbeeld" were one term over two quoted lines
    assert "> dan gepland, dus de mid-office-oplossing op basis van XML schuift" in text
    assert ">> Kunnen we de SLA van 99,9% echt waarmaken? De\n>> uptime was" in text
    assert "Dan zet ik de mid-office-oplossing op basis van XML in de\nplanning" in text
    assert text.endswith(
        "\n-- \nJan de Vries | Accountmanager\n"
        "Vraag naar ons 360-graden-klantbeeld: één plek voor al uw klanten.\n"
    )


@EOLS
def test_skip_quoted_leaves_quoted_lines_alone(to_it: Rewrite, eol: bytes) -> None:
    original = load("reply.eml", eol)
    result = check(original, to_it, skip_quoted=True)
    (text,) = contents(result)
    (before,) = contents(MailResult(original))
    quoted = [line for line in before.splitlines() if line.startswith(">")]
    assert [line for line in text.splitlines() if line.startswith(">")] == quoted
    assert "Dan zet ik de mid-office-oplossing op basis van XML in de\nplanning" in text
    assert "Vraag naar ons 360-graden-klantbeeld" in text


@EOLS
def test_top_posted_signature_ends_at_the_quote(to_it: Rewrite, eol: bytes) -> None:
    result = check(load("top-posted.eml", eol), to_it)
    assert parsed(result)["Subject"] == "RE: Demo landingspagina"
    (text,) = contents(result)
    assert text.startswith("Top, dan laat ik de klant dinsdag de landingspagina zien.")
    assert "Team Verkoop - vraag ons naar het interesseformulier\n" in text
    assert "> De landingspagina staat op de testomgeving." in text
    assert "het legacysysteem draait nog parallel" in text
    skipped = check(load("top-posted.eml", eol), to_it, skip_quoted=True)
    (text,) = contents(skipped)
    assert "> Het interesseformulier staat op de testomgeving. Let op: de oude\n> rommel" in text


@EOLS
def test_encoded_subject_keeps_charset_and_encoding(to_it: Rewrite, eol: bytes) -> None:
    result = check(load("subject-encoded.eml", eol), to_it)
    message = parsed(result)
    assert message["Subject"] == "Vragen over de mid-office-oplossing op basis van XML – één punt"
    field = re.search(rb"Subject:.*?\n(?![ \t])", result.data, re.DOTALL)
    assert field is not None
    assert field.group().count(b"=?utf-8?q?") == len(re.findall(rb"=\?", field.group()))
    assert all(len(line) <= 78 for line in field.group().split(eol))
    (text,) = contents(result)
    assert "Eén vraag: valt de uptime van de mid-office-oplossing op basis van XML" in text
    assert "onder de SLA?" in text


@EOLS
def test_unknown_charset_and_undecodable_parts_pass_through(to_it: Rewrite, eol: bytes) -> None:
    original = load("unknown-charset.eml", eol)
    result = check(original, to_it)
    assert result.warnings == (
        "part 2 (text/plain; charset=x-unknown): unknown charset x-unknown, left unchanged",
        "part 3 (text/html; charset=utf-8): not valid utf-8 at byte 48, left unchanged",
    )
    assert parsed(result)["Subject"] == "Drie varianten van het activiteitenrecord"
    before, after = raw_bodies(original), raw_bodies(result.data)
    assert after[0].startswith(b"Het activiteitenrecord staat klaar")
    assert after[1:] == before[1:]


@EOLS
def test_broken_boundary_passes_the_unterminated_part_through(to_it: Rewrite, eol: bytes) -> None:
    original = load("broken-boundary.eml", eol)
    result = check(original, to_it)
    assert result.warnings == (
        "part 2 (text/html; charset=utf-8): no closing boundary after it, left unchanged",
    )
    before, after = raw_bodies(original), raw_bodies(result.data)
    assert after[0] == b"De stuurgroep keurt het activiteitenrecord goed. De API-integratie" + (
        eol + b"gaat in september live." + eol
    )
    assert after[1] == before[1]


@EOLS
def test_a_forwarded_message_is_translated_with_its_subject(to_it: Rewrite, eol: bytes) -> None:
    original = load("forwarded.eml", eol)
    result = check(original, to_it)
    message = parsed(result)
    assert message["Subject"] == "Fwd: Klacht over de uptime"
    outer, inner = contents(result)
    assert "de uptime was slecht en de\nSLA is niet gehaald." in outer
    assert inner == "De uptime van het portaal was gisteren slecht. Hoe zit het\nmet de SLA?\n"
    (forwarded,) = [part for part in message.walk() if part.get_content_type() == "message/rfc822"]
    assert forwarded.get_payload(0)["Subject"] == "Klacht over de uptime"
    assert result.warnings == ()


@EOLS
def test_message_without_mime_is_translated_as_text(to_it: Rewrite, eol: bytes) -> None:
    result = check(load("plain.eml", eol), to_it)
    assert parsed(result)["Subject"] == "Status activiteitenrecord"
    (raw,) = raw_bodies(result.data)
    text = raw.decode("utf-8")  # Python reads undeclared 8-bit as ASCII; dvd as UTF-8
    assert "Het activiteitenrecord voor Groningen is bijna af. Wil jij nog één keer" in text
    assert "kijken naar de API-integratie? Daarna" in text


# --- the Subject ------------------------------------------------------------------------------


def subject_of(data: bytes) -> str:
    return str(email.message_from_bytes(data, policy=email.policy.default)["Subject"])


def with_subject(field: bytes) -> bytes:
    return b"From: jan@example.nl\n" + field + b"\nDate: Tue, 4 Jun 2024 09:41:02 +0200\n\nHoi\n"


def test_subject_term_split_over_two_encoded_words(to_it: Rewrite) -> None:
    data = with_subject(
        b"Subject: =?UTF-8?Q?Re:_de_back-office-?=\n =?UTF-8?Q?koppeling_is_klaar?="
    )
    result = check(data, to_it)
    assert subject_of(result.data) == "Re: de API-integratie is klaar"
    assert b"=?UTF-8?Q?" in result.data


def test_subject_base64_word_keeps_its_charset(to_it: Rewrite) -> None:
    word = base64.b64encode("Één compleet klantbeeld".encode("iso-8859-1"))
    result = check(with_subject(b"Subject: =?ISO-8859-1?B?" + word + b"?="), to_it)
    assert subject_of(result.data) == "Één mid-office-oplossing op basis van XML"
    assert result.data.count(b"=?ISO-8859-1?B?") >= 1
    assert b"?Q?" not in result.data.upper()


def test_subject_plain_prefix_stays_plain(to_it: Rewrite) -> None:
    data = with_subject(b"Subject: Re: =?utf-8?q?het_bezoeksrapport_=C3=A9=C3=A9n?=")
    result = check(data, to_it)
    assert subject_of(result.data) == "Re: het activiteitenrecord één"
    assert b"Subject: Re: =?utf-8?q?het_activiteitenrecord_=C3=A9=C3=A9n?=\n" in result.data


def test_folded_plain_subject_term_over_the_fold(to_it: Rewrite) -> None:
    data = with_subject(b"Subject: Planning voor het 360-graden-\n klantbeeld en de rest")
    result = check(data, to_it)
    assert subject_of(result.data) == (
        "Planning voor de mid-office-oplossing op basis van XML en de rest"
    )


def test_plain_subject_that_needs_non_ascii_gets_encoded_words() -> None:
    data = with_subject(b"Subject: Re: het klantbeeld")
    result = check(data, lambda text: text.replace("klantbeeld", "klantéénbeeld"))
    assert subject_of(result.data) == "Re: het klantéénbeeld"
    assert b"=?utf-8?q?" in result.data
    field = result.data.split(b"\n")[1]
    assert field.isascii()


def test_raw_utf8_subject_stays_raw(to_it: Rewrite) -> None:
    data = with_subject("Subject: Één bezoeksrapport".encode())
    result = check(data, to_it)
    assert "Subject: Één activiteitenrecord\n".encode() in result.data


def test_subject_in_a_stateful_charset_is_rewritten_in_utf8(to_it: Rewrite) -> None:
    word = base64.b64encode("het bezoeksrapport".encode("utf-16"))
    result = check(with_subject(b"Subject: =?utf-16?b?" + word + b"?="), to_it)
    assert subject_of(result.data) == "het activiteitenrecord"
    assert b"Subject: =?utf-8?b?" in result.data


def test_subject_with_unknown_charset_is_left_with_a_warning(to_it: Rewrite) -> None:
    data = with_subject(b"Subject: =?x-klingon?q?het_bezoeksrapport?=")
    result = translate_email(data, to_it)
    assert result.data == data
    assert result.warnings == ("Subject: unknown charset x-klingon, left unchanged",)


# --- HTML ---------------------------------------------------------------------------------


def html_mail(body: str, charset: str = "utf-8", encoding: str = "8bit") -> bytes:
    head = (
        "From: jan@example.nl\nTo: piet@example.nl\nSubject: html\nMIME-Version: 1.0\n"
        f"Content-Type: text/html; charset={charset}\nContent-Transfer-Encoding: {encoding}\n\n"
    )
    return (head + body).encode(charset, errors="xmlcharrefreplace")


def html_text(result: MailResult) -> str:
    (text,) = contents(result)
    return text


def test_html_scripts_comments_and_attributes_are_left_alone() -> None:
    body = (
        '<p title="klantbeeld">Het klantbeeld</p><script>var klantbeeld = 1 < 2;</script>'
        "<!-- klantbeeld --><img alt='klantbeeld' src='klantbeeld.png'>klantbeeld & meer\n"
    )
    result = check(html_mail(body), tiny)
    assert html_text(result) == (
        '<p title="klantbeeld">Het klantdatabase</p><script>var klantbeeld = 1 < 2;</script>'
        "<!-- klantbeeld --><img alt='klantbeeld' src='klantbeeld.png'>klantdatabase & meer\n"
    )


def test_html_entities_split_text_and_are_kept() -> None:
    body = "<p>caf&eacute; klantbeeld&nbsp;en klant&shy;beeld &#233;&#xe9;n klantbeeld</p>\n"
    result = check(html_mail(body), tiny)
    assert html_text(result) == (
        "<p>caf&eacute; klantdatabase&nbsp;en klant&shy;beeld &#233;&#xe9;n klantdatabase</p>\n"
    )


def test_html_text_runs_on_through_inline_tags(to_it: Rewrite) -> None:
    """An inline tag keeps a phrase and a compound whole; a block tag ends them."""
    body = (
        "<p>Het <b>360-graden-klantbeeld</b> is af.</p>\n"
        "<p>Het <SPAN style='color:red'>nieuwe</SPAN> 360-graden-klantbeeld ook.</p>\n"
        "<p>Maar het 360-graden-<b>klantbeeld</b> is een deel.</p>\n"
        "<div>Het</div><div>360-graden-klantbeeld</div>\n"
    )
    result = check(html_mail(body), to_it)
    assert html_text(result) == (
        "<p>De <b>mid-office-oplossing op basis van XML</b> is af.</p>\n"
        "<p>De <SPAN style='color:red'>nieuwe</SPAN> mid-office-oplossing op basis van XML"
        " ook.</p>\n"
        "<p>Maar het 360-graden-<b>klantbeeld</b> is een deel.</p>\n"
        "<div>Het</div><div>mid-office-oplossing op basis van XML</div>\n"
    )


def test_html_long_inline_tags_stay_whole_and_keep_the_phrase(to_it: Rewrite) -> None:
    """Newsletter tags carry long inline styles; a span through one must leave all of it."""
    style = "display:inline-block;" * 20
    tag = f'<a style="{style}" href="https://example.nl/klantbeeld" title="Het klantbeeld">'
    body = f"<p>Het {tag}360-graden-klantbeeld</a> is af.</p>\n"
    assert html_text(check(html_mail(body), to_it)) == (
        f"<p>De {tag}mid-office-oplossing op basis van XML</a> is af.</p>\n"
    )


@pytest.mark.parametrize(
    "tag",
    [
        '<span title="a > het klantbeeld">',  # a ">" inside a quoted value
        '<span\ntitle="het klantbeeld">',  # attributes on the next line
        f'<span title="{"x" * 1200} het klantbeeld">',  # longer than any phrase reads
    ],
)
def test_html_tags_the_matcher_cannot_read_end_the_span(tag: str) -> None:
    """Text runs on only through tags the matcher itself protects; any other tag is kept
    out of every span, so no word of its attributes can be rewritten."""
    body = f"<p>Het klantbeeld {tag}en het klantbeeld</span>.</p>\n"
    assert html_text(check(html_mail(body), tiny)) == body.replace(
        "Het klantbeeld ", "Het klantdatabase "
    ).replace(">en het klantbeeld<", ">en het klantdatabase<")


def test_html_escapes_what_the_translation_inserts() -> None:
    body = "<p>R & D: het bezoeksrapport</p>\n"
    result = check(html_mail(body), lambda t: t.replace("bezoeksrapport", "<R&D-rapport>"))
    assert html_text(result) == "<p>R & D: het &lt;R&amp;D-rapport&gt;</p>\n"


def test_html_characters_the_charset_lacks_become_references() -> None:
    data = html_mail("<p>Het bezoeksrapport kost 5 euro.</p>\n", charset="iso-8859-1")
    result = check(data, lambda t: t.replace("5 euro", "€ 5"))
    assert b"<p>Het bezoeksrapport kost &#8364; 5.</p>" in result.data
    assert result.warnings == ()


def test_html_seven_bit_part_gets_references_for_non_ascii() -> None:
    data = html_mail("<p>Het klantbeeld.</p>\n", encoding="7bit")
    result = check(data, lambda t: t.replace("klantbeeld", "klantéénbeeld"))
    assert b"<p>Het klant&#233;&#233;nbeeld.</p>" in result.data


def test_html_signature_and_skip_quoted_blockquote() -> None:
    body = (
        "<div>Het klantbeeld.</div>\n"
        "<blockquote type=cite><p>Uw klantbeeld</p><blockquote>klantbeeld</blockquote>"
        "klantbeeld</blockquote>\n<p>Weer klantbeeld</p>\n"
        '<div class="moz-signature"><div>Jan</div>Ons klantbeeld</div>\n<p>klantbeeld</p>\n'
        "<p>-- <br>Jan, klantbeeld</p>"
    )
    # the signature is the moz-signature <div> and everything after a "-- " text node
    unquoted = {"Het klantbeeld": "Het klantdatabase", "Weer klantbeeld": "Weer klantdatabase"}
    unquoted["<p>klantbeeld</p>"] = "<p>klantdatabase</p>"
    quoted = {"Uw klantbeeld": "Uw klantdatabase"}
    quoted["<blockquote>klantbeeld<"] = "<blockquote>klantdatabase<"
    quoted["</blockquote>klantbeeld<"] = "</blockquote>klantdatabase<"
    skipped = body
    for old, new in unquoted.items():
        skipped = skipped.replace(old, new)
    translated = skipped
    for old, new in quoted.items():
        translated = translated.replace(old, new)
    assert html_text(check(html_mail(body), tiny)) == translated
    assert html_text(check(html_mail(body), tiny, skip_quoted=True)) == skipped


def test_html_quoted_signature_ends_with_its_quote() -> None:
    body = (
        "<blockquote><p>Het klantbeeld</p><p>-- <br>Piet, klantbeeld</p></blockquote>\n"
        "<p>Mijn klantbeeld</p>\n"
    )
    assert html_text(check(html_mail(body), tiny)) == (
        "<blockquote><p>Het klantdatabase</p><p>-- <br>Piet, klantbeeld</p></blockquote>\n"
        "<p>Mijn klantdatabase</p>\n"
    )


# --- plain text ---------------------------------------------------------------------------


def plain_mail(body: bytes, charset: str = "utf-8", encoding: str = "8bit") -> bytes:
    return (
        b"From: jan@example.nl\nTo: piet@example.nl\nSubject: test\nMIME-Version: 1.0\n"
        + f"Content-Type: text/plain; charset={charset}\n".encode()
        + f"Content-Transfer-Encoding: {encoding}\n\n".encode()
        + body
    )


def test_signature_delimiter_needs_the_space() -> None:
    body = b"Het klantbeeld.\n--\nklantbeeld\n-- \nklantbeeld\n"
    result = check(plain_mail(body), tiny)
    assert result.data.endswith(b"Het klantdatabase.\n--\nklantdatabase\n-- \nklantbeeld\n")


def test_plain_part_that_cannot_hold_the_translation_is_kept(to_it: Rewrite) -> None:
    data = plain_mail("Het bezoeksrapport kost 5 euro.\n".encode("latin-1"), "iso-8859-1")
    result = translate_email(data, lambda t: t.replace("5 euro", "€ 5"))
    assert result.data == data
    assert result.warnings == (
        "part 1 (text/plain; charset=iso-8859-1): the translation holds '€', "
        "which iso-8859-1 cannot encode, left unchanged",
    )


def test_seven_bit_plain_part_refuses_eight_bit_text() -> None:
    data = plain_mail(b"Het klantbeeld.\n", encoding="7bit")
    result = translate_email(data, lambda t: t.replace("klantbeeld", "klantéénbeeld"))
    assert result.data == data
    assert result.warnings == (
        "part 1 (text/plain; charset=utf-8): the translation needs 8-bit characters, "
        "which 7bit cannot carry, left unchanged",
    )


def test_charset_that_does_not_round_trip_is_kept() -> None:
    # a redundant ISO-2022-JP escape decodes to nothing and would not be written back
    data = plain_mail(b"\x1b$B\x1b(BHet klantbeeld.\n", "iso-2022-jp", "7bit")
    result = translate_email(data, tiny)
    assert result.data == data
    assert result.warnings == (
        "part 1 (text/plain; charset=iso-2022-jp): iso-2022-jp does not give back the same "
        "bytes, left unchanged",
    )


@pytest.mark.parametrize("charset", ["idna", "punycode", "undefined", "base64", "rot13"])
@pytest.mark.parametrize("kind", [b"plain", b"html"])
def test_codecs_that_are_no_mail_charsets_are_unknown(charset: str, kind: bytes) -> None:
    data = plain_mail(b"<p>Het klantbeeld.</p>\n", charset).replace(b"/plain", b"/" + kind)
    data = data.replace(b"Subject: test", f"Subject: =?{charset}?q?klantbeeld?=".encode())
    result = translate_email(data, tiny)
    assert result.data == data
    assert result.warnings == (
        f"Subject: unknown charset {charset}, left unchanged",
        f"part 1 (text/{kind.decode()}; charset={charset}): unknown charset {charset}, "
        "left unchanged",
    )


def test_unknown_transfer_encoding_and_bad_base64_are_kept() -> None:
    uuencoded = plain_mail(b"begin 644 x\n`\nend\n", encoding="x-uuencode")
    assert translate_email(uuencoded, tiny).warnings == (
        "part 1 (text/plain; charset=utf-8): unknown transfer encoding x-uuencode, left unchanged",
    )
    bad = plain_mail(b"SGV0IGtsYW50YmVlbGQ\n", encoding="base64")
    result = translate_email(bad, tiny)
    assert result.data == bad
    assert len(result.warnings) == 1
    assert result.warnings[0].startswith("part 1 (text/plain; charset=utf-8): undecodable base64")


def test_long_quoted_printable_lines_are_wrapped() -> None:
    line = "Het klantbeeld " * 12 + "één  \n"
    body = quopri.encodestring(line.encode())
    result = check(plain_mail(body, encoding="quoted-printable"), tiny)
    (text,) = contents(result)
    assert text == line.replace("klantbeeld", "klantdatabase")
    encoded = result.data.split(b"\n\n", 1)[1]
    assert all(len(row) <= 76 for row in encoded.split(b"\n"))
    assert encoded.endswith(b" =20\n")  # trailing whitespace survives transport


def test_quoted_printable_keeps_a_lone_carriage_return() -> None:
    body = quopri.encodestring(b"Het klantbeeld\rnog een klantbeeld  \nklantbeeld\r")
    result = check(plain_mail(body, encoding="quoted-printable"), tiny)
    assert result.data.endswith(
        b"\n\nHet klantdatabase=0Dnog een klantdatabase =20\nklantdatabase=0D"
    )


@given(
    st.lists(
        st.sampled_from(["klantbeeld", "één", "a", " ", "\t", "=", "\n", "x" * 40, "ï", "?"]),
        max_size=40,
    ),
    st.sampled_from(["quoted-printable", "base64", "8bit"]),
)
def test_transfer_encodings_round_trip(words: list[str], encoding: str) -> None:
    text = "".join(words)
    payload = text.encode()
    if encoding == "quoted-printable":
        body = quopri.encodestring(payload)
    elif encoding == "base64":
        body = base64.encodebytes(payload)
    else:
        body = payload
    data = plain_mail(body, encoding=encoding)
    result = translate_email(data, tiny)
    assert result.warnings == ()
    (decoded,) = contents(result)
    assert decoded.replace("\r\n", "\n") == tiny(text).replace("\r\n", "\n")
    if "klantbeeld" not in text:
        assert result.data == data
    if encoding == "quoted-printable":
        (raw,) = raw_bodies(result.data)
        assert all(len(line) <= 76 for line in raw.splitlines())


# --- structure and misuse -------------------------------------------------------------------


NESTED = b"""From: jan@example.nl
To: piet@example.nl
Subject: genest
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary=buiten

preamble: klantbeeld
--buiten
Content-Type: multipart/alternative; boundary=binnen

--binnen
Content-Type: text/plain

Het klantbeeld.
--binnen
Content-Type: text/html; charset=x-onbekend

<p>Het klantbeeld.</p>
--binnen--
--buiten
Content-Type: multipart/signed; boundary=ondertekend; protocol="application/pgp-signature"

--ondertekend
Content-Type: text/plain

Ondertekend klantbeeld.
--ondertekend--
--buiten--
epilogue: klantbeeld
"""


def test_nested_parts_are_numbered_like_imap_sections() -> None:
    result = check(NESTED, tiny)
    assert result.warnings == (
        "part 1.2 (text/html; charset=x-onbekend): unknown charset x-onbekend, left unchanged",
        "part 2 (multipart/signed): signed, and translating would break it, left unchanged",
    )
    assert b"\n\nHet klantdatabase.\n--binnen\n" in result.data
    assert result.data.count(b"klantbeeld") == 4


def test_multipart_without_boundary_lines_is_kept() -> None:
    data = NESTED.replace(b"--buiten", b"--elders")
    result = translate_email(data, tiny)
    assert result.data == data
    assert result.warnings == (
        'message (multipart/mixed): no line with its boundary "buiten", left unchanged',
    )


def test_input_without_headers_is_translated_as_text() -> None:
    result = translate_email(b"Het klantbeeld.\n", tiny)
    assert result.data == b"Het klantdatabase.\n"
    assert result.warnings == ("message: no e-mail headers found, translated as plain text",)


def test_text_attachment_is_never_translated() -> None:
    data = plain_mail(b"Het klantbeeld.\n").replace(
        b"MIME-Version", b"Content-Disposition: attachment; filename=a.txt\nMIME-Version"
    )
    assert translate_email(data, tiny) == MailResult(data)


def test_only_bytes_are_accepted() -> None:
    with pytest.raises(TypeError, match="needs bytes"):
        translate_email("Subject: klantbeeld\n\n", tiny)  # type: ignore[arg-type]
    assert translate_email(bytearray(b"Het klantbeeld."), tiny).data == b"Het klantdatabase."


def test_docstring_examples_hold() -> None:
    assert doctest.testmod(mail).failed == 0


CP1252_MAIL = (
    "From: jan@example.nl\r\nSubject: Offerte\r\nMIME-Version: 1.0\r\n"
    "Content-Type: text/plain; charset=windows-1252\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
    "Caf\u00e9 besprak het 360-graden-klantbeeld \u2013 graag reactie.\r\n"
).encode("cp1252")


def test_an_8bit_mail_from_a_file_is_read_as_mail_not_refused_as_utf8(
    tmp_path: Path, lexicon_file: Path
) -> None:
    """Detecting the e-mail comes before the whole-file UTF-8 check (-f and --in-place)."""
    path = tmp_path / "note.eml"
    path.write_bytes(CP1252_MAIL)
    args = ("translate", "--to", "it", "--no-builtin", "-l", str(lexicon_file), "-f", str(path))
    result = invoke(*args)
    assert result.stdout_bytes == CP1252_MAIL.replace(
        b"het 360-graden-klantbeeld", b"de mid-office-oplossing op basis van XML"
    )
    invoke(*args, "--in-place")
    assert path.read_bytes() == result.stdout_bytes


# --- carried messages, sealed parts, directives, encodings ---------------------------------


@EOLS
def test_a_digest_translates_each_message_and_its_subject(to_it: Rewrite, eol: bytes) -> None:
    result = check(load("digest.eml", eol), to_it)
    assert result.warnings == ()
    assert parsed(result)["Subject"] == "Weekoverzicht: activiteitenrecord en uptime"
    first, second = contents(result)
    assert first == "Het activiteitenrecord van dinsdag is binnen; de SLA staat erin.\n"
    assert second == "De uptime van het portaal was deze week goed.\n"
    subjects = [part["Subject"] for part in parsed(result).walk() if part["Subject"]]
    assert subjects[1:] == ["Het activiteitenrecord van dinsdag", "Re: De uptime"]


@EOLS
def test_a_bounce_translates_the_returned_message(to_it: Rewrite, eol: bytes) -> None:
    original = load("bounce.eml", eol)
    result = check(original, to_it)
    assert result.warnings == ()
    report, returned = contents(result)
    assert report == "Het bericht hieronder kon niet worden afgeleverd.\n"
    assert returned.startswith("De mid-office-oplossing op basis van XML is klaar voor de demo.")
    status = original.index(b"Content-Type: message/delivery-status")
    assert result.data[status : status + 200] == original[status : status + 200]


def base64_body(data: bytes, subject: bytes) -> bytes:
    """The raw base64 text of the first base64 part after the Subject `subject`."""
    after = data[data.index(subject) :]
    start = after.index(b"Content-Transfer-Encoding: base64") + len(
        b"Content-Transfer-Encoding: base64"
    )
    return after[start:].split(b"--binnen", 1)[0]


def test_a_re_encoded_base64_part_keeps_every_byte_outside_the_edits(to_it: Rewrite) -> None:
    original = load("forwarded-nested.eml")
    result = check(original, to_it)
    before = base64_body(original, b"Subject: Bijgewerkt")
    after = base64_body(result.data, b"Subject: Bijgewerkt")
    text = base64.b64decode(before).decode()
    assert text.endswith("vervangen.\n\n\n")  # the decoded text ends in blank lines
    expected = (
        text.replace("bezoeksrapport", "activiteitenrecord")
        .replace("bereikbaarheid", "uptime")
        .replace("servicebelofte", "SLA")
    )
    assert base64.b64decode(after).decode() == expected
    assert max(len(line) for line in before.split(b"\n")) > 140  # one long line in the input
    assert all(len(line) <= 76 for line in after.split(b"\n"))  # RFC 2045 in the output
    assert after.endswith(b"\n\n\n") and before.endswith(b"\n\n\n")  # blank lines after it


def test_a_forwarded_html_part_keeps_code_and_honours_directives(to_it: Rewrite) -> None:
    result = check(load("forwarded-nested.eml"), to_it)
    assert result.warnings == ()
    outer, plain, html = contents(result)
    assert outer == "Hieronder het activiteitenrecord, zoals beloofd.\n"
    assert plain.startswith("Beste Karin,\n\nHet activiteitenrecord is bijgewerkt")
    assert '<pre>\nbezoeksrapport = laad("bezoeksrapport")\n\nprint(bezoeksrapport)\n</pre>' in html
    assert "<code>bezoeksrapport.export()</code> aan voor het activiteitenrecord." in html
    assert "<p>Het bezoeksrapport blijft hier staan.</p>" in html
    assert "<p>Het activiteitenrecord niet.</p>" in html
    assert "<p>De bereikbaarheid blijft.</p>" in html
    assert "<p>De uptime niet.</p>" in html
    (message,) = [p for p in parsed(result).walk() if p.get_content_type() == "message/rfc822"]
    assert message.get_payload(0)["Subject"] == "Bijgewerkt activiteitenrecord"
    raw = result.data[result.data.index(b"quoted-printable", 900) :]
    assert all(len(line) <= 76 for line in raw.split(b"\n"))


@pytest.mark.parametrize(
    ("name", "warning"),
    [
        (
            "encrypted-smime.eml",
            "part 1 (application/pkcs7-mime): signed or encrypted (S/MIME), and translating"
            " would break it, left unchanged",
        ),
        (
            "signed-pgp-inline.eml",
            "part 1 (text/plain; charset=utf-8): signed or encrypted inline (OpenPGP), and"
            " translating would break it, left unchanged",
        ),
    ],
)
def test_sealed_parts_are_kept_and_named(to_it: Rewrite, name: str, warning: str) -> None:
    original = load(name)
    result = check(original, to_it)
    assert result.warnings == (warning,)
    assert result.data.split(b"\n\n", 1)[1] == original.split(b"\n\n", 1)[1]
    assert "activiteitenrecord" in str(parsed(result)["Subject"])  # the headers are not sealed


def test_a_carried_message_in_base64_is_kept_with_a_warning() -> None:
    data = load("forwarded.eml").replace(
        b"Content-Type: message/rfc822\n",
        b"Content-Type: message/rfc822\nContent-Transfer-Encoding: base64\n",
    )
    result = translate_email(data, tiny)
    assert result.warnings == (
        "part 2 (message/rfc822): a message in base64, which RFC 2046 does not allow,"
        " left unchanged",
    )


def test_directives_in_a_plain_body(to_it: Rewrite) -> None:
    result = check(load("directives.eml"), to_it)
    (text,) = contents(result)
    assert text == (
        "Het activiteitenrecord gaat naar IT.\n\n"
        "# dvd off\nIn de verkoop heet het 'bezoeksrapport'; laat dat staan.\n# dvd on\n\n"
        "dvd-ignore bezoeksrapport\nDe uptime en het bezoeksrapport.\n\n"
        "De uptime telt hier wel.\n"
    )


@given(
    st.lists(st.sampled_from(["klantbeeld", "één", "a", " ", "\n", "x" * 50, "=", "\t"])),
    st.sampled_from([0, 1, 3]),
    st.sampled_from([64, 76, 140]),
)
def test_base64_keeps_the_decoded_bytes_and_stays_within_76(
    words: list[str], blank_lines: int, width: int
) -> None:
    payload = "".join(words).encode()
    encoded = base64.b64encode(payload)
    lines = b"\n".join(encoded[i : i + width] for i in range(0, len(encoded), width))
    body = lines + b"\n" * (1 + blank_lines)
    result = translate_email(plain_mail(body, encoding="base64"), tiny)
    new = result.data.split(b"\n\n", 1)[1]
    assert base64.b64decode(new) == tiny(payload.decode()).encode()
    if new == body:
        return  # nothing to translate: the part is kept as it came, however wide
    assert all(len(line) <= 76 for line in new.split(b"\n"))
    assert new.endswith(b"\n" * (1 + blank_lines))


# --- mbox ---------------------------------------------------------------------------------


MBOX = (
    b"From jan@example.nl Mon Dec  1 10:00:00 2026\n"
    b"From: jan@example.nl\nTo: piet@example.nl\nSubject: Het klantbeeld\n\n"
    b"Het klantbeeld is af.\n>From now on, fine.\n\n"
    b"From piet@example.nl Mon Dec  1 11:00:00 2026\n"
    b"From: piet@example.nl\nSubject: Re: Het klantbeeld\nMIME-Version: 1.0\n"
    b'Content-Type: multipart/alternative; boundary="b"\n\n'
    b"--b\nContent-Type: text/plain; charset=utf-8\n\nUw klantbeeld\n"
    b"--b\nContent-Type: text/html; charset=utf-8\n\n<p title='klantbeeld'>Uw klantbeeld</p>\n"
    b"--b--\n\n"
    b"From kees@example.nl Mon Dec  1 12:00:00 2026\nFrom: kees@example.nl\n"
    b"Subject: klantbeeld\n\nFrom the klantbeeld on.\n"
)


def test_an_mbox_is_translated_message_by_message() -> None:
    """Each message's Subject and parts; the "From " lines, headers and tags stay."""
    result = check(MBOX, tiny)
    assert result.data == (
        MBOX.replace(b"Subject: Het klantbeeld", b"Subject: Het klantdatabase")
        .replace(b"Het klantbeeld is af.", b"Het klantdatabase is af.")
        .replace(b"Re: Het klantbeeld", b"Re: Het klantdatabase")
        .replace(b"Uw klantbeeld", b"Uw klantdatabase")
        .replace(b"Subject: klantbeeld", b"Subject: klantdatabase")
        .replace(b"the klantbeeld on", b"the klantdatabase on")
    )
    assert mail.mailbox_messages(MBOX)[1][0] == MBOX.index(b"From piet")


TINY_LEXICON = (
    "dvd: 1\nlanguage: nl\naudiences: [sales, it]\nconcepts:\n"
    "  - id: klantbeeld\n    sales: [klantbeeld]\n    it: [klantdatabase]\n"
)


def test_mbox_rewrites_name_their_message_and_part(tmp_path: Path) -> None:
    lexicon = tmp_path / "tiny.yaml"
    lexicon.write_text(TINY_LEXICON, encoding="utf-8")
    result = Translator([lexicon], builtin=False, to="it").translate_email(MBOX)
    assert result.data == check(MBOX, tiny).data
    assert result.parts == ("1:Subject", "1:1", "2:Subject", "2:1", "2:2", "3:Subject", "3:1")


def test_a_from_line_in_a_body_starts_no_message() -> None:
    """Only a "From " line after a blank line and before a header field separates."""
    data = (
        b"From jan@example.nl Mon Dec  1 10:00:00 2026\nFrom: jan@example.nl\n"
        b"Subject: x\n\nFrom the start:\nklantbeeld\n\nFrom here the klantbeeld.\n"
    )
    assert mail.mailbox_messages(data) == [(0, len(data))]
    assert check(data, tiny).data == data.replace(b"klantbeeld", b"klantdatabase")


def test_mbox_warnings_name_the_message() -> None:
    data = MBOX + (
        b"\nFrom x Mon Dec  1 13:00:00 2026\nFrom: x@example.nl\nSubject: y\n"
        b"Content-Type: text/plain; charset=x-klingon\n\nklantbeeld\n"
    )
    result = check(data, tiny)
    assert result.warnings == (
        "message 4: part 1 (text/plain; charset=x-klingon): unknown charset x-klingon,"
        " left unchanged",
    )


def test_an_mbox_through_dvd_translate(tmp_path: Path) -> None:
    """From the command line, as a mail folder exported from Thunderbird is given."""
    folder = tmp_path / "Inbox.mbox"
    folder.write_bytes(MBOX)
    lexicon = tmp_path / "tiny.yaml"
    lexicon.write_text(TINY_LEXICON, encoding="utf-8")
    done = invoke("translate", "--to", "it", "--no-builtin", "-l", str(lexicon), "-f", str(folder))
    assert done.stdout_bytes == check(MBOX, tiny).data


def test_the_messages_of_an_mbox_show_the_domain_each_for_itself(tmp_path: Path) -> None:
    """A cue word holds to the end of one message, not into the next one's everyday words."""
    lexicon = tmp_path / "ticket.yaml"
    lexicon.write_text(
        "dvd: 1\nlanguage: nl\naudiences: [sales, it]\ncues: [CRM]\nconcepts:\n"
        "  - id: a\n    sales: {term: ticket, everyday: true}\n    it: supportmelding\n",
        encoding="utf-8",
    )
    first = b"From a Mon Dec  1 10:00:00 2026\nFrom: a@example.nl\nSubject: CRM\n\nHet CRM.\n\n"
    second = b"From b Mon Dec  1 11:00:00 2026\nFrom: b@example.nl\nSubject: x\n\nHet ticket.\n"
    translator = Translator([lexicon], builtin=False, to="it")
    one = translator.translate_email(first + b"Het ticket.\n").data  # the cue holds in it
    assert one == first + b"Het supportmelding.\n"
    assert translator.translate_email(first + second).data == first + second


# --- bodies without a declared charset ---------------------------------------------------------


def undeclared_mail(body: bytes, kind: str = "text/plain") -> bytes:
    return b"From: jan@example.nl\nSubject: x\nContent-Type: " + kind.encode() + b"\n\n" + body


def test_an_undeclared_body_that_is_not_utf8_is_read_as_windows_1252() -> None:
    """Old Outlook and scripts write 8-bit bodies without a charset; readers take them for
    windows-1252, and so does dvd, saying so."""
    body = "Het klantbeeld in het café “Centraal”.\n".encode("cp1252")
    result = check(undeclared_mail(body), tiny)
    assert result.data == undeclared_mail(body.replace(b"klantbeeld", b"klantdatabase"))
    assert result.warnings == (
        "part 1 (text/plain): no charset declared and not UTF-8, read as windows-1252",
    )
    assert "café “Centraal”" in mail.message_text(result.data)


def test_an_undeclared_utf8_body_is_read_as_utf8_without_a_warning() -> None:
    body = "Het klantbeeld in het café.\n".encode()
    result = check(undeclared_mail(body, "text/html"), tiny)
    assert result.data == undeclared_mail(
        body.replace(b"klantbeeld", b"klantdatabase"), "text/html"
    )
    assert result.warnings == ()


def test_an_undeclared_body_that_is_neither_is_left_alone() -> None:
    body = b"Het klantbeeld \x81\x8d.\n"  # bytes windows-1252 does not define
    result = check(undeclared_mail(body), tiny)
    assert result.data == undeclared_mail(body)
    assert result.warnings == (
        "part 1 (text/plain): not valid windows-1252 at byte 15, left unchanged",
    )


# --- where a rewrite stands in the message ---------------------------------------------------


PLACED = (
    "From: Klantbeeld Team <team@example.nl>\n"
    "Subject: Re: het klantbeeld\n"
    "Content-Type: multipart/mixed; boundary=b\n"
    "\n"
    "--b\n"
    "Content-Type: text/plain; charset=utf-8\n"
    "Content-Transfer-Encoding: 8bit\n"
    "\n"
    "Café één.\n"
    "Dus het klantbeeld.\n"
    "--b\n"
    "Content-Type: text/plain; charset=utf-8\n"
    "Content-Transfer-Encoding: quoted-printable\n"
    "\n"
    "Over het klant=\n"
    "beeld.\n"
    "--b--\n"
).encode()


def test_findings_in_an_email_are_at_their_lines_and_columns(tmp_path: Path) -> None:
    """Exactly in a plain Subject and an 8-bit body (columns count characters); in a
    quoted-printable body, where that body starts."""
    lexicon = tmp_path / "tiny.yaml"
    lexicon.write_text(TINY_LEXICON, encoding="utf-8")
    translator = Translator([lexicon], builtin=False, to="it", context=False)
    done = translator.translate_bytes(PLACED, name="m.eml")
    assert done.email
    assert [(f.line, f.col, f.rewrite.text) for f in done.findings] == [
        (2, 18, "klantbeeld"),
        (10, 9, "klantbeeld"),
        (15, 1, "klantbeeld"),
    ]
    mail_done = translator.translate_email(PLACED)
    assert PLACED[mail_done.places[1] :].startswith(b"klantbeeld.\n--b")


def test_explain_reads_an_email_as_translate_does(tmp_path: Path) -> None:
    """The Subject and text parts, decoded (a term over a quoted-printable soft break is
    found), and no other header ("From: Klantbeeld Team" is not a term to rewrite)."""
    lexicon = tmp_path / "tiny.yaml"
    lexicon.write_text(TINY_LEXICON, encoding="utf-8")
    message = tmp_path / "m.eml"
    message.write_bytes(PLACED)
    args = ["--to", "it", "--no-builtin", "-l", str(lexicon), "--no-context", "-f", str(message)]
    done = invoke("explain", *args, "--format", "json")
    found = [(row["line"], row["col"], row["text"]) for row in json.loads(done.stdout)]
    assert found == [(2, 18, "klantbeeld"), (10, 9, "klantbeeld"), (15, 1, "klantbeeld")]


# --- what explain shows of a message: the terms left alone too -------------------------------

IT = "De mid-office-oplossing op basis van XML"


def fate(row: dict[str, Any]) -> str:
    """What becomes of an explained term: its replacement, or why it stays."""
    if row.get("suppressed"):
        return f"suppressed: {row['suppressed']}"
    if row.get("skipped"):
        return f"skipped: {row['skipped']}"
    return str(row["replacement"])


def explained(data: bytes) -> list[tuple[int, int, str, str]]:
    """`dvd explain --format json` of a message on stdin, built-in lexicons, to IT: each
    term's line, column, text and fate."""
    rows = json.loads(invoke("explain", "--to", "it", "--format", "json", input=data).stdout)
    return [(row["line"], row["col"], row["text"], fate(row)) for row in rows]


def translated(data: bytes) -> bytes:
    """`dvd translate` of a message on stdin, built-in lexicons, to IT."""
    return invoke("translate", "--to", "it", input=data).stdout_bytes


@EOLS
def test_explain_shows_the_terms_a_dvd_off_block_of_a_mail_body_suppresses(eol: bytes) -> None:
    """At their lines and columns in the message (columns count characters), among the
    rewrites; the summary counts them, and translate leaves them as they are."""
    body = (
        "Het klantbeeld is af.\n\ndvd off\n\nÉén keer: het 360-graden-klantbeeld blijft.\n\n"
        "dvd on\n\nHet klantbeeld ook.\n"
    )
    data = mail_head("text/plain", "8bit", eol) + body.replace("\n", eol.decode()).encode()
    assert explained(data) == [
        (7, 1, "Het klantbeeld", IT),
        (11, 15, "360-graden-klantbeeld", "suppressed: dvd off"),
        (15, 1, "Het klantbeeld", IT),
    ]
    result = invoke("explain", "--to", "it", input=data)
    assert "(suppressed: dvd off)" in " ".join(result.stdout.split())
    assert "2 terms to rewrite for it, 1 suppressed by a directive" in result.stderr
    assert translated(data) == data.replace(b"Het klantbeeld", IT.encode())


def test_explain_shows_what_a_dvd_ignore_line_in_a_mail_body_suppresses() -> None:
    body = b"dvd-ignore klantbeeld\nHet klantbeeld blijft.\n\nHet klantbeeld gaat.\n"
    data = mail_head("text/plain", "8bit", b"\n") + body
    assert explained(data) == [
        (8, 5, "klantbeeld", "suppressed: dvd-ignore klantbeeld"),
        (10, 1, "Het klantbeeld", IT),
    ]
    assert translated(data) == data.replace(b"Het klantbeeld gaat", IT.encode() + b" gaat")


def test_explain_shows_what_a_dvd_off_comment_in_an_html_part_suppresses() -> None:
    body = (
        b"<p>Het klantbeeld is af.</p>\n<!-- dvd off -->\n<p>Het klantbeeld blijft.</p>\n"
        b"<!-- dvd on -->\n"
    )
    data = mail_head("text/html", "8bit", b"\n") + body
    assert explained(data) == [
        (7, 4, "Het klantbeeld", IT),
        (9, 8, "klantbeeld", "suppressed: dvd off"),
    ]
    assert translated(data) == data.replace(b"Het klantbeeld is", IT.encode() + b" is")


def test_explain_shows_the_everyday_terms_a_message_leaves_alone() -> None:
    """In the Subject and a body that nothing changes: "klantnummer" is an everyday word
    (every letter from the energy company), and nothing in the message shows CRM work."""
    head = mail_head("text/plain", "8bit", b"\n").replace(b"Subject: x", b"Subject: Uw klantnummer")
    data = head + b"Uw klantnummer staat op de factuur.\n"
    assert explained(data) == [
        (2, 13, "klantnummer", "skipped: no domain context"),
        (7, 4, "klantnummer", "skipped: no domain context"),
    ]
    assert translated(data) == data


@pytest.mark.parametrize("encoding", ["quoted-printable", "base64"])
def test_explain_places_the_terms_of_an_encoded_body_at_its_start(encoding: str) -> None:
    """As its rewrites: where the body starts, in the order of the decoded text."""
    text = "Café: het klantbeeld is af.\n\ndvd off\n\nHet klantbeeld blijft.\n".encode()
    head = mail_head("text/plain", encoding, b"\n")
    body = base64.encodebytes(text) if encoding == "base64" else quopri.encodestring(text)
    lower = "de" + IT[2:]
    assert explained(head + body) == [
        (7, 1, "het klantbeeld", lower),
        (7, 1, "klantbeeld", "suppressed: dvd off"),
    ]
    out = translated(head + body)
    assert out.startswith(head)
    new = out[len(head) :]
    new = base64.b64decode(new) if encoding == "base64" else quopri.decodestring(new)
    assert new == text.replace(b"het klantbeeld", lower.encode())


MBOX_KEPT = (
    b"From a@example.nl Mon Dec  1 10:00:00 2026\nFrom: a@example.nl\nSubject: een\n\n"
    b"Het klantbeeld is af.\n\n"
    b"From b@example.nl Mon Dec  1 11:00:00 2026\nFrom: b@example.nl\nSubject: twee\n\n"
    b"dvd off\n\nHet klantbeeld blijft.\n"
)


def test_explain_places_a_suppressed_term_in_the_second_message_of_an_mbox() -> None:
    assert explained(MBOX_KEPT) == [
        (5, 1, "Het klantbeeld", IT),
        (13, 5, "klantbeeld", "suppressed: dvd off"),
    ]
    assert translated(MBOX_KEPT) == MBOX_KEPT.replace(b"Het klantbeeld is", IT.encode() + b" is")
    translator = Translator(to="it")
    done = translator.translate_email(MBOX_KEPT)
    assert done.left_alone_parts == ("2:1",)  # offsets into the decoded part 1 of message 2
    assert [(term.match.text, term.match.start) for term in done.left_alone] == [("klantbeeld", 13)]
    (place,) = done.left_alone_places
    assert MBOX_KEPT[place:].startswith(b"klantbeeld blijft")
    (left,) = translator.translate_bytes(MBOX_KEPT).left_alone
    assert (left.line, left.col, left.term.match.text) == (13, 5, "klantbeeld")


def test_explain_json_of_a_mail_body_has_the_rows_of_its_text() -> None:
    """Rewrites, suppressed and skipped terms: the same records as for the body's text on
    its own, lines counted from the top of the message."""
    body = (
        "Het klantbeeld is af.\n\n<!-- dvd off -->\n\nHet klantbeeld blijft.\n\n<!-- dvd on -->\n\n"
        "dvd-ignore klantbeeld\nHet klantbeeld blijft.\n"
    )
    lone = "Uw klantnummer staat op de factuur.\n"
    for text in (body, lone):
        data = mail_head("text/plain", "8bit", b"\n") + text.encode()
        args = ("explain", "--to", "it", "--format", "json")
        mail_rows = json.loads(invoke(*args, input=data).stdout)
        text_rows = json.loads(invoke(*args, input=text).stdout)
        assert any(row["replacement"] is None for row in text_rows)
        assert mail_rows == [{**row, "line": row["line"] + 6} for row in text_rows]


def test_translate_json_of_a_mail_lists_the_terms_it_left_alone_by_part() -> None:
    """`dvd translate --format json` of a message: rewrites, suppressed and skipped terms,
    each with its part and offsets into that part's decoded text, as for text."""
    body = "Het klantbeeld is af.\n\n<!-- dvd off -->\n\nHet klantbeeld blijft.\n"
    lone = "Uw klantnummer staat op de factuur.\n"
    for text, kind in ((body, "suppressed"), (lone, "skipped")):
        data = mail_head("text/plain", "8bit", b"\n") + text.encode()
        args = ("translate", "--to", "it", "--format", "json")
        mail = json.loads(invoke(*args, input=data).stdout)
        plain = json.loads(invoke(*args, input=text).stdout)
        assert plain[kind]
        assert mail[kind] == [{"part": "1", **row} for row in plain[kind]]
        assert mail["matches"] == [{"part": "1", **row} for row in plain["matches"]]

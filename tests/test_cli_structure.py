"""`dvd` on structured input: suppressed terms in explain and JSON, e-mail parts it must keep,
Markdown that a stream cuts into pieces."""

from __future__ import annotations

import json
from pathlib import Path

from helpers import invoke

DATA = Path(__file__).parent / "data"
CORE = ("--to", "it", "--no-builtin", "--lexicon", str(DATA / "core.yaml"))
NOTE = (
    "Het bezoeksrapport is af.\n\n"
    "<!-- dvd off -->\n\nIn de verkoop heet het bezoeksrapport.\n\n<!-- dvd on -->\n\n"
    "<!-- dvd-ignore uptime -->\nDe bereikbaarheid en de servicebelofte.\n"
)


def test_explain_lists_suppressed_terms_as_such() -> None:
    result = invoke("explain", *CORE, input=NOTE)
    rows = [line for line in result.stdout.splitlines() if "sales → it" in line]
    assert len(rows) == 4, result.stdout
    assert "activiteitenrecord" in rows[0]
    assert "(suppressed: dvd off)" in rows[1]
    assert "(suppressed: dvd-ignore" in rows[2]  # the table folds the rest onto a next line
    assert "SLA" in rows[3]
    assert "2 terms to rewrite for it, 2 suppressed by a directive" in result.stderr
    records = json.loads(invoke("explain", *CORE, "--format", "json", input=NOTE).stdout)
    assert [(r["text"], r.get("suppressed"), r["replacement"]) for r in records] == [
        ("bezoeksrapport", None, "activiteitenrecord"),
        ("bezoeksrapport", "dvd off", None),
        ("bereikbaarheid", "dvd-ignore uptime", None),
        ("servicebelofte", None, "SLA"),
    ]


def test_json_lists_suppressed_terms_apart_from_matches() -> None:
    result = invoke("translate", *CORE, "--format", "json", input=NOTE)
    document = json.loads(result.stdout)
    assert [m["concept"] for m in document["matches"]] == ["bezoeksrapport", "sla"]
    assert [(s["text"], s["directive"]) for s in document["suppressed"]] == [
        ("bezoeksrapport", "dvd off"),
        ("bereikbaarheid", "dvd-ignore uptime"),
    ]
    start = document["suppressed"][0]["start"]
    assert NOTE[start : document["suppressed"][0]["end"]] == "bezoeksrapport"
    plain = json.loads(invoke("translate", *CORE, "--format", "json", "Het bezoeksrapport.").stdout)
    assert "suppressed" not in plain


def test_sealed_and_carried_mail_parts_are_reported_on_stderr() -> None:
    sealed = invoke("translate", *CORE, "-f", str(DATA / "mail" / "signed-pgp-inline.eml"))
    assert "signed or encrypted inline (OpenPGP)" in sealed.stderr
    assert "Het bezoeksrapport is goedgekeurd." in sealed.stdout
    forwarded = invoke("translate", *CORE, "-f", str(DATA / "mail" / "forwarded.eml"))
    assert forwarded.stderr == ""
    assert "De uptime van het portaal" in forwarded.stdout


def test_a_fenced_block_in_a_list_item_survives_the_stream() -> None:
    text = "- Het bezoeksrapport:\n\n  ```\n  bezoeksrapport = 1\n\n  bezoeksrapport\n  ```\n"
    result = invoke("translate", *CORE, input=text)
    assert result.stdout == text.replace("- Het bezoeksrapport", "- Het activiteitenrecord")


def _decoded_parts(data: bytes) -> dict[str, str]:
    """Each text part's decoded body by its part number, and each Subject, as `email` reads
    them: what the JSON offsets of an e-mail point into."""
    import email
    import email.policy
    from email.message import Message

    found: dict[str, str] = {}

    def walk(message: Message, section: str) -> None:
        subject = message.get("Subject")
        if subject is not None:
            found[f"{section}.Subject" if section else "Subject"] = str(subject).strip()
        if message.is_multipart():
            for number, part in enumerate(message.get_payload(), start=1):
                child = f"{section}.{number}" if section else str(number)
                if part.get_content_type() == "message/rfc822":
                    walk(part.get_payload(0), child)
                else:
                    walk(part, child)
        elif message.get_content_maintype() == "text":
            payload = message.get_payload(decode=True)
            found[section or "1"] = payload.decode(message.get_content_charset() or "utf-8")

    walk(email.message_from_bytes(data, policy=email.policy.default), "")
    return found


def test_json_of_an_email_is_the_message_as_text_with_parts() -> None:
    """Before: the raw message was printed, then an empty JSON object."""
    for name in ("forwarded.eml", "base64.eml", "quoted-printable.eml"):
        data = (DATA / "mail" / name).read_bytes()
        result = invoke("translate", *CORE, "--format", "json", "-f", str(DATA / "mail" / name))
        document = json.loads(result.stdout)  # one object, nothing before it
        translated = invoke("translate", *CORE, "-f", str(DATA / "mail" / name)).stdout_bytes
        assert document["to"] == "it"
        assert document["matches"], name
        parts = _decoded_parts(data)
        new_parts = _decoded_parts(translated)
        for match in document["matches"]:
            text = parts[match["part"]]
            assert text[match["start"] : match["end"]] == match["text"], (name, match)
        for part in {match["part"] for match in document["matches"]}:
            if "Subject" not in part:
                assert new_parts[part] in document["text"], (name, part)


def test_json_shows_an_8bit_part_in_its_own_charset() -> None:
    data = (
        "From: a@example.nl\nTo: b@example.nl\nSubject: x\nMIME-Version: 1.0\n"
        "Content-Type: text/plain; charset=windows-1252\nContent-Transfer-Encoding: 8bit\n\n"
        "Het bezoeksrapport van het café, één keer.\n"
    ).encode("cp1252")
    document = json.loads(invoke("translate", *CORE, "--format", "json", input=data).stdout)
    assert document["text"].endswith("Het activiteitenrecord van het café, één keer.\n")
    assert [(m["part"], m["start"], m["text"]) for m in document["matches"]] == [
        ("1", 4, "bezoeksrapport")
    ]


def test_diff_of_an_email_is_of_the_message_as_text() -> None:
    path = DATA / "mail" / "base64.eml"
    diff = invoke("translate", *CORE, "--format", "diff", "-f", str(path)).stdout
    assert diff.startswith(f"--- a/{str(path).lstrip('/')}\n+++ b/")
    assert "-In de bijlage vind je de offerte voor het 360-graden-klantbeeld. Het\n" in diff
    assert "+de API-integratie met de boekhouding volgt in fase twee.\n" in diff
    assert "From: " not in diff.split("@@", 1)[0]  # no raw message before the diff

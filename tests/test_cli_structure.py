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

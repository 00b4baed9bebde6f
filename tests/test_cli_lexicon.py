"""`dvd lexicon show` and `dvd lexicon schema` (check and list have their own test modules)."""

from __future__ import annotations

import json

from dikkevandale.lexicon.layers import builtin_dir
from helpers import invoke


def test_show_prints_terms_note_examples_and_location() -> None:
    stdout = invoke("lexicon", "show", "klantbeeld").stdout
    lines = stdout.splitlines()
    assert lines[0] == "klantbeeld (nl)"
    assert lines[1].startswith("  sales: 360-graden-klantbeeld (het)")
    assert any(line.startswith("  example to ") for line in lines)
    # Where the concept's entry starts in the shipped file, whatever comes before it.
    shipped = (builtin_dir() / "nl" / "crm.yaml").read_text(encoding="utf-8").splitlines()
    line = shipped.index("  - id: klantbeeld") + 1
    assert lines[-1].startswith("  defined at: ") and lines[-1].endswith(f"crm.yaml:{line}:5")


def test_show_unknown_id_exits_1_with_a_suggestion() -> None:
    result = invoke("lexicon", "show", "klantbeel", code=1)
    assert "no concept with id 'klantbeel' (did you mean 'klantbeeld'?)" in result.stderr


def test_schema_is_json() -> None:
    schema = json.loads(invoke("lexicon", "schema").stdout)
    assert schema["title"] == "dikkevandale lexicon (format v1)"


def test_lexicon_without_a_command_shows_help() -> None:
    result = invoke("lexicon", code=2)
    assert "check" in result.stdout + result.stderr

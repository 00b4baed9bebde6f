"""Help and messages: examples that copy and paste, no Python types, short help that fits,
--quiet everywhere, friendly choices, plurals, explain's layouts, coloured diffs, completion."""

from __future__ import annotations

import io
import json
import re
import sys
import tracemalloc
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import typer.main

from dikkevandale.cli.app import app
from dikkevandale.cli.completion import complete_audience, complete_concept
from dikkevandale.model import indefinite
from helpers import invoke


def _commands() -> Iterator[tuple[list[str], Any]]:
    """Every command of dvd, with the words that name it (lazy groups built)."""
    root = typer.main.get_command(app)
    context: Any = None

    def walk(group: Any, path: list[str]) -> Iterator[tuple[list[str], Any]]:
        for name in group.list_commands(context):
            command = group.get_command(context, name)
            if hasattr(command, "list_commands"):
                yield from walk(command, [*path, name])
            else:
                yield [*path, name], command

    yield from walk(root, [])


COMMANDS = [words for words, _ in _commands()]


def test_every_command_is_listed() -> None:
    names = {" ".join(words) for words in COMMANDS}
    assert {"translate", "explain", "lookup", "check", "init", "lexicon export"} <= names


@pytest.mark.parametrize("words", COMMANDS, ids=" ".join)
def test_help_has_copyable_examples_and_no_python_types(words: list[str]) -> None:
    text = invoke(*words, "--help").stdout
    assert "Example" in text
    for leak in ("<str>", "<list[", "<Path>", "[[", "]...]...", "<int>", "<float>"):
        assert leak not in text, leak
    # Example lines stay whole: each starts with dvd (or a pipe into it), none is a lone option.
    block = re.split(r"\n(Arguments|Options):", text.split("Example", 1)[1])[0]
    for line in block.splitlines()[1:]:
        stripped = line.strip()
        if stripped:
            assert stripped.startswith(("dvd ", "echo ", "git ", "mkdir ", "pbpaste ")), line


@pytest.mark.parametrize("words", COMMANDS, ids=" ".join)
def test_short_help_fits_80_columns_without_cuts(words: list[str]) -> None:
    command = {" ".join(w): c for w, c in _commands()}[" ".join(words)]
    short = command.get_short_help_str(limit=200)
    assert not short.endswith("..."), short
    # 80 columns less the indent, the longest command name and the gap click leaves.
    assert len(short) <= 80 - 2 - len("translate") - 2 - 2, short


@pytest.mark.parametrize("words", COMMANDS, ids=" ".join)
def test_every_command_takes_quiet(words: list[str]) -> None:
    assert "--quiet" in invoke(*words, "--help").stdout


def test_the_lexicon_group_help_lists_without_dots() -> None:
    for words in ([], ["lexicon"], ["cache"]):
        listing = invoke(*words, "--help").stdout.split("Commands:")[1]
        assert "..." not in listing


def test_enum_options_suggest_and_take_any_case(lexicon_file: Path) -> None:
    only = ("--no-builtin", "-l", str(lexicon_file))
    result = invoke("translate", *only, "--to", "it", "--format", "jsn", "x", code=2)
    assert "'jsn' is not one of text, json, diff (did you mean 'json'?)" in result.stderr
    out = invoke("translate", *only, "--to", "IT", "--format", "JSON", "x").stdout
    assert json.loads(out)["to"] == "it"
    assert "did you mean 'it'?" in invoke("translate", *only, "--to", "ti", "x", code=2).stderr


def test_indefinite_articles() -> None:
    assert [indefinite(w) for w in ("it", "sales", "ops", "user")] == [
        "an it",
        "a sales",
        "an ops",
        "a user",
    ]


def test_messages_count_in_the_right_number(lexicon_file: Path) -> None:
    only = ("--no-builtin", "-l", str(lexicon_file))
    assert "1 file, 3 concepts: no problems" in invoke("lexicon", "check", str(lexicon_file)).stderr
    one = invoke("explain", *only, "--to", "it", "De koppeling.").stderr
    assert "1 term to rewrite for it" in one


def test_explain_uses_a_list_below_100_columns(
    lexicon_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    only = ("--no-builtin", "-l", str(lexicon_file))
    text = "Het 360-graden-klantbeeld en de koppeling."
    monkeypatch.setenv("COLUMNS", "60")
    narrow = invoke("explain", *only, "--to", "it", text).stdout
    first = narrow.splitlines()[0].rstrip()
    assert first == "1:1  Het 360-graden-klantbeeld → De mid-office-oplossing op"
    assert "    klantbeeld, sales → it, exact 100" in narrow
    assert "…" not in narrow and "┃" not in narrow
    monkeypatch.setenv("COLUMNS", "120")
    wide = invoke("explain", *only, "--to", "it", text).stdout
    assert "┃ where" in wide and "│ 1:33" in wide and "…" not in wide


def test_explain_json_has_line_and_col(lexicon_file: Path, tmp_path: Path) -> None:
    note = tmp_path / "note.md"
    note.write_text("# Titel\n\nDe koppeling is klaar.\n", encoding="utf-8")
    only = ("--no-builtin", "-l", str(lexicon_file))
    records = json.loads(
        invoke("explain", *only, "--to", "it", "-f", str(note), "--format", "json").stdout
    )
    assert [(r["path"], r["line"], r["col"], r["concept"]) for r in records] == [
        (str(note), 3, 4, "koppeling")
    ]
    assert records[0]["replacement"] == "interface" and records[0]["from"] == "sales"


def test_explain_lists_instead_of_a_table_of_thousands(
    lexicon_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A table is laid out from all its rows at once; beyond TABLE_ROWS terms the list layout
    is printed as the terms are found, also on a wide terminal."""
    from dikkevandale.cli import explain

    monkeypatch.setattr(explain, "TABLE_ROWS", 3)
    only = ("--no-builtin", "-l", str(lexicon_file), "--to", "it")
    assert "┃ where" in invoke("explain", *only, "De koppeling. " * 3).stdout
    listed = invoke("explain", *only, "De koppeling. " * 4).stdout
    assert "┃" not in listed
    assert [line.split()[0] for line in listed.splitlines() if "→ interface" in line] == [
        "1:4", "1:18", "1:32", "1:46"
    ]  # fmt: skip


class _Discard(io.TextIOBase):
    def write(self, text: str) -> int:
        return len(text)


def test_explain_keeps_no_list_of_its_records(
    lexicon_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Before, every record of an 8 MB input was kept for the end (1.2 GB); now each is
    written as it is found: the same memory for twice the input."""
    from dikkevandale import Translator
    from dikkevandale.cli.explain import _records, _write_json
    from dikkevandale.cli.inputs import Source

    run = Translator([lexicon_file], builtin=False, to="it", fuzzy=False)
    monkeypatch.setattr(sys, "stdout", _Discard())

    def peak(size: int) -> int:
        text = "Het 360-graden-klantbeeld en de koppeling.\n\n" * (size // 44)
        source = Source("stdin", stream=io.BytesIO(text.encode()))
        tracemalloc.start()
        try:
            _write_json(_records(run, [source], "it", "utf-8"))
            return tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()

    peak(1 << 12)
    small, large = peak(1 << 17), peak(1 << 18)
    assert large <= 1.25 * small, (small, large)


def test_explain_json_is_written_as_one_array(lexicon_file: Path) -> None:
    only = ("--no-builtin", "-l", str(lexicon_file), "--to", "it", "--format", "json")
    text = "De koppeling en het 360-graden-klantbeeld.\n\nDe koppeling."
    written = invoke("explain", *only, text).stdout
    assert written == json.dumps(json.loads(written), ensure_ascii=False, indent=2) + "\n"
    assert len(json.loads(written)) == 3
    assert invoke("explain", *only, "Niets.").stdout == "[]\n"


class _Scanned(str):
    """A text that counts the characters its `count` and `rfind` look at."""

    looked_at = 0

    def count(self, sub: str, start: Any = None, end: Any = None) -> int:  # type: ignore[override]
        _Scanned.looked_at += (len(self) if end is None else end) - (start or 0)
        return str.count(self, sub, start, end)

    def rfind(self, sub: str, start: Any = None, end: Any = None) -> int:  # type: ignore[override]
        _Scanned.looked_at += (len(self) if end is None else end) - (start or 0)
        return str.rfind(self, sub, start, end)


def test_explain_and_check_find_lines_and_columns_in_one_pass() -> None:
    """Before, each term's line was counted from the start of its piece: quadratic in a long
    paragraph full of terms (8 MB took two minutes)."""
    from dikkevandale.cli.inputs import Places
    from dikkevandale.model import Translation
    from dikkevandale.translator import Piece

    plain = "het klantbeeld en\nde koppeling " * 2000
    text = _Scanned(plain)
    places = Places(Piece(text, Translation(text, "it", ()), 0, 5))
    offsets = list(range(0, len(plain), 7))
    found = [places.at(offset) for offset in offsets]
    for offset, (line, col) in zip(offsets, found, strict=True):
        before = plain[:offset]
        assert (line, col) == (5 + before.count("\n"), offset - before.rfind("\n"))
    assert _Scanned.looked_at <= 2 * len(plain)


def test_explain_colours_only_when_asked_or_on_a_terminal(lexicon_file: Path) -> None:
    only = ("--no-builtin", "-l", str(lexicon_file), "--to", "it", "De koppeling.")
    assert "\x1b[" not in invoke("explain", *only).stdout
    assert "\x1b[" in invoke("explain", *only, "--color", "always").stdout


def test_diff_is_coloured_on_request_and_has_one_slash(lexicon_file: Path, tmp_path: Path) -> None:
    note = tmp_path / "note.md"
    note.write_text("De koppeling.\n", encoding="utf-8")
    only = ("--no-builtin", "-l", str(lexicon_file), "--to", "it", "--format", "diff")
    plain = invoke("translate", *only, "-f", str(note)).stdout
    assert plain.splitlines()[:2] == [f"--- a{note}", f"+++ b{note}"] or plain.startswith(
        f"--- a/{str(note).lstrip('/')}\n"
    )
    assert "//" not in plain.splitlines()[0]
    assert "\x1b[" not in plain
    colored = invoke("translate", *only, "--color", "always", "-f", str(note)).stdout
    assert "\x1b[31m-De koppeling.\x1b[0m\n" in colored
    assert "\x1b[32m+De interface.\x1b[0m\n" in colored
    stdin = invoke("translate", *only, "-f", "-", input="De koppeling.\n").stdout
    assert stdin.startswith("--- a/stdin\n+++ b/stdin\n")


def test_completion_offers_audiences_and_concept_ids(
    lexicon_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / ".dvd.toml").write_text(
        f'lexicons = ["{lexicon_file.parent.name}"]\nbuiltin = false\n', encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    assert complete_audience("") == ["sales", "it", "marketing"]
    assert complete_audience("M") == ["marketing"]
    assert complete_concept("k") == ["klantbeeld", "koppeling"]
    (tmp_path / ".dvd.toml").write_text("nonsense = [", encoding="utf-8")
    assert complete_audience("") == []  # a broken project completes nothing, quietly


def test_shell_completion_is_wired_to_the_options(
    lexicon_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / ".dvd.toml").write_text(
        f'lexicons = ["{lexicon_file.parent.name}"]\nbuiltin = false\n', encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("_DVD_COMPLETE", "complete_bash")
    monkeypatch.setenv("COMP_WORDS", "dvd translate --to ma")
    monkeypatch.setenv("COMP_CWORD", "3")
    from typer.testing import CliRunner

    result = CliRunner().invoke(app, [], prog_name="dvd")
    assert re.search(r"\bmarketing\b", result.stdout), result.stdout

"""The `dvd` command line: every option, every way in, every bad input (STYLE.md, DESIGN.md §4, §6).

Most tests use the small lexicon of `conftest.LEXICON_YAML` with --no-builtin, so that edits to
the shipped lexicons cannot break them; the few that are about the built-in lexicons say so.
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from typer.testing import Result

import dikkevandale
from helpers import invoke

KLANTBEELD = "Het 360-graden-klantbeeld is klaar."
KLANTBEELD_IT = "De mid-office-oplossing op basis van XML is klaar."

HEAD = "dvd: 1\nlanguage: nl\naudiences: [sales, it]\nconcepts:\n"
KOPPELING_YAML = HEAD + "  - id: koppeling\n    sales: koppeling\n    it: interface\n"
MODULE_YAML = HEAD + "  - id: module\n    sales: klantbeeldmodule\n    it: component\n"


def translate(
    lexicon: Path, *args: str, to: str = "it", input: str | bytes | None = None, code: int = 0
) -> Result:
    """`dvd translate --to TO` with only the test lexicon loaded."""
    return invoke(
        "translate",
        "--to",
        to,
        "--no-builtin",
        "--lexicon",
        str(lexicon),
        *args,
        input=input,
        code=code,
    )


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def no_traceback(result: Result) -> None:
    for stream in (result.stdout, result.stderr):
        assert "Traceback" not in stream


def apply(text: str, matches: list[dict[str, Any]]) -> str:
    """The input with every match's replacement put in at its code-point span."""
    pieces: list[str] = []
    position = 0
    for match in sorted(matches, key=lambda m: m["start"]):
        assert match["start"] >= position, f"overlapping matches: {matches}"
        pieces += [text[position : match["start"]], match["replacement"]]
        position = match["end"]
    pieces.append(text[position:])
    return "".join(pieces)


def dvd_script() -> Path:
    """The installed console script of the Python running the tests."""
    folder = Path(sys.executable).parent
    script = folder / ("dvd.exe" if sys.platform == "win32" else "dvd")
    assert script.is_file(), f"no dvd console script next to {sys.executable}"
    return script


# --- Ways in -----------------------------------------------------------------------------------


def test_text_argument_is_translated_and_ended_with_a_newline(lexicon_file: Path) -> None:
    result = translate(lexicon_file, KLANTBEELD)
    assert result.stdout == KLANTBEELD_IT + "\n"
    assert result.stderr == ""


def test_short_options_work_like_long_ones(lexicon_file: Path) -> None:
    result = invoke("translate", "-t", "it", "--no-builtin", "-l", str(lexicon_file), KLANTBEELD)
    assert result.stdout == KLANTBEELD_IT + "\n"


def test_file_option_reads_the_file(lexicon_file: Path, tmp_path: Path) -> None:
    path = write(tmp_path / "notes.txt", f"{KLANTBEELD}\nDe koppeling werkt.\n")
    result = translate(lexicon_file, "-f", str(path))
    assert result.stdout_bytes == f"{KLANTBEELD_IT}\nDe interface werkt.\n".encode()


def test_file_long_option(lexicon_file: Path, tmp_path: Path) -> None:
    path = write(tmp_path / "notes.txt", "De koppeling werkt.\n")
    assert translate(lexicon_file, "--file", str(path)).stdout == "De interface werkt.\n"


def test_file_dash_reads_stdin(lexicon_file: Path) -> None:
    result = translate(lexicon_file, "-f", "-", input=f"{KLANTBEELD}\n")
    assert result.stdout_bytes == f"{KLANTBEELD_IT}\n".encode()


def test_piped_stdin_is_read_without_any_input_option(lexicon_file: Path) -> None:
    result = translate(lexicon_file, input=f"{KLANTBEELD}\n")
    assert result.stdout_bytes == f"{KLANTBEELD_IT}\n".encode()
    assert result.stderr == ""


@pytest.mark.parametrize("file", ["-", "notes.txt"])
def test_text_and_file_together_is_a_usage_error(
    lexicon_file: Path, tmp_path: Path, file: str
) -> None:
    if file != "-":
        file = str(write(tmp_path / file, "De koppeling.\n"))
    result = translate(lexicon_file, KLANTBEELD, "-f", file, input="De koppeling.\n", code=2)
    assert result.stdout == ""
    assert "--file" in result.stderr
    no_traceback(result)


# --- Audiences -----------------------------------------------------------------------------------


def test_unknown_to_audience_names_the_known_ones(lexicon_file: Path) -> None:
    result = translate(lexicon_file, KLANTBEELD, to="finance", code=2)
    assert result.stdout == ""
    assert "finance" in result.stderr
    for audience in ("sales", "it", "marketing"):
        assert re.search(rf"\b{audience}\b", result.stderr), result.stderr
    no_traceback(result)


def test_unknown_to_audience_suggests_a_close_one(lexicon_file: Path) -> None:
    result = translate(lexicon_file, KLANTBEELD, to="itt", code=2)
    assert "did you mean 'it'" in result.stderr


def test_to_is_required(lexicon_file: Path) -> None:
    result = invoke("translate", "--no-builtin", "--lexicon", str(lexicon_file), "x", code=2)
    assert "--to" in result.stderr
    assert result.stdout == ""


def test_unknown_from_audience_is_a_usage_error(lexicon_file: Path) -> None:
    result = translate(lexicon_file, "--from", "finance", KLANTBEELD, code=2)
    assert "finance" in result.stderr
    assert "marketing" in result.stderr
    assert result.stdout == ""


def test_translating_to_another_audience(lexicon_file: Path) -> None:
    result = translate(lexicon_file, "De interface en de component.", to="marketing")
    # component has no marketing term: it stays; interface becomes marketing's integratie.
    assert result.stdout == "De integratie en de component.\n"


SOURCES_TEXT = "Het 360-graden-klantbeeld, het klantprofiel en de integratie."


def test_from_restricts_the_source_audiences(lexicon_file: Path) -> None:
    result = translate(lexicon_file, "--from", "marketing", SOURCES_TEXT)
    assert result.stdout == (
        "Het 360-graden-klantbeeld, de mid-office-oplossing op basis van XML en de interface.\n"
    )
    result = translate(lexicon_file, "--from", "sales", SOURCES_TEXT)
    assert result.stdout == (
        "De mid-office-oplossing op basis van XML, het klantprofiel en de integratie.\n"
    )


def test_from_repeats(lexicon_file: Path) -> None:
    result = translate(lexicon_file, "--from", "sales", "--from", "marketing", SOURCES_TEXT)
    assert result.stdout == (
        "De mid-office-oplossing op basis van XML, de mid-office-oplossing op basis van XML"
        " en de interface.\n"
    )


# --- Lexicons ------------------------------------------------------------------------------------


def test_lexicon_folder_loads_every_yaml_below_it(tmp_path: Path) -> None:
    folder = tmp_path / "lexicons"
    write(
        folder / "a.yaml",
        KOPPELING_YAML,
    )
    write(
        folder / "deeper" / "b.yml",
        MODULE_YAML,
    )
    write(folder / "README.txt", "not a lexicon: [")
    result = translate(folder, "De koppeling en de klantbeeldmodule.")
    assert result.stdout == "De interface en de component.\n"


def test_lexicon_repeats(tmp_path: Path) -> None:
    first = write(tmp_path / "a.yaml", KOPPELING_YAML)
    second = write(
        tmp_path / "b.yaml",
        MODULE_YAML,
    )
    result = invoke(
        "translate",
        "--to",
        "it",
        "--no-builtin",
        "--lexicon",
        str(first),
        "-l",
        str(second),
        "De koppeling en de klantbeeldmodule.",
    )
    assert result.stdout == "De interface en de component.\n"


def test_no_builtin_alone_is_a_usage_error() -> None:
    result = invoke("translate", "--to", "it", "--no-builtin", KLANTBEELD, code=2)
    assert "--lexicon" in result.stderr
    assert result.stdout == ""
    no_traceback(result)


def test_missing_lexicon_file_is_bad_data(tmp_path: Path) -> None:
    missing = tmp_path / "nope.yaml"
    result = translate(missing, KLANTBEELD, code=3)
    assert str(missing) in result.stderr
    assert result.stdout == ""


def test_lexicon_folder_without_yaml_is_bad_data(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    result = translate(empty, KLANTBEELD, code=3)
    assert str(empty) in result.stderr
    assert result.stdout == ""


def test_same_concept_id_in_two_given_files_is_bad_data(tmp_path: Path) -> None:
    first = write(tmp_path / "a.yaml", KOPPELING_YAML)
    second = write(
        tmp_path / "b.yaml", HEAD + "  - id: koppeling\n    sales: verbinding\n    it: api\n"
    )
    result = invoke(
        "translate", "--to", "it", "--no-builtin", "-l", str(first), "-l", str(second), "x", code=3
    )
    assert f"{second}:5:5" in result.stderr
    assert "koppeling" in result.stderr
    assert result.stdout == ""


# --- Built-in lexicons ---------------------------------------------------------------------------


def test_builtin_lexicons_translate_the_documented_example() -> None:
    assert invoke("translate", "--to", "it", KLANTBEELD).stdout == KLANTBEELD_IT + "\n"


def test_no_builtin_leaves_the_shipped_lexicons_out(tmp_path: Path) -> None:
    own = write(
        tmp_path / "own.yaml",
        HEAD + "  - id: test.module\n    sales: klantbeeldmodule\n    it: component\n",
    )
    text = "Het 360-graden-klantbeeld en de klantbeeldmodule."
    with_builtin = invoke("translate", "--to", "it", "--lexicon", str(own), text)
    assert with_builtin.stdout == "De mid-office-oplossing op basis van XML en de component.\n"
    without = invoke("translate", "--to", "it", "--no-builtin", "--lexicon", str(own), text)
    assert without.stdout == "Het 360-graden-klantbeeld en de component.\n"


def test_a_lexicon_overrides_a_builtin_concept_by_id(tmp_path: Path) -> None:
    override = write(
        tmp_path / "override.yaml",
        HEAD
        + "  - id: klantbeeld\n"
        + "    sales:\n      - term: 360-graden-klantbeeld\n        article: het\n"
        + "    it:\n      - term: klantdatabase\n        article: de\n",
    )
    result = invoke("translate", "--to", "it", "--lexicon", str(override), KLANTBEELD)
    assert result.stdout == "De klantdatabase is klaar.\n"


# --- Output formats -----------------------------------------------------------------------------

JSON_INPUT = (
    "Café-notitie — één regel.\r\n"
    "Het 360-graden-klantbeeld en de klantbeeldmodul.\n"
    "\n"
    "Het klantprofiel en twee 360-graden-klantbeelden.\n"
)
JSON_OUTPUT = (
    "Café-notitie — één regel.\r\n"
    "De mid-office-oplossing op basis van XML en de component.\n"
    "\n"
    "De mid-office-oplossing op basis van XML en twee mid-office-oplossingen op basis van XML.\n"
)
# DESIGN.md §4 plus "needs_review" (issue 5), an addition old readers can ignore.
MATCH_KEYS = {
    "start",
    "end",
    "text",
    "concept",
    "from",
    "replacement",
    "kind",
    "score",
    "needs_review",
}


@pytest.mark.parametrize("how", ["stdin", "file"])
def test_json_output_follows_the_contract(lexicon_file: Path, tmp_path: Path, how: str) -> None:
    if how == "stdin":
        result = translate(lexicon_file, "--format", "json", input=JSON_INPUT.encode())
    else:
        path = tmp_path / "notes.txt"
        path.write_bytes(JSON_INPUT.encode())
        result = translate(lexicon_file, "--format", "json", "-f", str(path))
    data = json.loads(result.stdout)
    assert set(data) == {"to", "text", "matches"}  # "skipped"/"suppressed" only when any
    assert data["to"] == "it"
    assert data["text"] == JSON_OUTPUT
    for match in data["matches"]:
        assert set(match) == MATCH_KEYS, match
        assert JSON_INPUT[match["start"] : match["end"]] == match["text"], match
        assert isinstance(match["score"], float)
        assert 0 < match["score"] <= 100
    assert apply(JSON_INPUT, data["matches"]) == data["text"]
    summary = [(m["concept"], m["from"], m["kind"]) for m in data["matches"]]
    assert summary == [
        ("klantbeeld", "sales", "exact"),
        ("module", "sales", "fuzzy"),
        ("klantbeeld", "marketing", "exact"),
        ("klantbeeld", "sales", "inflection"),
    ]
    assert data["matches"][0]["replacement"].startswith("De mid-office-oplossing")
    assert data["matches"][1]["score"] < 100


def test_json_of_a_text_argument(lexicon_file: Path) -> None:
    result = translate(lexicon_file, "--format", "json", KLANTBEELD)
    data = json.loads(result.stdout)
    assert data["text"] == KLANTBEELD_IT
    assert apply(KLANTBEELD, data["matches"]) == KLANTBEELD_IT
    assert [m["concept"] for m in data["matches"]] == ["klantbeeld"]


def test_json_without_terms_has_no_matches(lexicon_file: Path) -> None:
    data = json.loads(translate(lexicon_file, "--format", "json", input="Niets te doen.\n").stdout)
    assert data == {"to": "it", "text": "Niets te doen.\n", "matches": []}


def test_json_of_empty_input(lexicon_file: Path) -> None:
    data = json.loads(translate(lexicon_file, "--format", "json", input="").stdout)
    assert data == {"to": "it", "text": "", "matches": []}


def test_diff_output_is_a_unified_diff(lexicon_file: Path, tmp_path: Path) -> None:
    path = write(tmp_path / "notes.txt", "regel een\nDe koppeling.\nregel drie\n")
    result = translate(lexicon_file, "--format", "diff", "-f", str(path))
    lines = result.stdout.splitlines()
    assert lines[0].startswith("--- ")
    assert str(path) in lines[0]
    assert lines[1].startswith("+++ ")
    assert str(path) in lines[1]
    assert lines[2:] == [
        "@@ -1,3 +1,3 @@",
        " regel een",
        "-De koppeling.",
        "+De interface.",
        " regel drie",
    ]


def test_diff_marks_a_missing_final_newline(lexicon_file: Path) -> None:
    result = translate(lexicon_file, "--format", "diff", input="De koppeling.")
    assert result.stdout.splitlines()[2:] == [
        "@@ -1 +1 @@",
        "-De koppeling.",
        "\\ No newline at end of file",
        "+De interface.",
        "\\ No newline at end of file",
    ]


def test_diff_is_empty_when_nothing_changes(lexicon_file: Path) -> None:
    result = translate(lexicon_file, "--format", "diff", input="Niets te doen.\nEcht niet.\n")
    assert result.stdout_bytes == b""


@pytest.mark.parametrize(
    "args",
    [
        ["--format", "xml"],
        ["--threshold", "101"],
        ["--threshold", "10"],
        ["--threshold", "hoog"],
        ["--bogus-option"],
    ],
)
def test_bad_option_values_are_usage_errors(lexicon_file: Path, args: list[str]) -> None:
    result = translate(lexicon_file, *args, KLANTBEELD, code=2)
    assert result.stdout == ""
    assert args[0] in result.stderr
    no_traceback(result)


# --- Fuzzy matching -----------------------------------------------------------------------------

ONE_TYPO = "De klantbeeldmodul werkt.\n"  # one letter short of 'klantbeeldmodule'
TWO_TYPOS = "De klantbeedlmodlue werkt.\n"  # two swaps: similarity 87.5


def test_one_typo_in_a_long_term_is_rewritten_by_default(lexicon_file: Path) -> None:
    assert translate(lexicon_file, input=ONE_TYPO).stdout == "De component werkt.\n"


def test_no_fuzzy_leaves_a_typo_alone(lexicon_file: Path) -> None:
    assert translate(lexicon_file, "--no-fuzzy", input=ONE_TYPO).stdout == ONE_TYPO
    # Exact spellings are still found.
    result = translate(lexicon_file, "--no-fuzzy", input="De klantbeeldmodule werkt.\n")
    assert result.stdout == "De component werkt.\n"


def test_a_higher_threshold_leaves_a_typo_alone(lexicon_file: Path) -> None:
    assert translate(lexicon_file, "--threshold", "99", input=ONE_TYPO).stdout == ONE_TYPO


def test_a_lower_threshold_accepts_a_worse_typo(lexicon_file: Path) -> None:
    assert translate(lexicon_file, input=TWO_TYPOS).stdout == TWO_TYPOS
    result = translate(lexicon_file, "--threshold", "85", input=TWO_TYPOS)
    assert result.stdout == "De component werkt.\n"


# --- Byte for byte --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        pytest.param(
            b"Eerste regel  \r\nHet 360-graden-klantbeeld is klaar. \t\r\n\r\n"
            b"  slot met de koppeling",
            b"Eerste regel  \r\nDe mid-office-oplossing op basis van XML is klaar. \t\r\n\r\n"
            b"  slot met de interface",
            id="crlf-trailing-spaces-no-final-newline",
        ),
        pytest.param(
            b"\xef\xbb\xbfHet 360-graden-klantbeeld is klaar.\r\n",
            b"\xef\xbb\xbfDe mid-office-oplossing op basis van XML is klaar.\r\n",
            id="utf8-bom",
        ),
        pytest.param(
            b"De koppeling.\rTweede regel.\r",
            b"De interface.\rTweede regel.\r",
            id="cr-only",
        ),
        pytest.param(
            "Één koppeling — “zo’n” café.\n\n\n".encode(),
            "Één interface — “zo’n” café.\n\n\n".encode(),
            id="non-ascii-and-blank-lines",
        ),
    ],
)
def test_only_the_terms_change(
    lexicon_file: Path, tmp_path: Path, data: bytes, expected: bytes
) -> None:
    assert translate(lexicon_file, input=data).stdout_bytes == expected
    path = tmp_path / "in.txt"
    path.write_bytes(data)
    assert translate(lexicon_file, "-f", str(path)).stdout_bytes == expected


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(b"Geen termen hier.\r\n  \t\r\nNog een regel.   ", id="crlf-trailing"),
        pytest.param(b"\xef\xbb\xbfGeen termen.\n", id="bom"),
        pytest.param("cafe\u0301 e\u0301e\u0301n (NFD)\n".encode(), id="nfd-kept"),
        pytest.param("tabs\tand\u00a0nbsp\u2028line sep \U0001f600\n".encode(), id="odd-spaces"),
        pytest.param(b"[bold]geen markup[/bold] {x} %s \\n\n", id="markup-like"),
        pytest.param(b"\x0cform feed\x0bvertical tab\n", id="control-chars"),
        pytest.param(b"\n\n\n", id="only-newlines"),
        pytest.param(b"   ", id="only-spaces"),
    ],
)
def test_text_without_terms_comes_out_byte_identical(
    lexicon_file: Path, tmp_path: Path, data: bytes
) -> None:
    assert translate(lexicon_file, input=data).stdout_bytes == data
    path = tmp_path / "in.txt"
    path.write_bytes(data)
    assert translate(lexicon_file, "-f", str(path)).stdout_bytes == data


def test_a_large_input_in_many_paragraphs_is_translated_whole(lexicon_file: Path) -> None:
    paragraph = "Regel {n}: het 360-graden-klantbeeld en de koppeling.\r\n\r\n"
    data = "".join(paragraph.format(n=n) for n in range(5000))
    expected = data.replace("het 360-graden-klantbeeld", "de mid-office-oplossing op basis van XML")
    expected = expected.replace("koppeling", "interface")
    assert translate(lexicon_file, input=data.encode()).stdout_bytes == expected.encode()


# --- Encodings and bad input --------------------------------------------------------------------

CP1252_TEXT = "Het 360-graden-klantbeeld is één café – zo’n ding.\r\n"
CP1252_EXPECTED = "De mid-office-oplossing op basis van XML is één café – zo’n ding.\r\n"


def test_non_utf8_input_names_the_byte_offset_and_encoding_option(lexicon_file: Path) -> None:
    data = CP1252_TEXT.encode("cp1252")
    offset = next(i for i, byte in enumerate(data) if byte >= 0x80)
    result = translate(lexicon_file, input=data, code=3)
    assert f"byte {offset}" in result.stderr
    assert "--encoding" in result.stderr
    assert result.stdout_bytes == b""
    no_traceback(result)


def test_non_utf8_in_a_later_paragraph_names_the_offset_in_the_whole_input(
    lexicon_file: Path,
) -> None:
    data = b"De koppeling.\n\nabc\xff\n"
    result = translate(lexicon_file, input=data, code=3)
    offset = data.index(b"\xff")
    assert f"byte {offset}" in result.stderr
    assert "--encoding" in result.stderr


def test_encoding_option_reads_and_writes_that_encoding(lexicon_file: Path, tmp_path: Path) -> None:
    data = CP1252_TEXT.encode("cp1252")
    result = translate(lexicon_file, "--encoding", "cp1252", input=data)
    assert result.stdout_bytes == CP1252_EXPECTED.encode("cp1252")
    path = tmp_path / "windows.txt"
    path.write_bytes(data)
    result = translate(lexicon_file, "--encoding", "cp1252", "-f", str(path))
    assert result.stdout_bytes == CP1252_EXPECTED.encode("cp1252")


@pytest.mark.parametrize(
    ("encoding", "lines"),
    [
        pytest.param("utf-8-sig", 2, id="utf-8-sig-two-paragraphs"),
        pytest.param("utf-16", 2, id="utf-16-two-paragraphs"),
        pytest.param("utf-16", 250_000, id="utf-16-over-4mib"),
    ],
)
def test_an_encoding_with_a_bom_writes_it_once(
    lexicon_file: Path, tmp_path: Path, encoding: str, lines: int
) -> None:
    """The output is one encoded text, not one encoded text (and BOM) per paragraph."""
    text = "De koppeling.\n\nNog een regel.\n" * (lines // 2)
    path = tmp_path / "bom.txt"
    path.write_bytes(text.encode(encoding))
    result = translate(lexicon_file, "--encoding", encoding, "-f", str(path))
    expected = text.replace("koppeling", "interface").encode(encoding)
    bom = "".encode(encoding)
    assert bom
    assert result.stdout_bytes.count(bom) == 1
    assert result.stdout_bytes == expected


def test_a_replacement_the_encoding_cannot_hold_is_bad_data(tmp_path: Path) -> None:
    """cp1252 has no 'Ł': that is a problem with the data and the options, not a dvd bug."""
    lexicon = write(
        tmp_path / "pl.yaml", HEAD + "  - id: stad\n    sales: koppeling\n    it: Łódź-koppeling\n"
    )
    data = "De koppeling in het café.\n".encode("cp1252")
    result = translate(lexicon, "--encoding", "cp1252", input=data, code=3)
    assert "cp1252" in result.stderr
    assert "internal error" not in result.stderr
    assert result.stdout_bytes == b""
    no_traceback(result)


@pytest.mark.parametrize("encoding", ["klingon", "rot13", "hex", "base64"])
def test_an_encoding_that_cannot_read_text_is_a_usage_error(
    lexicon_file: Path, encoding: str
) -> None:
    result = translate(lexicon_file, "--encoding", encoding, input="De koppeling.\n", code=2)
    assert encoding in result.stderr and "encoding" in result.stderr
    assert result.stdout == ""
    no_traceback(result)


@pytest.mark.parametrize("data", [b"De koppeling\x00 is klaar.\n", b"\x00\x01\x02\x03"])
def test_nul_byte_is_binary_input(lexicon_file: Path, data: bytes) -> None:
    result = translate(lexicon_file, input=data, code=3)
    assert "binary" in result.stderr
    assert result.stdout_bytes == b""
    no_traceback(result)


def test_empty_input_gives_empty_output(lexicon_file: Path, tmp_path: Path) -> None:
    assert translate(lexicon_file, input="").stdout_bytes == b""
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    result = translate(lexicon_file, "-f", str(path))
    assert result.stdout_bytes == b""
    assert result.stderr == ""


def test_missing_input_file_is_bad_data(lexicon_file: Path, tmp_path: Path) -> None:
    missing = tmp_path / "missing.txt"
    result = translate(lexicon_file, "-f", str(missing), code=3)
    assert str(missing) in result.stderr
    assert result.stdout == ""
    no_traceback(result)


def test_folder_as_input_file_is_bad_data(lexicon_file: Path, tmp_path: Path) -> None:
    result = translate(lexicon_file, "-f", str(tmp_path), code=3)
    assert str(tmp_path) in result.stderr
    assert result.stdout == ""
    no_traceback(result)


BROKEN_LEXICONS = [
    pytest.param(
        HEAD + "  - id: [unclosed\n    sales: koppeling\n",
        "6:10",
        "invalid YAML",
        id="invalid-yaml",
    ),
    pytest.param(
        HEAD + "  - id: x\n    sales: koppeling\n\tit: interface\n", "7:1", "tab", id="tab"
    ),
    pytest.param(
        HEAD + "  - id: x\n    sales: koppeling\n    it: interface\n    nota: iets\n",
        "8:5",
        "did you mean 'note'",
        id="unknown-key",
    ),
    pytest.param(
        HEAD + "  - id: x\n    sales: koppeling\n    it: interface\n    sales: verbinding\n",
        "8:5",
        "duplicate key 'sales'",
        id="duplicate-key",
    ),
    pytest.param(
        HEAD + "  - id: x\n    sales:\n      - term: koppeling\n        artikel: de\n    it: api\n",
        "8:9",
        "did you mean 'article'",
        id="unknown-term-key",
    ),
    pytest.param(
        HEAD
        + "  - id: x\n    sales: koppeling\n    it: interface\n"
        + "  - id: y\n    sales: koppeling\n    it: api\n",
        "9:12",
        "koppeling",
        id="ambiguous-term",
    ),
    pytest.param(
        HEAD + "  - id: x\n    sales: !!python/object:os.system koppeling\n    it: api\n",
        "6:12",
        "tag",
        id="yaml-tag",
    ),
]


@pytest.mark.parametrize(("source", "where", "message"), BROKEN_LEXICONS)
@pytest.mark.parametrize("command", ["translate", "explain", "lookup"])
def test_a_broken_lexicon_is_one_located_error_and_no_output(
    tmp_path: Path, source: str, where: str, message: str, command: str
) -> None:
    path = write(tmp_path / "broken.yaml", source)
    args = ["--no-builtin", "--lexicon", str(path)]
    if command == "lookup":
        result = invoke("lookup", *args, "koppeling", code=3)
    else:
        result = invoke(command, "--to", "it", *args, "De koppeling.", code=3)
    assert result.stdout_bytes == b""
    assert f"{path}:{where}" in result.stderr
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    no_traceback(result)


def test_a_lexicon_that_is_not_utf8_is_bad_data(tmp_path: Path) -> None:
    path = tmp_path / "latin.yaml"
    path.write_bytes((HEAD + "  - id: x\n    sales: café\n    it: api\n").encode("latin-1"))
    result = translate(path, "De koppeling.", code=3)
    assert str(path) in result.stderr
    assert "UTF-8" in result.stderr
    assert result.stdout == ""


# --- explain ------------------------------------------------------------------------------------


def test_explain_lists_each_term_with_kind_and_score(lexicon_file: Path) -> None:
    result = invoke(
        "explain",
        "--to",
        "it",
        "--no-builtin",
        "--lexicon",
        str(lexicon_file),
        "Het 360-graden-klantbeeld en de klantbeeldmodul en de koppelingen.",
    )
    rows = [line for line in result.stdout.splitlines() if "sales → it" in line]
    assert len(rows) == 3, result.stdout
    assert "klantbeeld" in rows[0]
    assert "exact" in rows[0]
    assert "100" in rows[0]
    assert "klantbeeldmodul" in rows[1]
    assert "component" in rows[1]
    assert "fuzzy" in rows[1]
    assert "97" in rows[1]
    assert "koppelingen" in rows[2]
    assert "interfaces" in rows[2]
    assert "inflection" in rows[2]
    assert "klantbeeld: Eén plek waar alles over een klant samenkomt." in result.stdout
    assert "3 terms to rewrite for it" in result.stderr
    assert "3 terms" not in result.stdout


def test_explain_reads_stdin_and_respects_from(lexicon_file: Path) -> None:
    result = invoke(
        "explain",
        "--to",
        "it",
        "--from",
        "marketing",
        "--no-builtin",
        "--lexicon",
        str(lexicon_file),
        input="De koppeling en de integratie.\n",
    )
    rows = [line for line in result.stdout.splitlines() if "→ it" in line]
    assert len(rows) == 1, result.stdout
    assert "integratie" in rows[0]
    assert "marketing → it" in rows[0]
    assert "1 term to rewrite for it" in result.stderr


def test_explain_without_terms_prints_nothing_on_stdout(lexicon_file: Path) -> None:
    result = invoke(
        "explain", "--to", "it", "--no-builtin", "-l", str(lexicon_file), "Niets te doen."
    )
    assert result.stdout == ""
    assert "0 terms to rewrite for it" in result.stderr


def test_explain_unknown_audience_is_a_usage_error(lexicon_file: Path) -> None:
    result = invoke(
        "explain", "--to", "finance", "--no-builtin", "-l", str(lexicon_file), "x", code=2
    )
    assert "marketing" in result.stderr


def test_explain_bad_input_is_bad_data(lexicon_file: Path) -> None:
    result = invoke(
        "explain", "--to", "it", "--no-builtin", "-l", str(lexicon_file), input=b"ab\xffc", code=3
    )
    assert "byte 2" in result.stderr
    no_traceback(result)


# --- lookup -------------------------------------------------------------------------------------


def lookup(lexicon: Path, word: str, code: int = 0) -> Result:
    return invoke("lookup", "--no-builtin", "--lexicon", str(lexicon), word, code=code)


def test_lookup_by_a_term_shows_every_audience(lexicon_file: Path) -> None:
    lines = lookup(lexicon_file, "koppeling").stdout.splitlines()
    assert lines[0] == "koppeling (nl)"
    assert "  sales: koppeling (de)" in lines
    assert "  it: interface (de)" in lines
    assert "  marketing: integratie (de)" in lines


@pytest.mark.parametrize(
    ("word", "concept"),
    [
        ("interface", "koppeling"),  # another audience's term
        ("360-graden-klantbeelden", "klantbeeld"),  # the lexicon's plural
        ("koppelingen", "koppeling"),  # a derived plural
        ("360 graden klantbeeld", "klantbeeld"),  # a variant spelling
        ("klantbeeldmodul", "module"),  # a dropped letter
        ("klantbeedlmodule", "module"),  # swapped letters
        ("interfcae", "koppeling"),  # a typo in another audience's term
        ("KLANTPROFIEL", "klantbeeld"),  # any case
    ],
)
def test_lookup_finds_the_concept(lexicon_file: Path, word: str, concept: str) -> None:
    result = lookup(lexicon_file, word)
    assert result.stdout.splitlines()[0] == f"{concept} (nl)", result.stdout


def test_lookup_shows_the_note(lexicon_file: Path) -> None:
    result = lookup(lexicon_file, "klantprofiel")
    assert "  note: Eén plek waar alles over een klant samenkomt." in result.stdout.splitlines()


def test_lookup_of_an_unknown_word_exits_1(lexicon_file: Path) -> None:
    result = lookup(lexicon_file, "kaasschaaf", code=1)
    assert result.stdout == ""
    assert "kaasschaaf" in result.stderr


def test_lookup_with_the_builtin_lexicons() -> None:
    result = invoke("lookup", "klantbeelden")
    assert result.stdout.splitlines()[0] == "klantbeeld (nl)"
    assert "mid-office-oplossing op basis van XML" in result.stdout


# --- version, help, python -m ---------------------------------------------------------------------


def test_version() -> None:
    result = invoke("--version")
    assert result.stdout == f"dvd (dikkevandale) {dikkevandale.__version__}\n"


def test_no_arguments_shows_help() -> None:
    # Click ends a bare group with its help on stderr and the usage status 2.
    result = invoke(code=2)
    assert result.stdout == ""
    assert "Usage: dvd" in result.stderr
    for command in ("translate", "explain", "lookup", "lexicon"):
        assert command in result.stderr


def test_the_lexicon_group_offers_only_its_own_options() -> None:
    """Shell completion is installed from `dvd`, not from each group."""
    assert "--install-completion" not in invoke("lexicon", "--help").stdout
    invoke("lexicon", "--show-completion", code=2)


def test_a_mistyped_command_gets_a_suggestion_also_for_the_lexicon_group() -> None:
    assert "Did you mean 'lexicon'?" in invoke("lexcon", code=2).stderr
    assert "Did you mean 'translate'?" in invoke("translat", code=2).stderr


def test_translate_does_not_load_the_lexicon_commands(lexicon_file: Path) -> None:
    """They are built only when asked for: a translation starts without them."""
    code = (
        "import sys\n"
        "from dikkevandale.cli.app import main\n"
        "sys.argv = ['dvd', 'translate', '--to', 'it', '--no-builtin', '--lexicon', sys.argv[1],"
        " 'Het 360-graden-klantbeeld is af.']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in sys.modules if m.startswith('dikkevandale.cli.')))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(lexicon_file)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    translated, modules = done.stdout.splitlines()
    assert translated.startswith("De mid-office-oplossing")
    assert modules == str(
        [
            f"dikkevandale.cli.{name}"
            # completion: the --to completer, a module without imports of its own
            for name in (
                "app",
                "common",
                "completion",
                "exitstatus",
                "inputs",
                "output",
                "translate",
            )
        ]
    )


def test_a_warm_translation_imports_no_parser_it_does_not_need(
    lexicon_file: Path, tmp_path: Path
) -> None:
    """With the compiled index cached, only the lexicon's bytes are read, never parsed (nor
    compiled: no compile helper is forked, or imported); a note without Markdown in it
    imports no Markdown parser, and plain output no JSON encoder (start-up time)."""
    code = (
        "import sys\n"
        "from dikkevandale.cli.app import main\n"
        "sys.argv = ['dvd', 'translate', '--to', 'it', '--no-builtin', '--lexicon', sys.argv[1],"
        " 'Het 360-graden-klantbeeld is af.']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in sys.modules\n"
        "             if m in ('yaml', 'markdown_it', 'json')\n"
        "             or m.endswith(('.loader', '.forked'))))\n"
    )
    environment = {**os.environ, "DVD_CACHE_DIR": str(tmp_path / "cache")}
    runs = [
        subprocess.run(
            [sys.executable, "-c", code, str(lexicon_file)],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
            env=environment,
        )
        for _ in range(2)
    ]
    assert [run.returncode for run in runs] == [0, 0], runs[0].stderr
    cold, warm = (run.stdout.splitlines()[-1] for run in runs)
    assert "yaml" in cold  # the first run compiles, so the test sees the difference
    assert warm == "[]"


@pytest.mark.parametrize("command", ["translate", "explain", "lookup"])
def test_every_command_has_help_with_an_example(command: str) -> None:
    result = invoke(command, "--help")
    assert "Usage:" in result.stdout
    assert "Example" in result.stdout
    assert f"dvd {command}" in result.stdout


def test_python_dash_m_works() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "dikkevandale", "--version"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == f"dvd (dikkevandale) {dikkevandale.__version__}\n"


def test_console_script_translates(lexicon_file: Path) -> None:
    done = subprocess.run(
        [str(dvd_script()), "translate", "--to", "it", "--no-builtin", "-l", str(lexicon_file)],
        input=b"Het 360-graden-klantbeeld is klaar.\r\n",
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == f"{KLANTBEELD_IT}\r\n".encode()


def test_on_a_terminal_dvd_says_how_to_end_the_text(lexicon_file: Path) -> None:
    import pty

    command = [dvd_script(), "translate", "--to", "it", "--no-builtin", "-l", lexicon_file]
    terminal, reader = pty.openpty()
    try:
        process = subprocess.Popen(
            command, stdin=reader, stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
        os.close(reader)
        os.write(terminal, b"De koppeling.\n\x04")  # a typed line, then Ctrl-D
        stdout, stderr = process.communicate(timeout=60)
    finally:
        os.close(terminal)
    assert process.returncode == 0, stderr
    assert stdout == b"De interface.\n"
    assert b"Ctrl-D" in stderr


# --- Pipes and signals ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "command",
    [["translate"], ["explain"], ["explain", "--format", "json"]],
    ids=["translate", "explain", "explain-json"],
)
def test_a_reader_closing_the_pipe_early_ends_quietly(
    command: list[str], lexicon_file: Path, tmp_path: Path
) -> None:
    """`dvd translate --to it < big | head -c 100`: exit 0, no traceback, no BrokenPipeError;
    `dvd explain` likewise (its Rich console would otherwise exit 1 on its own)."""
    big = tmp_path / "big.txt"
    big.write_bytes(("Het 360-graden-klantbeeld en de koppeling zijn klaar.\n\n" * 60_000).encode())
    assert big.stat().st_size > 3_000_000
    with big.open("rb") as stdin:
        process = subprocess.Popen(
            [str(dvd_script()), *command, "--to", "it", "--no-builtin", "-l", str(lexicon_file)],
            stdin=stdin,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        assert process.stdout is not None
        assert process.stderr is not None
        head = process.stdout.read(100)
        process.stdout.close()
        stderr = process.stderr.read().decode(errors="replace")
        process.stderr.close()
        code = process.wait(timeout=120)
    if command == ["translate"]:
        expected = "De mid-office-oplossing op basis van XML en de interface zijn klaar.\n\n" * 2
        assert head == expected.encode()[:100]
    else:
        assert b"360-graden-klantbeeld" in head
    assert "Traceback" not in stderr
    assert "BrokenPipe" not in stderr
    assert "Exception ignored" not in stderr
    assert code == 0, stderr


def test_ctrl_c_ends_quietly_with_130(lexicon_file: Path) -> None:
    command = [
        str(dvd_script()),
        "translate",
        "--to",
        "it",
        "--no-builtin",
        "-l",
        str(lexicon_file),
    ]
    process = subprocess.Popen(
        command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    try:
        # Waiting for stdin that never ends, after start-up.
        time.sleep(2)
        os.kill(process.pid, signal.SIGINT)
        stdout, stderr = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()
    assert "Traceback" not in stderr.decode(errors="replace")
    assert "KeyboardInterrupt" not in stderr.decode(errors="replace")
    assert process.returncode == 130
    assert stdout == b""


def test_a_file_with_bad_bytes_late_gives_no_partial_output(
    lexicon_file: Path, tmp_path: Path
) -> None:
    note = tmp_path / "note.txt"
    data = b"De koppeling.\n\n" * 1000 + b"abc\xff\n"
    note.write_bytes(data)
    result = invoke(
        "translate", "--to", "it", "--no-builtin", "-l", str(lexicon_file), "-f", str(note), code=3
    )
    bad = data.index(b"\xff")
    assert f"byte {bad}" in result.stderr
    assert result.stdout_bytes == b""


def test_a_file_reports_its_first_problem_like_a_pipe(lexicon_file: Path, tmp_path: Path) -> None:
    """A NUL before a bad byte: the file is checked in blocks, but the NUL is named."""
    data = b"Het klantbeeld\0\n\nCaf\xe9\n"
    path = tmp_path / "bad.txt"
    path.write_bytes(data)
    from_file = translate(lexicon_file, "-f", str(path), code=3)
    from_pipe = translate(lexicon_file, input=data, code=3)
    nul = data.index(b"\0")
    assert f"NUL byte at offset {nul}" in from_file.stderr
    assert from_file.stderr == from_pipe.stderr
    assert from_file.stdout_bytes == b""


def test_a_nul_byte_is_reported_at_its_byte_offset(lexicon_file: Path) -> None:
    data = "Café koppeling.\n\nnog één\0".encode()
    result = invoke(
        "translate", "--to", "it", "--no-builtin", "-l", str(lexicon_file), input=data, code=3
    )
    nul = data.index(b"\0")
    assert f"offset {nul}" in result.stderr


def test_escape_sequences_in_a_lexicon_are_shown_not_obeyed(tmp_path: Path) -> None:
    """An OSC 52 sequence in a note would write the clipboard; ESC in a term moves the cursor."""
    path = tmp_path / "hostile.yaml"
    path.write_text(
        "dvd: 1\nlanguage: nl\naudiences: [sales, it]\nconcepts:\n"
        "  - id: klantbeeld\n    sales: klantbeeld\n    it: klantdatabase\n"
        '    note: "Kijk \\e]52;c;ZXZpbA==\\a uit \\e[2J"\n',
        encoding="utf-8",
    )
    for args in (
        ("lookup", "klantbeeld"),
        ("lexicon", "show", "klantbeeld"),
        ("explain", "--to", "it", "het klantbeeld"),
    ):
        result = invoke(*args, "--no-builtin", "-l", str(path))
        shown = result.stdout + result.stderr
        assert "\x1b" not in shown and "\x07" not in shown, args
        assert "\\x1b]52" in shown, args

"""Every check code has a fixture that raises it and one that passes (tests/data/checks)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dikkevandale import Lexicon, parse_lexicon
from dikkevandale.lexicon.checks import check, confusables
from dikkevandale.lexicon.layers import COMMAND_LINE, Layer
from dikkevandale.matching.index import compile_index
from dikkevandale.model import Code
from helpers import invoke, operations

FIXTURES = Path(__file__).parent / "data" / "checks"


def problems_of(path: Path) -> list[tuple[str, str]]:
    """A fixture file is one layer; a fixture folder holds one subfolder per layer, in order."""
    if path.is_dir():
        layers = [
            Layer(f"layer {folder.name}", tuple(sorted(folder.glob("*.yaml"))))
            for folder in sorted(path.iterdir())
        ]
    else:
        layers = [Layer(COMMAND_LINE, (path,))]
    return [(p.code, p.severity) for p in check(layers).problems]


@pytest.mark.parametrize("code", sorted(Code))
def test_each_code_has_a_failing_fixture(code: str) -> None:
    bad = FIXTURES / f"{code}-bad"
    found = problems_of(bad if bad.is_dir() else FIXTURES / f"{code}-bad.yaml")
    assert code in [c for c, _ in found], found


@pytest.mark.parametrize("code", sorted(Code))
def test_each_code_has_a_passing_fixture(code: str) -> None:
    assert problems_of(FIXTURES / f"{code}-good.yaml") == []


def test_confusable_terms_are_warnings_with_a_score() -> None:
    report = check([Layer(COMMAND_LINE, (FIXTURES / "DVD008-bad.yaml",))])
    (problem,) = report.problems
    assert problem.severity == "warning"
    assert "score 90" in problem.message
    assert (report.errors, report.warnings) == (0, 1)


def near_identical(concepts: int) -> Lexicon:
    """`concepts` concepts whose terms differ in their last three letters."""
    letters = "abcdefghijklmnopqrstuvwxyz"
    lines = ["dvd: 1", "language: nl", "audiences: [sales, it]", "concepts:"]
    for number in range(concepts):
        tail = "".join(letters[number // 26**power % 26] for power in (2, 1, 0))
        lines += [
            f"  - id: c{number}",
            f"    sales: {{term: klantbeeldrapportage{tail}, article: de}}",
            f"    it: {{term: klantdatabaseexport{tail}, article: de}}",
        ]
    return Lexicon(parse_lexicon("\n".join(lines) + "\n"), ("sales", "it"))


def test_near_identical_terms_are_one_warning_in_near_linear_time() -> None:
    """4,000 near-identical terms took 118 s and printed 3.1 million warnings: every pair in a
    bucket was compared. A bucket of more than 128 spellings now compares each with its 32
    neighbours on either side in sorted order, and the family is one warning."""
    small, large = compile_index(near_identical(400)), compile_index(near_identical(800))
    work = [
        operations(lambda index=index: list(confusables(index, 90))) for index in (small, large)
    ]
    assert work[1] / work[0] <= 2.5, work
    (problem,) = confusables(large, 90)
    assert "'klantbeeldrapportageaaa' (c0) and the terms of 799 other concepts" in problem.message
    assert "score 91-96 with one another" in problem.message


def test_a_few_near_identical_terms_are_still_reported_pair_by_pair() -> None:
    found = [problem.message for problem in confusables(compile_index(near_identical(3)), 90)]
    assert len(found) == 3
    assert found[0].startswith("'klantbeeldrapportageaaa' (c0) and 'klantbeeldrapportageaab'")


def test_a_file_reports_all_its_problems_not_only_the_first(tmp_path: Path) -> None:
    path = tmp_path / "many.yaml"
    path.write_text(
        "dvd: 1\nlanguage: nl\naudiences: [sales, it]\nconcepts:\n"
        "  - id: a\n    sales: {term: x, artikel: de}\n"
        "  - id: b\n    sales: {term: y, article: den}\n"
        "  - id: c\n    sales: {term: klantbeeld, article: het}\n"
        "    it: {term: crm-view, article: de}\n",
        encoding="utf-8",
    )
    report = check([Layer(COMMAND_LINE, (path,))])
    # A concept with problems is kept with its valid parts (a term without the refused article),
    # so the later checks see it too: here, that its preferred term has no article.
    assert [(p.code, p.severity, str(p.location)) for p in report.problems] == [
        ("DVD009", "warning", f"{path}:6:12"),
        ("DVD017", "warning", f"{path}:6:12"),  # "x" is a common word too
        ("DVD002", "error", f"{path}:6:22"),
        ("DVD009", "warning", f"{path}:8:12"),
        ("DVD017", "warning", f"{path}:8:12"),
        ("DVD009", "error", f"{path}:8:31"),
    ]
    assert report.concepts == 3


def test_a_concept_with_a_schema_error_still_takes_part_in_the_later_checks(
    tmp_path: Path,
) -> None:
    path = tmp_path / "both.yaml"
    path.write_text(
        "dvd: 1\nlanguage: nl\naudiences: [sales, it]\nconcepts:\n"
        "  - id: a\n    sales: {term: klantbeeld, article: het}\n"
        "    it: {term: klantdatabase, article: de}\n"
        "  - id: b\n    sales: {term: klant-beeld, article: het}\n"
        "    it: {term: golden record, article: het}\n"
        "    nota: Een plek.\n"
        "    examples:\n"
        "      - {text: Het klantbeeld is klaar., to: it, expect: Het golden record is klaar.}\n",
        encoding="utf-8",
    )
    report = check([Layer(COMMAND_LINE, (path,))])
    assert [(p.code, str(p.location)) for p in report.problems] == [
        ("DVD006", f"{path}:9:12"),  # klant-beeld also names a: ambiguous
        ("DVD002", f"{path}:11:5"),  # nota: unknown key
        ("DVD010", f"{path}:13:9"),  # the example of b runs, and fails
    ]
    assert "it also names concept 'a'" in report.problems[0].message


def lexicon_check(*args: str, code: int) -> tuple[str, str]:
    result = invoke("lexicon", "check", *args, code=code)
    return result.stdout, result.stderr


def test_cli_check_clean_exits_0_with_a_summary() -> None:
    stdout, stderr = lexicon_check(str(FIXTURES / "DVD010-good.yaml"), code=0)
    assert stdout == ""
    assert "1 file, 1 concept: no problems" in stderr


def test_cli_check_problems_exit_1_one_per_line() -> None:
    path = FIXTURES / "DVD010-bad.yaml"
    stdout, stderr = lexicon_check(str(path), code=1)
    assert stdout == (
        f"{path}:9:9: error DVD010 example of 'a' to it: expected 'Het klantdatabase is klaar.', "
        "got 'De klantdatabase is klaar.'\n"
    )
    assert "1 error, 0 warnings" in stderr


def test_cli_check_warnings_fail_only_when_strict() -> None:
    path = str(FIXTURES / "DVD008-bad.yaml")
    stdout, _ = lexicon_check(path, code=0)
    assert ": warning DVD008 " in stdout
    lexicon_check(path, "--strict", code=1)


def test_cli_check_unreadable_file_exits_3() -> None:
    stdout, _ = lexicon_check(str(FIXTURES / "DVD014-bad.yaml"), code=3)
    assert "error DVD014 not UTF-8" in stdout
    stdout, _ = lexicon_check(str(FIXTURES / "nope.yaml"), code=3)
    assert "DVD014 lexicon file not found" in stdout


def test_cli_check_json() -> None:
    path = FIXTURES / "DVD002-bad.yaml"
    stdout, _ = lexicon_check(str(path), "--format", "json", code=1)
    document = json.loads(stdout)
    assert document["errors"] == 1
    assert document["files"] == [str(path)]
    (problem,) = document["problems"]
    assert problem == {
        "path": str(path),
        "line": 8,
        "col": 5,
        "severity": "error",
        "code": "DVD002",
        "message": "unknown key 'nota' in a concept (did you mean 'note'?); allowed: id, note, "
        "examples, sales, it",
    }


def test_cli_check_of_the_lexicons_in_force_is_clean() -> None:
    _, stderr = lexicon_check(code=0)
    assert "no problems" in stderr


def test_cli_check_a_folder(tmp_path: Path) -> None:
    (tmp_path / "one.yaml").write_bytes((FIXTURES / "DVD010-good.yaml").read_bytes())
    (tmp_path / "two.yaml").write_bytes((FIXTURES / "DVD002-bad.yaml").read_bytes())
    stdout, stderr = lexicon_check(str(tmp_path), code=1)
    assert "two.yaml:8:5: error DVD002" in stdout
    assert "2 files" in stderr

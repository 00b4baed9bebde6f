"""`dvd check`: files and folders, formats, exit codes, --fix, standard input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dikkevandale.checker import Unreadable, check_bytes, check_paths
from dikkevandale.translator import Translator
from helpers import invoke

NOTE = "# Notulen\n\nHet 360-graden-klantbeeld is klaar.\nDe koppeling ook.\n"


@pytest.fixture
def project(tmp_path: Path, lexicon_file: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder with notes, a .gitignore'd build folder and a .dvd.toml naming the lexicon."""
    (tmp_path / ".git").mkdir()
    (tmp_path / ".gitignore").write_text("build/\n", encoding="utf-8")
    (tmp_path / ".dvd.toml").write_text(
        f'lexicons = ["{lexicon_file.parent.name}"]\nbuiltin = false\nto = "it"\n',
        encoding="utf-8",
    )
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.md").write_text(NOTE, encoding="utf-8")
    (docs / "clean.txt").write_text("Niets te zien.\n", encoding="utf-8")
    (docs / "script.py").write_text("# Het 360-graden-klantbeeld\n", encoding="utf-8")
    (tmp_path / "build").mkdir()
    (tmp_path / "build" / "out.md").write_text(NOTE, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_check_reports_path_line_col_concept_found_and_preferred(project: Path) -> None:
    result = invoke("check", code=1)
    assert result.stdout.splitlines() == [
        "docs/a.md:3:1: klantbeeld: Het 360-graden-klantbeeld → "
        "De mid-office-oplossing op basis van XML",
        "docs/a.md:4:4: koppeling: koppeling → interface",
    ]
    assert "2 files checked: 2 terms of other audiences than it in 1 file" in result.stderr


def test_check_of_a_clean_file_exits_0(project: Path) -> None:
    result = invoke("check", "docs/clean.txt")
    assert result.stdout == ""
    assert "1 file checked: no terms" in result.stderr


def test_a_named_file_is_checked_whatever_its_suffix(project: Path) -> None:
    result = invoke("check", "docs/script.py", code=1)
    assert result.stdout.startswith("docs/script.py:1:3: klantbeeld:")


def test_check_json_has_one_object_per_file(project: Path) -> None:
    records = json.loads(invoke("check", "--format", "json", "docs", code=1).stdout)
    assert [r["path"] for r in records] == ["docs/a.md", "docs/clean.txt"]
    assert [(i["line"], i["col"]) for i in records[0]["issues"]] == [(3, 1), (4, 4)]


def test_check_github_writes_annotations(project: Path) -> None:
    out = invoke("check", "--format", "github", "docs/a.md", code=1).stdout
    assert out.startswith("::warning file=docs/a.md,line=3,col=1,")


def test_check_sarif_is_one_log(project: Path) -> None:
    log = json.loads(invoke("check", "--format", "sarif", code=1).stdout)
    assert log["version"] == "2.1.0"
    assert len(log["runs"][0]["results"]) == 2


def test_a_misspelt_format_is_told_what_it_may_be(project: Path) -> None:
    result = invoke("check", "--format", "jsn", code=2)
    assert "did you mean 'json'?" in result.stderr
    assert "Value error" not in result.stderr


def test_an_audience_in_capitals_is_the_audience(project: Path) -> None:
    invoke("check", "--to", "IT", "docs/a.md", code=1)
    assert "did you mean 'it'?" in invoke("check", "--to", "ti", code=2).stderr


def test_standard_input_is_read_with_a_dash(project: Path) -> None:
    result = invoke("check", "-", input="Het 360-graden-klantbeeld.\n", code=1)
    assert result.stdout.startswith("-:1:1: klantbeeld:")


def test_a_missing_path_is_bad_data_and_an_unreadable_file_does_not_stop_the_rest(
    project: Path,
) -> None:
    assert "nope: no such file or folder" in invoke("check", "nope", code=3).stderr
    (project / "docs" / "bad.md").write_bytes(b"\xff\xfe\x00binary")
    result = invoke("check", "docs", code=3)
    assert "docs/a.md:3:1" in result.stdout
    assert "error: docs/bad.md:" in result.stderr


def test_fix_rewrites_in_place_like_translate_in_place(project: Path) -> None:
    result = invoke("check", "--fix", "docs")
    assert result.stdout == ""
    assert "2 terms rewritten for it in 1 file" in result.stderr
    fixed = (project / "docs" / "a.md").read_text(encoding="utf-8")
    assert "De mid-office-oplossing op basis van XML is klaar.\nDe interface ook." in fixed
    assert (project / "build" / "out.md").read_text(encoding="utf-8") == NOTE  # ignored
    invoke("check", "docs")


def test_fix_with_standard_input_is_refused(project: Path) -> None:
    invoke("check", "--fix", "-", code=2)


def test_quiet_keeps_the_summary_off_stderr(project: Path) -> None:
    assert invoke("check", "--quiet", code=1).stderr == ""


def test_include_and_exclude_come_from_dvd_toml(project: Path) -> None:
    config = project / ".dvd.toml"
    config.write_text(
        config.read_text(encoding="utf-8")
        + 'include = ["*.py", "*.md"]\nexclude = ["docs/a.md"]\n',
        encoding="utf-8",
    )
    result = invoke("check", code=1)
    assert result.stdout.startswith("docs/script.py:1:3:")
    assert "docs/a.md" not in result.stdout


def test_a_bad_include_setting_is_located(project: Path) -> None:
    config = project / ".dvd.toml"
    config.write_text(config.read_text(encoding="utf-8") + 'include = "*.md"\n', encoding="utf-8")
    result = invoke("check", code=3)
    assert ".dvd.toml:4:1: include must be a list of file patterns" in result.stderr


def test_translate_warns_when_text_names_a_file(project: Path) -> None:
    result = invoke("translate", "docs/a.md")
    assert result.stdout == "docs/a.md\n"
    assert "did you mean -f docs/a.md?" in result.stderr


def test_the_library_checks_paths_and_bytes(project: Path) -> None:
    translator = Translator.from_config(project)
    reports = list(check_paths(translator, ["docs"]))
    assert [getattr(r, "path", None) for r in reports] == ["docs/a.md", "docs/clean.txt"]
    assert not any(isinstance(r, Unreadable) for r in reports)
    report = check_bytes(translator, b"De koppeling.\n")
    assert [(i.line, i.col, i.found, i.preferred) for i in report.issues] == [
        (1, 4, "koppeling", "interface")
    ]

"""`dvd init` and `dvd lexicon add -f NEW.yaml`: a lexicon repository that works from the start."""

from __future__ import annotations

import shlex
import subprocess
from pathlib import Path

import pytest
import yaml

from dikkevandale.edit.scaffold import scaffold_files, write_scaffold
from helpers import invoke

FILES = [
    "lexicons/nl/terms.yaml",
    "lexicons/dvd-lexicon.schema.json",
    ".dvd.toml",
    ".pre-commit-config.yaml",
    ".github/workflows/dvd.yml",
]


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_init_writes_a_repository_that_checks_clean(folder: Path) -> None:
    result = invoke("init")
    assert result.stdout.splitlines() == FILES
    for name in FILES:
        assert (folder / name).is_file()
    lexicon = (folder / "lexicons/nl/terms.yaml").read_text(encoding="utf-8")
    first = lexicon.splitlines()[0]
    assert first == "# yaml-language-server: $schema=../dvd-lexicon.schema.json"
    # The schema comment resolves in this layout.
    assert (folder / "lexicons/nl" / first.split("=", 1)[1]).resolve().is_file()
    check = invoke("lexicon", "check", "--strict")
    assert "no problems" in check.stderr
    assert "to it" in invoke("lexicon", "show", "project.offertetool").stdout


@pytest.mark.parametrize("language", ["en", "pl"])
def test_the_starter_passes_its_own_example_in_every_language_it_has(
    folder: Path, language: str
) -> None:
    invoke("init", "--language", language, "--quiet")
    invoke("lexicon", "check", "--strict")


def test_init_refuses_to_overwrite_and_writes_nothing(folder: Path) -> None:
    (folder / ".dvd.toml").write_text('to = "sales"\n', encoding="utf-8")
    result = invoke("init", code=1)
    assert ".dvd.toml already exists; nothing written" in result.stderr
    assert not (folder / "lexicons").exists()
    assert (folder / ".dvd.toml").read_text(encoding="utf-8") == 'to = "sales"\n'


def test_init_checks_its_options(folder: Path) -> None:
    assert "did" not in invoke("init", "--audiences", "sales", code=2).stderr
    invoke("init", "--language", "Dutch", code=2)
    invoke("init", "--to", "ops", code=2)
    assert not (folder / ".dvd.toml").exists()


def test_a_failure_half_way_leaves_nothing_behind(tmp_path: Path) -> None:
    files = scaffold_files("nl", ("sales", "it"), "it")
    (tmp_path / ".github").write_text("a file where a folder must go", encoding="utf-8")
    with pytest.raises(OSError):
        write_scaffold(tmp_path, files)
    assert sorted(p.name for p in tmp_path.iterdir()) == [".github"]


def test_the_pre_commit_hook_is_local_and_runs_the_installed_dvd(folder: Path) -> None:
    invoke("init", "--quiet")
    config = yaml.safe_load((folder / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    [repo] = config["repos"]
    assert repo["repo"] == "local"  # nothing to fetch, no tag that must exist
    [hook] = repo["hooks"]
    assert hook["language"] == "system"
    assert hook["pass_filenames"] is False
    command = shlex.split(hook["entry"])
    assert command[0] == "dvd"
    # What pre-commit would run, run here with the dvd of this environment.
    done = subprocess.run(command, cwd=folder, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr


def test_the_workflow_checks_lexicons_and_annotates_text(folder: Path) -> None:
    invoke("init", "--quiet")
    workflow = yaml.safe_load((folder / ".github/workflows/dvd.yml").read_text(encoding="utf-8"))
    runs = [step.get("run", "") for step in workflow["jobs"]["lexicons"]["steps"]]
    assert "dvd lexicon check --strict" in runs
    assert "dvd check --format github ." in runs


def test_add_creates_a_new_file_with_the_right_header(folder: Path) -> None:
    invoke("init", "--quiet")
    invoke(
        "lexicon",
        "add",
        "-f",
        "lexicons/nl/extra.yaml",
        "--id",
        "offerteformulier",
        "--sales",
        "offerteformulier",
        "--it",
        "quote-form",
        "--article",
        "de",
    )
    text = (folder / "lexicons/nl/extra.yaml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../dvd-lexicon.schema.json\n")
    assert "language: nl\naudiences: [sales, it]\nconcepts:\n  - id: offerteformulier\n" in text
    invoke("lexicon", "check", "--strict")


def test_add_to_a_new_file_needs_its_language_outside_the_layout(folder: Path) -> None:
    result = invoke("lexicon", "add", "-f", "new.yaml", "--id", "x", "--sales", "a", code=2)
    assert "give its --language" in result.stderr
    assert not (folder / "new.yaml").exists()
    invoke(
        "lexicon",
        "add",
        "-f",
        "new.yaml",
        "--language",
        "en",
        "--id",
        "x",
        "--sales",
        "quote builder",
        "--it",
        "quote engine",
        "--no-builtin",
    )
    assert "language: en\n" in (folder / "new.yaml").read_text(encoding="utf-8")


def test_a_refused_add_to_a_new_file_leaves_no_file(folder: Path) -> None:
    invoke("init", "--quiet")
    invoke("lexicon", "add", "-f", "lexicons/nl/x.yaml", "--id", "BAD ID", "--sales", "a", code=2)
    assert not (folder / "lexicons/nl/x.yaml").exists()


def test_interactive_add_warns_about_shadowing_before_asking(folder: Path) -> None:
    invoke("init", "--quiet")
    answers = "klantbeeld\nklantoverzicht\nhet\n\nklantregister\nhet\n\n\nn\n"
    result = invoke("lexicon", "add", "-i", "-f", "lexicons/nl/terms.yaml", input=answers)
    warning = result.stderr.index("warning: 'klantbeeld' is defined in")
    assert warning < result.stderr.index("sales term")
    assert warning < result.stderr.index("Write this to")
    assert "nothing written" in result.stderr

"""Layers in force: built-in → project (lexicons/ or .dvd.toml) → DVD_LEXICON_PATH → --lexicon."""

from __future__ import annotations

from pathlib import Path

import pytest

from dikkevandale.lexicon.config import read_config
from dikkevandale.lexicon.layers import (
    BUILTIN,
    COMMAND_LINE,
    ENVIRONMENT,
    PROJECT,
    builtin_dir,
    find_layers,
    load_layers,
)
from dikkevandale.model import LexiconError
from helpers import invoke

HEAD = "dvd: 1\nlanguage: nl\naudiences: [sales, it]\nconcepts:\n"


def lexicon(path: Path, it_term: str, concept: str = "klantbeeld") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        HEAD + f"  - id: {concept}\n    sales: {{term: klantbeeld, article: het}}\n"
        f"    it: {{term: {it_term}, article: de}}\n",
        encoding="utf-8",
    )
    return path


def names(layers: list[object]) -> list[str]:
    return [layer.name for layer in layers]  # type: ignore[attr-defined]


def test_a_lexicons_folder_up_the_tree_is_the_project_layer(tmp_path: Path) -> None:
    project = lexicon(tmp_path / "lexicons" / "crm.yaml", "klantdatabase")
    deeper = tmp_path / "notes" / "2026"
    deeper.mkdir(parents=True)
    layers = find_layers(start=deeper, environ={})
    assert names(layers) == [BUILTIN, PROJECT]
    assert layers[1].files == (project,)
    assert layers[0].files[0].is_relative_to(builtin_dir().resolve())


def test_all_layers_in_order_and_later_ones_win(tmp_path: Path) -> None:
    lexicon(tmp_path / "lexicons" / "a.yaml", "projectterm")
    env = lexicon(tmp_path / "env" / "b.yaml", "envterm")
    cli = lexicon(tmp_path / "cli.yaml", "cliterm")
    layers = find_layers([cli], start=tmp_path, environ={"DVD_LEXICON_PATH": str(env.parent)})
    assert names(layers) == [BUILTIN, PROJECT, ENVIRONMENT, COMMAND_LINE]
    assert load_layers(layers).concept("klantbeeld").preferred("it").text == "cliterm"  # type: ignore[union-attr]
    layers = find_layers(start=tmp_path, environ={"DVD_LEXICON_PATH": str(env)})
    assert load_layers(layers).concept("klantbeeld").preferred("it").text == "envterm"  # type: ignore[union-attr]


def test_dvd_toml_names_lexicons_and_sets_defaults(tmp_path: Path) -> None:
    terms = lexicon(tmp_path / "terms" / "crm.yaml", "klantdatabase")
    (tmp_path / ".dvd.toml").write_text(
        'lexicons = ["terms"]\nto = "it"\nthreshold = 95\nbuiltin = false\n', encoding="utf-8"
    )
    layers = find_layers(start=tmp_path, environ={})
    assert names(layers) == [PROJECT]
    assert layers[0].files == (terms,)
    config = read_config(tmp_path / ".dvd.toml")
    assert (config.to, config.threshold, config.builtin) == ("it", 95.0, False)


@pytest.mark.parametrize(
    ("toml", "expected"),
    [
        (
            "to = 'it'\nthreshhold = 90\n",
            ".dvd.toml:2:1: unknown setting 'threshhold' (did you mean 'threshold'?)",
        ),
        ("threshold = 120\n", ".dvd.toml:1:1: threshold must be a number from 50 to 100"),
        ("builtin = 'no'\n", ".dvd.toml:1:1: builtin must be true or false"),
        ("lexicons = 'terms'\n", ".dvd.toml:1:1: lexicons must be a list of paths"),
        ("to = \n", ".dvd.toml:1:6: invalid TOML"),
    ],
)
def test_bad_config_is_located(tmp_path: Path, toml: str, expected: str) -> None:
    path = tmp_path / ".dvd.toml"
    path.write_text(toml, encoding="utf-8")
    with pytest.raises(LexiconError) as caught:
        read_config(path)
    assert str(caught.value).startswith(f"{tmp_path}/{expected}")


def test_the_cli_uses_the_project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    lexicon(tmp_path / "terms" / "crm.yaml", "klantdatabase")
    (tmp_path / ".dvd.toml").write_text(
        'lexicons = ["terms"]\nto = "it"\nbuiltin = false\n', encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    assert invoke("translate", input="Het klantbeeld.\n").stdout == "De klantdatabase.\n"
    listing = invoke("lexicon", "list").stdout
    assert listing.startswith(
        f"project\t{tmp_path / 'terms' / 'crm.yaml'}\tnl\tsales,it\t1 concepts\n"
    )


def test_a_bad_config_is_bad_data_for_the_cli(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / ".dvd.toml").write_text("threshold = 'high'\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = invoke("translate", "--to", "it", input="x", code=3)
    assert ".dvd.toml:1:1: threshold must be a number" in result.stderr
    assert result.stdout == ""


def test_lexicon_list_shows_overrides(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    override = lexicon(tmp_path / "mine.yaml", "klantdatabase", concept="klantbeeld")
    listing = invoke("lexicon", "list", "-l", str(override)).stdout
    assert f"\toverridden: klantbeeld by {override}\n" in listing
    assert listing.splitlines()[-1] == f"command line\t{override}\tnl\tsales,it\t1 concepts"

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
        ("context = 0\n", ".dvd.toml:1:1: context must be true or false"),
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
        f"project\t{tmp_path / 'terms' / 'crm.yaml'}\tnl\tsales,it\t1 concept\n"
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
    assert listing.splitlines()[-1] == f"command line\t{override}\tnl\tsales,it\t1 concept"


# --- Discovery that cannot be planted ------------------------------------------------------


def test_discovery_stops_at_the_repository_root(tmp_path: Path) -> None:
    """A lexicon planted in a shared folder above a git repository is never found from it."""
    lexicon(tmp_path / "lexicons" / "evil.yaml", "rekeningnummer NL00EVIL")
    (tmp_path / ".dvd.toml").write_text("builtin = false\n", encoding="utf-8")
    repository = tmp_path / "work" / "repo"
    (repository / ".git").mkdir(parents=True)
    inner = repository / "notes"
    inner.mkdir()
    assert names(find_layers(start=inner, environ={})) == [BUILTIN]


def test_discovery_stops_at_the_home_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    lexicon(tmp_path / "lexicons" / "evil.yaml", "rekeningnummer NL00EVIL")
    home = tmp_path / "home" / "user"
    (home / "notes").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    assert names(find_layers(start=home / "notes", environ={})) == [BUILTIN]


@pytest.mark.parametrize("planted", [".dvd.toml", "lexicons"])
def test_a_project_file_others_may_write_is_ignored_with_a_warning(
    tmp_path: Path, planted: str
) -> None:
    if planted == ".dvd.toml":
        lexicon(tmp_path / "terms" / "evil.yaml", "rekeningnummer NL00EVIL")
        (tmp_path / ".dvd.toml").write_text('lexicons = ["terms"]\n', encoding="utf-8")
        (tmp_path / ".dvd.toml").chmod(0o666)
    else:
        lexicon(tmp_path / "lexicons" / "evil.yaml", "rekeningnummer NL00EVIL").chmod(0o666)
    warnings: list[str] = []
    layers = find_layers(start=tmp_path, environ={}, warn=warnings.append)
    assert names(layers) == [BUILTIN]
    assert len(warnings) == 1
    assert "may be changed by others" in warnings[0]


def test_a_project_file_of_another_user_is_ignored(tmp_path: Path) -> None:
    import os

    if not hasattr(os, "getuid") or os.getuid() != 0:
        pytest.skip("giving a file to another user needs root")
    path = lexicon(tmp_path / "lexicons" / "evil.yaml", "rekeningnummer NL00EVIL")
    os.chown(path.parent, 65534, 65534)
    warnings: list[str] = []
    assert names(find_layers(start=tmp_path, environ={}, warn=warnings.append)) == [BUILTIN]
    assert "owned by another user" in warnings[0]


def test_the_cli_warns_about_an_ignored_project_file_and_translates_without_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    lexicon(tmp_path / "lexicons" / "evil.yaml", "rekeningnummer NL00EVIL").chmod(0o666)
    monkeypatch.chdir(tmp_path)
    result = invoke("translate", "--to", "it", "Het klantbeeld is af.")
    assert "NL00EVIL" not in result.stdout
    assert "ignoring" in result.stderr and "evil.yaml" in result.stderr


def test_the_project_lexicons_are_named_when_they_decide_a_rewrite(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from dikkevandale import Translator
    from dikkevandale.cli.common import set_quiet
    from dikkevandale.cli.output import project_note

    lexicon(tmp_path / "lexicons" / "crm.yaml", "klantdatabase")
    translator = Translator.from_config(tmp_path, to="it", environ={})
    rewritten = {r.match.concept for r in translator.translate("Het klantbeeld.").rewrites}
    project_note(translator, rewritten)
    assert "come from the project lexicons in" in capsys.readouterr().err
    project_note(translator, set())
    assert capsys.readouterr().err == ""
    set_quiet(True)
    try:
        project_note(translator, rewritten)
        assert capsys.readouterr().err == ""
    finally:
        set_quiet(False)


# --- Later layers override term by term ----------------------------------------------------

SHIPPED = HEAD + (
    "  - id: pijplijn\n    sales:\n      - {term: verkooptrechter, article: de}\n"
    "      - {term: pijplijn, article: de}\n    it: {term: opportunity-overzicht, article: het}\n"
)
PROJECT_TERMS = HEAD + (
    "  - id: salesfunnel\n    sales: {term: verkooptrechter, article: de}\n"
    "    it: {term: funnelrapport, article: het}\n"
)


def test_a_later_layer_takes_a_term_over_and_the_earlier_concept_keeps_the_rest(
    tmp_path: Path,
) -> None:
    from dikkevandale.lexicon.layers import Layer, merge_checked
    from dikkevandale.lexicon.loader import read_lexicon_file

    first = tmp_path / "a.yaml"
    first.write_text(SHIPPED, encoding="utf-8")
    second = tmp_path / "b.yaml"
    second.write_text(PROJECT_TERMS, encoding="utf-8")
    layers = [Layer(BUILTIN, (first,)), Layer(PROJECT, (second,))]
    parsed = [[(str(p), read_lexicon_file(p)) for p in layer.files] for layer in layers]
    lexicon_, problems = merge_checked(parsed)
    assert [(p.code, p.severity) for p in problems] == [("DVD016", "warning")]
    assert str(first) in problems[0].message and str(second) in str(problems[0])
    pipeline = next(c for c in lexicon_.concepts if c.id == "pijplijn")
    assert [t.text for t in pipeline.terms["sales"]] == ["pijplijn"]
    loaded = load_layers(layers)
    assert {c.id for c in loaded.concepts} == {"pijplijn", "salesfunnel"}


def test_the_cli_translates_with_a_user_lexicon_that_reuses_a_builtin_term(tmp_path: Path) -> None:
    """A user extends the built-in lexicons without editing them (it used to exit 3)."""
    path = tmp_path / "mine.yaml"
    path.write_text(
        HEAD + "  - id: mijn-klantbeeld\n    sales: {term: 360-graden-klantbeeld, article: het}\n"
        "    it: {term: klantkaart, article: de}\n",
        encoding="utf-8",
    )
    result = invoke("translate", "--to", "it", "-l", str(path), "Het 360-graden-klantbeeld.")
    assert result.stdout == "De klantkaart.\n"


def test_a_conflict_inside_one_layer_stays_an_error(tmp_path: Path) -> None:
    path = tmp_path / "both.yaml"
    path.write_text(SHIPPED + PROJECT_TERMS.removeprefix(HEAD), encoding="utf-8")
    with pytest.raises(LexiconError, match="ambiguous term 'verkooptrechter'"):
        load_layers([_layer(path)])


def _layer(path: Path) -> object:
    from dikkevandale.lexicon.layers import Layer

    return Layer(COMMAND_LINE, (path,))


def test_lexicon_list_shows_a_taken_over_term(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = tmp_path / "lexicons" / "a.yaml"
    first.parent.mkdir()
    first.write_text(SHIPPED, encoding="utf-8")
    second = tmp_path / "b.yaml"
    second.write_text(PROJECT_TERMS, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    listed = invoke("lexicon", "list", "--no-builtin", "-l", str(second))
    lines = listed.stdout.splitlines()
    at = lines.index(
        next(line for line in lines if line.endswith("1 concept") and "a.yaml" in line)
    )
    assert lines[at + 1].startswith("\ttaken over: term 'verkooptrechter'")

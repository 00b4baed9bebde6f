"""io.paths: which files `dvd check` reads in folders (include, exclude, .gitignore)."""

from __future__ import annotations

from pathlib import Path

import pytest

from dikkevandale.io.paths import find_files


def _tree(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def _names(root: Path, found: list[Path]) -> list[str]:
    return [p.relative_to(root).as_posix() for p in found]


def test_folders_are_walked_for_included_names_in_a_stable_order(tmp_path: Path) -> None:
    _tree(tmp_path, {"b.md": "", "a.txt": "", "c.py": "", "sub/d.markdown": "", "sub/e.eml": ""})
    found = list(find_files([tmp_path], include=("*.md", "*.markdown", "*.txt", "*.eml")))
    assert _names(tmp_path, found) == ["a.txt", "b.md", "sub/d.markdown", "sub/e.eml"]


def test_a_named_file_is_read_whatever_its_name(tmp_path: Path) -> None:
    _tree(tmp_path, {"notes.rst": ""})
    assert list(find_files([tmp_path / "notes.rst"], include=("*.md",))) == [tmp_path / "notes.rst"]


def test_gitignore_is_respected_from_the_repository_root_down(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    _tree(
        tmp_path,
        {
            ".gitignore": "build/\n*.log.md\n",
            "docs/.gitignore": "draft-*.md\n!draft-keep.md\n",
            "docs/a.md": "",
            "docs/draft-1.md": "",
            "docs/draft-keep.md": "",
            "docs/x.log.md": "",
            "build/out.md": "",
        },
    )
    found = find_files([tmp_path / "docs"], include=("*.md",))
    assert _names(tmp_path, list(found)) == ["docs/a.md", "docs/draft-keep.md"]
    everything = find_files([tmp_path], include=("*.md",), gitignore=False)
    assert "build/out.md" in _names(tmp_path, list(everything))


def test_hidden_folders_are_skipped(tmp_path: Path) -> None:
    _tree(tmp_path, {".venv/lib/readme.md": "", ".git/notes.md": "", "a.md": ""})
    assert _names(tmp_path, list(find_files([tmp_path], include=("*.md",)))) == ["a.md"]


def test_exclude_patterns_are_relative_to_their_base(tmp_path: Path) -> None:
    _tree(tmp_path, {"CHANGELOG.md": "", "vendor/x.md": "", "docs/a.md": ""})
    found = find_files(
        [tmp_path], include=("*.md",), exclude=("CHANGELOG.md", "vendor/"), exclude_base=tmp_path
    )
    assert _names(tmp_path, list(found)) == ["docs/a.md"]


def test_a_file_named_twice_is_read_once(tmp_path: Path) -> None:
    _tree(tmp_path, {"a.md": ""})
    found = list(find_files([tmp_path / "a.md", tmp_path, tmp_path / "a.md"], include=("*.md",)))
    assert found == [tmp_path / "a.md"]


def test_a_missing_path_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        list(find_files([tmp_path / "nope"], include=("*.md",)))

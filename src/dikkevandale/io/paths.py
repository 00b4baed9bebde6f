"""Which files `dvd check PATH...` reads: named files, and the text files below named folders.

Linters taught users what to expect (`ruff check .`, `vale docs/`): a file named on the
command line is always read, whatever its name; a folder is walked recursively for the files
whose names match `include` (`*.md`, ...), skipping what git ignores (every `.gitignore` from
the repository's root down, with git's own rules: the deepest file decides, `!` re-includes),
what the project's `exclude` patterns name, and hidden folders such as `.git` and `.venv`.
The order is stable (sorted per folder), so reports and CI logs do not reorder between runs.

>>> import tempfile, pathlib
>>> root = pathlib.Path(tempfile.mkdtemp())
>>> for name in ("a.md", "b.py", "build/c.md", ".gitignore"):
...     (root / name).parent.mkdir(parents=True, exist_ok=True)
...     _ = (root / name).write_text("build/\\n" if name == ".gitignore" else "x")
>>> [p.name for p in find_files([root], include=("*.md",))]
['a.md']
"""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import pathspec

GITIGNORE = ".gitignore"


@dataclass(frozen=True, slots=True)
class _Rules:
    """The gitignore-style patterns of one folder (a `.gitignore`, or the project's excludes)."""

    base: Path
    spec: pathspec.GitIgnoreSpec

    def verdict(self, path: Path, folder: bool) -> bool | None:
        """True: ignored, False: re-included by a `!` pattern, None: these rules do not say."""
        try:
            relative = path.relative_to(self.base).as_posix()
        except ValueError:
            return None
        result = self.spec.check_file(relative + ("/" if folder else ""))
        return result.include


def _rules(base: Path, lines: Iterable[str]) -> _Rules | None:
    spec = pathspec.GitIgnoreSpec.from_lines(lines)
    return _Rules(base, spec) if spec.patterns else None


def _read_gitignore(folder: Path) -> _Rules | None:
    try:
        text = (folder / GITIGNORE).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    return _rules(folder, text.splitlines())


def _repository_root(folder: Path) -> Path | None:
    for candidate in (folder, *folder.parents):
        if (candidate / ".git").exists():
            return candidate
    return None


def _ignored(path: Path, folder: bool, rules: Sequence[_Rules]) -> bool:
    decided = False
    for found in rules:  # outermost first: a deeper file overrides, as in git
        verdict = found.verdict(path, folder)
        if verdict is not None:
            decided = verdict
    return decided


def find_files(
    paths: Sequence[Path],
    *,
    include: Sequence[str],
    exclude: Sequence[str] = (),
    exclude_base: Path | None = None,
    gitignore: bool = True,
) -> Iterator[Path]:
    """The files to read for `paths`: each named file, and the matching files below folders.

    `include` holds file-name patterns (`*.md`) for the files found in folders; `exclude`
    holds gitignore-style patterns relative to `exclude_base` (the `.dvd.toml`'s folder) and
    applies to found files only. A path that does not exist raises FileNotFoundError. A file
    is yielded once even when named twice or found through two folders.
    """
    for path in paths:
        if not path.exists() and not path.is_symlink():
            raise FileNotFoundError(path)
    excluded = _rules((exclude_base or Path.cwd()).absolute(), exclude) if exclude else None
    seen: set[str] = set()
    for path in paths:
        if not path.is_dir():
            key = os.path.realpath(path)
            if key not in seen:
                seen.add(key)
                yield path
            continue
        for found in _walk(path, include, excluded, gitignore):
            key = os.path.realpath(found)
            if key not in seen:
                seen.add(key)
                yield found


def _walk(
    top: Path, include: Sequence[str], excluded: _Rules | None, gitignore: bool
) -> Iterator[Path]:
    start = top.absolute()
    inherited: list[_Rules] = []
    if gitignore:
        root = _repository_root(start)
        if root is not None:
            # The .gitignore files of the folders between the repository's root and `top`.
            for folder in reversed([start, *start.parents]):
                if folder == start or not folder.is_relative_to(root):
                    continue
                found = _read_gitignore(folder)
                if found is not None:
                    inherited.append(found)
    yield from _walk_folder(top, start, inherited, include, excluded, gitignore)


def _walk_folder(
    shown: Path,
    folder: Path,
    rules: list[_Rules],
    include: Sequence[str],
    excluded: _Rules | None,
    gitignore: bool,
) -> Iterator[Path]:
    here = list(rules)
    if gitignore:
        own = _read_gitignore(folder)
        if own is not None:
            here.append(own)
    here_and_project = [*here, excluded] if excluded is not None else here
    try:
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except OSError:
        return
    for entry in entries:
        path = folder / entry.name
        is_folder = entry.is_dir()
        if _ignored(path, is_folder, here_and_project):
            continue
        if is_folder:
            if entry.name.startswith(".") or entry.is_symlink():
                continue  # .git, .venv, .tox...; a linked folder could loop
            yield from _walk_folder(shown / entry.name, path, here, include, excluded, gitignore)
        elif entry.is_file() and any(fnmatch.fnmatch(entry.name, p) for p in include):
            yield shown / entry.name

"""Project settings: a `.dvd.toml` found by walking up from the current folder.

A project lead's lexicon repository says, once, which lexicons are in force and what the
defaults are, so that everyone in the project runs the same dictionary:

```toml
lexicons = ["lexicons", "../shared/crm-terms.yaml"]   # relative to this file
to = "it"              # default --to
threshold = 92         # default --threshold
builtin = false        # leave out the lexicons shipped with dvd
context = false        # all our text is CRM text: rewrite everyday terms without evidence
include = ["*.md", "*.txt"]      # what `dvd check FOLDER` reads (default: DEFAULT_INCLUDE)
exclude = ["CHANGELOG.md", "vendor/"]   # gitignore-style, relative to this file
```
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

from dikkevandale.model import Code, LexiconError, Location, did_you_mean

CONFIG_NAME = ".dvd.toml"
_KEYS = ("lexicons", "to", "threshold", "builtin", "fuzzy", "context", "include", "exclude")
DEFAULT_INCLUDE = ("*.md", "*.markdown", "*.txt", "*.eml", "*.html")
"""The files `dvd check` reads in a folder when `.dvd.toml` names no `include`."""


class Config(NamedTuple):
    """Settings of one project; `None` means "not set here"."""

    path: Path | None = None
    lexicons: tuple[Path, ...] = ()
    to: str | None = None
    threshold: float | None = None
    builtin: bool = True
    fuzzy: bool = True
    context: bool = True
    """False: every text of this project is about the domain (`--no-context` by default)."""
    include: tuple[str, ...] = DEFAULT_INCLUDE
    """File-name patterns (`*.md`) of the files `dvd check` reads in a folder."""
    exclude: tuple[str, ...] = ()
    """Gitignore-style patterns, relative to the config's folder, that `dvd check` skips."""


def find_project(
    start: Path, warn: Callable[[str], None] | None = None
) -> tuple[Path | None, Path | None]:
    """The nearest `.dvd.toml`, or `lexicons/` folder holding lexicons, at or above `start`.

    The search stops at the first folder that holds `.git` (a project does not reach above
    its repository, as git itself does not) and at the user's home folder, so a file planted
    in a shared parent folder (the system's temporary folder, say) is never found from a
    project. A `.dvd.toml` or `lexicons/` that another user owns, or that others may write
    to, is ignored with a warning: it could change every translation without anyone seeing.
    """
    home = _home()
    for folder in (start, *start.parents):
        config = folder / CONFIG_NAME
        if config.is_file():
            if _trusted(config, warn):
                return config, None
        else:
            lexicons = folder / "lexicons"
            if lexicons.is_dir() and any(lexicons.rglob("*.yaml")) and _trusted(lexicons, warn):
                return None, lexicons
        if (folder / ".git").exists() or folder == home:
            break
    return None, None


def _home() -> Path | None:
    try:
        return Path.home().resolve()
    except (OSError, RuntimeError):
        return None


def _trusted(path: Path, warn: Callable[[str], None] | None) -> bool:
    """Whether only the user (or root) could have put `path`, and what is in it, there."""
    if not hasattr(os, "getuid"):  # pragma: no cover - Windows has no such modes
        return True
    me = os.getuid()
    checked = [path, *(path.rglob("*.yaml") if path.is_dir() else ())]
    for item in checked:
        try:
            status = item.stat()
        except OSError:
            continue
        owner_ok = status.st_uid in (me, 0)
        if not owner_ok or status.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
            if warn is not None:
                why = "is owned by another user" if not owner_ok else "may be changed by others"
                warn(f"ignoring {item}: it {why}, so it could be planted; fix its owner or mode")
            return False
    return True


def _line_of(source: str, key: str) -> int:
    found = re.search(rf"^\s*{re.escape(key)}\s*=", source, re.MULTILINE)
    return source[: found.start()].count("\n") + 1 if found else 1


def read_config(path: Path) -> Config:
    """Parse a `.dvd.toml`; every problem is a LexiconError at `path:line`."""
    import tomllib  # only projects that have a .dvd.toml pay for it

    try:
        source = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise LexiconError(Location(str(path)), f"cannot read: {error}", Code.UNREADABLE) from None
    try:
        data = tomllib.loads(source)
    except tomllib.TOMLDecodeError as error:
        place = re.search(r"\(at line (\d+), column (\d+)\)", str(error))
        line, col = (int(place.group(1)), int(place.group(2))) if place else (0, 0)
        message = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(error))
        location = Location(str(path), line, col)
        raise LexiconError(location, f"invalid TOML: {message}", Code.SYNTAX) from None

    def fail(key: str, message: str, code: Code = Code.VALUE) -> LexiconError:
        return LexiconError(Location(str(path), _line_of(source, key), 1), message, code)

    for key in data:
        if key not in _KEYS:
            hint = did_you_mean(key, _KEYS)
            raise fail(
                key, f"unknown setting '{key}'{hint}; known: {', '.join(_KEYS)}", Code.UNKNOWN_KEY
            )
    lexicons = data.get("lexicons", [])
    if not isinstance(lexicons, list) or not all(isinstance(p, str) for p in lexicons):
        raise fail("lexicons", 'lexicons must be a list of paths, e.g. ["lexicons"]')
    to = data.get("to")
    if to is not None and not isinstance(to, str):
        raise fail("to", 'to must be an audience name, e.g. "it"')
    threshold = data.get("threshold")
    if threshold is not None and (
        isinstance(threshold, bool)
        or not isinstance(threshold, int | float)
        or not 50 <= threshold <= 100
    ):
        raise fail("threshold", "threshold must be a number from 50 to 100")
    patterns = {}
    for key, example in (("include", '["*.md", "*.txt"]'), ("exclude", '["CHANGELOG.md"]')):
        value = data.get(key)
        if value is None:
            continue
        if not isinstance(value, list) or not all(isinstance(p, str) and p for p in value):
            raise fail(key, f"{key} must be a list of file patterns, e.g. {example}")
        patterns[key] = tuple(value)
    if "include" in patterns and not patterns["include"]:
        raise fail("include", 'include must name at least one pattern, e.g. ["*.md"]')
    flags = {}
    for key in ("builtin", "fuzzy", "context"):
        value = data.get(key, True)
        if not isinstance(value, bool):
            raise fail(key, f"{key} must be true or false")
        flags[key] = value
    return Config(
        path,
        tuple((path.parent / p) for p in lexicons),
        to,
        float(threshold) if threshold is not None else None,
        flags["builtin"],
        flags["fuzzy"],
        flags["context"],
        patterns.get("include", DEFAULT_INCLUDE),
        patterns.get("exclude", ()),
    )

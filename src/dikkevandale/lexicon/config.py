"""Project settings: a `.dvd.toml` found by walking up from the current folder.

A project lead's lexicon repository says, once, which lexicons are in force and what the
defaults are, so that everyone in the project runs the same dictionary:

```toml
lexicons = ["lexicons", "../shared/crm-terms.yaml"]   # relative to this file
to = "it"              # default --to
threshold = 92         # default --threshold
builtin = false        # leave out the lexicons shipped with dvd
```
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from dikkevandale.model import Code, LexiconError, Location, did_you_mean

CONFIG_NAME = ".dvd.toml"
_KEYS = ("lexicons", "to", "threshold", "builtin", "fuzzy")


@dataclass(frozen=True, slots=True)
class Config:
    """Settings of one project; `None` means "not set here"."""

    path: Path | None = None
    lexicons: tuple[Path, ...] = ()
    to: str | None = None
    threshold: float | None = None
    builtin: bool = True
    fuzzy: bool = True


def find_project(start: Path) -> tuple[Path | None, Path | None]:
    """The nearest `.dvd.toml`, or `lexicons/` folder holding lexicons, at or above `start`."""
    for folder in (start, *start.parents):
        config = folder / CONFIG_NAME
        if config.is_file():
            return config, None
        lexicons = folder / "lexicons"
        if lexicons.is_dir() and any(lexicons.rglob("*.yaml")):
            return None, lexicons
    return None, None


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
    flags = {}
    for key in ("builtin", "fuzzy"):
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
    )

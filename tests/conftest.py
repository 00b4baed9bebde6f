"""Shared test setup: a pinned terminal, a private cache, a small lexicon of our own.

The environment is set at import time, before any test module imports Typer or Rich: both read
the terminal width and colour settings once, so setting them later in a fixture is too late.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import settings

# Typer reads TERMINAL_WIDTH at import, Rich reads COLUMNS and NO_COLOR per console.
os.environ["TERMINAL_WIDTH"] = "100"
os.environ["COLUMNS"] = "100"
os.environ["NO_COLOR"] = "1"
for _name in ("FORCE_COLOR", "DVD_LEXICON_PATH", "DVD_NO_CACHE", "DVD_DEBUG"):
    os.environ.pop(_name, None)

# Tests must never read or write the user's compiled-lexicon cache; subprocesses inherit this.
CACHE_DIR = Path(tempfile.mkdtemp(prefix="dvd-test-cache-"))
os.environ["DVD_CACHE_DIR"] = str(CACHE_DIR)


# Property tests draw the same examples on every run, so a CI run cannot fail by chance on
# code that passed before; `HYPOTHESIS_PROFILE=explore pytest` draws new ones each run.
settings.register_profile("repeatable", derandomize=True, database=None)
settings.register_profile("explore")
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "repeatable"))


def pytest_unconfigure(config: pytest.Config) -> None:
    shutil.rmtree(CACHE_DIR, ignore_errors=True)


# Three audiences, so that --from has something to choose between; one long term for typos.
LEXICON_YAML = """\
# A small lexicon for the CLI tests, independent of the shipped ones.
dvd: 1
language: nl
audiences: [sales, it, marketing]
concepts:
  - id: klantbeeld
    sales:
      - term: 360-graden-klantbeeld
        article: het
        plural: 360-graden-klantbeelden
    it:
      - term: mid-office-oplossing op basis van XML
        article: de
        plural: mid-office-oplossingen op basis van XML
    marketing:
      - term: klantprofiel
        article: het
    note: Eén plek waar alles over een klant samenkomt.
  - id: module
    sales:
      - term: klantbeeldmodule
        article: de
    it:
      - term: component
        article: de
        everyday: false   # the tests use these bare, in sentences without context
  - id: koppeling
    sales:
      - term: koppeling
        article: de
        everyday: false
    it:
      - term: interface
        article: de
        everyday: false
    marketing:
      - term: integratie
        article: de
        everyday: false
"""


@pytest.fixture
def lexicon_file(tmp_path: Path) -> Path:
    """The path of a small lexicon (LEXICON_YAML) written to the test's own folder."""
    path = tmp_path / "lexicon" / "test.yaml"
    path.parent.mkdir()
    path.write_text(LEXICON_YAML, encoding="utf-8")
    return path

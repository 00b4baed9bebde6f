"""A new lexicon repository (`dvd init`) and a new lexicon file (`dvd lexicon add -f NEW.yaml`).

A project lead starting a terms repository should get, in one step, the layout the README
describes, with every piece working from the first commit: a lexicon whose schema comment
resolves (`../dvd-lexicon.schema.json` from `lexicons/<lang>/`), one example concept that
passes `dvd lexicon check --strict` with its own example, a `.dvd.toml`, a pre-commit hook that
calls the installed `dvd` (`repo: local`, so nothing is fetched and no tag has to exist) and a
CI workflow. Nothing is ever overwritten: when any of the files exists, nothing is written.

>>> files = scaffold_files("nl", ("sales", "it"), "it")
>>> sorted(str(path) for path in files)  # doctest: +NORMALIZE_WHITESPACE
['.dvd.toml', '.github/workflows/dvd.yml', '.pre-commit-config.yaml',
 'lexicons/dvd-lexicon.schema.json', 'lexicons/nl/terms.yaml']
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from pathlib import Path

from dikkevandale.files import write_atomically
from dikkevandale.lexicon.schema import render_schema

SCHEMA_NAME = "dvd-lexicon.schema.json"
LEXICON_NAME = "terms.yaml"


class ScaffoldError(ValueError):
    """The scaffold cannot be written as asked (a file is in the way); nothing was written."""


# One concept per language that the built-in lexicons do not define, with an example that
# translates as written: the starter passes `dvd lexicon check --strict` next to them.
_STARTERS: dict[str, str] = {
    "nl": """\
  - id: project.offertetool
    sales:
      - term: offertegenerator
        article: de
    it:
      - term: quote-engine
        article: de
    note: Het hulpmiddel waarmee verkopers een offerte samenstellen. Vervang dit voorbeeld.
    examples:
      - text: De offertegenerator is klaar.
        to: it
        expect: De quote-engine is klaar.
""",
    "en": """\
  - id: project.quote-builder
    sales:
      - quote builder
    it:
      - quote engine
    note: The tool sales uses to put a quote together. Replace this example.
    examples:
      - text: The quote builder is ready.
        to: it
        expect: The quote engine is ready.
""",
    "pl": """\
  - id: project.generator-ofert
    sales:
      - generator ofert
    it:
      - silnik ofertowy
    note: Narzędzie, którym handlowcy składają ofertę. Zastąp ten przykład.
    examples:
      - text: Generator ofert jest gotowy.
        to: it
        expect: Silnik ofertowy jest gotowy.
""",
}


def schema_reference(lexicon: Path) -> str | None:
    """The relative path from a lexicon file to the nearest `dvd-lexicon.schema.json` in its
    folder or above (up to the repository's root), for the editor's schema comment."""
    folder = lexicon.absolute().parent
    for candidate in (folder, *folder.parents):
        schema = candidate / SCHEMA_NAME
        if schema.is_file():
            return Path(os.path.relpath(schema, folder)).as_posix()
        if (candidate / ".git").exists():
            break
    return None


def lexicon_header(language: str, audiences: Sequence[str], schema: str | None) -> str:
    """The first lines of a lexicon file, up to and including `concepts:`."""
    if schema is not None:
        first = f"# yaml-language-server: $schema={schema}\n"
    else:
        first = (
            "# For completion in editors: dvd lexicon schema > dvd-lexicon.schema.json, then\n"
            "# a first line '# yaml-language-server: $schema=dvd-lexicon.schema.json'.\n"
        )
    return (
        first
        + "# The first term of each audience is the preferred one; dvd lexicon check runs the\n"
        + "# examples. See `dvd lexicon add --help` to add concepts without editing by hand.\n"
        + f"dvd: 1\nlanguage: {language}\naudiences: [{', '.join(audiences)}]\nconcepts:"
    )


def new_lexicon_text(language: str, audiences: Sequence[str], schema: str | None) -> str:
    """An empty lexicon file (`concepts: []`), ready for `dvd lexicon add`."""
    return lexicon_header(language, audiences, schema) + " []\n"


def _starter(language: str, audiences: Sequence[str]) -> str:
    """The example concept, when the language has one and the audiences are sales and it."""
    if language in _STARTERS and {"sales", "it"} <= set(audiences):
        return "\n" + _STARTERS[language]
    return " []\n"


_CONFIG = """\
# dvd settings for this repository; every dvd command run below this folder reads them.
lexicons = ["lexicons"]   # relative to this file
to = "{to}"{pad}# the default --to
builtin = {builtin:<5}          # false: only this repository's lexicons are in force
# What `dvd check FOLDER` reads (the default) and skips (gitignore-style; .gitignore counts too):
# include = ["*.md", "*.markdown", "*.txt", "*.eml", "*.html"]
# exclude = ["CHANGELOG.md"]
"""

_PRE_COMMIT = """\
# pre-commit hooks (https://pre-commit.com): `pre-commit install` once, then every commit that
# touches a lexicon runs `dvd lexicon check --strict`. The hook calls the dvd installed on
# the machine (`repo: local`), so it works offline and needs no release tag.
repos:
  - repo: local
    hooks:
      - id: dvd-lexicon-check
        name: dvd lexicon check
        entry: dvd lexicon check --strict
        language: system
        files: ^(lexicons/.*\\.ya?ml|\\.dvd\\.toml)$
        pass_filenames: false
"""

_WORKFLOW = """\
# Checks the lexicons on every push and pull request, and annotates the pull request with
# terms of another audience in the documentation.
name: dvd
on: [push, pull_request]
jobs:
  lexicons:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-python@v5
        with:
          python-version: "3.12"
      - name: Install dvd
        # Set the repository variable DVD_PIP_SPEC to where your organisation hosts
        # dikkevandale: a wheel's URL or path, or git+https://.../dikkevandale.git@TAG.
        env:
          DVD_PIP_SPEC: ${{{{ vars.DVD_PIP_SPEC }}}}
        run: |
          if [ -z "$DVD_PIP_SPEC" ]; then
            echo "::error::set the repository variable DVD_PIP_SPEC (see this workflow)"
            exit 1
          fi
          python -m pip install "$DVD_PIP_SPEC"
      - run: dvd lexicon check --strict
      - run: dvd check --format github .
"""


def scaffold_files(
    language: str, audiences: Sequence[str], to: str, *, builtin: bool = True
) -> dict[Path, str]:
    """The files of a new lexicon repository, by path relative to its root."""
    lexicon = Path("lexicons") / language / LEXICON_NAME
    header = lexicon_header(language, audiences, f"../{SCHEMA_NAME}")
    return {
        lexicon: header + _starter(language, audiences),
        Path("lexicons") / SCHEMA_NAME: render_schema(),
        Path(".dvd.toml"): _CONFIG.format(
            to=to, pad=" " * max(1, 17 - len(to)), builtin=str(builtin).lower()
        ),
        Path(".pre-commit-config.yaml"): _PRE_COMMIT,
        Path(".github/workflows/dvd.yml"): _WORKFLOW.format(),
    }


def write_scaffold(root: Path, files: Mapping[Path, str]) -> list[Path]:
    """Write `files` below `root`, each atomically, or none of them.

    Any file already there is a ScaffoldError naming every one in the way; a failure half-way
    (a full disk, Ctrl-C) removes what this call had written, so a retry starts clean.
    """
    targets = [root / relative for relative in files]
    taken = [path for path in targets if path.exists() or path.is_symlink()]
    if taken:
        names = ", ".join(str(path.relative_to(root)) for path in taken)
        raise ScaffoldError(f"{names} already exist{'s' if len(taken) == 1 else ''}")
    written: list[Path] = []
    made: list[Path] = []
    try:
        for relative, text in files.items():
            path = root / relative
            for folder in reversed(path.parents):
                if not folder.exists():
                    folder.mkdir()
                    made.append(folder)
            write_atomically(path, text.encode("utf-8"))
            written.append(path)
    except BaseException:
        for path in written:
            path.unlink(missing_ok=True)
        for folder in reversed(made):
            try:
                folder.rmdir()
            except OSError:
                continue
        raise
    return written

"""Dependencies point one way: cli → io/formats → rewriter → matcher → normalize → model."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).parent.parent / "src" / "dikkevandale"

# Third-party libraries and the only modules allowed to import them.
CLI = {
    "cli",
    "cli_common",
    "cli_lexicon",
    "cli_translate",
    "cli_inputs",
    "cli_output",
    "cli_edit",
    "cli_exchange",
}
OWNERS = {"typer": CLI, "rich": CLI, "yaml": {"loader"}, "rapidfuzz": {"matcher"}}
# Project modules a core module may import (the pure core never reaches up to I/O or the CLI).
CORE_ALLOWED = {
    "model": set(),
    "normalize": set(),
    "protect": set(),
    "polish": set(),
    "inflection": {"model", "normalize", "polish"},
    "language": set(),
    "conceptstore": {"model"},
    "index": {"model", "normalize", "inflection", "conceptstore"},
    "matcher": {"model", "normalize", "protect", "inflection", "language", "conceptstore", "index"},
    "rewriter": {"model", "matcher", "inflection", "polish"},
}


def imports_of(module: Path) -> set[str]:
    tree = ast.parse(module.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


MODULES = sorted(PACKAGE.glob("*.py"))


@pytest.mark.parametrize("module", MODULES, ids=lambda p: p.stem)
def test_third_party_imports_stay_in_their_layer(module: Path) -> None:
    for name in imports_of(module):
        top = name.split(".")[0]
        if top in OWNERS:
            assert module.stem in OWNERS[top], f"{module.stem} imports {top}"


@pytest.mark.parametrize(
    "module", [p for p in MODULES if p.stem in CORE_ALLOWED], ids=lambda p: p.stem
)
def test_core_modules_only_import_downwards(module: Path) -> None:
    for name in imports_of(module):
        if name.startswith("dikkevandale."):
            assert name.split(".")[1] in CORE_ALLOWED[module.stem], f"{module.stem} imports {name}"


def test_the_core_never_prints_or_exits() -> None:
    for module in MODULES:
        if module.stem not in CORE_ALLOWED:
            continue
        tree = ast.parse(module.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
                assert node.func.id not in {"print", "exit", "input"}, module.stem

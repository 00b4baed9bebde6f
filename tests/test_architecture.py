"""The house rules, read from the source with `ast`: layers, owners of libraries, no cycles.

Written down once, here: each module belongs to one layer, and a module imports only from its
own layer or the layers below it. Within a layer modules may use each other, but no two
modules anywhere import each other, directly or in a ring.
"""

from __future__ import annotations

import ast
from fnmatch import fnmatch
from pathlib import Path

import pytest

PACKAGE = Path(__file__).parent.parent / "src" / "dikkevandale"

# Lowest first. Patterns are module names relative to the package ("matching.index").
LAYERS: list[tuple[str, tuple[str, ...]]] = [
    ("base", ("model", "normalize", "files", "collector", "forked")),
    ("languages", ("languages", "languages.*")),
    (
        "lexicon",
        (
            "lexicon",
            "lexicon.yamlnodes",
            "lexicon.loader",
            "lexicon.source",
            "lexicon.context",
            "lexicon.config",
            "lexicon.layers",
        ),
    ),
    ("matching", ("matching", "matching.*")),
    ("rewriting", ("rewriting", "rewriting.*")),
    ("checking", ("lexicon.checks", "lexicon.schema", "lexicon.everyday")),
    ("editing and exchange", ("edit", "edit.*", "exchange", "exchange.*")),
    ("io", ("io", "io.*")),
    ("library", ("translator", "checker", "__init__")),
    ("cli", ("cli", "cli.*", "__main__")),
]

# Third-party libraries and the only modules allowed to import them.
OWNERS = {
    "typer": ("cli.*",),
    "rich": ("cli.*",),
    "yaml": ("lexicon.yamlnodes", "lexicon.loader"),
    "rapidfuzz": ("matching.matcher", "matching.fuzzy"),
    "markdown_it": ("matching.markdown",),
    "pathspec": ("io.paths",),
}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE).with_suffix("").parts)
    if parts[-1] == "__init__" and len(parts) > 1:
        parts.pop()
    return ".".join(parts)


MODULES = {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def layer_of(module: str) -> int:
    for rank, (_, patterns) in enumerate(LAYERS):
        if any(fnmatch(module, pattern) for pattern in patterns):
            return rank
    raise AssertionError(f"module {module} belongs to no layer: add it to LAYERS")


def imports_of(path: Path) -> set[str]:
    """Every module `path` imports, at any depth (lazy imports inside functions count)."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            if node.module == "dikkevandale":
                names.update(f"dikkevandale.{alias.name}" for alias in node.names)
    return names


def project_imports(path: Path) -> set[str]:
    found = set()
    for name in imports_of(path):
        if name.startswith("dikkevandale."):
            module = name.removeprefix("dikkevandale.")
            while module not in MODULES and "." in module:
                module = module.rsplit(".", 1)[0]
            if module in MODULES:
                found.add(module)
    return found


@pytest.mark.parametrize("module", sorted(MODULES))
def test_every_module_has_a_layer(module: str) -> None:
    layer_of(module)


@pytest.mark.parametrize("module", sorted(MODULES))
def test_modules_import_only_their_own_layer_or_lower(module: str) -> None:
    own = layer_of(module)
    for imported in project_imports(MODULES[module]):
        if module == "__init__":
            continue  # the package's lazy exports name everything public
        assert layer_of(imported) <= own, (
            f"{module} ({LAYERS[own][0]}) imports {imported} ({LAYERS[layer_of(imported)][0]})"
        )


@pytest.mark.parametrize("module", sorted(MODULES))
def test_third_party_imports_stay_with_their_owners(module: str) -> None:
    for name in imports_of(MODULES[module]):
        owners = OWNERS.get(name.split(".")[0])
        if owners is not None:
            assert any(fnmatch(module, owner) for owner in owners), f"{module} imports {name}"


def test_no_import_cycles() -> None:
    graph = {
        module: {m for m in project_imports(path) if m != module}
        for module, path in MODULES.items()
        if module != "__init__"
    }
    for edges in graph.values():
        edges.discard("__init__")
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(module: str) -> None:
        state[module] = 1
        stack.append(module)
        for imported in sorted(graph.get(module, ())):
            if state.get(imported) == 1:
                ring = stack[stack.index(imported) :]
                raise AssertionError("import cycle: " + " → ".join([*ring, imported]))
            if imported not in state:
                visit(imported)
        stack.pop()
        state[module] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module)


def test_the_library_never_prints_or_exits() -> None:
    for module, path in MODULES.items():
        if layer_of(module) >= layer_of("cli"):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
                assert node.func.id not in {"print", "exit", "input"}, module
            if isinstance(node, ast.Attribute) and node.attr in {"stdout", "stderr", "exit"}:
                assert not (isinstance(node.value, ast.Name) and node.value.id == "sys"), module


def test_the_rules_catch_a_cycle_and_an_upward_import(tmp_path: Path) -> None:
    """The checks above must be able to fail: a planted upward import is seen."""
    planted = tmp_path / "planted.py"
    planted.write_text("from dikkevandale.cli.app import main\n", encoding="utf-8")
    assert "dikkevandale.cli.app" in imports_of(planted)
    assert layer_of("cli.app") > layer_of("matching.matcher")

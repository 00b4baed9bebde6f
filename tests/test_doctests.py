"""Every docstring example in the package runs and prints what it says (black's style)."""

from __future__ import annotations

import doctest
import importlib
from pathlib import Path

import pytest

PACKAGE = Path(__file__).parent.parent / "src" / "dikkevandale"
MODULES = sorted(
    ".".join(("dikkevandale", *path.relative_to(PACKAGE).with_suffix("").parts)).removesuffix(
        ".__init__"
    )
    for path in PACKAGE.rglob("*.py")
    if path.name != "__main__.py"
)


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0, f"{result.failed} failing example(s) in {name}"


def test_the_examples_are_found() -> None:
    """A module known to hold examples yields some, so the test above can fail."""
    finder = doctest.DocTestFinder()
    examples = sum(
        len(test.examples)
        for test in finder.find(importlib.import_module("dikkevandale.translator"))
    )
    assert examples >= 3

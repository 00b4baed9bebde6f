"""README.md stays true: its console examples run and print what it says."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
DVD = Path(sys.executable).parent / "dvd"


def console_examples() -> list[tuple[str, str]]:
    """`$ command` lines of ```console blocks, each with the output lines under it."""
    examples: list[tuple[str, str]] = []
    for block in re.findall(r"```console\n(.*?)```", README, flags=re.DOTALL):
        command: str | None = None
        output: list[str] = []
        for line in block.splitlines():
            if line.startswith("$ "):
                if command is not None:
                    examples.append((command, "\n".join(output)))
                command, output = line[2:], []
            else:
                output.append(line)
        if command is not None:
            examples.append((command, "\n".join(output)))
    return examples


EXAMPLES = console_examples()


def test_the_readme_has_examples() -> None:
    assert len(EXAMPLES) >= 4


@pytest.mark.parametrize(("command", "expected"), EXAMPLES, ids=[c for c, _ in EXAMPLES])
def test_console_example(command: str, expected: str, tmp_path: Path) -> None:
    environment = {**os.environ, "PATH": f"{DVD.parent}{os.pathsep}{os.environ['PATH']}"}
    assert shlex.split(command)[0] in {"dvd", "echo"}
    result = subprocess.run(
        ["bash", "-c", command],
        capture_output=True,
        text=True,
        env=environment,
        cwd=tmp_path,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.rstrip("\n") == expected


def test_ci_runs_the_readme_test_command() -> None:
    block = re.search(r"<!-- ci:test -->\n```sh\n(.*?)\n```\n<!-- /ci:test -->", README, re.DOTALL)
    assert block is not None
    assert "pytest" in block.group(1)
    assert "ci:test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def python_examples() -> list[str]:
    """The ```pycon blocks: doctest sessions of the "Using it from Python" section."""
    return re.findall(r"```pycon\n(.*?)```", README, flags=re.DOTALL)


def test_the_readme_shows_python_examples() -> None:
    assert len(python_examples()) >= 2


def test_python_examples_run_as_written() -> None:
    """The blocks share one namespace, in order, like a reader's interpreter session."""
    import doctest

    session = "\n".join(python_examples())
    test = doctest.DocTestParser().get_doctest(session, {}, "README pycon blocks", "README", 0)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    runner.run(test)
    result = runner.summarize(verbose=False)
    assert result.attempted >= 6
    assert result.failed == 0

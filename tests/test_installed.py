"""The wheel as a user gets it: built, installed into a fresh virtual environment, run.

The editable install used for development finds the lexicons in the source tree; these tests
make sure an installed `dvd` finds the copies shipped inside the package instead. Building and
installing takes a few seconds, so it happens once per session.
"""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest

import dikkevandale

ROOT = Path(__file__).resolve().parent.parent
BIN = "Scripts" if sys.platform == "win32" else "bin"
EXE = ".exe" if sys.platform == "win32" else ""


@dataclass(frozen=True)
class Installed:
    wheel: Path
    venv: Path
    workdir: Path  # an empty folder: no source tree above or below it

    @property
    def python(self) -> Path:
        return self.venv / BIN / f"python{EXE}"

    @property
    def dvd(self) -> Path:
        return self.venv / BIN / f"dvd{EXE}"

    def run(
        self, *args: str | Path, input: bytes | None = None
    ) -> subprocess.CompletedProcess[bytes]:
        env = {
            key: value
            for key, value in os.environ.items()
            if key not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV", "PYTHONSTARTUP")
        }
        return subprocess.run(
            [str(arg) for arg in args],
            input=input,
            capture_output=True,
            cwd=self.workdir,
            env=env,
            timeout=300,
            check=False,
        )


def _checked(command: list[str | Path], cwd: Path) -> None:
    done = subprocess.run(
        [str(part) for part in command],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert done.returncode == 0, f"{command}\n{done.stdout}\n{done.stderr}"


@pytest.fixture(scope="session")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Installed:
    base = tmp_path_factory.mktemp("installed")
    dist = base / "dist"
    _checked([sys.executable, "-m", "build", "--wheel", "--outdir", dist, ROOT], cwd=base)
    (wheel,) = dist.glob("dikkevandale-*.whl")
    venv = base / "venv"
    # Without --system-site-packages: the editable install must not leak into this one.
    _checked([sys.executable, "-m", "venv", venv], cwd=base)
    python = venv / BIN / f"python{EXE}"
    _checked([python, "-m", "pip", "install", "--quiet", wheel], cwd=base)
    workdir = base / "work"
    workdir.mkdir()
    return Installed(wheel, venv, workdir)


def test_the_wheel_ships_the_builtin_lexicons(installed: Installed) -> None:
    with zipfile.ZipFile(installed.wheel) as wheel:
        names = set(wheel.namelist())
    assert "dikkevandale/lexicons/nl/crm.yaml" in names
    assert "dikkevandale/lexicons/en/crm.yaml" in names
    assert "dikkevandale/cli/app.py" in names
    assert not any(name.startswith(("tests/", "lexicons/", "src/")) for name in names)


def test_installed_package_is_not_the_source_tree(installed: Installed) -> None:
    done = installed.run(
        installed.python,
        "-c",
        "import dikkevandale, dikkevandale.lexicon.layers as layers;"
        "print(dikkevandale.__file__); print(layers.builtin_dir())",
    )
    assert done.returncode == 0, done.stderr
    package_file, builtin = done.stdout.decode().splitlines()
    assert Path(package_file).resolve().is_relative_to(installed.venv.resolve())
    assert Path(builtin).resolve() == Path(package_file).resolve().parent / "lexicons"
    assert ROOT.as_posix() not in done.stdout.decode()


def test_installed_dvd_translates_with_the_builtin_lexicons(installed: Installed) -> None:
    done = installed.run(
        installed.dvd, "translate", "--to", "it", "Het 360-graden-klantbeeld is klaar."
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == b"De mid-office-oplossing op basis van XML is klaar.\n"
    assert b"Traceback" not in done.stderr


def test_installed_dvd_reads_a_pipe_byte_for_byte(installed: Installed) -> None:
    done = installed.run(
        installed.dvd,
        "translate",
        "--to",
        "it",
        input=b"Het 360-graden-klantbeeld is klaar.  \r\nVerder niets.",
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == b"De mid-office-oplossing op basis van XML is klaar.  \r\nVerder niets."


def test_installed_dvd_lookup_and_version(installed: Installed) -> None:
    done = installed.run(installed.dvd, "lookup", "klantbeelden")
    assert done.returncode == 0, done.stderr
    assert done.stdout.decode().splitlines()[0] == "klantbeeld (nl)"
    done = installed.run(installed.dvd, "--version")
    assert done.stdout.decode() == f"dvd (dikkevandale) {dikkevandale.__version__}\n"
    done = installed.run(installed.python, "-m", "dikkevandale", "--version")
    assert done.returncode == 0, done.stderr
    assert dikkevandale.__version__ in done.stdout.decode()

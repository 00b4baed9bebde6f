"""README.md's git section works when followed literally, in an empty folder.

The `sh` blocks between `<!-- ci:git -->` and `<!-- /ci:git -->` are run as one script with
bash (`set -euo pipefail`), with the installed `dvd` and `pre-commit` on PATH, in a fresh
temporary folder: `dvd init`, the check, an add, the pre-commit hook on a real commit, and
`dvd check --fix`. Nothing is fetched: the hook is a `repo: local` one.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
BIN = Path(sys.executable).parent


def git_section_script() -> str:
    section = re.search(r"<!-- ci:git -->\n(.*?)<!-- /ci:git -->", README, flags=re.DOTALL)
    assert section is not None, "README.md has no <!-- ci:git --> section"
    blocks = re.findall(r"```sh\n(.*?)```", section.group(1), flags=re.DOTALL)
    assert blocks, "the git section has no sh blocks"
    return "\n".join(blocks)


def test_the_git_section_runs_as_written(tmp_path: Path) -> None:
    script = git_section_script()
    for tool in ("dvd", "pre-commit"):
        assert (BIN / tool).exists(), f"{tool} is not installed next to {sys.executable}"
    environment = {
        **os.environ,
        "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}",
        "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-cache"),
        "GIT_CONFIG_GLOBAL": os.devnull,  # the user's git settings (signing, hooks) stay out
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_AUTHOR_NAME": "Project Lead",
        "GIT_AUTHOR_EMAIL": "lead@example.invalid",
        "GIT_COMMITTER_NAME": "Project Lead",
        "GIT_COMMITTER_EMAIL": "lead@example.invalid",
    }
    done = subprocess.run(
        ["bash", "-euo", "pipefail", "-c", script],
        cwd=tmp_path,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, f"--- stdout ---\n{done.stdout}\n--- stderr ---\n{done.stderr}"
    repository = tmp_path / "crm-terms"
    for name in (".dvd.toml", ".pre-commit-config.yaml", ".github/workflows/dvd.yml"):
        assert (repository / name).is_file(), name
    lexicon = (repository / "lexicons/nl/terms.yaml").read_text(encoding="utf-8")
    assert "id: offerteaanvraag" in lexicon
    # The commit went through the pre-commit hook, which ran the installed dvd.
    assert "dvd lexicon check" in done.stdout + done.stderr
    log = subprocess.run(
        ["git", "log", "--oneline"], cwd=repository, capture_output=True, text=True, check=True
    )
    assert "CRM lexicon: first concepts" in log.stdout
    assert (repository / "notes.md").read_text(encoding="utf-8") == (
        "De quote-request staat klaar.\n"
    )
    assert (tmp_path / "crm-glossary.html").read_text(encoding="utf-8").startswith("<!DOCTYPE")


def test_the_install_section_names_pipx_and_uv() -> None:
    install = README.split("## Install", 1)[1].split("\n## ", 1)[0]
    for line in ("pip install .", "pipx install .", "uv tool install ."):
        assert line in install

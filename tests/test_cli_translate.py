"""`dvd translate` beyond the basics: gloss, --check, several files, --in-place, colour,
e-mails, --lang and Markdown; and `dvd lexicon forms` (README "Translating", "Lexicons").

The tests about terms in real Dutch use the built-in lexicons and say so; the others use the
small lexicon of `conftest.LEXICON_YAML` with --no-builtin.
"""

from __future__ import annotations

import contextlib
import email
import email.policy
import json
import os
import re
import select
import shutil
import stat
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import Result

from helpers import invoke

DATA = Path(__file__).parent / "data"
ANSI = re.compile(r"\x1b\[[0-9;]*m")
HIGHLIGHTED = re.compile(r"\x1b\[[0-9;]*[1-9][0-9;]*m(.*?)\x1b\[0?m", re.DOTALL)


def translate(
    lexicon: Path, *args: str, to: str = "it", input: str | bytes | None = None, code: int = 0
) -> Result:
    """`dvd translate --to TO` with only the test lexicon loaded."""
    return invoke(
        "translate", "--to", to, "--no-builtin", "-l", str(lexicon), *args, input=input, code=code
    )


def write(path: Path, data: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return path


def no_traceback(result: Result) -> None:
    for stream in (result.stdout, result.stderr):
        assert "Traceback" not in stream


def dvd_script() -> Path:
    """The installed console script of the Python running the tests."""
    script = Path(sys.executable).parent / ("dvd.exe" if sys.platform == "win32" else "dvd")
    assert script.is_file(), f"no dvd console script next to {sys.executable}"
    return script


# --- --mode gloss -------------------------------------------------------------------------------

GLOSS_TEXT = (
    "Het 360-graden-klantbeeld en de koppeling. Weer een koppeling en het 360-graden-klantbeeld.\n"
    "\n"
    "Twee koppelingen, en nog eens de koppeling.\n"
)
GLOSSED = (
    "Het 360-graden-klantbeeld (IT: mid-office-oplossing op basis van XML) en de koppeling"
    " (IT: interface). Weer een koppeling en het 360-graden-klantbeeld.\n"
    "\n"
    "Twee koppelingen (IT: interfaces), en nog eens de koppeling.\n"
)


@pytest.mark.parametrize("how", ["argument", "stdin", "file"])
def test_gloss_keeps_each_term_and_glosses_it_once_per_concept_per_paragraph(
    lexicon_file: Path, tmp_path: Path, how: str
) -> None:
    if how == "argument":  # a typed argument already ending in a newline gets no second one
        result = translate(lexicon_file, "--mode", "gloss", GLOSS_TEXT)
    elif how == "stdin":
        result = translate(lexicon_file, "--mode", "gloss", input=GLOSS_TEXT)
    else:
        path = write(tmp_path / "notes.txt", GLOSS_TEXT)
        result = translate(lexicon_file, "--mode", "gloss", "-f", str(path))
    assert result.stdout == GLOSSED
    assert result.stderr == ""


def test_gloss_of_a_plural_is_the_plural_target_term(lexicon_file: Path) -> None:
    result = translate(lexicon_file, "--mode", "gloss", "Twee 360-graden-klantbeelden.")
    assert result.stdout == (
        "Twee 360-graden-klantbeelden (IT: mid-office-oplossingen op basis van XML).\n"
    )


def test_gloss_with_the_builtin_lexicons_matches_the_readme() -> None:
    result = invoke(
        "translate", "--to", "it", "--mode", "gloss", "De accounthouder maakt een bezoeksrapport."
    )
    assert result.stdout == (
        "De accounthouder (IT: recordeigenaar) maakt een bezoeksrapport (IT: activiteitrecord).\n"
    )


@pytest.mark.parametrize("label", [None, "{text} [{audience}: {term}]"])
def test_glossing_twice_changes_nothing(lexicon_file: Path, label: str | None) -> None:
    options = ["--mode", "gloss"] + (["--gloss-label", label] if label else [])
    once = translate(lexicon_file, *options, input=GLOSS_TEXT).stdout
    assert once != GLOSS_TEXT
    twice = translate(lexicon_file, *options, input=once).stdout
    assert twice == once


def test_a_custom_gloss_label(lexicon_file: Path) -> None:
    result = translate(
        lexicon_file,
        "--mode",
        "gloss",
        "--gloss-label",
        "{text} [{audience}: {term}]",
        "De koppelingen en het 360-graden-klantbeeld.",
    )
    assert result.stdout == (
        "De koppelingen [it: interfaces] en het 360-graden-klantbeeld"
        " [it: mid-office-oplossing op basis van XML].\n"
    )


def test_a_gloss_label_can_name_the_audience_in_capitals(lexicon_file: Path) -> None:
    result = translate(
        lexicon_file,
        "--mode",
        "gloss",
        "--gloss-label",
        "{term} <{AUDIENCE}> {text}",
        to="marketing",
        input="De koppeling.\n",
    )
    assert result.stdout == "De integratie <MARKETING> koppeling.\n"


@pytest.mark.parametrize(
    "label",
    [
        pytest.param("{text} (IT)", id="no-term"),
        pytest.param("({term})", id="no-text"),
        pytest.param("{text} ({taal}: {term})", id="unknown-placeholder"),
        pytest.param("{text} ({0}: {term})", id="positional-placeholder"),
        pytest.param("{text} {term", id="unclosed-brace"),
    ],
)
def test_a_bad_gloss_label_is_a_usage_error(lexicon_file: Path, label: str) -> None:
    result = translate(
        lexicon_file, "--mode", "gloss", "--gloss-label", label, "De koppeling.", code=2
    )
    assert result.stdout == ""
    assert label in result.stderr
    assert "{term}" in result.stderr
    no_traceback(result)


# --- --check ------------------------------------------------------------------------------------

CHECK_TEXT = (
    "Eerste regel zonder termen.\n"
    "Het 360-graden-klantbeeld en\n"
    "de koppeling.\n"
    "\n"
    "Niets hier.\n"
    "\n"
    "\n"
    "  Twee koppelingen aan het eind.\n"
)
# (line, column, text, replacement, concept) of every term in CHECK_TEXT, in order.
CHECK_FINDINGS = [
    (2, 1, "Het 360-graden-klantbeeld", "De mid-office-oplossing op basis van XML", "klantbeeld"),
    (3, 4, "koppeling", "interface", "koppeling"),
    (8, 8, "koppelingen", "interfaces", "koppeling"),
]
FINDING = re.compile(r"^(?:dvd: )?(?P<name>.+?):(?P<line>\d+):(?P<col>\d+): (?P<rest>.+)$")


def findings(stderr: str) -> list[tuple[str, int, int, str]]:
    """The `name:line:col: ...` lines of a --check run (whatever prefixes them)."""
    found = []
    for line in stderr.splitlines():
        match = FINDING.match(line)
        if match:
            found.append((match["name"], int(match["line"]), int(match["col"]), match["rest"]))
    return found


def expected_findings(name: str) -> list[tuple[str, int, int, str]]:
    return [
        (name, line, col, f"{text} → {replacement} ({concept})")
        for line, col, text, replacement, concept in CHECK_FINDINGS
    ]


def test_the_check_findings_are_where_the_terms_are() -> None:
    """The table above is right about CHECK_TEXT itself, so the other tests can trust it."""
    lines = CHECK_TEXT.splitlines()
    for line, col, text, _, _ in CHECK_FINDINGS:
        assert lines[line - 1][col - 1 :].startswith(text)


@pytest.mark.parametrize("how", ["file", "stdin", "file-dash", "crlf-file"])
def test_check_lists_every_term_with_its_line_and_column_and_exits_1(
    lexicon_file: Path, tmp_path: Path, how: str
) -> None:
    text = CHECK_TEXT.replace("\n", "\r\n") if how == "crlf-file" else CHECK_TEXT
    path = write(tmp_path / "doc.md", text)
    if how in ("file", "crlf-file"):
        result = translate(lexicon_file, "--check", "-f", str(path), code=1)
        name = str(path)
    elif how == "stdin":
        result = translate(lexicon_file, "--check", input=text, code=1)
        name = "stdin"
    else:
        result = translate(lexicon_file, "--check", "-f", "-", input=text, code=1)
        name = "stdin"
    assert result.stdout_bytes == b""
    assert findings(result.stderr) == expected_findings(name)
    assert "3 terms" in result.stderr
    no_traceback(result)


def test_check_lines_are_compiler_style(lexicon_file: Path, tmp_path: Path) -> None:
    """README: `--check` lists `file:line:col: term → replacement` on stderr. Editors and CI
    problem matchers read such lines only when the file name starts the line."""
    path = write(tmp_path / "doc.md", CHECK_TEXT)
    result = translate(lexicon_file, "--check", "-f", str(path), code=1)
    lines = result.stderr.splitlines()
    for name, line, col, rest in expected_findings(str(path)):
        assert f"{name}:{line}:{col}: {rest}" in lines, result.stderr


def test_check_counts_lines_per_file(lexicon_file: Path, tmp_path: Path) -> None:
    first = write(tmp_path / "a.md", CHECK_TEXT)
    second = write(tmp_path / "b.md", "Niets.\n\nDe koppeling.\n")
    result = translate(lexicon_file, "--check", "-f", str(first), "-f", str(second), code=1)
    assert result.stdout == ""
    assert findings(result.stderr) == [
        *expected_findings(str(first)),
        (str(second), 3, 4, "koppeling → interface (koppeling)"),
    ]


def test_check_of_a_text_argument(lexicon_file: Path) -> None:
    result = translate(lexicon_file, "--check", "Alleen de koppeling.", code=1)
    assert result.stdout == ""
    assert findings(result.stderr) == [("text", 1, 11, "koppeling → interface (koppeling)")]


@pytest.mark.parametrize("how", ["file", "stdin", "argument"])
def test_check_of_a_clean_text_exits_0_and_says_nothing(
    lexicon_file: Path, tmp_path: Path, how: str
) -> None:
    # Already in IT's words, and words that only look like terms.
    clean = "De interface en de mid-office-oplossing op basis van XML.\n\nKoppelingsteken.\n"
    if how == "file":
        result = translate(lexicon_file, "--check", "-f", str(write(tmp_path / "ok.md", clean)))
    elif how == "stdin":
        result = translate(lexicon_file, "--check", input=clean)
    else:
        result = translate(lexicon_file, "--check", clean)
    assert result.stdout == ""
    assert result.stderr == ""


def test_check_does_not_touch_the_file(lexicon_file: Path, tmp_path: Path) -> None:
    path = write(tmp_path / "doc.md", CHECK_TEXT)
    translate(lexicon_file, "--check", "-f", str(path), code=1)
    assert path.read_bytes() == CHECK_TEXT.encode()


# --- Several files -------------------------------------------------------------------------------


def test_several_files_are_translated_and_concatenated_in_order(
    lexicon_file: Path, tmp_path: Path
) -> None:
    first = write(tmp_path / "b-first.txt", b"Eerst: de koppeling.\r\n")
    second = write(tmp_path / "a-second.txt", b"Dan: het 360-graden-klantbeeld")  # no newline
    third = write(tmp_path / "c-third.txt", b"\n\nTot slot: koppelingen.\n")
    result = translate(lexicon_file, "-f", str(first), "-f", str(second), "-f", str(third))
    assert result.stdout_bytes == (
        b"Eerst: de interface.\r\n"
        b"Dan: de mid-office-oplossing op basis van XML"
        b"\n\nTot slot: interfaces.\n"
    )
    assert result.stderr == ""


def test_stdin_can_stand_between_files(lexicon_file: Path, tmp_path: Path) -> None:
    first = write(tmp_path / "1.txt", "Een koppeling.\n")
    last = write(tmp_path / "3.txt", "Drie koppelingen.\n")
    result = translate(
        lexicon_file, "-f", str(first), "-f", "-", "-f", str(last), input="Twee koppeling.\n"
    )
    assert result.stdout == "Een interface.\nTwee interface.\nDrie interfaces.\n"


def test_a_missing_second_file_gives_no_output_at_all(lexicon_file: Path, tmp_path: Path) -> None:
    first = write(tmp_path / "1.txt", "De koppeling.\n")
    missing = tmp_path / "missing.txt"
    result = translate(lexicon_file, "-f", str(first), "-f", str(missing), code=3)
    assert str(missing) in result.stderr
    assert result.stdout_bytes == b""


# --- --in-place ----------------------------------------------------------------------------------

IN_PLACE_BEFORE = (
    b"\xef\xbb\xbfNotulen  \r\n"
    b"Het 360-graden-klantbeeld is klaar.\t\r\n"
    b"\r\n"
    b"Caf\xc3\xa9 \xe2\x80\x94 de koppelingen\r\n"
    b"einde zonder regeleinde"
)
IN_PLACE_AFTER = (
    b"\xef\xbb\xbfNotulen  \r\n"
    b"De mid-office-oplossing op basis van XML is klaar.\t\r\n"
    b"\r\n"
    b"Caf\xc3\xa9 \xe2\x80\x94 de interfaces\r\n"
    b"einde zonder regeleinde"
)


def leftovers(folder: Path, *expected: str) -> list[str]:
    """Names in `folder` other than the expected ones (temporary files, stray backups)."""
    return sorted(p.name for p in folder.iterdir() if p.name not in expected)


def test_in_place_rewrites_the_file_and_keeps_every_other_byte_and_its_mode(
    lexicon_file: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "notes"
    path = write(folder / "notulen.txt", IN_PLACE_BEFORE)
    path.chmod(0o640)
    result = translate(lexicon_file, "-f", str(path), "--in-place")
    assert result.stdout_bytes == b""
    assert path.read_bytes() == IN_PLACE_AFTER
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert leftovers(folder, "notulen.txt") == []


def test_in_place_short_option_and_several_files(lexicon_file: Path, tmp_path: Path) -> None:
    first = write(tmp_path / "a.txt", "De koppeling.\n")
    second = write(tmp_path / "b.txt", "Het 360-graden-klantbeeld.\n")
    first.chmod(0o600)
    second.chmod(0o664)
    result = translate(lexicon_file, "-f", str(first), "-f", str(second), "-i")
    assert result.stdout_bytes == b""
    assert first.read_text(encoding="utf-8") == "De interface.\n"
    assert second.read_text(encoding="utf-8") == "De mid-office-oplossing op basis van XML.\n"
    assert stat.S_IMODE(first.stat().st_mode) == 0o600
    assert stat.S_IMODE(second.stat().st_mode) == 0o664


def test_in_place_without_terms_leaves_the_file_as_it_was(
    lexicon_file: Path, tmp_path: Path
) -> None:
    data = b"Geen termen.\r\n\r\n  nog steeds niet \t"
    path = write(tmp_path / "plain.txt", data)
    path.chmod(0o640)
    translate(lexicon_file, "-f", str(path), "--in-place")
    assert path.read_bytes() == data
    assert stat.S_IMODE(path.stat().st_mode) == 0o640


def test_backup_keeps_the_original_beside_the_file(lexicon_file: Path, tmp_path: Path) -> None:
    folder = tmp_path / "notes"
    path = write(folder / "notulen.txt", IN_PLACE_BEFORE)
    path.chmod(0o640)
    result = translate(lexicon_file, "-f", str(path), "--in-place", "--backup")
    assert result.stdout_bytes == b""
    assert path.read_bytes() == IN_PLACE_AFTER
    backup = folder / "notulen.txt.bak"
    assert backup.read_bytes() == IN_PLACE_BEFORE
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert leftovers(folder, "notulen.txt", "notulen.txt.bak") == []


def test_backup_replaces_an_older_backup(lexicon_file: Path, tmp_path: Path) -> None:
    path = write(tmp_path / "n.txt", "De koppeling.\n")
    write(tmp_path / "n.txt.bak", "oud\n")
    translate(lexicon_file, "-f", str(path), "--in-place", "--backup")
    assert (tmp_path / "n.txt.bak").read_text(encoding="utf-8") == "De koppeling.\n"
    assert path.read_text(encoding="utf-8") == "De interface.\n"


@pytest.mark.parametrize(
    ("args", "stdin", "mentions"),
    [
        pytest.param(["--in-place"], "De koppeling.\n", "--in-place", id="piped-stdin"),
        pytest.param(["--in-place", "-f", "-"], "De koppeling.\n", "--in-place", id="file-dash"),
        pytest.param(["--in-place", "De koppeling."], None, "--in-place", id="text-argument"),
        pytest.param(["--backup", "-f", "FILE"], None, "--backup", id="backup-alone"),
        pytest.param(["--in-place", "--format", "json", "-f", "FILE"], None, "--format", id="json"),
        pytest.param(["--in-place", "--format", "diff", "-f", "FILE"], None, "--format", id="diff"),
        pytest.param(["--in-place", "--check", "-f", "FILE"], None, "--check", id="check"),
    ],
)
def test_in_place_misuse_is_a_usage_error_and_touches_nothing(
    lexicon_file: Path, tmp_path: Path, args: list[str], stdin: str | None, mentions: str
) -> None:
    path = write(tmp_path / "n.txt", "De koppeling.\n")
    args = [str(path) if arg == "FILE" else arg for arg in args]
    result = translate(lexicon_file, *args, input=stdin, code=2)
    assert result.stdout_bytes == b""
    assert mentions in result.stderr
    assert path.read_text(encoding="utf-8") == "De koppeling.\n"
    assert leftovers(tmp_path, "n.txt", "lexicon") == []
    no_traceback(result)


def _can_create_in(folder: Path) -> bool:
    probe = folder / ".dvd-probe"
    try:
        probe.touch(exist_ok=False)
    except OSError:
        return False
    probe.unlink()
    return True


@contextlib.contextmanager
def read_only(folder: Path) -> Iterator[None]:
    """`folder` made read-only for this process: by its mode bits, or (for root, which ignores
    them) by the immutable attribute; skips the test where neither is possible."""
    folder.chmod(0o555)
    immutable = False
    try:
        if _can_create_in(folder):
            chattr = shutil.which("chattr")
            if chattr is not None:
                done = subprocess.run([chattr, "+i", str(folder)], capture_output=True, check=False)
                immutable = done.returncode == 0
            if not immutable or _can_create_in(folder):
                pytest.skip("cannot make a folder read-only for this user")
        yield
    finally:
        if immutable:
            subprocess.run([shutil.which("chattr") or "chattr", "-i", str(folder)], check=False)
        folder.chmod(0o755)


@pytest.mark.parametrize("backup", [False, True])
def test_in_place_in_a_read_only_folder_fails_and_leaves_the_file_intact(
    lexicon_file: Path, tmp_path: Path, backup: bool
) -> None:
    folder = tmp_path / "locked"
    path = write(folder / "n.txt", IN_PLACE_BEFORE)
    with read_only(folder):
        options = ["--in-place", "--backup"] if backup else ["--in-place"]
        result = translate(lexicon_file, "-f", str(path), *options, code=3)
        assert path.read_bytes() == IN_PLACE_BEFORE
        assert leftovers(folder, "n.txt") == []
    assert str(path) in result.stderr
    assert "cannot write" in result.stderr
    assert result.stdout_bytes == b""
    no_traceback(result)


def test_a_backup_that_cannot_be_written_leaves_the_file_and_no_temporary_file(
    lexicon_file: Path, tmp_path: Path
) -> None:
    """A failure after the temporary file exists: FILE.bak is a folder, which no file replaces."""
    folder = tmp_path / "notes"
    path = write(folder / "n.txt", IN_PLACE_BEFORE)
    (folder / "n.txt.bak").mkdir()
    result = translate(lexicon_file, "-f", str(path), "--in-place", "--backup", code=3)
    assert path.read_bytes() == IN_PLACE_BEFORE
    assert leftovers(folder, "n.txt", "n.txt.bak") == []
    assert str(path) in result.stderr
    assert result.stdout_bytes == b""
    no_traceback(result)


def test_a_symlink_planted_at_the_backup_is_replaced_not_followed(
    lexicon_file: Path, tmp_path: Path
) -> None:
    """Writing FILE.bak through a planted link would overwrite the file it points to."""
    folder = tmp_path / "notes"
    path = write(folder / "n.txt", IN_PLACE_BEFORE)
    victim = write(tmp_path / "precious.txt", b"keep me\n")
    (folder / "n.txt.bak").symlink_to(victim)
    translate(lexicon_file, "-f", str(path), "--in-place", "--backup")
    assert victim.read_bytes() == b"keep me\n"
    assert not (folder / "n.txt.bak").is_symlink()
    assert (folder / "n.txt.bak").read_bytes() == IN_PLACE_BEFORE
    assert path.read_bytes() != IN_PLACE_BEFORE


# --- --color -------------------------------------------------------------------------------------

COLOR_TEXT = "De koppeling en [bold]x[/bold] het 360-graden-klantbeeld.\n"
COLOR_PLAIN = "De interface en [bold]x[/bold] de mid-office-oplossing op basis van XML.\n"


@pytest.fixture
def colour_allowed(monkeypatch: pytest.MonkeyPatch) -> None:
    """No NO_COLOR (conftest sets it for every other test), and a terminal type with colours."""
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")


@pytest.mark.usefixtures("colour_allowed")
def test_color_always_puts_escapes_around_the_replacements_only(lexicon_file: Path) -> None:
    result = translate(lexicon_file, "--color", "always", input=COLOR_TEXT)
    assert "\x1b[" in result.stdout
    assert HIGHLIGHTED.findall(result.stdout) == [
        "interface",
        "de mid-office-oplossing op basis van XML",
    ]
    assert ANSI.search(HIGHLIGHTED.sub("", result.stdout)) is None, repr(result.stdout)
    assert ANSI.sub("", result.stdout) == COLOR_PLAIN


@pytest.mark.usefixtures("colour_allowed")
def test_color_always_of_a_text_without_terms_has_no_escapes(lexicon_file: Path) -> None:
    result = translate(lexicon_file, "--color", "always", input="Niets [red]hier[/red].\n")
    assert result.stdout_bytes == b"Niets [red]hier[/red].\n"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        pytest.param(b"a\tb\t\tde koppeling\n", "utf-8", id="tabs"),
        pytest.param(b"De koppeling.  \r\nTwee.\r\n\r\nslot", "utf-8", id="crlf"),
        pytest.param("Één koppeling in het café.\n".encode("cp1252"), "cp1252", id="cp1252"),
    ],
)
@pytest.mark.usefixtures("colour_allowed")
def test_color_always_changes_no_byte_but_the_replacements(
    lexicon_file: Path, data: bytes, encoding: str
) -> None:
    """Highlighting adds escapes; tabs, line endings and the encoding stay as in the input."""
    plain = translate(lexicon_file, "--encoding", encoding, "--color", "never", input=data)
    assert plain.stdout_bytes != data  # a term was rewritten
    colored = translate(lexicon_file, "--encoding", encoding, "--color", "always", input=data)
    assert b"\x1b[" in colored.stdout_bytes
    assert re.sub(rb"\x1b\[[0-9;]*m", b"", colored.stdout_bytes) == plain.stdout_bytes


@pytest.mark.usefixtures("colour_allowed")
@pytest.mark.parametrize("args", [["--color", "never"], [], ["--color", "auto"]])
def test_never_and_not_a_terminal_give_plain_bytes(lexicon_file: Path, args: list[str]) -> None:
    result = translate(lexicon_file, *args, input=COLOR_TEXT)
    assert result.stdout_bytes == COLOR_PLAIN.encode()


def test_bad_color_value_is_a_usage_error(lexicon_file: Path) -> None:
    result = translate(lexicon_file, "--color", "sometimes", "De koppeling.", code=2)
    assert "--color" in result.stderr
    assert result.stdout == ""


def on_a_terminal(args: list[str], env: dict[str, str]) -> tuple[bytes, bytes]:
    """Run the console script with its standard output on a (raw) pseudo-terminal."""
    import pty
    import tty

    terminal, output = pty.openpty()
    tty.setraw(output)  # no \n → \r\n on the way out: the bytes as dvd wrote them
    chunks: list[bytes] = []
    try:
        process = subprocess.Popen(
            [str(dvd_script()), *args],
            stdin=subprocess.DEVNULL,
            stdout=output,
            stderr=subprocess.PIPE,
            env=env,
        )
        os.close(output)
        output = -1
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            ready, _, _ = select.select([terminal], [], [], 1)
            if not ready:
                if process.poll() is not None:
                    break
                continue
            try:
                chunk = os.read(terminal, 4096)
            except OSError:  # EIO: the other side is closed
                break
            if not chunk:
                break
            chunks.append(chunk)
        _, stderr = process.communicate(timeout=60)
    finally:
        os.close(terminal)
        if output >= 0:
            os.close(output)
    assert process.returncode == 0, stderr
    return b"".join(chunks), stderr


@pytest.mark.parametrize(
    ("args", "no_color", "highlighted"),
    [
        pytest.param([], None, True, id="auto"),
        pytest.param([], "1", False, id="auto-NO_COLOR"),
        pytest.param(["--color", "never"], None, False, id="never"),
    ],
)
def test_on_a_real_terminal(
    lexicon_file: Path, args: list[str], no_color: str | None, highlighted: bool
) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    env["TERM"] = "xterm-256color"
    if no_color is not None:
        env["NO_COLOR"] = no_color
    command = ["translate", "--to", "it", "--no-builtin", "-l", str(lexicon_file), *args]
    stdout, stderr = on_a_terminal([*command, COLOR_TEXT.rstrip("\n")], env)
    if highlighted:
        text = stdout.decode()
        assert HIGHLIGHTED.findall(text) == [
            "interface",
            "de mid-office-oplossing op basis van XML",
        ]
        assert ANSI.sub("", text) == COLOR_PLAIN
        assert b"2 terms rewritten" in stderr  # a person at a terminal gets a summary
    else:
        assert stdout == COLOR_PLAIN.encode()


def test_a_pipe_gets_plain_bytes(lexicon_file: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    env["TERM"] = "xterm-256color"
    done = subprocess.run(
        [str(dvd_script()), "translate", "--to", "it", "--no-builtin", "-l", str(lexicon_file)],
        input=COLOR_TEXT.encode(),
        capture_output=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == COLOR_PLAIN.encode()
    assert done.stderr == b""


# --- E-mail --------------------------------------------------------------------------------------
# Built-in lexicons: bezoeksrapport → activiteitrecord (both het), 360-graden-klantbeeld → de
# mid-office-oplossing op basis van XML, accounthouder → recordeigenaar.

MAIL_HEADERS = (
    b"From: Sanne Jansen <sanne.jansen@example.nl>\n"
    b"To: Pieter Bakker <pieter.bakker@example.nl>\n"
    b"Subject: Re: het bezoeksrapport\n"
    b"Date: Mon, 3 Jun 2024 10:00:00 +0200\n"
    b"Message-ID: <bezoeksrapport-1@example.nl>\n"
    b"X-Notitie: het bezoeksrapport van de accounthouder\n"
    b"MIME-Version: 1.0\n"
    b"Content-Type: text/plain; charset=utf-8\n"
    b"Content-Transfer-Encoding: quoted-printable\n"
)
MAIL_INTRO = b"\nHoi Pieter,\n\n"
MAIL_BODY = b"Het bezoeks=\nrapport van caf=C3=A9 De Zon staat klaar.\n"  # a soft line break
MAIL_QUOTE = (
    b"\nOp vr 31 mei 2024 schreef Pieter:\n"
    b"> Kunnen we het 360-graden-\n"
    b"> klantbeeld deze week afronden?\n"
)
MAIL_SIGNATURE = (
    b"\n--=20\n"  # "-- " in quoted-printable
    b"Sanne Jansen | accounthouder\n"
    b"Vraag naar het 360-graden-klantbeeld.\n"
)
MAIL = MAIL_HEADERS + MAIL_INTRO + MAIL_BODY + MAIL_QUOTE + MAIL_SIGNATURE

MAIL_BODY_IT = b"Het activiteitrecord van caf=C3=A9 De Zon staat klaar.\n"
MAIL_QUOTE_IT = (
    b"\nOp vr 31 mei 2024 schreef Pieter:\n"
    # one term over two quoted lines: one replacement on the first line
    b"> Kunnen we de mid-office-oplossing op basis van XML deze week afronden?\n"
)
MAIL_HEADERS_IT = MAIL_HEADERS.replace(
    b"Subject: Re: het bezoeksrapport", b"Subject: Re: het activiteitrecord"
)
MAIL_IT = MAIL_HEADERS_IT + MAIL_INTRO + MAIL_BODY_IT + MAIL_QUOTE_IT + MAIL_SIGNATURE


def headers_of(data: bytes) -> list[bytes]:
    return data.split(b"\n\n", 1)[0].split(b"\n")


def body_text(data: bytes) -> str:
    message = email.message_from_bytes(data, policy=email.policy.default)
    content = message.get_content()
    assert isinstance(content, str)
    return content


def test_the_test_mail_reads_as_intended() -> None:
    """The fixture itself: a quoted-printable body with the terms the tests are about."""
    text = body_text(MAIL)
    assert "Het bezoeksrapport van café De Zon staat klaar.\n" in text
    assert "> Kunnen we het 360-graden-\n> klantbeeld deze week afronden?\n" in text
    assert text.endswith(
        "\n-- \nSanne Jansen | accounthouder\nVraag naar het 360-graden-klantbeeld.\n"
    )


@pytest.mark.parametrize("args", [[], ["--email"], ["-f", "-"]])
def test_an_email_on_stdin_is_detected_and_translated(args: list[str]) -> None:
    result = invoke("translate", "--to", "it", *args, input=MAIL)
    assert result.stdout_bytes == MAIL_IT
    assert result.stderr == ""


def test_only_the_subject_header_changes() -> None:
    out = invoke("translate", "--to", "it", input=MAIL).stdout_bytes
    before, after = headers_of(MAIL), headers_of(out)
    assert len(before) == len(after)
    changed = [(old, new) for old, new in zip(before, after, strict=True) if old != new]
    assert changed == [(b"Subject: Re: het bezoeksrapport", b"Subject: Re: het activiteitrecord")]


def test_the_translated_email_still_parses_with_the_same_transfer_encoding() -> None:
    out = invoke("translate", "--to", "it", input=MAIL).stdout_bytes
    message = email.message_from_bytes(out, policy=email.policy.default)
    assert message["Subject"] == "Re: het activiteitrecord"
    assert message["Content-Transfer-Encoding"] == "quoted-printable"
    assert message.get_content_charset() == "utf-8"
    text = body_text(out)
    assert "Het activiteitrecord van café De Zon staat klaar." in text
    # the signature is kept, terms and all
    assert text.endswith(
        "\n-- \nSanne Jansen | accounthouder\nVraag naar het 360-graden-klantbeeld.\n"
    )
    assert all(len(line) <= 76 for line in out.split(b"\n"))


def test_an_email_file_is_detected_too(tmp_path: Path) -> None:
    path = write(tmp_path / "bericht.eml", MAIL)
    assert invoke("translate", "--to", "it", "-f", str(path)).stdout_bytes == MAIL_IT


def test_an_email_with_crlf_line_endings_keeps_them() -> None:
    result = invoke("translate", "--to", "it", input=MAIL.replace(b"\n", b"\r\n"))
    assert result.stdout_bytes == MAIL_IT.replace(b"\n", b"\r\n")


def test_skip_quoted_leaves_the_quoted_lines_alone() -> None:
    result = invoke("translate", "--to", "it", "--skip-quoted", input=MAIL)
    assert result.stdout_bytes == (
        MAIL_HEADERS_IT + MAIL_INTRO + MAIL_BODY_IT + MAIL_QUOTE + MAIL_SIGNATURE
    )


def test_no_email_translates_the_message_as_plain_text() -> None:
    """Without e-mail handling every header is text (Subject and X-Notitie change), the
    quoted-printable body is not decoded (the term split by a soft line break stays) and the
    signature is prose like any other."""
    result = invoke("translate", "--to", "it", "--no-email", input=MAIL)
    headers = MAIL_HEADERS_IT.replace(
        b"X-Notitie: het bezoeksrapport van de accounthouder",
        b"X-Notitie: het activiteitrecord van de recordeigenaar",
    )
    signature = (
        b"\n--=20\n"
        b"Sanne Jansen | recordeigenaar\n"
        b"Vraag naar de mid-office-oplossing op basis van XML.\n"
    )
    assert result.stdout_bytes == headers + MAIL_INTRO + MAIL_BODY + MAIL_QUOTE_IT + signature


UNDETECTED = (
    b"X-Afzender: Sanne\n"
    b"Content-Transfer-Encoding: quoted-printable\n"
    b"\n"
    b"Het bezoeks=\nrapport van caf=C3=A9 De Zon is klaar.\n"
)


def test_email_forces_a_message_that_is_not_detected() -> None:
    # No From, To, Subject, ...: not recognised, so plain text, in which nothing matches.
    assert invoke("translate", "--to", "it", input=UNDETECTED).stdout_bytes == UNDETECTED
    result = invoke("translate", "--to", "it", "--email", input=UNDETECTED)
    assert result.stdout_bytes == (
        b"X-Afzender: Sanne\n"
        b"Content-Transfer-Encoding: quoted-printable\n"
        b"\n"
        b"Het activiteitrecord van caf=C3=A9 De Zon is klaar.\n"
    )


def test_check_of_an_email_reports_the_body_terms_and_prints_nothing() -> None:
    result = invoke("translate", "--to", "it", "--check", input=MAIL, code=1)
    assert result.stdout_bytes == b""
    assert "bezoeksrapport → activiteitrecord (bezoeksrapport)" in result.stderr
    assert "(klantbeeld)" in result.stderr
    assert "recordeigenaar" not in result.stderr  # the signature's accounthouder is left alone


def test_an_email_piped_in_pieces_is_still_detected(lexicon_file: Path) -> None:
    """A real pipe delivers what the writer has written so far: the headers may arrive in
    several reads (a slow mailer, `ssh`, `curl`). Detection must not depend on that."""
    message = (
        b"From: a@example.nl\n"
        b"To: b@example.nl\n"
        b"Subject: de koppeling\n"
        b"X-Project: de koppeling\n"
        b"Content-Type: text/plain; charset=utf-8\n"
        b"Content-Transfer-Encoding: quoted-printable\n"
        b"\n"
        b"De kop=\npeling is klaar.\n"
    )
    expected = (
        message.replace(b"Subject: de koppeling", b"Subject: de interface").split(b"\n\n")[0]
        + b"\n\nDe interface is klaar.\n"
    )
    command = [
        str(dvd_script()),
        *("translate", "--to", "it", "--no-builtin", "-l", str(lexicon_file)),
    ]
    process = subprocess.Popen(
        command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    try:
        assert process.stdin is not None
        process.stdin.write(message[:19])  # the first header line
        process.stdin.flush()
        time.sleep(2)  # dvd has started and is reading by now
        stdout, stderr = process.communicate(message[19:], timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()
    assert process.returncode == 0, stderr
    assert stdout == expected


# --- --lang --------------------------------------------------------------------------------------


@pytest.fixture
def two_languages(tmp_path: Path) -> list[str]:
    """--lexicon options for a Dutch and an English lexicon that share the spelling
    'accountmanager'; 'bezoeksrapport' is only Dutch."""
    head = "dvd: 1\nlanguage: {}\naudiences: [sales, it]\nconcepts:\n"
    dutch = write(
        tmp_path / "lex" / "nl.yaml",
        head.format("nl")
        + "  - id: nl.am\n"
        + "    sales: {term: accountmanager, article: de}\n"
        + "    it: {term: recordeigenaar, article: de}\n"
        + "  - id: nl.rapport\n"
        + "    sales: {term: bezoeksrapport, article: het}\n"
        + "    it: {term: activiteitrecord, article: het}\n",
    )
    english = write(
        tmp_path / "lex" / "en.yaml",
        head.format("en") + "  - {id: en.am, sales: accountmanager, it: record owner}\n",
    )
    return ["--no-builtin", "-l", str(dutch), "-l", str(english)]


DUTCH = "De accountmanager schrijft het bezoeksrapport voor de klant."
ENGLISH = "The accountmanager writes the report for the customer."


def test_lang_auto_recognises_each_language(two_languages: list[str]) -> None:
    result = invoke("translate", "--to", "it", *two_languages, input=f"{DUTCH}\n\n{ENGLISH}\n")
    assert result.stdout == (
        "De recordeigenaar schrijft het activiteitrecord voor de klant.\n"
        "\n"
        "The record owner writes the report for the customer.\n"
    )


def test_lang_en_leaves_the_dutch_lexicon_out(two_languages: list[str]) -> None:
    """Told the text is English, dvd uses only the English lexicon: the Dutch-only term stays,
    and the shared spelling takes the English replacement, not the Dutch one."""
    result = invoke("translate", "--to", "it", *two_languages, "--lang", "en", DUTCH)
    assert result.stdout == "De record owner schrijft het bezoeksrapport voor de klant.\n"
    assert "activiteitrecord" not in result.stdout
    assert "recordeigenaar" not in result.stdout


def test_lang_nl_decides_for_an_english_looking_text(two_languages: list[str]) -> None:
    result = invoke("translate", "--to", "it", *two_languages, "--lang", "nl", ENGLISH)
    assert result.stdout == "The recordeigenaar writes the report for the customer.\n"


def test_lang_without_a_lexicon_in_that_language_names_the_languages(
    two_languages: list[str],
) -> None:
    result = invoke("translate", "--to", "it", *two_languages, "--lang", "xx", DUTCH, code=2)
    assert result.stdout == ""
    assert "'xx'" in result.stderr
    assert "auto, en, nl" in result.stderr
    no_traceback(result)


def test_lang_pl_with_only_dutch_lexicons_is_a_usage_error(lexicon_file: Path) -> None:
    result = translate(lexicon_file, "--lang", "pl", "De koppeling.", code=2)
    assert "'pl'" in result.stderr
    assert "auto, nl" in result.stderr


# --- dvd lexicon forms ---------------------------------------------------------------------------

FORM_LINE = re.compile(r"^    (?P<label>\S+) +(?P<spelling>.+?)(?P<mark>  \(lexicon\))?$")


def forms_by_term(stdout: str) -> dict[str, list[tuple[str, str, bool]]]:
    """`audience: term` → its (label, spelling, marked) lines, as `dvd lexicon forms` lists them."""
    terms: dict[str, list[tuple[str, str, bool]]] = {}
    current = None
    for line in stdout.splitlines()[1:]:
        if line.startswith("  ") and not line.startswith("    "):
            current = line.strip()
            assert current not in terms, f"{current} listed twice"
            terms[current] = []
            continue
        found = FORM_LINE.match(line)
        assert found is not None and current is not None, f"unexpected line {line!r}"
        terms[current].append((found["label"], found["spelling"], bool(found["mark"])))
    return terms


def test_forms_lists_labels_and_spellings_and_marks_the_lexicons_own(lexicon_file: Path) -> None:
    result = invoke("lexicon", "forms", "klantbeeld", "--no-builtin", "-l", str(lexicon_file))
    assert result.stdout.splitlines()[0] == "klantbeeld (nl)"
    terms = forms_by_term(result.stdout)
    assert list(terms) == [
        "sales: 360-graden-klantbeeld",
        "it: mid-office-oplossing op basis van XML",
        "marketing: klantprofiel",
    ]
    sales = terms["sales: 360-graden-klantbeeld"]
    assert sales[:2] == [
        ("sg", "360-graden-klantbeeld", True),
        ("pl", "360-graden-klantbeelden", True),  # the lexicon's plural
    ]
    assert ("dim", "360-graden-klantbeeldje", False) in sales  # from the rules
    assert ("dim.pl", "360-graden-klantbeeldjes", False) in sales
    # no plural in the lexicon: the rules' plurals, unmarked
    marketing = terms["marketing: klantprofiel"]
    assert marketing[0] == ("sg", "klantprofiel", True)
    assert ("pl", "klantprofielen", False) in marketing
    assert all(not marked for label, _, marked in marketing if label != "sg")
    assert result.stderr == ""


def test_forms_marks_a_diminutive_and_forms_given_by_the_lexicon(tmp_path: Path) -> None:
    lexicon = write(
        tmp_path / "dim.yaml",
        "dvd: 1\nlanguage: nl\naudiences: [sales, it]\nconcepts:\n"
        "  - id: model\n"
        "    sales:\n"
        "      - term: model\n"
        "        diminutive: modelletje\n"
        "        forms: {dim.pl: modellekes}\n"
        "    it: datamodel\n",
    )
    terms = forms_by_term(
        invoke("lexicon", "forms", "model", "--no-builtin", "-l", str(lexicon)).stdout
    )
    sales = terms["sales: model"]
    assert ("dim", "modelletje", True) in sales
    assert ("dim.pl", "modellekes", True) in sales
    assert ("pl", "modellen", False) in sales
    assert ("sg", "datamodel", True) in terms["it: datamodel"]


def test_forms_shows_the_context_fields_of_a_term() -> None:
    stdout = invoke(
        "lexicon", "forms", "klantvraag", "--no-builtin", "-l", str(DATA / "context.yaml")
    ).stdout
    lines = stdout.splitlines()
    at = lines.index("    everyday true: rewritten only where the text shows the domain")
    assert lines[at - 1].startswith("    dim.pl  ticket")  # after the forms of the term
    assert lines[at + 1 : at + 4] == [
        "    not in   ticket voor het concert",
        "    not in   concertticket",
        "    not in   ticket naar",
    ]
    release = invoke(
        "lexicon", "forms", "release", "--no-builtin", "-l", str(DATA / "context.yaml")
    ).stdout
    assert "    needs    one of versie*, uitrol in its paragraph" in release.splitlines()
    sla = invoke("lexicon", "forms", "sla", "--no-builtin", "-l", str(DATA / "context.yaml"))
    assert "    also inside a hyphenated compound (in_compounds)" in sla.stdout.splitlines()


def test_forms_of_an_unknown_id_exits_1_with_a_suggestion(lexicon_file: Path) -> None:
    result = invoke("lexicon", "forms", "koppelin", "--no-builtin", "-l", str(lexicon_file), code=1)
    assert result.stdout == ""
    assert "no concept with id 'koppelin' (did you mean 'koppeling'?)" in result.stderr
    no_traceback(result)


def test_forms_of_a_builtin_polish_concept_shows_its_cases() -> None:
    result = invoke("lexicon", "forms", "pl.wdrozenie")
    assert result.stdout.splitlines()[0] == "pl.wdrozenie (pl)"
    terms = forms_by_term(result.stdout)
    it = terms["it: wdrożenie CRM"]
    assert it[0] == ("nom.sg", "wdrożenie CRM", True)
    assert ("gen.sg", "wdrożenia CRM", True) in it
    assert ("loc.sg", "wdrożeniu CRM", True) in it
    assert ("gen.pl", "wdrożeń CRM", True) in it
    assert ("gen.sg", "projektu CRM", True) in terms["sales: projekt CRM"]
    labels = {label for label, _, _ in it}
    assert labels == {
        f"{case}.{number}"
        for case in ("nom", "gen", "dat", "acc", "ins", "loc")
        for number in ("sg", "pl")
    }


def test_forms_of_polish_rules_are_not_marked_as_the_lexicons(tmp_path: Path) -> None:
    """Only loc.sg is given; dat.sg has the same spelling but comes from the rules, and so do
    gen.sg and acc.sg (the same spelling as the term itself)."""
    lexicon = write(
        tmp_path / "pl.yaml",
        "dvd: 1\nlanguage: pl\naudiences: [sales, it]\nconcepts:\n"
        "  - id: wdrozenie\n"
        "    sales: projekt CRM\n"
        "    it:\n"
        "      - term: wdrożenie CRM\n"
        "        forms: {loc.sg: wdrożeniu CRM}\n",
    )
    result = invoke("lexicon", "forms", "wdrozenie", "--no-builtin", "-l", str(lexicon))
    it = forms_by_term(result.stdout)["it: wdrożenie CRM"]
    assert ("gen.sg", "wdrożenia CRM", False) in it
    marked = sorted(label for label, _, is_marked in it if is_marked)
    assert marked == ["loc.sg", "nom.sg"], it


# --- Markdown ------------------------------------------------------------------------------------
# Built-in lexicons. tests/data/notes.it.md was written by hand from notes.md: only the terms in
# prose change (front-matter values, headings, lists, tables, emphasis, link texts, HTML text);
# front-matter keys, link targets, inline code, the fenced block, HTML attributes, the URL and
# the e-mail address stay.

NOTES = DATA / "notes.md"
NOTES_IT = DATA / "notes.it.md"


def test_markdown_file_is_translated_byte_for_byte() -> None:
    result = invoke("translate", "--to", "it", "-f", str(NOTES))
    assert result.stdout_bytes == NOTES_IT.read_bytes()


def test_markdown_on_stdin_is_translated_the_same() -> None:
    result = invoke("translate", "--to", "it", input=NOTES.read_bytes())
    assert result.stdout_bytes == NOTES_IT.read_bytes()


def test_markdown_translated_again_changes_nothing() -> None:
    result = invoke("translate", "--to", "it", "-f", str(NOTES_IT))
    assert result.stdout_bytes == NOTES_IT.read_bytes()
    invoke("translate", "--to", "it", "--check", "-f", str(NOTES_IT))


def test_markdown_fixture_differs_only_in_prose_lines() -> None:
    """A check on the fixture pair: same line count, the protected lines identical."""
    before = NOTES.read_text(encoding="utf-8").splitlines()
    after = NOTES_IT.read_text(encoding="utf-8").splitlines()
    assert len(before) == len(after)
    kept = [
        "360-graden-klantbeeld: ja",
        "klantbeeld: het 360-graden-klantbeeld",
        "bezoeksrapport: true",
        "`het 360-graden-klantbeeld` niet in de code:",
    ]
    for line in kept:
        assert line in before
        assert line in after
    for old, new in zip(before, after, strict=True):
        if old != new:
            for protected in re.findall(r"\(https://[^)]*\)|\S+@\S+|https://\S+|<span [^>]*>", old):
                assert protected in new


def test_markdown_in_place_keeps_the_protected_parts(tmp_path: Path) -> None:
    path = tmp_path / "notes.md"
    shutil.copyfile(NOTES, path)
    invoke("translate", "--to", "it", "-f", str(path), "--in-place")
    assert path.read_bytes() == NOTES_IT.read_bytes()


def test_markdown_check_points_at_the_prose_terms_only() -> None:
    result = invoke("translate", "--to", "it", "--check", "-f", str(NOTES), code=1)
    lines = NOTES.read_text(encoding="utf-8").splitlines()
    found = findings(result.stderr)
    assert found
    for _, line, col, rest in found:
        term = rest.split(" → ")[0]
        assert lines[line - 1][col - 1 :].startswith(term), (line, col, rest)
    reported = {line for _, line, _, _ in found}
    # front matter (1-6), inline code (30) and the fenced block (32-36) are not reported
    assert reported.isdisjoint({1, 2, 3, 4, 5, 6, 30, 32, 33, 34, 35, 36})
    assert {8, 10} <= reported  # the headings


def test_markdown_underscore_emphasis_is_emphasis() -> None:
    """`_term_` is Markdown emphasis just like `*term*` (the underscores are no part of the word,
    unlike in an identifier such as `klant_bezoeksrapport`)."""
    result = invoke(
        "translate",
        "--to",
        "it",
        "Het *bezoeksrapport* en het _bezoeksrapport_ en klant_bezoeksrapport.",
    )
    assert result.stdout == (
        "Het *activiteitrecord* en het _activiteitrecord_ en klant_bezoeksrapport.\n"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "We bespreken het **360-graden-klantbeeld** morgen.",
            "We bespreken de **mid-office-oplossing op basis van XML** morgen.",
            id="bold",
        ),
        pytest.param(
            "Zie het [360-graden-klantbeeld](https://crm.example.nl/360-graden-klantbeeld).",
            "Zie de [mid-office-oplossing op basis van XML](https://crm.example.nl/360-graden-klantbeeld).",
            id="link",
        ),
    ],
)
def test_the_article_agrees_across_markdown_markup(text: str, expected: str) -> None:
    """README: the article right before a term agrees with the new noun; emphasis or a link
    bracket between them does not make 'het mid-office-oplossing' right."""
    assert invoke("translate", "--to", "it", text).stdout == expected + "\n"


def test_explain_marks_a_guessed_polish_case_for_review(tmp_path: Path) -> None:
    lexicon = tmp_path / "pl.yaml"
    lexicon.write_text(
        "dvd: 1\nlanguage: pl\naudiences: [sales, it]\nconcepts:\n"
        "  - {id: pl.alokacja, sales: [podział ludzi], it: [alokacja zasobów]}\n",
        encoding="utf-8",
    )
    args = ("--to", "sales", "--no-builtin", "-l", str(lexicon))
    guessed = invoke("explain", *args, "Bez alokacji zasobów nic z tego.").stdout
    assert "(review)" in guessed
    settled = invoke("explain", *args, "Rozmowa o alokacji zasobów.").stdout
    assert "podziale ludzi" in settled
    assert "(review)" not in settled
    document = json.loads(
        invoke("translate", *args, "--format", "json", "Bez alokacji zasobów nic.").stdout
    )
    assert [m["needs_review"] for m in document["matches"]] == [True]


# --- domain awareness: --no-context, skipped terms in explain and JSON ------------------------

CONTEXT = DATA / "context.yaml"


def test_an_everyday_word_outside_the_domain_is_left_alone() -> None:
    text = "Het ticket is gesloten.\n"
    assert translate(CONTEXT, to="sales", input=text).stdout == text
    assert translate(CONTEXT, "--no-context", to="sales", input=text).stdout == (
        "De klantvraag is gesloten.\n"
    )
    in_domain = "Notulen CRM\n\nHet ticket is gesloten.\n"
    assert translate(CONTEXT, to="sales", input=in_domain).stdout == (
        "Notulen CRM\n\nDe klantvraag is gesloten.\n"
    )


def test_json_lists_skipped_terms_apart_from_the_matches() -> None:
    text = "Een ticket voor het concert.\n\nHet ticket is dicht.\n\nDe release van het album.\n"
    data = json.loads(translate(CONTEXT, "--format", "json", to="sales", input=text).stdout)
    assert data["matches"] == []
    assert data["text"] == text
    skipped = [
        (s["text"], s["concept"], s["from"], s["kind"], s["reason"], s["detail"])
        for s in data["skipped"]
    ]
    assert skipped == [
        ("ticket", "klantvraag", "it", "exact", "exception", "ticket voor het concert"),
        ("ticket", "klantvraag", "it", "exact", "no domain context", ""),
        ("release", "release", "it", "exact", "needs", "versie*, uitrol"),
    ]
    for skip in data["skipped"]:
        assert text[skip["start"] : skip["end"]] == skip["text"]
    data = json.loads(
        translate(CONTEXT, "--format", "json", "--no-context", to="sales", input=text).stdout
    )
    assert len(data["matches"]) == 3
    assert "skipped" not in data


def test_explain_shows_skipped_terms_with_their_reason() -> None:
    result = invoke(
        "explain",
        "--to",
        "sales",
        "--no-builtin",
        "-l",
        str(CONTEXT),
        "Het ticket is dicht. De SLA-rapportage volgt.\n\nEen ticket voor het concert.",
    )
    rows = [" ".join(line.split()) for line in result.stdout.splitlines()]
    assert any("Het ticket │ klantvraag │ it → sales │ De klantvraag │ exact" in r for r in rows)
    assert any("SLA │ sla │ it → sales │ servicecontract │ compound" in r for r in rows)
    assert any("(skipped: exception 'ticket" in r for r in rows), result.stdout  # folds
    assert "2 terms to rewrite for sales, 1 left alone by their context" in result.stderr


def test_explain_carries_the_domain_from_paragraph_to_paragraph() -> None:
    result = invoke(
        "explain",
        "--to",
        "sales",
        "--no-builtin",
        "-l",
        str(CONTEXT),
        input="Notulen CRM\n\nHet ticket is dicht.\n",
    )
    assert "De klantvraag" in result.stdout
    assert "(skipped" not in result.stdout
    result = invoke(
        "explain", "--to", "sales", "--no-builtin", "-l", str(CONTEXT), "Het ticket is dicht."
    )
    assert "(skipped: no domain context)" in " ".join(result.stdout.split())
    assert "0 terms to rewrite for sales, 1 left alone by their context" in result.stderr


def test_a_mail_template_keeps_its_placeholders() -> None:
    """A CRM's e-mail templates are piped through dvd: a rewritten merge field would break
    every mail sent from the template, so placeholders stay while the prose is translated."""
    template = (
        "Beste {{360-graden-klantbeeld}}, het 360-graden-klantbeeld staat in {klantbeeld},"
        " *|KLANTBEELD|* en ${klantbeeld}.\n"
    )
    result = invoke("translate", "--to", "it", input=template)
    assert result.stdout == (
        "Beste {{360-graden-klantbeeld}}, de mid-office-oplossing op basis van XML staat in"
        " {klantbeeld}, *|KLANTBEELD|* en ${klantbeeld}.\n"
    )

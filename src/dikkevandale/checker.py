"""`dvd check`: the terms of other audiences in files and folders, as a linter reports them.

Checking is translating without writing: each file goes through `Translator.translate_file`
(or `translate_bytes` for standard input), the very code path of `dvd translate --in-place`,
so what `check` reports is exactly what `check --fix` and `translate --in-place` change.
Folders are walked by `io.paths.find_files` with the project's `include`/`exclude` settings
and `.gitignore`; the results are `io.reports.FileReport`s, which `io.reports` renders.

>>> import pathlib, tempfile
>>> from dikkevandale import Translator
>>> note = pathlib.Path(tempfile.mkdtemp()) / "note.md"
>>> _ = note.write_text("Het 360-graden-klantbeeld is klaar.\\n")
>>> [report] = check_paths(Translator(to="it"), [note])
>>> [(i.line, i.col, i.concept, i.found) for i in report.issues]
[(1, 1, 'klantbeeld', 'Het 360-graden-klantbeeld')]
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dikkevandale.io.paths import find_files
from dikkevandale.io.reports import FileReport, Issue
from dikkevandale.io.streams import InputError
from dikkevandale.translator import FileTranslation, Translator


@dataclass(frozen=True, slots=True)
class Unreadable:
    """A file that could not be checked, and why (the others are checked all the same)."""

    path: str
    message: str


def files_to_check(
    translator: Translator, paths: Sequence[str | os.PathLike[str]], *, gitignore: bool = True
) -> list[Path]:
    """The files `check_paths` reads for `paths` (folders walked with the project's
    `include`/`exclude` and `.gitignore`); a missing path raises InputError."""
    config = translator.config
    try:
        return list(
            find_files(
                [Path(p) for p in paths],
                include=config.include,
                exclude=config.exclude,
                exclude_base=config.path.parent if config.path is not None else None,
                gitignore=gitignore,
            )
        )
    except FileNotFoundError as error:
        raise InputError(f"{error.args[0]}: no such file or folder") from None


def report_of(translator: Translator, done: FileTranslation, name: str | None = None) -> FileReport:
    """A translated file's rewrites as the issues `dvd check` reports."""
    to = translator.options.to or ""
    concepts = translator.concepts
    issues = []
    notes: dict[str, str] = {}
    for finding in done.findings:
        rewrite = finding.rewrite
        concept = concepts[rewrite.match.concept]
        preferred = concept.preferred(to)
        issues.append(
            Issue(
                finding.line,
                finding.col,
                concept.id,
                rewrite.text,
                rewrite.replacement,
                preferred.text if preferred is not None else rewrite.replacement,
                rewrite.match.audience,
                to,
                rewrite.match.kind.value,
                rewrite.match.score,
            )
        )
        if concept.note:
            notes[concept.id] = concept.note
    return FileReport(name if name is not None else str(done.path), tuple(issues), notes)


def check_paths(
    translator: Translator,
    paths: Sequence[str | os.PathLike[str]],
    *,
    gitignore: bool = True,
    **options: Any,
) -> Iterator[FileReport | Unreadable]:
    """A report per file to check, in order; a file that cannot be read is an `Unreadable`.

    `options` are those of `translate_file` (`encoding`, `email`, `skip_quoted`, ...).
    """
    for path in files_to_check(translator, paths, gitignore=gitignore):
        try:
            done = translator.translate_file(path, **options)
        except InputError as error:
            message = str(error)
            name = str(path)
            yield Unreadable(name, message if message.startswith(name) else f"{name}: {message}")
            continue
        yield report_of(translator, done, str(path))


def check_bytes(translator: Translator, data: bytes, name: str = "-", **options: Any) -> FileReport:
    """The report of input that is not a file (standard input)."""
    return report_of(translator, translator.translate_bytes(data, name=name, **options), name)


def fix_paths(
    translator: Translator,
    paths: Sequence[str | os.PathLike[str]],
    *,
    gitignore: bool = True,
    jobs: int = 1,
    backup: bool = False,
    force: bool = False,
    **options: Any,
) -> Iterable[FileReport]:
    """Rewrite each file to check in place, as `dvd translate --in-place` does (the same
    `translate_files` call); the reports name what was rewritten."""
    files = files_to_check(translator, paths, gitignore=gitignore)
    done = translator.translate_files(
        files, jobs=jobs, in_place=True, backup=backup, force=force, **options
    )
    return [report_of(translator, result) for result in done]

"""What `dvd check` reports, in the formats CI systems and editors read.

- **text**: `path:line:col: concept: found → replacement`, the compiler style that editors
  (`:cfile`, VS Code problem matchers) and people read; e-mails, whose parts are decoded one by
  one and so have no line in the file, read `path: concept: ...`.
- **json**: one object per file, `{"path", "issues": [{"line", "col", "end_line", "end_col",
  "concept", "found", "replacement", "preferred", "from", "to", "kind", "score"}]}`, in a list.
- **github**: workflow commands (`::warning file=…,line=…,col=…::…`), which GitHub Actions
  turns into annotations on the pull request's diff.
- **sarif**: SARIF 2.1.0 for GitHub code scanning and other SARIF viewers: one rule per
  concept found, columns counted in code points (`columnKind`), paths relative to the
  folder the check ran in (`%SRCROOT%`).

Lines and columns are 1-based and count code points, as `dvd translate --format json`'s
offsets do; an end column is the column after the last character (SARIF's convention).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SARIF_VERSION = "2.1.0"


@dataclass(frozen=True, slots=True)
class Issue:
    """A term of another audience at `line:col` of a file (both 0 in an e-mail's parts)."""

    line: int
    col: int
    concept: str
    found: str
    replacement: str
    preferred: str
    audience: str
    to: str
    kind: str
    score: float

    @property
    def end(self) -> tuple[int, int]:
        """The line and column just after the found text."""
        lines = self.found.split("\n")
        if len(lines) == 1:
            return self.line, self.col + len(self.found)
        return self.line + len(lines) - 1, len(lines[-1]) + 1

    def message(self) -> str:
        """`found → replacement` on one line (a term may run across a line break)."""
        return f"{' '.join(self.found.split())} → {' '.join(self.replacement.split())}"


@dataclass(frozen=True, slots=True)
class FileReport:
    """The issues of one file (or `-`, standard input), in the order they stand."""

    path: str
    issues: tuple[Issue, ...] = ()
    notes: Mapping[str, str] = field(default_factory=dict)
    """Each found concept's note, for formats that can show it (SARIF's rule help)."""


def _place(path: str, issue: Issue) -> str:
    return f"{path}:{issue.line}:{issue.col}" if issue.line > 0 else path


def render_text(reports: Iterable[FileReport]) -> str:
    """One line per issue: `path:line:col: concept: found → replacement`."""
    return "".join(
        f"{_place(report.path, issue)}: {issue.concept}: {issue.message()}\n"
        for report in reports
        for issue in report.issues
    )


def issue_record(issue: Issue) -> dict[str, Any]:
    end_line, end_col = issue.end
    return {
        "line": issue.line,
        "col": issue.col,
        "end_line": end_line if issue.line else 0,
        "end_col": end_col if issue.line else 0,
        "concept": issue.concept,
        "found": issue.found,
        "replacement": issue.replacement,
        "preferred": issue.preferred,
        "from": issue.audience,
        "to": issue.to,
        "kind": issue.kind,
        "score": round(issue.score, 1),
    }


def render_json(reports: Iterable[FileReport]) -> str:
    """A JSON list with one object per file read, clean files included (`"issues": []`)."""
    records = [
        {"path": report.path, "issues": [issue_record(i) for i in report.issues]}
        for report in reports
    ]
    return json.dumps(records, ensure_ascii=False, indent=2) + "\n"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render_github(reports: Iterable[FileReport]) -> str:
    """GitHub Actions workflow commands, one `::warning ...::message` line per issue."""
    lines = []
    for report in reports:
        for issue in report.issues:
            props = [f"file={_escape_property(report.path)}"]
            if issue.line > 0:
                end_line, end_col = issue.end
                props += [f"line={issue.line}", f"col={issue.col}"]
                if end_line == issue.line:
                    props.append(f"endColumn={end_col}")
                else:
                    props.append(f"endLine={end_line}")
            props.append(f"title={_escape_property(f'dvd: {issue.concept}')}")
            text = f"{issue.audience} term for {issue.to}: {issue.message()}"
            lines.append(f"::warning {','.join(props)}::{_escape_data(text)}\n")
    return "".join(lines)


def _uri(path: str, root: Path) -> tuple[str, bool]:
    """The artifact URI of `path`: relative to `root` when below it, else a file: URI."""
    if path == "-":
        return "stdin", False
    absolute = Path(path).absolute()
    try:
        return absolute.relative_to(root).as_posix(), True
    except ValueError:
        return absolute.as_uri(), False


def _rule_name(concept: str) -> str:
    """A concept id as SARIF's PascalCase rule name (`back-office` → BackOffice)."""
    return "".join(part.capitalize() for part in concept.replace(".", "-").split("-"))


def render_sarif(
    reports: Sequence[FileReport],
    *,
    version: str,
    root: Path | None = None,
) -> str:
    """A SARIF 2.1.0 log of one run, as GitHub code scanning accepts it."""
    base = (root or Path.cwd()).absolute()
    rules: dict[str, dict[str, Any]] = {}
    results: list[dict[str, Any]] = []
    for report in reports:
        uri, relative = _uri(report.path, base)
        for issue in report.issues:
            if issue.concept not in rules:
                note = report.notes.get(issue.concept)
                rule: dict[str, Any] = {
                    "id": issue.concept,
                    "name": _rule_name(issue.concept),
                    "shortDescription": {
                        "text": f"'{issue.preferred}' is the {issue.to} term for {issue.concept}"
                    },
                    "defaultConfiguration": {"level": "warning"},
                    "properties": {"tags": ["terminology", issue.to]},
                }
                if note:
                    rule["fullDescription"] = {"text": note}
                    rule["help"] = {"text": note}
                rules[issue.concept] = rule
            location: dict[str, Any] = {"artifactLocation": {"uri": uri}}
            if relative:
                location["artifactLocation"]["uriBaseId"] = "%SRCROOT%"
            if issue.line > 0:
                end_line, end_col = issue.end
                location["region"] = {
                    "startLine": issue.line,
                    "startColumn": issue.col,
                    "endLine": end_line,
                    "endColumn": end_col,
                }
            results.append(
                {
                    "ruleId": issue.concept,
                    "ruleIndex": list(rules).index(issue.concept),
                    "level": "warning",
                    "message": {"text": f"{issue.audience} term for {issue.to}: {issue.message()}"},
                    "locations": [{"physicalLocation": location}],
                }
            )
    log = {
        "$schema": SARIF_SCHEMA,
        "version": SARIF_VERSION,
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "dvd",
                        "fullName": "dikkevandale (dvd check)",
                        "version": version,
                        "semanticVersion": version,
                        "rules": list(rules.values()),
                    }
                },
                "originalUriBaseIds": {"%SRCROOT%": {"uri": base.as_uri().rstrip("/") + "/"}},
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"

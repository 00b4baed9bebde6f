"""Output formats of a translation: the JSON contract and a unified diff."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from typing import Any

from dikkevandale.model import Concept, Match, Rewrite, Skip, SkipReason, Suppressed


def rewrite_record(rewrite: Rewrite, offset: int = 0) -> dict[str, Any]:
    """One entry of the JSON `matches` list (DESIGN.md §4); offsets are code points."""
    match = rewrite.match
    return {
        "start": rewrite.start + offset,
        "end": rewrite.end + offset,
        "text": rewrite.text,
        "concept": match.concept,
        "from": match.audience,
        "replacement": rewrite.replacement,
        "kind": match.kind.value,
        "score": round(match.score, 1),
        "needs_review": rewrite.needs_review,
    }


def skip_text(skip: Skip) -> str:
    """Why a term was left alone, in words: "no domain context", "exception 'ticket voor'"."""
    if skip.reason is SkipReason.EXCEPTION:
        return f"exception '{skip.detail}'"
    if skip.reason is SkipReason.NEEDS:
        return f"needs one of: {skip.detail}"
    return skip.reason.value


def skip_record(skip: Skip, offset: int = 0) -> dict[str, Any]:
    """One entry of the JSON `skipped` list: a term found but left alone, and why.

    `reason` is "no domain context", "exception" (then `detail` is the phrase) or "needs"
    (then `detail` lists the words of which none was near).
    """
    return {**_found(skip.match, offset), "reason": skip.reason.value, "detail": skip.detail}


def suppressed_record(suppressed: Suppressed, offset: int = 0) -> dict[str, Any]:
    """One entry of the JSON `suppressed` list: a term a directive left alone, and which."""
    return {**_found(suppressed.match, offset), "directive": suppressed.directive}


def _found(match: Match, offset: int) -> dict[str, Any]:
    return {
        "start": match.start + offset,
        "end": match.end + offset,
        "text": match.text,
        "concept": match.concept,
        "from": match.audience,
        "kind": match.kind.value,
        "score": round(match.score, 1),
    }


def render_json(
    to: str,
    text: str,
    records: Iterable[dict[str, Any]],
    suppressed: Iterable[dict[str, Any]] = (),
    skipped: Iterable[dict[str, Any]] = (),
) -> str:
    """The JSON object printed by `--format json`, one line per run, newline-terminated.

    `matches` is the contract (DESIGN.md §4); `suppressed` (the terms a `dvd off` or
    `dvd-ignore` directive left alone) and `skipped` (the terms found but left alone by
    their context, `skip_record`) are added only when there are any.
    """
    document: dict[str, Any] = {"to": to, "text": text, "matches": list(records)}
    quiet = list(suppressed)
    if quiet:
        document["suppressed"] = quiet
    left = list(skipped)
    if left:
        document["skipped"] = left
    import json  # only for --format json: not every run pays for the module

    return json.dumps(document, ensure_ascii=False) + "\n"


def render_diff(before: str, after: str, name: str = "text") -> str:
    """A unified diff of the input and its translation ("" when nothing changed)."""
    lines = difflib.unified_diff(
        before.splitlines(keepends=True),
        after.splitlines(keepends=True),
        fromfile=f"a/{name.lstrip('/')}",  # git's a/ and b/, never a//abs/path
        tofile=f"b/{name.lstrip('/')}",
    )
    return "".join(
        line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines
    )


def render_concept(concept: Concept, *, details: bool = False) -> str:
    """A concept as the dictionary shows it: every audience's terms, the note, the examples."""
    lines = [f"{concept.id} ({concept.language})"]
    for audience, terms in concept.terms.items():
        spelled = ", ".join(
            f"{term.text} ({term.article})" if term.article else term.text for term in terms
        )
        lines.append(f"  {audience}: {spelled}")
    if concept.note:
        lines.append(f"  note: {concept.note}")
    if details:
        for example in concept.examples:
            lines.append(f"  example to {example.to}: {example.text}")
            lines.append(f"    → {example.expect}")
        if concept.location:
            lines.append(f"  defined at: {concept.location}")
    return "\n".join(lines) + "\n"


_DIFF_COLORS = {
    "+++": "\x1b[1m",
    "---": "\x1b[1m",
    "@@": "\x1b[36m",
    "+": "\x1b[32m",
    "-": "\x1b[31m",
}


def color_diff(diff: str) -> str:
    """A unified diff with git's colours (bold headers, cyan hunks, green +, red -), for a
    terminal; each line's text and line ending stay as they are."""
    out = []
    for line in diff.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        color = next((c for start, c in _DIFF_COLORS.items() if body.startswith(start)), None)
        out.append(f"{color}{body}\x1b[0m{line[len(body) :]}" if color else line)
    return "".join(out)


def explain_suppressed_record(
    path: str, line: int, col: int, quiet: Suppressed, to: str, note: str | None
) -> dict[str, Any]:
    """An explain row for a term that a `dvd off` or `dvd-ignore` directive left alone:
    `replacement` is null and `suppressed` names the directive."""
    row = _explain_row(path, line, col, quiet.match, quiet.match.text, to, None, False, note)
    row["suppressed"] = quiet.directive
    return row


def explain_skipped_record(
    path: str, line: int, col: int, skip: Skip, to: str, note: str | None
) -> dict[str, Any]:
    """An explain row for a term found but left alone by its context: `replacement` is null
    and `skipped` says why ("no domain context", "exception 'ticket voor'", ...)."""
    row = _explain_row(path, line, col, skip.match, skip.match.text, to, None, False, note)
    row["skipped"] = skip_text(skip)
    return row


def explain_record(
    path: str, line: int, col: int, rewrite: Rewrite, to: str, note: str | None
) -> dict[str, Any]:
    """One row of `dvd explain --format json`: where, what, why."""
    replacement, review = rewrite.replacement, rewrite.needs_review
    return _explain_row(path, line, col, rewrite.match, rewrite.text, to, replacement, review, note)


def _explain_row(
    path: str,
    line: int,
    col: int,
    match: Match,
    text: str,
    to: str,
    replacement: str | None,
    needs_review: bool,
    note: str | None,
) -> dict[str, Any]:
    return {
        "path": path,
        "line": line,
        "col": col,
        "text": text,
        "concept": match.concept,
        "from": match.audience,
        "to": to,
        "replacement": replacement,
        "kind": match.kind.value,
        "score": round(match.score, 1),
        "needs_review": needs_review,
        "note": note,
    }

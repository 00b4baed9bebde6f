"""Output formats of a translation: the JSON contract and a unified diff."""

from __future__ import annotations

import difflib
import json
from collections.abc import Iterable
from typing import Any

from dikkevandale.model import Concept, Rewrite, Skip, SkipReason


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
    match = skip.match
    return {
        "start": match.start + offset,
        "end": match.end + offset,
        "text": match.text,
        "concept": match.concept,
        "from": match.audience,
        "kind": match.kind.value,
        "score": round(match.score, 1),
        "reason": skip.reason.value,
        "detail": skip.detail,
    }


def render_json(
    to: str,
    text: str,
    records: Iterable[dict[str, Any]],
    skipped: Iterable[dict[str, Any]] = (),
) -> str:
    """The JSON object printed by `--format json`, one line per run, newline-terminated.

    `matches` are the rewrites (the contract of DESIGN.md §4); `skipped` the terms found but
    left alone by their context (`skip_record`).
    """
    document = {"to": to, "text": text, "matches": list(records), "skipped": list(skipped)}
    return json.dumps(document, ensure_ascii=False) + "\n"


def render_diff(before: str, after: str, name: str = "text") -> str:
    """A unified diff of the input and its translation ("" when nothing changed)."""
    lines = difflib.unified_diff(
        before.splitlines(keepends=True),
        after.splitlines(keepends=True),
        fromfile=f"a/{name}",
        tofile=f"b/{name}",
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

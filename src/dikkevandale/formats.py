"""Output formats of a translation: the JSON contract and a unified diff."""

from __future__ import annotations

import difflib
import json
from collections.abc import Iterable
from typing import Any

from dikkevandale.model import Rewrite


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
    }


def render_json(to: str, text: str, records: Iterable[dict[str, Any]]) -> str:
    """The JSON object printed by `--format json`, one line per run, newline-terminated."""
    return json.dumps({"to": to, "text": text, "matches": list(records)}, ensure_ascii=False) + "\n"


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

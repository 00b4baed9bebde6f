"""The glossary as a Markdown table, for wikis (GitHub, GitLab, Confluence's Markdown macro).

One row per concept: its id and language, a column per audience with the terms (preferred
first, in bold, the article in brackets) and the note. A `|` in a text is escaped and a line
break becomes a space, so every row stays one row of the table.

>>> from dikkevandale.model import Concept, Term
>>> print(export_markdown([Concept("sla", "nl", {"sales": (Term("servicecontract",
...     article="het"),), "it": (Term("SLA", article="de"),)}, "Wat | beloofd is.")]), end="")
| concept | language | sales | it | note |
| --- | --- | --- | --- | --- |
| sla | nl | **servicecontract** (het) | **SLA** (de) | Wat \\| beloofd is. |
"""

from __future__ import annotations

from collections.abc import Sequence

from dikkevandale.model import Concept, Term


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("\\", "\\\\").replace("|", "\\|")


def _term(term: Term, preferred: bool) -> str:
    text = _cell(term.text)
    shown = f"**{text}**" if preferred else text
    return f"{shown} ({term.article})" if term.article else shown


def export_markdown(concepts: Sequence[Concept], audiences: Sequence[str] = ()) -> str:
    """A Markdown table of `concepts` (see the module docstring)."""
    used = list(dict.fromkeys(a for c in concepts for a in c.terms))
    order = [a for a in audiences if a in used] + [a for a in used if a not in audiences]
    header = ["concept", "language", *order, "note"]
    lines = ["| " + " | ".join(header) + " |", "|" + " --- |" * len(header)]
    for concept in concepts:
        cells = [_cell(concept.id), concept.language]
        for audience in order:
            terms = concept.terms.get(audience, ())
            cells.append(", ".join(_term(t, n == 0) for n, t in enumerate(terms)))
        cells.append(_cell(concept.note or ""))
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"

"""The two-column glossary of DeepL and other machine translators, one pair of audiences.

**Two-column glossary** (DeepL style, no header): `source term<TAB>target term` for one pair of
audiences, one row per source term, the target audience's preferred term on every row.
Imported rows are grouped into one concept per target term.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from dikkevandale.exchange.cells import Table
from dikkevandale.exchange.draft import Draft, OptionNeededError
from dikkevandale.model import Code, Concept, LexiconError, Term
from dikkevandale.normalize import fold


def export_glossary(
    concepts: Sequence[Concept], source: str, target: str, *, delimiter: str = "\t"
) -> str:
    """A DeepL-style glossary: every `source` term, then the `target` preferred term."""
    languages = sorted({c.language for c in concepts})
    if len(languages) > 1:
        raise OptionNeededError(
            f"a glossary holds one language, these concepts are in {', '.join(languages)}; "
            "choose one with --language"
        )
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\n")
    seen: set[str] = set()
    for concept in concepts:
        preferred = concept.preferred(target)
        if preferred is None:
            continue
        for term in concept.terms.get(source, ()):
            text = " ".join(term.text.split())  # a glossary entry is one line
            if text not in seen:
                seen.add(text)
                writer.writerow([text, " ".join(preferred.text.split())])
    return buffer.getvalue()


def read_glossary(
    text: str, path: str, delimiter: str, source: str, target: str, language: str
) -> list[Draft]:
    """Drafts of a two-column glossary: one concept per target term."""
    table = Table(text, path, delimiter)
    by_target: dict[str, Draft] = {}
    for row, cells, end in table.records():
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != 2:
            where = cells[2] if len(row) > 2 else end
            message = f"a glossary row has 2 cells (source, target), this one {len(row)}"
            raise LexiconError(where, message, Code.VALUE)
        texts = [cell.strip() for cell in row]
        for piece, where in zip(texts, cells, strict=True):
            if not piece:
                raise LexiconError(where, "empty term", Code.VALUE)
        wanted, preferred = texts
        draft = by_target.get(fold(preferred))
        if draft is None:
            # The target term comes first: the concept's id is made from it.
            terms = {target: [Term(preferred, location=cells[1])], source: []}
            draft = Draft(None, language, cells[1], terms)
            by_target[fold(preferred)] = draft
        if all(fold(t.text) != fold(wanted) for t in draft.terms[source]):
            draft.terms[source].append(Term(wanted, location=cells[0]))
    return list(by_target.values())

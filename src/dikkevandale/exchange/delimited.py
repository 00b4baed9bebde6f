r"""CSV and TSV: one row per concept.

**CSV / TSV** (`,` or tab; quoted by the stdlib csv module where needed): a header row, then
one row per concept. Columns: `id`, `language`, `note`, then per audience `<aud>` holding its
terms joined by ` | ` (preferred first), and `<aud>.article`, `<aud>.plural`,
`<aud>.diminutive`, `<aud>.gender`, `<aud>.case_sensitive`, `<aud>.fuzzy`, `<aud>.forms`,
`<aud>.everyday` (`true`, `false` or empty), `<aud>.not_in`, `<aud>.needs` and
`<aud>.in_compounds`, each ` | `-joined in the same order, a value left empty where a term
has none (`het | `). A term's `not_in` phrases and `needs` words are joined by `; `; its
`forms` are its
`label=spelling` pairs in lexicon order joined by `; `, a label repeated for each of its
spellings (`gen.sg=wdrożenia CRM; loc.sg=wdrożeniu CRM; loc.sg=wdrożeniu systemu CRM`); import
puts the spellings of a label together, as a lexicon holds them. Export writes a field column
only when some term uses it; import takes any subset, in any order, and header names and form
labels in any case. An empty `id` is derived from the first term; an empty or missing
`language` is taken from `--language`. A CSV header with `;` and no `,` is read with `;` (Excel
in Dutch and German locales).

A concept's examples are three more columns, `example.text`, `example.to` and
`example.expect`, each ` | `-joined in the same order and escaped like a field cell, written
only when some concept has examples; import takes them as they are or not at all.

Inside the term, field and example cells (not the note), a backslash escapes the characters that
separate values: export writes `\\`, `\|`, `\;` and `\=` for a `\`, `|`, `;` or `=` that is
part of a value, so every spelling survives the trip; import reads a backslash before any other
character as itself. Spellings of terms, plurals and forms almost never need this.

The two-column glossary of DeepL is in `exchange.glossary`.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

from dikkevandale.exchange.cells import Table, escape, split_escaped, unescape
from dikkevandale.exchange.draft import (
    Draft,
    OptionNeededError,
    form_label_problem,
    parse_flag,
    parse_language,
)
from dikkevandale.lexicon.loader import AUDIENCE_PATTERN
from dikkevandale.model import (
    Code,
    Concept,
    Example,
    LexiconError,
    Location,
    Term,
    did_you_mean,
)

FIELDS = (
    "article",
    "plural",
    "diminutive",
    "gender",
    "case_sensitive",
    "fuzzy",
    "forms",
    "everyday",
    "not_in",
    "needs",
    "in_compounds",
)
_LISTS = ("forms", "not_in", "needs")
"""Fields whose value is a list, its items joined by `; `."""
EXAMPLE_COLUMNS = ("example.text", "example.to", "example.expect")
SEPARATOR = " | "
FORM_SEPARATOR = "; "


def _cell(values: Iterable[str]) -> str:
    found = list(values)
    return SEPARATOR.join(found).strip() if any(found) else ""


def _field_value(term: Term, name: str) -> str:
    """One term's part of a field cell, escaped."""
    if name == "case_sensitive":
        return "true" if term.case_sensitive else ""
    if name == "fuzzy":
        return "" if term.fuzzy else "false"
    if name == "forms":
        return FORM_SEPARATOR.join(f"{escape(k)}={escape(v)}" for k, v in term.forms)
    if name in ("not_in", "needs"):
        return FORM_SEPARATOR.join(escape(item) for item in getattr(term, name))
    if name == "everyday":
        return "" if term.everyday is None else str(term.everyday).lower()
    if name == "in_compounds":
        return "true" if term.in_compounds else ""
    value: str | None = getattr(term, name)
    return escape(value or "")


def export_table(
    concepts: Sequence[Concept], *, delimiter: str = ",", audiences: Sequence[str] = ()
) -> str:
    """One row per concept, a column per audience and per used term field (see the module)."""
    used = list(dict.fromkeys(a for c in concepts for a in c.terms))
    order = [a for a in audiences if a in used] + [a for a in used if a not in audiences]
    columns: list[tuple[str, str | None]] = []
    for audience in order:
        columns.append((audience, None))
        terms = [t for c in concepts for t in c.terms.get(audience, ())]
        columns += [(audience, n) for n in FIELDS if any(_field_value(t, n) for t in terms)]
    examples = any(c.examples for c in concepts)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\n")
    writer.writerow(
        [
            "id",
            "language",
            "note",
            *(a if n is None else f"{a}.{n}" for a, n in columns),
            *(EXAMPLE_COLUMNS if examples else ()),
        ]
    )
    for concept in concepts:
        row = [concept.id, concept.language, concept.note or ""]
        for audience, name in columns:
            own = concept.terms.get(audience, ())
            values = (escape(t.text) if name is None else _field_value(t, name) for t in own)
            row.append(_cell(values))
        if examples:
            row += [
                SEPARATOR.join(escape(getattr(e, key)) for e in concept.examples)
                for key in ("text", "to", "expect")
            ]
        writer.writerow(row)
    return buffer.getvalue()


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def _pieces(cell: str) -> list[str]:
    """A cell's ` | `-joined values, still escaped."""
    return [piece.strip() for piece in split_escaped(cell, "|")] if cell.strip() else []


def _forms(piece: str, language: str, where: Location, key: str) -> tuple[tuple[str, str], ...]:
    """One term's `label=spelling; ...` (see the module docstring); empty entries are skipped."""
    found: list[tuple[str, str]] = []
    for entry in split_escaped(piece, ";"):
        if not entry.strip():
            continue
        label, *spellings = split_escaped(entry, "=")
        label = unescape(label).strip().lower()
        spelling = unescape("=".join(spellings)).strip()
        if not spellings or not label or not spelling:
            raise LexiconError(
                where,
                f"form '{unescape(entry).strip()}' in '{key}' is not label=spelling "
                "(e.g. gen.sg=wdrożenia CRM); separate forms with ';' and terms with '|'",
                Code.VALUE,
            )
        problem = form_label_problem(label, language)
        if problem:
            raise LexiconError(where, f"{problem} (in '{key}')", Code.GRAMMAR)
        found.append((label, spelling))
    return tuple(found)


def _items(piece: str) -> tuple[str, ...]:
    """One term's `a; b` list (`not_in`, `needs`); empty entries are skipped."""
    return tuple(unescape(item).strip() for item in split_escaped(piece, ";") if item.strip())


def _everyday(piece: str, where: Location) -> bool | None:
    """`everyday` as a cell says it: true, false, or empty for not said."""
    return parse_flag(piece, False, where, "everyday") if piece else None


def read_table(
    text: str, path: str, delimiter: str, language: str | None
) -> tuple[list[Draft], list[str]]:
    """Drafts of the concepts of a CSV/TSV table with a header row, and its audiences in order."""
    table = Table(text, path, delimiter)
    records = table.records()
    header = next((r for r in records if any(cell.strip() for cell in r[0])), None)
    if header is None:
        raise LexiconError(Location(table.path, 1, 1), "holds no header row", Code.VALUE)
    names, header_cells, _ = header
    columns: dict[str, int] = {}
    audiences: list[str] = []
    allowed = ("id", "language", "note", "<audience>", *(f"<audience>.{n}" for n in FIELDS))
    for index, (raw, where) in enumerate(zip(names, header_cells, strict=True)):
        name = raw.strip().lower()
        if name in columns:
            raise LexiconError(where, f"column '{name}' appears twice", Code.DUPLICATE_KEY)
        audience, dot, field_name = name.partition(".")
        if name not in ("id", "language", "note", *EXAMPLE_COLUMNS):
            if dot and field_name not in FIELDS:
                hint = did_you_mean(field_name, FIELDS)
                raise LexiconError(
                    where,
                    f"unknown column '{raw}'{hint}; columns: {', '.join(allowed)}",
                    Code.UNKNOWN_KEY,
                )
            if not AUDIENCE_PATTERN.fullmatch(audience):
                shown = raw if len(raw) <= 30 else raw[:27] + "..."
                raise LexiconError(
                    where,
                    f"column '{shown}' is not an audience (lowercase letters and digits); the "
                    "first row must be a header such as id,language,note,sales,it",
                    Code.NAME,
                )
            if not dot:
                audiences.append(audience)
            name = f"{audience}{dot}{field_name}"
        columns[name] = index
    given = [name for name in EXAMPLE_COLUMNS if name in columns]
    if given and len(given) != len(EXAMPLE_COLUMNS):
        message = f"examples need all of {', '.join(EXAMPLE_COLUMNS)}; this file has {given[0]}"
        raise LexiconError(header_cells[columns[given[0]]], message, Code.VALUE)
    for name, index in columns.items():
        audience, dot, _ = name.partition(".")
        if name in EXAMPLE_COLUMNS:
            continue
        if dot and audience not in audiences:
            message = f"column '{name}' has no column '{audience}' with the terms"
            raise LexiconError(header_cells[index], message, Code.VALUE)
    if not audiences:
        message = "no audience column; the header needs e.g. id,language,note,sales,it"
        raise LexiconError(header_cells[0], message, Code.VALUE)
    drafts = [
        _row_draft(table, columns, audiences, row, cells, end, language)
        for row, cells, end in records
        if any(cell.strip() for cell in row)
    ]
    return drafts, audiences


def _row_draft(
    table: Table,
    columns: dict[str, int],
    audiences: list[str],
    row: list[str],
    cells: list[Location],
    end: Location,
    language: str | None,
) -> Draft:
    width = len(columns)
    if len(row) != width:
        where = cells[width] if len(row) > width else end
        raise LexiconError(
            where,
            f"row has {len(row)} cells, the header has {width}; quote a cell that holds "
            f"{table.delimiter!r} or a line break",
            Code.VALUE,
        )

    def value(name: str) -> str:
        return row[columns[name]].strip() if name in columns else ""

    row_language = value("language")
    if row_language:
        code = parse_language(row_language, cells[columns["language"]])
    elif language is None:
        raise OptionNeededError(f"{cells[0]}: row names no language; pass --language")
    else:
        code = language
    draft = Draft(value("id") or None, code, cells[0], note=value("note") or None)
    if "id" in columns:
        draft.location = cells[columns["id"]]
    if EXAMPLE_COLUMNS[0] in columns:
        draft.examples = _examples(row, cells, columns)
    for audience in audiences:
        where = cells[columns[audience]]
        texts = [unescape(piece) for piece in _pieces(row[columns[audience]])]
        if any(not text for text in texts):
            raise LexiconError(where, f"empty term in '{audience}' (two '|' in a row?)", Code.VALUE)
        fields: dict[str, list[str]] = {}
        at: dict[str, Location] = {}
        for name in FIELDS:
            key = f"{audience}.{name}"
            at[name] = cells[columns[key]] if key in columns else where
            pieces = _pieces(row[columns[key]]) if key in columns else []
            if pieces and len(pieces) != len(texts):
                raise LexiconError(
                    at[name],
                    f"'{key}' has {_count(len(pieces), 'value')} for {len(texts)} terms; "
                    "separate them with ' | ', leaving a value empty where a term has none",
                    Code.VALUE,
                )
            fields[name] = pieces or [""] * len(texts)
        draft.terms[audience] = [
            Term(
                text,
                unescape(fields["article"][n]) or None,
                unescape(fields["plural"][n]) or None,
                parse_flag(
                    unescape(fields["case_sensitive"][n]),
                    False,
                    at["case_sensitive"],
                    "case_sensitive",
                ),
                parse_flag(unescape(fields["fuzzy"][n]), True, at["fuzzy"], "fuzzy"),
                where,
                unescape(fields["diminutive"][n]) or None,
                _forms(fields["forms"][n], code, at["forms"], f"{audience}.forms"),
                unescape(fields["gender"][n]) or None,
                _everyday(unescape(fields["everyday"][n]), at["everyday"]),
                _items(fields["not_in"][n]),
                _items(fields["needs"][n]),
                parse_flag(
                    unescape(fields["in_compounds"][n]),
                    False,
                    at["in_compounds"],
                    "in_compounds",
                ),
            )
            for n, text in enumerate(texts)
        ]
    return draft


def _examples(
    row: list[str], cells: list[Location], columns: dict[str, int]
) -> tuple[Example, ...]:
    """A row's examples from its three parallel example columns."""
    parts = [[unescape(p) for p in _pieces(row[columns[name]])] for name in EXAMPLE_COLUMNS]
    where = cells[columns[EXAMPLE_COLUMNS[0]]]
    if len({len(values) for values in parts}) > 1:
        counts = ", ".join(f"{len(v)} in {n}" for v, n in zip(parts, EXAMPLE_COLUMNS, strict=True))
        raise LexiconError(
            where, f"the example columns disagree ({counts}); separate examples with ' | '"
        )
    return tuple(Example(text, to, expect, where) for text, to, expect in zip(*parts, strict=True))

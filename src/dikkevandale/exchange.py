"""Lexicon exchange: concepts to CSV, TSV, TBX and JSON, and those files back to a YAML lexicon.

Termbases live in spreadsheets, CAT tools and DeepL; these formats let a lexicon travel there
and back. Exporting and importing the same lexicon keeps every concept, term, article, plural,
flag and note (JSON keeps the examples too; CSV, TSV and TBX leave them out).

**CSV / TSV** (`,` or tab; quoted by the stdlib csv module where needed): a header row, then
one row per concept. Columns: `id`, `language`, `note`, then per audience `<aud>` holding its
terms joined by ` | ` (preferred first), and `<aud>.article`, `<aud>.plural`,
`<aud>.case_sensitive`, `<aud>.fuzzy`, each ` | `-joined in the same order, a value left empty
where a term has none (`het | `). Export writes a field column only when some term uses it;
import takes any subset, in any order, and header names in any case. An empty `id` is derived
from the first term; an empty or missing `language` is taken from `--language`. A CSV header
with `;` and no `,` is read with `;` (Excel in Dutch and German locales).

**Two-column glossary** (DeepL style, no header): `source term<TAB>target term` for one pair of
audiences, one row per source term, the target audience's preferred term on every row.
Imported rows are grouped into one concept per target term.

**TBX** (TBX-Basic, ISO 30042:2019, DCA style, namespace `urn:iso:std:iso:30042:ed-2`): one
`<conceptEntry id=...>` per concept (an id starting with a digit gets a `_` in front, as XML ids
must start with a letter), one `<langSec xml:lang=...>`, the note as its
`<descrip type="definition">`, and one `<termSec>` per term with `<term>` and these
`<termNote type=...>`: `administrativeStatus` (`preferredTerm-admn-sts` for an audience's first
term, else `admittedTerm-admn-sts`), and the dvd data categories `x-audience`, `x-article`
(`de`/`het`: Dutch articles do not map onto `grammaticalGender`, since a de-word may be masculine
or feminine), `x-plural`, `x-case-sensitive` (`true`) and `x-fuzzy` (`false`). Import also reads
the TBX 2008 form (`<martif>`, `<termEntry>`, `<langSet>`, `<tig>`/`<ntig>`), a `<note>` as the
note when there is no definition, `grammaticalGender` as the article of a Dutch term (neuter:
het, else de) and regional languages (`nl-BE`) as their language (`nl`). Terms without
`x-audience` go to the audience given as `default_audience` (`--audience NAME`); without it, the
import stops and says so. Entity declarations are refused (no entity expansion attacks).

**JSON** (export and import): a list of concept objects, every field always present:
`{"id", "language", "note" (string or null), "terms": {audience: [{"term", "article", "plural",
"case_sensitive", "fuzzy"}, ...]}, "examples": [{"text", "to", "expect"}, ...]}`.

Every problem in an imported file is a LexiconError at its `path:line:col` (JSON: the path and
which concept); an import that needs one more option raises OptionNeededError.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import tempfile
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from pathlib import Path
from typing import Any
from xml.parsers import expat

from dikkevandale.layers import ambiguities
from dikkevandale.loader import (
    AUDIENCE_PATTERN,
    ID_PATTERN,
    LANGUAGE_PATTERN,
    TERM_KEYS,
    read_concepts,
)
from dikkevandale.model import Concept, Example, LexiconError, Location, Term, did_you_mean
from dikkevandale.normalize import fold
from dikkevandale.yamlwriter import lexicon_lines


class ExchangeFormat(StrEnum):
    CSV = "csv"
    TSV = "tsv"
    TBX = "tbx"
    JSON = "json"


class OptionNeededError(ValueError):
    """The file can be imported only with one more option (`--language`, `--audience`)."""


FIELDS = ("article", "plural", "case_sensitive", "fuzzy")
SEPARATOR = " | "
TBX_NAMESPACE = "urn:iso:std:iso:30042:ed-2"
PREFERRED = "preferredTerm-admn-sts"
ADMITTED = "admittedTerm-admn-sts"
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_DELIMITERS = {ExchangeFormat.CSV: ",", ExchangeFormat.TSV: "\t"}
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


# --- export ----------------------------------------------------------------------------------


def export_concepts(
    concepts: Sequence[Concept],
    fmt: str,
    *,
    audiences: Sequence[str] = (),
    source: str | None = None,
    target: str | None = None,
) -> str:
    """Concepts as the text of an exchange file; `source` and `target` make a glossary.

    >>> from dikkevandale import load_builtin
    >>> dutch = [c for c in load_builtin().concepts if c.language == "nl"]
    >>> text = export_concepts(dutch, "tsv", source="sales", target="it")
    >>> text.splitlines()[0]
    '360-graden-klantbeeld\\tmid-office-oplossing op basis van XML'
    """
    fmt = ExchangeFormat(fmt)
    if source is not None or target is not None:
        if source is None or target is None or fmt not in _DELIMITERS:
            raise ValueError("a glossary is CSV or TSV and needs both source and target")
        return export_glossary(concepts, source, target, delimiter=_DELIMITERS[fmt])
    if fmt is ExchangeFormat.TBX:
        return export_tbx(concepts)
    if fmt is ExchangeFormat.JSON:
        return export_json(concepts)
    return export_table(concepts, delimiter=_DELIMITERS[fmt], audiences=audiences)


def _cell(values: Iterable[str]) -> str:
    found = list(values)
    return SEPARATOR.join(found).strip() if any(found) else ""


def _field_value(term: Term, name: str) -> str:
    if name == "case_sensitive":
        return "true" if term.case_sensitive else ""
    if name == "fuzzy":
        return "" if term.fuzzy else "false"
    value: str | None = getattr(term, name)
    return value or ""


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
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\n")
    writer.writerow(
        ["id", "language", "note", *(a if n is None else f"{a}.{n}" for a, n in columns)]
    )
    for concept in concepts:
        row = [concept.id, concept.language, concept.note or ""]
        for audience, name in columns:
            own = concept.terms.get(audience, ())
            values = (t.text if name is None else _field_value(t, name) for t in own)
            row.append(_cell(values))
        writer.writerow(row)
    return buffer.getvalue()


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


def export_json(concepts: Sequence[Concept]) -> str:
    """The JSON list of concepts described in the module docstring."""
    records = [
        {
            "id": c.id,
            "language": c.language,
            "note": c.note,
            "terms": {
                audience: [
                    {
                        "term": t.text,
                        "article": t.article,
                        "plural": t.plural,
                        "case_sensitive": t.case_sensitive,
                        "fuzzy": t.fuzzy,
                    }
                    for t in terms
                ]
                for audience, terms in c.terms.items()
            },
            "examples": [{"text": e.text, "to": e.to, "expect": e.expect} for e in c.examples],
        }
        for c in concepts
    ]
    return json.dumps(records, ensure_ascii=False, indent=2) + "\n"


def _xml_text(text: str, concept: Concept) -> str:
    if _XML_ILLEGAL.search(text):
        raise LexiconError(
            concept.location, f"concept '{concept.id}' holds a control character XML cannot hold"
        )
    return text


def export_tbx(concepts: Sequence[Concept]) -> str:
    """A TBX-Basic document (see the module docstring for the data categories used)."""
    language = concepts[0].language if concepts else "en"
    root = ET.Element(
        "tbx",
        {"type": "TBX-Basic", "style": "dca", _XML_LANG: language, "xmlns": TBX_NAMESPACE},
    )
    description = ET.SubElement(
        ET.SubElement(ET.SubElement(root, "tbxHeader"), "fileDesc"), "sourceDesc"
    )
    ET.SubElement(description, "p").text = "Exported by dikkevandale (dvd lexicon export)."
    body = ET.SubElement(ET.SubElement(root, "text"), "body")
    for concept in concepts:
        entry_id = concept.id if concept.id[0].isalpha() else f"_{concept.id}"
        entry = ET.SubElement(body, "conceptEntry", {"id": entry_id})
        section = ET.SubElement(entry, "langSec", {_XML_LANG: concept.language})
        if concept.note:
            note = ET.SubElement(section, "descrip", {"type": "definition"})
            note.text = _xml_text(concept.note, concept)
        for audience, terms in concept.terms.items():
            for number, term in enumerate(terms):
                term_section = ET.SubElement(section, "termSec")
                ET.SubElement(term_section, "term").text = _xml_text(term.text, concept)
                notes = [
                    ("administrativeStatus", PREFERRED if number == 0 else ADMITTED),
                    ("x-audience", audience),
                    ("x-article", term.article or ""),
                    ("x-plural", _xml_text(term.plural or "", concept)),
                    ("x-case-sensitive", "true" if term.case_sensitive else ""),
                    ("x-fuzzy", "" if term.fuzzy else "false"),
                ]
                for kind, value in notes:
                    if value:
                        ET.SubElement(term_section, "termNote", {"type": kind}).text = value
    ET.indent(root, space="  ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, "unicode") + "\n"


# --- import: shared --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ImportedLexicon:
    """An imported file as a lexicon: its YAML text and the concepts read back from that text."""

    text: str
    concepts: tuple[Concept, ...]
    language: str
    audiences: tuple[str, ...]


@dataclass(slots=True)
class _Draft:
    """A concept as read from a file, before it is checked as a lexicon (mutable while read)."""

    id: str | None
    language: str | None
    location: Location
    terms: dict[str, list[Term]] = field(default_factory=dict)
    note: str | None = None
    examples: tuple[Example, ...] = ()


def decode_source(data: bytes, path: str, hint: str = "") -> str:
    """A file's text: UTF-8 with or without a BOM, not empty, no NUL bytes.

    `hint` follows the advice to save as UTF-8, e.g. " (in Excel: 'CSV UTF-8')".
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise LexiconError(Location(path, 1, 1), "is UTF-16; save it as UTF-8", "DVD014")
    bom = 3 if data.startswith(b"\xef\xbb\xbf") else 0
    try:
        text = data[bom:].decode("utf-8")
    except UnicodeDecodeError as error:
        start = bom + error.start
        before = data[bom:start]
        line_start = before.rfind(b"\n") + 1
        col = len(before[line_start:].decode("utf-8", errors="replace")) + 1
        raise LexiconError(
            Location(path, before.count(b"\n") + 1, col),
            f"not UTF-8 (byte {start}); save the file as UTF-8{hint}",
            "DVD014",
        ) from None
    if "\0" in text:
        offset = bom + len(text[: text.index("\0")].encode("utf-8"))
        raise LexiconError(Location(path), f"binary data (NUL byte at {offset})", "DVD014")
    if not text.strip():
        raise LexiconError(Location(path, 1, 1), "file is empty", "DVD003")
    return text


def import_lexicon(
    data: bytes,
    fmt: str,
    path: str,
    *,
    language: str | None = None,
    default_audience: str | None = None,
    source: str | None = None,
    target: str | None = None,
) -> ImportedLexicon:
    """An exchange file's bytes as a new, validated YAML lexicon of one language.

    `language` picks one language of a multilingual file (and is the language of rows that
    name none); `source` and `target` read a two-column glossary.

    >>> data = b"id,language,sales,it\\nsla,nl,servicegarantie,SLA\\n"
    >>> print(import_lexicon(data, "csv", "terms.csv").text)  # doctest: +ELLIPSIS
    # Imported from terms.csv ...
    dvd: 1
    language: nl
    audiences: [sales, it]
    concepts:
      - id: sla
        sales:
          - servicegarantie
        it:
          - SLA
    <BLANKLINE>
    """
    fmt = ExchangeFormat(fmt)
    text = decode_source(data, path, " (in Excel: 'CSV UTF-8')" if fmt in _DELIMITERS else "")
    if fmt is ExchangeFormat.TBX:
        drafts, declared = _read_tbx(text, path, default_audience, language)
    elif fmt is ExchangeFormat.JSON:
        drafts, declared = _read_json(text, path)
    elif source is not None and target is not None:
        if language is None:
            raise OptionNeededError(
                f"{path}: a two-column glossary names no language; pass --language"
            )
        drafts = _read_glossary(_Table(text, path, _DELIMITERS[fmt]), source, target, language)
        declared = [source, target]
    else:
        drafts, declared = _read_table(_Table(text, path, _DELIMITERS[fmt]), language)
    concepts, chosen = _select(drafts, path, language)
    used = {a for c in concepts for a in c.terms}
    audiences = tuple(a for a in declared if a in used)
    comment = f"Imported from {_printable(path)} by `dvd lexicon import` ({fmt.value})."
    return _checked(concepts, audiences, chosen, path, comment)


def _printable(text: str) -> str:
    return "".join(c if c.isprintable() else "?" for c in text)


def _language(raw: str, location: Location) -> str:
    code = raw.strip().lower().replace("_", "-").split("-")[0]
    if not LANGUAGE_PATTERN.fullmatch(code):
        raise LexiconError(location, f"language '{raw}' is not a code like nl, en, pl", "DVD013")
    return code


def _audience(raw: str, location: Location) -> str:
    name = raw.strip().lower()
    if not AUDIENCE_PATTERN.fullmatch(name):
        raise LexiconError(
            location, f"audience '{raw}' must be lowercase letters and digits", "DVD013"
        )
    return name


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9.]+", "-", fold(text)).strip("-.") or "concept"


def _select(drafts: list[_Draft], path: str, language: str | None) -> tuple[list[Concept], str]:
    """The concepts of one language, each with a unique valid id."""
    languages = list(dict.fromkeys(d.language for d in drafts if d.language))
    if language is not None:
        drafts = [d for d in drafts if d.language == language]
        if not drafts and languages:
            raise OptionNeededError(
                f"{path} has no concepts in '{language}', only in: {', '.join(languages)}"
            )
    elif len(languages) > 1:
        raise OptionNeededError(
            f"{path} holds concepts in {', '.join(languages)}; a lexicon has one language, "
            "so import one at a time with --language"
        )
    if not drafts:
        raise LexiconError(Location(path, 1, 1), "holds no concepts", "DVD003")
    chosen = language or languages[0]
    given: dict[str, Location] = {}
    for draft in drafts:
        if draft.id is None:
            continue
        draft.id = draft.id if ID_PATTERN.fullmatch(draft.id) else _slug(draft.id)
        if draft.id in given:
            raise LexiconError(
                draft.location,
                f"duplicate concept id '{draft.id}' (first at {given[draft.id]})",
                "DVD005",
            )
        given[draft.id] = draft.location
    concepts: list[Concept] = []
    taken = set(given)
    for draft in drafts:
        if draft.id is None:
            first = next((terms[0].text for terms in draft.terms.values() if terms), "concept")
            base = draft.id = _slug(first)
            number = 1
            while draft.id in taken:
                number += 1
                draft.id = f"{base}-{number}"
            taken.add(draft.id)
        terms = {a: tuple(t) for a, t in draft.terms.items() if t}
        concepts.append(
            Concept(draft.id, chosen, terms, draft.note, draft.examples, draft.location)
        )
    return concepts, chosen


# --- import: the YAML lexicon ----------------------------------------------------------------


def _checked(
    concepts: Sequence[Concept], audiences: Sequence[str], language: str, path: str, comment: str
) -> ImportedLexicon:
    """Render, then read the lexicon back as `dvd` will: every problem at its source location."""
    lines = list(lexicon_lines(concepts, audiences, language, comment))
    text = "".join(line + "\n" for line, _ in lines)
    origins = [where for _, where in lines]

    def origin(location: Location | None) -> Location:
        if location is None or location.line < 1:
            return Location(path)
        for found in reversed(origins[: location.line]):
            if found is not None:
                return found
        return Location(path)

    parsed, problems = read_concepts(text, path)
    if problems:
        raise LexiconError(origin(problems[0].location), problems[0].message, problems[0].code)
    located = tuple(_relocate(c, origin) for c in parsed)
    for problem in ambiguities(located):
        raise problem
    return ImportedLexicon(text, located, language, tuple(audiences))


def _relocate(concept: Concept, origin: Callable[[Location | None], Location]) -> Concept:
    return replace(
        concept,
        location=origin(concept.location),
        terms={
            audience: tuple(replace(t, location=origin(t.location)) for t in terms)
            for audience, terms in concept.terms.items()
        },
        examples=tuple(replace(e, location=origin(e.location)) for e in concept.examples),
    )


# --- import: CSV and TSV ---------------------------------------------------------------------


class _Table:
    """The records of a CSV/TSV file, each cell with its `path:line:col`."""

    def __init__(self, text: str, path: str, delimiter: str) -> None:
        self.path = path
        self.lines = list(io.StringIO(text, newline=""))
        first = next((line for line in self.lines if line.strip()), "")
        if delimiter == "," and "," not in first and ";" in first:
            delimiter = ";"
        self.delimiter = delimiter

    def at(self, line: int, offset: int) -> Location:
        """The location `offset` characters after the start of line index `line`."""
        while line + 1 < len(self.lines) and offset >= len(self.lines[line]):
            offset -= len(self.lines[line])
            line += 1
        return Location(self.path, line + 1, offset + 1)

    def records(self) -> Iterator[tuple[list[str], list[Location], Location]]:
        """Each record's cells, their locations and the location of the record's end."""
        reader = csv.reader(iter(self.lines), delimiter=self.delimiter, strict=True)
        consumed = 0
        while True:
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as error:
                self._scan("".join(self.lines[consumed:]), consumed)
                raise LexiconError(
                    Location(self.path, reader.line_num, 1), f"malformed record: {error}", "DVD001"
                ) from None
            start, consumed = consumed, reader.line_num
            raw = "".join(self.lines[start:consumed])
            starts = self._scan(raw, start)
            if len(starts) != len(row):  # pragma: no cover - the scan follows csv's rules
                starts = [0] * len(row)
            end = len(raw.rstrip("\r\n"))
            yield row, [self.at(start, s) for s in starts], self.at(start, end)

    def _scan(self, raw: str, line: int) -> list[int]:
        """Where each cell of the first record in `raw` starts; bad quoting is an error here."""
        starts = [0]
        index = 0
        while index < len(raw):
            char = raw[index]
            if char == '"' and index == starts[-1]:
                close = index + 1
                while True:
                    close = raw.find('"', close)
                    if close < 0:
                        raise LexiconError(
                            self.at(line, index), "quoted cell is never closed", "DVD001"
                        )
                    if raw.startswith('""', close):
                        close += 2
                        continue
                    break
                index = close + 1
                if index < len(raw) and raw[index] not in (self.delimiter, "\r", "\n"):
                    raise LexiconError(
                        self.at(line, index),
                        f"text after a quoted cell; put {self.delimiter!r} after the closing "
                        'quote, or double a quote inside a quoted cell ("")',
                        "DVD001",
                    )
            elif char == self.delimiter:
                index += 1
                starts.append(index)
            elif char in "\r\n":
                break
            else:
                index += 1
        return starts


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def _pieces(cell: str) -> list[str]:
    return [piece.strip() for piece in cell.split("|")] if cell.strip() else []


def _flag(piece: str, default: bool, where: Location, name: str) -> bool:
    value = piece.lower()
    if not value:
        return default
    if value in ("true", "yes", "1"):
        return True
    if value in ("false", "no", "0"):
        return False
    raise LexiconError(where, f"{name} must be true or false, not '{piece}'", "DVD003")


def _read_table(table: _Table, language: str | None) -> tuple[list[_Draft], list[str]]:
    records = table.records()
    header = next((r for r in records if any(cell.strip() for cell in r[0])), None)
    if header is None:
        raise LexiconError(Location(table.path, 1, 1), "holds no header row", "DVD003")
    names, header_cells, _ = header
    columns: dict[str, int] = {}
    audiences: list[str] = []
    allowed = ("id", "language", "note", "<audience>", *(f"<audience>.{n}" for n in FIELDS))
    for index, (raw, where) in enumerate(zip(names, header_cells, strict=True)):
        name = raw.strip().lower()
        if name in columns:
            raise LexiconError(where, f"column '{name}' appears twice", "DVD004")
        audience, dot, field_name = name.partition(".")
        if name not in ("id", "language", "note"):
            if dot and field_name not in FIELDS:
                hint = did_you_mean(field_name, FIELDS)
                raise LexiconError(
                    where, f"unknown column '{raw}'{hint}; columns: {', '.join(allowed)}", "DVD002"
                )
            if not AUDIENCE_PATTERN.fullmatch(audience):
                shown = raw if len(raw) <= 30 else raw[:27] + "..."
                raise LexiconError(
                    where,
                    f"column '{shown}' is not an audience (lowercase letters and digits); the "
                    "first row must be a header such as id,language,note,sales,it",
                    "DVD013",
                )
            if not dot:
                audiences.append(audience)
            name = f"{audience}{dot}{field_name}"
        columns[name] = index
    for name, index in columns.items():
        audience, dot, _ = name.partition(".")
        if dot and audience not in audiences:
            message = f"column '{name}' has no column '{audience}' with the terms"
            raise LexiconError(header_cells[index], message, "DVD003")
    if not audiences:
        message = "no audience column; the header needs e.g. id,language,note,sales,it"
        raise LexiconError(header_cells[0], message, "DVD003")
    drafts = [
        _row_draft(table, columns, audiences, row, cells, end, language)
        for row, cells, end in records
        if any(cell.strip() for cell in row)
    ]
    return drafts, audiences


def _row_draft(
    table: _Table,
    columns: dict[str, int],
    audiences: list[str],
    row: list[str],
    cells: list[Location],
    end: Location,
    language: str | None,
) -> _Draft:
    width = len(columns)
    if len(row) != width:
        where = cells[width] if len(row) > width else end
        raise LexiconError(
            where,
            f"row has {len(row)} cells, the header has {width}; quote a cell that holds "
            f"{table.delimiter!r} or a line break",
            "DVD003",
        )

    def value(name: str) -> str:
        return row[columns[name]].strip() if name in columns else ""

    row_language = value("language")
    if row_language:
        code: str | None = _language(row_language, cells[columns["language"]])
    elif language is None:
        raise OptionNeededError(f"{cells[0]}: row names no language; pass --language")
    else:
        code = language
    draft = _Draft(value("id") or None, code, cells[0], note=value("note") or None)
    if "id" in columns:
        draft.location = cells[columns["id"]]
    for audience in audiences:
        where = cells[columns[audience]]
        texts = _pieces(row[columns[audience]])
        if any(not text for text in texts):
            raise LexiconError(where, f"empty term in '{audience}' (two '|' in a row?)", "DVD003")
        fields: dict[str, list[str]] = {}
        for name in FIELDS:
            key = f"{audience}.{name}"
            pieces = _pieces(row[columns[key]]) if key in columns else []
            if pieces and len(pieces) != len(texts):
                raise LexiconError(
                    cells[columns[key]],
                    f"'{key}' has {_count(len(pieces), 'value')} for {len(texts)} terms; "
                    "separate them with ' | ', leaving a value empty where a term has none",
                    "DVD003",
                )
            fields[name] = pieces or [""] * len(texts)
        at = {
            name: cells[columns[f"{audience}.{name}"]]
            for name in FIELDS
            if f"{audience}.{name}" in columns
        }
        draft.terms[audience] = [
            Term(
                text,
                fields["article"][n] or None,
                fields["plural"][n] or None,
                _flag(
                    fields["case_sensitive"][n],
                    False,
                    at.get("case_sensitive", where),
                    "case_sensitive",
                ),
                _flag(fields["fuzzy"][n], True, at.get("fuzzy", where), "fuzzy"),
                where,
            )
            for n, text in enumerate(texts)
        ]
    return draft


def _read_glossary(table: _Table, source: str, target: str, language: str) -> list[_Draft]:
    by_target: dict[str, _Draft] = {}
    for row, cells, end in table.records():
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != 2:
            where = cells[2] if len(row) > 2 else end
            message = f"a glossary row has 2 cells (source, target), this one {len(row)}"
            raise LexiconError(where, message, "DVD003")
        texts = [cell.strip() for cell in row]
        for text, where in zip(texts, cells, strict=True):
            if not text:
                raise LexiconError(where, "empty term", "DVD003")
        wanted, preferred = texts
        draft = by_target.get(fold(preferred))
        if draft is None:
            # The target term comes first: the concept's id is made from it.
            terms = {target: [Term(preferred, location=cells[1])], source: []}
            draft = _Draft(None, language, cells[1], terms)
            by_target[fold(preferred)] = draft
        if all(fold(t.text) != fold(wanted) for t in draft.terms[source]):
            draft.terms[source].append(Term(wanted, location=cells[0]))
    return list(by_target.values())


# --- import: TBX -----------------------------------------------------------------------------


@dataclass(slots=True)
class _Element:
    """An XML element with its location; ElementTree does not keep line numbers."""

    name: str
    attrs: dict[str, str]
    location: Location
    content: list[str | _Element] = field(default_factory=list)

    @property
    def children(self) -> list[_Element]:
        return [c for c in self.content if isinstance(c, _Element)]

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.content)

    def iter(self) -> Iterator[_Element]:
        yield self
        for child in self.children:
            yield from child.iter()


def _local(name: str) -> str:
    return name.rpartition("}")[2]


def _parse_xml(text: str, path: str) -> _Element:
    parser = expat.ParserCreate(namespace_separator="}")
    stack: list[_Element] = []
    roots: list[_Element] = []

    def here() -> Location:
        return Location(path, parser.CurrentLineNumber, parser.CurrentColumnNumber + 1)

    def start(name: str, attrs: dict[str, str]) -> None:
        element = _Element(_local(name), {_local(k): v for k, v in attrs.items()}, here())
        (stack[-1].content if stack else roots).append(element)
        stack.append(element)

    def end(name: str) -> None:
        stack.pop()

    def characters(data: str) -> None:
        if stack:
            stack[-1].content.append(data)

    def refuse(*args: object) -> None:
        raise LexiconError(here(), "entity declarations are not allowed in a TBX file", "DVD001")

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = characters
    parser.EntityDeclHandler = refuse
    try:
        parser.Parse(text, True)
    except expat.ExpatError as error:
        raise LexiconError(
            Location(path, error.lineno, error.offset + 1),
            f"invalid XML: {expat.ErrorString(error.code)}",
            "DVD001",
        ) from None
    return roots[0]


def _typed(element: _Element, kinds: tuple[str, ...], kind: str) -> _Element | None:
    """The first child (or child of a ...Grp) of one of `kinds` whose type is `kind`."""
    for child in element.children:
        found = [child, *child.children] if child.name.endswith("Grp") else [child]
        for candidate in found:
            if candidate.name in kinds and candidate.attrs.get("type") == kind:
                return candidate
    return None


def _note_of(element: _Element) -> str | None:
    definition = _typed(element, ("descrip",), "definition")
    if definition is None:
        definition = next((c for c in element.children if c.name == "note"), None)
    text = definition.text().strip() if definition is not None else ""
    return text or None


def _read_tbx(
    text: str, path: str, default: str | None, wanted: str | None
) -> tuple[list[_Draft], list[str]]:
    root = _parse_xml(text, path)
    if root.name not in ("tbx", "martif"):
        message = f"not a TBX file: the root element is <{root.name}>, not <tbx> or <martif>"
        raise LexiconError(root.location, message, "DVD003")
    drafts: list[_Draft] = []
    audiences: list[str] = []
    for entry in root.iter():
        if entry.name not in ("conceptEntry", "termEntry"):
            continue
        by_language: dict[str, _Draft] = {}
        preferred_in: dict[str, set[str]] = {}
        entry_id = entry.attrs.get("id", "").strip().lower() or None
        for section in entry.children:
            if section.name not in ("langSec", "langSet"):
                continue
            if "lang" not in section.attrs:
                raise LexiconError(section.location, "<langSec> has no xml:lang", "DVD003")
            language = _language(section.attrs["lang"], section.location)
            if wanted is not None and language != wanted:
                # Still a draft, so that "no concepts in 'pl', only in: ..." can list it.
                drafts.append(_Draft(entry_id, language, entry.location))
                continue
            draft = by_language.get(language)
            if draft is None:
                draft = by_language[language] = _Draft(entry_id, language, entry.location)
                drafts.append(draft)
            has_preferred = preferred_in.setdefault(language, set())
            draft.note = draft.note or _note_of(section) or _note_of(entry)
            for term_section in section.children:
                if term_section.name in ("termSec", "tig", "ntig"):
                    audience, term, preferred = _tbx_term(term_section, language, default)
                    if audience not in audiences:
                        audiences.append(audience)
                    terms = draft.terms.setdefault(audience, [])
                    if preferred and audience not in has_preferred:
                        has_preferred.add(audience)
                        terms.insert(0, term)
                    else:
                        terms.append(term)
    return drafts, audiences


def _tbx_term(section: _Element, language: str, default: str | None) -> tuple[str, Term, bool]:
    term_element = next((e for e in section.iter() if e.name == "term"), None)
    if term_element is None:
        raise LexiconError(section.location, f"<{section.name}> has no <term>", "DVD003")
    text = term_element.text().strip()
    notes: dict[str, tuple[str, Location]] = {}
    for element in section.iter():
        kind = element.attrs.get("type")
        if element.name in ("termNote", "admin", "descrip") and kind and kind not in notes:
            notes[kind] = (element.text().strip(), element.location)
    where = term_element.location
    if "x-audience" in notes:
        audience = _audience(*notes["x-audience"])
    elif default is not None:
        audience = default
    else:
        raise OptionNeededError(
            f"{where}: term '{text}' has no audience (<termNote type=\"x-audience\">); "
            "pass --audience NAME to put such terms under one audience"
        )
    article = notes["x-article"][0] if "x-article" in notes else None
    if article is None and language == "nl" and "grammaticalGender" in notes:
        article = "het" if notes["grammaticalGender"][0] == "neuter" else "de"
    flags = {
        name: _flag(notes[key][0], default_value, notes[key][1], name)
        for name, key, default_value in (
            ("case_sensitive", "x-case-sensitive", False),
            ("fuzzy", "x-fuzzy", True),
        )
        if key in notes
    }
    plural = notes["x-plural"][0] if "x-plural" in notes else None
    term = Term(
        text,
        article or None,
        plural or None,
        flags.get("case_sensitive", False),
        flags.get("fuzzy", True),
        where,
    )
    status = notes.get("administrativeStatus", ("", where))[0]
    return audience, term, status == PREFERRED


# --- import: JSON ----------------------------------------------------------------------------


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for key, value in pairs:
        if key in found:
            raise ValueError(f"duplicate key '{key}'")
        found[key] = value
    return found


def _read_json(text: str, path: str) -> tuple[list[_Draft], list[str]]:
    try:
        records = json.loads(text, object_pairs_hook=_no_duplicates)
    except json.JSONDecodeError as error:
        where = Location(path, error.lineno, error.colno)
        raise LexiconError(where, f"invalid JSON: {error.msg}", "DVD001") from None
    except ValueError as error:
        raise LexiconError(Location(path), f"invalid JSON: {error}", "DVD004") from None
    if not isinstance(records, list):
        raise LexiconError(Location(path, 1, 1), "must be a JSON list of concepts", "DVD003")
    drafts: list[_Draft] = []
    audiences: list[str] = []
    for number, record in enumerate(records, 1):
        read = _JsonConcept(path, number, record)
        drafts.append(read.draft)
        audiences += [a for a in read.draft.terms if a not in audiences]
    return drafts, audiences


class _JsonConcept:
    """One concept object of the JSON export; a problem names the concept by number and id."""

    KEYS = ("id", "language", "note", "terms", "examples")

    def __init__(self, path: str, number: int, record: object) -> None:
        self.where = Location(path)
        self.name = f"concept {number}"
        if isinstance(record, dict) and isinstance(record.get("id"), str):
            self.name += f" ('{record['id']}')"
        fields = self.mapping(record, "a concept", self.KEYS)
        language = self.string(fields.get("language"), "language")
        self.draft = _Draft(
            self.string(fields.get("id"), "id", optional=True),
            _language(language, self.where),
            self.where,
            note=self.string(fields.get("note"), "note", optional=True),
        )
        terms = self.mapping(fields.get("terms"), "terms", None)
        for audience, items in terms.items():
            name = _audience(audience, self.where)
            self.draft.terms[name] = [
                self.term(item, f"{name} term {n}")
                for n, item in enumerate(self.sequence(items, name), 1)
            ]
        examples = self.sequence(fields.get("examples", []), "examples")
        self.draft.examples = tuple(self.example(item, n) for n, item in enumerate(examples, 1))

    def fail(self, message: str) -> LexiconError:
        return LexiconError(self.where, f"{self.name}: {message}", "DVD003")

    def mapping(self, value: object, what: str, keys: Sequence[str] | None) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.fail(f"{what} must be a JSON object")
        for key in value:
            if keys is not None and key not in keys:
                hint = did_you_mean(key, keys)
                raise self.fail(f"unknown key '{key}' in {what}{hint}; allowed: {', '.join(keys)}")
        return value

    def sequence(self, value: object, what: str) -> list[Any]:
        if not isinstance(value, list):
            raise self.fail(f"{what} must be a JSON list")
        return value

    def string(self, value: object, what: str, *, optional: bool = False) -> Any:
        if value is None and optional:
            return None
        if not isinstance(value, str):
            raise self.fail(f"{what} must be a string")
        return value

    def flag(self, value: object, what: str, default: bool) -> bool:
        if value is None:
            return default
        if not isinstance(value, bool):
            raise self.fail(f"{what} must be true or false")
        return value

    def term(self, item: object, what: str) -> Term:
        if isinstance(item, str):
            return Term(item, location=self.where)
        fields = self.mapping(item, what, TERM_KEYS)
        return Term(
            self.string(fields.get("term"), f"{what}: term"),
            self.string(fields.get("article"), f"{what}: article", optional=True),
            self.string(fields.get("plural"), f"{what}: plural", optional=True),
            self.flag(fields.get("case_sensitive"), f"{what}: case_sensitive", False),
            self.flag(fields.get("fuzzy"), f"{what}: fuzzy", True),
            self.where,
        )

    def example(self, item: object, number: int) -> Example:
        what = f"example {number}"
        fields = self.mapping(item, what, ("text", "to", "expect"))
        text, to, expect = (
            self.string(fields.get(k), f"{what}: {k}") for k in ("text", "to", "expect")
        )
        return Example(text, to, expect, self.where)


# --- writing ---------------------------------------------------------------------------------


def write_file(path: Path, text: str, *, overwrite: bool) -> None:
    """Write `text` as UTF-8 atomically: a reader sees the old file or the new, never half.

    Without `overwrite`, an existing file is a FileExistsError and stays as it was.
    """
    if not overwrite and path.exists():
        raise FileExistsError(path)
    try:
        mode = path.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(text.encode("utf-8"))
        Path(temporary).chmod(mode)
        Path(temporary).replace(path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise

"""What every import shares: concepts drafted from a file's records, then checked as a lexicon.

Each format reads its file into drafts: concepts that may still lack an id or a language and
whose terms are still being collected. Here they become the concepts of one language, each with
a unique valid id; the lexicon is then written as YAML and read back as `dvd` reads any lexicon
file, so an imported file is checked exactly like a hand-written one. Every problem is a
LexiconError at the `path:line:col` of the imported file (JSON: the path and which concept);
an import that needs one more option raises OptionNeededError.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

from dikkevandale.edit.yamlwriter import lexicon_lines
from dikkevandale.languages.inflection import labels_of
from dikkevandale.lexicon.layers import ambiguities
from dikkevandale.lexicon.loader import (
    AUDIENCE_PATTERN,
    ID_PATTERN,
    LANGUAGE_PATTERN,
    read_concepts,
)
from dikkevandale.model import Code, Concept, Example, LexiconError, Location, Term, did_you_mean
from dikkevandale.normalize import fold


class OptionNeededError(ValueError):
    """The file can be imported only with one more option (`--language`, `--audience`)."""


@dataclass(frozen=True, slots=True)
class ImportedLexicon:
    """An imported file as a lexicon: its YAML text and the concepts read back from that text."""

    text: str
    concepts: tuple[Concept, ...]
    language: str
    audiences: tuple[str, ...]


@dataclass(slots=True)
class Draft:
    """A concept as read from a file, before it is checked as a lexicon (mutable while read)."""

    id: str | None
    language: str | None
    location: Location
    terms: dict[str, list[Term]] = field(default_factory=dict)
    note: str | None = None
    examples: tuple[Example, ...] = ()
    cues: tuple[str, ...] = ()
    hints: tuple[str, ...] = ()


def decode_source(data: bytes, path: str, hint: str = "") -> str:
    """A file's text: UTF-8 with or without a BOM, not empty, no NUL bytes.

    `hint` follows the advice to save as UTF-8, e.g. " (in Excel: 'CSV UTF-8')".
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise LexiconError(Location(path, 1, 1), "is UTF-16; save it as UTF-8", Code.UNREADABLE)
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
            Code.UNREADABLE,
        ) from None
    if "\0" in text:
        offset = bom + len(text[: text.index("\0")].encode("utf-8"))
        raise LexiconError(Location(path), f"binary data (NUL byte at {offset})", Code.UNREADABLE)
    if not text.strip():
        raise LexiconError(Location(path, 1, 1), "file is empty", Code.VALUE)
    return text


def parse_language(raw: str, location: Location) -> str:
    """A language as files write it (`nl-BE`, `NL`, `nl_NL`) as a lexicon's code (`nl`)."""
    code = raw.strip().lower().replace("_", "-").split("-")[0]
    if not LANGUAGE_PATTERN.fullmatch(code):
        raise LexiconError(location, f"language '{raw}' is not a code like nl, en, pl", Code.NAME)
    return code


def parse_audience(raw: str, location: Location) -> str:
    """An audience as a file names it, in lowercase; it must be a valid audience name."""
    name = raw.strip().lower()
    if not AUDIENCE_PATTERN.fullmatch(name):
        raise LexiconError(
            location, f"audience '{raw}' must be lowercase letters and digits", Code.NAME
        )
    return name


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9.]+", "-", fold(text)).strip("-.") or "concept"


def parse_flag(piece: str, default: bool, where: Location, name: str) -> bool:
    """A true/false cell or note as spreadsheets write it (also yes/no, 1/0); empty: `default`."""
    value = piece.lower()
    if not value:
        return default
    if value in ("true", "yes", "1"):
        return True
    if value in ("false", "no", "0"):
        return False
    raise LexiconError(where, f"{name} must be true or false, not '{piece}'", Code.VALUE)


def form_label_problem(label: str, language: str | None) -> str | None:
    """Why `label` cannot name a form of a term in `language` (the lexicon's `forms` keys)."""
    labels = labels_of(language)
    if labels is None:
        return f"'forms' is not supported for language '{language}'"
    if label in labels:
        return None
    hint = did_you_mean(label, labels)
    return f"unknown form label '{label}'{hint}; {language} labels: {', '.join(labels)}"


def select_concepts(
    drafts: list[Draft], path: str, language: str | None
) -> tuple[list[Concept], str]:
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
        raise LexiconError(Location(path, 1, 1), "holds no concepts", Code.VALUE)
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
                Code.DUPLICATE_ID,
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
            Concept(
                draft.id,
                chosen,
                terms,
                draft.note,
                draft.examples,
                draft.location,
                draft.cues,
                draft.hints,
            )
        )
    return concepts, chosen


def checked_lexicon(
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

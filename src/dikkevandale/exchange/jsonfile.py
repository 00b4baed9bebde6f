"""JSON: a list of concept objects, the one format that keeps a concept's examples too.

Every field is always present:
`{"id", "language", "note" (string or null), "terms": {audience: [{"term", "article", "plural",
"diminutive", "gender", "case_sensitive", "fuzzy", "forms", "everyday" (true, false or
null), "not_in", "needs", "in_compounds"}, ...]}, "examples": [{"text", "to", "expect"}, ...]}`.
A term's `forms` is an object as in a lexicon, each label to the list of its spellings in
lexicon order (`{"gen.sg": ["wdrożenia CRM"], "loc.sg": ["wdrożeniu CRM"]}`, `{}` when it has
none); `not_in` and `needs` are lists of strings. On import a label may also map to a single
spelling as a string, and every term field but `term` may be left out or null.

A lexicon file's `cues` and `hints` belong to the file; each concept object carries its file's
lists as `"cues"` and `"hints"` (`[]` when it has none), so that an import can write them at
the top of the new file again (all concepts' words together, in order). Both keys may be left
out on import, as files exported before they were added leave them out.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from dikkevandale.exchange.draft import (
    Draft,
    form_label_problem,
    parse_audience,
    parse_language,
)
from dikkevandale.lexicon.loader import TERM_KEYS
from dikkevandale.model import Code, Concept, Example, LexiconError, Location, Term, did_you_mean


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
                        "diminutive": t.diminutive,
                        "gender": t.gender,
                        "case_sensitive": t.case_sensitive,
                        "fuzzy": t.fuzzy,
                        "forms": _forms_object(t),
                        "everyday": t.everyday,
                        "not_in": list(t.not_in),
                        "needs": list(t.needs),
                        "in_compounds": t.in_compounds,
                    }
                    for t in terms
                ]
                for audience, terms in c.terms.items()
            },
            "examples": [{"text": e.text, "to": e.to, "expect": e.expect} for e in c.examples],
            "cues": list(c.cues),
            "hints": list(c.hints),
        }
        for c in concepts
    ]
    return json.dumps(records, ensure_ascii=False, indent=2) + "\n"


def _forms_object(term: Term) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for label, spelling in term.forms:
        found.setdefault(label, []).append(spelling)
    return found


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for key, value in pairs:
        if key in found:
            raise ValueError(f"duplicate key '{key}'")
        found[key] = value
    return found


def read_json(text: str, path: str) -> tuple[list[Draft], list[str]]:
    """Drafts of the concepts of a JSON export, and their audiences in order."""
    try:
        records = json.loads(text, object_pairs_hook=_no_duplicates)
    except json.JSONDecodeError as error:
        where = Location(path, error.lineno, error.colno)
        raise LexiconError(where, f"invalid JSON: {error.msg}", Code.SYNTAX) from None
    except RecursionError:
        message = "invalid JSON: nested too deeply for a glossary"
        raise LexiconError(Location(path), message, Code.SYNTAX) from None
    except ValueError as error:
        raise LexiconError(Location(path), f"invalid JSON: {error}", Code.DUPLICATE_KEY) from None
    if not isinstance(records, list):
        raise LexiconError(Location(path, 1, 1), "must be a JSON list of concepts", Code.VALUE)
    drafts: list[Draft] = []
    audiences: list[str] = []
    for number, record in enumerate(records, 1):
        read = _JsonConcept(path, number, record)
        drafts.append(read.draft)
        audiences += [a for a in read.draft.terms if a not in audiences]
    return drafts, audiences


class _JsonConcept:
    """One concept object of the JSON export; a problem names the concept by number and id."""

    KEYS = ("id", "language", "note", "terms", "examples", "cues", "hints")

    def __init__(self, path: str, number: int, record: object) -> None:
        self.where = Location(path)
        self.name = f"concept {number}"
        if isinstance(record, dict) and isinstance(record.get("id"), str):
            self.name += f" ('{record['id']}')"
        fields = self.mapping(record, "a concept", self.KEYS)
        language = self.string(fields.get("language"), "language")
        self.language = parse_language(language, self.where)
        self.draft = Draft(
            self.string(fields.get("id"), "id", optional=True),
            self.language,
            self.where,
            note=self.string(fields.get("note"), "note", optional=True),
            cues=self.strings(fields.get("cues"), "cues"),
            hints=self.strings(fields.get("hints"), "hints"),
        )
        terms = self.mapping(fields.get("terms"), "terms", None)
        for audience, items in terms.items():
            name = parse_audience(audience, self.where)
            self.draft.terms[name] = [
                self.term(item, f"{name} term {n}")
                for n, item in enumerate(self.sequence(items, name), 1)
            ]
        examples = self.sequence(fields.get("examples", []), "examples")
        self.draft.examples = tuple(self.example(item, n) for n, item in enumerate(examples, 1))

    def fail(self, message: str) -> LexiconError:
        return LexiconError(self.where, f"{self.name}: {message}", Code.VALUE)

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

    def flag(self, value: object, what: str, default: bool | None) -> bool | None:
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
            bool(self.flag(fields.get("case_sensitive"), f"{what}: case_sensitive", False)),
            bool(self.flag(fields.get("fuzzy"), f"{what}: fuzzy", True)),
            self.where,
            self.string(fields.get("diminutive"), f"{what}: diminutive", optional=True),
            self.forms(fields.get("forms"), f"{what}: forms"),
            self.string(fields.get("gender"), f"{what}: gender", optional=True),
            self.flag(fields.get("everyday"), f"{what}: everyday", None),
            self.strings(fields.get("not_in"), f"{what}: not_in"),
            self.strings(fields.get("needs"), f"{what}: needs"),
            bool(self.flag(fields.get("in_compounds"), f"{what}: in_compounds", False)),
        )

    def strings(self, value: object, what: str) -> tuple[str, ...]:
        if value is None:
            return ()
        return tuple(self.string(item, what) for item in self.sequence(value, what))

    def forms(self, value: object, what: str) -> tuple[tuple[str, str], ...]:
        if value is None:
            return ()
        found: list[tuple[str, str]] = []
        for label, spellings in self.mapping(value, what, None).items():
            problem = form_label_problem(label, self.language)
            if problem:
                raise self.fail(f"{what}: {problem}")
            items = (
                [spellings]
                if isinstance(spellings, str)
                else self.sequence(spellings, f"{what}: {label}")
            )
            found += [(label, self.string(item, f"{what}: {label}")) for item in items]
        return tuple(found)

    def example(self, item: object, number: int) -> Example:
        what = f"example {number}"
        fields = self.mapping(item, what, ("text", "to", "expect"))
        text, to, expect = (
            self.string(fields.get(k), f"{what}: {k}") for k in ("text", "to", "expect")
        )
        return Example(text, to, expect, self.where)

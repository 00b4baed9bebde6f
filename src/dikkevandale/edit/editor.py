"""Adding concepts and terms to a lexicon file by inserting lines into its own text.

PyYAML drops comments when it dumps, so a user's lexicon is never re-dumped. The file is read as
lines, its layout is measured (indents, blank lines between concepts, line endings, a final
newline or none; `editor_layout`) and the new lines go where a person would type them: every
other byte stays. The loader then reads the result, which must hold exactly the old concepts
plus the addition, or the edit is refused. `editor_file.add_to_file` does the same to a file on
disk, checked with the other lexicons in force and written atomically.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass, replace

from dikkevandale.edit.layout import (
    KEY,
    Entry,
    Layout,
    Splice,
    apply_splices,
    split_value,
    unquote,
)
from dikkevandale.edit.yamlwriter import (
    Style,
    audience_lines,
    concept_lines,
    term_lines,
    yaml_scalar,
)
from dikkevandale.lexicon.loader import ID_PATTERN, read_concepts
from dikkevandale.model import DUTCH_ARTICLES, Concept, LexiconError, Location, Term, did_you_mean
from dikkevandale.normalize import spell


class EditError(ValueError):
    """An addition that cannot be made as asked: a term already there, an unknown audience, a
    note already set, or a layout dvd does not edit. A usage problem, not bad data."""


class RefusedError(LexiconError):
    """The file with the addition would not pass the checks; nothing was written."""


@dataclass(frozen=True, slots=True)
class Addition:
    """Terms (audience, term) in order, and a note, for the concept `concept_id`.

    A concept the file does not hold yet is appended to its `concepts:` list; an existing one
    gets the terms after its own, so its preferred terms stay first.
    """

    concept_id: str
    terms: tuple[tuple[str, Term], ...] = ()
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Edit:
    """A file's text before and after; `removed` and `added` are the lines a diff shows."""

    before: str
    after: str
    created: bool
    added: tuple[str, ...]
    removed: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Outline:
    """What `add` needs to know of a file: its language, audiences (in order) and concepts."""

    language: str
    audiences: tuple[str, ...]
    concepts: tuple[Concept, ...]


def read_outline(source: str, path: str = "<string>") -> Outline:
    """A file's language, audiences and concepts; a file with any problem is refused first.

    >>> read_outline("dvd: 1\\nlanguage: nl\\naudiences: [sales, it]\\nconcepts: []\\n").audiences
    ('sales', 'it')
    """
    concepts, problems = read_concepts(source, path)
    if problems:
        first = problems[0]
        raise LexiconError(
            first.location,
            f"{first.message}; fix the file before adding to it (dvd lexicon check {path})",
            first.code,
        )
    layout = Layout(source, path)
    audiences = _header_audiences(layout)
    used = {audience for concept in concepts for audience in concept.terms}
    if audiences is None or not used <= set(audiences):
        raise EditError(
            f"cannot read the 'audiences:' line of {path}; write it as audiences: [sales, it]"
        )
    language = layout.top_key("language")
    spoken = concepts[0].language if concepts else unquote(language[1]) if language else ""
    return Outline(spoken, audiences, concepts)


def _header_audiences(layout: Layout) -> tuple[str, ...] | None:
    found = layout.top_key("audiences")
    if found is None:
        return None
    index, value, _ = found
    if value.startswith("[") and value.endswith("]"):
        return tuple(unquote(v.strip()) for v in value[1:-1].split(",") if v.strip())
    if value:
        return None
    names: list[str] = []
    for line in layout.lines[index + 1 : layout.block_end(index, 0, entry=False)]:
        if line.content:
            if not line.dash:
                return None
            names.append(unquote(split_value(line.text[line.indent + 1 :])[0]))
    return tuple(names)


def _normalized(addition: Addition) -> Addition:
    """The addition as the loader will read it back: stripped, articles in lowercase."""
    terms = tuple(
        (
            audience.strip(),
            replace(
                term,
                text=term.text.strip(),
                article=term.article.strip().lower() if term.article else None,
                plural=term.plural.strip() if term.plural else None,
                location=None,
            ),
        )
        for audience, term in addition.terms
    )
    note = addition.note.strip() if addition.note and addition.note.strip() else None
    return Addition(addition.concept_id.strip(), terms, note)


def _check_request(addition: Addition, outline: Outline, path: str) -> None:
    concept_id = addition.concept_id
    if not ID_PATTERN.fullmatch(concept_id):
        raise EditError(
            f"id '{concept_id}' may hold only lowercase letters, digits, '-' and '.', "
            "starting with a letter or digit (e.g. klantbeeld)"
        )
    existing = next((c for c in outline.concepts if c.id == concept_id), None)
    if not addition.terms and (existing is None or addition.note is None):
        what = "a new concept needs at least one term" if existing is None else "give a term"
        raise EditError(f"nothing to add: {what} ({', '.join(outline.audiences)})")
    if existing is not None and addition.note and existing.note:
        raise EditError(
            f"'{concept_id}' already has a note (at {existing.location}); change it by hand"
        )
    owners: dict[tuple[str, str], tuple[str, Location | None]] = {}
    for concept in outline.concepts:
        for audience, terms in concept.terms.items():
            for term in terms:
                spelling = spell(term.text)
                if spelling is not None:
                    owners.setdefault((audience, spelling.key), (concept.id, term.location))
    for audience, term in addition.terms:
        if audience not in outline.audiences:
            raise EditError(
                f"unknown audience '{audience}'{did_you_mean(audience, outline.audiences)}; "
                f"{path} has {', '.join(outline.audiences)} (add it to 'audiences:' there first)"
            )
        if not term.text:
            raise EditError(f"an empty {audience} term cannot be added")
        if term.article is not None and term.article not in DUTCH_ARTICLES:
            raise EditError(f"article must be 'de' or 'het', not '{term.article}'")
        written = replace(term, diminutive=None, forms=())
        if term != written:
            raise EditError(
                f"{audience} term '{term.text}': dvd writes term, article, plural, "
                "case_sensitive, fuzzy and the context fields; add its diminutive and forms by "
                "hand"
            )
        spelling = spell(term.text)
        if spelling is None:
            continue  # not a usable term: the loader says why, at the new line
        owner = owners.get((audience, spelling.key))
        if owner is None:
            owners[(audience, spelling.key)] = (concept_id, None)
        elif owner[1] is None:
            raise EditError(f"{audience} term '{term.text}' is given twice")
        elif owner[0] == concept_id:
            raise EditError(
                f"'{term.text}' is already one of the {audience} terms of '{concept_id}' "
                f"(at {owner[1]})"
            )
        else:
            raise EditError(
                f"{audience} term '{term.text}' already names concept '{owner[0]}' "
                f"(at {owner[1]}); a term may name one concept only"
            )


def add_to_source(source: str, addition: Addition, path: str = "<string>") -> Edit:
    """The text of a lexicon file with `addition` inserted; every other byte stays.

    Raises EditError when the addition conflicts with the file or its layout, RefusedError
    when the result would not load, and LexiconError when the file has problems already.

    >>> source = "dvd: 1\\nlanguage: en\\naudiences: [it, sales]\\nconcepts: []\\n"
    >>> source = add_to_source(source, Addition("a", (("it", Term("b")),))).after
    >>> edit = add_to_source(source, Addition("a", (("sales", Term("c")),)))
    >>> edit.added
    ('    sales:', '      - c')
    """
    outline = read_outline(source, path)
    addition = _normalized(addition)
    _check_request(addition, outline, path)
    layout = Layout(source, path)
    found = layout.top_key("concepts")
    if found is None:  # pragma: no cover - the loader requires the key
        raise EditError(f"{path} has no top-level 'concepts:' line")
    index, value, comment = found
    stop = layout.block_end(index, 0, entry=False)
    items = layout.entries(index + 1, stop)
    style = layout.style(index + 1, stop, items, outline.audiences)
    grouped: dict[str, list[Term]] = {}
    for audience in outline.audiences:
        for named, term in addition.terms:
            if named == audience:
                grouped.setdefault(audience, []).append(term)
    position = next(
        (n for n, c in enumerate(outline.concepts) if c.id == addition.concept_id), None
    )
    expected = list(outline.concepts)
    if position is None:
        concept = Concept(
            addition.concept_id,
            outline.language,
            {audience: tuple(terms) for audience, terms in grouped.items()},
            addition.note,
        )
        expected.append(concept)
        splices = _new_concept(layout, (index, value, comment), stop, items, style, concept)
    else:
        old = outline.concepts[position]
        terms = dict(old.terms)
        for audience, new_terms in grouped.items():
            terms[audience] = (*terms.get(audience, ()), *new_terms)
        expected[position] = replace(old, terms=terms, note=old.note or addition.note)
        splices = _extend(layout, old, items, stop, style, grouped, addition.note, outline)
    after = apply_splices(source, splices)
    concepts, problems = read_concepts(after, path)
    if problems:
        problem = problems[0]
        raise RefusedError(problem.location, problem.message, problem.code, problem.severity)
    if concepts != tuple(expected):
        raise EditError(
            f"cannot add to {path} automatically: its layout around '{addition.concept_id}' is "
            "not one dvd edits safely; add the lines by hand"
        )
    removed, added = _changed_lines(source, after)
    return Edit(source, after, position is None, added, removed)


def _new_concept(
    layout: Layout,
    header: tuple[int, str, str],
    stop: int,
    items: list[int],
    style: Style,
    concept: Concept,
) -> list[Splice]:
    index, value, comment = header
    lines = [line for line, _ in concept_lines(concept, concept.terms, style)]
    if value == "[]":
        # The one line that must change: "concepts: []" becomes "concepts:" and a list below.
        line = layout.lines[index]
        head = line.text[: line.text.index(":") + 1] + (f"  {comment}" if comment else "")
        return [Splice(line.start, line.end, layout.eol.join([head, *lines]))]
    if value or not items:
        raise EditError(
            f"cannot add to {layout.path}: its 'concepts:' list is not written one '- id:' "
            "entry below the other; add the lines by hand"
        )
    end = layout.trim(items[-1], stop, style.item)
    return [layout.insert(end, ["", *lines] if style.blank else lines)]


def _extend(
    layout: Layout,
    concept: Concept,
    items: list[int],
    stop: int,
    style: Style,
    grouped: dict[str, list[Term]],
    note: str | None,
    outline: Outline,
) -> list[Splice]:
    line_number = concept.location.line - 1 if concept.location else -1
    starts = [i for i in items if i <= line_number]
    entry = None
    if starts:
        first = starts[-1]
        following = [i for i in items if i > first]
        entry = layout.entry(first, following[0] if following else stop)
    if entry is None or "id" not in entry.keys:
        raise EditError(
            f"cannot add to '{concept.id}' in {layout.path}: it is not written as a block of "
            "'key: value' lines; add the lines by hand"
        )
    splices: list[Splice] = []
    order = outline.audiences
    present = [a for a in order if a in entry.keys]
    for audience, terms in grouped.items():
        if audience in entry.keys:
            splices += _extend_audience(layout, entry, concept.id, audience, terms, style)
            continue
        before = [a for a in present if order.index(a) < order.index(audience)]
        anchor = entry.keys[before[-1]] if before else entry.keys["id"]
        lines = audience_lines(audience, terms, entry.keycol, style)
        splices.append(layout.insert(anchor[1], lines))
    if note:
        anchor = max((entry.keys[a] for a in present), default=entry.keys["id"])
        splices.append(
            layout.insert(anchor[1], [" " * entry.keycol + "note: " + yaml_scalar(note)])
        )
    return splices


def _extend_audience(
    layout: Layout,
    entry: Entry,
    concept_id: str,
    audience: str,
    terms: Sequence[Term],
    style: Style,
) -> list[Splice]:
    index, end = entry.keys[audience]
    line = layout.lines[index]
    found = KEY.match(line.text, entry.keycol)
    assert found is not None  # the entry was read with the same pattern
    value, comment = split_value(line.text[found.end() :])
    body = [i for i in range(index + 1, end) if layout.lines[i].content]

    def refuse(how: str) -> EditError:
        return EditError(
            f"cannot add to '{audience}' of '{concept_id}' in {layout.path}: it is written {how}; "
            "write it as a list, one '- term' a line, or add the term by hand"
        )

    if value and value[0] in "[{":
        raise refuse("in flow style")
    if value and value[0] in "|>&*!":
        raise refuse("with a block scalar, anchor, alias or tag")
    if value:
        if body:
            raise refuse("over several lines")
        # A one-line term becomes the first entry of a list: the one line that must change.
        dash = entry.keycol + style.seq
        head = line.text[: found.end()]
        first = (
            " " * dash + "-" + " " * style.term_gap + value + (f"  {comment}" if comment else "")
        )
        new = [line for term in terms for line in term_lines(term, dash, style.term_gap)]
        return [
            Splice(line.start, line.end, layout.eol.join([head, first])),
            layout.insert(end, new),
        ]
    top = layout.lines[body[0]]
    if top.dash:
        new = [line for term in terms for line in term_lines(term, top.indent, style.term_gap)]
        return [layout.insert(end, new)]
    # One term written as a mapping ("term: x" below "sales:") becomes a list's first entry.
    splices: list[Splice] = []
    for number in range(index + 1, end):
        below = layout.lines[number]
        if below.text.strip() and below.indent >= top.indent:
            at = below.start + top.indent
            splices.append(Splice(at, at, "- " if number == body[0] else "  "))
    new = [line for term in terms for line in term_lines(term, top.indent, 1)]
    return [*splices, layout.insert(end, new)]


def _changed_lines(before: str, after: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    old, new = before.splitlines(), after.splitlines()
    removed: list[str] = []
    added: list[str] = []
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "equal":
            removed += old[i1:i2]
            added += new[j1:j2]
    return tuple(removed), tuple(added)

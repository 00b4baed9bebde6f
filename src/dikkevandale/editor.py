"""Adding concepts and terms to a lexicon file by inserting lines into its own text.

PyYAML drops comments when it dumps, so a user's lexicon is never re-dumped. The file is read as
lines, its layout is measured (indents, blank lines between concepts, line endings, a final
newline or none) and the new lines go where a person would type them: every other byte stays.
The loader then reads the result, which must hold exactly the old concepts plus the addition, or
nothing is written. `add_to_file` writes a temporary file in the same folder, checks it with the
other lexicons in force, and only then moves it over the original with `os.replace`: a refused
or interrupted `add` leaves the file as it was.
"""

from __future__ import annotations

import contextlib
import difflib
import os
import re
import stat
import tempfile
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from dikkevandale.checks import check
from dikkevandale.layers import COMMAND_LINE, Layer
from dikkevandale.loader import ID_PATTERN, decode, read_bytes, read_concepts
from dikkevandale.model import DUTCH_ARTICLES, Concept, LexiconError, Location, Term, did_you_mean
from dikkevandale.normalize import spell
from dikkevandale.yamlwriter import Style, audience_lines, concept_lines, term_lines, yaml_scalar


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
class Added:
    """What `add_to_file` did. `overrides`/`overridden_by`: other files in force, earlier or
    later, defining the same id (layers override each other by id)."""

    path: Path
    edit: Edit
    written: bool
    warnings: tuple[LexiconError, ...] = ()
    overrides: tuple[str, ...] = ()
    overridden_by: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Outline:
    """What `add` needs to know of a file: its language, audiences (in order) and concepts."""

    language: str
    audiences: tuple[str, ...]
    concepts: tuple[Concept, ...]


# --- Reading the layout ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Line:
    start: int  # offset of the line in the source
    end: int  # offset of its end, before "\r\n" or "\n"
    text: str

    @property
    def indent(self) -> int:
        return len(self.text) - len(self.text.lstrip(" "))

    @property
    def content(self) -> bool:
        stripped = self.text.strip()
        return bool(stripped) and not stripped.startswith("#")

    @property
    def comment(self) -> bool:
        return self.text.lstrip().startswith("#")

    @property
    def dash(self) -> bool:
        """A block sequence entry ("- x", or "-" with the entry on the lines below)."""
        rest = self.text.lstrip(" ")
        return rest == "-" or rest.startswith("- ")


def _split_lines(source: str) -> list[_Line]:
    lines: list[_Line] = []
    start = 0
    while True:
        newline = source.find("\n", start)
        stop = len(source) if newline < 0 else newline
        end = stop - 1 if stop > start and source[stop - 1] == "\r" else stop
        lines.append(_Line(start, end, source[start:end]))
        if newline < 0:
            break
        start = newline + 1
    if source.endswith("\n"):
        lines.pop()  # the final newline ends the last line; it does not start another
    if lines and lines[0].text.startswith("\ufeff"):
        lines[0] = _Line(1, lines[0].end, lines[0].text[1:])
    return lines


_KEY = re.compile(r"([A-Za-z_][A-Za-z0-9_.-]*) *:(?= |$)")


def _split_value(rest: str) -> tuple[str, str]:
    """A one-line value as written and its trailing comment ("" when none)."""
    rest = rest.strip()
    if rest[:1] in ("'", '"'):
        quote, index = rest[0], 1
        while index < len(rest):
            if quote == '"' and rest[index] == "\\":
                index += 2
                continue
            if rest[index] == quote:
                if quote == "'" and rest[index + 1 : index + 2] == "'":
                    index += 2
                    continue
                return rest[: index + 1], rest[index + 1 :].strip()
            index += 1
        return rest, ""  # a quoted value that goes on below: the caller sees the lines
    found = re.search(r"(?:^|\s)#", rest)
    if found is None:
        return rest, ""
    return rest[: found.start()].rstrip(), rest[found.start() :].strip()


def _unquote(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
        return value[1:-1]
    return value


@dataclass(frozen=True, slots=True)
class _Entry:
    """One concept of the `concepts:` list as lines: keys map to (line, end after its block)."""

    first: int
    stop: int
    keycol: int
    keys: dict[str, tuple[int, int]]


@dataclass(frozen=True, slots=True)
class _Splice:
    start: int
    end: int
    text: str


class _Layout:
    """The lines of a lexicon file and where its parts are."""

    def __init__(self, source: str, path: str) -> None:
        self.source = source
        self.path = path
        self.lines = _split_lines(source)
        newline = source.find("\n")
        self.eol = "\r\n" if newline > 0 and source[newline - 1] == "\r" else "\n"

    def top_key(self, key: str) -> tuple[int, str, str] | None:
        """The line of a top-level key, and its one-line value and comment."""
        for index, line in enumerate(self.lines):
            found = _KEY.match(line.text)
            if line.indent == 0 and found and found.group(1) == key:
                return (index, *_split_value(line.text[found.end() :]))
        return None

    def block_end(self, first: int, col: int, *, entry: bool) -> int:
        """The line after the block that line `first` opens at column `col`.

        A key's block also holds entries of a list at its own column ("sales:" then "- x"
        below it); an entry's block ends at the next entry.
        """
        index = first + 1
        while index < len(self.lines):
            line = self.lines[index]
            if line.content and (
                line.indent < col or (line.indent == col and (entry or not line.dash))
            ):
                break
            index += 1
        return index

    def trim(self, first: int, stop: int, col: int) -> int:
        """The end of a block without the blank lines and outdented comments that follow it."""
        end = first + 1
        for index in range(first + 1, stop):
            line = self.lines[index]
            if line.content or (line.comment and line.indent > col):
                end = index + 1
        return end

    def entries(self, first: int, stop: int) -> list[int]:
        """The lines of the entries of the block list in lines[first:stop]."""
        content = [i for i in range(first, stop) if self.lines[i].content]
        if not content:
            return []
        col = self.lines[content[0]].indent
        return [i for i in content if self.lines[i].indent == col and self.lines[i].dash]

    def entry(self, first: int, stop: int) -> _Entry | None:
        """A concept's keys, when it is written as a block mapping."""
        line = self.lines[first]
        after = line.text[line.indent + 1 :]
        key_lines: list[int] = []
        if after.strip() and not after.lstrip().startswith("#"):
            keycol = line.indent + 1 + len(after) - len(after.lstrip(" "))
            key_lines.append(first)
        else:
            below = [i for i in range(first + 1, stop) if self.lines[i].content]
            if not below:
                return None
            keycol = self.lines[below[0]].indent
        key_lines += [
            i
            for i in range(first + 1, stop)
            if self.lines[i].content and self.lines[i].indent == keycol and not self.lines[i].dash
        ]
        keys: dict[str, tuple[int, int]] = {}
        for number, index in enumerate(key_lines):
            found = _KEY.match(self.lines[index].text, keycol)
            if found is None:
                return None
            end = key_lines[number + 1] if number + 1 < len(key_lines) else stop
            keys[found.group(1)] = (index, self.trim(index, end, keycol))
        return _Entry(first, stop, keycol, keys)

    def insert(self, before: int, new_lines: Sequence[str]) -> _Splice:
        """New lines, inserted before line `before` (or at the end of the file)."""
        if before < len(self.lines):
            at = self.lines[before].start
            return _Splice(at, at, "".join(line + self.eol for line in new_lines))
        end = len(self.source)
        if self.source.endswith("\n") or not self.source:
            return _Splice(end, end, "".join(line + self.eol for line in new_lines))
        return _Splice(end, end, "".join(self.eol + line for line in new_lines))

    def style(self, first: int, stop: int, items: list[int], audiences: Sequence[str]) -> Style:
        style = Style()
        if items:
            line = self.lines[items[0]]
            after = line.text[line.indent + 1 :]
            gap = len(after) - len(after.lstrip(" ")) if after.strip() else 1
            gaps = [self.lines[i - 1].text.strip() == "" for i in items[1:]]
            blank = sum(gaps) * 2 >= len(gaps) if gaps else self.lines[items[0] - 1].text == ""
            style = replace(style, item=line.indent, gap=gap, blank=blank)
        seq = term_gap = None
        for index in range(first, stop - 1):
            line, below = self.lines[index], self.lines[index + 1]
            found = _KEY.match(line.text, line.indent)
            if (
                seq is None
                and found
                and found.group(1) in audiences
                and below.dash
                and not _split_value(line.text[found.end() :])[0]
            ):
                seq = below.indent - line.indent
            term = re.match(r" *-( +)term *:", line.text)
            if term_gap is None and term:
                term_gap = len(term.group(1))
        return replace(style, seq=style.seq if seq is None else seq, term_gap=term_gap or 1)


# --- Building the edit ----------------------------------------------------------------------


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
    layout = _Layout(source, path)
    audiences = _header_audiences(layout)
    used = {audience for concept in concepts for audience in concept.terms}
    if audiences is None or not used <= set(audiences):
        raise EditError(
            f"cannot read the 'audiences:' line of {path}; write it as audiences: [sales, it]"
        )
    language = layout.top_key("language")
    spoken = concepts[0].language if concepts else _unquote(language[1]) if language else ""
    return Outline(spoken, audiences, concepts)


def _header_audiences(layout: _Layout) -> tuple[str, ...] | None:
    found = layout.top_key("audiences")
    if found is None:
        return None
    index, value, _ = found
    if value.startswith("[") and value.endswith("]"):
        return tuple(_unquote(v.strip()) for v in value[1:-1].split(",") if v.strip())
    if value:
        return None
    names: list[str] = []
    for line in layout.lines[index + 1 : layout.block_end(index, 0, entry=False)]:
        if line.content:
            if not line.dash:
                return None
            names.append(_unquote(_split_value(line.text[line.indent + 1 :])[0]))
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
        written = Term(term.text, term.article, term.plural, term.case_sensitive, term.fuzzy)
        if term != written:
            raise EditError(
                f"{audience} term '{term.text}': dvd writes term, article, plural, "
                "case_sensitive and fuzzy; add its other fields by hand"
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
    layout = _Layout(source, path)
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
    after = _apply(source, splices)
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
    layout: _Layout,
    header: tuple[int, str, str],
    stop: int,
    items: list[int],
    style: Style,
    concept: Concept,
) -> list[_Splice]:
    index, value, comment = header
    lines = [line for line, _ in concept_lines(concept, concept.terms, style)]
    if value == "[]":
        # The one line that must change: "concepts: []" becomes "concepts:" and a list below.
        line = layout.lines[index]
        head = line.text[: line.text.index(":") + 1] + (f"  {comment}" if comment else "")
        return [_Splice(line.start, line.end, layout.eol.join([head, *lines]))]
    if value or not items:
        raise EditError(
            f"cannot add to {layout.path}: its 'concepts:' list is not written one '- id:' "
            "entry below the other; add the lines by hand"
        )
    end = layout.trim(items[-1], stop, style.item)
    return [layout.insert(end, ["", *lines] if style.blank else lines)]


def _extend(
    layout: _Layout,
    concept: Concept,
    items: list[int],
    stop: int,
    style: Style,
    grouped: dict[str, list[Term]],
    note: str | None,
    outline: Outline,
) -> list[_Splice]:
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
    splices: list[_Splice] = []
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
    layout: _Layout,
    entry: _Entry,
    concept_id: str,
    audience: str,
    terms: Sequence[Term],
    style: Style,
) -> list[_Splice]:
    index, end = entry.keys[audience]
    line = layout.lines[index]
    found = _KEY.match(line.text, entry.keycol)
    assert found is not None  # the entry was read with the same pattern
    value, comment = _split_value(line.text[found.end() :])
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
            _Splice(line.start, line.end, layout.eol.join([head, first])),
            layout.insert(end, new),
        ]
    top = layout.lines[body[0]]
    if top.dash:
        new = [line for term in terms for line in term_lines(term, top.indent, style.term_gap)]
        return [layout.insert(end, new)]
    # One term written as a mapping ("term: x" below "sales:") becomes a list's first entry.
    splices: list[_Splice] = []
    for number in range(index + 1, end):
        below = layout.lines[number]
        if below.text.strip() and below.indent >= top.indent:
            at = below.start + top.indent
            splices.append(_Splice(at, at, "- " if number == body[0] else "  "))
    new = [line for term in terms for line in term_lines(term, top.indent, 1)]
    return [*splices, layout.insert(end, new)]


def _apply(source: str, splices: Sequence[_Splice]) -> str:
    pieces: list[str] = []
    at = 0
    for splice in sorted(splices, key=lambda s: s.start):  # stable: equal starts keep order
        pieces += [source[at : splice.start], splice.text]
        at = splice.end
    pieces.append(source[at:])
    return "".join(pieces)


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


# --- Writing --------------------------------------------------------------------------------


class _DeclinedError(Exception):
    """The `confirm` callback said no."""


def add_to_file(
    path: Path,
    addition: Addition,
    context: Sequence[Layer] = (),
    confirm: Callable[[Edit, tuple[LexiconError, ...]], bool] | None = None,
) -> Added:
    """Add to a lexicon file on disk, checked with the lexicons of `context`, atomically.

    The new text is written to a temporary file next to `path` and checked (`dvd lexicon
    check`) in place of the file among the layers of `context` (the file alone when empty; at
    the end, as a command-line lexicon, when not among them). A problem the old file did not
    have refuses the edit with RefusedError. `confirm` is asked, with the edit and its new
    warnings, before the file is replaced; False leaves it untouched (`written` is False).
    """
    data = read_bytes(path)
    edit = add_to_source(decode(path, data), addition, str(path))
    layers = list(context) or [Layer(COMMAND_LINE, (path,))]
    place = _find(layers, path)
    if place is None:
        layers.append(Layer(COMMAND_LINE, (path,)))
        place = (len(layers) - 1, 0)
    name = str(layers[place[0]].files[place[1]])
    before = check(layers).problems
    warnings: list[LexiconError] = []

    def validate(temp: Path) -> None:
        files = list(layers[place[0]].files)
        files[place[1]] = temp
        swapped = [*layers[: place[0]], Layer(layers[place[0]].name, tuple(files))]
        after = check([*swapped, *layers[place[0] + 1 :]]).problems
        new = _new_problems(before, after, str(temp), name)
        errors = [p for p in new if p.severity == "error"]
        if errors:
            raise RefusedError(errors[0].location, errors[0].message, errors[0].code)
        warnings.extend(new)
        if confirm is not None and not confirm(edit, tuple(warnings)):
            raise _DeclinedError

    try:
        write_atomic(path, edit.after.encode("utf-8"), validate=validate, expect=data)
    except _DeclinedError:
        return Added(path, edit, written=False)
    earlier, later = _other_definitions(layers, place, addition.concept_id.strip())
    return Added(path, edit, True, tuple(warnings), earlier, later)


def _find(layers: Sequence[Layer], path: Path) -> tuple[int, int] | None:
    target = path.resolve()
    for number, layer in enumerate(layers):
        for position, file in enumerate(layer.files):
            if file.resolve() == target:
                return number, position
    return None


def _new_problems(
    before: Sequence[LexiconError], after: Sequence[LexiconError], temp: str, name: str
) -> list[LexiconError]:
    """Problems of `after` that `before` did not have, the temporary file named as the real one.

    Lines move when lines are inserted, so problems compare without their line numbers.
    """

    def renamed(problem: LexiconError) -> LexiconError:
        where = problem.location
        if where is not None and where.path == temp:
            where = Location(name, where.line, where.col)
        message = problem.message.replace(temp, name)
        return LexiconError(where, message, problem.code, problem.severity)

    def key(problem: LexiconError) -> tuple[str, str, str, str]:
        where = problem.location.path if problem.location else ""
        return (problem.code, problem.severity, where, re.sub(r":\d+:\d+", "", problem.message))

    old = Counter(key(p) for p in before)
    new: list[LexiconError] = []
    for problem in map(renamed, after):
        if old[key(problem)] > 0:
            old[key(problem)] -= 1
        else:
            new.append(problem)
    return new


def _other_definitions(
    layers: Sequence[Layer], place: tuple[int, int], concept_id: str
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Files of other layers that define `concept_id`: before the edited file, and after it."""
    earlier: list[str] = []
    later: list[str] = []
    for number, layer in enumerate(layers):
        if number == place[0]:
            continue
        for file in layer.files:
            try:
                concepts, _ = read_concepts(decode(file, read_bytes(file)), str(file))
            except LexiconError:
                continue
            if any(c.id == concept_id for c in concepts):
                (earlier if number < place[0] else later).append(str(file))
    return tuple(earlier), tuple(later)


def write_atomic(
    path: Path,
    data: bytes,
    *,
    validate: Callable[[Path], None] | None = None,
    expect: bytes | None = None,
) -> None:
    """Replace a file's bytes all at once, keeping its permission bits.

    The data goes to a temporary file in the same folder (so `os.replace` is atomic), which
    `validate` may inspect and refuse by raising; `expect` is what the file must still hold,
    so that an edit made meanwhile by someone else is not overwritten. On any failure, or
    Ctrl-C, the temporary file is removed and the file is untouched.
    """
    target = path.resolve()  # through a symbolic link: replace the file, keep the link
    try:
        mode = stat.S_IMODE(target.stat().st_mode)
        handle, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as error:
        raise LexiconError(
            Location(str(path)), f"cannot write: {error.strerror}", "DVD014"
        ) from None
    temp = Path(name)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        temp.chmod(mode)
        if validate is not None:
            validate(temp)
        if expect is not None and read_bytes(target) != expect:
            raise LexiconError(
                Location(str(path)),
                "changed on disk while dvd was adding to it; nothing written, run it again",
                "DVD014",
            )
        temp.replace(target)  # os.replace: atomic within one folder
    except OSError as error:
        with contextlib.suppress(OSError):
            temp.unlink()
        message = f"cannot write: {error.strerror or error}; the file is unchanged"
        raise LexiconError(Location(str(path)), message, "DVD014") from None
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
    with contextlib.suppress(OSError):  # make the rename itself durable where the OS allows
        folder = os.open(target.parent, os.O_RDONLY)
        try:
            os.fsync(folder)
        finally:
            os.close(folder)

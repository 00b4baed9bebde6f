"""Lexicon YAML written line by line: scalars, terms, concepts and whole files.

PyYAML's dump drops comments and picks its own quoting and layout, so both writers of lexicon
text, `dvd lexicon add` (lines inserted into a user's file) and `dvd lexicon import` (a new
file), build their lines here instead, in the layout of the shipped lexicons or of the file
being edited. Only the loader reads YAML, so this module does not import PyYAML; the loader
reading back what is written here is what proves it right.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from dikkevandale.model import Concept, Location, Term

# Plain scalars that YAML 1.1 (PyYAML) or 1.2 would read as something other than a string.
_NOT_STRINGS = frozenset("y n yes no on off true false null ~ = <<".split())
_NUMBER_LIKE = re.compile(
    r"[-+]?(?:\.?[0-9][0-9_.:eE+-]*|\.inf|\.nan)|0[xob][0-9a-f_]+|\d{4}-\d\d?-\d\d?(?:[t ].*)?",
    re.IGNORECASE,
)
_INDICATORS = "-?:,[]{}#&*!|>'\"%@`"
_FLOW_INDICATORS = ",?[]{}"
_ESCAPES = {'"': '\\"', "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"}


def yaml_scalar(text: str, *, flow: bool = False) -> str:
    """`text` as a YAML scalar that reads back as that exact string: plain when it can be.

    Otherwise double-quoted, with YAML's own escapes for tab and line breaks (as the shipped
    lexicons write a note's line break) and a code for any other character a reader cannot see.
    `flow` is for an item of a flow list (`[a, b]`), where `,?[]{}` end a plain scalar.

    >>> yaml_scalar("360-graden-klantbeeld"), yaml_scalar("yes"), yaml_scalar("kosten: hoog")
    ('360-graden-klantbeeld', '"yes"', '"kosten: hoog"')
    """
    plain = (
        text
        and text == text.strip()
        and text[0] not in _INDICATORS
        and ": " not in text
        and " #" not in text
        and not text.endswith(":")
        and all(c.isprintable() and c not in "\t\ufeff" for c in text)
        and text.lower() not in _NOT_STRINGS
        and not _NUMBER_LIKE.fullmatch(text)
        and not (flow and any(c in _FLOW_INDICATORS for c in text))
    )
    if plain:
        return text
    escaped = []
    for char in text:
        if char in _ESCAPES:
            escaped.append(_ESCAPES[char])
        elif char.isprintable() and char != "\ufeff":
            escaped.append(char)
        else:
            code = ord(char)
            prefix, width = (
                ("\\x", 2) if code <= 0xFF else ("\\u", 4) if code <= 0xFFFF else ("\\U", 8)
            )
            escaped.append(f"{prefix}{code:0{width}x}")
    return '"' + "".join(escaped) + '"'


@dataclass(frozen=True, slots=True)
class Style:
    """How a file lays out its concepts; the defaults are the layout of the shipped lexicons."""

    item: int = 2  # indent of "- id:"
    gap: int = 1  # spaces after that dash
    seq: int = 2  # extra indent of "- term" under "sales:"
    term_gap: int = 1  # spaces after the dash of a term
    blank: bool = True  # a blank line between concepts

    @property
    def key(self) -> int:
        """The column of a concept's keys (`sales:`, `note:`)."""
        return self.item + 1 + self.gap


def term_lines(term: Term, dash: int, gap: int) -> list[str]:
    """A term as a list entry at column `dash`: its text alone, or a `term:` mapping when it
    has more than its text; `forms` come last, a block mapping of label to one spelling or a
    flow list of them (`loc.pl: [a, b]`), as in the shipped lexicons; `not_in` and `needs` are
    flow lists."""
    fields = [
        ("article", term.article and yaml_scalar(term.article)),
        ("plural", term.plural and yaml_scalar(term.plural)),
        ("diminutive", term.diminutive and yaml_scalar(term.diminutive)),
        ("gender", term.gender and yaml_scalar(term.gender)),
        ("case_sensitive", "true" if term.case_sensitive else None),
        ("fuzzy", None if term.fuzzy else "false"),
        ("everyday", None if term.everyday is None else str(term.everyday).lower()),
        ("not_in", term.not_in and flow_list(term.not_in)),
        ("needs", term.needs and flow_list(term.needs)),
        ("in_compounds", "true" if term.in_compounds else None),
    ]
    extra = [(key, value) for key, value in fields if value]
    head = " " * dash + "-" + " " * gap
    if not extra and not term.forms:
        return [head + yaml_scalar(term.text)]
    inner = " " * (dash + 1 + gap)
    lines = [f"{head}term: {yaml_scalar(term.text)}"] + [f"{inner}{k}: {v}" for k, v in extra]
    if term.forms:
        lines.append(f"{inner}forms:")
        lines += [f"{inner}  {yaml_scalar(label)}: {value}" for label, value in _forms(term)]
    return lines


def flow_list(items: Iterable[str]) -> str:
    """Strings as a YAML flow list: `[ticket voor, concertticket]`."""
    return "[" + ", ".join(yaml_scalar(item, flow=True) for item in items) + "]"


def _forms(term: Term) -> list[tuple[str, str]]:
    """Each label of a term's forms once, in order of appearance, with its YAML value."""
    spellings: dict[str, list[str]] = {}
    for label, spelling in term.forms:
        spellings.setdefault(label, []).append(spelling)
    return [
        (label, yaml_scalar(found[0])) if len(found) == 1 else (label, flow_list(found))
        for label, found in spellings.items()
    ]


def audience_lines(audience: str, terms: Iterable[Term], keycol: int, style: Style) -> list[str]:
    """An audience key at column `keycol` and its terms as a block list below it."""
    lines = [" " * keycol + audience + ":"]
    for term in terms:
        lines += term_lines(term, keycol + style.seq, style.term_gap)
    return lines


def concept_lines(
    concept: Concept, audiences: Iterable[str], style: Style = Style()
) -> Iterator[tuple[str, Location | None]]:
    """A concept as an entry of the `concepts:` list, its audiences in the order given; each
    line comes with the location of what it was written from (a term's own, else the concept's)."""
    where = concept.location
    key = " " * style.key
    yield " " * style.item + "-" + " " * style.gap + "id: " + yaml_scalar(concept.id), where
    for audience in audiences:
        if audience not in concept.terms:
            continue
        yield f"{key}{audience}:", where
        for term in concept.terms[audience]:
            for line in term_lines(term, style.key + style.seq, style.term_gap):
                yield line, term.location or where
    if concept.note:
        yield f"{key}note: {yaml_scalar(concept.note)}", where
    if concept.examples:
        yield f"{key}examples:", where
        head = " " * (style.key + style.seq) + "-" + " " * style.term_gap
        inner = " " * len(head)
        for example in concept.examples:
            at = example.location or where
            yield f"{head}text: {yaml_scalar(example.text)}", at
            yield f"{inner}to: {yaml_scalar(example.to)}", at
            yield f"{inner}expect: {yaml_scalar(example.expect)}", at


def lexicon_lines(
    concepts: Sequence[Concept], audiences: Sequence[str], language: str, comment: str = ""
) -> Iterator[tuple[str, Location | None]]:
    """The lines of a whole lexicon file, each with the location it came from."""
    for line in comment.splitlines():
        yield f"# {line}".rstrip(), None
    yield "dvd: 1", None
    yield f"language: {language}", None
    yield f"audiences: [{', '.join(audiences)}]", None
    for key in ("cues", "hints"):
        # A file's cue words, which every concept of it carries: the union, in order.
        words = dict.fromkeys(word for concept in concepts for word in getattr(concept, key))
        if words:
            yield f"{key}: [{', '.join(yaml_scalar(word, flow=True) for word in words)}]", None
    yield "concepts:" if concepts else "concepts: []", None
    style = Style()
    for number, concept in enumerate(concepts):
        if number and style.blank:
            yield "", concept.location
        yield from concept_lines(concept, audiences, style)


def render_lexicon(
    concepts: Sequence[Concept], audiences: Sequence[str], language: str, comment: str = ""
) -> str:
    """Concepts of one language as the text of a lexicon file, in the style of the shipped ones.

    >>> from dikkevandale.model import Concept, Term
    >>> print(render_lexicon([Concept("sla", "nl", {"it": (Term("SLA"),)})], ["it"], "nl"))
    dvd: 1
    language: nl
    audiences: [it]
    concepts:
      - id: sla
        it:
          - SLA
    <BLANKLINE>
    """
    return "".join(line + "\n" for line, _ in lexicon_lines(concepts, audiences, language, comment))

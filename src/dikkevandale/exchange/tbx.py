"""TBX-Basic: the ISO termbase exchange format of CAT tools and terminology databases.

**TBX v3** (TBX-Basic, ISO 30042:2019, DCA style, namespace `urn:iso:std:iso:30042:ed-2`,
with the `<?xml-model?>` lines naming the TBX-Basic RelaxNG and Schematron schemas), or with
`version=2` **TBX v2** (`<martif>`, `<termEntry>`, `<langSet>`, `<tig>`) for older CAT tools.
One entry per concept (an id starting with a digit gets a `_` in front, as XML ids must start
with a letter), one language section, the note as its `<descrip type="definition">`, each
example as a `<descripGrp>` holding the example sentence as TBX's `context` and the two
things TBX has no category for, `x-example-to` and `x-example-expect` (`<admin>`), and one
term section per term.

A term's `<termNote type=...>`s: TBX-Basic's own categories first — `partOfSpeech` (`noun`:
every lexicon term names a thing), `grammaticalGender` (`neuter` for a Dutch het-word; a
de-word may be masculine or feminine, so it gets none), `grammaticalNumber` (`singular` when
the term has a plural beside it), `administrativeStatus` (`preferredTerm-admn-sts` for an
audience's first term, else `admittedTerm-admn-sts`) — then dvd's `x-` categories where TBX
has none: `x-audience`, `x-article` (the exact de/het), `x-plural`, `x-diminutive`,
`x-gender` (Polish `m`, `m.pers`, `f`, `n`; `grammaticalGender` says masculine, feminine or
neuter too), `x-case-sensitive` (`true`), `x-fuzzy` (`false`), `x-everyday` (`true` or
`false`), `x-in-compounds` (`true`), one `x-not-in` per phrase and one `x-needs` per word of
the term's context fields, and one `x-form` per spelling of the term's `forms`, in lexicon
order, as `label=spelling` text (`gen.sg=wdrożenia CRM`; a label holds no `=`, so the first
`=` ends it). Export and import keep every field and example.

Import reads both versions, a `<note>` as the note when there is no definition,
`grammaticalGender` as the article of a Dutch term without `x-article` (neuter: het, else de)
or the gender of a Polish one without `x-gender`,
and regional languages (`nl-BE`) as their language (`nl`). Terms without `x-audience` go to
the audience given as `default_audience` (`--audience NAME`); without it, the import stops
and says so. Entity declarations are refused (no entity expansion attacks).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from xml.parsers import expat

from dikkevandale import languages
from dikkevandale.exchange.draft import (
    Draft,
    OptionNeededError,
    form_label_problem,
    parse_audience,
    parse_flag,
    parse_language,
)
from dikkevandale.model import Code, Concept, Example, LexiconError, Location, Term

TBX_NAMESPACE = "urn:iso:std:iso:30042:ed-2"
PREFERRED = "preferredTerm-admn-sts"
ADMITTED = "admittedTerm-admn-sts"
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml_text(text: str, concept: Concept) -> str:
    if _XML_ILLEGAL.search(text):
        raise LexiconError(
            concept.location, f"concept '{concept.id}' holds a control character XML cannot hold"
        )
    return text


XML_MODELS = (
    '<?xml-model href="https://raw.githubusercontent.com/LTAC-Global/TBX-Basic_dialect/master/'
    'DCA/TBXcoreStructV03_TBX-Basic_integrated.rng" type="application/xml" '
    'schematypens="http://relaxng.org/ns/structure/1.0"?>',
    '<?xml-model href="https://raw.githubusercontent.com/LTAC-Global/TBX-Basic_dialect/master/'
    'DCA/TBX-Basic_DCA.sch" type="application/xml" '
    'schematypens="http://purl.oclc.org/dsdl/schematron"?>',
)
"""The TBX-Basic (v3, DCA) schemas, named as TBX v3 files name them (ISO 30042:2019, 4.4)."""
MARTIF_DOCTYPE = '<!DOCTYPE martif SYSTEM "TBXBasiccoreStructV02.dtd">'

# Element names of the two versions: (v3, v2).
_NAMES = {
    "root": ("tbx", "martif"),
    "header": ("tbxHeader", "martifHeader"),
    "entry": ("conceptEntry", "termEntry"),
    "language": ("langSec", "langSet"),
    "term": ("termSec", "tig"),
}


def export_tbx(concepts: Sequence[Concept], version: int = 3) -> str:
    """A TBX-Basic document, v3 (`<tbx>`) or, for older CAT tools, v2 (`<martif>`); see the
    module docstring for the data categories used."""
    if version not in (2, 3):
        raise ValueError(f"TBX version {version}: dvd writes version 3 or 2")
    v = 0 if version == 3 else 1
    language = concepts[0].language if concepts else "en"
    attributes = {"type": "TBX-Basic", _XML_LANG: language}
    if version == 3:
        attributes.update({"style": "dca", "xmlns": TBX_NAMESPACE})
    root = ET.Element(_NAMES["root"][v], attributes)
    description = ET.SubElement(
        ET.SubElement(ET.SubElement(root, _NAMES["header"][v]), "fileDesc"), "sourceDesc"
    )
    ET.SubElement(description, "p").text = "Exported by dikkevandale (dvd lexicon export)."
    body = ET.SubElement(ET.SubElement(root, "text"), "body")
    for concept in concepts:
        entry_id = concept.id if concept.id[0].isalpha() else f"_{concept.id}"
        entry = ET.SubElement(body, _NAMES["entry"][v], {"id": entry_id})
        section = ET.SubElement(entry, _NAMES["language"][v], {_XML_LANG: concept.language})
        if concept.note:
            note = ET.SubElement(section, "descrip", {"type": "definition"})
            note.text = _xml_text(concept.note, concept)
        for example in concept.examples:
            group = ET.SubElement(section, "descripGrp")
            ET.SubElement(group, "descrip", {"type": "context"}).text = _xml_text(
                example.text, concept
            )
            ET.SubElement(group, "admin", {"type": "x-example-to"}).text = example.to
            ET.SubElement(group, "admin", {"type": "x-example-expect"}).text = _xml_text(
                example.expect, concept
            )
        for audience, terms in concept.terms.items():
            for number, term in enumerate(terms):
                term_section = ET.SubElement(section, _NAMES["term"][v])
                ET.SubElement(term_section, "term").text = _xml_text(term.text, concept)
                for kind, value in _term_notes(term, audience, number == 0, concept):
                    if value:
                        ET.SubElement(term_section, "termNote", {"type": kind}).text = value
    ET.indent(root, space="  ")
    head = ['<?xml version="1.0" encoding="UTF-8"?>']
    head += list(XML_MODELS) if version == 3 else [MARTIF_DOCTYPE]
    return "\n".join(head) + "\n" + ET.tostring(root, "unicode") + "\n"


def _term_notes(
    term: Term, audience: str, preferred: bool, concept: Concept
) -> list[tuple[str, str]]:
    """A term's termNotes: TBX-Basic's own categories first, dvd's `x-` ones after."""
    return [
        ("partOfSpeech", "noun"),  # every lexicon term names a thing: a noun or noun phrase
        ("grammaticalGender", _grammatical_gender(term)),
        ("grammaticalNumber", "singular" if term.plural else ""),
        ("administrativeStatus", PREFERRED if preferred else ADMITTED),
        ("x-audience", audience),
        ("x-article", term.article or ""),
        ("x-plural", _xml_text(term.plural or "", concept)),
        ("x-diminutive", _xml_text(term.diminutive or "", concept)),
        ("x-gender", term.gender or ""),
        ("x-case-sensitive", "true" if term.case_sensitive else ""),
        ("x-fuzzy", "" if term.fuzzy else "false"),
        ("x-everyday", "" if term.everyday is None else str(term.everyday).lower()),
        ("x-in-compounds", "true" if term.in_compounds else ""),
        *(("x-not-in", _xml_text(phrase, concept)) for phrase in term.not_in),
        *(("x-needs", _xml_text(word, concept)) for word in term.needs),
        *(("x-form", _xml_text(f"{k}={v}", concept)) for k, v in term.forms),
    ]


_GENDERS = {"m": "masculine", "m.pers": "masculine", "f": "feminine", "n": "neuter"}


def _grammatical_gender(term: Term) -> str:
    """TBX-Basic's gender of a term: neuter for a Dutch het-word (a de-word may be masculine
    or feminine, so it gets none), the Polish gender as masculine, feminine or neuter."""
    if term.article == "het":
        return "neuter"
    return _GENDERS.get(term.gender or "", "")


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


_MAX_DEPTH = 64
"""TBX nests a handful of levels; anything deeper is refused before it exhausts the stack."""


def _parse_xml(text: str, path: str) -> _Element:
    parser = expat.ParserCreate(namespace_separator="}")
    stack: list[_Element] = []
    roots: list[_Element] = []

    def here() -> Location:
        return Location(path, parser.CurrentLineNumber, parser.CurrentColumnNumber + 1)

    def start(name: str, attrs: dict[str, str]) -> None:
        if len(stack) >= _MAX_DEPTH:
            message = f"elements nested more than {_MAX_DEPTH} deep; not a termbase"
            raise LexiconError(here(), message, Code.SYNTAX)
        element = _Element(_local(name), {_local(k): v for k, v in attrs.items()}, here())
        (stack[-1].content if stack else roots).append(element)
        stack.append(element)

    def end(name: str) -> None:
        stack.pop()

    def characters(data: str) -> None:
        if stack:
            stack[-1].content.append(data)

    def refuse(*args: object) -> None:
        raise LexiconError(here(), "entity declarations are not allowed in a TBX file", Code.SYNTAX)

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
            Code.SYNTAX,
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


def read_tbx(
    text: str, path: str, default: str | None, wanted: str | None
) -> tuple[list[Draft], list[str]]:
    """Drafts of the concepts of a TBX file (TBX-Basic or the 2008 form) and its audiences.

    A section in another language than `wanted` still gives an empty draft, so that "no
    concepts in 'pl', only in: ..." can name the languages the file has.
    """
    root = _parse_xml(text, path)
    if root.name not in ("tbx", "martif"):
        message = f"not a TBX file: the root element is <{root.name}>, not <tbx> or <martif>"
        raise LexiconError(root.location, message, Code.VALUE)
    drafts: list[Draft] = []
    audiences: list[str] = []
    for entry in root.iter():
        if entry.name not in ("conceptEntry", "termEntry"):
            continue
        by_language: dict[str, Draft] = {}
        preferred_in: dict[str, set[str]] = {}
        entry_id = entry.attrs.get("id", "").strip().lower() or None
        for section in entry.children:
            if section.name not in ("langSec", "langSet"):
                continue
            if "lang" not in section.attrs:
                raise LexiconError(section.location, "<langSec> has no xml:lang", Code.VALUE)
            language = parse_language(section.attrs["lang"], section.location)
            if wanted is not None and language != wanted:
                # Still a draft, so that "no concepts in 'pl', only in: ..." can list it.
                drafts.append(Draft(entry_id, language, entry.location))
                continue
            draft = by_language.get(language)
            if draft is None:
                draft = by_language[language] = Draft(entry_id, language, entry.location)
                drafts.append(draft)
            has_preferred = preferred_in.setdefault(language, set())
            draft.note = draft.note or _note_of(section) or _note_of(entry)
            draft.examples += tuple(_examples(section))
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


def _examples(section: _Element) -> Iterator[Example]:
    """The examples of a language section: each `descripGrp` with a `context` and dvd's
    `x-example-to` and `x-example-expect` (a context without them is a CAT tool's, not an
    example dvd can run, and is left out)."""
    for group in section.children:
        if group.name != "descripGrp":
            continue
        parts = {
            child.attrs.get("type", ""): child.text().strip()
            for child in group.children
            if child.name in ("descrip", "admin")
        }
        if "context" in parts and "x-example-to" in parts and "x-example-expect" in parts:
            yield Example(
                parts["context"], parts["x-example-to"], parts["x-example-expect"], group.location
            )


def _tbx_term(section: _Element, language: str, default: str | None) -> tuple[str, Term, bool]:
    term_element = next((e for e in section.iter() if e.name == "term"), None)
    if term_element is None:
        raise LexiconError(section.location, f"<{section.name}> has no <term>", Code.VALUE)
    text = term_element.text().strip()
    notes: dict[str, tuple[str, Location]] = {}
    forms: list[tuple[str, str]] = []
    lists: dict[str, list[str]] = {"x-not-in": [], "x-needs": []}
    for element in section.iter():
        kind = element.attrs.get("type")
        if element.name == "termNote" and kind == "x-form":
            forms.append(_form(element, language))
        elif element.name == "termNote" and kind in lists:
            lists[kind].append(element.text().strip())
        elif element.name in ("termNote", "admin", "descrip") and kind and kind not in notes:
            notes[kind] = (element.text().strip(), element.location)
    where = term_element.location
    if "x-audience" in notes:
        audience = parse_audience(*notes["x-audience"])
    elif default is not None:
        audience = default
    else:
        raise OptionNeededError(
            f"{where}: term '{text}' has no audience (<termNote type=\"x-audience\">); "
            "pass --audience NAME to put such terms under one audience"
        )
    article = notes["x-article"][0] if "x-article" in notes else None
    gender = notes["x-gender"][0] if "x-gender" in notes else None
    if "grammaticalGender" in notes:
        # A termbase's own gender says what dvd's fields say (a Dutch article, a Polish gender).
        implied = languages.get(language).from_grammatical_gender(notes["grammaticalGender"][0])
        article = article or implied.get("article")
        gender = gender or implied.get("gender")
    flags = {
        name: parse_flag(notes[key][0], default_value, notes[key][1], name)
        for name, key, default_value in (
            ("case_sensitive", "x-case-sensitive", False),
            ("fuzzy", "x-fuzzy", True),
            ("everyday", "x-everyday", False),
            ("in_compounds", "x-in-compounds", False),
        )
        if key in notes
    }
    plural = notes["x-plural"][0] if "x-plural" in notes else None
    diminutive = notes["x-diminutive"][0] if "x-diminutive" in notes else None
    term = Term(
        text,
        article or None,
        plural or None,
        flags.get("case_sensitive", False),
        flags.get("fuzzy", True),
        where,
        diminutive or None,
        tuple(forms),
        gender or None,
        flags.get("everyday"),
        tuple(lists["x-not-in"]),
        tuple(lists["x-needs"]),
        flags.get("in_compounds", False),
    )
    status = notes.get("administrativeStatus", ("", where))[0]
    return audience, term, status == PREFERRED


def _form(element: _Element, language: str) -> tuple[str, str]:
    """An `x-form` termNote's `label=spelling` as a (label, spelling) pair."""
    label, equals, spelling = element.text().partition("=")
    label, spelling = label.strip().lower(), spelling.strip()
    if not equals or not label or not spelling:
        raise LexiconError(
            element.location,
            f"x-form '{element.text().strip()}' is not label=spelling (e.g. gen.sg=wdrożenia CRM)",
            Code.VALUE,
        )
    problem = form_label_problem(label, language)
    if problem:
        raise LexiconError(element.location, problem, Code.GRAMMAR)
    return label, spelling

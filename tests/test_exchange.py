"""Exchange formats: round trips, the TBX 2008 form, DeepL glossaries, bad input, safe writing."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import os
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dikkevandale.edit.yamlwriter import render_lexicon
from dikkevandale.exchange.cells import escape, split_escaped, unescape
from dikkevandale.exchange.draft import OptionNeededError
from dikkevandale.exchange.formats import (
    READ_ONLY,
    ExchangeFormat,
    export_concepts,
    import_lexicon,
)
from dikkevandale.lexicon.layers import builtin_dir
from dikkevandale.lexicon.loader import parse_lexicon, read_lexicon_file
from dikkevandale.model import Concept, LexiconError, Term
from helpers import invoke

DATA = Path(__file__).parent / "data" / "exchange"
SMALL = DATA / "small.yaml"
SMALL_PL = DATA / "small-pl.yaml"  # the fields only Polish uses (gender)
BUILTIN = sorted(builtin_dir().glob("*/*.yaml"))
FORMATS = [f.value for f in ExchangeFormat if f not in READ_ONLY]
ONLY = ("--no-builtin", "--lexicon", str(SMALL))


def kept_by(fmt: str, concepts: Sequence[Concept]) -> tuple[Concept, ...]:
    """What a format keeps: everything, in every format (examples included). A file's cue
    and hint words belong to the file: only JSON, whose concepts carry them, keeps them."""
    assert fmt in FORMATS
    if fmt == "json":
        return tuple(concepts)
    return tuple(dataclasses.replace(c, cues=(), hints=()) for c in concepts)


def assert_same(got: Sequence[Concept], want: Sequence[Concept]) -> None:
    """Every field of every concept equal (dataclass equality leaves out the locations)."""
    assert [c.id for c in got] == [c.id for c in want]
    for mine, theirs in zip(got, want, strict=True):
        assert mine.language == theirs.language, mine.id
        assert mine.note == theirs.note, mine.id
        assert dict(mine.terms) == dict(theirs.terms), mine.id
        assert mine.examples == theirs.examples, mine.id
        assert mine == theirs


# --- round trips -----------------------------------------------------------------------------


TERM_FIELDS = [f for f in dataclasses.fields(Term) if f.name not in ("text", "location")]


def used_fields(concepts: Sequence[Concept]) -> set[str]:
    """The names of the term fields that some term sets to other than their default."""
    terms = [t for c in concepts for ts in c.terms.values() for t in ts]
    return {f.name for f in TERM_FIELDS if any(getattr(t, f.name) != f.default for t in terms)}


def test_the_fixtures_exercise_every_field() -> None:
    small = read_lexicon_file(SMALL)
    polish = read_lexicon_file(SMALL_PL)
    assert used_fields(small) | used_fields(polish) == {f.name for f in TERM_FIELDS}
    terms = [t for c in small for ts in c.terms.values() for t in ts]
    assert any(len(dict(t.forms)) < len(t.forms) for t in terms), "a label with two spellings"
    assert any(c.note for c in small) and any(c.examples for c in small)
    for path in BUILTIN:
        concepts = read_lexicon_file(path)
        used = used_fields(concepts)
        assert {"case_sensitive", "fuzzy"} <= used, path
        if concepts[0].language == "nl":  # articles are Dutch only
            assert "article" in used, path
        # Polish spells its plurals out among the case forms (nom.pl).
        assert "plural" in used or "forms" in used, path
        assert any(c.note for c in concepts), path
    assert BUILTIN, "no built-in lexicons found"


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(
    "path", [*BUILTIN, SMALL, SMALL_PL], ids=lambda p: f"{p.parent.name}/{p.name}"
)
def test_round_trip_keeps_every_concept_term_and_field(path: Path, fmt: str) -> None:
    concepts = read_lexicon_file(path)
    exported = export_concepts(concepts, fmt)
    imported = import_lexicon(exported.encode("utf-8"), fmt, f"lexicon.{fmt}")
    assert_same(imported.concepts, kept_by(fmt, concepts))
    # The YAML text is what gets written: it must read back the same from scratch.
    assert_same(parse_lexicon(imported.text), kept_by(fmt, concepts))
    # And a second trip changes nothing.
    again = export_concepts(imported.concepts, fmt)
    assert again == export_concepts(kept_by(fmt, concepts), fmt)


ODD = Concept(
    "koppeling",
    "nl",
    {
        "it": (
            Term(
                "koppeling",
                plural="koppelingen|",
                diminutive='k | o; p=p "\\ <l>',
                forms=(
                    ("pl", "=koppelingen;"),
                    ("pl", "[koppelingen],"),
                    ("pl", "koppelingen?"),
                    ("dim", "\\koppelinkje\\|"),
                    ("dim.pl", "koppelinkjes & co"),
                ),
            ),
            Term("interface", forms=(("pl", "interfaces"),)),
        ),
        "sales": (Term("link", forms=(("pl", "links=;|"),)),),
    },
)


@pytest.mark.parametrize("fmt", FORMATS)
def test_round_trip_keeps_separators_quotes_and_backslashes(fmt: str) -> None:
    assert parse_lexicon(render_lexicon([ODD], ["it", "sales"], "nl")) == (ODD,)
    exported = export_concepts([ODD], fmt)
    imported = import_lexicon(exported.encode("utf-8"), fmt, f"odd.{fmt}")
    assert_same(imported.concepts, [ODD])
    assert export_concepts(imported.concepts, fmt) == exported


def test_csv_escapes_only_what_would_split_a_value() -> None:
    exported = export_concepts([ODD], "csv")
    row = dict(zip(*csv.reader(io.StringIO(exported)), strict=True))
    assert row["it.plural"] == "koppelingen\\| |"
    assert row["it.diminutive"] == 'k \\| o\\; p\\=p "\\\\ <l> |'
    assert row["it.forms"] == (
        "pl=\\=koppelingen\\;; pl=[koppelingen],; pl=koppelingen?; dim=\\\\koppelinkje\\\\\\|; "
        "dim.pl=koppelinkjes & co | pl=interfaces"
    )
    assert row["sales.forms"] == "pl=links\\=\\;\\|"


@given(st.lists(st.text().map(str.strip)))
def test_escaped_values_split_back_into_the_same_values(values: list[str]) -> None:
    cell = " | ".join(escape(value) for value in values)
    pieces = [unescape(piece.strip()) for piece in split_escaped(cell, "|")]
    assert pieces == (values or [""])


def test_a_backslash_before_any_other_character_is_itself() -> None:
    data = b"id,language,it,it.diminutive,it.forms\nk1,nl,temp,C:\\t,pl=\\temps; pl=temps\\=\n"
    (concept,) = import_lexicon(data, "csv", "x.csv").concepts
    assert concept.terms["it"][0].diminutive == "C:\\t"
    assert concept.terms["it"][0].forms == (("pl", "\\temps"), ("pl", "temps="))


def test_csv_form_labels_are_read_in_any_case_and_kept_together() -> None:
    data = b"id,language,it,IT.Forms\nk1,pl,wdrozenie,Gen.SG = wdrozenia ;;loc.sg=a; gen.sg=b\n"
    (concept,) = import_lexicon(data, "csv", "x.csv").concepts
    forms = (("gen.sg", "wdrozenia"), ("gen.sg", "b"), ("loc.sg", "a"))
    assert concept.terms["it"][0].forms == forms


def test_json_import_takes_one_spelling_as_a_string_and_null_as_none() -> None:
    data = json.dumps(
        [
            {
                "id": "k",
                "language": "nl",
                "terms": {
                    "it": [
                        {"term": "koppeling", "forms": {"pl": "koppelingen", "dim": ["kopje"]}},
                        {"term": "link", "diminutive": None, "forms": None},
                    ]
                },
            }
        ]
    )
    (concept,) = import_lexicon(data.encode(), "json", "k.json").concepts
    first, second = concept.terms["it"]
    assert first.forms == (("pl", "koppelingen"), ("dim", "kopje"))
    assert second == Term("link")


@pytest.mark.parametrize("fmt", FORMATS)
def test_round_trip_through_the_command_line(tmp_path: Path, fmt: str) -> None:
    exported = tmp_path / f"small.{fmt}"
    lexicon = tmp_path / "small.yaml"
    invoke("lexicon", "export", *ONLY, "-o", str(exported))
    result = invoke("lexicon", "import", str(exported), "-o", str(lexicon), "--no-builtin")
    assert f"imported 4 concepts (nl; sales, it, marketing) from {exported}" in result.stderr
    assert_same(read_lexicon_file(lexicon), kept_by(fmt, read_lexicon_file(SMALL)))
    assert lexicon.read_text(encoding="utf-8").startswith(f"# Imported from {exported} by ")


def test_round_trip_of_the_builtin_lexicon_in_force(tmp_path: Path) -> None:
    exported = tmp_path / "nl.csv"
    invoke("lexicon", "export", "--format", "csv", "--language", "nl", "-o", str(exported))
    yaml_text = invoke("lexicon", "import", str(exported)).stdout
    want = read_lexicon_file(builtin_dir() / "nl" / "crm.yaml")
    assert_same(parse_lexicon(yaml_text), kept_by("csv", want))


def test_imported_yaml_has_the_house_style() -> None:
    imported = import_lexicon(SMALL.with_suffix(".json").read_bytes(), "json", "small.json")
    lines = imported.text.splitlines()
    assert lines[:7] == [
        "# Imported from small.json by `dvd lexicon import` (json).",
        "dvd: 1",
        "language: nl",
        "audiences: [sales, it, marketing]",
        "cues: [CRM*]",
        "hints: [offerte*, Q3]",
        "concepts:",
    ]
    text = imported.text
    assert (
        "  - id: koppeling\n    sales:\n      - term: koppeling\n        everyday: true\n"
        "        not_in: [koppeling & trekhaak, koppeling van de auto, aanhangerkoppeling]\n"
        "        needs: [systeem*, ERP, API's]\n    it:\n      - term: interface\n"
        "        everyday: false\n"
    ) in text
    assert "      - term: API\n        case_sensitive: true\n        in_compounds: true\n" in text
    assert "\n      - 360-graden-klantbeeld\n" not in text  # a plain term stays plain
    assert "        forms:\n          pl: [API's, APIs]\n" in text
    assert "        forms:\n          pl: klantprofielen\n          dim: klantprofieltje\n" in text
    assert "        plural: 360-graden-klantbeelden\n        diminutive: 360-graden-kl" in text
    assert '      - term: "2.0"\n        fuzzy: false\n' in text
    assert "\n\n  - id: versie\n" in text


# --- golden exports --------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_export_matches_the_golden_file(fmt: str) -> None:
    golden = (DATA / f"small.{fmt}").read_text(encoding="utf-8")
    assert invoke("lexicon", "export", *ONLY, "--format", fmt).stdout == golden
    assert export_concepts(read_lexicon_file(SMALL), fmt) == golden


def test_csv_export_joins_terms_and_fields_in_order() -> None:
    rows = (DATA / "small.csv").read_text(encoding="utf-8").splitlines()
    header = rows[0].split(",")
    assert header[:4] == ["id", "language", "note", "sales"]
    assert "it.case_sensitive" in header and "marketing.plural" not in header
    support = dict(zip(header, rows[3].split(","), strict=True))
    assert support["it"] == "SLA | R&D-piketdienst"
    assert support["it.article"] == "de |"
    assert support["it.case_sensitive"] == "true |"
    assert support["sales.fuzzy"] == "false"
    assert support["it.forms"] == "| pl=R&D-piketdiensten"
    klantbeeld, _, _, koppeling = csv.DictReader(io.StringIO("\n".join(rows)))
    assert klantbeeld["sales.diminutive"] == "360-graden-klantbeeldje |"
    assert klantbeeld["marketing.forms"] == "pl=klantprofielen; dim=klantprofieltje"
    assert koppeling["it.forms"] == "| pl=API's; pl=APIs"


def test_tbx_export_is_tbx_basic() -> None:
    root = ET.fromstring(export_concepts(read_lexicon_file(SMALL), "tbx"))
    ns = "{urn:iso:std:iso:30042:ed-2}"
    assert root.tag == f"{ns}tbx"
    assert root.attrib["type"] == "TBX-Basic" and root.attrib["style"] == "dca"
    entries = root.findall(f"{ns}text/{ns}body/{ns}conceptEntry")
    assert [e.attrib["id"] for e in entries] == [
        "klantbeeld",
        "_24-7-support",
        "versie",
        "koppeling",
    ]
    standard = {"partOfSpeech", "grammaticalGender", "grammaticalNumber", "administrativeStatus"}
    for term_section in root.iter(f"{ns}termSec"):
        kinds = [n.attrib["type"] for n in term_section.findall(f"{ns}termNote")]
        own = [kind for kind in kinds if not kind.startswith("x-")]
        # TBX-Basic's own data categories first, dvd's x- ones only where none exists.
        assert kinds[: len(own)] == own and set(own) <= standard
        assert kinds[0] == "partOfSpeech" and "administrativeStatus" in own
        assert kinds[len(own)] == "x-audience"
    lang = "{http://www.w3.org/XML/1998/namespace}lang"
    assert {s.attrib[lang] for s in root.iter(f"{ns}langSec")} == {"nl"}
    notes = [
        (n.attrib["type"], n.text)
        for n in root.iter(f"{ns}termNote")
        if n.attrib["type"] in ("x-diminutive", "x-form")
    ]
    assert notes == [
        ("x-diminutive", "360-graden-klantbeeldje"),
        ("x-form", "pl=klantprofielen"),
        ("x-form", "dim=klantprofieltje"),
        ("x-form", "pl=R&D-piketdiensten"),
        ("x-form", "pl=API's"),
        ("x-form", "pl=APIs"),
    ]


def test_json_export_lists_every_field() -> None:
    records = json.loads(export_concepts(read_lexicon_file(SMALL), "json"))
    keys = {"id", "language", "note", "terms", "examples", "cues", "hints"}
    assert [set(r) for r in records] == [keys] * 4
    assert (records[0]["cues"], records[0]["hints"]) == (["CRM*"], ["offerte*", "Q3"])
    term = records[1]["terms"]["it"][0]
    assert term == {
        "term": "SLA",
        "article": "de",
        "plural": "SLA's",
        "diminutive": None,
        "gender": None,
        "case_sensitive": True,
        "fuzzy": False,
        "forms": {},
        "everyday": None,
        "not_in": [],
        "needs": [],
        "in_compounds": False,
    }
    assert records[0]["terms"]["sales"][0]["diminutive"] == "360-graden-klantbeeldje"
    koppeling = records[3]["terms"]["sales"][0]
    assert (koppeling["everyday"], koppeling["needs"]) == (True, ["systeem*", "ERP", "API's"])
    assert koppeling["not_in"][0] == "koppeling & trekhaak"
    assert records[3]["terms"]["it"][1]["in_compounds"] is True
    assert records[3]["terms"]["it"][1]["forms"] == {"pl": ["API's", "APIs"]}
    assert list(records[0]["terms"]["marketing"][0]["forms"]) == ["pl", "dim"]


# --- the older TBX form and DeepL glossaries -------------------------------------------------

MARTIF_NL = """\
dvd: 1
language: nl
audiences: [sales, it]
concepts:
  - id: c1
    sales:
      - 360-graden-klantbeeld
      - term: klantbeeld
        article: het
    note: Alles over een klant op één plek.
  - id: c-2
    sales:
      - term: koppeling
        article: de
    it:
      - interface
    note: De verbinding tussen twee systemen.
  - id: service-level-agreement
    sales: Service Level Agreement
"""


def test_martif_import_reads_tig_ntig_regional_languages_and_gender() -> None:
    result = invoke(
        "lexicon",
        "import",
        str(DATA / "martif.tbx"),
        "--language",
        "nl",
        "--audience",
        "sales",
        "--no-builtin",
    )
    assert_same(parse_lexicon(result.stdout), parse_lexicon(MARTIF_NL))


def test_martif_import_of_another_language_takes_the_entry_definition() -> None:
    data = (DATA / "martif.tbx").read_bytes()
    imported = import_lexicon(data, "tbx", "martif.tbx", language="en", default_audience="it")
    (concept,) = imported.concepts
    assert concept.id == "c1"
    assert concept.note == "Everything about a customer in one place."
    assert [t.text for t in concept.terms["it"]] == ["customer view"]


def test_only_the_chosen_language_needs_audiences(tmp_path: Path) -> None:
    path = tmp_path / "two.tbx"
    path.write_text(
        '<tbx><text><body><conceptEntry id="a">'
        '<langSec xml:lang="nl"><termSec><term>koppeling</term>'
        '<termNote type="x-audience">sales</termNote></termSec></langSec>'
        '<langSec xml:lang="en"><termSec><term>link</term></termSec></langSec>'
        "</conceptEntry></body></text></tbx>",
        encoding="utf-8",
    )
    result = invoke("lexicon", "import", str(path), "--language", "nl", "--no-builtin")
    assert parse_lexicon(result.stdout)[0].terms["sales"][0].text == "koppeling"
    assert "has no audience" in invoke("lexicon", "import", str(path), code=2).stderr


def test_tbx_terms_without_audience_need_the_audience_option() -> None:
    path = DATA / "martif.tbx"
    result = invoke("lexicon", "import", str(path), "--language", "nl", code=2)
    assert f"{path}:23:13: term 'klantbeeld' has no audience" in result.stderr
    assert "--audience NAME" in result.stderr


def test_a_file_with_two_languages_needs_the_language_option() -> None:
    path = DATA / "martif.tbx"
    result = invoke("lexicon", "import", str(path), "--audience", "it", code=2)
    assert "holds concepts in nl, en" in result.stderr and "--language" in result.stderr
    result = invoke("lexicon", "import", str(path), "--audience", "it", "--language", "pl", code=2)
    assert "no concepts in 'pl', only in: nl, en" in result.stderr


def test_deepl_glossary_export() -> None:
    result = invoke("lexicon", "export", *ONLY, "--format", "tsv", "--from", "sales", "--to", "it")
    assert result.stdout == (
        "360-graden-klantbeeld\tmid-office-oplossing op basis van XML\n"
        "compleet klantbeeld\tmid-office-oplossing op basis van XML\n"
        "24/7-support\tSLA\n"
        "nieuwe versie\t2.0\n"
        "koppeling\tinterface\n"
    )
    csv_result = invoke(
        "lexicon", "export", *ONLY, "--format", "csv", "--from", "it", "--to", "marketing"
    )
    assert csv_result.stdout == "mid-office-oplossing op basis van XML,klantprofiel\n"


def test_deepl_glossary_of_two_languages_needs_the_language_option() -> None:
    args = ("lexicon", "export", "--format", "tsv", "--from", "sales", "--to", "it")
    assert "choose one with --language" in invoke(*args, code=2).stderr
    assert invoke(*args, "--language", "en").stdout.startswith("360-degree customer view\t")


def test_deepl_glossary_import_groups_rows_by_target_term() -> None:
    result = invoke(
        "lexicon",
        "import",
        str(DATA / "deepl.tsv"),
        "--from",
        "sales",
        "--to",
        "it",
        "--language",
        "nl",
        "--no-builtin",
    )
    assert result.stdout == (
        f"# Imported from {DATA / 'deepl.tsv'} by `dvd lexicon import` (tsv).\n"
        "dvd: 1\n"
        "language: nl\n"
        "audiences: [sales, it]\n"
        "concepts:\n"
        "  - id: mid-office-oplossing-op-basis-van-xml\n"
        "    sales:\n"
        "      - 360-graden-klantbeeld\n"
        "      - klantbeeld\n"
        "    it:\n"
        "      - mid-office-oplossing op basis van XML\n"
        "\n"
        "  - id: interface\n"
        "    sales:\n"
        "      - koppeling\n"
        "      - back-office-koppeling\n"
        "    it:\n"
        "      - interface\n"
    )
    missing = invoke(
        "lexicon", "import", str(DATA / "deepl.tsv"), "--from", "a", "--to", "b", code=2
    )
    assert "names no language; pass --language" in missing.stderr


def test_csv_import_is_lenient_about_what_people_type() -> None:
    data = (
        "\ufeff\nID;Sales;IT;IT.Article;it.fuzzy\n"
        ";Klantbeeld;Klantdatabase | CRM;de | ;  | NO\n"
        "\n"
        ";;koppelvlak;;\n"
    ).encode()
    imported = import_lexicon(data, "csv", "excel.csv", language="nl")
    first, second = imported.concepts
    assert first.id == "klantbeeld" and second.id == "koppelvlak"
    assert [t.article for t in first.terms["it"]] == ["de", None]
    assert [t.fuzzy for t in first.terms["it"]] == [True, False]
    assert "sales" not in second.terms


def test_import_reads_standard_input() -> None:
    data = "id,language,sales,it\nsla,nl,servicegarantie,SLA\n"
    result = invoke("lexicon", "import", "-", "--format", "csv", "--no-builtin", input=data)
    assert parse_lexicon(result.stdout)[0].preferred("it").text == "SLA"


def test_import_warns_about_clashes_with_the_lexicons_in_force(tmp_path: Path) -> None:
    path = tmp_path / "clash.csv"
    path.write_text("id,language,sales,it\nbeeld,nl,360-graden-klantbeeld,x\n", encoding="utf-8")
    warned = invoke("lexicon", "import", str(path)).stderr
    assert f"warning: {path}:2:10: term '360-graden-klantbeeld' for sales is taken from" in warned
    assert "warning" not in invoke("lexicon", "import", str(path), "--no-builtin").stderr


# --- bad input: one line with file:line:col, exit 3 ------------------------------------------

BAD_INPUT = [
    ("columns.csv", b"id,language,sales,it\nk1,nl,a,b\nk2,nl,c,d,extra\n", 3, 11,
     "row has 5 cells, the header has 4"),
    ("short.csv", b"id,language,sales,it\nk1,nl,klantbeeld\n", 2, 17,
     "row has 3 cells, the header has 4"),
    ("quote.csv", b'id,language,sales,it\nk1,nl,"klant"beeld,x\n', 2, 14,
     "text after a quoted cell"),
    ("open.csv", b'id,language,sales,it\nk1,nl,"klantbeeld,x\n', 2, 7,
     "quoted cell is never closed"),
    ("latin1.csv", b"id,language,sales,it\nk1,nl,klant\xe9,x\n", 2, 12,
     "not UTF-8 (byte 32)"),
    ("utf16.csv", "id,sales\n".encode("utf-16"), 1, 1, "is UTF-16; save it as UTF-8"),
    ("empty.csv", b"", 1, 1, "file is empty"),
    ("blank.tsv", b"\n  \n", 1, 1, "file is empty"),
    ("header.csv", b"id,language,sales,it\n", 1, 1, "holds no concepts"),
    ("commas.csv", b",,\n", 1, 1, "holds no header row"),
    ("column.csv", b"id,language,sales,it,it.artikel\n", 1, 22,
     "unknown column 'it.artikel' (did you mean 'article'?)"),
    ("count.csv", b"id,language,sales,it,it.article\nk1,nl,a,b | c,de\n", 2, 15,
     "'it.article' has 1 value for 2 terms"),
    ("flag.csv", b"id,language,sales,it,it.fuzzy\nk1,nl,a,b,maybe\n", 2, 11,
     "fuzzy must be true or false, not 'maybe'"),
    ("term.csv", b"id,language,sales,it\nk1,nl,klantbeeld,a.\n", 2, 18,
     "term 'a.' must start and end with a letter or digit"),
    ("form.csv", b"id,language,sales,sales.forms\nk1,nl,koppeling,koppelingen\n", 2, 17,
     "form 'koppelingen' in 'sales.forms' is not label=spelling"),
    ("label.csv", b"id,language,sales,sales.forms\nk1,nl,koppeling,pl=x; gen.sg=y\n", 2, 17,
     "unknown form label 'gen.sg'; nl labels: sg, pl, dim, dim.pl, sg.def (in 'sales.forms')"),
    ("diminutive.csv", b"id,language,sales,sales.diminutive\nk1,pl,link,linkje\n", 2, 7,
     "'diminutive' is only used in Dutch (nl) lexicons"),
    ("language.csv", b"id,language,sales\nk1,dutch,a\n", 2, 4,
     "language 'dutch' is not a code like nl, en, pl"),
    ("duplicate.csv", b"id,language,sales\nk1,nl,a\nk1,nl,b\n", 3, 1,
     "duplicate concept id 'k1' (first at "),
    ("ambiguous.csv", b"id,language,sales\nk1,nl,klantbeeld\nk2,nl,klant-beeld\n", 3, 7,
     "ambiguous term 'klant-beeld' for sales"),
    ("notcsv.csv", b"<martif><text/></martif>\n", 1, 1,
     "column '<martif><text/></martif>' is not an audience"),
    ("mismatch.tbx", b"<tbx>\n  <text>\n <body></tex>", 3, 10, "invalid XML: mismatched tag"),
    ("entities.tbx", b'<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY a "aa">]>\n<tbx/>', 2, 25,
     "entity declarations are not allowed"),
    ("root.tbx", b"<html/>", 1, 1, "not a TBX file: the root element is <html>"),
    ("nolang.tbx", b"<tbx><conceptEntry>\n<langSec/></conceptEntry></tbx>",
     2, 1, "<langSec> has no xml:lang"),
    ("noterm.tbx", b"<tbx><conceptEntry><langSec xml:lang='nl'>\n  <termSec/></langSec>"
                   b"</conceptEntry></tbx>",
     2, 3, "<termSec> has no <term>"),
    ("form.tbx", b'<tbx><conceptEntry><langSec xml:lang="nl"><termSec><term>koppeling</term>\n'
                 b'  <termNote type="x-audience">it</termNote><termNote type="x-form">pl.dim=x'
                 b"</termNote></termSec></langSec></conceptEntry></tbx>",
     2, 44, "unknown form label 'pl.dim'"),
    ("syntax.json", b'[{"id": "x",\n "language": "nl" "terms": {}}]', 2, 19,
     "invalid JSON: Expecting ',' delimiter"),
    ("everyday.csv", b"id,language,sales,it,it.everyday\nk1,nl,a,ticket,often\n", 2, 16,
     "everyday must be true or false, not 'often'"),
    ("compounds.csv", b"id,language,sales,it,it.in_compounds\nk1,nl,a,SLA,ja\n", 2, 13,
     "in_compounds must be true or false, not 'ja'"),
    ("notin.csv", b"id,language,sales,it,it.not_in\nk1,nl,a,ticket,ticket voor; concert\n", 2, 9,
     "'concert' in 'not_in' does not contain the term 'ticket'"),
    ("needs.csv", b"id,language,sales,it,it.needs\nk1,nl,a,ticket,support desk\n", 2, 9,
     "'support desk' in 'needs' must be one word"),
    ("needs.tbx", b'<tbx><conceptEntry><langSec xml:lang="nl"><termSec><term>ticket</term>\n'
                  b'  <termNote type="x-audience">it</termNote><termNote type="x-needs">a b'
                  b"</termNote></termSec></langSec></conceptEntry></tbx>",
     1, 52, "'a b' in 'needs' must be one word"),
    ("everyday.tbx", b'<tbx><conceptEntry><langSec xml:lang="nl"><termSec><term>ticket</term>\n'
                     b'  <termNote type="x-audience">it</termNote>\n  <termNote type="x-everyday">'
                     b"soms</termNote></termSec></langSec></conceptEntry></tbx>",
     3, 3, "everyday must be true or false, not 'soms'"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("name", "data", "line", "col", "message"), BAD_INPUT, ids=[case[0] for case in BAD_INPUT]
)
def test_bad_input_is_one_line_at_its_location(
    tmp_path: Path, name: str, data: bytes, line: int, col: int, message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    result = invoke("lexicon", "import", str(path), "--no-builtin", code=3)
    assert result.stderr.startswith(f"dvd: error: {path}:{line}:{col}: {message}"), result.stderr
    assert result.stderr.count("\n") == 1
    assert result.stdout == ""


@pytest.mark.parametrize(
    ("record", "message"),
    [
        ('{"id": "x", "language": "nl", "terms": {"sales": [{"term": 3}]}}',
         "concept 1 ('x'): sales term 1: term must be a string"),
        ('{"id": "x", "language": "nl", "terms": {"sales": ["a"]}, "notes": "n"}',
         "concept 1 ('x'): unknown key 'notes' in a concept (did you mean 'note'?)"),
        ('{"id": "x", "language": "nl", "terms": {"sales": [{"term": "a", "fuzzy": "no"}]}}',
         "concept 1 ('x'): sales term 1: fuzzy must be true or false"),
        ('{"id": "x", "language": "nl", "terms": {"sales": [{"term": "a", "forms": {"x": "b"}}]}}',
         "concept 1 ('x'): sales term 1: forms: unknown form label 'x'"),
        ('{"id": "x", "language": "nl", "terms": {"sales": [{"term": "a", "forms": {"pl": [1]}}]}}',
         "concept 1 ('x'): sales term 1: forms: pl must be a string"),
        ('{"id": "x", "language": "nl", "terms": {"sales": [{"term": "a", "forms": ["pl"]}]}}',
         "concept 1 ('x'): sales term 1: forms must be a JSON object"),
        ('{"id": "x", "id": "y", "language": "nl", "terms": {}}', "duplicate key 'id'"),
        ('{"id": "x", "language": "nl", "terms": {"it": [{"term": "a", "everyday": "yes"}]}}',
         "concept 1 ('x'): it term 1: everyday must be true or false"),
        ('{"id": "x", "language": "nl", "terms": {"it": [{"term": "a", "not_in": "a b"}]}}',
         "concept 1 ('x'): it term 1: not_in must be a JSON list"),
        ('{"id": "x", "language": "nl", "terms": {"it": [{"term": "a", "needs": [1]}]}}',
         "concept 1 ('x'): it term 1: needs must be a string"),
        ('{"id": "x", "language": "nl", "terms": {"it": [{"term": "ticket", "not_in": ["b"]}]}}',
         "'b' in 'not_in' does not contain the term 'ticket'"),
    ],
)  # fmt: skip
def test_json_type_errors_name_the_concept(tmp_path: Path, record: str, message: str) -> None:
    path = tmp_path / "bad.json"
    path.write_text(f"[{record}]", encoding="utf-8")
    result = invoke("lexicon", "import", str(path), "--no-builtin", code=3)
    assert f"{path}: " in result.stderr and message in result.stderr, result.stderr


def test_missing_input_file_is_bad_data(tmp_path: Path) -> None:
    path = tmp_path / "nothere.csv"
    assert f"{path}: no such file" in invoke("lexicon", "import", str(path), code=3).stderr


def test_library_errors_are_typed() -> None:
    with pytest.raises(LexiconError) as error:
        import_lexicon(b"id,sales\nk1,a,b\n", "csv", "x.csv", language="nl")
    assert str(error.value.location) == "x.csv:2:6"
    with pytest.raises(OptionNeededError):
        import_lexicon(b"id,sales\nk1,a\n", "csv", "x.csv")


# --- usage errors: exit 2 --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("import", "x.csv", "--format", "xls"), "Invalid value for '--format'"),
        (("import", "terms.txt"), "say which format with --format"),
        (("import", "x.csv", "--audience", "it"), "--audience is for TBX files"),
        (("import", "x.csv", "--from", "sales"), "needs both --from and --to"),
        (("import", "x.tbx", "--from", "sales", "--to", "it"), "use --format tsv or csv"),
        (("import", "x.csv", "--language", "Dutch"), "--language 'Dutch' is not a code"),
        (("export",), "say which format with --format"),
        (("export", "--format", "csv", "--language", "nll"), "(did you mean 'nl'?)"),
        (("export", "--format", "tbx", "--from", "sales", "--to", "it"), "use --format tsv"),
        (("export", "--format", "tsv", "--from", "sales", "--to", "klant"), "unknown audience"),
        (("export", "--format", "csv", "--no-builtin"), "no lexicon in force"),
    ],
)
def test_usage_errors_exit_2(args: tuple[str, ...], message: str) -> None:
    assert message in invoke("lexicon", *args, code=2).stderr


# --- writing: atomic, never over a file without --force --------------------------------------


@pytest.fixture
def small_csv(tmp_path: Path) -> Path:
    path = tmp_path / "in" / "small.csv"
    path.parent.mkdir()
    path.write_text((DATA / "small.csv").read_text(encoding="utf-8"), encoding="utf-8")
    return path


@pytest.fixture
def existing(tmp_path: Path) -> Path:
    path = tmp_path / "out" / "lexicon.yaml"
    path.parent.mkdir()
    path.write_bytes(b"# my own lexicon, keep it\r\ndvd: 1\n")
    path.chmod(0o640)
    return path


def test_import_does_not_overwrite_without_force(small_csv: Path, existing: Path) -> None:
    result = invoke("lexicon", "import", str(small_csv), "-o", str(existing), code=2)
    assert f"{existing} exists; pass --force to replace it" in result.stderr
    assert existing.read_bytes() == b"# my own lexicon, keep it\r\ndvd: 1\n"


def test_import_with_force_replaces_atomically(small_csv: Path, existing: Path) -> None:
    invoke("lexicon", "import", str(small_csv), "-o", str(existing), "--force", "--no-builtin")
    assert_same(read_lexicon_file(existing), kept_by("csv", read_lexicon_file(SMALL)))
    assert [p.name for p in existing.parent.iterdir()] == [existing.name]
    assert existing.stat().st_mode & 0o777 == 0o640


def test_failed_import_leaves_the_file_as_it_was(tmp_path: Path, existing: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("id,language,sales\nk1,nl,a.\n", encoding="utf-8")
    invoke("lexicon", "import", str(bad), "-o", str(existing), "--force", code=3)
    assert existing.read_bytes() == b"# my own lexicon, keep it\r\ndvd: 1\n"
    assert [p.name for p in existing.parent.iterdir()] == [existing.name]


def test_interrupted_import_leaves_the_file_as_it_was(
    small_csv: Path, existing: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupt(self: Path, target: Path) -> Path:
        raise KeyboardInterrupt

    monkeypatch.setattr(Path, "replace", interrupt)
    args = ("lexicon", "import", str(small_csv), "-o", str(existing), "--force", "--no-builtin")
    invoke(*args, code=130)
    assert existing.read_bytes() == b"# my own lexicon, keep it\r\ndvd: 1\n"
    assert [p.name for p in existing.parent.iterdir()] == [existing.name]


def test_a_new_output_file_gets_the_usual_permissions(small_csv: Path, tmp_path: Path) -> None:
    new = tmp_path / "new.yaml"
    umask = os.umask(0o022)
    try:
        invoke("lexicon", "import", str(small_csv), "-o", str(new), "--no-builtin")
    finally:
        os.umask(umask)
    assert new.stat().st_mode & 0o777 == 0o644
    written = new.read_bytes()
    invoke("lexicon", "import", str(small_csv), "-o", str(new), "--no-builtin", code=2)
    assert new.read_bytes() == written


def test_export_replaces_its_output_file(tmp_path: Path) -> None:
    out = tmp_path / "small.json"
    out.write_text("old", encoding="utf-8")
    result = invoke("lexicon", "export", *ONLY, "-o", str(out))
    assert "exported 4 concepts" in result.stderr and result.stdout == ""
    assert out.read_text(encoding="utf-8") == (DATA / "small.json").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("deep.json", b"[" * 100_000 + b"]" * 100_000),
        (
            "deep.tbx",
            b'<?xml version="1.0"?><tbx>' + b"<a>" * 100_000 + b"</a>" * 100_000 + b"</tbx>",
        ),
    ],
)
def test_deeply_nested_imports_are_bad_data_not_a_crash(
    tmp_path: Path, name: str, data: bytes
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    result = invoke("lexicon", "import", str(path), code=3)
    assert "nested" in result.stderr
    assert "Traceback" not in result.stderr


def test_an_import_that_cannot_be_written_is_bad_data(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A full disk: exit 3 with one line, and nothing half-written."""
    import errno

    def full(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("dikkevandale.files.write_atomically", full)
    source = tmp_path / "small.csv"
    source.write_text("id,language,sales,it\nbeeld,nl,klantkaartje,x\n", encoding="utf-8")
    target = tmp_path / "x.yaml"
    result = invoke("lexicon", "import", str(source), "-o", str(target), code=3)
    assert "No space left on device" in result.stderr
    assert not target.exists()


# --- lossless exchange: counts per shipped lexicon and format, TBX versions, glossaries -------


def _counts(concepts: Sequence[Concept]) -> tuple[int, int, int]:
    terms = sum(len(ts) for c in concepts for ts in c.terms.values())
    return len(concepts), terms, sum(len(c.examples) for c in concepts)


@pytest.mark.parametrize("version", [3, 2])
@pytest.mark.parametrize("path", [*BUILTIN, SMALL], ids=lambda p: f"{p.parent.name}/{p.name}")
def test_tbx_round_trip_in_both_versions_keeps_everything(path: Path, version: int) -> None:
    concepts = read_lexicon_file(path)
    exported = export_concepts(concepts, "tbx", tbx_version=version)
    imported = import_lexicon(exported.encode("utf-8"), "tbx", "x.tbx").concepts
    assert_same(imported, kept_by("tbx", concepts))
    assert _counts(imported) == _counts(concepts)


def test_round_trip_counts_of_every_shipped_lexicon_and_format(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The numbers the issue asks for: concepts, terms and examples kept, per file and format."""
    lines = []
    for path in BUILTIN:
        concepts = read_lexicon_file(path)
        assert sum(len(c.examples) for c in concepts) > 0, path
        for fmt, extra in [(f, {}) for f in FORMATS] + [("tbx v2", {"tbx_version": 2})]:
            name = fmt.split()[0]
            text = export_concepts(concepts, name, **extra)  # type: ignore[arg-type]
            back = import_lexicon(text.encode("utf-8"), name, f"x.{name}").concepts
            assert _counts(back) == _counts(concepts), (path, fmt)
            assert tuple(back) == kept_by(name, concepts), (path, fmt)
            kept = "{} concepts, {} terms, {} examples".format(*_counts(back))
            lines.append(f"{path.parent.name}/{path.name} {fmt}: {kept}")
    with capsys.disabled():
        print("\nround trips kept:\n  " + "\n  ".join(lines))  # noqa: T201


def test_tbx_3_names_its_schemas_and_2_is_martif() -> None:
    concepts = read_lexicon_file(SMALL)
    three = export_concepts(concepts, "tbx")
    assert three.splitlines()[1].startswith('<?xml-model href="https://raw.githubusercontent.com/')
    assert 'schematypens="http://relaxng.org/ns/structure/1.0"' in three.splitlines()[1]
    two = export_concepts(concepts, "tbx", tbx_version=2)
    root = ET.fromstring(two)
    assert root.tag == "martif" and root.attrib["type"] == "TBX-Basic"
    assert root.find("text/body/termEntry/langSet/tig/term") is not None
    assert root.find("martifHeader/fileDesc/sourceDesc/p") is not None
    assert "<!DOCTYPE martif" in two and "xml-model" not in two


def test_tbx_examples_are_contexts_and_het_is_neuter() -> None:
    root = ET.fromstring(export_concepts(read_lexicon_file(SMALL), "tbx"))
    ns = "{urn:iso:std:iso:30042:ed-2}"
    groups = list(root.iter(f"{ns}descripGrp"))
    assert groups
    for group in groups:
        kinds = [(child.tag.removeprefix(ns), child.attrib["type"]) for child in group]
        assert kinds == [
            ("descrip", "context"),
            ("admin", "x-example-to"),
            ("admin", "x-example-expect"),
        ]
    genders = {
        n.text for n in root.iter(f"{ns}termNote") if n.attrib["type"] == "grammaticalGender"
    }
    assert genders == {"neuter"}


def test_export_to_tbx_2_through_the_command_line(tmp_path: Path) -> None:
    out = tmp_path / "old.tbx"
    invoke("lexicon", "export", *ONLY, "--format", "tbx", "--tbx-version", "2", "-o", str(out))
    assert out.read_text(encoding="utf-8").count("<termEntry ") == 4
    invoke("lexicon", "export", *ONLY, "--format", "csv", "--tbx-version", "2", code=2)
    invoke("lexicon", "export", *ONLY, "--format", "tbx", "--tbx-version", "4", code=2)


def test_markdown_glossary_is_one_table(tmp_path: Path) -> None:
    text = invoke("lexicon", "export", *ONLY, "--format", "md").stdout
    lines = text.splitlines()
    assert lines[0] == "| concept | language | sales | it | marketing | note |"
    assert lines[1] == "| --- | --- | --- | --- | --- | --- |"
    assert len(lines) == 2 + 4
    import re

    assert all(len(re.split(r"(?<!\\)\|", line)) == 8 for line in lines)  # 6 cells a row
    assert "**360-graden-klantbeeld** (het)" in text


def test_html_and_md_are_not_imported(tmp_path: Path) -> None:
    page = tmp_path / "g.html"
    invoke("lexicon", "export", *ONLY, "-o", str(page))
    assert page.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    invoke("lexicon", "import", str(page), code=2)
    with pytest.raises(ValueError, match="glossary to read"):
        import_lexicon(b"x", "html", "g.html")


def test_a_misspelt_export_format_gets_a_suggestion() -> None:
    assert "did you mean 'json'?" in invoke("lexicon", "export", "--format", "jsn", code=2).stderr

"""`dvd lexicon add` and its library, `dikkevandale.edit`: new lines only, or nothing at all."""

from __future__ import annotations

import difflib
import os
import stat
from pathlib import Path

import pytest

from dikkevandale.edit.editor import Addition, EditError, RefusedError, add_to_source, read_outline
from dikkevandale.edit.file import add_to_file
from dikkevandale.lexicon.layers import BUILTIN, COMMAND_LINE, Layer, builtin_dir
from dikkevandale.lexicon.loader import parse_lexicon
from dikkevandale.model import LexiconError, Term
from helpers import invoke

# A lexicon as people write them: comments everywhere, sections, blank lines between concepts,
# a scalar term with a comment, a commented-out audience, a trailing section comment.
CRM = """\
# yaml-language-server: $schema=../dvd-lexicon.schema.json
# Test lexicon: comments, blank lines and sections must survive every edit.
dvd: 1
language: nl
audiences: [sales, it, marketing]   # who says what
concepts:

  # --- Klantbeeld -------------------------------------------------------

  - id: klantbeeld
    sales:
      - term: 360-graden-klantbeeld   # the preferred one
        article: het
      - compleet klantbeeld
    marketing:
      - term: klantprofiel
        article: het
    note: Eén plek waar alles over een klant samenkomt.

  - id: koppeling
    sales: koppeling  # said in every meeting
    it:
      - term: interface
        article: de
    # marketing: still to be decided

  # --- more to come -----------------------------------------------------
"""


def terms(*pairs: tuple[str, str]) -> tuple[tuple[str, Term], ...]:
    return tuple((audience, Term(text)) for audience, text in pairs)


def inserted(before: str, after: str) -> list[str]:
    """The lines `after` adds to `before`; fails when any line of `before` changed or went."""
    old, new = before.splitlines(keepends=True), after.splitlines(keepends=True)
    added: list[str] = []
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        assert tag in ("equal", "insert"), f"{tag}: {old[i1:i2]!r} -> {new[j1:j2]!r}"
        if tag == "insert":
            added += new[j1:j2]
    diff = difflib.unified_diff(old, new)
    assert not [line for line in diff if line.startswith("-") and not line.startswith("---")]
    return added


def concept(source: str, concept_id: str) -> object:
    return next(c for c in parse_lexicon(source) if c.id == concept_id)


# --- New concepts ---------------------------------------------------------------------------


def test_a_new_concept_is_appended_in_the_files_own_style() -> None:
    addition = Addition(
        "offerte",
        (("it", Term("quote", article="de")), ("sales", Term("offerte", article="de"))),
        "Een prijsvoorstel.",
    )
    edit = add_to_source(CRM, addition, "crm.yaml")
    assert edit.created
    new = (
        "\n"
        "  - id: offerte\n"
        "    sales:\n"
        "      - term: offerte\n"
        "        article: de\n"
        "    it:\n"
        "      - term: quote\n"
        "        article: de\n"
        "    note: Een prijsvoorstel.\n"
    )
    # After the last concept's own comment, before the section comment that ends the file.
    anchor = "    # marketing: still to be decided\n"
    assert edit.after == CRM.replace(anchor, anchor + new)
    assert sorted(inserted(CRM, edit.after)) == sorted(new.splitlines(keepends=True))
    assert [c.id for c in parse_lexicon(edit.after)] == ["klantbeeld", "koppeling", "offerte"]
    assert edit.added == tuple(line.rstrip("\n") for line in inserted(CRM, edit.after))
    assert edit.removed == ()


def test_other_indent_styles_are_followed() -> None:
    source = (
        "dvd: 1\nlanguage: en\naudiences:\n- sales\n- it\nconcepts:\n"
        "-   id: lead\n    sales:\n    - hot lead\n    it:\n    - qualified record\n"
    )
    edit = add_to_source(source, Addition("deal", terms(("sales", "big deal"))))
    assert inserted(source, edit.after) == ["-   id: deal\n", "    sales:\n", "    - big deal\n"]


def test_concepts_need_not_be_the_last_key() -> None:
    source = (
        "concepts:\n  - id: a\n    it: b\n\n# header below\ndvd: 1\nlanguage: en\naudiences: [it]\n"
    )
    edit = add_to_source(source, Addition("c", terms(("it", "d"))))
    assert inserted(source, edit.after) == ["  - id: c\n", "    it:\n", "      - d\n"]
    assert edit.after.index("- id: c") < edit.after.index("# header below")


def test_an_empty_flow_list_becomes_a_block_list() -> None:
    source = "dvd: 1\nlanguage: en\naudiences: [sales, it]\nconcepts: []  # none yet\n"
    edit = add_to_source(source, Addition("lead", terms(("it", "record"))))
    assert edit.after == (
        "dvd: 1\nlanguage: en\naudiences: [sales, it]\nconcepts:  # none yet\n"
        "  - id: lead\n    it:\n      - record\n"
    )
    assert edit.removed == ("concepts: []  # none yet",)


# --- Existing concepts ----------------------------------------------------------------------


def test_a_term_is_added_after_the_existing_ones() -> None:
    edit = add_to_source(CRM, Addition("klantbeeld", terms(("sales", "klantplaatje"))))
    assert not edit.created
    assert inserted(CRM, edit.after) == ["      - klantplaatje\n"]
    sales = concept(edit.after, "klantbeeld").terms["sales"]  # type: ignore[attr-defined]
    assert [t.text for t in sales] == [
        "360-graden-klantbeeld",
        "compleet klantbeeld",
        "klantplaatje",
    ]


def test_a_new_audience_goes_in_the_files_audience_order() -> None:
    addition = Addition("klantbeeld", (("it", Term("klantdatabase", article="de")),), None)
    edit = add_to_source(CRM, addition)
    assert inserted(CRM, edit.after) == [
        "    it:\n",
        "      - term: klantdatabase\n",
        "        article: de\n",
    ]
    assert edit.after.index("klantdatabase") < edit.after.index("    marketing:")


def test_a_note_is_added_after_the_terms() -> None:
    edit = add_to_source(CRM, Addition("koppeling", note="Hoe systemen praten."))
    assert inserted(CRM, edit.after) == ["    note: Hoe systemen praten.\n"]
    assert edit.after.index("note: Hoe") < edit.after.index("# marketing: still")
    assert concept(edit.after, "koppeling").note == "Hoe systemen praten."  # type: ignore[attr-defined]


def test_a_one_line_term_becomes_a_list_changing_only_its_line() -> None:
    edit = add_to_source(CRM, Addition("koppeling", terms(("sales", "integratie"))))
    old, new = CRM.splitlines(keepends=True), edit.after.splitlines(keepends=True)
    removed = [line for line in difflib.ndiff(old, new) if line.startswith("- ")]
    assert removed == ["-     sales: koppeling  # said in every meeting\n"]
    assert "    sales:\n      - koppeling  # said in every meeting\n      - integratie\n" in (
        edit.after
    )
    sales = concept(edit.after, "koppeling").terms["sales"]  # type: ignore[attr-defined]
    assert [t.text for t in sales] == ["koppeling", "integratie"]


def test_a_term_written_as_a_mapping_becomes_a_list() -> None:
    source = (
        "dvd: 1\nlanguage: nl\naudiences: [sales, it]\nconcepts:\n  - id: a\n"
        "    it:\n      term: component\n      article: de\n    note: x\n"
    )
    edit = add_to_source(source, Addition("a", (("it", Term("onderdeel", article="het")),)))
    assert "    it:\n      - term: component\n        article: de\n" in edit.after
    assert "      - term: onderdeel\n        article: het\n    note: x\n" in edit.after


# --- Line endings, final newline, quoting ---------------------------------------------------


def test_crlf_files_get_crlf_lines() -> None:
    source = CRM.replace("\n", "\r\n")
    edit = add_to_source(source, Addition("offerte", terms(("sales", "offerte"))))
    added = inserted(source, edit.after)
    assert added and all(line.endswith("\r\n") for line in added)
    assert edit.after.count("\n") == edit.after.count("\r\n")
    edit = add_to_source(source, Addition("koppeling", terms(("it", "api-koppeling"))))
    assert inserted(source, edit.after) == ["      - api-koppeling\r\n"]


def test_a_file_without_final_newline_keeps_none() -> None:
    source = "dvd: 1\nlanguage: en\naudiences: [sales, it]\nconcepts:\n  - id: a\n    it: b"
    edit = add_to_source(source, Addition("c", terms(("sales", "d"))))
    assert edit.after == source + "\n  - id: c\n    sales:\n      - d"
    source = source.replace("[sales, it]", "[it, sales]")
    edit = add_to_source(source, Addition("a", terms(("sales", "d"))))
    assert edit.after == source + "\n    sales:\n      - d"


def test_a_byte_order_mark_stays() -> None:
    source = "\ufeffdvd: 1\nlanguage: en\naudiences: [it]\nconcepts:\n  - id: a\n    it: b\n"
    edit = add_to_source(source, Addition("c", terms(("it", "d"))))
    assert edit.after.startswith("\ufeffdvd: 1\n")
    assert inserted(source, edit.after) == ["  - id: c\n", "    it:\n", "      - d\n"]


def test_awkward_terms_and_notes_load_back_exactly() -> None:
    note = "- Let op: \"dit\" is #1 en 'dat' niet; ü ✓"
    addition = Addition(
        "awkward",
        terms(("sales", "Yes"), ("sales", "2025-plan"), ("it", "klant’s beeld")),
        note,
    )
    edit = add_to_source(CRM, addition)
    (loaded,) = [c for c in parse_lexicon(edit.after) if c.id == "awkward"]
    assert [t.text for t in loaded.terms["sales"]] == ["Yes", "2025-plan"]
    assert loaded.terms["it"][0].text == "klant’s beeld"
    assert loaded.note == note


# --- Refusals -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("addition", "message"),
    [
        (
            Addition("klantbeeld", terms(("sales", "Compleet-Klantbeeld"))),
            "'Compleet-Klantbeeld' is already one of the sales terms of 'klantbeeld' "
            "(at crm.yaml:14:9)",
        ),
        (
            Addition("nieuw", terms(("it", "Interface"))),
            "it term 'Interface' already names concept 'koppeling' (at crm.yaml:23:9)",
        ),
        (Addition("nieuw", terms(("it", "x"), ("it", "X"))), "it term 'X' is given twice"),
        (
            Addition("nieuw", terms(("markting", "x"))),
            "unknown audience 'markting' (did you mean 'marketing'?); crm.yaml has sales, it, "
            "marketing",
        ),
        (Addition("Nieuw", terms(("it", "x"))), "id 'Nieuw' may hold only lowercase letters"),
        (
            Addition("nieuw", (), "just a note"),
            "nothing to add: a new concept needs at least one term",
        ),
        (Addition("klantbeeld"), "nothing to add: give a term"),
        (
            Addition("klantbeeld", note="another"),
            "'klantbeeld' already has a note (at crm.yaml:10:5)",
        ),
        (
            Addition("nieuw", (("it", Term("x", article="den")),)),
            "article must be 'de' or 'het'",
        ),
    ],
)
def test_conflicting_additions_are_refused(addition: Addition, message: str) -> None:
    with pytest.raises(EditError) as caught:
        add_to_source(CRM, addition, "crm.yaml")
    assert message in str(caught.value)


def test_terms_written_in_flow_style_are_not_edited() -> None:
    source = CRM.replace("    sales: koppeling  # said", "    sales: [koppeling]  # said")
    with pytest.raises(EditError, match="written in flow style; write it as a list"):
        add_to_source(source, Addition("koppeling", terms(("sales", "integratie"))))


def test_concepts_written_in_flow_style_are_not_edited() -> None:
    source = "dvd: 1\nlanguage: en\naudiences: [sales, it]\nconcepts:\n  - {id: a, it: b}\n"
    with pytest.raises(EditError, match="not written as a block of 'key: value' lines"):
        add_to_source(source, Addition("a", terms(("sales", "c"))))
    edit = add_to_source(source, Addition("c", terms(("sales", "d"))))
    assert inserted(source, edit.after) == ["  - id: c\n", "    sales:\n", "      - d\n"]


def test_the_shipped_lexicon_takes_a_term_before_its_note_and_examples() -> None:
    path = builtin_dir() / "nl" / "crm.yaml"
    source = path.read_text(encoding="utf-8")
    addition = Addition("klantbeeld", (("service", Term("klantkaart", article="de")),))
    edit = add_to_source(source, addition, str(path))
    assert inserted(source, edit.after) == [
        "    service:\n",
        "      - term: klantkaart\n",
        "        article: de\n",
    ]
    start = edit.after.index("  - id: klantbeeld\n")
    block = edit.after[start : edit.after.index("  - id:", start + 1)]
    assert block.index("klantkaart") < block.index("    note:") < block.index("    examples:")


def test_a_result_the_loader_refuses_is_refused_at_its_line() -> None:
    with pytest.raises(RefusedError) as caught:
        add_to_source(CRM, Addition("nieuw", terms(("it", "klant."))), "crm.yaml")
    assert str(caught.value).startswith("crm.yaml:29:9: term 'klant.' must start and end")


def test_a_file_with_problems_is_not_edited() -> None:
    source = CRM.replace("    note: Eén", "    nte: Eén")
    with pytest.raises(LexiconError, match=r"unknown key 'nte'.*fix the file before adding"):
        add_to_source(source, Addition("nieuw", terms(("it", "x"))), "crm.yaml")


def test_outline_reads_the_audiences_in_file_order() -> None:
    outline = read_outline(CRM)
    assert (outline.language, outline.audiences) == ("nl", ("sales", "it", "marketing"))


# --- Writing files --------------------------------------------------------------------------


@pytest.fixture
def crm(tmp_path: Path) -> Path:
    path = tmp_path / "crm.yaml"
    path.write_bytes(CRM.encode("utf-8"))
    return path


def test_add_to_file_writes_and_keeps_permissions(crm: Path) -> None:
    crm.chmod(0o640)
    added = add_to_file(crm, Addition("offerte", terms(("sales", "offerte"))))
    assert added.written and added.edit.created
    anchor = "    # marketing: still to be decided\n"
    new = "\n  - id: offerte\n    sales:\n      - offerte\n"
    assert crm.read_text(encoding="utf-8") == CRM.replace(anchor, anchor + new)
    assert inserted(CRM, crm.read_text(encoding="utf-8"))
    assert stat.S_IMODE(crm.stat().st_mode) == 0o640
    assert sorted(p.name for p in crm.parent.iterdir()) == ["crm.yaml"]
    # The preferred Dutch term has no article, and it is a common word: warnings, no refusal.
    assert [w.code for w in added.warnings] == ["DVD009", "DVD017"]


def test_a_symbolic_link_stays_a_link(crm: Path) -> None:
    link = crm.parent / "link.yaml"
    link.symlink_to(crm)
    add_to_file(link, Addition("klantbeeld", terms(("sales", "klantplaatje"))))
    assert link.is_symlink()
    assert "      - klantplaatje\n" in crm.read_text(encoding="utf-8")


@pytest.mark.parametrize("failure", [OSError(28, "No space left on device"), KeyboardInterrupt()])
def test_an_interrupted_write_leaves_the_file_intact(
    crm: Path, monkeypatch: pytest.MonkeyPatch, failure: BaseException
) -> None:
    def replace(source: object, target: object) -> None:
        raise failure

    monkeypatch.setattr(os, "replace", replace)
    with pytest.raises((LexiconError, KeyboardInterrupt)) as caught:
        add_to_file(crm, Addition("offerte", terms(("sales", "offerte"))))
    if isinstance(failure, OSError):
        assert str(caught.value) == (
            f"{crm}: cannot write: No space left on device; the file is unchanged"
        )
    assert crm.read_bytes() == CRM.encode("utf-8")
    assert sorted(p.name for p in crm.parent.iterdir()) == ["crm.yaml"]


def test_a_refused_addition_writes_nothing(crm: Path) -> None:
    for addition in (
        Addition("nieuw", terms(("it", "interface"))),
        Addition("nieuw", terms(("it", "klant."))),
    ):
        with pytest.raises(ValueError, match=r"interface|klant"):
            add_to_file(crm, addition)
        assert crm.read_bytes() == CRM.encode("utf-8")
        assert sorted(p.name for p in crm.parent.iterdir()) == ["crm.yaml"]


def test_taking_a_term_from_an_earlier_layer_is_added_with_a_warning(
    tmp_path: Path, crm: Path
) -> None:
    """Later layers override term by term (DVD016), so the addition wins, and says so."""
    other = tmp_path / "other.yaml"
    other.write_text(
        "dvd: 1\nlanguage: nl\naudiences: [sales, it]\nconcepts:\n"
        "  - id: bug\n    sales:\n      - term: kinderziekte\n        article: de\n",
        encoding="utf-8",
    )
    context = [Layer(BUILTIN, (other,)), Layer(COMMAND_LINE, (crm,))]
    addition = Addition("nieuw", (("sales", Term("kinderziekte", article="de")),))
    added = add_to_file(crm, addition, context)
    assert added.written
    assert [(w.code, w.severity) for w in added.warnings] == [("DVD016", "warning")]
    assert "taken from concept 'bug'" in added.warnings[0].message


def test_ambiguity_within_the_same_file_is_refused(tmp_path: Path, crm: Path) -> None:
    addition = Addition("nieuw", (("sales", Term("koppeling", article="de")),))
    with pytest.raises(EditError, match="sales term 'koppeling' already names concept"):
        add_to_file(crm, addition, [Layer(COMMAND_LINE, (crm,))])
    assert crm.read_bytes() == CRM.encode("utf-8")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["crm.yaml"]


def test_overriding_an_earlier_concept_is_reported(tmp_path: Path, crm: Path) -> None:
    other = tmp_path / "other.yaml"
    other.write_text(
        "dvd: 1\nlanguage: nl\naudiences: [sales, it]\nconcepts:\n"
        "  - id: offerte\n    sales:\n      - term: offerte\n        article: de\n",
        encoding="utf-8",
    )
    context = [Layer(BUILTIN, (other,)), Layer(COMMAND_LINE, (crm,))]
    addition = Addition("offerte", (("it", Term("quote", article="de")),))
    added = add_to_file(crm, addition, context)
    assert added.overrides == (str(other),)
    assert added.overridden_by == ()


def test_declining_writes_nothing(crm: Path) -> None:
    seen = []
    added = add_to_file(
        crm,
        Addition("offerte", terms(("sales", "offerte"))),
        confirm=lambda edit, warnings: seen.append(edit.added) is not None,
    )
    assert not added.written
    assert [sorted(lines) for lines in seen] == [
        sorted(["", "  - id: offerte", "    sales:", "      - offerte"])
    ]
    assert crm.read_bytes() == CRM.encode("utf-8")
    assert sorted(p.name for p in crm.parent.iterdir()) == ["crm.yaml"]


def test_an_edit_made_meanwhile_is_not_overwritten(crm: Path) -> None:
    def someone_else_saves(edit: object, warnings: object) -> bool:
        crm.write_text(CRM + "# theirs\n", encoding="utf-8")
        return True

    with pytest.raises(LexiconError, match="changed on disk while dvd was adding"):
        add_to_file(crm, Addition("offerte", terms(("sales", "o"))), confirm=someone_else_saves)
    assert crm.read_text(encoding="utf-8") == CRM + "# theirs\n"
    assert sorted(p.name for p in crm.parent.iterdir()) == ["crm.yaml"]


def test_a_missing_file_is_bad_data(tmp_path: Path) -> None:
    with pytest.raises(LexiconError, match="lexicon file not found"):
        add_to_file(tmp_path / "nope.yaml", Addition("x", terms(("it", "y"))))


# --- The command ----------------------------------------------------------------------------


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run in an empty folder, so that no project lexicon is found."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_add_from_options(here: Path, crm: Path) -> None:
    result = invoke(
        "lexicon", "add", "--no-builtin", "--file", str(crm), "--id", "offerte",
        "--sales", "offerte", "--it", "quote", "--article", "de", "--note", "Let op: prijs",
    )  # fmt: skip
    assert result.stdout == ""
    added, *warnings = result.stderr.splitlines()
    assert added == f"dvd: added concept 'offerte' to {crm}"
    # Both terms are common Dutch words: the lint says so, the concept is added all the same.
    assert [w.split(": ")[1:4] for w in warnings] == [
        [
            "warning",
            f"{crm}:29:9",
            "'offerte' (offerte) is a common Dutch word (about 3 in a million words)",
        ],
        [
            "warning",
            f"{crm}:32:9",
            "'quote' (offerte) is a common Dutch word (about 6 in a million words)",
        ],
    ]
    assert '    note: "Let op: prijs"\n' in inserted(CRM, crm.read_text(encoding="utf-8"))
    translated = invoke("translate", "--no-builtin", "-l", str(crm), "--to", "it", "De offerte.")
    assert translated.stdout == "De quote.\n"


def test_add_terms_per_audience_to_an_existing_concept(here: Path, crm: Path) -> None:
    result = invoke(
        "lexicon", "add", "--no-builtin", "-l", str(crm), "--id", "klantbeeld",
        "--term", "it=klantdatabase", "--term", "marketing=klantkaart",
        "--article", "it=de", "--article", "marketing=de", "--plural", "it=klantdatabases",
    )  # fmt: skip
    assert result.stderr.splitlines() == [
        f"dvd: added it term 'klantdatabase' to 'klantbeeld' in {crm}",
        f"dvd: added marketing term 'klantkaart' to 'klantbeeld' in {crm}",
    ]
    assert inserted(CRM, crm.read_text(encoding="utf-8")) == [
        "    it:\n",
        "      - term: klantdatabase\n",
        "        article: de\n",
        "        plural: klantdatabases\n",
        "      - term: klantkaart\n",
        "        article: de\n",
    ]


def test_add_writes_the_context_fields(here: Path, crm: Path) -> None:
    invoke(
        "lexicon", "add", "--no-builtin", "-f", str(crm), "--id", "klantvraag",
        "--sales", "klantvraag", "--it", "ticket", "--article", "de",
        "--everyday", "it=true", "--not-in", "it=tickets voor", "--not-in", "it=ticket naar",
        "--needs", "klant*", "--in-compounds", "sales=true",
    )  # fmt: skip
    assert inserted(CRM, crm.read_text(encoding="utf-8")) == [
        "  - id: klantvraag\n",
        "    sales:\n",
        "      - term: klantvraag\n",
        "        article: de\n",
        "        needs: [klant*]\n",
        "        in_compounds: true\n",
        "    it:\n",
        "      - term: ticket\n",
        "        article: de\n",
        "        everyday: true\n",
        "        not_in: [tickets voor, ticket naar]\n",
        "        needs: [klant*]\n",
        "\n",
    ]
    lexicon = ("--no-builtin", "-l", str(crm), "--to", "sales")
    assert invoke("translate", *lexicon, "Tickets voor het concert.").stdout == (
        "Tickets voor het concert.\n"
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--id", "klantbeeld", "--sales", "compleet klantbeeld"], "already one of the sales"),
        (["--id", "x", "--it", "y", "--everyday", "maybe"], "--everyday takes true or false"),
        (["--id", "x", "--it", "y", "--in-compounds", "it=ja"], "--in-compounds takes true or"),
        (
            ["--id", "x", "--it", "y", "--everyday", "it=true", "--everyday", "it=false"],
            "--everyday is given twice for it",
        ),
        (
            ["--id", "x", "--sales", "y", "--it", "z", "--not-in", "y voor"],
            "--not-in is for one term",
        ),
        (["--id", "x", "--it", "y", "--needs", "sales=klant"], "no sales term is added"),
        (["--id", "x", "--term", "finance=geld"], "unknown audience 'finance'"),
        (["--id", "X!", "--it", "y"], "id 'X!' may hold only"),
        (["--sales", "y"], "missing --id ID (run in a terminal, or with -i, to be asked)"),
        (["--id", "x", "--term", "geld"], "--term 'geld': write AUDIENCE=TERM"),
        (["--id", "x", "--it", "y", "--article", "den"], "--article must be de or het"),
        (["--id", "x", "--it", "y", "--article", "sales=de"], "no sales term is added"),
        (["--id", "x", "--it", "y", "--it", "z", "--plural", "ys"], "--plural is for one term"),
        (["--id", "x"], "nothing to add"),
    ],
)
def test_usage_problems_exit_2_and_leave_the_file(
    here: Path, crm: Path, args: list[str], message: str
) -> None:
    result = invoke("lexicon", "add", "--no-builtin", "-f", str(crm), *args, code=2)
    assert message in result.stderr
    assert result.stdout == ""
    assert crm.read_bytes() == CRM.encode("utf-8")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--not-in", "voor het concert"], "'voor het concert' in 'not_in' does not contain"),
        (["--needs", "support desk"], "'support desk' in 'needs' must be one word"),
    ],
)
def test_bad_context_values_exit_3_at_their_line(
    here: Path, crm: Path, args: list[str], message: str
) -> None:
    result = invoke(
        "lexicon", "add", "--no-builtin", "-f", str(crm), "--id", "x", "--it", "ticket", *args,
        code=3,
    )  # fmt: skip
    assert result.stderr.startswith(f"dvd: error: not added, {crm} is unchanged: {crm}:30:")
    assert message in result.stderr
    assert crm.read_bytes() == CRM.encode("utf-8")


def test_bad_results_and_files_exit_3(here: Path, crm: Path) -> None:
    result = invoke(
        "lexicon", "add", "--no-builtin", "-f", str(crm), "--id", "x", "--it", "y.", code=3
    )
    assert result.stderr.startswith(f"dvd: error: not added, {crm} is unchanged: {crm}:29:9: term")
    assert crm.read_bytes() == CRM.encode("utf-8")
    # A missing file is created (test_cli_init), given its language; without one it is a
    # usage error and nothing is left behind.
    missing = invoke("lexicon", "add", "-f", "nope.yaml", "--id", "x", "--it", "y", code=2)
    assert "nope.yaml does not exist; to create it, give its --language" in missing.stderr


def test_an_interrupt_exits_130_and_leaves_the_file(
    here: Path, crm: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def replace(source: object, target: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", replace)
    invoke("lexicon", "add", "--no-builtin", "-f", str(crm), "--id", "x", "--it", "y", code=130)
    assert crm.read_bytes() == CRM.encode("utf-8")
    assert sorted(p.name for p in crm.parent.iterdir()) == ["crm.yaml"]


def test_the_file_comes_from_the_project_or_must_be_named(here: Path, crm: Path) -> None:
    project = here / "lexicons"
    project.mkdir()
    (project / "crm.yaml").write_text(CRM, encoding="utf-8")
    invoke("lexicon", "add", "--no-builtin", "--id", "x", "--it", "y", "--article", "de")
    assert "  - id: x\n" in (project / "crm.yaml").read_text(encoding="utf-8")
    result = invoke(
        "lexicon", "add", "--no-builtin", "-l", str(crm), "--id", "z", "--it", "w", code=2
    )
    assert "2 project and --lexicon files are in force; choose one with --file" in result.stderr


def test_interactive_add_asks_shows_and_writes(here: Path, crm: Path) -> None:
    answers = "offerte\nofferte\nden\nde\n\nquote\n\n\n\nEen prijsvoorstel.\ny\n"
    result = invoke("lexicon", "add", "--no-builtin", "-f", str(crm), "-i", input=answers)
    assert result.stdout == ""
    assert "Concept id: " in result.stderr
    assert "dvd: the article is de or het\n" in result.stderr
    assert "+  - id: offerte\n" in result.stderr  # the diff shown before asking
    assert "preferred it term 'quote' has no article" in result.stderr
    assert result.stderr.endswith(f"dvd: added concept 'offerte' to {crm}\n")
    anchor = "    # marketing: still to be decided\n"
    new = (
        "\n  - id: offerte\n    sales:\n      - term: offerte\n        article: de\n"
        "    it:\n      - quote\n    note: Een prijsvoorstel.\n"
    )
    assert crm.read_text(encoding="utf-8") == CRM.replace(anchor, anchor + new)
    assert inserted(CRM, crm.read_text(encoding="utf-8"))


def test_interactive_add_to_an_existing_concept(here: Path, crm: Path) -> None:
    answers = "koppeling\n\napi\nde\n\n\nKoppelt systemen.\n\n"
    result = invoke("lexicon", "add", "--no-builtin", "-f", str(crm), "-i", input=answers)
    assert "dvd: 'koppeling' is in" in result.stderr
    assert "dvd:   it: interface\n" in result.stderr
    assert result.stderr.endswith(
        f"dvd: added it term 'api' to 'koppeling' in {crm}\n"
        f"dvd: added a note to 'koppeling' in {crm}\n"
    )
    assert inserted(CRM, crm.read_text(encoding="utf-8")) == [
        "      - term: api\n",
        "        article: de\n",
        "    note: Koppelt systemen.\n",
    ]


@pytest.mark.parametrize(("answers", "code"), [("x\ny\n\n\n\n\n\nn\n", 0), ("x\ny\n", 130)])
def test_declining_or_stopping_writes_nothing(
    here: Path, crm: Path, answers: str, code: int
) -> None:
    result = invoke(
        "lexicon", "add", "--no-builtin", "-f", str(crm), "-i", input=answers, code=code
    )
    assert "nothing written" in result.stderr
    assert crm.read_bytes() == CRM.encode("utf-8")
    assert sorted(p.name for p in crm.parent.iterdir()) == ["crm.yaml"]


def test_term_fields_are_written_below_the_term() -> None:
    source = "dvd: 1\nlanguage: en\naudiences: [it]\nconcepts: []\n"
    term = Term("SLA", plural="SLAs", case_sensitive=True, fuzzy=False)
    edit = add_to_source(source, Addition("sla", (("it", term),)))
    assert edit.added[-4:] == (
        "      - term: SLA",
        "        plural: SLAs",
        "        case_sensitive: true",
        "        fuzzy: false",
    )
    (loaded,) = parse_lexicon(edit.after)
    assert loaded.terms["it"] == (term,)


def test_parallel_adds_to_one_file_all_land(tmp_path: Path, crm: Path) -> None:
    """Twenty processes add at once; every one that says 'added' is in the file afterwards."""
    import subprocess
    import sys

    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from dikkevandale.edit.editor import Addition\n"
        "from dikkevandale.edit.file import add_to_file\n"
        "from dikkevandale.model import Term\n"
        "n = sys.argv[2]\n"
        "add_to_file(Path(sys.argv[1]), Addition(f'c{n}', (('sales', Term(f'term{n}x')),)))\n"
        "print('added')\n"
    )
    runs = [
        subprocess.Popen(
            [sys.executable, "-c", script, str(crm), str(n)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in range(20)
    ]
    said = [run.communicate(timeout=120)[0].strip() for run in runs]
    text = crm.read_text(encoding="utf-8")
    landed = [n for n in range(20) if f"id: c{n}\n" in text]
    assert said.count("added") == 20
    assert landed == list(range(20))

"""Lexicon files are validated like code: every problem is one line at path:line:col."""

from __future__ import annotations

from pathlib import Path

import pytest

from dikkevandale.lexicon.layers import load_lexicon
from dikkevandale.lexicon.loader import parse_lexicon, read_concepts
from dikkevandale.lexicon.yamlnodes import Node, NodeReader, ScalarNode
from dikkevandale.model import LexiconError

HEAD = "dvd: 1\nlanguage: nl\naudiences: [sales, it]\nconcepts:\n"


def error_of(source: str) -> str:
    with pytest.raises(LexiconError) as caught:
        parse_lexicon(source, "lex.yaml")
    return str(caught.value)


def test_a_valid_lexicon_parses_into_concepts() -> None:
    concepts = parse_lexicon(
        HEAD
        + "  - id: klantbeeld\n"
        + "    sales:\n"
        + "      - term: 360-graden-klantbeeld\n"
        + "        article: het\n"
        + "      - compleet klantbeeld\n"
        + "    it: klantdatabase\n"
        + "    note: Eén plek.\n"
        + "    examples:\n"
        + "      - {text: a, to: it, expect: b}\n"
    )
    (concept,) = concepts
    assert concept.id == "klantbeeld"
    assert [t.text for t in concept.terms["sales"]] == [
        "360-graden-klantbeeld",
        "compleet klantbeeld",
    ]
    assert concept.preferred("sales") is not None
    assert concept.terms["sales"][0].article == "het"
    assert concept.preferred("it").text == "klantdatabase"  # type: ignore[union-attr]
    assert concept.note == "Eén plek."
    assert concept.examples[0].to == "it"
    assert concept.location is not None and concept.location.line == 5


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("  - id: a\n    sales: x\n    sales: y\n", "lex.yaml:7:5: duplicate key 'sales'"),
        (
            "  - id: a\n    sales: x\n    nte: y\n",
            "lex.yaml:7:5: unknown key 'nte' in a concept (did you mean 'note'?)",
        ),
        (
            "  - id: a\n    sales:\n      - trem: x\n",
            "lex.yaml:7:9: unknown key 'trem' in a term (did you mean 'term'?)",
        ),
        (
            "  - id: a\n    sales: []\n",
            "lex.yaml:6:12: 'sales' has no terms; give the preferred term first",
        ),
        ("  - id: a\n    sales:\n", "lex.yaml:6:11: 'sales' has no terms"),
        (
            "  - id: a\n    sales: x\n  - id: a\n    it: y\n",
            "lex.yaml:7:5: duplicate concept id 'a' (first at lex.yaml:5:5)",
        ),
        (
            "  - id: a\n    sales: !!python/object:os.system x\n",
            "lex.yaml:6:12: tag 'tag:yaml.org,2002:python/object:os.system' is not allowed",
        ),
        (
            "  - id: a\n    sales: {term: x, article: den}\n",
            "lex.yaml:6:31: article must be 'de' or 'het', not 'den'",
        ),
        ("  - id: A B\n    sales: x\n", "lex.yaml:5:9: id 'A B' may hold only"),
        ("  - id: a\n    marketing: x\n", "lex.yaml:6:5: unknown key 'marketing' in a concept"),
        ("  - id: a\n", "lex.yaml:5:5: concept 'a' has no terms"),
        ("  - sales: x\n", "lex.yaml:5:5: concept has no 'id'"),
        (
            "  - id: a\n    sales: '!!!'\n",
            "lex.yaml:6:12: term '!!!' must start and end with a letter or digit",
        ),
        (
            "  - id: a\n    sales: {term: x, fuzzy: maybe}\n",
            "lex.yaml:6:29: fuzzy must be true or false",
        ),
        (
            "  - id: a\n    sales: x\n    examples:\n      - {text: a, to: itt, expect: b}\n",
            "lex.yaml:8:23: unknown audience 'itt' (did you mean 'it'?)",
        ),
        (
            "  - id: a\n    sales: x\n    examples:\n      - {text: a, to: it}\n",
            "lex.yaml:8:9: example has no 'expect'",
        ),
        ("  - id: a\n  sales: [x\n", "lex.yaml:6:3: invalid YAML"),
    ],
)
def test_errors_point_at_file_line_and_column(body: str, expected: str) -> None:
    assert error_of(HEAD + body).startswith(expected)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        (
            "dvd: 2\nlanguage: nl\naudiences: [a]\nconcepts: []\n",
            "lex.yaml:1:6: unsupported format version '2'",
        ),
        ("dvd: 1\nlanguage: nl\nconcepts: []\n", "lex.yaml:1:1: missing key 'audiences'"),
        (
            "dvd: 1\nlanguage: Dutch\naudiences: [a]\nconcepts: []\n",
            "lex.yaml:2:11: language 'Dutch' is not a code",
        ),
        (
            "dvd: 1\nlanguage: en\naudiences: [a]\nconcepts:\n"
            "  - id: x\n    a: {term: y, article: de}\n",
            "lex.yaml:6:27: 'article' is only used in Dutch",
        ),
        (
            "dvd: 1\nlanguage: nl\naudiences: [a, a]\nconcepts: []\n",
            "lex.yaml:3:16: audience 'a' is listed twice",
        ),
        ("- just a list\n", "lex.yaml:1:1: the lexicon must be a mapping"),
        ("", "lex.yaml:1:1: a lexicon file holds exactly one YAML document"),
        ("dvd: 1\n---\ndvd: 1\n", "lex.yaml:1:1: a lexicon file holds exactly one YAML document"),
    ],
)
def test_file_level_errors(source: str, expected: str) -> None:
    assert error_of(source).startswith(expected)


def write(folder: Path, name: str, body: str) -> Path:
    path = folder / name
    path.write_text(HEAD + body, encoding="utf-8")
    return path


def test_ambiguous_terms_across_files_are_rejected(tmp_path: Path) -> None:
    write(tmp_path, "a.yaml", "  - id: one\n    sales: back-office-koppeling\n    it: api\n")
    second = write(
        tmp_path, "b.yaml", "  - id: two\n    sales: backoffice koppeling\n    it: esb\n"
    )
    with pytest.raises(LexiconError) as caught:
        load_lexicon([tmp_path], builtin=False)
    message = str(caught.value)
    assert message.startswith(f"{second}:6:12: ambiguous term 'backoffice koppeling' for sales")
    assert "'one'" in message


def test_a_later_layer_overrides_concepts_by_id(tmp_path: Path) -> None:
    first = write(tmp_path, "a.yaml", "  - id: one\n    sales: klantbeeld\n    it: klantdatabase\n")
    override = tmp_path / "override"
    override.mkdir()
    write(override, "b.yaml", "  - id: one\n    sales: klantbeeld\n    it: CDP\n")
    lexicon = load_lexicon([first], builtin=False)
    assert lexicon.concept("one").preferred("it").text == "klantdatabase"  # type: ignore[union-attr]
    from dikkevandale.lexicon.layers import merge
    from dikkevandale.lexicon.loader import read_lexicon_file

    merged = merge(
        [[("a", read_lexicon_file(first))], [("b", read_lexicon_file(override / "b.yaml"))]]
    )
    assert merged.concept("one").preferred("it").text == "CDP"  # type: ignore[union-attr]


def test_duplicate_ids_within_one_layer_are_rejected(tmp_path: Path) -> None:
    write(tmp_path, "a.yaml", "  - id: one\n    sales: klantbeeld\n")
    write(tmp_path, "b.yaml", "  - id: one\n    sales: offerte\n")
    with pytest.raises(
        LexiconError, match=r"b\.yaml:5:5: duplicate concept id 'one' \(first at .*a\.yaml:5:5\)"
    ):
        load_lexicon([tmp_path], builtin=False)


def test_missing_file_and_non_utf8_file(tmp_path: Path) -> None:
    with pytest.raises(LexiconError, match=r"nope\.yaml: lexicon file not found"):
        load_lexicon([tmp_path / "nope.yaml"], builtin=False)
    latin = tmp_path / "latin.yaml"
    latin.write_bytes((HEAD + "  - id: a\n    sales: café\n").encode("latin-1"))
    with pytest.raises(LexiconError, match=r"latin\.yaml: not UTF-8 \(byte \d+\)"):
        load_lexicon([latin], builtin=False)
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(LexiconError, match="folder holds no"):
        load_lexicon([empty], builtin=False)


def problems_of(source: str) -> list[str]:
    _, problems = read_concepts(source, "lex.yaml")
    return [f"{p.location}: {p.code} {p.message}" for p in problems]


def test_every_problem_of_a_concept_is_reported_at_its_own_place() -> None:
    source = HEAD + (
        "  - id: a\n"
        "    sales:\n"
        "      - term: klantbeeld\n"
        "        article: den\n"
        "        fuzzy: maybe\n"
        "      - '!!!'\n"
        "      - compleet klantbeeld\n"
        "    it: klantdatabase\n"
        "    nte: y\n"
        "    note: ''\n"
        "    examples:\n"
        "      - {text: a, to: itt, expect: b}\n"
        "      - {text: a, to: it, expect: b}\n"
    )
    assert problems_of(source) == [
        "lex.yaml:13:5: DVD002 unknown key 'nte' in a concept (did you mean 'note'?); "
        "allowed: id, note, examples, sales, it",
        "lex.yaml:8:18: DVD009 article must be 'de' or 'het', not 'den'",
        "lex.yaml:9:16: DVD003 fuzzy must be true or false, not 'maybe'",
        "lex.yaml:10:9: DVD003 term '!!!' must start and end with a letter or digit and hold no "
        "sentence",
        "lex.yaml:14:11: DVD003 note must not be empty",
        "lex.yaml:16:23: DVD013 unknown audience 'itt' (did you mean 'it'?)",
    ]
    (concept,), _ = read_concepts(source, "lex.yaml")
    # Built from its valid parts: the refused article, flag, term, note and example left out.
    assert [t.text for t in concept.terms["sales"]] == ["klantbeeld", "compleet klantbeeld"]
    assert concept.terms["sales"][0].article is None
    assert concept.terms["sales"][0].fuzzy is True
    assert concept.note is None
    assert [e.to for e in concept.examples] == ["it"]
    assert error_of(source).startswith("lex.yaml:13:5: unknown key 'nte'")


@pytest.mark.parametrize(
    "body",
    [
        "  - sales: x\n",  # no id
        "  - id: A B\n    sales: x\n",  # a bad id
        "  - id: a\n    sales: '!!!'\n",  # no valid term
        "  - id: a\n    sales: [[x]]\n",
    ],
)
def test_a_concept_without_an_id_or_a_valid_term_is_left_out(body: str) -> None:
    concepts, problems = read_concepts(HEAD + body, "lex.yaml")
    assert concepts == ()
    assert len(problems) == 1


def test_a_partly_broken_concept_still_counts_for_duplicate_ids() -> None:
    source = HEAD + "  - id: a\n    sales: x\n    nte: y\n  - id: a\n    it: z\n"
    assert problems_of(source)[1].startswith(
        "lex.yaml:8:5: DVD005 duplicate concept id 'a' (first at lex.yaml:5:5)"
    )


def test_the_header_reports_an_unknown_key_and_reads_on() -> None:
    source = "dvd: 1\nlanguage: nl\nlanguages: [nl]\naudiences: [sales]\nconcepts:\n"
    source += "  - id: a\n    sales: {term: x, artikel: de}\n"
    assert [problem.split(" ")[1] for problem in problems_of(source)] == ["DVD002", "DVD002"]


ALIAS = "YAML anchors and aliases are not allowed in a lexicon; write the value out"


def test_anchors_and_aliases_are_refused_where_they_stand() -> None:
    source = HEAD + (
        "  - id: a\n"
        "    sales: &term klantbeeld\n"
        "    it: [klantdatabase, *term]\n"
        "    note: *nowhere\n"
    )
    assert problems_of(source) == [
        f"lex.yaml:6:12: DVD015 anchor '&term': {ALIAS}",
        f"lex.yaml:7:25: DVD015 alias '*term': {ALIAS}",
        f"lex.yaml:8:11: DVD015 alias '*nowhere': {ALIAS}",
    ]
    (concept,), _ = read_concepts(source, "lex.yaml")
    assert [t.text for t in concept.terms["it"]] == ["klantdatabase"]
    assert error_of(source).startswith("lex.yaml:6:12: anchor '&term': YAML anchors")


def test_a_file_of_nested_aliases_is_refused_without_following_them(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Followed, the aliases make 100 concepts × 100 terms × 100 forms: a million reads.

    Refused, each alias is passed over once, and only the anchored values are read.
    """
    reads = 0
    original = NodeReader.scalar_node

    def counted(self: NodeReader, node: Node, what: str) -> ScalarNode:
        nonlocal reads
        reads += 1
        return original(self, node, what)

    monkeypatch.setattr(NodeReader, "scalar_node", counted)
    many = 100
    source = HEAD + (
        "  - &c\n"
        "    id: a\n"
        "    it: klantdatabase\n"
        "    sales:\n"
        f"      - &t {{term: klantbeeld, forms: {{pl: [{', '.join(['klantbeelden'] * many)}]}}}}\n"
        + "      - *t\n" * (many - 1)
        + "  - *c\n" * (many - 1)
    )
    concepts, problems = read_concepts(source, "lex.yaml")
    assert [p.code for p in problems] == ["DVD015"] * (2 + 2 * (many - 1))  # anchors, aliases
    assert [t.text for t in concepts[0].terms["sales"]] == ["klantbeeld"]
    assert reads < 2 * many + 20


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ("~", "note must not be empty"),
        ("null", "note must not be empty"),
        ("", "note must not be empty"),
        ("! Null", "note must not be empty"),  # the non-specific tag resolves like plain
        ("!!null x", "note must not be empty"),
        ("'null'", None),  # quoted: a string
        ("!!str ~", None),
        ("2024-01-01", None),  # no timestamp or other implicit type: a string
        ("!!int 7", None),
        ("!custom x", "tag '!custom' is not allowed in a lexicon"),
        ("!!set {x}", "tag 'tag:yaml.org,2002:set' is not allowed in a lexicon"),
    ],
)
def test_plain_scalars_resolve_only_to_null_or_a_string(value: str, problem: str | None) -> None:
    source = HEAD + f"  - id: a\n    sales: x\n    note: {value}\n"
    code = "DVD012" if problem and "tag" in problem else "DVD003"
    column = 10 if value == "" else 11  # an empty value stands where it would have begun
    expected = [f"lex.yaml:7:{column}: {code} {problem}"] if problem else []
    assert problems_of(source) == expected


@pytest.mark.parametrize(
    "term",
    [" ".join(["woord"] * 13), "a" * 161, "x-" * 80 + "x", " ".join("abcdefghijklm")],
    ids=["13 words", "161 letters", "81 hyphened parts", "13 one-letter words"],
)
def test_a_term_longer_than_a_name_is_refused_at_its_place(term: str) -> None:
    source = (
        "dvd: 1\nlanguage: nl\naudiences: [sales, it]\nconcepts:\n"
        f"  - id: lang\n    sales: {term}\n    it: kort\n"
    )
    with pytest.raises(LexiconError, match=r"^t.yaml:6:12: term .* a term has at most 12 words"):
        parse_lexicon(source, "t.yaml")


def test_twelve_one_letter_words_make_a_term() -> None:
    term = " ".join("abcdefghijkl")
    source = (
        "dvd: 1\nlanguage: nl\naudiences: [sales, it]\nconcepts:\n"
        f"  - id: lang\n    sales: {term}\n    it: kort\n"
    )
    assert parse_lexicon(source, "t.yaml")[0].preferred("sales") is not None


def test_a_plural_longer_than_a_name_is_refused() -> None:
    long = " ".join(["woorden"] * 13)
    source = (
        "dvd: 1\nlanguage: nl\naudiences: [sales, it]\nconcepts:\n"
        f"  - id: lang\n    sales: {{term: woord, plural: {long}}}\n    it: kort\n"
    )
    with pytest.raises(LexiconError, match=r"plural .* at most 12 words"):
        parse_lexicon(source, "t.yaml")


# --- Context fields: everyday, not_in, needs, in_compounds, and the file's cues -------------

CONTEXT_HEAD = "dvd: 1\nlanguage: nl\naudiences: [sales, it]\ncues: [CRM, klant*]\nconcepts:\n"


def test_context_fields_are_read() -> None:
    (concept,) = parse_lexicon(
        CONTEXT_HEAD
        + "  - id: klantvraag\n"
        + "    sales: klantvraag\n"
        + "    it:\n"
        + "      - term: ticket\n"
        + "        everyday: true\n"
        + "        not_in: [ticket voor het concert, concertticket]\n"
        + "        needs: klant*\n"
        + "        in_compounds: true\n"
    )
    ticket = concept.terms["it"][0]
    assert ticket.everyday is True
    assert ticket.not_in == ("ticket voor het concert", "concertticket")
    assert ticket.needs == ("klant*",)
    assert ticket.in_compounds is True
    assert concept.cues == ("CRM", "klant*")
    plain = concept.terms["sales"][0]
    assert (plain.everyday, plain.not_in, plain.needs, plain.in_compounds) == (None, (), (), False)


def test_a_phrase_may_hold_any_form_of_the_term() -> None:
    (concept,) = parse_lexicon(
        HEAD + "  - id: a\n    sales: klantvraag\n    it: {term: ticket, not_in: [tickets voor]}\n"
    )
    assert concept.terms["it"][0].not_in == ("tickets voor",)


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "  - id: a\n    sales: x\n    it: {term: ticket, everyday: maybe}\n",
            "lex.yaml:7:34: everyday must be true or false, not 'maybe'",
        ),
        (
            "  - id: a\n    sales: x\n    it: {term: ticket, in_compounds: [yes]}\n",
            "lex.yaml:7:38: in_compounds must be a single value",
        ),
        (
            "  - id: a\n    sales: x\n    it: {term: ticket, not_in: [voor het concert]}\n",
            "lex.yaml:7:33: 'voor het concert' in 'not_in' does not contain the term 'ticket'",
        ),
        (
            "  - id: a\n    sales: x\n    it: {term: ticket, not_in: []}\n",
            "lex.yaml:7:32: 'not_in' is empty",
        ),
        (
            "  - id: a\n    sales: x\n    it: {term: ticket, not_in: ['...']}\n",
            "lex.yaml:7:33: '...' in 'not_in' is not a usable phrase",
        ),
        (
            "  - id: a\n    sales: x\n"
            "    it: {term: ticket, not_in: [Ticket voor, ticket  voor]}\n",
            "lex.yaml:7:46: 'ticket  voor' is listed twice in 'not_in'",
        ),
        (
            "  - id: a\n    sales: x\n    it: {term: ticket, not_in: {a: b}}\n",
            "lex.yaml:7:32: not_in must be a list",
        ),
        (
            "  - id: a\n    sales: x\n    it: {term: ticket, needs: [support desk]}\n",
            "lex.yaml:7:32: 'support desk' in 'needs' must be one word",
        ),
        (
            "  - id: a\n    sales: x\n    it: {term: ticket, needs: ['*']}\n",
            "lex.yaml:7:32: '*' in 'needs' must be one word",
        ),
        (
            "  - id: a\n    sales: x\n    it: {term: ticket, needs: [klant, Klant]}\n",
            "lex.yaml:7:39: 'Klant' is listed twice in 'needs'",
        ),
        (
            "  - id: a\n    sales: x\n    it: {term: ticket, needs: []}\n",
            "lex.yaml:7:31: 'needs' is empty",
        ),
        (
            "  - id: a\n    sales: x\n    it: {term: ticket, needs: ['']}\n",
            "lex.yaml:7:32: a word of 'needs' must not be empty",
        ),
        (
            "  - id: a\n    sales: x\n    it: {term: ticket, not-in: [ticket voor]}\n",
            "lex.yaml:7:24: unknown key 'not-in' in a term (did you mean 'not_in'?)",
        ),
        (
            "  - id: a\n    sales: x\n    it: {term: ticket, need: [klant]}\n",
            "lex.yaml:7:24: unknown key 'need' in a term (did you mean 'needs'?)",
        ),
        (
            "  - id: a\n    sales: x\n    it: {term: ticket, everyday: true, evryday: true}\n",
            "lex.yaml:7:40: unknown key 'evryday' in a term (did you mean 'everyday'?)",
        ),
    ],
)
def test_context_fields_errors_point_at_the_value(body: str, expected: str) -> None:
    assert error_of(HEAD + body).startswith(expected)


@pytest.mark.parametrize(
    ("cues", "expected"),
    [
        ("cues: [CRM systeem]", "lex.yaml:4:8: 'CRM systeem' in 'cues' must be one word"),
        ("cues: []", "lex.yaml:4:7: 'cues' is empty"),
        ("cues: [CRM, crm]", "lex.yaml:4:13: 'crm' is listed twice in 'cues'"),
        ("cues: {CRM: 1}", "lex.yaml:4:7: cues must be a list"),
        ("cue: [CRM]", "lex.yaml:4:1: unknown key 'cue' in the lexicon (did you mean 'cues'?)"),
        ("hints: [Q3 Q4]", "lex.yaml:4:9: 'Q3 Q4' in 'hints' must be one word"),
        ("hints: []", "lex.yaml:4:8: 'hints' is empty"),
        ("cues: [CRM]\nhints: [Q3, crm]", "lex.yaml:5:13: 'crm' is a cue word already"),
    ],
)
def test_cue_errors_point_at_the_value(cues: str, expected: str) -> None:
    source = f"dvd: 1\nlanguage: nl\naudiences: [sales, it]\n{cues}\nconcepts: []\n"
    assert error_of(source).startswith(expected)


def test_hint_words_are_read_and_shared_by_the_file() -> None:
    concepts = parse_lexicon(
        "dvd: 1\nlanguage: nl\naudiences: [sales, it]\ncues: CRM\nhints: [offerte*, Q3]\n"
        "concepts:\n  - id: a\n    sales: x\n    it: y\n  - id: b\n    sales: z\n    it: w\n"
    )
    assert [(c.cues, c.hints) for c in concepts] == [(("CRM",), ("offerte*", "Q3"))] * 2


def test_a_concept_with_a_bad_context_field_keeps_its_term() -> None:
    concepts, problems = read_concepts(
        HEAD + "  - id: a\n    sales: x\n    it: {term: ticket, needs: [a b], everyday: true}\n",
        "lex.yaml",
    )
    assert [str(p).split(": ")[0] for p in problems] == ["lex.yaml:7:32"]
    (concept,) = concepts
    assert concept.terms["it"][0].everyday is True
    assert concept.terms["it"][0].needs == ()


def test_concepts_pickle_with_every_field_and_location() -> None:
    import copy
    import pickle

    concepts = load_lexicon().concepts
    again = pickle.loads(pickle.dumps(concepts, protocol=pickle.HIGHEST_PROTOCOL))
    # Locations do not take part in equality: compare them through repr as well.
    assert again == concepts
    assert [repr(concept) for concept in again] == [repr(concept) for concept in concepts]
    assert repr(copy.deepcopy(concepts[0])) == repr(concepts[0])

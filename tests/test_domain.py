"""Domain before rewrite: everyday words, exceptions, needs and compounds (matching.domain)."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dikkevandale import Translator
from dikkevandale.matching.domain import CARRY, EVERYWHERE
from dikkevandale.matching.rules import word_set
from dikkevandale.model import MatchKind, SkipReason
from dikkevandale.normalize import split_words
from helpers import Arriving

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="module")
def translator() -> Translator:
    return Translator([DATA / "context.yaml"], builtin=False, to="sales")


def rewritten(translator: Translator, text: str, **options: object) -> str:
    result = translator.translate(text, **options)  # type: ignore[arg-type]
    again = translator.translate(result.text, **options)  # type: ignore[arg-type]
    assert again.text == result.text, "translating the output again changed it"
    return result.text


@pytest.mark.parametrize(
    ("text", "to"),
    [
        ("Ik heb twee tickets voor het concert.", "sales"),
        ("Het ticket is gesloten.", "sales"),
        ("Heb je je ticket al geprint?", "sales"),
        ("De ingebruikname van het station werd gevierd.", "it"),
    ],
)
def test_an_everyday_word_without_domain_context_stays(
    translator: Translator, text: str, to: str
) -> None:
    result = translator.translate(text, to)
    assert result.text == text
    assert result.rewrites == ()
    assert [s.reason for s in result.skipped] in ([SkipReason.NO_CONTEXT], [SkipReason.EXCEPTION])
    assert result.carry == 0


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # another, unambiguous term of any audience
        ("Het ticket en het klantdatamodel.", "De klantvraag en het 360-graden-klantbeeld."),
        ("Het ticket en het 360-graden-klantbeeld.", "De klantvraag en het 360-graden-klantbeeld."),
        # a cue word of the lexicon, also as a prefix (helpdesk*), case and hyphens alike
        ("Het ticket staat in het CRM.", "De klantvraag staat in het CRM."),
        ("Het ticket staat in het crm-systeem.", "De klantvraag staat in het crm-systeem."),
        ("De helpdeskmedewerker sloot het ticket.", "De helpdeskmedewerker sloot de klantvraag."),
        # after the evidence in the same paragraph, and before it
        ("Het CRM: ticket 12 is dicht.", "Het CRM: klantvraag 12 is dicht."),
    ],
)
def test_an_everyday_word_with_domain_context_is_rewritten(
    translator: Translator, text: str, expected: str
) -> None:
    assert rewritten(translator, text) == expected


def test_unambiguous_terms_work_in_a_one_line_note(translator: Translator) -> None:
    assert rewritten(translator, "Het klantdatamodel is af.") == "Het 360-graden-klantbeeld is af."
    assert rewritten(translator, "Het activiteitrecord is af.") == "Het bezoeksrapport is af."


def test_a_term_in_the_target_audience_is_evidence_in_its_own_paragraph(
    translator: Translator,
) -> None:
    # "bezoeksrapport" is already a sales term: kept, and it shows the domain, but it does not
    # carry on: it may be a term dvd wrote, which must not widen the context on a second run.
    assert rewritten(translator, "Het ticket en het bezoeksrapport.") == (
        "De klantvraag en het bezoeksrapport."
    )
    assert rewritten(translator, "Het bezoeksrapport.\n\nHet ticket.") == (
        "Het bezoeksrapport.\n\nHet ticket."
    )
    assert rewritten(translator, "Het activiteitrecord.\n\nHet ticket.") == (
        "Het bezoeksrapport.\n\nDe klantvraag."
    )


def test_another_everyday_word_is_no_evidence(translator: Translator) -> None:
    text = "Het ticket voor de verkoopactie."
    assert rewritten(translator, text, to="it") == text


def test_a_typo_of_a_term_is_evidence_as_its_rewrite_will_be(translator: Translator) -> None:
    result = translator.translate("Het ticket en het activiteitrekord.")
    assert [r.match.kind for r in result.rewrites] == [MatchKind.EXACT, MatchKind.FUZZY]
    assert rewritten(translator, "Het activiteitrekord.\n\nHet ticket.") == (
        "Het bezoeksrapport.\n\nDe klantvraag."
    )


def write(folder: Path, source: str) -> Path:
    path = folder / "lexicon.yaml"
    path.write_text(source, encoding="utf-8")
    return path


def test_a_cue_word_inside_a_term_is_no_evidence(tmp_path: Path) -> None:
    # Else rewriting a term could make or break the evidence it was decided by.
    lexicon = (
        "dvd: 1\nlanguage: nl\naudiences: [sales, it]\ncues: [koppeling]\nconcepts:\n"
        "  - id: a\n    sales: {term: ticket, everyday: true}\n    it: supportmelding\n"
        "  - id: b\n    sales: {term: directe koppeling, everyday: true}\n    it: ERP-link\n"
    )
    own = Translator([write(tmp_path, lexicon)], builtin=False, to="it")
    text = "Het ticket over de directe koppeling."
    result = own.translate(text)
    assert result.text == text
    assert len(result.skipped) == 2
    assert own.translate("Het ticket over de koppeling.").text == (
        "Het supportmelding over de koppeling."
    )


HINTED = (
    "dvd: 1\nlanguage: nl\naudiences: [sales, it]\ncues: [CRM]\nhints: [offerte*, Q3]\n"
    "concepts:\n"
    "  - id: a\n    sales: {term: ticket, everyday: true}\n    it: supportmelding\n"
    "  - id: b\n    sales: {term: offertescherm, everyday: true}\n    it: quotescherm\n"
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A hint word shows the domain in its own sentence ...
        ("Het ticket over de offerteaanvraag is dicht.", "Het supportmelding over de"),
        ("Q3: ticket dicht", "Q3: supportmelding dicht"),
        # ... and nowhere else: not in the next sentence or paragraph, not to the end.
        ("De offertes zijn weg. Het ticket is dicht.", "Het ticket is dicht."),
        ("Offertes weg.\n\nHet ticket is dicht.", "Het ticket is dicht."),
        ("Het ticket is dicht. Offertes weg.", "Het ticket is dicht."),
        # A hint word inside a found term is no evidence: a rewrite cannot make or break it.
        ("Het ticket in het offertescherm.", "Het ticket in het offertescherm."),
        # A cue word still carries to the end of the input.
        ("Het CRM.\n\nHet ticket is dicht.", "Het supportmelding is dicht."),
    ],
)
def test_a_hint_word_shows_the_domain_in_its_own_sentence(
    tmp_path: Path, text: str, expected: str
) -> None:
    own = Translator([write(tmp_path, HINTED)], builtin=False, to="it")
    assert expected in rewritten(own, text)


def test_hint_words_count_in_their_own_language(tmp_path: Path) -> None:
    folder = tmp_path / "lexicons"
    folder.mkdir()
    for language, hints in (("nl", "[Q3, offerte*]"), ("en", "[Q3, invoice*]")):
        (folder / f"{language}.yaml").write_text(
            f"dvd: 1\nlanguage: {language}\naudiences: [sales, it]\nhints: {hints}\n"
            f"concepts:\n  - id: {language}.a\n    sales: {{term: x{language}, everyday: true}}"
            f"\n    it: y{language}\n",
            encoding="utf-8",
        )
    both = Translator([folder], builtin=False, to="it")
    assert both.index.hints_for(None).words == frozenset({"q3"})
    assert both.index.hints_for("nl").prefixes == ("offerte",)


def test_evidence_counts_in_its_paragraph_and_after_it_not_before(translator: Translator) -> None:
    assert rewritten(translator, "Het CRM is traag.\n\nHet ticket is dicht.") == (
        "Het CRM is traag.\n\nDe klantvraag is dicht."
    )
    assert rewritten(translator, "Het ticket is dicht.\n\nHet CRM is traag.") == (
        "Het ticket is dicht.\n\nHet CRM is traag."
    )
    # A line break is no paragraph break; a line of quote marks is.
    assert rewritten(translator, "Het ticket is dicht.\nHet CRM is traag.") == (
        "De klantvraag is dicht.\nHet CRM is traag."
    )
    assert rewritten(translator, "> Het ticket is dicht.\n>\n> Het CRM is traag.") == (
        "> Het ticket is dicht.\n>\n> Het CRM is traag."
    )


def test_a_stream_carries_the_domain_into_the_next_paragraphs(translator: Translator) -> None:
    text = "Notulen klantdatamodel\n\nHet ticket is dicht.\n\nEen ticket voor het concert.\n"
    out = io.BytesIO()
    translator.translate_stream(io.BytesIO(text.encode()), out)
    assert out.getvalue().decode() == (
        "Notulen 360-graden-klantbeeld\n\nDe klantvraag is dicht.\n\nEen ticket voor het concert.\n"
    )
    # A paragraph a read, so that each is a piece of its own (paragraphs that arrive together
    # are one piece, translated as one text).
    pieces = list(translator.translations(arriving(text)))
    assert [p.translation.carry for p in pieces] == [CARRY, CARRY - 1, CARRY - 2]
    # Without the first paragraph nothing shows the domain.
    plain = "Het ticket is dicht.\n\nEen ticket.\n"
    assert [p.translation.text for p in translator.translations(arriving(plain))] == [
        "Het ticket is dicht.\n\n",
        "Een ticket.\n",
    ]
    # Arrived together, the paragraphs that end in a blank line are one piece, and read the
    # same; the last is given when the input ends.
    together = list(translator.translations(io.BytesIO(text.encode())))
    assert [p.text for p in together] == [
        text[: text.rindex("\n\n") + 2],
        text.splitlines()[-1] + "\n",
    ]
    assert "".join(p.translation.text for p in together) == out.getvalue().decode()


def arriving(text: str) -> io.BufferedReader:
    """`text` as a pipe that delivers a paragraph at a time."""
    return io.BufferedReader(Arriving(*re.split(r"(?<=\n\n)", text)))


def test_a_term_carries_the_domain_a_few_paragraphs_not_for_ever(
    translator: Translator,
) -> None:
    gap = "Het regent.\n\n" * (CARRY - 1)
    near = f"Het klantdatamodel.\n\n{gap}Het ticket.\n"
    assert rewritten(translator, near) == f"Het 360-graden-klantbeeld.\n\n{gap}De klantvraag.\n"
    far = f"Het klantdatamodel.\n\n{gap}Het regent.\n\nHet ticket.\n"
    assert translator.translate("Het klantdatamodel is af.").carry == CARRY
    assert rewritten(translator, far) == far.replace("klantdatamodel", "360-graden-klantbeeld")
    # The same as a stream, a paragraph at a time.
    out = io.BytesIO()
    translator.translate_stream(io.BytesIO(far.encode()), out)
    assert "Het ticket." in out.getvalue().decode()
    # Each paragraph that shows the domain renews it.
    renewed = "Het klantdatamodel.\n\nHet regent.\n\nDe ERP.\n\nHet regent.\n\nHet ticket.\n"
    assert "klantvraag" not in rewritten(translator, renewed)  # ERP is no cue here
    assert "klantvraag" in rewritten(translator, renewed.replace("ERP", "activiteitrecord"))


def test_a_cue_word_shows_the_domain_for_the_rest_of_the_input(translator: Translator) -> None:
    # Ordinary text never holds a cue word: the whole document after one is about the domain,
    # however long the notes below a heading such as "Notulen CRM-overleg" run on.
    gap = "Het regent.\n\n" * (CARRY + 3)
    text = f"Notulen CRM-overleg\n\n{gap}Het ticket is dicht.\n"
    assert rewritten(translator, text) == f"Notulen CRM-overleg\n\n{gap}De klantvraag is dicht.\n"
    assert translator.translate("Het CRM is traag.").carry == EVERYWHERE
    assert translator.translate(gap, carry=EVERYWHERE).carry == EVERYWHERE
    # The same as a stream, a paragraph at a time, and in a text that has terms too.
    out = io.BytesIO()
    translator.translate_stream(io.BytesIO(text.encode()), out)
    assert out.getvalue().decode().endswith("De klantvraag is dicht.\n")
    mixed = f"Het ticket in het CRM.\n\n{gap}Het ticket is dicht.\n"
    assert rewritten(translator, mixed).count("klantvraag") == 2
    pieces = list(translator.translations(io.BytesIO(mixed.encode())))
    assert {p.translation.carry for p in pieces} == {EVERYWHERE}
    # A cue word after the term still shows nothing before it.
    late = f"Het ticket is dicht.\n\n{gap}Het CRM is traag.\n"
    assert rewritten(translator, late) == late


def test_carry_says_the_text_before_showed_the_domain(translator: Translator) -> None:
    assert translator.translate("Het ticket is dicht.", carry=1).text == "De klantvraag is dicht."
    result = translator.translate("Het regent.\n\nHet ticket is dicht.", carry=1)
    assert (result.text, result.carry) == ("Het regent.\n\nHet ticket is dicht.", 0)


def test_an_e_mail_is_one_document(translator: Translator) -> None:
    message = (
        b"From: a@example.org\nTo: b@example.org\nSubject: CRM-update\n\nHet ticket is dicht.\n"
    )
    result = translator.translate_email(message)
    assert b"De klantvraag is dicht." in result.data


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("Het CRM verkoopt geen ticket voor het concert.", "ticket voor het concert"),
        ("Het CRM verkoopt geen Tickets voor het concert.", "ticket voor het concert"),
        ("In het CRM: je ticket naar Texel.", "ticket naar"),
    ],
)
def test_an_exception_phrase_leaves_the_term_alone(
    translator: Translator, text: str, phrase: str
) -> None:
    result = translator.translate(text)
    assert result.text == text
    ((skip),) = result.skipped
    assert (skip.reason, skip.detail) == (SkipReason.EXCEPTION, phrase)


def test_an_exception_phrase_must_stand_as_written(translator: Translator) -> None:
    # Punctuation breaks the phrase; another word after the term is another phrase.
    assert rewritten(translator, "Het CRM-ticket. Naar Texel.") == "Het CRM-ticket. Naar Texel."
    assert rewritten(translator, "In het CRM staat het ticket. Naar Texel dus.") == (
        "In het CRM staat de klantvraag. Naar Texel dus."
    )
    assert rewritten(translator, "In het CRM staat het ticket voor Jansen.") == (
        "In het CRM staat de klantvraag voor Jansen."
    )


def test_needs_words_must_be_in_the_paragraph(translator: Translator) -> None:
    text = "De release van het nieuwe album."
    result = translator.translate(text, to="sales")
    assert result.text == text
    ((skip),) = result.skipped
    assert (skip.reason, skip.detail) == (SkipReason.NEEDS, "versie*, uitrol")
    assert rewritten(translator, "De release van versie 2.3.") == (
        "De nieuwe softwareversie van versie 2.3."
    )
    assert rewritten(translator, "De uitrol volgt.\nDe release is vrijdag.") == (
        "De uitrol volgt.\nDe nieuwe softwareversie is vrijdag."
    )
    assert rewritten(translator, "De uitrol volgt.\n\nDe release is vrijdag.") == (
        "De uitrol volgt.\n\nDe release is vrijdag."
    )


def test_without_context_every_term_is_rewritten(translator: Translator) -> None:
    assert rewritten(translator, "Het ticket is dicht.", context=False) == "De klantvraag is dicht."
    assert rewritten(translator, "Een ticket voor het concert.", context=False) == (
        "Een klantvraag voor het concert."
    )
    assert translator.translate("De release van het album.", context=False).skipped == ()
    assert translator.with_options(context=False).translate("Het ticket.").text == "De klantvraag."


def test_matches_follow_the_context_rules(translator: Translator) -> None:
    assert translator.matches("Het ticket is dicht.") == []
    assert [m.text for m in translator.matches("Het ticket is dicht.", context=False)] == ["ticket"]


def test_a_term_that_opts_in_is_found_inside_a_hyphenated_compound(
    translator: Translator,
) -> None:
    result = translator.translate("De SLA-rapportage komt morgen.")
    assert result.text == "De servicecontract-rapportage komt morgen."
    assert [r.match.kind for r in result.rewrites] == [MatchKind.COMPOUND]
    assert [(r.start, r.end) for r in result.rewrites] == [(3, 6)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the term is the head: the article agrees with the new head
        ("Het CRM-implementatietraject loopt.", "De CRM-ingebruikname loopt."),
        ("Dit CRM-implementatietraject loopt.", "Deze CRM-ingebruikname loopt."),
        # the term is the first part: the article belongs to the head and stays
        ("De SLA-rapportage is af.", "De servicecontract-rapportage is af."),
        ("Een team-SLA-overleg.", "Een team-servicecontract-overleg."),
        # the whole word, as before
        ("Het implementatietraject loopt.", "De ingebruikname loopt."),
    ],
)
def test_compound_rewrites_keep_the_grammar(
    translator: Translator, text: str, expected: str
) -> None:
    assert rewritten(translator, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Het ticket-systeem is traag in het CRM.",  # ticket does not opt in
        "Zie SLA_rapport in het CRM.",  # an identifier, not a compound
        "Mijn concert-ticket in het CRM.",
    ],
)
def test_compounds_stay_whole_unless_a_term_opts_in(translator: Translator, text: str) -> None:
    assert rewritten(translator, text) == text


def test_the_json_kind_of_a_compound_match(translator: Translator) -> None:
    (match,) = translator.matches("De SLA-rapportage.")
    assert match.kind.value == "compound"


def test_a_lexicon_without_context_rules_costs_no_evidence_check(tmp_path: Path) -> None:
    lexicon = (
        "dvd: 1\nlanguage: nl\naudiences: [sales, it]\nconcepts:\n"
        "  - id: a\n    sales: klantvraag\n    it: ticket\n"
    )
    plain = Translator([write(tmp_path, lexicon)], builtin=False, to="sales")
    assert not plain.index.rules
    result = plain.translate("Een ticket voor het concert.")
    assert result.text == "Een klantvraag voor het concert."
    assert result.skipped == ()


@settings(max_examples=500, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "CRM",
                "crm-",
                "Crmx",
                "xcrm",
                "IT",
                "it",
                "bit",
                "ERP",
                "ąERP",
                "wdrożenie",
                "Wdrozenie",
                "saas",
                "SaaS'en",
                "ą",
                " ",
                "-",
                "\n",
                "_",
                "é",
                "’",
            ]
        ),
        max_size=12,
    ).map("".join)
)
def test_the_quick_cue_search_agrees_with_the_word_by_word_one(text: str) -> None:
    cues = word_set(["CRM*", "IT", "SaaS", "ERP*", "wdroż*"])
    keys = split_words(text).keys
    assert cues.any_in(keys) == any(cues.holds(key) for key in keys)


def test_cue_words_count_in_their_own_language(tmp_path: Path) -> None:
    # The Dutch lexicon's cue "IT" is the English word "it": it must not show the domain in an
    # English paragraph, nor where the language is unclear.
    folder = tmp_path / "lexicons"
    folder.mkdir()
    (folder / "nl.yaml").write_text(
        "dvd: 1\nlanguage: nl\naudiences: [sales, it]\ncues: [IT, CRM]\nconcepts:\n"
        "  - id: klantvraag\n    sales: klantvraag\n    it: {term: ticket, everyday: true}\n",
        encoding="utf-8",
    )
    (folder / "en.yaml").write_text(
        "dvd: 1\nlanguage: en\naudiences: [sales, it]\ncues: [CRM]\nconcepts:\n"
        "  - id: en.bug\n    sales: {term: glitch, everyday: true}\n    it: software bug\n",
        encoding="utf-8",
    )
    both = Translator([folder], builtin=False, to="it")
    english = "It was only a glitch in the scoreboard, and it was fixed before the match."
    assert rewritten(both, english) == english
    assert rewritten(both, "It was a glitch in the CRM.") == "It was a software bug in the CRM."
    dutch = "Het ticket staat bij IT, zegt de servicedesk van de gemeente."
    assert "klantvraag" in rewritten(both, dutch, to="sales")
    assert both.index.cues_for(None).words == frozenset({"crm"})

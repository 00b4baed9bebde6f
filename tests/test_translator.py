"""`Translator`: the library object the CLI adapts — options, streams, files, threads, pickles."""

from __future__ import annotations

import io
import os
import pickle
import re
import threading
from pathlib import Path

import pytest

from conftest import LEXICON_YAML
from dikkevandale import Lexicon, OptionError, Translator, parse_lexicon, translate
from dikkevandale.matching import index as index_module
from dikkevandale.model import Suppressed

CORE = Path(__file__).parent / "data" / "core.yaml"
NOTE = "Het 360-graden-klantbeeld en de koppeling.\r\n\r\nTweede alinea zonder termen"
NOTE_IT = (
    "De mid-office-oplossing op basis van XML en de interface.\r\n\r\nTweede alinea zonder termen"
)


@pytest.fixture
def translator(lexicon_file: Path) -> Translator:
    return Translator([lexicon_file], builtin=False, to="it")


def test_translate_uses_the_default_audience_and_a_call_may_override_it(
    translator: Translator,
) -> None:
    assert translator.translate(NOTE).text == NOTE_IT
    assert translator.translate("de interface", "marketing").text == "de integratie"
    assert translator.translate("de interface", to="sales").text == "de koppeling"


def test_matches_carry_offsets_into_the_original_text(translator: Translator) -> None:
    found = translator.matches(NOTE)
    assert [(m.concept, NOTE[m.start : m.end]) for m in found] == [
        ("klantbeeld", "360-graden-klantbeeld"),
        ("koppeling", "koppeling"),
    ]


def test_options_are_checked_against_the_lexicons(translator: Translator) -> None:
    with pytest.raises(OptionError, match=r"unknown audience 'sals'.*did you mean 'sales'"):
        translator.translate("x", "sals")
    with pytest.raises(OptionError, match="language 'fr'"):
        translator.translate("x", language="fr")
    with pytest.raises(OptionError, match="threshold"):
        translator.with_options(threshold=120)
    with pytest.raises(OptionError, match=r"\{text\}"):
        translator.translate("x", mode="gloss", gloss_label="({term})")
    with pytest.raises(OptionError, match="missing --to"):
        translator.with_options(to=None).translate("x")


def test_a_translator_is_immutable(translator: Translator) -> None:
    with pytest.raises(AttributeError, match="immutable"):
        translator._index = None  # type: ignore[misc]
    glossing = translator.with_options(mode="gloss")
    assert glossing.index is translator.index
    assert translator.translate("de koppeling").text == "de interface"
    assert glossing.translate("de koppeling").text == "de koppeling (IT: interface)"


def test_a_translator_pickles_and_translates_the_same(translator: Translator) -> None:
    copy = pickle.loads(pickle.dumps(translator))
    assert copy.translate(NOTE).text == NOTE_IT
    assert copy.options == translator.options


def test_translating_never_changes_the_index(translator: Translator) -> None:
    """Per-run memos live outside the index: its pickle is the same before and after."""
    before = pickle.dumps(translator.index)
    for _ in range(3):
        translator.translate(NOTE + " koppelingen klantbeeldmodule mid-offce-oplossing")
    assert pickle.dumps(translator.index) == before


def test_many_threads_share_one_translator(translator: Translator) -> None:
    texts = [f"Notitie {n}: de koppeling, het 360-graden-klantbeeld." for n in range(200)]
    expected = [translator.translate(text).text for text in texts]
    results: dict[int, list[str]] = {}

    def work(number: int) -> None:
        results[number] = [translator.translate(text).text for text in texts]

    threads = [threading.Thread(target=work, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert all(found == expected for found in results.values())


def test_translate_stream_is_byte_exact(translator: Translator) -> None:
    source = io.BytesIO(NOTE.encode("utf-8"))
    target = io.BytesIO()
    tally = translator.translate_stream(source, target)
    assert target.getvalue() == NOTE_IT.encode("utf-8")
    assert (tally.pieces, tally.rewrites) == (2, 2)


def test_translations_give_pieces_with_offsets_and_lines(translator: Translator) -> None:
    pieces = list(translator.translations(io.BytesIO(NOTE.encode("utf-8"))))
    assert "".join(piece.text for piece in pieces) == NOTE
    assert [(piece.offset, piece.line) for piece in pieces] == [(0, 1), (len(pieces[0].text), 3)]


def test_paragraphs_that_arrive_together_are_translated_as_one_text(tmp_path: Path) -> None:
    """With lexicons of one language, the paragraphs of one read are one piece (a call has a
    fixed cost); with several, each paragraph is a piece, so its own language is detected."""
    paragraphs = ["Het 360-graden-klantbeeld is af.\n\n", "De koppeling ook.\n\n", "Klaar.\n\n"]
    text = "".join(paragraphs) + "Einde.\n"
    dutch = Translator([CORE], builtin=False, to="it")
    builtin = Translator(to="it")
    for translator, count in ((dutch, 2), (builtin, 4)):
        pieces = list(translator.translations(io.BytesIO(text.encode())))
        assert len(pieces) == count
        assert "".join(p.translation.text for p in pieces) == "".join(
            translator.translate(paragraph).text for paragraph in [*paragraphs, "Einde.\n"]
        )
        assert [p.offset for p in pieces] == [text.index(p.text) for p in pieces]
        assert [p.line for p in pieces] == [text[: p.offset].count("\n") + 1 for p in pieces]
    # Two languages: each paragraph is rewritten with its own language's terms.
    mixed = "Het klantbeeld is af.\n\nThe 360-degree customer view is done.\n\n"
    done = "".join(p.translation.text for p in builtin.translations(io.BytesIO(mixed.encode())))
    assert done == "".join(builtin.translate(p).text for p in re.split(r"(?<=\n\n)", mixed))
    assert "klantbeeld" not in done and "XML-based mid-office layer" in done


def test_translate_email_keeps_the_message_around_the_edits(translator: Translator) -> None:
    message = b"From: a@example.nl\r\nSubject: De koppeling\r\n\r\nDe koppeling werkt.\r\n"
    result = translator.translate_email(message)
    assert result.data == message.replace(b"koppeling", b"interface")
    assert len(result.rewrites) == 2


def test_translate_file_in_place_writes_only_what_changed(
    translator: Translator, tmp_path: Path
) -> None:
    changed = tmp_path / "a.md"
    changed.write_bytes(NOTE.encode("utf-8"))
    same = tmp_path / "b.md"
    same.write_bytes(b"Niets te doen hier.\n")
    inode = same.stat().st_ino
    result = translator.translate_file(changed, in_place=True, backup=True)
    assert result.written and changed.read_bytes() == NOTE_IT.encode("utf-8")
    assert (tmp_path / "a.md.bak").read_bytes() == NOTE.encode("utf-8")
    assert [(f.line, f.col) for f in result.findings] == [(1, 1), (1, 33)]
    untouched = translator.translate_file(same, in_place=True)
    assert not untouched.written and same.stat().st_ino == inode


def test_translate_file_reads_an_email_as_an_email(translator: Translator, tmp_path: Path) -> None:
    path = tmp_path / "mail.eml"
    path.write_bytes(b"From: a@example.nl\nSubject: De koppeling\n\nDe koppeling.\n")
    result = translator.translate_file(path)
    assert result.email and result.data.count(b"interface") == 2


def test_translate_files_in_two_processes_gives_what_one_gives(
    translator: Translator, tmp_path: Path
) -> None:
    paths = []
    for number in range(6):
        path = tmp_path / f"note{number}.md"
        path.write_text(f"{number}: de koppeling en het 360-graden-klantbeeld.\n", "utf-8")
        paths.append(path)
    alone = [result.data for result in translator.translate_files(paths)]
    together = [result.data for result in translator.translate_files([*paths, paths[0]], jobs=2)]
    assert together == alone
    assert all(b"interface" in data for data in alone)


def test_from_config_finds_the_project_and_its_defaults(tmp_path: Path) -> None:
    project = tmp_path / "project"
    (project / "lexicons").mkdir(parents=True)
    (project / "lexicons" / "terms.yaml").write_text(LEXICON_YAML, encoding="utf-8")
    (project / ".dvd.toml").write_text(
        'lexicons = ["lexicons"]\nto = "marketing"\nbuiltin = false\n', encoding="utf-8"
    )
    inner = project / "notes" / "2026"
    inner.mkdir(parents=True)
    found = Translator.from_config(inner, environ={})
    assert found.options.to == "marketing"
    assert found.translate("de koppeling").text == "de integratie"
    assert [layer.name for layer in found.layers] == ["project"]
    assert Translator.from_config(inner, environ={}, to="it").options.to == "it"


def test_a_project_may_say_all_its_text_is_about_the_domain(tmp_path: Path) -> None:
    """`context = false`: everyday terms are rewritten without evidence, as --no-context."""
    note = "Deze licentie loopt af."  # an everyday term, nothing else in the note
    plain = Translator.from_config(tmp_path, environ={}, to="sales")
    assert plain.translate(note).text == note
    (tmp_path / ".git").mkdir()
    (tmp_path / ".dvd.toml").write_text("context = false\n", encoding="utf-8")
    project = Translator.from_config(tmp_path, environ={}, to="sales")
    assert project.options.context is False
    assert project.translate(note).text != note
    assert (
        Translator.from_config(tmp_path, environ={}, to="sales", context=True).translate(note).text
        == note
    )


def test_lexicon_objects_override_files_by_id(lexicon_file: Path) -> None:
    extra = Lexicon(
        parse_lexicon(
            "dvd: 1\nlanguage: nl\naudiences: [sales, it]\nconcepts:\n"
            "  - id: koppeling\n    sales: koppeling\n    it: API-verbinding\n"
        ),
        ("sales", "it"),
    )
    found = Translator([lexicon_file, extra], builtin=False, to="it")
    assert found.translate("de koppeling").text == "de API-verbinding"


def test_the_translate_function_compiles_a_lexicon_once(
    lexicon_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    lexicon = Lexicon(parse_lexicon(lexicon_file.read_text("utf-8")), ("sales", "it"))
    calls = []
    real = index_module.compile_index

    def counting(lexicon: Lexicon) -> index_module.Index:
        calls.append(1)
        return real(lexicon)

    monkeypatch.setattr("dikkevandale.translator.compile_index", counting)
    for _ in range(50):
        assert translate("de koppeling", lexicon, "it").text == "de interface"
    assert len(calls) == 1


def test_no_lexicon_at_all_is_an_option_error() -> None:
    with pytest.raises(OptionError, match="no lexicon"):
        Translator(builtin=False)


def test_a_missing_file_is_an_input_error(translator: Translator, tmp_path: Path) -> None:
    from dikkevandale import InputError

    with pytest.raises(InputError, match="no such file"):
        translator.translate_file(tmp_path / "missing.md")
    fifo = tmp_path / "pipe"
    if hasattr(os, "mkfifo"):
        os.mkfifo(fifo)
        with pytest.raises(InputError, match="is a FIFO or device"):
            translator.translate_file(fifo)


def test_the_translate_function_lets_go_of_lexicons_and_indexes(lexicon_file: Path) -> None:
    """Remembering a translator per object must not keep the objects alive for ever."""
    import gc
    import weakref

    from dikkevandale import compile_index

    lexicon = Lexicon(parse_lexicon(lexicon_file.read_text("utf-8")), ("sales", "it"))
    translate("de koppeling", lexicon, "it")
    gone = weakref.ref(lexicon)
    del lexicon
    gc.collect()
    assert gone() is None
    indexes = []
    for _ in range(6):
        index = compile_index(Lexicon(parse_lexicon(lexicon_file.read_text("utf-8")), ("sales",)))
        assert translate("de koppeling", index, "sales").text == "de koppeling"
        indexes.append(weakref.ref(index))
        del index
    gc.collect()
    assert indexes[0]() is None  # only the most recent few are kept


def test_a_file_is_translated_as_its_stream_is(tmp_path: Path) -> None:
    """translate_file goes a paragraph at a time too: byte for byte what translate_stream
    gives, directives carried across paragraphs, findings at their lines in the file."""
    translator = Translator([Path(__file__).parent / "data" / "core.yaml"], builtin=False, to="it")
    text = (
        "---\ntitel: bezoeksrapport\n---\n\n- Het bezoeksrapport:\n\n  ```\n  bezoeksrapport\n\n"
        "  ```\n\n<!-- dvd off -->\n\nbezoeksrapport\n\n<!-- dvd on -->\n\nHet bezoeksrapport.\n"
    )
    path = tmp_path / "notes.md"
    path.write_text(text, encoding="utf-8")
    streamed = io.BytesIO()
    translator.translate_stream(io.BytesIO(text.encode()), streamed)
    result = translator.translate_file(path)
    assert result.data == streamed.getvalue()
    assert [(f.line, f.col, f.rewrite.text) for f in result.findings] == [
        (5, 7, "bezoeksrapport"),
        (18, 5, "bezoeksrapport"),
    ]
    for finding in result.findings:
        assert text[finding.rewrite.start : finding.rewrite.end] == "bezoeksrapport"
    (left,) = result.left_alone  # the directives' terms, at their places too
    at = text.index("bezoeksrapport\n\n<!-- dvd on")
    assert (left.line, left.col, left.term.match.start) == (14, 1, at)
    assert isinstance(left.term, Suppressed) and left.term.directive == "dvd off"

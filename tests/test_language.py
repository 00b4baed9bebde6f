from __future__ import annotations

from pathlib import Path

import pytest

from dikkevandale import translate
from dikkevandale.languages.detect import detect_language
from dikkevandale.lexicon.layers import load_lexicon
from dikkevandale.matching.matcher import compile_index
from dikkevandale.normalize import split_words


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("De klant wil een overzicht van het project.", "nl"),
        ("The customer wants an overview of the project.", "en"),
        ("Klient nie jest zadowolony z wdrożenia i prosi o zmiany.", "pl"),
        ("CRM", None),
        ("in is was", None),  # words both languages share weigh for neither
    ],
)
def test_detect_language(text: str, language: str | None) -> None:
    assert detect_language(split_words(text).keys) == language


def test_detection_is_limited_to_the_languages_that_matter() -> None:
    # Polish "to" would tie with English "to" if Polish were in play
    assert detect_language(["landing", "pages", "to", "build"], among={"nl", "en"}) == "en"
    assert detect_language(["anything"], among={"nl"}) == "nl"


def write(path: Path, language: str, body: str) -> Path:
    path.write_text(
        f"dvd: 1\nlanguage: {language}\naudiences: [sales, it]\nconcepts:\n{body}", encoding="utf-8"
    )
    return path


def test_only_the_texts_language_is_used(tmp_path: Path) -> None:
    dutch = write(
        tmp_path / "nl.yaml",
        "nl",
        "  - id: nl.am\n"
        "    sales: {term: accountmanager, article: de}\n"
        "    it: {term: recordeigenaar, article: de}\n",
    )
    english = write(
        tmp_path / "en.yaml", "en", "  - {id: en.am, sales: accountmanager, it: record owner}\n"
    )
    index = compile_index(load_lexicon([dutch, english], builtin=False))
    assert (
        translate("De accountmanager belt de klant.", index, "it").text
        == "De recordeigenaar belt de klant."
    )
    assert translate("The accountmanager calls the customer.", index, "it").text == (
        "The record owner calls the customer."
    )
    # unclear language and a spelling both lexicons share: a miss is better than a wrong language
    assert translate("Accountmanager belt.", index, "it").text == "Accountmanager belt."
    # an explicit language decides
    assert (
        translate("Accountmanager belt.", index, "it", language="nl").text == "Recordeigenaar belt."
    )

"""CPython's e-mail test messages as a conformance set for the promise that only words change.

The 48 messages (tests/data/mail/cpython, from CPython 3.13.0's `Lib/test/test_email/data`;
see the LICENSE.md there) were written by others to exercise a MIME parser: nested multiparts,
digests, bounces, encoded words in headers, odd boundaries, missing or broken headers, non-text
parts, base64 and quoted-printable bodies, unknown charsets. Each goes through
`Translator.translate_email` and through `translate_bytes` (which detects mail as `dvd
translate` does):

- with a lexicon that matches nothing, the output is the input, byte for byte;
- with a lexicon of the words that occur most in the corpus, the message parses to the same
  MIME tree (content types, charsets, transfer encodings, boundaries), every header but the
  Subject is unchanged, every part dvd does not translate keeps its exact payload bytes, every
  translated text part reads, decoded, as the old text once each target term is put back to
  the word it replaced (case and "a"/"an" aside), and an HTML part keeps every tag.
"""

from __future__ import annotations

import email
import email.policy
import re
from collections import Counter
from collections.abc import Iterator
from email.message import Message
from pathlib import Path

import pytest

from dikkevandale import Lexicon, Translator, parse_lexicon

CORPUS = Path(__file__).parent / "data" / "mail" / "cpython"
MESSAGES = sorted(CORPUS.glob("msg_*.txt"))
WORDS = 30


def message(data: bytes) -> Message:
    return email.message_from_bytes(data, policy=email.policy.compat32)


def translatable(part: Message) -> bool:
    """What dvd rewrites: a text/plain or text/html leaf whose body decodes as text."""
    return not part.is_multipart() and part.get_content_type() in ("text/plain", "text/html")


def leaves(root: Message) -> Iterator[Message]:
    """The leaf parts in tree order, not inside signed or encrypted parts."""
    if root.get_content_type() in ("multipart/signed", "multipart/encrypted"):
        return
    if root.is_multipart():
        for part in root.get_payload():
            yield from leaves(part)
    else:
        yield root


def shape(root: Message) -> list[tuple[str, str | None, str | None, str | None]]:
    return [
        (
            part.get_content_type(),
            part.get_content_charset(),
            part.get("Content-Transfer-Encoding"),
            part.get_boundary(),
        )
        for part in root.walk()
    ]


def headers(root: Message) -> list[list[tuple[str, str]]]:
    """Every part's headers but the Subject, raw as written."""
    return [
        [(name, value) for name, value in part.items() if name.lower() != "subject"]
        for part in root.walk()
    ]


def frequent_words(count: int) -> list[str]:
    """The `count` most frequent lowercase words of four letters or more in the corpus's
    text/plain bodies, ties alphabetically: words the translator will surely meet."""
    counts: Counter[str] = Counter()
    for path in MESSAGES:
        for part in leaves(message(path.read_bytes())):
            if part.get_content_type() == "text/plain":
                body = part.get_payload(decode=True)
                if isinstance(body, bytes):
                    text = body.decode("ascii", "replace")
                    counts.update(re.findall(r"\b[a-z]{4,}\b", text))
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return [word for word, _ in ranked[:count]]


def lexicon_text(words: list[str]) -> str:
    lines = ["dvd: 1", "language: en", "audiences: [sales, it]", "concepts:"]
    for number, word in enumerate(words):
        target = f"zqterm{number}"
        lines += [
            f"  - id: en.c{number}",
            f"    note: The word {word}, for the corpus test.",
            f"    sales: [{word}]",
            f"    it: [{target}]",
            "    examples:",
            f"      - text: One {word} here.",
            "        to: it",
            f"        expect: One {target} here.",
        ]
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def matching() -> Translator:
    concepts = parse_lexicon(lexicon_text(frequent_words(WORDS)), "corpus.yaml")
    lexicon = Lexicon(concepts=concepts, audiences=("sales", "it"))
    return Translator([lexicon], builtin=False, to="it", context=False)


@pytest.fixture(scope="module")
def matching_nothing() -> Translator:
    concepts = parse_lexicon(lexicon_text(["qqqnomatchqqq"]), "nothing.yaml")
    lexicon = Lexicon(concepts=concepts, audiences=("sales", "it"))
    return Translator([lexicon], builtin=False, to="it")


def test_the_corpus_is_there() -> None:
    assert len(MESSAGES) == 48


@pytest.mark.parametrize("path", MESSAGES, ids=lambda path: path.name)
def test_a_lexicon_that_matches_nothing_changes_no_byte(
    path: Path, matching_nothing: Translator
) -> None:
    data = path.read_bytes()
    assert matching_nothing.translate_email(data).data == data
    assert matching_nothing.translate_bytes(data).data == data


@pytest.mark.parametrize("path", MESSAGES, ids=lambda path: path.name)
def test_only_words_change(path: Path, matching: Translator) -> None:
    data = path.read_bytes()
    done = matching.translate_email(data)
    assert matching.translate_bytes(data).data == done.data
    before, after = message(data), message(done.data)
    assert shape(after) == shape(before)
    assert headers(after) == headers(before)
    words = frequent_words(WORDS)
    for old, new in zip(leaves(before), leaves(after), strict=True):
        old_body, new_body = old.get_payload(decode=True), new.get_payload(decode=True)
        if not translatable(old) or not isinstance(old_body, bytes) or old_body == new_body:
            assert new.get_payload() == old.get_payload()
            continue
        assert isinstance(new_body, bytes)
        charset = old.get_content_charset() or "us-ascii"
        old_text, new_text = old_body.decode(charset), new_body.decode(charset)
        assert "zqterm" in new_text.lower()
        assert words_back(new_text, words) == plain(old_text)
        if old.get_content_type() == "text/html":
            assert TAG.findall(new_text) == TAG.findall(old_text)


TAG = re.compile(r"<[^>]*>")
ARTICLE = re.compile(r"\ban?\b", re.IGNORECASE)


def plain(text: str) -> str:
    """Text compared without case, and with "a"/"an" as one word (agreement may switch)."""
    return ARTICLE.sub("a", text).lower()


def words_back(text: str, words: list[str]) -> str:
    """The translated text with each target term put back to the word it replaced."""
    return plain(re.sub(r"zqterm(\d+)", lambda m: words[int(m.group(1))], text, flags=re.I))


def test_the_lexicon_does_match_the_corpus(matching: Translator) -> None:
    changed = [
        path.name
        for path in MESSAGES
        if matching.translate_email(path.read_bytes()).data != path.read_bytes()
    ]
    assert len(changed) >= len(MESSAGES) // 3, changed

"""Reading the context fields of a lexicon: a file's `cues` and `hints`, a term's `needs` and
`not_in`.

Part of the loader (see `loader`): these fields are read from the same located YAML nodes,
and every problem is a LexiconError at the value's `path:line:col`.
"""

from __future__ import annotations

import re

from dikkevandale.languages import inflection
from dikkevandale.lexicon.yamlnodes import Node, NodeReader, ScalarNode
from dikkevandale.model import Code, Term
from dikkevandale.normalize import WORD, fold, spell, spellable

_CUE = re.compile(rf"(?:{WORD.pattern})\*?")


def word_list(
    reader: NodeReader, node: Node, what: str, elsewhere: tuple[str, ...] = ()
) -> tuple[str, ...]:
    """`cues:`, `hints:` and `needs:`: one word or a list of them; `klant*` stands for every
    word that begins with "klant". Matched case- and diacritics-blind, so each is kept as
    written. A word of `elsewhere` (the file's `cues`, for its `hints`) may not be listed."""
    items = [node] if type(node) is ScalarNode else reader.sequence(node, what)
    if not items:
        raise reader.fail(node, f"'{what}' is empty: list at least one word, or leave it out")
    words: list[str] = []
    for item in items:
        with reader:
            word = reader.text(item, f"a word of '{what}'")
            if not _CUE.fullmatch(word):
                raise reader.fail(
                    item,
                    f"'{word}' in '{what}' must be one word, perhaps ending in '*' "
                    "(klant* is every word that begins with 'klant')",
                )
            if any(fold(word) == fold(other) for other in words):
                raise reader.fail(item, f"'{word}' is listed twice in '{what}'", Code.DUPLICATE_KEY)
            if any(fold(word) == fold(other) for other in elsewhere):
                raise reader.fail(
                    item,
                    f"'{word}' is a cue word already: list it in 'cues' or in '{what}', not both",
                    Code.DUPLICATE_KEY,
                )
            words.append(word)
    return tuple(words)


def exceptions(reader: NodeReader, node: Node, term: Term, language: str) -> tuple[str, ...]:
    """`not_in:` phrases, each holding the term (in any of its forms) or a compound of it."""
    items = [node] if type(node) is ScalarNode else reader.sequence(node, "not_in")
    if not items:
        raise reader.fail(node, "'not_in' is empty: list at least one phrase, or leave it out")
    keys = term_keys(term, language)
    phrases: list[str] = []
    seen: set[str] = set()
    for item in items:
        with reader:
            phrase = reader.text(item, "a phrase of 'not_in'")
            spelling = spell(phrase) if spellable(phrase) else None
            if spelling is None:
                raise reader.fail(item, f"'{phrase}' in 'not_in' is not a usable phrase")
            if not any(key in spelling.key for key in keys):
                raise reader.fail(
                    item,
                    f"'{phrase}' in 'not_in' does not contain the term '{term.text}': list "
                    "the phrases in which the term itself means something else",
                )
            if spelling.key in seen:
                raise reader.fail(
                    item, f"'{phrase}' is listed twice in 'not_in'", Code.DUPLICATE_KEY
                )
            phrases.append(phrase)
            seen.add(spelling.key)
    return tuple(phrases)


def term_keys(term: Term, language: str) -> list[str]:
    """The spelling keys of every form of a term, longest first."""
    keys = {
        spelling.key
        for surface, _, _ in inflection.forms(term, language)
        if (spelling := spell(surface))
    }
    return sorted(keys, key=len, reverse=True)

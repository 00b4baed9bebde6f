"""Dutch agreement around a replaced noun: determiners, adjectives and pronouns, both ways.

When a het-word replaces a de-word (or back), what points at it changes too: "het"/"de",
"dit"/"deze", "dat"/"die", "ons"/"onze", "elk"/"elke"; an adjective after een, geen, elk, zo'n
or no determiner loses or takes its -e ("een nieuw klantbeeld", "een nieuwe offerte"); a
relative pronoun right after the noun ("het klantnummer dat", "de offerte die"), "die/dat van"
later in the sentence, and a pronoun that plainly takes the noun up again follow. Words that
only look like these (a conjunction "dat", a presentative "Dat is", a verb in -de) stay; where
the text leaves the reading open, the rewrite is flagged for review instead.
"""

from __future__ import annotations

import re
from itertools import islice

from dikkevandale.languages import nl_forms, nl_words
from dikkevandale.languages.base import Agreement, Edit, Scene
from dikkevandale.languages.text import (
    Token,
    blank_tags,
    iter_words_before,
    same_case,
    sentence_after,
    sentence_before,
    sentence_start,
    words_after,
    words_before,
)

_AFTER_VAN = re.compile(r"\b(die|dat)([ \t]+van)\b", re.IGNORECASE)
# "beter dan het onze": an article with a possessive pronoun stands for the noun too.
_THEIRS = re.compile(r"\b(de|het)[ \t]+(?:onze|mijne|jouwe|uwe|zijne|hare|hunne)\b", re.IGNORECASE)
_TOPIC = re.compile(r"[ \t]*\?[ \t]+(Die|Dat|die|dat)\b")
_HEM = re.compile(r"\bhem\b")
_ARTICLE = re.compile(r"\b(?:de|het|een|deze|dit|die|dat)\b", re.IGNORECASE)
_CAPITAL = re.compile(r"(?<=[\s,])[^\W\d_]", re.UNICODE)


_NOTHING = Agreement()


class _Phrase:
    """The words before a noun that belong to its phrase: a determiner and modifiers."""

    def __init__(self) -> None:
        self.determiner: Token | None = None
        self.modifiers: list[Token] = []  # nearest the noun first
        self.blocked = False  # a pronoun-like determiner stood before a verb in -de/-te
        self.unsure = False  # a determiner whose reading the text leaves open


def agree(scene: Scene, term: Edit) -> Agreement:
    """The edits that make the words around `term` agree with the Dutch target noun."""
    target = scene.target.article
    source = scene.source.article if scene.source is not None else None
    if target is None or (source == target and (target == "de" or " " not in term.new)):
        return _NOTHING  # nothing to agree with, or what agreed with the old noun still does
    if scene.plural or any(label.startswith("dim") for label in scene.match.labels):
        return _NOTHING
    phrase = _phrase(scene, term.start)
    edits: list[Edit] = []
    determiner = phrase.determiner
    determiner_word = determiner.lower if determiner else None
    if determiner and target and determiner_word in nl_words.FLIP and not phrase.unsure:
        fits = source is None or (determiner_word in nl_words.DE_FORMS) == (source == "de")
        if fits and (determiner_word in nl_words.DE_FORMS) != (target == "de"):
            new = same_case(nl_words.FLIP[determiner_word], determiner.word)
            edits.append(Edit(determiner.start, determiner.end, new))
            determiner_word = new.lower()
    definite = determiner_word in nl_words.DEFINITE
    if target is not None:
        had_e = definite or source == "de" if source else None
        edits += _adjectives(phrase, definite or target == "de", had_e)
    review = (phrase.unsure or phrase.blocked) and target is not None and target != source
    inner = _inner_adjectives(term.new, scene, definite)
    if target and source and target != source:
        follow, unsure = _pronouns_after(scene, term.end, source)
        edits += follow
        review = review or unsure
    return Agreement(tuple(edits), review, inner)


def _phrase(scene: Scene, start: int) -> _Phrase:
    text = scene.text
    phrase = _Phrase()
    tokens: list[Token] = []
    reader = iter_words_before(text, scene.lower, start)
    for index, token in enumerate(islice(reader, 6)):
        tokens.append(token)
        word = token.lower
        if token.comma and index == 0:
            break
        if word in nl_words.DETERMINERS and not (token.comma and not phrase.modifiers):
            definite = word == "dat" and bool(phrase.modifiers) and _all_with_e(phrase)
            ambiguous = word in ("dat", "die", "ons") and not definite
            if ambiguous and not _determiner_slot(scene, token):
                phrase.unsure = word == "ons" or _after_that_word(scene, token)
                break
            phrase.determiner = token
            break
        if _modifier(text, token) and not (index and token.comma and word in nl_words.DEGREE):
            phrase.modifiers.append(token)
            continue
        if word in ("en", "of") and phrase.modifiers:
            continue
        following = next(reader, None)
        before = following.lower if following is not None else None
        phrase.blocked = word.endswith(("de", "te")) and before in nl_words.PRONOUNS
        break
    while phrase.modifiers and phrase.modifiers[-1].lower in ("en", "of"):
        phrase.modifiers.pop()
    return phrase


def _all_with_e(phrase: _Phrase) -> bool:
    """Adjectives with -e before a singular het-word follow a definite determiner: "wil dat
    nieuwe klantbeeld" holds the determiner "dat", not the conjunction."""
    return all(
        token.lower.endswith("e") and not nl_forms.invariable(token.lower)
        for token in phrase.modifiers
    )


def _modifier(text: str, token: Token) -> bool:
    word = token.lower
    if not word.replace("-", "").isalpha():
        return False
    if token.word[:1].isupper() and not sentence_start(text, token.start):
        return False  # a name or a capitalised noun
    if word in nl_words.DEGREE:
        return True
    plain = nl_forms.without_e(word) if word.endswith("e") else word
    return nl_words.is_adjective(word, plain)


def _determiner_slot(scene: Scene, token: Token) -> bool:
    """Whether "dat", "die" or "ons" before a noun is its determiner: at the start of a
    phrase, after a preposition or a verb; not after a noun (a relative pronoun), after a
    verb that takes a clause (a conjunction), nor "ons" after a verb (an object)."""
    text = scene.text
    if sentence_start(text, token.start):
        return True
    before = words_before(text, scene.lower, token.start, limit=2)
    if not before or before[0].comma:
        return token.lower != "ons" or not before
    previous = before[0].lower
    if previous in nl_words.PREPOSITIONS:
        return True
    if token.lower == "ons" or previous in nl_words.THAT_WORDS:
        return False
    # A noun before it ("de collega die"): then it opens a relative clause.
    return not (
        len(before) > 1
        and before[1].lower in nl_words.DETERMINERS
        and before[1].lower not in nl_words.PRONOUNS
    )


def _after_that_word(scene: Scene, token: Token) -> bool:
    before = words_before(scene.text, scene.lower, token.start, limit=1)
    return bool(before) and before[0].lower in nl_words.THAT_WORDS


def _adjectives(phrase: _Phrase, wants_e: bool, had_e: bool | None) -> list[Edit]:
    """The adjectives' new forms; `had_e`: whether the old noun's adjectives took -e."""
    edits: list[Edit] = []
    for position, token in enumerate(phrase.modifiers):
        word = token.lower
        if position and word in nl_words.DEGREE:
            continue  # an adverb before another adjective: "een heel mooi"
        if position and had_e and not word.endswith("e") and not nl_forms.invariable(word):
            continue  # without the -e its place asks for, it is an adverb: "het sterk verouderde"
        new: str | None
        if wants_e:
            new = nl_forms.with_e(token.word)
        else:
            new = nl_forms.without_e(token.word) if word.endswith("e") else token.word
        if new is not None and new != token.word:
            edits.append(Edit(token.start, token.end, new))
    return edits


def _inner_adjectives(surface: str, scene: Scene, definite: bool) -> str | None:
    """A het-word target's own adjectives take -e after a definite determiner: "het
    relationele datamodel", "een relationeel datamodel", unless the lexicon gives the term's
    definite form (`forms: {sg.def: ...}`)."""
    if scene.target.article != "het" or " " not in surface:
        return None
    fixed = dict(scene.target.forms).get("sg.def")
    if fixed is not None:
        # The lexicon says how the term reads after a definite determiner: a fixed name
        # keeps its bare adjective ("het functioneel beheer", as "het openbaar vervoer").
        if not definite or fixed.lower() == surface.lower():
            return None
        return fixed[:1].upper() + fixed[1:] if surface[:1].isupper() else fixed
    words = surface.split(" ")
    changed = False
    for position, word in enumerate(words[:-1]):
        plain = nl_forms.without_e(word) if word.endswith("e") else word
        if not word.islower() or not nl_words.is_adjective(word.lower(), plain):
            break
        new = nl_forms.with_e(word) if definite else plain
        if new and new != word:
            words[position] = new
            changed = True
    return " ".join(words) if changed else None


def _pronouns_after(scene: Scene, end: int, source: str) -> tuple[list[Edit], bool]:
    """Relative and demonstrative pronouns after the noun that stand for it."""
    text, edits, unsure = scene.text, [], False
    wanted = "die" if source == "de" else "dat"
    rest = blank_tags(sentence_after(text, end, min(scene.upper, end + 300)))
    lowered = rest.lower()
    if lowered.lstrip(" \t,*_~").startswith(wanted):
        following = words_after(text, end, scene.upper, limit=2)
        gap = blank_tags(following[0].gap) if following else ""
        if following and following[0].lower == wanted and not gap.strip(" \t,*_~"):
            token = following[0]
            verb_next = len(following) > 1 and following[1].lower in nl_words.FINITE
            if verb_next or (wanted == "dat" and _clause_verb_before(scene)):
                # "..., dat is te veel": a main clause, whose "dat" may mean the whole
                # situation; "het bleek uit het klantenbestand dat ...": a conjunction.
                unsure = True
            else:
                edits.append(_flipped(token.start, token.word))
    if " van" in lowered:
        edits += [
            _flipped(end + found.start(1), found.group(1))
            for found in _AFTER_VAN.finditer(rest)
            if found.group(1).lower() == wanted
        ]
    article = "de" if source == "de" else "het"
    if any(word in lowered for word in ("onze", "mijne", "jouwe", "uwe", "zijne", "hare", "hunne")):
        edits += [
            Edit(
                end + found.start(1),
                end + found.end(1),
                same_case(nl_words.FLIP[article], found.group(1)),
            )
            for found in _THEIRS.finditer(rest)
            if found.group(1).lower() == article
        ]
    if text[end : end + 3].lstrip().startswith("?") and _fragment(scene):
        topic = _TOPIC.match(text, end, scene.upper)
        if topic and topic.group(1).lower() == wanted:
            edits.append(_flipped(topic.start(1), topic.group(1)))
    if source == "de" and "hem" in lowered:
        pronoun = _HEM.search(rest)
        if pronoun and "," in rest[: pronoun.start()]:
            between = rest[rest.index(",") : pronoun.start()]
            names = [c for c in _CAPITAL.findall(between) if c.isupper()]
            if not _ARTICLE.search(between) and not names:
                # Likely the noun ("..., maar we lossen hem op"), but it may be a person.
                edits.append(Edit(end + pronoun.start(), end + pronoun.end(), "het"))
                unsure = True
    unique = list({edit.start: edit for edit in reversed(edits)}.values())
    return sorted(unique), unsure


def _fragment(scene: Scene) -> bool:
    """Whether the noun's phrase is all its sentence ("De offerte? Die is weg."), so that a
    pronoun opening the next one takes it up; after a real question ("Wat is het klantbeeld?
    Dat weet niemand.") it answers the question instead."""
    before = sentence_before(scene.text, scene.lower, scene.match.start).split()
    return len(before) <= 2 and all(word.lower() not in nl_words.THAT_WORDS for word in before)


def _flipped(start: int, word: str) -> Edit:
    return Edit(start, start + len(word), same_case(nl_words.FLIP[word.lower()], word))


def _clause_verb_before(scene: Scene) -> bool:
    sentence = sentence_before(scene.text, scene.lower, scene.match.start)
    return any(word in nl_words.THAT_WORDS for word in re.findall(r"\w+", sentence.lower()))

"""Rewriting matched terms into the target audience's words, byte for byte everywhere else.

A replacement has to read as if the writer had used the target term: it takes the case pattern
of what it replaces, its number, and in Dutch the article or demonstrative right before it
agrees with the new noun ("het klantbeeld" → "de klantdatabase").
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping

from dikkevandale.languages.inflection import inflect_like
from dikkevandale.languages.polish import narrow_cases
from dikkevandale.matching.domain import judge
from dikkevandale.matching.index import Index
from dikkevandale.matching.matcher import DEFAULT_THRESHOLD, scan
from dikkevandale.matching.memo import Memo
from dikkevandale.model import Concept, Match, MatchKind, Number, Rewrite, Term, Translation
from dikkevandale.rewriting.gloss import check_gloss, gloss

# Dutch determiners that agree with the noun's gender (de-word, het-word) and number.
_AGREEMENT = {
    "de": "het",
    "het": "de",
    "deze": "dit",
    "dit": "deze",
    "die": "dat",
    "dat": "die",
    "elke": "elk",
    "elk": "elke",
    "iedere": "ieder",
    "ieder": "iedere",
    "welke": "welk",
    "welk": "welke",
    "onze": "ons",
    "ons": "onze",
}
_DETERMINERS = tuple(_AGREEMENT)
_DE_FORMS = {"de", "deze", "die", "elke", "iedere", "welke", "onze"}
# Only these also stand before plurals; "elk" and "ieder" do not.
_PLURAL_FORMS = {"de", "deze", "die", "welke", "onze"}
# "dat" and "die" are also conjunctions and relative pronouns, "ons" an object pronoun ("stuur
# ons offertes"); they only change when they agree with the term being replaced, i.e. when
# they were clearly its determiner.
_AMBIGUOUS = {"dat", "die", "ons"}
# After these an adjective between determiner and noun ends in -e for de- and het-words alike
# ("het nieuwe klantbeeld", "de nieuwe klantdatabase"), so only the determiner has to change.
# After "een", "elk", "ieder", "welk" a het-word's adjective has no -e: those are left alone.
_BEFORE_ADJECTIVE = {"de", "het", "deze", "dit", "die", "dat", "ons", "onze"}
# Adjectives in -e that are common before a noun; past tenses in -de/-te look the same, so only
# these and the endings below count ("het nieuwe klantbeeld", not "het leverde draagvlak").
_ADJECTIVES = frozenset(
    "nieuwe oude hele gehele goede grote kleine beste eerste tweede derde laatste volgende"
    " juiste vaste echte korte lange hoge lage brede zware lichte snelle trage aparte"
    " interne externe slimme mooie complete concrete moderne simpele bestaande huidige"
    " zelfde enkele vorige andere verdere betere grotere kleinere nieuwere oudere".split()
)
_ADJECTIVE_ENDINGS = ("ige", "lijke", "ische", "ale", "ele", "ieve", "aire", "ere")
# What may stand right before the first word of a sentence or a quoted phrase.
_PHRASE_OPENERS = (
    "\n",
    ".",
    "!",
    "?",
    ":",
    ";",
    "(",
    "-",
    "\u2022",
    '"',
    "'",
    "\u201c",
    "\u201e",
    "\u2018",
    "\u00ab",
)
_PREPOSITIONS = frozenset(
    "aan achter bij binnen boven buiten door in langs met na naar naast om onder op over per"
    " rond sinds tegen tijdens tot tussen uit van vanwege via voor zonder volgens".split()
)
_WORD_BEFORE = re.compile(r"(?<![\w-])(\w+)[ \t]+$")
# Between two words: spaces, or a line break with perhaps an e-mail quote prefix.
_SPACE = r"(?:[ \t]+|[ \t]*\r?\n(?:[ \t]*>)*[ \t]*)"
_DETERMINER_BEFORE = re.compile(
    # the word, space, then perhaps Markdown emphasis or a link opening: "het **klantbeeld**",
    # "het [klantbeeld](...)"
    rf"(?<![\w-])(\w+){_SPACE}(?:\*{{1,3}}|_{{1,3}}|\[)?$"
)
_ADJECTIVE_BEFORE = re.compile(
    rf"(?<![\w-])(\w+){_SPACE}([^\W\d_]+e){_SPACE}(?:\*{{1,3}}|_{{1,3}}|\[)?$"
)


def _determiner_before(text: str, lower: int, start: int) -> tuple[int, str] | None:
    """Where a Dutch determiner that may have to agree with the term starts, and the word.

    It stands right before the term, or before one adjective ("het nieuwe klantbeeld").
    The last words are looked at with string methods first: most terms follow some other
    word, and a regular expression anchored at the end would be tried at every position.
    """
    words = text[lower:start].rstrip(" \t\r\n*_[").split()
    while words and not words[-1].strip(">"):
        words.pop()  # an e-mail quote prefix at the start of the line
    if not words:
        return None
    last = words[-1].lower()
    found = None
    if last.endswith(_DETERMINERS):
        found = _DETERMINER_BEFORE.search(text, lower, start)
        if found and found.group(1).lower() not in _AGREEMENT:
            found = None  # e.g. "oude": perhaps an adjective, below
    if (
        not found
        and _is_adjective(last)
        and len(words) > 1
        and words[-2].lower().endswith(_DETERMINERS)
    ):
        found = _ADJECTIVE_BEFORE.search(text, lower, start)
        if found and (
            found.group(1).lower() not in _BEFORE_ADJECTIVE
            or not found.group(2).islower()
            or (found.group(1).lower() in _AMBIGUOUS and not _starts_phrase(text, found.start()))
        ):
            found = None
    if found is None:
        return None
    if found.group(1).lower() == "ons" and not _starts_phrase(text, found.start()):
        return None  # an object pronoun: "dat levert ons draagvlak op"
    return found.start(1), found.group(1)


def _is_adjective(word: str) -> bool:
    """Whether a word in -e is surely an attributive adjective, not a verb ("leverde").

    A closed list of common ones, and endings no past tense has (-ige, -lijke, -ische, ...).
    """
    return word in _ADJECTIVES or word.endswith(_ADJECTIVE_ENDINGS)


def _starts_phrase(text: str, position: int) -> bool:
    """Whether a noun phrase can only begin at `position`: a sentence starts, or a
    preposition comes first. Elsewhere "dat", "die" and "ons" are often no determiners."""
    before = text[max(0, position - 40) : position].rstrip(" \t>*_[")
    if not before or before.endswith(_PHRASE_OPENERS):
        return True
    words = before.split()
    return bool(words) and words[-1].lower() in _PREPOSITIONS


def match_case(matched: str, written: str, target: str) -> str:
    """Give `target` the case pattern `matched` has on top of how the term is `written`.

    >>> match_case("KLANTBEELD", "klantbeeld", "mid-office-oplossing op basis van XML")
    'MID-OFFICE-OPLOSSING OP BASIS VAN XML'
    >>> match_case("Klantbeeld", "klantbeeld", "klantdatabase")
    'Klantdatabase'
    """
    if matched.islower() or matched == matched.lower():
        return target  # nothing written in capitals: the common case, settled at C speed
    letters = [c for c in matched if c.isalpha()]
    if not letters:
        return target
    if len(letters) > 1 and all(c.isupper() for c in letters) and not written.isupper():
        return target.upper()
    first_written = next((c for c in written if c.isalpha()), "")
    if letters[0].isupper() and not first_written.isupper():
        for position, char in enumerate(target):
            if char.isalpha():
                return target[:position] + char.upper() + target[position + 1 :]
    return target


def english_article(phrase: str) -> str:
    """ "a" or "an" before `phrase`, by how its first word is spoken.

    >>> [english_article(word) for word in ("SLA", "CRM system", "user", "hour", "export")]
    ['an', 'a', 'a', 'an', 'an']
    """
    found = re.match(r"\w+", phrase)
    word = found.group() if found else phrase
    if len(word) > 1 and word.isupper():
        return "an" if word[0] in "AEFHILMNORSX" else "a"  # letter names: an SLA, a CRM
    lower = word.lower()
    if lower.startswith(("uni", "use", "usu", "uti", "eu", "one", "once", "ubi")):
        return "a"
    if lower.startswith(("hour", "honest", "honor", "honour", "heir")):
        return "an"
    return "an" if lower[:1] in ("a", "e", "i", "o", "u") else "a"


def _same_case(word: str, model: str) -> str:
    if model.isupper() and len(model) > 1:
        return word.upper()
    if model[:1].isupper():
        return word.capitalize()
    return word


def _agreeing_determiner(
    determiner: str, number: Number, source: Term | None, target: Term, diminutive: bool = False
) -> str | None:
    """The determiner to print before the target term, or None to leave it as it is.

    A diminutive is always a het-word, on both sides ("het klantbeeldje").
    """
    lower = determiner.lower()
    if lower not in _AGREEMENT:
        return None
    if number is Number.PLURAL:
        wanted_de = True
        fits_source = lower in _PLURAL_FORMS
    elif diminutive:
        return None
    else:
        if target.article is None:
            return None
        wanted_de = target.article == "de"
        if source is not None and source.article is not None:
            fits_source = (lower in _DE_FORMS) == (source.article == "de")
        else:
            fits_source = lower not in _AMBIGUOUS
    if not fits_source or (lower in _DE_FORMS) == wanted_de:
        return None
    return _same_case(_AGREEMENT[lower], determiner)


def _source_term(concept: Concept, match: Match) -> Term | None:
    for term in concept.terms.get(match.audience, ()):
        if match.form in (term.text, term.plural):
            return term
    terms = concept.terms.get(match.audience, ())
    return terms[0] if terms else None


def rewrite(
    text: str, matches: list[Match], concepts: Mapping[str, Concept], to: str
) -> list[Rewrite]:
    """Turn matches into edits: the replacement term, its case, number and article."""
    rewrites: list[Rewrite] = []
    previous_end = 0
    for match in matches:
        concept = concepts[match.concept]
        target = concept.preferred(to)
        if target is None:
            continue
        labels = match.labels
        if concept.language == "pl":
            before = _WORD_BEFORE.search(text, max(previous_end, match.start - 40), match.start)
            labels = narrow_cases(labels, before.group(1) if before else None)
        surface, needs_review = inflect_like(target, concept.language, labels)
        replacement = match_case(match.text, match.form, surface)
        start = match.start
        head, first = start, True
        if match.kind is MatchKind.COMPOUND:
            head, first = _compound_part(text, match)
        if concept.language == "nl" and head >= 0:
            determiner = _determiner_before(text, max(previous_end, head - 40), head)
            if determiner:
                word_start, word = determiner
                agreeing = _agreeing_determiner(
                    word, match.number, _source_term(concept, match), target, "dim" in match.labels
                )
                if agreeing is not None:
                    replacement = agreeing + text[word_start + len(word) : start] + replacement
                    start = word_start
        if concept.language == "en" and first:
            before = _WORD_BEFORE.search(text, max(previous_end, start - 40), start)
            if before and before.group(1).lower() in ("a", "an"):
                article = _same_case(english_article(replacement), before.group(1))
                if article != before.group(1):
                    replacement = article + text[before.end(1) : start] + replacement
                    start = before.start(1)
        rewrites.append(
            Rewrite(start, match.end, text[start : match.end], replacement, match, needs_review)
        )
        previous_end = match.end
    return rewrites


_HYPHENS = "-\u2010\u2011"


def _compound_part(text: str, match: Match) -> tuple[int, bool]:
    """Where the compound a term was found in starts, when the term is its last part and
    so its head ("het CRM-implementatietraject": the article agrees with the new head), or
    -1 when another part is the head ("de SLA-rapportage": the article stays); and whether
    the term is the compound's first part (an English "a"/"an" goes by it)."""
    start, end = match.start, match.end
    first = not (start >= 2 and text[start - 1] in _HYPHENS and text[start - 2].isalnum())
    last = not (end + 1 < len(text) and text[end] in _HYPHENS and text[end + 1].isalnum())
    if not last:
        return -1, first
    while start >= 2 and text[start - 1] in _HYPHENS and text[start - 2].isalnum():
        start -= 1
        while start > 0 and text[start - 1].isalnum():
            start -= 1
    return start, first


def apply_rewrites(text: str, rewrites: Collection[Rewrite]) -> str:
    """The text with every rewrite applied; all other characters are copied unchanged."""
    if not rewrites:
        return text
    pieces: list[str] = []
    position = 0
    for edit in sorted(rewrites, key=lambda r: r.start):
        pieces.append(text[position : edit.start])
        pieces.append(edit.replacement)
        position = edit.end
    pieces.append(text[position:])
    return "".join(pieces)


def rewrite_text(
    text: str,
    index: Index,
    to: str,
    *,
    sources: Collection[str] | None = None,
    fuzzy: bool = True,
    threshold: float = DEFAULT_THRESHOLD,
    language: str | None = None,
    gloss_label: str | None = None,
    memo: Memo | None = None,
    context: bool = True,
    carry: int = 0,
) -> Translation:
    """Rewrite the jargon of every other audience in `text` into the words of `to`.

    The pure core of every translation (`Translator.translate` calls it with its options and
    its per-thread memo). With `gloss_label` (e.g. DEFAULT_GLOSS) terms are kept and glossed
    instead of replaced. Terms whose context says they are no jargon here are left alone and
    listed in `skipped` (see `matching.domain`); `context=False` rewrites them anyway, and
    `carry` says how many paragraphs at its start the text before it showed to be about
    the lexicons' domain.

    >>> from dikkevandale.lexicon.layers import load_builtin
    >>> from dikkevandale.matching.index import compile_index
    >>> index = compile_index(load_builtin())
    >>> rewrite_text("Het 360-graden-klantbeeld is af.", index, "it").text
    'De mid-office-oplossing op basis van XML is af.'
    """
    judged = context and bool(index.rules)
    found = scan(
        text,
        index,
        to,
        sources,
        fuzzy=fuzzy,
        threshold=threshold,
        language=language,
        memo=memo,
        kept=judged,
    )
    if judged:
        matches, skipped, carry = judge(text, found, index, carry=carry)
    else:
        matches, skipped, carry = found.matches, [], 0
    if gloss_label is None:
        rewrites = rewrite(text, matches, index.by_id, to)
    else:
        rewrites = gloss(text, matches, index.by_id, to, check_gloss(gloss_label))
    return Translation(apply_rewrites(text, rewrites), to, tuple(rewrites), tuple(skipped), carry)

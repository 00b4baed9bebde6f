"""Rewriting matched terms into the target audience's words, byte for byte everywhere else.

A replacement has to read as if the writer had used the target term. Per match: the target's
language picks the form the context asks for (a plural, a Polish case), a word the target
already holds is not printed twice ("een nieuwe release" → "een nieuwe softwareversie"), the
capitals follow what they mean (`casing`), and the language makes the words around the term
agree with it (an article, adjectives, pronouns, a predicate). All of that is one edit over the
original text, so the rewrites never overlap and apply at once.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Collection, Mapping
from functools import lru_cache

from dikkevandale import languages
from dikkevandale.languages.base import Edit, Language, Scene
from dikkevandale.languages.inflection import inflect_like
from dikkevandale.languages.text import words_after, words_before
from dikkevandale.matching.domain import judge
from dikkevandale.matching.index import Index
from dikkevandale.matching.matcher import DEFAULT_THRESHOLD, scan
from dikkevandale.matching.memo import Memo
from dikkevandale.model import (
    NO_SUPPRESSION,
    Concept,
    Match,
    MatchKind,
    Rewrite,
    Suppression,
    Term,
    Translation,
)
from dikkevandale.normalize import PARAGRAPH_BREAK, fold
from dikkevandale.rewriting import casing
from dikkevandale.rewriting.gloss import check_gloss, gloss

REVIEW_MARKS = ("\u27e6", "\u27e7")
"""How `mark_review` wraps a replacement whose grammatical form is a guess: ⟦…⟧."""

match_case = casing.match_case  # the public name it always had


def _source_term(concept: Concept, match: Match) -> Term | None:
    terms = concept.terms.get(match.audience, ())
    for term in terms:
        if match.form in (term.text, term.plural) or any(f == match.form for _, f in term.forms):
            return term
    return terms[0] if terms else None


def _without_doubles(scene: Scene, grammar: Language, term: Edit) -> Edit:
    """Reach over words next to the match that the replacement already holds, so that none is
    printed twice: "een nieuwe release" → "een nieuwe softwareversie", "zespół wdrożeniowy
    CRM" → "zespół CRM"."""
    words = term.new.split(" ")
    if len(words) < 2:
        return term
    # Cheap first: the word next to the match must begin like one of the replacement's.
    text = scene.text
    starts = _starts(term.new)
    before = text[max(scene.lower, term.start - 24) : term.start].split()
    if before and before[-1].lstrip("*_[(\"'„“")[:3].lower() in starts:
        term = _doubles_before(scene, grammar, term, words)
    after = text[term.end : min(scene.upper, term.end + 24)].split()
    if not after or after[0].lstrip("*_[(\"'„“")[:3].lower() not in starts:
        return term
    tokens = words_after(text, term.end, scene.upper, limit=len(words) - 1)
    for count in range(len(tokens), 0, -1):
        near = tokens[:count]
        if not any(token.comma for token in near) and all(
            grammar.same_word(token.word, words[len(words) - count + index])
            for index, token in enumerate(near)
        ):
            return Edit(term.start, near[-1].end, term.new)
    return term


@lru_cache(maxsize=4096)
def _starts(surface: str) -> frozenset[str]:
    """How the words of a replacement begin (a quick test for doubled words)."""
    return frozenset(word[:3].lower() for word in surface.split(" "))


def _doubles_before(scene: Scene, grammar: Language, term: Edit, words: list[str]) -> Edit:
    before = words_before(scene.text, scene.lower, term.start, limit=len(words) - 1)
    for count in range(len(before), 0, -1):
        near = before[:count]
        if not any(token.comma for token in near) and all(
            grammar.same_word(token.word, words[count - 1 - index])
            for index, token in enumerate(near)
        ):
            return Edit(near[-1].start, term.end, term.new)
    # An adjective before the match that the replacement holds after its noun ("tymczasowe
    # obejście" → "rozwiązanie tymczasowe"): Polish puts it on either side.
    nearest = before[0] if before else None
    if (
        nearest is not None
        and not nearest.comma
        and len(nearest.word) > 3
        and fold(nearest.word) not in grammar.stopwords
        and any(grammar.same_word(nearest.word, word) for word in words[1:])
    ):
        return Edit(nearest.start, term.end, term.new)
    return term


def rewrite(
    text: str, matches: list[Match], concepts: Mapping[str, Concept], to: str
) -> list[Rewrite]:
    """Turn matches into edits: the replacement, its form and case, and the words around it."""
    if not matches:
        return []
    rewrites: list[Rewrite] = []
    previous_end = 0
    count = len(matches)
    breaks = _Paragraphs(text)
    for position, match in enumerate(matches):
        concept = concepts[match.concept]
        target = concept.preferred(to)
        if target is None:
            continue
        grammar = languages.get(concept.language)
        upper = matches[position + 1].start if position + 1 < count else len(text)
        lower, upper = breaks.bounds(previous_end, match.start, upper)
        scene = Scene(text, match, _source_term(concept, match), target, lower, upper, match.labels)
        labels = match.labels
        if grammar.cases:  # only a language with cases reads them from the context
            labels = grammar.narrow(scene, labels)
            scene = scene._replace(labels=labels)
        surface, review = inflect_like(target, concept.language, labels)
        term = Edit(match.start, match.end, surface)
        if " " in surface:
            term = _without_doubles(scene, grammar, term)
        written = text[term.start : term.end]
        if written != written.lower():  # capitals mean something only where there are any
            where = casing.context(text, term.start, term.end, grammar.title_case_headings)
            term = term._replace(new=match_case(written, match.form, surface, **where))
        if match.kind is MatchKind.COMPOUND:
            # Part of a hyphenated compound: only its last part, the head, has the words
            # around the compound agree with it, as the whole compound's new text.
            head = _compound_head(text, match)
            if head < 0:
                rewrites.append(Rewrite(term.start, term.end, written, term.new, match, review))
                previous_end = term.end
                continue
            term = Edit(head, term.end, text[head : term.start] + term.new)
        agreement = grammar.agree(scene, term)
        if agreement.term is not None:
            term = term._replace(new=agreement.term)
        start, end, replacement = term
        if agreement.edits:
            start, end, replacement = _joined(text, term, agreement.edits, previous_end, upper)
        rewrites.append(
            Rewrite(start, end, text[start:end], replacement, match, review or agreement.review)
        )
        previous_end = end
    return rewrites


class _Paragraphs:
    """Where the paragraphs of a text end, found once: the words around a term agree with it
    within its paragraph only (a signature or the next paragraph is no part of its sentence),
    however much text one call is given."""

    def __init__(self, text: str) -> None:
        found = [(one.start(), one.end()) for one in PARAGRAPH_BREAK.finditer(text)]
        self.breaks = [start for start, _ in found]
        self.ends = [end for _, end in found]

    def bounds(self, lower: int, start: int, upper: int) -> tuple[int, int]:
        """`lower`..`upper` narrowed to the paragraph of a term that starts at `start`."""
        if not self.breaks:
            return lower, upper
        at = bisect_right(self.breaks, start)
        if at:
            lower = max(lower, self.ends[at - 1])
        if at < len(self.breaks):
            upper = min(upper, self.breaks[at])
        return lower, upper


def _joined(
    text: str, term: Edit, around: tuple[Edit, ...], lower: int, upper: int
) -> tuple[int, int, str]:
    """One edit from the term's and those around it that stay inside `lower`..`upper`."""
    edits = sorted(
        [term]
        + [
            edit
            for edit in around
            if lower <= edit.start
            and edit.end <= upper
            and (edit.end <= term.start or edit.start >= term.end)
        ]
    )
    start, end = edits[0].start, max(edit.end for edit in edits)
    pieces: list[str] = []
    at = start
    for edit in edits:
        pieces += [text[at : edit.start], edit.new]
        at = edit.end
    pieces.append(text[at:end])
    return start, end, "".join(pieces)


_HYPHENS = "-\u2010\u2011"


def _compound_head(text: str, match: Match) -> int:
    """Where the compound a term was found in starts, when the term is its last part and so
    its head ("het CRM-implementatietraject": the words before agree with the new head); -1
    when another part is the head ("de SLA-rapportage": nothing around it changes)."""
    start, end = match.start, match.end
    if end + 1 < len(text) and text[end] in _HYPHENS and text[end + 1].isalnum():
        return -1
    while start >= 2 and text[start - 1] in _HYPHENS and text[start - 2].isalnum():
        start -= 1
        while start > 0 and text[start - 1].isalnum():
            start -= 1
    return start


def apply_rewrites(
    text: str, rewrites: Collection[Rewrite], marks: tuple[str, str] | None = None
) -> str:
    """The text with every rewrite applied; all other characters are copied unchanged.

    With `marks` (e.g. REVIEW_MARKS) a rewrite that needs review is wrapped in them.
    """
    if not rewrites:
        return text
    pieces: list[str] = []
    position = 0
    for edit in sorted(rewrites, key=lambda r: r.start):
        pieces.append(text[position : edit.start])
        if marks is not None and edit.needs_review:
            pieces += [marks[0], edit.replacement, marks[1]]
        else:
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
    markdown: bool = True,
    at_start: bool = True,
    suppression: Suppression = NO_SUPPRESSION,
    mark_review: bool = False,
    context: bool = True,
    carry: int = 0,
) -> Translation:
    """Rewrite the jargon of every other audience in `text` into the words of `to`.

    The pure core of every translation (`Translator.translate` calls it with its options and
    its per-thread memo). With `gloss_label` (e.g. DEFAULT_GLOSS) terms are kept and glossed
    instead of replaced; with `mark_review` a replacement whose form is a guess is wrapped in
    REVIEW_MARKS, ⟦like this⟧. `markdown`, `at_start` and `suppression` say what `text` is
    and where it stands (see `matcher.scan`); the result names what directives left alone and
    hands on the directives in force at its end.

    Terms whose context says they are no jargon here are left alone and listed in `skipped`
    (see `matching.domain`); `context=False` rewrites them anyway, and `carry` says how many
    paragraphs at its start the text before it showed to be about the lexicons' domain.

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
        markdown=markdown,
        at_start=at_start,
        suppression=suppression,
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
    marks = REVIEW_MARKS if mark_review else None
    return Translation(
        apply_rewrites(text, rewrites, marks),
        to,
        tuple(rewrites),
        tuple(found.suppressed),
        found.after,
        tuple(skipped),
        carry,
    )

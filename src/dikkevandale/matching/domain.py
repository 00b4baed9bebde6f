"""Domain before rewrite: a term that is also an everyday word is rewritten only in CRM text.

"Ik heb een ticket gekocht voor het concert" is not about a support ticket, and a trusted
translator leaves it alone. After resolution (`matcher.scan`), each found term is judged by
its context fields (see `rules`), in this order:

1. `not_in`: the term stands in one of the phrases in which it means something else
   ("ticket voor") → skipped, `exception`.
2. `needs`: none of the listed words stands in its paragraph → skipped, `needs`.
3. `everyday: true`: the term is rewritten only where the text shows the lexicons' domain:

   - a cue word of the lexicons in force in the paragraph's language (their top-level
     `cues:`; where the language is unclear, only a cue all languages have), outside any
     term, in the term's own paragraph or in any paragraph before it in the same input; or
   - another term that is not marked everyday and not skipped, of an audience other than
     the target's, in the term's own paragraph or in one of the `CARRY` paragraphs before
     it; or, for its own paragraph only, such a term already in the target's words.
   - a hint word of those lexicons (their top-level `hints:`, weaker cue words), outside
     any term, in the term's own sentence.

   Otherwise → skipped, `no domain context`.

A stream carries the domain from paragraph to paragraph (`carry`). A cue word carries it to
the end of the input (`EVERYWHERE`): cue words are chosen so that ordinary text never holds
one (*CRM*, *ERP*, *Salesforce*), so a document that names one is about the domain
throughout, like the minutes under "Notulen CRM-overleg" or an e-mail whose Subject names
the CRM. A term carries it `CARRY` paragraphs: a note that used one is about the domain in
the next paragraphs too, but a stray term in a long ordinary text does not turn all of the
rest into CRM text. The rules are chosen so that translating the output again changes
nothing: words inside a found term never count as cue or `needs` words (a rewrite cannot
create or remove them), and a term in the target's words, which may be one dvd wrote, shows
the domain only where a rewrite needed it shown already.

A hint word shows the domain in its own sentence only and carries nowhere: hint words are
the workplace's (*offertes*, *Q3*, *leverancier*), which ordinary text does hold, just seldom
in the same sentence as an everyday term. Measured on the development sets, the same words
counted for their whole paragraph cost 2.5 times the rewrites in ordinary text for one more
note won (see benchmarks/precision/RESULTS.md). Like cue words they count only outside
found terms, so a rewrite cannot make or break them.

Measured on benchmarks/precision/dev and benchmarks/accuracy/cases and left out (see
benchmarks/precision/RESULTS.md): two or three everyday terms of different concepts as
evidence for each other (ordinary text holds them together: the energy company's letter has
*storing*, *klantnummer* and *klantenservice* in one paragraph), an everyday term in the
target's words as evidence, and a number right after the term ("ticket 4471"). Each won back
a handful of one-line notes at the cost of many rewrites in ordinary text, or of none.

All of this costs nothing for a lexicon without context rules, and one dictionary lookup per
found term otherwise; the words of a paragraph are looked at only when a term needs them.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from typing import NamedTuple

from dikkevandale.matching.index import Index
from dikkevandale.matching.matcher import Scan
from dikkevandale.matching.rules import Antipattern, Rule, WordSet
from dikkevandale.model import Match, Skip, SkipReason
from dikkevandale.normalize import PARAGRAPH_BREAK, Words, gap_key

CARRY = 2
"""How many paragraphs after one with a term that shows the domain are still taken to be
about it.

Unbounded, one term that happens to stand in a long e-mail about a kitchen would make every
everyday word after it jargon; measured on the ordinary text of benchmarks/precision, two
paragraphs let a heading or an opening line carry into the note below it at a fraction of
that cost. A cue word carries further: see `EVERYWHERE`."""

EVERYWHERE = 1 << 62
"""A `carry` that covers every paragraph of any text: the text is taken to be about the domain,
as everything after a cue word is (and lexicon examples are; see
`lexicon.checks.failing_examples`). It does not fade from paragraph to paragraph."""

# A sentence ends at a full stop, question or exclamation mark followed by white space (a line
# break alone does not end one: e-mail wraps sentences).
_SENTENCE_END = re.compile(r"[.!?…]+(?=\s)")


class Judgement(NamedTuple):
    """The terms to rewrite, the terms left alone and why, and how many paragraphs after
    the text its domain carries into (for the next paragraph of a stream)."""

    matches: list[Match]
    skipped: list[Skip]
    carry: int


def judge(text: str, found: Scan, index: Index, *, carry: int = 0) -> Judgement:
    """Decide which found terms their context lets be rewritten (see the module docstring).

    `carry`: how many paragraphs at the start of `text` the text before it (earlier
    paragraphs of the same input) has shown to be about the domain.

    >>> from dikkevandale.lexicon.loader import parse_lexicon
    >>> from dikkevandale.matching.index import compile_index
    >>> from dikkevandale.matching.matcher import scan
    >>> from dikkevandale.model import Lexicon
    >>> concepts = parse_lexicon('''
    ... dvd: 1
    ... language: nl
    ... audiences: [sales, it]
    ... cues: [CRM]
    ... concepts:
    ...   - id: klantvraag
    ...     sales: klantvraag
    ...     it: {term: ticket, everyday: true}
    ... ''')
    >>> index = compile_index(Lexicon(concepts, ("sales", "it")))
    >>> def rewritten(text):
    ...     return [m.text for m in judge(text, scan(text, index, "sales"), index).matches]
    >>> rewritten("Ik heb een ticket voor het concert.")
    []
    >>> rewritten("Het ticket staat in het CRM.")
    ['ticket']
    """
    rules = index.rules
    if not rules:
        return Judgement(found.matches, [], 0)  # nothing is ever left alone: nothing to carry
    if not found.matches and not found.kept:
        # No term at all, as in most paragraphs of ordinary text: only a cue word can show the
        # domain (and no term can hide one).
        cues = index.cues_for(found.language)
        cued = bool(cues) and cues.any_in(found.words.keys)
        return Judgement([], [], EVERYWHERE if cued else _fade(carry))
    language = found.language
    context = _Context(text, found, index.cues_for(language), index.hints_for(language))
    matches: list[Match] = []
    skipped: list[Skip] = []
    everyday: list[Match] = []
    lasting: list[int] = []  # where evidence stands that carries on
    local: list[int] = []  # where evidence stands for its own paragraph only
    for kept, group in ((False, found.matches), (True, found.kept)):
        for match in group:
            rule = rules.get((match.concept, match.audience, match.form))
            if rule is not None:
                skip = context.exception(match, rule)
                if skip is not None:
                    if not kept:
                        skipped.append(skip)
                    continue
                if rule.everyday:
                    if not kept:
                        everyday.append(match)
                    continue
            if kept:
                local.append(match.start)
            else:
                lasting.append(match.start)
                matches.append(match)
    if context.blanks:
        shown, carry = _paragraphs(context, everyday, lasting, local, carry)
    else:  # one paragraph, the common case of a stream: nothing to place
        cued = carry < EVERYWHERE and bool(context.cue_offsets())
        covered = carry > 0 or cued or bool(lasting) or bool(local)
        shown = [covered] * len(everyday)
        # A term's evidence never shortens what a cue word before it carries (EVERYWHERE).
        carry = EVERYWHERE if cued else max(CARRY, _fade(carry)) if lasting else _fade(carry)
    if everyday and not all(shown):
        hinted = context.hinted
        shown = [covered or hinted(match) for match, covered in zip(everyday, shown, strict=True)]
    for match, covered in zip(everyday, shown, strict=True):
        if covered:
            matches.append(match)
        else:
            skipped.append(Skip(match, SkipReason.NO_CONTEXT))
    if everyday:
        matches.sort(key=lambda m: m.start)
    if len(skipped) > 1:
        skipped.sort(key=lambda skip: skip.match.start)
    return Judgement(matches, skipped, carry)


def _paragraphs(
    context: _Context, everyday: list[Match], lasting: list[int], local: list[int], carry: int
) -> tuple[list[bool], int]:
    """Which everyday terms of a text of several paragraphs are covered, and what carries on.

    A term is covered in the first `carry` paragraphs, in a paragraph with evidence of its own,
    and in the CARRY paragraphs after one whose evidence carries on.
    """
    paragraph = context.paragraph
    own = {paragraph(at) for at in local}
    lasts = [paragraph(at) for at in lasting]
    cued = context.last_paragraph + 1  # the first paragraph with a cue word, if any
    if carry < EVERYWHERE:
        cued = min((paragraph(at) for at in context.cue_offsets()), default=cued)

    def covered(match: Match) -> bool:
        at = paragraph(match.start)
        return at < carry or at >= cued or at in own or any(at - CARRY <= e <= at for e in lasts)

    last = context.last_paragraph
    if cued <= last or carry >= EVERYWHERE:
        return [covered(match) for match in everyday], EVERYWHERE
    reach = max(max(lasts, default=-CARRY - 1) + CARRY, carry - 1)
    return [covered(match) for match in everyday], max(0, reach - last)


def _fade(carry: int) -> int:
    """The carry of a paragraph that shows nothing: one less, unless it is for the whole text."""
    return carry if carry >= EVERYWHERE else max(0, carry - 1)


class _Context:
    """The text around found terms, looked at lazily: most paragraphs need little of it."""

    def __init__(self, text: str, found: Scan, cues: WordSet, hints: WordSet) -> None:
        self.text = text
        self.found = found
        self.words = found.words
        self.cues = cues
        self.hints = hints
        self._hints: list[int] | None = None
        self._spans: tuple[list[int], list[int]] | None = None
        end = len(text)
        while end and text[end - 1] in " \t\r\n>":
            end -= 1  # the blank lines a stream's paragraph ends with start no paragraph
        self.blanks = [blank.start() for blank in PARAGRAPH_BREAK.finditer(text, 0, end)]
        """Where each blank line before the end of the text starts."""
        self.last_paragraph = len(self.blanks)
        """The number of the last paragraph with anything in it."""

    def exception(self, match: Match, rule: Rule) -> Skip | None:
        """A skip when the term's `not_in` or `needs` says it is no term here."""
        for pattern in rule.exceptions:
            if self._stands_in(match, pattern):
                return Skip(match, SkipReason.EXCEPTION, pattern.phrase)
        if rule.needed and not self._paragraph_holds(match, rule.needed):
            return Skip(match, SkipReason.NEEDS, ", ".join(rule.needs))
        return None

    # -- paragraphs ----------------------------------------------------------------------------

    def paragraph(self, position: int) -> int:
        """The number of the paragraph an offset stands in, counting from 0."""
        blanks = self.blanks
        return bisect_right(blanks, position) if blanks else 0

    def paragraph_start(self, match: Match) -> int:
        blanks = self.blanks
        at = bisect_left(blanks, match.start)
        return blanks[at - 1] + 1 if at else 0

    def paragraph_end(self, match: Match) -> int:
        blanks = self.blanks
        at = bisect_right(blanks, match.end - 1)
        return blanks[at] if at < len(blanks) else len(self.text)

    # -- words ---------------------------------------------------------------------------------

    def _outside_terms(self, position: int) -> bool:
        if self._spans is None:
            found = self.found
            spans = sorted((m.start, m.end) for m in (*found.matches, *found.kept))
            self._spans = [start for start, _ in spans], [end for _, end in spans]
        starts, ends = self._spans
        at = bisect_right(starts, position) - 1
        return at < 0 or ends[at] <= position

    def cue_offsets(self) -> list[int]:
        """Where the cue words outside any term stand."""
        return self._offsets(self.cues)

    def hinted(self, match: Match) -> bool:
        """Whether a hint word (a weaker cue word) outside any term stands in the sentence of
        a found term."""
        if self._hints is None:
            self._hints = self._offsets(self.hints)
        if not self._hints:
            return False
        start, end = self.sentence(match)
        at = bisect_left(self._hints, start)
        return at < len(self._hints) and self._hints[at] < end

    def sentence(self, match: Match) -> tuple[int, int]:
        """Where the sentence of a found term begins and ends, within its paragraph."""
        text = self.text
        start, end = self.paragraph_start(match), self.paragraph_end(match)
        ends = [found.end() for found in _SENTENCE_END.finditer(text, start, match.start)]
        after = _SENTENCE_END.search(text, match.end, end)
        return (ends[-1] if ends else start), (after.end() if after else end)

    def _offsets(self, wanted: WordSet) -> list[int]:
        words = self.words
        if not wanted or not wanted.any_in(words.keys):
            return []
        return [
            words.starts[at]
            for at, key in enumerate(words.keys)
            if key and wanted.holds(key) and self._outside_terms(words.starts[at])
        ]

    def _paragraph_holds(self, match: Match, wanted: WordSet) -> bool:
        words = self.words
        first = bisect_left(words.starts, self.paragraph_start(match))
        last = bisect_left(words.starts, self.paragraph_end(match))
        return any(
            wanted.holds(words.keys[at]) and self._outside_terms(words.starts[at])
            for at in range(first, last)
        )

    def _stands_in(self, match: Match, pattern: Antipattern) -> bool:
        words = self.words
        first = bisect_left(words.starts, match.start)
        last = bisect_left(words.ends, match.end)
        if pattern.inside:
            return pattern.key in _compound_key(words, first, last)
        return _words_before(words, first, pattern.before) and _words_after(
            words, last, pattern.after
        )


def _joined(words: Words, at: int) -> bool:
    """Whether word `at` follows the word before it within one phrase (no barrier between)."""
    return at > 0 and gap_key(words.separators[at]) is not None


def _words_before(words: Words, first: int, wanted: Sequence[str]) -> bool:
    start = first - len(wanted)
    if start < 0:
        return False
    return all(
        words.keys[start + offset] == key and _joined(words, start + offset + 1)
        for offset, key in enumerate(wanted)
    )


def _words_after(words: Words, last: int, wanted: Sequence[str]) -> bool:
    if last + len(wanted) >= len(words.keys):
        return not wanted
    return all(
        words.keys[last + 1 + offset] == key and _joined(words, last + 1 + offset)
        for offset, key in enumerate(wanted)
    )


def _compound_key(words: Words, first: int, last: int) -> str:
    """The key of the hyphenated compound the words `first`..`last` are part of."""
    hyphens = ("-", "\u2010", "\u2011")
    while first > 0 and words.separators[first] in hyphens:
        first -= 1
    while last + 1 < len(words.keys) and words.separators[last + 1] in hyphens:
        last += 1
    return "".join(words.keys[first : last + 1])

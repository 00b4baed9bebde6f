"""Domain before rewrite: a term that is also an everyday word is rewritten only in CRM text.

"Ik heb een ticket gekocht voor het concert" is not about a support ticket, and a trusted
translator leaves it alone. After resolution (`matcher.scan`), each found term is judged by
its context fields (see `rules`), in this order:

1. `not_in`: the term stands in one of the phrases in which it means something else
   ("ticket voor") → skipped, `exception`.
2. `needs`: none of the listed words stands in its paragraph → skipped, `needs`.
3. `everyday: true`: the term is rewritten only where the text shows the lexicons' domain,
   in the term's own paragraph or in one of the `CARRY` paragraphs before it. A paragraph
   shows the domain by

   - a cue word of the lexicons in force (their top-level `cues:`), outside any term; or
   - another term that is not marked everyday and not skipped, of an audience other than
     the target's; or, for its own paragraph only, such a term already in the target's words.

   Otherwise → skipped, `no domain context`.

A stream carries the domain from paragraph to paragraph (`carry`): a note that said it is
about the CRM is about it in the next paragraphs too, but a stray term in a long ordinary
text does not turn all of the rest into CRM text. The rules are chosen so that translating
the output again changes nothing: words inside a found term never count as cue or `needs`
words (a rewrite cannot create or remove them), and a term in the target's words, which may
be one dvd wrote, shows the domain only where a rewrite needed it shown already.

All of this costs nothing for a lexicon without context rules, and one dictionary lookup per
found term otherwise; the words of a paragraph are looked at only when a term needs them.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from operator import methodcaller
from typing import NamedTuple

from dikkevandale.matching.index import Index
from dikkevandale.matching.matcher import Scan
from dikkevandale.matching.rules import Antipattern, Rule, WordSet
from dikkevandale.model import Match, Skip, SkipReason
from dikkevandale.normalize import Words, gap_key

CARRY = 2
"""How many paragraphs after the one that showed the domain are still taken to be about it.

Unbounded, one term that happens to stand in a long e-mail about a kitchen would make every
everyday word after it jargon; measured on the ordinary text of benchmarks/precision, two
paragraphs let a heading or an opening line carry into the note below it at a fraction of
that cost."""

EVERYWHERE = 1 << 62
"""A `carry` that covers every paragraph of any text: the text is taken to be about the domain
(lexicon examples are; see `lexicon.checks.failing_examples`)."""

# A blank line ends a paragraph: a line of nothing but spaces and e-mail quote marks.
_BLANK_LINE = re.compile(r"\n(?:[ \t]*>)*[ \t]*\r?\n")


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
    context = _Context(text, found, index.cues)
    matches: list[Match] = []
    skipped: list[Skip] = []
    everyday: list[Match] = []
    lasting: list[int] = []  # paragraphs whose evidence carries on
    local: set[int] = set()  # paragraphs with evidence for themselves only
    for match, kept in _all_found(found):
        rule = rules.get((match.concept, match.audience, match.form))
        skip = context.exception(match, rule) if rule is not None else None
        if skip is not None:
            if not kept:
                skipped.append(skip)
        elif rule is not None and rule.everyday:
            if not kept:
                everyday.append(match)
        elif kept:
            local.add(context.paragraph(match.start))
        else:
            lasting.append(context.paragraph(match.start))
            matches.append(match)

    def covered(match: Match) -> bool:
        at = context.paragraph(match.start)
        return at < carry or at in local or any(at - CARRY <= e <= at for e in lasting)

    last = context.last_paragraph()
    if not all(map(covered, everyday)) or max(lasting, default=-1) < last:
        lasting += context.cue_paragraphs()
    for match in everyday:
        if covered(match):
            matches.append(match)
        else:
            skipped.append(Skip(match, SkipReason.NO_CONTEXT))
    matches.sort(key=lambda m: m.start)
    reach = max(max(lasting, default=-CARRY - 1) + CARRY, carry - 1)
    return Judgement(matches, skipped, max(0, reach - last))


def _all_found(found: Scan) -> list[tuple[Match, bool]]:
    return sorted(
        [(m, False) for m in found.matches] + [(m, True) for m in found.kept],
        key=lambda pair: pair[0].start,
    )


class _Context:
    """The text around found terms, looked at lazily: most paragraphs need none of it."""

    def __init__(self, text: str, found: Scan, cues: WordSet) -> None:
        self.text = text
        self.words = found.words
        self.cues = cues
        spans = sorted((m.start, m.end) for m in (*found.matches, *found.kept))
        self.span_starts = [start for start, _ in spans]
        self.span_ends = [end for _, end in spans]
        self._blanks: list[int] | None = None

    def exception(self, match: Match, rule: Rule) -> Skip | None:
        """A skip when the term's `not_in` or `needs` says it is no term here."""
        for pattern in rule.exceptions:
            if self._stands_in(match, pattern):
                return Skip(match, SkipReason.EXCEPTION, pattern.phrase)
        if rule.needed and not self._paragraph_holds(match, rule.needed):
            return Skip(match, SkipReason.NEEDS, ", ".join(rule.needs))
        return None

    # -- paragraphs ----------------------------------------------------------------------------

    def blanks(self) -> list[int]:
        """Where each blank line of the text starts."""
        if self._blanks is None:
            self._blanks = [found.start() for found in _BLANK_LINE.finditer(self.text)]
        return self._blanks

    def paragraph(self, position: int) -> int:
        """The number of the paragraph an offset stands in, counting from 0."""
        return bisect_right(self.blanks(), position)

    def last_paragraph(self) -> int:
        """The number of the last paragraph with anything in it."""
        return self.paragraph(max(0, len(self.text.rstrip()) - 1))

    def paragraph_start(self, match: Match) -> int:
        blanks = self.blanks()
        at = bisect_left(blanks, match.start)
        return blanks[at - 1] + 1 if at else 0

    def paragraph_end(self, match: Match) -> int:
        blanks = self.blanks()
        at = bisect_right(blanks, match.end - 1)
        return blanks[at] if at < len(blanks) else len(self.text)

    # -- words ---------------------------------------------------------------------------------

    def _outside_terms(self, position: int) -> bool:
        at = bisect_right(self.span_starts, position) - 1
        return at < 0 or self.span_ends[at] <= position

    def cue_paragraphs(self) -> list[int]:
        """The paragraphs that hold a cue word outside any term."""
        words, cues = self.words, self.cues
        # Most paragraphs hold no cue: settled by set and string operations in C.
        if cues.words.isdisjoint(words.keys) and not (
            cues.prefixes and any(map(methodcaller("startswith", cues.prefixes), words.keys))
        ):
            return []
        found: set[int] = set()
        for at, key in enumerate(words.keys):
            if key and cues.holds(key) and self._outside_terms(words.starts[at]):
                found.add(self.paragraph(words.starts[at]))
        return sorted(found)

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

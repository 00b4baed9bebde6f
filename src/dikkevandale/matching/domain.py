"""Domain before rewrite: a term that is also an everyday word is rewritten only in CRM text.

"Ik heb een ticket gekocht voor het concert" is not about a support ticket, and a trusted
translator leaves it alone. After resolution (`matcher.scan`), each found term is judged by
its context fields (see `rules`), in this order:

1. `not_in`: the term stands in one of the phrases in which it means something else
   ("ticket voor") → skipped, `exception`.
2. `needs`: none of the listed words stands in its paragraph → skipped, `needs`.
3. `everyday: true`: the term is rewritten only when the text shows the lexicons' domain —
   *evidence* — in the term's paragraph or in the text before it:

   - another term that is not marked everyday (in any audience, the target's own too), found
     as spelled (a typo is no evidence), and not itself skipped; or
   - a cue word of the lexicons in force (their top-level `cues:`), outside any term.

   Otherwise → skipped, `no domain context`.

Evidence is looked for in the whole text up to the end of the term's paragraph, and a stream
carries it from paragraph to paragraph (`in_domain`): once a note has shown that it is about
CRM work, its later paragraphs are too. Words inside a found term never count as cue or
`needs` words, so a rewrite cannot create or remove the evidence it was decided by, and
translating the output again changes nothing.

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
from dikkevandale.model import Match, MatchKind, Skip, SkipReason
from dikkevandale.normalize import Words, gap_key

# A blank line ends a paragraph: a line of nothing but spaces and e-mail quote marks.
_BLANK_LINE = re.compile(r"\n(?:[ \t]*>)*[ \t]*\r?\n")


class Judgement(NamedTuple):
    """The terms to rewrite, the terms left alone and why, and whether the text showed the
    domain (for the next paragraph of a stream)."""

    matches: list[Match]
    skipped: list[Skip]
    in_domain: bool


def judge(text: str, found: Scan, index: Index, *, in_domain: bool = False) -> Judgement:
    """Decide which found terms their context lets be rewritten (see the module docstring).

    `in_domain`: the text before this one (earlier paragraphs of the same input) showed the
    domain already.

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
        return Judgement(found.matches, [], in_domain or bool(found.matches or found.kept))
    context = _Context(text, found, index.cues)
    matches: list[Match] = []
    skipped: list[Skip] = []
    everyday: list[Match] = []
    evidence = len(text)  # the first offset at which the text shows the domain
    for match, kept in _all_found(found):
        rule = rules.get((match.concept, match.audience, match.form))
        skip = context.exception(match, rule) if rule is not None else None
        if skip is not None:
            if not kept:
                skipped.append(skip)
            continue
        if rule is not None and rule.everyday:
            if not kept:
                everyday.append(match)
            continue
        if match.kind is not MatchKind.FUZZY:
            evidence = min(evidence, match.start)
        if not kept:
            matches.append(match)
    if not in_domain and (
        any(evidence >= context.paragraph_end(match) for match in everyday)
        or (not everyday and evidence == len(text))
    ):
        evidence = min(evidence, context.first_cue())
    for match in everyday:
        if in_domain or evidence < context.paragraph_end(match):
            matches.append(match)
        else:
            skipped.append(Skip(match, SkipReason.NO_CONTEXT))
    matches.sort(key=lambda m: m.start)
    return Judgement(matches, skipped, in_domain or evidence < len(text))


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
        self._first_cue: int | None = None

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

    def paragraph_end(self, match: Match) -> int:
        blanks = self.blanks()
        at = bisect_right(blanks, match.end - 1)
        return blanks[at] if at < len(blanks) else len(self.text)

    def paragraph_start(self, match: Match) -> int:
        blanks = self.blanks()
        at = bisect_left(blanks, match.start)
        return blanks[at - 1] + 1 if at else 0

    # -- words ---------------------------------------------------------------------------------

    def _outside_terms(self, position: int) -> bool:
        at = bisect_right(self.span_starts, position) - 1
        return at < 0 or self.span_ends[at] <= position

    def first_cue(self) -> int:
        """The offset of the first cue word outside a term, or the text's length."""
        if self._first_cue is None:
            self._first_cue = len(self.text)
            words, cues = self.words, self.cues
            # Most paragraphs hold no cue: settled by set and string operations in C.
            if not cues.words.isdisjoint(words.keys) or (
                cues.prefixes and any(map(methodcaller("startswith", cues.prefixes), words.keys))
            ):
                for at, key in enumerate(words.keys):
                    if key and cues.holds(key) and self._outside_terms(words.starts[at]):
                        self._first_cue = words.starts[at]
                        break
        return self._first_cue

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

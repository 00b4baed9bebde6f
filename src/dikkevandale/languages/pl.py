"""Polish: case forms of terms, case from context, gender agreement of the words around them.

The forms come from `pl_forms` (or the lexicon's `forms`); `pl_agreement` picks the case a
preposition, a negation or a verb asks for, and re-inflects adjectives, pronouns, numerals and
predicates for the target's gender; `pl_words` holds the closed word lists.
"""

from __future__ import annotations

from dikkevandale.languages import pl_forms
from dikkevandale.languages.base import Agreement, Edit, Language, Scene
from dikkevandale.model import Term
from dikkevandale.normalize import fold


class Polish(Language):
    name = "Polish"
    code = "pl"
    labels = pl_forms.LABELS
    cases = pl_forms.CASES
    term_fields = ("gender",)
    stopwords = frozenset(
        fold(word)
        for word in (
            "i w z na się nie do to że jest są jak o od po przez dla ale oraz lub czy który"
            " która które ten ta te tego tej jego jej ich być może już tylko także też bardzo"
            " gdy ze we jeszcze trzeba będzie mamy został została zostało żeby więc"
        ).split()
    )
    negations = ("nie", "bez")
    # Folded (no diacritics): the endings of nouns and adjectives in their cases.
    word_endings = (
        *("", "a", "e", "i", "o", "u", "y", "em", "om", "ow", "ach", "ami"),
        *("ej", "ego", "emu", "ym", "ymi", "ych", "ie", "ia", "iu"),
    )

    def rule_forms(self, term: Term) -> dict[str, list[str]]:
        found = pl_forms.phrase_forms(term.text)
        if term.text.isupper() and term.text.isalnum():
            # Acronyms are as often left undeclined ("KPI są", "do KPI"): the bare spelling
            # is looked for in every case; the context picks which.
            found = {label: [*found.get(label, []), term.text] for label in self.labels}
        return found

    def from_grammatical_gender(self, gender: str) -> dict[str, str]:
        found = {"masculine": "m", "feminine": "f", "neuter": "n"}.get(gender)
        return {"gender": found} if found else {}

    def narrow(self, scene: Scene, labels: tuple[str, ...]) -> tuple[str, ...]:
        # Imported on the first Polish match only, from the module itself (see nl.py).
        from dikkevandale.languages.pl_agreement import narrow

        return narrow(scene, labels)

    def agree(self, scene: Scene, term: Edit) -> Agreement:
        from dikkevandale.languages.pl_agreement import agree

        return agree(scene, term)

    def same_word(self, one: str, other: str) -> bool:
        return pl_forms.same_lexeme(fold(one), fold(other))


LANGUAGE = Polish()

"""English: plurals (-s, -es, -y → -ies), possessives, a/an before the new term, Title Case.

English agreement is small: the indefinite article follows how the new term is spoken ("an
SLA", "a service guarantee"), and a possessive stays one ("the record owner's" → "the account
manager's"). Headings written in Title Case keep it (see `rewriting.casing`).
"""

from __future__ import annotations

import re

from dikkevandale.languages.base import Agreement, Edit, Language, Scene
from dikkevandale.model import Term


def plurals(word: str) -> list[str]:
    """Candidate plurals of one word, best guess first.

    >>> plurals("opportunity"), plurals("batch"), plurals("SLA")
    (['opportunities'], ['batches'], ['SLAs', "SLA's"])
    """
    lower = word.lower()
    if len(word) > 1 and word.isupper():
        return [f"{word}s", f"{word}'s"]
    if re.search(r"[^aeiou]y$", lower):
        return [f"{word[:-1]}ies"]
    if lower.endswith(("s", "x", "z", "ch", "sh")):
        return [f"{word}es"]
    if lower.endswith("fe"):
        return [f"{word}s", f"{word[:-2]}ves"]
    return [f"{word}s"]


def article(phrase: str) -> str:
    """ "a" or "an" before `phrase`, by how its first word is spoken.

    >>> [article(word) for word in ("SLA", "CRM system", "user", "hour", "export")]
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


# British and American spellings of one word: each side is looked for when the lexicon has the
# other ("call centre", "call center"). Word endings first, then whole stems.
_SPELLINGS = (
    (r"isation\b", "ization"), (r"ization\b", "isation"), (r"ise(s|d)?\b", r"ize\1"),
    (r"ize(s|d)?\b", r"ise\1"), (r"ising\b", "izing"), (r"izing\b", "ising"),
    (r"\b(colo|behavio|favo|hono|labo|neighbo|rumo|humo|flavo|harbo|endeavo)ur", r"\1r"),
    (r"\b(colo|behavio|favo|hono|labo|neighbo|rumo|humo|flavo|harbo|endeavo)r", r"\1ur"),
    (r"\b(cent|met|fib|theat|lit)re", r"\1er"), (r"\b(cent|met|fib|theat|lit)er", r"\1re"),
    (r"logue(s)?\b", r"log\1"), (r"log(s)?\b", r"logue\1"),
    (r"yse(s|d)?\b", r"yze\1"), (r"yze(s|d)?\b", r"yse\1"), (r"\benquir", "inquir"),
    (r"\binquir", "enquir"), (r"\blicence", "license"), (r"\blicense", "licence"),
    (r"\bprogramme", "program"), (r"\bprogram\b", "programme"),
    (r"(?<=[aeiou])ll(ed|ing)\b", r"l\1"),
)  # fmt: skip


def spelling_variants(phrase: str) -> list[str]:
    """The phrase in the other side's spelling, one rule at a time.

    >>> spelling_variants("call centre"), spelling_variants("customer organisation")
    (['call center'], ['customer organization'])
    """
    found = []
    for pattern, replacement in _SPELLINGS:
        other = re.sub(pattern, replacement, phrase)
        if other != phrase:
            found.append(other)
    return list(dict.fromkeys(found))


class English(Language):
    name = "English"
    code = "en"
    labels = ("sg", "pl")  # and the possessives "sg.poss", "pl.poss", made by rule only
    stopwords = frozenset(
        "the a an and of is are was were that this these those not on to be for with there"
        " also as but at by from have has had we they he she it i you our their which will"
        " would should can could what where because so into about been than in its how why"
        " when who all some any more most only just very too after before then them my your"
        " his her if or no do does did done get got need needs take takes make makes being up"
        " out over even per below above across while during may might must".split()
    )
    negations = ("un", "in", "im", "il", "ir", "non", "dis")
    negating_suffixes = ("less", "free")
    word_endings = ("", "s", "es", "ed", "ing", "er")
    prepositions = frozenset("of for with in on to from by per at".split())
    title_case_headings = True

    def rule_forms(self, term: Term) -> dict[str, list[str]]:
        head = self.head(term.text)
        if term.plural:
            found = {"pl": [term.plural]}
        elif head is None:
            return {}
        else:
            start, end = head
            found = {
                "pl": [
                    f"{term.text[:start]}{plural}{term.text[end:]}"
                    for plural in plurals(term.text[start:end])
                ]
            }
        if head is not None and head[1] == len(term.text):
            # The possessive: "the record owner's"; a plural in -s takes only an apostrophe,
            # which stays outside the word ("owners'").
            found["sg.poss"] = [term.text + "'s"]
            irregular = [plural + "'s" for plural in found["pl"] if not plural.endswith("s")]
            if irregular:
                found["pl.poss"] = irregular
        if not term.case_sensitive:
            # The other side's spellings are found too, and replaced like the lexicon's.
            found = {label: self._with_variants(spellings) for label, spellings in found.items()}
            found.setdefault("sg", []).extend(spelling_variants(term.text))
        return found

    @staticmethod
    def _with_variants(spellings: list[str]) -> list[str]:
        return [*spellings, *(v for s in spellings for v in spelling_variants(s))]

    def agree(self, scene: Scene, term: Edit) -> Agreement:
        near = scene.text[max(0, term.start - 12) : term.start].rstrip(_SPACE_OR_MARKUP).lower()
        if not near.endswith(("a", "an", ">")):
            return Agreement()  # no article right before: the common case
        from dikkevandale.languages.text import same_case, words_before

        before = words_before(scene.text, scene.lower, term.start, limit=1)
        if before and before[0].lower in ("a", "an") and not before[0].comma:
            token = before[0]
            wanted = same_case(article(term.new), token.word)
            if wanted != token.word:
                return Agreement((Edit(token.start, token.end, wanted),))
        return Agreement()


_SPACE_OR_MARKUP = " \t\r\n\u00a0*_[~"
"""What may stand between an article and its noun besides inline tags: "a **term**"."""

LANGUAGE = English()

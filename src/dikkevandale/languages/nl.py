"""Dutch: plurals, diminutives, de/het agreement of determiners, adjectives and pronouns.

The rules themselves live in `nl_forms` (word forms), `nl_agreement` (the words around a
replaced noun) and `nl_words` (closed word lists); this module ties them to the protocol.
"""

from __future__ import annotations

from dikkevandale.languages import nl_forms, nl_words
from dikkevandale.languages.base import Agreement, Edit, Language, Scene
from dikkevandale.model import Term
from dikkevandale.normalize import fold


class Dutch(Language):
    name = "Dutch"
    code = "nl"
    labels = ("sg", "pl", "dim", "dim.pl", "sg.def")
    """`sg.def`: the singular after a definite determiner, which rules make by adding -e to
    the adjectives before the head ("het relationele datamodel"); a lexicon gives it for a
    fixed name that keeps its bare adjective ("het functioneel beheer")."""
    term_fields = ("article", "diminutive")
    required_fields = ("article",)
    # Words both Dutch and English use ("in", "is", "was", "over", "of") stand in both lists,
    # so that they weigh for neither.
    stopwords = frozenset(
        "de het een en van is dat die niet op te zijn voor met er ook als maar om aan bij"
        " nog wel dan naar wordt worden hebben heeft dit deze wij we ze zij hij ik je jullie"
        " onze ons geen kan moet moeten kunnen wat waar omdat zodat tot uit over door in was"
        " waren al zo nu veel meer alle alleen hier daar heb had zal zullen wil willen gaat"
        " gaan komt soms altijd nooit graag mijn uw hun haar hem iets niets iemand wie hoe"
        " waarom want of toch even weer na tegen tussen onder sinds zonder binnen elke ieder"
        " per welke hebt wordt werd zou zouden ben bent".split()
    )
    negations = ("on", "niet", "non", "in")
    negating_suffixes = ("loos", "vrij")
    word_endings = ("", "e", "en", "s", "n")
    compound_links = ("", "s", "en")
    prepositions = frozenset(
        "op van voor met in bij aan uit over tot per naar".split()  # "aanspreekpunt voor"
    )

    def rule_forms(self, term: Term) -> dict[str, list[str]]:
        found: dict[str, list[str]] = {}
        head = self.head(term.text)
        # The adjectives before the head take -e after a definite determiner and in the
        # plural; only what stands before the head changes, so the head moves by the
        # difference in length ("nieuw model" -> "nieuwe modellen").
        definite = self._inflected_before_head(term.text, head[0] if head else 0)
        if term.plural:
            found["pl"] = [term.plural, *nl_forms.other_plurals(term.text, term.plural)]
        elif head is not None:
            shift = len(definite) - len(term.text)
            start, end = head[0] + shift, head[1] + shift
            found["pl"] = [
                f"{definite[:start]}{plural}{definite[end:]}"
                for plural in nl_forms.plurals(definite[start:end])
            ]
        if definite != term.text:
            found["sg.def"] = [definite]
        if term.case_sensitive:
            return found
        found.update(self._diminutives(term, head))
        return found

    def _inflected_before_head(self, text: str, head_start: int) -> str:
        """The term with the adjectives before its head in their -e form ("relationele
        datamodel"): after a definite determiner and in the plural."""
        if not head_start:
            return text  # nothing before the head: the common case
        words = text[:head_start].split(" ")
        changed = [
            nl_forms.with_e(word) if word.islower() and nl_words.is_adjective(word, word) else word
            for word in words
        ]
        return " ".join(changed) + text[head_start:]

    def _diminutives(self, term: Term, head: tuple[int, int] | None) -> dict[str, list[str]]:
        if term.diminutive:
            variants = [term.diminutive]
        elif head is None:
            return {}
        else:
            text, (start, end) = term.text, head
            word = text[start:end]
            small = nl_forms.diminutive(word)
            variants = [f"{text[:start]}{small}{text[end:]}"]
            # A stressed -el/-en/-er doubles its consonant: voorstelletje beside tafeltje.
            stressed = nl_forms.stressed_diminutive(word)
            if stressed != small:
                variants.append(f"{text[:start]}{stressed}{text[end:]}")
        plurals = []
        for variant in variants:
            if head is None or term.diminutive:
                plural = self.replace_head(variant, lambda word: word + "s")
            else:
                # Only the head word changed: its plural -s goes before the term's tail.
                tail = len(term.text) - head[1]
                plural = f"{variant[: len(variant) - tail]}s{variant[len(variant) - tail :]}"
            plurals.append(plural or variant + "s")
        return {"dim": variants, "dim.pl": plurals}

    def from_grammatical_gender(self, gender: str) -> dict[str, str]:
        return {"article": "het" if gender == "neuter" else "de"}

    def agree(self, scene: Scene, term: Edit) -> Agreement:
        # Imported on the first Dutch match only; from the module itself, as importing a
        # module from its package runs importlib's Python code on every call.
        from dikkevandale.languages.nl_agreement import agree

        return agree(scene, term)

    def same_word(self, one: str, other: str) -> bool:
        first, second = fold(one), fold(other)
        return (
            first == second or nl_forms.with_e(first) == second or first == nl_forms.with_e(second)
        )


LANGUAGE = Dutch()

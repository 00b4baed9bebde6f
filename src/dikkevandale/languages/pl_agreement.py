"""Polish agreement around a replaced term: its case from the context, and the words that follow
the new noun's gender.

A matched spelling often stands for several cases ("projekt CRM": nominative or accusative);
the target's forms may differ ("usterka", "usterkę"). The context decides: a preposition right
before the phrase, a negation (genitive), a verb that governs a case, a verb before it
(accusative), or a subject at the start of a sentence (nominative, unless a verb in the first or
second person after it shows a fronted object). Adjectives, pronouns and numerals before the term
agree with the new noun ("nowy moduł" → "nową prognozę", "ten" → "tę"), as do a predicate after
jest/są, a past-tense verb and a relative pronoun after it; `w`/`z` become `we`/`ze` before a
word that needs it, and back. What the context leaves open stays flagged for review.
"""

from __future__ import annotations

import re

from dikkevandale.languages import pl_words
from dikkevandale.languages.base import Agreement, Edit, Scene
from dikkevandale.languages.inflection import labelled_forms
from dikkevandale.languages.text import Token, sentence_start, words_after, words_before
from dikkevandale.model import Term
from dikkevandale.normalize import fold

# The cases a preposition governs: right before a term it tells which of the cases a spelling
# could be ("o wdrożeniu": locative, not dative). Folded, so text without Polish letters works.
PREPOSITION_CASES: dict[str, tuple[str, ...]] = {
    fold(word): cases
    for words, cases in (
        ("bez do od dla u podczas według wokół obok zamiast oprócz spod znad sprzed", ("gen",)),
        ("dzięki przeciw wbrew ku", ("dat",)),
        ("przez", ("acc",)),
        ("o w we na", ("loc", "acc")),
        ("przy", ("loc",)),
        ("po", ("loc", "dat", "acc")),
        ("z ze", ("gen", "ins")),
        ("za nad pod przed", ("ins", "acc")),
        ("między", ("ins",)),
    )
    for word in words.split()
}
# Verbs (by the start of their forms, folded) that govern a case other than the accusative.
_VERB_CASES = (
    (re.compile(r"^(potrzeb|dotycz|wymag|brak|szuk|unik|oczekuj|zazadal|zada)"), "gen"),
    (re.compile(r"^(zarzadz|zajm|kieru|opiekuj|interesuj|posluguj)"), "ins"),
    (re.compile(r"^(dziekuj|pomag|przyglad|przekaz|przekaz)"), "dat"),
)
# Verbs: an infinitive, a past tense with a vowel before its ł, a first person plural, an
# impersonal past ("wpisano", "zamknięto"), or one of the frequent imperatives and third persons
# that take an object.
_VERB = re.compile(
    r"([aeiouyąę][ćc]|[aeiouyąęó]ł(a|o|y|em|am|eś|aś)?|(liśmy|łyśmy|liście|łyście"
    r"|lismy|lysmy|łam|łem)|[aeiy]my|..[ao]no|..(ę|e|i|y)to)$"
)
# Words that end like an impersonal past but are nouns or adverbs.
_NOT_IMPERSONAL = frozenset(
    fold(word)
    for word in "siano kolano piano łono grono święto żyto myto sito kopyto koryto".split()
)


def _verb(lower: str) -> bool:
    return bool(_VERB.search(lower)) and fold(lower) not in _NOT_IMPERSONAL


_IMPERATIVES = frozenset(
    fold(word)
    for word in (
        "zgłoś zamknij zrób sprawdź przekaż wyślij dodaj usuń popraw przygotuj ustaw zobacz"
        " otwórz zapisz uzupełnij zaktualizuj załóż podaj weź daj utwórz skasuj wyłącz włącz"
        " zmień przejrzyj zatwierdź odrzuć prześlij przypisz ma mają robi zawiera obejmuje"
        " widzi pokazuje zmienia wysyła dostaje tworzy prowadzi sprawdza obsługuje zastąpi"
        " zastępuje zatrudni przejmie przejmuje poprowadzi obejmie wyśle przygotuje kupi"
    ).split()
)
_FIRST_OR_SECOND = re.compile(r"(my|śmy|smy|ście|scie|łem|łam|łeś|łaś|esz|isz|ysz)$")
_COPULAS = frozenset(
    fold(word)
    for word in "jest są był była było były byli będzie będą został została zostało zostały"
    " zostali zostanie zostaną wydaje wydają".split()
)
_ADVERBS = frozenset(
    fold(word)
    for word in "nadal już znowu znów bardzo za zbyt całkiem wciąż teraz naprawdę dość trochę"
    " nie najbardziej bardziej coraz jeszcze też także zawsze prawie całkowicie dalej"
    " niestety raczej nigdzie wszędzie nigdy często rzadko dziś dzisiaj wczoraj"
    " jutro tutaj tam ciągle szybko wolno dobrze źle proszę".split()
)
# Pronouns that stand between a subject and its verb as the verb's object ("Hotfix niczego nie
# naprawił", "Oferta go przekonała"): never the subject of a past tense after a noun.
_OBJECT_PRONOUNS = frozenset(
    fold(word)
    for word in "go ją je mu jej im ich nam nas wam was mi mnie ci cię nic niczego nikogo"
    " nikomu".split()
)
# Words that end like adjectives but never agree with a noun.
_NOT_MODIFIERS = (
    _ADVERBS
    | _COPULAS
    | frozenset(
        fold(word)
        for word in "nie co jak tak że ze się sie tylko także również oraz albo lub"
        " czy gdzie kiedy trzeba można proszę".split()
    )
)
# ", który ...", the pronoun also at the start of the next line.
_RELATIVE = re.compile(r"[ \t]*,[ \t]*(?:\r?\n[ \t]*)?(któr\w+|ktor\w+)", re.IGNORECASE)


def gender_of(term: Term) -> str:
    """The gender of a term: its `gender` field, else what its forms show, else its ending."""
    if term.gender:
        return "m.anim" if term.gender == "m" and _animate(term) else term.gender
    forms = labelled_forms(term, "pl")

    def first(label: str) -> str:
        return forms.get(label, [""])[0]

    if first("acc.pl") and first("acc.pl") == first("gen.pl") != first("nom.pl"):
        return "m.pers"
    nominative, instrumental = term.text.split(), first("ins.sg").split()
    changed = [word for word, was in zip(instrumental, nominative, strict=False) if word != was]
    if any(word.endswith("ą") for word in changed):
        return "f"
    head = next((w for w in nominative if w.isalpha() and not w.isupper()), term.text)
    if head.lower().endswith(("o", "e", "um", "ę")):
        return "n"
    if head.lower().endswith(("a", "ość")):
        return "f"
    return "m.anim" if _animate(term) else "m"


def _animate(term: Term) -> bool:
    forms = labelled_forms(term, "pl")
    accusatives = forms.get("acc.sg", [])
    return bool(accusatives) and accusatives[0] == forms.get("gen.sg", [""])[0] != term.text


def _phrase(scene: Scene, start: int, gender: str) -> tuple[list[Token], Token | None]:
    """The agreeing words right before the term (nearest first) and the word that governs
    them, past adverbs ("nie widzę nigdzie listy")."""
    tokens = words_before(scene.text, scene.lower, start, limit=6)
    modifiers: list[Token] = []
    for token in tokens:
        if token.comma:
            break
        word = fold(token.lower)
        if word in _ADVERBS and word != "nie" and word not in PREPOSITION_CASES:
            continue
        capital = token.word[:1].isupper() and not sentence_start(scene.text, token.start)
        word = fold(token.lower)
        counted = pl_words.numeral(token.word) is not None
        verb = not counted and (_verb(token.lower) or _FIRST_OR_SECOND.search(token.lower))
        if not (capital or verb or word in PREPOSITION_CASES or word in _NOT_MODIFIERS):
            labels = pl_words.labels_of(token.word, gender)
            # A numeral from five on governs the genitive rather than agreeing with it.
            if labels & set(scene.match.labels) or counted:
                modifiers.append(token)
                continue
        return modifiers, token
    return modifiers, None


def narrow(scene: Scene, labels: tuple[str, ...]) -> tuple[str, ...]:
    """The labels of the matched spelling that its context allows."""
    if len(labels) < 2:
        return labels
    source = gender_of(scene.source) if scene.source is not None else "m"
    modifiers, governor = _phrase(scene, scene.match.start, source)
    for token in modifiers:
        labels = _keep(labels, pl_words.labels_of(token.word, source))
    cases = _governed(scene, governor, modifiers)
    counted = [pl_words.numeral(token.word) for token in modifiers]
    nominative = any(label.startswith("nom.") for label in labels)
    if cases == ("nom",) and not nominative and {"dwa", "trzy", "cztery"} & set(counted):
        # "Dwóch klientów zgłosiło": persons counted from two to four are a genitive subject,
        # which any other noun makes nominative ("dwie strony"); from five on it stays so.
        return ("nom.pl",)
    if cases:
        labels = _keep(labels, {label for label in labels if label.split(".")[0] in cases})
    if any(label.startswith("nom.") for label in labels):
        labels = _keep(labels, _number_from_verb(scene, labels))
    return labels


def _keep(labels: tuple[str, ...], allowed: set[str]) -> tuple[str, ...]:
    narrowed = tuple(label for label in labels if label in allowed)
    return narrowed or labels


def _governed(scene: Scene, governor: Token | None, modifiers: list[Token]) -> tuple[str, ...]:
    text = scene.text
    start = modifiers[-1].start if modifiers else scene.match.start
    if governor is None or governor.comma or sentence_start(text, start):
        for token in words_after(text, scene.match.end, scene.upper, limit=4):
            if token.comma:
                break  # a clause of its own (", który ..."): its verb is not the term's
            if _FIRST_OR_SECOND.search(token.lower) and _verb(token.lower):
                return ("acc",)
        return ("nom",)
    word = fold(governor.lower)
    if word in PREPOSITION_CASES:
        return PREPOSITION_CASES[word]
    before = words_before(text, scene.lower, governor.start, limit=2)
    negated = word == "nie" or any(fold(token.lower) == "nie" for token in before)
    for pattern, case in _VERB_CASES:
        if pattern.match(word):
            return (case,)
    if word in _COPULAS:
        return ("nom", "ins")
    if word in _IMPERATIVES or _verb(governor.lower) or word == "nie":
        return ("gen",) if negated else ("acc",)
    return ()


def _number_from_verb(scene: Scene, labels: tuple[str, ...]) -> set[str]:
    """A subject's number from its verb ("KPI ... są", "SLA ... wynosi")."""
    after = words_after(scene.text, scene.match.end, scene.upper, limit=5)
    for token in after:
        word = fold(token.lower)
        if word in ("sa", "beda", "byly", "byli", "moga", "musza") or token.lower.endswith("ją"):
            return {label for label in labels if label.endswith(".pl")}
        if word in ("jest", "bedzie", "byl", "byla", "bylo", "ma", "wynosi"):
            return {label for label in labels if label.endswith(".sg")}
    return set(labels)


def agree(scene: Scene, term: Edit) -> Agreement:
    """The edits that make the words around `term` agree with the Polish target."""
    if scene.source is None:
        return Agreement()
    source, target = gender_of(scene.source), gender_of(scene.target)
    own = labelled_forms(scene.target, "pl")
    label = next((one for one in scene.labels if one in own), scene.labels[0])
    edits: list[Edit] = []
    modifiers, governor = _phrase(scene, term.start, source)
    if source != target:
        counted = False
        subject = governor is None or governor.comma
        for token in modifiers:
            agrees_in = _numeral_case(token, label, source, subject)
            new = pl_words.inflect(token.word, agrees_in, source, target)
            if new is not None and new != token.word:
                edits.append(Edit(token.start, token.end, new))
                counted = counted or _counted_persons(token.lower, new.lower())
        if counted:
            edits += _plural_verb(scene, term.end)
        if label.startswith("nom."):
            edits += _predicate(scene, term.end, label, source, target)
            if governor is not None and not governor.comma and fold(governor.lower) in _COPULAS:
                # A past copula before its subject: "Przyczyną był błąd" → "była usterka".
                verb = pl_words.past_tense(governor.lower, label.split(".")[1], source, target)
                if verb is not None:
                    edits.append(Edit(governor.start, governor.end, _cased(verb, governor.word)))
        edits += _relative(scene, term.end, source, target)
    governs = PREPOSITION_CASES.get(fold(governor.lower), ()) if governor is not None else ()
    if governor is not None and not governor.comma and label.split(".")[0] in governs:
        first = next((e.new for e in edits if modifiers and e.start == modifiers[-1].start), None)
        following = first or (modifiers[-1].word if modifiers else term.new)
        preposition = _vocalic(governor.word, following)
        if preposition != governor.word:
            edits.append(Edit(governor.start, governor.end, preposition))
    return Agreement(tuple(edits))


def _predicate(scene: Scene, end: int, label: str, source: str, target: str) -> list[Edit]:
    """A copula's adjective and a past-tense verb after a subject follow its gender."""
    text, position = scene.text, end
    relative = _RELATIVE.match(text, end, scene.upper)
    if relative:
        close = text.find(",", relative.end(), scene.upper)
        if close < 0:
            return []
        position = close + 1
    return _verbs_after(scene, position, label, source, target)


def _verbs_after(scene: Scene, position: int, label: str, source: str, target: str) -> list[Edit]:
    """The copula, its adjective or a past-tense verb right after a subject (the term, or a
    relative pronoun that stands for it), in the gender of the new term."""
    number = label.split(".")[1]
    edits: list[Edit] = []
    after = words_after(scene.text, position, scene.upper, limit=7)
    copula = subject_only = False
    for index, token in enumerate(after):
        word = fold(token.lower)
        if index and token.comma:
            break
        verb = pl_words.past_tense(token.lower, number, source, target)
        if word in _COPULAS:
            copula = True
            if verb is not None:
                edits.append(Edit(token.start, token.end, _cased(verb, token.word)))
            continue
        if word in _ADVERBS or word == "sie" or (not copula and word in _OBJECT_PRONOUNS):
            continue
        if copula:
            if label in pl_words.labels_of(token.word, source):
                new = pl_words.inflect(token.word, label, source, target)
                if new is not None and new != token.word:
                    edits.append(Edit(token.start, token.end, new))
            break
        if verb is not None and not subject_only:
            # Only the verb right after its subject: further on, "-ł" is as often a noun.
            edits.append(Edit(token.start, token.end, _cased(verb, token.word)))
            break
        subject_only = True
    return edits


def _numeral_case(token: Token, label: str, source: str, subject: bool) -> str:
    """The case a numeral stands in: its noun's, unless the numeral governs that noun's
    genitive ("mamy pięć ofert": the numeral is accusative, "pięć", not "pięciu")."""
    if pl_words.numeral(token.word) is None:
        return label
    own = pl_words.labels_of(token.word, source)
    if label in own:
        return label
    if subject:
        return "nom.pl"
    return next((case for case in ("acc.pl", "nom.pl") if case in own), label)


def _counted_persons(old: str, new: str) -> bool:
    """ "dwóch klientów zgłosiło" (persons: genitive, neuter verb) became "dwie strony"."""
    return fold(old) in ("dwoch", "trzech", "czterech") and fold(new) in (
        "dwa", "dwie", "trzy", "cztery",
    )  # fmt: skip


def _plural_verb(scene: Scene, end: int) -> list[Edit]:
    """After "dwie strony" the past tense is plural: "zgłosiło" → "zgłosiły"."""
    for token in words_after(scene.text, end, scene.upper, limit=3):
        if fold(token.lower) == "sie" or fold(token.lower) in _ADVERBS:
            continue
        if token.lower.endswith("ło") and len(token.lower) > 4:
            return [Edit(token.start, token.end, token.word[:-1] + "y")]
        break
    return []


def _relative(scene: Scene, end: int, source: str, target: str) -> list[Edit]:
    """ ", który ..." after the term agrees with it in gender and number, keeping its case."""
    found = _RELATIVE.match(scene.text, end, scene.upper)
    if found is None:
        return []
    word = found.group(1)
    labels = sorted(pl_words.labels_of(word, source), key=_CASE_ORDER.index)
    if not labels:
        return []
    if len(labels) > 1 and labels[0].startswith("nom.") and labels[1].startswith("acc."):
        # "który kupiliśmy": a first- or second-person verb has its own subject, so the
        # pronoun is its object.
        clause = words_after(scene.text, found.end(1), scene.upper, limit=3)
        if any(_FIRST_OR_SECOND.search(t.lower) and _verb(t.lower) for t in clause):
            labels = labels[1:]
    new = pl_words.inflect(word, labels[0], source, target)
    if new is None or new == word:
        return []
    edits = [Edit(found.start(1), found.end(1), new)]
    if labels[0].startswith("nom."):
        # The pronoun is its clause's subject: "który wystąpił" → "która wystąpiła".
        edits += _verbs_after(scene, found.end(1), labels[0], source, target)
    return edits


_CASE_ORDER = [f"{case}.{number}" for number in ("sg", "pl") for case in
               ("nom", "acc", "gen", "dat", "ins", "loc")]  # fmt: skip


def _cased(word: str, model: str) -> str:
    return word[:1].upper() + word[1:] if model[:1].isupper() else word


def _vocalic(preposition: str, following: str) -> str:
    """`w`/`we` and `z`/`ze` as the next word asks ("we wdrożeniu", "ze specyfikacją")."""
    lower, word = preposition.lower(), following.lower()
    first = word[:2] if word[:2] in ("sz", "cz", "rz", "dz", "ch") else word[:1]
    cluster = word[len(first) : len(first) + 1] not in ("", *"aeiouyąęó")
    if lower in ("w", "we"):
        new = "we" if (first in ("w", "f") and cluster) or word == "mnie" else "w"
    elif lower in ("z", "ze"):
        hissing = first in ("s", "z", "ś", "ź", "ż", "sz") and cluster
        new = "ze" if hissing or word.startswith(("mn", "wsz", "wz")) else "z"
    else:
        return preposition
    return new[:1].upper() + new[1:] if preposition[:1].isupper() else new

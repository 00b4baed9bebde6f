"""Polish closed word lists and the declension of adjectives, pronouns and numerals.

Agreement re-inflects the words before a term (nowy → nową, ten → tę, dwie → dwa), its
predicate (jest gotowa → jest gotowy) and a relative pronoun (którą → który) for the target's
gender. Genders: "m" (masculine things), "m.anim" (animals and things declined like them:
acc = gen), "m.pers" (persons: also the plural is personal), "f", "n".
"""

from __future__ import annotations

import re

from dikkevandale.normalize import fold

CASES = ("nom", "gen", "dat", "acc", "ins", "loc")

# Endings of the hard adjective (nowy), by case, for masculine/neuter/feminine singular and
# the plural: "A" marks the animate accusative (= genitive) and "P" the personal plural.
_HARD = {
    "sg": {
        "nom": {"m": "y", "n": "e", "f": "a"},
        "gen": {"m": "ego", "n": "ego", "f": "ej"},
        "dat": {"m": "emu", "n": "emu", "f": "ej"},
        "acc": {"m": "y", "A": "ego", "n": "e", "f": "ą"},
        "ins": {"m": "ym", "n": "ym", "f": "ą"},
        "loc": {"m": "ym", "n": "ym", "f": "ej"},
    },
    "pl": {
        "nom": {"o": "e", "P": "P"},
        "gen": {"o": "ych", "P": "ych"},
        "dat": {"o": "ym", "P": "ym"},
        "acc": {"o": "e", "P": "ych"},
        "ins": {"o": "ymi", "P": "ymi"},
        "loc": {"o": "ych", "P": "ych"},
    },
}
# The personal plural of hard stems: the last consonant softens (nowy → nowi, dobry →
# dobrzy, zadowolony → zadowoleni, polski → polscy).
_PERSONAL = (
    ("on", "eni"), ("st", "ści"), ("sk", "scy"), ("ck", "ccy"), ("ch", "si"), ("sz", "si"),
    ("k", "cy"), ("g", "dzy"), ("r", "rzy"), ("t", "ci"), ("d", "dzi"), ("ł", "li"),
    ("ż", "zi"), ("z", "zi"), ("s", "si"),
)  # fmt: skip
# The pronouns and numerals that decline their own way: folded form → forms by slot.
_TABLES: dict[str, dict[tuple[str, str, str], str]] = {}


def _table(name: str, rows: str) -> None:
    """Rows of "case.number gender form ..." into a table named by its first form."""
    table: dict[tuple[str, str, str], str] = {}
    for row in rows.strip().splitlines():
        label, *pairs = row.split()
        case, number = label.split(".")
        for pair in pairs:
            genders, form = pair.split("=")
            for gender in genders.split("/"):
                table[(case, number, gender)] = form
    _TABLES[name] = table


_table(
    "ten",
    """
    nom.sg m/A=ten n=to f=ta
    gen.sg m/A/n=tego f=tej
    dat.sg m/A/n=temu f=tej
    acc.sg m=ten A=tego n=to f=tę
    ins.sg m/A/n=tym f=tą
    loc.sg m/A/n=tym f=tej
    nom.pl o=te P=ci
    gen.pl o/P=tych
    dat.pl o/P=tym
    acc.pl o=te P=tych
    ins.pl o/P=tymi
    loc.pl o/P=tych
    """,
)
_table(
    "wszystkie",
    """
    nom.pl o=wszystkie P=wszyscy
    gen.pl o/P=wszystkich
    dat.pl o/P=wszystkim
    acc.pl o=wszystkie P=wszystkich
    ins.pl o/P=wszystkimi
    loc.pl o/P=wszystkich
    """,
)
for _two, _rows in (
    ("dwa", "nom.pl o=dwa f=dwie P=dwaj\nacc.pl o=dwa f=dwie P=dwóch\ngen.pl o/f/P=dwóch"),
    ("trzy", "nom.pl o/f=trzy P=trzej\nacc.pl o/f=trzy P=trzech\ngen.pl o/f/P=trzech"),
    ("cztery", "nom.pl o/f=cztery P=czterej\nacc.pl o/f=cztery P=czterech\ngen.pl o/f/P=czterech"),
    ("pięć", "nom.pl o/f=pięć P=pięciu\nacc.pl o/f=pięć P=pięciu\ngen.pl o/f/P=pięciu"),
    ("sześć", "nom.pl o/f=sześć P=sześciu\nacc.pl o/f=sześć P=sześciu\ngen.pl o/f/P=sześciu"),
):
    _table(_two, _rows)
for _possessive, _nominative, _personal in (
    ("nasz", "nasz", "nasi"), ("wasz", "wasz", "wasi"), ("moj", "mój", "moi"),
    ("twoj", "twój", "twoi"), ("swoj", "swój", "swoi"),
):  # fmt: skip
    _TABLES[_nominative] = {
        (case, number, gender): (
            _nominative
            if ending == "y"
            else _personal
            if ending == "P"
            else _possessive[:-1] + "i" + ending[1:]
            if _possessive.endswith("j") and ending.startswith("y")
            else _possessive + ending
        )
        for number, cases in _HARD.items()
        for case, endings in cases.items()
        for gender, ending in endings.items()
    }
_TABLE_OF = {fold(form): name for name, table in _TABLES.items() for form in table.values()}


def numeral(word: str) -> str | None:
    """The numeral a word is a form of ("dwóch" → "dwa", "pięciu" → "pięć"), or None."""
    name = _TABLE_OF.get(fold(word.lower()))
    return name if name in ("dwa", "trzy", "cztery", "pięć", "sześć") else None


def slot(
    gender: str, number: str, table: dict[tuple[str, str, str], str] | None = None, case: str = ""
) -> str:
    """The column of a declension table for a noun of `gender` in `number` (numerals tell a
    feminine plural apart: dwie, dwa)."""
    if number == "pl":
        if gender == "f" and table is not None and (case, "pl", "f") in table:
            return "f"
        return "P" if gender == "m.pers" else "o"
    return {"m.anim": "A", "m.pers": "A"}.get(gender, gender if gender in ("f", "n") else "m")


def _cell(table: dict[tuple[str, str, str], str], case: str, number: str, column: str) -> str:
    """A table's form, the animate column falling back to the masculine where they are one
    ("nasz klient" and "nasz system" alike in the nominative)."""
    found = table.get((case, number, column))
    if found is None and column == "A":
        found = table.get((case, number, "m"))
    return found or ""


def _endings(case: str, number: str, column: str) -> str:
    cases = _HARD[number][case]
    if number == "sg" and column == "A" and column not in cases:
        column = "m"
    if number == "pl" and column in ("f", "m", "n", "A"):
        column = "o"
    return cases.get(column, cases.get("m", ""))


def _hard_form(stem: str, velar: bool, soft: bool, ending: str) -> str:
    if ending == "P":
        if soft:
            return stem + "i"
        for end, replacement in _PERSONAL:
            if stem.endswith(end):
                return stem[: -len(end)] + replacement
        return stem + "i"
    if (velar or soft) and ending[:1] in ("y", "e"):
        ending = "i" + ending[1:] if ending[0] == "y" else "i" + ending
    elif soft and ending[:1] in ("a", "ą"):
        ending = "i" + ending
    return stem + ending


def _analyses(word: str) -> list[tuple[str, bool, bool]]:
    """Ways to read `word` as an adjective: (stem, velar, soft)."""
    hard: list[tuple[str, bool, bool]] = []
    soft: list[tuple[str, bool, bool]] = []
    for ending in ("iego", "iemu", "ymi", "imi", "ych", "ich", "ego", "emu", "iej", "ej", "ym",
                   "im", "ią", "ia", "ie", "y", "i", "a", "e", "ą"):  # fmt: skip
        if word.endswith(ending) and len(word) - len(ending) >= 2:
            stem = word[: -len(ending)]
            velar = stem.endswith(("k", "g"))
            if ending.startswith("i") and not velar:
                if stem.endswith(("n", "p")):  # ostatni, głupi: soft adjectives are few
                    soft.append((stem, False, True))
            elif stem[-1] not in "aeiouyąęó":
                hard.append((stem, velar, False))
    for end, replacement in _PERSONAL:
        if word.endswith(replacement) and len(word) > len(replacement) + 1:
            stem = word[: -len(replacement)] + end
            hard.append((stem, stem.endswith(("k", "g")), False))
    # Hard adjectives (nowy) are the rule; soft ones (ostatni) the exception.
    return hard + soft


def labels_of(word: str, gender: str) -> set[str]:
    """The case.number labels in which `word` agrees with a noun of `gender`."""
    lower = word.lower()
    folded = fold(lower)

    def same(form: str) -> bool:
        # Without Polish letters in the text, "te" may be "tę" too.
        return form == lower or (lower.isascii() and fold(form) == folded)

    table = _TABLES.get(_TABLE_OF.get(folded, ""))
    found: set[str] = set()
    for number in ("sg", "pl"):
        column = slot(gender, number)
        for case in CASES:
            if table is not None:
                if same(_cell(table, case, number, slot(gender, number, table, case))):
                    found.add(f"{case}.{number}")
                continue
            for stem, velar, soft in _analyses(lower):
                if same(_hard_form(stem, velar, soft, _endings(case, number, column))):
                    found.add(f"{case}.{number}")
    return found


def inflect(word: str, label: str, source: str, target: str) -> str | None:
    """`word`, which agrees with a noun of gender `source`, agreeing instead with one of
    gender `target` in `label` ("nowy", "acc.sg", "m", "f" → "nową"); None when unsure."""
    case, number = label.split(".")
    folded = fold(word.lower())
    name = _TABLE_OF.get(folded)
    if name is not None:
        table = _TABLES[name]
        new = _cell(table, case, number, slot(target, number, table, case))
        return _like(word, new) if new else None
    for stem, velar, soft in _analyses(word.lower()):
        own = _hard_form(stem, velar, soft, _endings(case, number, slot(source, number)))
        if own == word.lower() or (word.isascii() and fold(own) == folded):
            new = _hard_form(stem, velar, soft, _endings(case, number, slot(target, number)))
            return _like(word, new)
    return None


def _like(model: str, word: str) -> str:
    """`word` with the capital of `model`."""
    return word[:1].upper() + word[1:] if model[:1].isupper() else word


# Past tense endings by gender and number (stracił, straciła, straciło, stracili, straciły).
_PAST = {"m": "ł", "m.anim": "ł", "m.pers": "ł", "f": "ła", "n": "ło"}
_PAST_PLURAL = {"m.pers": "li"}
_PAST_FORM = re.compile(r"^(.*[aeiouyę])(ł|ła|ło|li|ły)$")
# Present tenses and nouns that end like a past tense ("działa": it works; "dział", "kwartał").
_NOT_PAST = frozenset(
    "działa wysyła posyła przysyła dosyła rozsyła zasyła dział podział kwartał materiał"
    " artykuł udział przydział oddział rozdział zapał".split()
)


# Verbs whose past tense stem ends in a consonant change more than their ending (urósł,
# urosła, urośli): by the stem of the feminine, the masculine and the personal plural. A stem
# that is not listed is left alone: "hasła" and "źródła" end like such a past tense too.
_CONSONANT_PAST = {
    "pad": ("padł", "padli"), "krad": ("kradł", "kradli"), "jad": ("jadł", "jedli"),
    "siad": ("siadł", "siedli"), "ros": ("rósł", "rośli"), "mog": ("mógł", "mogli"),
    "nios": ("niósł", "nieśli"), "wioz": ("wiózł", "wieźli"), "wiod": ("wiódł", "wiedli"),
    "gryz": ("gryzł", "gryźli"), "laz": ("lazł", "leźli"), "piek": ("piekł", "piekli"),
    "bieg": ("biegł", "biegli"), "ciek": ("ciekł", "ciekli"), "rzek": ("rzekł", "rzekli"),
    "leg": ("legł", "legli"), "sz": ("szedł", "szli"),
}  # fmt: skip
# Prefixes that take an "e" before "szła" but not before "szedł" (weszła, wszedł).
_E_BEFORE_SZ = frozenset("w z od ob nad pod roz przed wz".split())


def past_tense(word: str, number: str, source: str, target: str) -> str | None:
    """A third-person past-tense verb that agrees with a subject of `source` gender, made to
    agree with one of `target` gender (straciła → stracił, wzrosła → wzrósł, poszedł →
    poszła); None for any other word."""
    found = _PAST_FORM.match(word)
    if found is None or word in _NOT_PAST:
        return _consonant_past(word, number, source, target)
    if found.group(2) != _past_ending(number, source):
        return None
    return found.group(1) + _past_ending(number, target)


def _consonant_past(word: str, number: str, source: str, target: str) -> str | None:
    own, new = _past_slot(number, source), _past_slot(number, target)
    for stem, (masculine, personal) in _CONSONANT_PAST.items():
        forms = {"m": masculine, "pers": personal, "f": f"{stem}ła", "n": f"{stem}ło"}
        forms["pl"] = f"{stem}ły"
        if not word.endswith(forms[own]):
            continue
        prefix = word[: len(word) - len(forms[own])]
        if stem == "sz" and (own == "m") != (new == "m"):
            if own == "m" and prefix in _E_BEFORE_SZ:
                prefix += "e"
            elif own != "m" and prefix.endswith("e") and prefix[:-1] in _E_BEFORE_SZ:
                prefix = prefix[:-1]
        return prefix + forms[new]
    return None


def _past_slot(number: str, gender: str) -> str:
    if number == "pl":
        return "pers" if gender == "m.pers" else "pl"
    return {"f": "f", "n": "n"}.get(gender, "m")


def _past_ending(number: str, gender: str) -> str:
    return _PAST_PLURAL.get(gender, "ły") if number == "pl" else _PAST[gender]

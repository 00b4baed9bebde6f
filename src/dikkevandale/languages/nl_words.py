"""Closed Dutch word lists that agreement rules read: determiners, adjectives, function words.

Data, not rules: a word missing here only makes dvd leave a neighbour of a term as it was.
"""

from __future__ import annotations

import re
from functools import lru_cache

# Determiners that change with the noun's gender (de-word, het-word), and their other form.
FLIP = {
    "de": "het", "het": "de", "deze": "dit", "dit": "deze", "die": "dat", "dat": "die",
    "onze": "ons", "ons": "onze", "elke": "elk", "elk": "elke", "iedere": "ieder",
    "ieder": "iedere", "welke": "welk", "welk": "welke", "dezelfde": "hetzelfde",
    "hetzelfde": "dezelfde", "zulke": "zulk", "zulk": "zulke",
}  # fmt: skip
DE_FORMS = frozenset("de deze die onze elke iedere welke dezelfde zulke".split())
PLURAL_FORMS = frozenset("de deze die onze welke dezelfde zulke".split())
# After these an adjective always takes -e; after the others (and no determiner) a singular
# het-word's adjective has none: "het nieuwe klantbeeld", "een nieuw klantbeeld".
DEFINITE = frozenset(
    "de het deze dit die dat onze ons mijn jouw je uw zijn haar hun jullie dezelfde hetzelfde"
    " diens wiens".split()
)
INDEFINITE = frozenset(
    "een één geen zo'n elk elke ieder iedere welk welke zulk zulke veel weinig genoeg meer"
    " minder enig enige sommige menig menige".split()
)
DETERMINERS = DEFINITE | INDEFINITE
# Determiners that also stand alone, as a pronoun ("Het is", "Dat was", "stuur ons").
PRONOUNS = frozenset("het dit dat die deze ons".split())

# Adverbs of degree: before another adjective they stay as they are ("een heel mooi", "een
# volledig nieuwe").
DEGREE = frozenset(
    "heel zeer erg volledig helemaal geheel totaal compleet echt vrij redelijk best nogal te zo"
    " uiterst bijzonder enorm extreem behoorlijk relatief vrijwel bijna iets ietwat tamelijk"
    " vooral flink fors ontzettend hartstikke super steeds nog minder meer wat niet".split()
)
# Common adjectives in their plain form (the -e form is derived).
ADJECTIVES = frozenset(
    "nieuw oud goed groot klein lang kort hoog laag breed smal zwaar licht snel traag apart"
    " intern extern slim mooi compleet concreet modern simpel bestaand huidig zelfde enkel vorig"
    " ander verder beter eigen vast echt juist heel geheel los vol leeg vrij duur goedkoop"
    " zwak sterk eenvoudig actief passief centraal lokaal digitaal globaal regionaal nationaal"
    " normaal totaal uniek specifiek klantspecifiek publiek handig lastig vervelend dubbel"
    " groen rood blauw zwart wit grijs geel open extra apart warm koud vers fris dik dun"
    " nodig mogelijk gewoon algemeen gemeen belangrijk duidelijk flexibel stabiel snel"
    " primair secundair tijdelijk definitief officieel formeel informeel correct fout"
    " verkeerd gek raar leuk fijn prettig interessant relevant efficiënt effectief"
    " professioneel persoonlijk zakelijk technisch functioneel commercieel financieel"
    " strategisch operationeel tactisch jaarlijks maandelijks wekelijks dagelijks nachtelijk"
    " zelfstandig afzonderlijk gezamenlijk gedeeld gemeenschappelijk volledig gedetailleerd"
    " helder scherp zacht hard rustig druk stil veilig onveilig groot-zakelijk klassiek"
    " handmatig automatisch standaard vorig volgend laatst eerst enig zeker onzeker"
    " betrouwbaar bruikbaar beschikbaar gratis prima top hoofd".split()
)
_SUFFIXES = ("ig", "lijk", "isch", "ief", "baar", "loos", "zaam", "air", "eus", "ibel", "abel")
_LONG = re.compile(r"(?:ion|u|ci|ti|ur|tr|ri)eel$|(?:tr|n|g|k|c|t)aal$")
_PARTICIPLE = re.compile(
    r"(?:(?:aan|af|bij|door|in|mee|na|om|onder|op|over|toe|uit|vast|voor|weg|terug|samen"
    r"|goed|vrij|klaar|mis|tegen|achter|neer|dicht|open|los|rond|binnen|buiten|vol|weer|stil)?ge"
    r"|be|ver|ont|her|er)[a-zëïéèü]{2,}(?:[dt]e?|en)$"
)
_PRESENT_PARTICIPLE = re.compile(r"(?:[^aeiou]end|aand|aande|[^aeiou]ende)$")
# Nouns shaped like a participle or an adjective.
_NOUNS = frozenset(
    "bestand gebied beleid bericht besluit verband verbond gedeelte geld gevolg gebruik getal"
    " verhaal kanaal materiaal signaal portaal journaal kapitaal archief initiatief motief"
    " weekend trend verschil verzoek verslag bedrag bedrijf".split()
)

# Finite verbs that open a main clause right after its subject ("dat is te veel"): a relative
# clause puts its verb last.
FINITE = frozenset(
    "is was wordt werd heeft had kan kon moet moest zal zou gaat ging komt kwam staat stond"
    " ligt lag blijft bleef zijn waren worden werden hebben hadden kunnen moeten zullen lijkt"
    " leek klinkt klonk".split()
)
PREPOSITIONS = frozenset(
    "aan achter bij binnen boven buiten door in langs met na naar naast om onder op over per"
    " rond sinds tegen tijdens tot tussen uit van vanwege via voor zonder volgens namens"
    " dankzij ondanks omtrent".split()
)
QUANTIFIERS = frozenset("veel weinig genoeg meer minder wat voldoende nog te zoveel".split())
# Verbs and words that take a clause with "dat": after them "dat" may be a conjunction.
THAT_WORDS = frozenset(
    "hoor hoort hoorde hoorden gehoord horen bleek bleken blijkt gebleken weet weten wist"
    " wisten zeg zegt zei zeiden gezegd zeggen denk denkt dacht dachten gedacht zie ziet zag"
    " zagen zien gezien merk merkt merkte merkten vind vindt vond vonden hoop hoopt hoopte"
    " verwacht verwachtte verwachten lees leest las gelezen meld meldt meldde gemeld schrijft"
    " schreef begrijp begrijpt begreep besef beseft geloof gelooft vrees vreest beloof belooft"
    " beloofde bevestig bevestigt bevestigde ontdekte ontdekt vernam vernamen concludeer"
    " concludeerde constateer constateerde duidelijk bekend zeker waar laat liet wil wilt wilde"
    " wilden willen vraagt vroeg vroegen zorg zorgt zorgde".split()
)


ALWAYS_E = frozenset(
    "eerste tweede derde vierde vijfde zesde zevende achtste negende tiende laatste volgende"
    " enige beste meeste minste grootste kleinste nieuwste hoogste laagste belangrijkste".split()
)
"""Ordinals and superlatives: adjectives that end in -e before any noun ("het eerste
succescriterium", "de eerste doelstelling"), never verbs."""


@lru_cache(maxsize=8192)
def is_adjective(word: str, plain: str | None) -> bool:
    """Whether a lowercase word is surely an attributive adjective (or a participle used as
    one), given its form without -e (`plain`). Verbs in -de/-te ("leverde") are not."""
    if word in ALWAYS_E:
        return True
    if word in _NOUNS or (plain or "") in _NOUNS:
        return False
    base = plain or word
    if word in ADJECTIVES or base in ADJECTIVES:
        return True
    if base.endswith("er") and len(base) > 4:
        root = base[:-2]
        if root in ADJECTIVES or root + "e" in _OPEN_FORMS:
            return True  # a comparative: kleiner, groter
    if base.endswith(_SUFFIXES) and len(base) > 4:
        return True
    if base.endswith(("eel", "aal")) and _LONG.search(base):
        return True
    if word.endswith(("d", "t", "de", "te", "en")) and _PARTICIPLE.match(word):
        return True
    return len(word) > 6 and _PRESENT_PARTICIPLE.search(word) is not None


# The -e forms of adjectives whose vowel is written double when closed (groot/grote).
_OPEN_FORMS = frozenset(
    f"{adjective[:-3]}{adjective[-2:]}e"
    for adjective in ADJECTIVES
    if len(adjective) > 3 and adjective[-3:-1] in ("aa", "ee", "oo", "uu")
)

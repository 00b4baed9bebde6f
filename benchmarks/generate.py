"""Synthetic data for the benchmarks: Dutch-like text and big lexicons, reproducible by seed.

Lexicon: `generate_lexicon(n)` writes n concepts in format v1 (DESIGN.md §2) with audiences
sales and it. Terms are Dutch-looking compounds glued from CRM-ish morphemes ("klant", "beheer",
"stroom", ...), 1-3 words joined by spaces or hyphens, some with `article` and `plural`, so the
index holds multi-word keys, inflected forms and fuzzy buckets like a real termbase would. Every
spelling key (term and generated plurals) is unique across the whole file and differs from every
ordinary word of the text vocabulary, so the file loads clean and matches only where planted.

Text: `generate_text(size, terms)` writes paragraphs of sentences of ordinary Dutch words,
wrapped at ~76 columns, blank line between paragraphs, with one lexicon term per ~40 words. A
planted term is written as in the lexicon, as a plural, as a hyphen/space variant, with a
one-letter typo (long terms only, so a 90 threshold can still find it) or capitalized.

`split_lexicon(yaml, parts)` cuts a generated lexicon into files of consecutive concepts, and
`edit_term(path, n)` renames one term in such a file, the one-line edit a user makes.

Markdown: `generate_markdown(size, terms)` writes Markdown notes of the same prose, with front
matter, headings, lists, block quotes, tables, fenced and indented code, HTML blocks, inline
code, inline and reference links and bare URLs. Terms are planted in the prose and also in
code, link destinations and HTML attributes, where they must not be rewritten.

Run `python benchmarks/generate.py lexicon 10000 out.yaml` or
`python benchmarks/generate.py text|markdown 1000000 out.txt [--lexicon out.yaml]` to look at
samples.
"""

from __future__ import annotations

import argparse
import random
import re
import textwrap
from collections.abc import Iterable, Sequence
from pathlib import Path

from dikkevandale.languages.inflection import plurals
from dikkevandale.model import Term
from dikkevandale.normalize import spell

# Ordinary Dutch words (function words weighted by repetition) that make up the running text.
ORDINARY = """
de de de de het het het een een een en en en van van van in in in is is op op te te dat die
niet met voor zijn er aan ook als maar om bij dan nog wel naar uit kan wordt worden werd moet
we wij ze ik je jullie hun ons onze hij zij men deze dit wat wie waar hoe waarom omdat zodat
hebben heeft had hadden kunnen zullen zal willen wil wilde gaan gaat ging komen komt kwam
maken maakt doen doet zien ziet weten weet denken denkt vinden vindt zeggen zegt geven geeft
vandaag morgen gisteren week maand jaar kwartaal ochtend middag avond vergadering overleg
afspraak planning budget offerte klant klanten collega team afdeling directie manager project
systeem gegevens overzicht verslag notulen actiepunt besluit voorstel vraag antwoord probleem
oplossing idee plan doel resultaat omzet kosten prijs contract levering order factuur betaling
telefoon mail bericht brief document bestand lijst tabel scherm knop pagina website versie
goed snel duidelijk belangrijk nieuw oud groot klein eerste laatste volgende vorige extra
samen eerst daarna later binnenkort meteen graag zeker misschien waarschijnlijk eigenlijk
helaas gelukkig inmiddels alvast verder opnieuw steeds vaak soms nooit altijd echt erg heel
twee drie vier vijf tien twintig honderd procent euro uur dag dagen weken maanden
besproken afgesproken gevraagd gestuurd ontvangen gemaakt gedaan gezien gehoord geregeld
akkoord bezwaar risico kans vertraging prioriteit wens eis voorwaarde stap fase ronde
"""
ORDINARY_WORDS = tuple(ORDINARY.split())

# Morphemes the synthetic jargon is glued from; two or more make a word of a term.
MORPHEME_TEXT = """
klant relatie data stroom beheer module koppel proces regel sleutel kaart portaal veld
order factuur prijs korting contract abonnement levering voorraad artikel product dienst
service melding ticket storing wijziging verzoek analyse rapport overzicht dashboard
campagne segment doelgroep lead kans pijplijn trechter prognose budget omzet marge bonus
account contact adres persoon bedrijf vestiging regio gebied markt kanaal bron partner
werk taak stap fase traject plan agenda termijn moment signaal trigger actie flow
sync export import bestand tabel record index archief log audit rol recht profiel groep
beveiliging toegang sessie token netwerk server cluster omgeving release versie patch
test acceptatie migratie conversie validatie controle kwaliteit norm score waarde
"""
MORPHEMES = tuple(MORPHEME_TEXT.split())

ARTICLES = ("de", "het")
SENTENCE_WORDS = (6, 18)
PARAGRAPH_SENTENCES = (2, 6)
LINE_WIDTH = 76
TERM_EVERY = 40
"""One planted term per this many words, on average."""

_LETTERS = "abcdefghijklmnoprstuvw"


def _word(rng: random.Random) -> str:
    count = rng.choices((2, 3), weights=(3, 1))[0]
    return "".join(rng.choice(MORPHEMES) for _ in range(count))


def _term_text(rng: random.Random) -> str:
    words = rng.choices((1, 2, 3), weights=(6, 3, 1))[0]
    parts = [_word(rng) for _ in range(words)]
    text = parts[0]
    for part in parts[1:]:
        text += rng.choice((" ", " ", "-"))
        text += part
    return text


def _keys(text: str) -> list[str]:
    """Spelling keys of a term and of every plural the loader will generate for it."""
    found = []
    for form in (text, *plurals(Term(text), "nl")):
        spelling = spell(form)
        if spelling is not None:
            found.append(spelling.key)
    return found


def generate_lexicon(concepts: int, seed: int = 1) -> str:
    """A format-v1 lexicon of `concepts` generated concepts, as YAML text."""
    rng = random.Random(seed)
    taken = {word.casefold() for word in ORDINARY_WORDS}
    lines = [
        f"# Generated by benchmarks/generate.py: {concepts} concepts, seed {seed}.",
        "dvd: 1",
        "language: nl",
        "audiences: [sales, it]",
        "concepts:",
    ]

    def fresh() -> str:
        while True:
            text = _term_text(rng)
            keys = _keys(text)
            if not taken.intersection(keys):
                taken.update(keys)
                return text

    for number in range(1, concepts + 1):
        lines.append(f"  - id: gen-{number:05d}")
        for audience in ("sales", "it"):
            lines.append(f"    {audience}:")
            for _ in range(rng.choices((1, 2, 3), weights=(5, 4, 1))[0]):
                text = fresh()
                if rng.random() < 0.5:
                    lines.append(f"      - {text}")
                    continue
                lines.append(f"      - term: {text}")
                lines.append(f"        article: {rng.choice(ARTICLES)}")
                if " " in text and rng.random() < 0.5:
                    head, _, rest = text.partition(" ")
                    plural = f"{head}s {rest}"
                    if not taken.intersection(_keys(plural)):
                        taken.update(_keys(plural))
                        lines.append(f"        plural: {plural}")
        if rng.random() < 0.2:
            lines.append(f"    note: Gegenereerd begrip nummer {number}.")
    return "\n".join(lines) + "\n"


def _variant(term: str, rng: random.Random) -> str:
    """The same key written differently: hyphen ↔ space, joined, or split by a hyphen."""
    if "-" in term:
        return term.replace("-", rng.choice((" ", "")))
    if " " in term:
        return term.replace(" ", "-")
    cut = len(term) // 2
    return f"{term[:cut]}-{term[cut:]}"


def _typo(term: str, rng: random.Random) -> str:
    """One letter substituted, dropped or doubled, away from the first and last three."""
    positions = [i for i, char in enumerate(term) if char.isalpha()][3:-3]
    if not positions:
        return term
    at = rng.choice(positions)
    how = rng.randrange(3)
    if how == 0:
        return term[:at] + rng.choice(_LETTERS.replace(term[at], "")) + term[at + 1 :]
    if how == 1:
        return term[:at] + term[at + 1 :]
    return term[:at] + term[at] + term[at:]


def _key_length(term: str) -> int:
    spelling = spell(term)
    return len(spelling.key) if spelling else 0


def _planted(term: str, rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.50:
        return term
    if roll < 0.65:
        forms = plurals(Term(term), "nl")
        return forms[0] if forms else term
    if roll < 0.80:
        return _variant(term, rng)
    if roll < 0.92 and _key_length(term) >= 10:
        return _typo(term, rng)
    return term.upper() if roll > 0.98 else term[:1].upper() + term[1:]


def generate_text(size: int, terms: Sequence[str], seed: int = 2) -> tuple[str, int]:
    """About `size` characters of Dutch-like paragraphs with `terms` planted in them.

    Returns the text and how many terms were planted. With the same seed a shorter text is a
    prefix of a longer one.
    """
    rng = random.Random(seed)
    paragraphs: list[str] = []
    total = 0
    planted = 0
    words = ORDINARY_WORDS
    while total < size:
        lines: list[str] = []
        line = ""
        for _ in range(rng.randint(*PARAGRAPH_SENTENCES)):
            count = rng.randint(*SENTENCE_WORDS)
            chosen = rng.choices(words, k=count)
            for position in range(count):
                if rng.randrange(TERM_EVERY) == 0:
                    chosen[position] = _planted(rng.choice(terms), rng)
                    planted += 1
            chosen[0] = chosen[0][:1].upper() + chosen[0][1:]
            if count > 8 and rng.random() < 0.3:
                chosen[count // 2] += ","
            chosen[-1] += rng.choice(".....?!")
            for word in chosen:
                if line and len(line) + 1 + len(word) > LINE_WIDTH:
                    lines.append(line)
                    line = word
                else:
                    line = f"{line} {word}" if line else word
        lines.append(line)
        paragraph = "\n".join(lines) + "\n"
        paragraphs.append(paragraph)
        total += len(paragraph) + 1
    return "\n".join(paragraphs), planted


def _sentences(rng: random.Random, terms: Sequence[str], count: int) -> tuple[str, int]:
    """`count` sentences of ordinary words on one line, with terms planted; and how many."""
    planted = 0
    sentences = []
    for _ in range(count):
        chosen = rng.choices(ORDINARY_WORDS, k=rng.randint(*SENTENCE_WORDS))
        for position in range(len(chosen)):
            if rng.randrange(TERM_EVERY) == 0:
                chosen[position] = _planted(rng.choice(terms), rng)
                planted += 1
        chosen[0] = chosen[0][:1].upper() + chosen[0][1:]
        sentences.append(" ".join(chosen) + rng.choice("...?!"))
    return " ".join(sentences), planted


def _markdown_block(rng: random.Random, terms: Sequence[str], number: int) -> tuple[str, int]:
    """One Markdown block of a kind chosen by weight, and how many prose terms it holds."""
    term = rng.choice(terms)
    kind = rng.choices(
        ("prose", "heading", "list", "fence", "indented", "table", "html", "quote", "refs"),
        weights=(10, 2, 3, 2, 1, 1, 1, 1, 1),
    )[0]
    if kind == "heading":
        text, planted = _sentences(rng, terms, 1)
        return f"{'#' * rng.randint(1, 3)} {text[:60].rstrip('.?!')}\n", planted
    if kind == "list":
        items = [_sentences(rng, terms, 1) for _ in range(rng.randint(2, 5))]
        lines = [f"{'  ' if i % 3 == 2 else ''}- {text}" for i, (text, _) in enumerate(items)]
        return "\n".join(lines) + "\n", sum(count for _, count in items)
    if kind == "fence":
        slug = term.replace(" ", "_")
        return f"```python\n{slug} = laad('{term}')\n\nprint({slug})\n```\n", 0
    if kind == "indented":
        return f"    {term}: true\n    export: {term}.csv\n", 0
    if kind == "table":
        rows = [f"| {rng.choice(ORDINARY_WORDS)} | {_planted(rng.choice(terms), rng)} | `{term}` |"]
        rows *= 3
        return "| onderwerp | begrip | code |\n| --- | --- | --- |\n" + "\n".join(rows) + "\n", 3
    if kind == "html":
        text, planted = _sentences(rng, terms, 2)
        return f'<div class="{term}" title="{term}">\n\n{_wrapped(text)}\n\n</div>\n', planted
    if kind == "quote":
        text, planted = _sentences(rng, terms, 2)
        return _wrapped(text, "> ") + "\n", planted
    if kind == "refs":
        return f'[ref-{number}]: https://crm.example.nl/{term.replace(" ", "-")} "{term}"\n', 0
    text, planted = _sentences(rng, terms, rng.randint(*PARAGRAPH_SENTENCES))
    words = text.split(" ")
    at = rng.randrange(len(words))
    link = rng.choice(
        (
            f'[{words[at]}](https://crm.example.nl/{term.replace(" ", "-")} "{term}")',
            f"`{term}`",
            f"[{words[at]}][ref-{max(0, number - 3)}]",
            f"https://crm.example.nl/{term.replace(' ', '-')}",
            f"**{words[at]}**",
        )
    )
    words[at] = link
    return _wrapped(" ".join(words)) + "\n", planted


def _wrapped(text: str, prefix: str = "") -> str:
    return textwrap.fill(
        text,
        LINE_WIDTH,
        initial_indent=prefix,
        subsequent_indent=prefix,
        break_long_words=False,
        break_on_hyphens=False,
    )


def generate_markdown(size: int, terms: Sequence[str], seed: int = 3) -> tuple[str, int]:
    """About `size` characters of Markdown notes; terms planted in the prose (counted) and
    in code, link targets and HTML attributes (not counted: they must stay)."""
    rng = random.Random(seed)
    blocks = ["---\ntitel: Gegenereerde notulen\ntags: [crm, notulen]\n---\n"]
    total = len(blocks[0])
    planted = 0
    number = 0
    while total < size:
        block, count = _markdown_block(rng, terms, number)
        blocks.append(block)
        total += len(block) + 1
        planted += count
        number += 1
    return "\n".join(blocks), planted


def lexicon_terms(yaml_text: str, audiences: Iterable[str] | None = None) -> list[str]:
    """Terms of a generated lexicon (or of `audiences` only), read back without a YAML parser."""
    wanted = set(audiences) if audiences is not None else None
    found: list[str] = []
    audience = ""
    for line in yaml_text.splitlines():
        header = re.fullmatch(r"    (\w+):", line)
        if header:
            audience = header.group(1)
            continue
        item = re.fullmatch(r"      - (?:term: )?(.+)", line)
        if item and (wanted is None or audience in wanted):
            found.append(item.group(1))
    return found


def split_lexicon(yaml_text: str, parts: int) -> list[str]:
    """A generated lexicon cut into `parts` lexicons of consecutive concepts, as YAML texts.

    Together they hold exactly the concepts (and so the unique terms) of the whole.
    """
    lines = yaml_text.splitlines()
    first = lines.index("concepts:") + 1
    header = lines[1:first]
    starts = [n for n, line in enumerate(lines) if line.startswith("  - id: ")]
    blocks = ["\n".join(lines[a:b]) for a, b in zip(starts, [*starts[1:], len(lines)], strict=True)]
    size = -(-len(blocks) // parts)
    texts = []
    for number in range(parts):
        title = f"# Part {number + 1} of {parts} of a generated lexicon."
        texts.append("\n".join([title, *header, *blocks[number * size : (number + 1) * size]]))
    return [text + "\n" for text in texts]


def edit_term(path: Path, number: int) -> str:
    """Rename one concept's term in a generated lexicon file, in place, to a word of its own.

    Always the same term (the first plain one from the middle of the file), renamed to a word
    that differs for each `number` and from every other term, as an editor's one-line change
    would; returns the new term.
    """
    lines = path.read_text(encoding="utf-8").split("\n")
    at = next(
        n
        for n in range(len(lines) // 2, len(lines))
        if lines[n].startswith("      - ") and not lines[n].startswith("      - term:")
    )
    suffix = "".join(_LETTERS[number // len(_LETTERS) ** k % len(_LETTERS)] for k in range(3))
    term = f"proefbegrip{suffix}"
    lines[at] = f"      - {term}"
    path.write_text("\n".join(lines), encoding="utf-8")
    return term


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    lexicon = commands.add_parser("lexicon", help="write a generated lexicon")
    lexicon.add_argument("concepts", type=int)
    lexicon.add_argument("out", type=Path)
    text = commands.add_parser("text", help="write generated text")
    markdown = commands.add_parser("markdown", help="write generated Markdown")
    text.add_argument("size", type=int, help="characters")
    text.add_argument("out", type=Path)
    text.add_argument("--lexicon", type=Path, help="plant terms of this generated lexicon")
    markdown.add_argument("size", type=int, help="characters")
    markdown.add_argument("out", type=Path)
    markdown.add_argument("--lexicon", type=Path, help="plant terms of this generated lexicon")
    arguments = parser.parse_args()
    if arguments.command == "lexicon":
        arguments.out.write_text(generate_lexicon(arguments.concepts), encoding="utf-8")
    else:
        source = arguments.lexicon or None
        terms = (
            lexicon_terms(source.read_text(encoding="utf-8"))
            if source
            else ["klantbeeld", "360-graden-klantbeeld", "backoffice koppeling"]
        )
        make = generate_markdown if arguments.command == "markdown" else generate_text
        text, planted = make(arguments.size, terms)
        arguments.out.write_text(text, encoding="utf-8")
        print(f"{len(text):,} characters, {planted:,} terms planted")


if __name__ == "__main__":
    main()

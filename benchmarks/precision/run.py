"""Precision benchmark: what dvd rewrites in text that is not about CRM work, and what it keeps.

Run with the project's environment: `python benchmarks/precision/run.py [--no-list]`.

Three measurements on the frozen sets of this folder (README.md), each for the target
audiences `it` and `sales`, side by side with plain exact keyword replacement (flashtext, as
`benchmarks/accuracy/run.py` does it):

1. **corpus/**: rewrites per 10,000 words of ordinary text, per language and target (words as
   `wc -w` counts them, from `corpus/index.tsv`). Each file is translated as `dvd translate -f
   FILE` does it: a paragraph at a time, through `Translator.translations`. Every rewrite is
   listed with its sentence, so that a reviewer can judge it. Target: at most 1 per 10,000.
2. **everyday/**: the share of sentences left byte for byte as they were (a term in its
   everyday sense: nothing may change), per language and target.
3. **crm/**: recall, the share of notes in which the term is rewritten when translating to the
   item's `to` (a rewrite of the item's concept), per language; the misses are listed.

An item whose term is no longer a term of its concept in the lexicons in force is reported as
stale and left out of the rates (the sets are frozen; the lexicons move on).

dvd runs with the built-in lexicons (or `--lexicon`), fuzzy matching on, the language detected
per paragraph (`--given-language` tells it instead). When the library knows the `context`
option (domain awareness), dvd is also run with `context=False`: every term rewritten wherever
it stands, as dvd did before it knew about domains.

Exit status: 0 (this is a report, whatever the numbers), 3 when a set cannot be read.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

try:
    import yaml

    from dikkevandale import Translator
    from dikkevandale.lexicon.layers import load_builtin, load_lexicon
    from dikkevandale.model import Lexicon
    from dikkevandale.normalize import spell
except ImportError:  # pragma: no cover - wrong interpreter
    sys.exit("run with the project's environment: python benchmarks/precision/run.py")

HERE = Path(__file__).resolve().parent
LANGUAGES = ("nl", "en", "pl")
TARGETS = ("it", "sales")
OTHER = "other"
"""The everyday rows of the target that is not the term's own audience."""
TARGET_PER_10K = 1.0
ITEM_KEYS = {"lang", "text", "term", "concept", "note", "to"}


class SetError(Exception):
    """A set that cannot be used; the message names the file."""


# --- The sets ------------------------------------------------------------------------------


@dataclass(frozen=True)
class CorpusFile:
    path: Path
    name: str
    lang: str
    genre: str
    words: int


@dataclass(frozen=True)
class Item:
    where: str
    lang: str
    text: str
    term: str
    concept: str
    note: str
    to: str | None


def corpus_files(root: Path) -> list[CorpusFile]:
    index = root / "corpus" / "index.tsv"
    try:
        with index.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle, delimiter="\t"))
    except OSError as error:
        raise SetError(f"{index}: cannot read: {error.strerror}") from None
    files: list[CorpusFile] = []
    for row in rows:
        path = root / "corpus" / row["file"]
        if not path.is_file():
            raise SetError(f"{index}: {row['file']} is listed but missing")
        files.append(
            CorpusFile(path, row["file"], row["language"], row["genre"], int(row["words"]))
        )
    return files


def load_items(path: Path) -> list[Item]:
    try:
        source = path.read_text(encoding="utf-8")
        nodes = yaml.compose(source, Loader=yaml.SafeLoader)
        data = yaml.safe_load(source)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        raise SetError(f"{path}: cannot read: {error}") from None
    if not isinstance(data, list) or not isinstance(nodes, yaml.SequenceNode):
        raise SetError(f"{path}: must be a YAML list of items")
    items: list[Item] = []
    for raw, node in zip(data, nodes.value, strict=True):
        where = f"{path.parent.name}/{path.name}:{node.start_mark.line + 1}"
        if not isinstance(raw, dict) or not {"lang", "text", "term", "concept"} <= set(raw):
            raise SetError(f"{where}: an item has lang, text, term and concept")
        if set(raw) - ITEM_KEYS:
            raise SetError(f"{where}: unknown keys {sorted(set(raw) - ITEM_KEYS)}")
        items.append(
            Item(
                where,
                raw["lang"],
                raw["text"],
                raw["term"],
                raw["concept"],
                raw.get("note", ""),
                raw.get("to"),
            )
        )
    return items


def owners(item: Item, lexicon: Lexicon) -> list[str]:
    """The audiences whose term `item.term` is, in the item's concept."""
    concept = next((c for c in lexicon.concepts if c.id == item.concept), None)
    key = spell(item.term)
    if concept is None or key is None:
        return []
    return [
        audience
        for audience, terms in concept.terms.items()
        for term in terms
        if spell(term.text) == key
    ]


def stale_reason(item: Item, lexicon: Lexicon) -> str | None:
    """Why an item no longer fits the lexicons in force, or None when it still does."""
    if not any(c.id == item.concept for c in lexicon.concepts):
        return f"concept '{item.concept}' is not in the lexicons"
    audiences = owners(item, lexicon)
    if not audiences:
        return f"'{item.term}' is no longer a term of '{item.concept}'"
    if item.to is not None and audiences == [item.to]:
        return f"'{item.term}' is now a {item.to} term: nothing to rewrite"
    return None


# --- The systems ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Hit:
    """One rewrite: offsets into the whole text, the concept, what stood there, what came."""

    start: int
    end: int
    concept: str
    text: str
    replacement: str
    detail: str = ""


System = Callable[[str, str, str], tuple[str, list[Hit]]]
"""(text, language, target) → the output and its rewrites."""


def dvd_system(translator: Translator, given_language: bool, **options: Any) -> System:
    def run(text: str, lang: str, to: str) -> tuple[str, list[Hit]]:
        language = lang if given_language else None
        import io

        out: list[str] = []
        hits: list[Hit] = []
        stream = io.BytesIO(text.encode("utf-8"))
        for piece in translator.translations(stream, to, language=language, **options):
            out.append(piece.translation.text)
            hits += [
                Hit(
                    piece.offset + r.start,
                    piece.offset + r.end,
                    r.match.concept,
                    r.text,
                    r.replacement,
                    f"{r.match.kind.value} {r.match.score:.0f}",
                )
                for r in piece.translation.rewrites
            ]
        return "".join(out), hits

    return run


def keyword_system(lexicon: Lexicon, texts: Sequence[str]) -> System | None:
    """flashtext, case-insensitive, exact lexicon spellings of the text's language."""
    try:
        from flashtext import KeywordProcessor
    except ImportError:
        return None
    letters = {c for text in texts for c in text if c.isalnum()} | {"_"}
    letters |= {
        c
        for concept in lexicon.concepts
        for terms in concept.terms.values()
        for term in terms
        for c in term.text
        if c.isalnum()
    }
    processors: dict[tuple[str, str], tuple[Any, dict[str, str]]] = {}

    def processor_for(lang: str, to: str) -> tuple[Any, dict[str, str]]:
        if (lang, to) not in processors:
            spans = KeywordProcessor(case_sensitive=False)
            spans.set_non_word_boundaries(set(letters))
            targets: dict[str, str] = {}
            for concept in lexicon.concepts:
                target = concept.preferred(to)
                if concept.language != lang or target is None:
                    continue
                targets[concept.id] = target.text
                for audience, terms in concept.terms.items():
                    if audience != to:
                        for term in terms:
                            spans.add_keyword(term.text, concept.id)
            processors[(lang, to)] = (spans, targets)
        return processors[(lang, to)]

    def run(text: str, lang: str, to: str) -> tuple[str, list[Hit]]:
        spans, targets = processor_for(lang, to)
        hits = [
            Hit(start, end, concept, text[start:end], targets[concept], "keyword")
            for concept, start, end in spans.extract_keywords(text, span_info=True)
        ]
        pieces, position = [], 0
        for hit in hits:
            pieces += [text[position : hit.start], hit.replacement]
            position = hit.end
        pieces.append(text[position:])
        return "".join(pieces), hits

    return run


# --- Measuring -----------------------------------------------------------------------------


@dataclass
class CorpusResult:
    words: int = 0
    rewrites: int = 0

    @property
    def per_10k(self) -> float:
        return 10_000 * self.rewrites / self.words if self.words else 0.0


@dataclass(frozen=True)
class Listed:
    file: str
    line: int
    to: str
    hit: Hit
    sentence: str


def run_corpus(
    system: System, files: Sequence[CorpusFile], texts: dict[str, str], targets: Sequence[str]
) -> tuple[dict[tuple[str, str], CorpusResult], list[Listed]]:
    results: dict[tuple[str, str], CorpusResult] = {}
    listed: list[Listed] = []
    for file in files:
        text = texts[file.name]
        for to in targets:
            _, hits = system(text, file.lang, to)
            result = results.setdefault((file.lang, to), CorpusResult())
            result.words += file.words
            result.rewrites += len(hits)
            listed += [
                Listed(file.name, text.count("\n", 0, hit.start) + 1, to, hit, sentence(text, hit))
                for hit in hits
            ]
    return results, listed


_SENTENCE_END = re.compile(r"[.!?…](?=\s)|\n")


def sentence(text: str, hit: Hit, width: int = 220) -> str:
    """The sentence around a rewrite, the rewritten words in «», on one line."""
    start = 0
    for found in _SENTENCE_END.finditer(text, max(0, hit.start - width), hit.start):
        start = found.end()
    found = _SENTENCE_END.search(text, hit.end)
    end = found.end() if found else len(text)
    before = text[max(start, hit.start - width // 2) : hit.start]
    after = text[hit.end : min(end, hit.end + width // 2)]
    shown = f"{before}«{text[hit.start : hit.end]}»{after}"
    return " ".join(shown.split())


@dataclass
class Tally:
    items: int = 0
    good: int = 0
    stale: int = 0

    @property
    def rate(self) -> float | None:
        return self.good / self.items if self.items else None


def run_everyday(
    system: System, items: Sequence[Item], lexicon: Lexicon, targets: Sequence[str]
) -> tuple[dict[tuple[str, str], Tally], list[tuple[Item, str, str]]]:
    tallies: dict[tuple[str, str], Tally] = {}
    changed: list[tuple[Item, str, str]] = []
    for item in items:
        for to in targets:
            tally = tallies.setdefault((item.lang, to), Tally())
            if stale_reason(item, lexicon):
                tally.stale += 1
                continue
            output, _ = system(item.text, item.lang, to)
            # Where `to` is the term's own audience there is nothing to rewrite: the other
            # target is the one that tells.
            exposed = tallies.setdefault((item.lang, OTHER), Tally())
            counted = [tally, exposed] if to not in owners(item, lexicon) else [tally]
            for each in counted:
                each.items += 1
                each.good += output == item.text
            if output != item.text:
                changed.append((item, to, output))
    return tallies, changed


def run_crm(
    system: System, items: Sequence[Item], lexicon: Lexicon
) -> tuple[dict[str, Tally], list[tuple[Item, str]]]:
    tallies: dict[str, Tally] = {}
    missed: list[tuple[Item, str]] = []
    for item in items:
        tally = tallies.setdefault(item.lang, Tally())
        if stale_reason(item, lexicon) or item.to is None:
            tally.stale += 1
            continue
        output, hits = system(item.text, item.lang, item.to)
        tally.items += 1
        if any(hit.concept == item.concept for hit in hits):
            tally.good += 1
        else:
            missed.append((item, output))
    return tallies, missed


# --- Reporting -----------------------------------------------------------------------------


def _rate(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def _sum_corpus(results: dict[tuple[str, str], CorpusResult], keys: Iterator[Any]) -> CorpusResult:
    total = CorpusResult()
    for key in keys:
        if key in results:
            total.words += results[key].words
            total.rewrites += results[key].rewrites
    return total


def print_corpus(
    names: Sequence[str],
    runs: Sequence[dict[tuple[str, str], CorpusResult]],
    targets: Sequence[str],
) -> None:
    print("1. corpus/: rewrites per 10,000 words of ordinary text (target <= 1)")
    print(f"  {'lang':<5} {'to':<6} {'words':>7}" + "".join(f" | {n:>24}" for n in names))
    rows: list[tuple[str, str, list[CorpusResult]]] = []
    for lang in LANGUAGES:
        rows += [
            (lang, to, [run[(lang, to)] for run in runs]) for to in targets if (lang, to) in runs[0]
        ]
        rows.append((lang, "both", [_sum_corpus(r, ((lang, t) for t in targets)) for r in runs]))
    every = [(lang, to) for lang in LANGUAGES for to in targets]
    rows.append(("all", "both", [_sum_corpus(r, iter(every)) for r in runs]))
    for lang, to, results in rows:
        words = results[0].words // (len(targets) if to == "both" else 1)
        cells = "".join(f" | {r.rewrites:>6} = {r.per_10k:>6.2f}/10k    " for r in results)
        print(f"  {lang:<5} {to:<6} {words:>7}{cells}")


def print_everyday(
    names: Sequence[str], runs: Sequence[dict[tuple[str, str], Tally]], targets: Sequence[str]
) -> None:
    print("2. everyday/: share of sentences left untouched (a term in its everyday sense)")
    print(f"  {'lang':<5} {'to':<6} {'items':>5}" + "".join(f" | {n:>24}" for n in names))
    for lang in LANGUAGES:
        for to in (*targets, OTHER):
            if (lang, to) not in runs[0]:
                continue
            first = runs[0][(lang, to)]
            cells = "".join(
                f" | {t.good:>4}/{t.items:<4} = {_rate(t.rate):>7}    "
                for t in (run[(lang, to)] for run in runs)
            )
            stale = f"   ({first.stale} stale)" if first.stale else ""
            print(f"  {lang:<5} {to:<6} {first.items:>5}{cells}{stale}")
    for to, label in (("both", "both"), (OTHER, OTHER)):
        totals = [
            _total(t for (_, key), t in run.items() if (key == OTHER) == (to == OTHER))
            for run in runs
        ]
        cells = "".join(f" | {t.good:>4}/{t.items:<4} = {_rate(t.rate):>7}    " for t in totals)
        print(f"  {'all':<5} {label:<6} {totals[0].items:>5}{cells}")
    print(f"  ({OTHER}: translated to the audience the term does not belong to)")


def print_crm(names: Sequence[str], runs: Sequence[dict[str, Tally]]) -> None:
    print("3. crm/: recall, the term rewritten in CRM notes (to the item's audience)")
    print(f"  {'lang':<5} {'items':>12}" + "".join(f" | {n:>24}" for n in names))
    for lang in LANGUAGES:
        if lang not in runs[0]:
            continue
        first = runs[0][lang]
        cells = "".join(
            f" | {t.good:>4}/{t.items:<4} = {_rate(t.rate):>7}    " for t in (r[lang] for r in runs)
        )
        stale = f"   ({first.stale} stale)" if first.stale else ""
        print(f"  {lang:<5} {first.items:>12}{cells}{stale}")
    totals = [_total(run.values()) for run in runs]
    cells = "".join(f" | {t.good:>4}/{t.items:<4} = {_rate(t.rate):>7}    " for t in totals)
    print(f"  {'all':<5} {totals[0].items:>12}{cells}")


def _total(tallies: Any) -> Tally:
    total = Tally()
    for tally in tallies:
        total.items += tally.items
        total.good += tally.good
        total.stale += tally.stale
    return total


def print_listing(
    name: str,
    listed: Sequence[Listed],
    changed: Sequence[tuple[Item, str, str]],
    missed: Sequence[tuple[Item, str]],
    stale: Sequence[tuple[Item, str]],
) -> None:
    print()
    print(f"Corpus rewrites by {name}: {len(listed)} (judge each: is it CRM jargon here?)")
    for entry in sorted(listed, key=lambda e: (e.file, e.hit.start, e.to)):
        hit = entry.hit
        print(
            f"  {entry.file}:{entry.line} --to {entry.to}: {hit.text!r} → {hit.replacement!r} "
            f"({hit.concept}, {hit.detail})"
        )
        print(f"      {entry.sentence}")
    print()
    print(f"Everyday sentences changed by {name}: {len(changed)}")
    for item, to, output in changed:
        print(f"  [{item.where}] --to {to} ({item.concept}: {item.note})")
        print(f"      in:  {item.text}")
        print(f"      out: {output}")
    print()
    print(f"CRM notes where {name} missed the term: {len(missed)}")
    for item, output in missed:
        print(f"  [{item.where}] --to {item.to}: {item.term!r} ({item.concept}: {item.note})")
        print(f"      in:  {item.text}")
        print(f"      out: {output}")
    if stale:
        print()
        print(f"Stale items (left out of the rates): {len(stale)}")
        for item, reason in stale:
            print(f"  [{item.where}] {reason}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="dvd precision benchmark: rewrites in ordinary text, everyday senses left "
        "alone, CRM recall kept; dvd against exact keyword replacement (flashtext)."
    )
    parser.add_argument("--no-list", action="store_true", help="only the tables")
    parser.add_argument(
        "--given-language", action="store_true", help="tell dvd each text's language"
    )
    parser.add_argument("--to", choices=TARGETS, action="append", help="only these targets")
    parser.add_argument(
        "--lexicon",
        type=Path,
        action="append",
        help="use these lexicon files or folders instead of the built-in lexicons (repeatable)",
    )
    parser.add_argument("--sets", type=Path, default=HERE, help="folder of the sets")
    args = parser.parse_args(argv)
    targets = tuple(args.to or TARGETS)

    lexicon = load_lexicon(args.lexicon, builtin=False) if args.lexicon else load_builtin()
    translator = Translator(args.lexicon or (), builtin=not args.lexicon)
    try:
        files = corpus_files(args.sets)
        everyday = [
            i for lang in LANGUAGES for i in load_items(args.sets / "everyday" / f"{lang}.yaml")
        ]
        crm = [i for lang in LANGUAGES for i in load_items(args.sets / "crm" / f"{lang}.yaml")]
    except SetError as error:
        print(f"run.py: {error}", file=sys.stderr)
        return 3
    texts = {file.name: file.path.read_text(encoding="utf-8") for file in files}

    systems: list[tuple[str, System]] = [("dvd", dvd_system(translator, args.given_language))]
    if _knows_context():
        systems.append(
            ("dvd context=False", dvd_system(translator, args.given_language, context=False))
        )
    baseline = keyword_system(lexicon, [*texts.values(), *(i.text for i in everyday + crm)])
    if baseline is not None:
        systems.append(("keyword replace", baseline))

    words = {lang: sum(f.words for f in files if f.lang == lang) for lang in LANGUAGES}
    print(
        "dvd precision benchmark: corpus "
        + ", ".join(f"{lang} {words[lang]:,} words" for lang in LANGUAGES)
        + f"; everyday {len(everyday)} items; crm {len(crm)} items; "
        + f"{len(lexicon.concepts)} concepts in "
        + (", ".join(map(str, args.lexicon)) if args.lexicon else "the built-in lexicons")
    )
    detection = "given per text" if args.given_language else "detected per paragraph"
    print(f"dvd: library Translator, fuzzy on, language {detection}")
    if baseline is None:
        print("baseline: flashtext is not installed (pip install -e '.[bench]')")
    else:
        print("baseline: flashtext, case-insensitive, exact spellings of the text's language")
    print()

    names = [name for name, _ in systems]
    corpus = [run_corpus(system, files, texts, targets) for _, system in systems]
    print_corpus(names, [results for results, _ in corpus], targets)
    print()
    days = [run_everyday(system, everyday, lexicon, targets) for _, system in systems]
    print_everyday(names, [tallies for tallies, _ in days], targets)
    print()
    crms = [run_crm(system, crm, lexicon) for _, system in systems]
    print_crm(names, [tallies for tallies, _ in crms])
    if not args.no_list:
        stale = [(i, r) for i in everyday + crm if (r := stale_reason(i, lexicon)) is not None]
        print_listing("dvd", corpus[0][1], days[0][1], crms[0][1], stale)
    return 0


def _knows_context() -> bool:
    """Whether this dikkevandale has domain awareness (the `context` option)."""
    try:
        from dikkevandale.translator import Options
    except ImportError:  # pragma: no cover
        return False
    return "context" in getattr(Options, "__dataclass_fields__", {})


if __name__ == "__main__":
    sys.exit(main())

"""Accuracy benchmark for dvd: annotated sentences, span precision/recall and exact outputs.

Run with the project's environment: `python benchmarks/accuracy/run.py [--show-failures]`.

Every case (see cases/*.yaml and README.md) is a sentence, a target audience, the exact output a
careful human would write and the concept spans that should be rewritten. Each case is
translated by dvd (the built-in lexicons, through the library, language detected from the text
as `dvd translate` does) and by a baseline: plain exact keyword replacement with flashtext
(case-insensitive, every term of every non-target audience spelled exactly as in the lexicon of
the case's language -> the target audience's preferred term).

Scoring: a predicted rewrite is a true positive when it overlaps an unclaimed expected span of
the same concept (one-to-one). Precision = TP / predicted, recall = TP / expected, summed over
cases, per group x language, per group, per language and overall. Exact-output rate = share of
cases whose output equals `expect` character for character. Trap cases expect no rewrite at
all; for them the rate that counts is the share left untouched.

Exit status: 0 (this is a report, whatever the numbers), 3 when the cases are invalid.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

try:
    import yaml

    from dikkevandale import translate
    from dikkevandale.lexicon.layers import load_builtin, load_lexicon
    from dikkevandale.matching.index import Index, compile_index
except ImportError:  # pragma: no cover - wrong interpreter
    sys.exit("run with the project's environment: python benchmarks/accuracy/run.py")

HERE = Path(__file__).resolve().parent
DEFAULT_CASES = HERE / "cases"

LANGUAGES = ("nl", "en", "pl")
GROUPS = (
    "exact",
    "case",
    "variant",
    "plural",
    "diminutive",
    "typo",
    "linewrap",
    "article",
    "polish-case",
    "trap",
    # Groups of the frozen test set (frozen/README.md).
    "adjective",
    "pronoun",
    "capitals",
    "doubling",
    "fuzzy-trap",
)
TRAP_GROUPS = ("trap", "fuzzy-trap")
"""Groups whose cases expect nothing to change; what counts for them is the share left alone."""
# Groups that only make sense in one language.
GROUP_LANGUAGE = {"diminutive": "nl", "article": "nl", "polish-case": "pl"}
CASE_KEYS = {"lang", "group", "text", "to", "expect", "spans", "note"}
REQUIRED_KEYS = ("lang", "group", "text", "to", "expect", "spans")
SPAN_KEYS = {"text", "concept"}

TARGET_RECALL = 0.95
TARGET_PRECISION = 0.99
TARGET_GROUP = 0.90


class CasesError(Exception):
    """The cases file cannot be used; the message names the file and line."""


# --- Loading and validating the cases ------------------------------------------------------


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    concept: str
    text: str


@dataclass(frozen=True)
class Case:
    where: str  # file:line
    lang: str
    group: str
    text: str
    to: str
    expect: str
    spans: tuple[Span, ...]
    note: str = ""


class _UniqueKeyLoader(yaml.SafeLoader):
    """A SafeLoader that rejects a key repeated in one mapping (PyYAML keeps the last one)."""


def _construct_mapping(loader: _UniqueKeyLoader, node: yaml.MappingNode) -> dict[Any, Any]:
    seen: set[Any] = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node)
        if key in seen:
            mark = key_node.start_mark
            raise CasesError(f"{mark.line + 1}: duplicate key {key!r}")
        seen.add(key)
    return loader.construct_mapping(node)


_UniqueKeyLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG,
    _construct_mapping,
)


def case_files(path: Path) -> list[Path]:
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.suffix in (".yaml", ".yml"))
        if not files:
            raise CasesError(f"{path}: no *.yaml case files")
        return files
    if not path.is_file():
        raise CasesError(f"{path}: no such file or folder")
    return [path]


def _locate(text: str, spans: Sequence[dict[str, Any]], where: str) -> tuple[Span, ...]:
    """Expected spans as offsets: each span text is searched after the previous one."""
    found: list[Span] = []
    position = 0
    for number, span in enumerate(spans, 1):
        start = text.find(span["text"], position)
        if start < 0:
            raise CasesError(
                f"{where}: span {number} text {span['text']!r} not found in the case text"
                + (" after the previous span" if position else "")
            )
        end = start + len(span["text"])
        found.append(Span(start, end, span["concept"], span["text"]))
        position = end
    return tuple(found)


def _check_case(raw: Any, where: str, concepts: dict[str, str], audiences: Iterable[str]) -> Case:
    if not isinstance(raw, dict):
        raise CasesError(f"{where}: a case must be a mapping")
    unknown = set(raw) - CASE_KEYS
    if unknown:
        raise CasesError(f"{where}: unknown key(s) {', '.join(sorted(map(str, unknown)))}")
    for key in REQUIRED_KEYS:
        if key not in raw:
            raise CasesError(f"{where}: missing key '{key}'")
    for key in ("lang", "group", "text", "to", "expect"):
        if not isinstance(raw[key], str) or not raw[key]:
            raise CasesError(f"{where}: '{key}' must be a non-empty string")
    lang, group = raw["lang"], raw["group"]
    if lang not in LANGUAGES:
        raise CasesError(f"{where}: lang {lang!r} is not one of {', '.join(LANGUAGES)}")
    if group not in GROUPS:
        raise CasesError(f"{where}: group {group!r} is not one of {', '.join(GROUPS)}")
    if GROUP_LANGUAGE.get(group, lang) != lang:
        raise CasesError(f"{where}: group {group!r} is for lang {GROUP_LANGUAGE[group]!r} only")
    if raw["to"] not in audiences:
        raise CasesError(f"{where}: audience {raw['to']!r} is not in the lexicons")
    spans = raw["spans"]
    if not isinstance(spans, list):
        raise CasesError(f"{where}: 'spans' must be a list (use [] for none)")
    for number, span in enumerate(spans, 1):
        if not isinstance(span, dict) or set(span) != SPAN_KEYS:
            raise CasesError(f"{where}: span {number} must have exactly 'text' and 'concept'")
        if not isinstance(span["text"], str) or not span["text"]:
            raise CasesError(f"{where}: span {number} text must be a non-empty string")
        concept = span["concept"]
        if concept not in concepts:
            raise CasesError(f"{where}: span {number} names unknown concept {concept!r}")
        if concepts[concept] != lang:
            raise CasesError(
                f"{where}: span {number} concept {concept!r} is {concepts[concept]}, case is {lang}"
            )
    if group in TRAP_GROUPS and (spans or raw["expect"] != raw["text"]):
        raise CasesError(f"{where}: a {group} case has spans: [] and expect equal to text")
    if group not in TRAP_GROUPS and not spans:
        raise CasesError(f"{where}: only {' and '.join(TRAP_GROUPS)} cases may have no spans")
    note = raw.get("note", "")
    if not isinstance(note, str):
        raise CasesError(f"{where}: 'note' must be a string")
    return Case(
        where, lang, group, raw["text"], raw["to"], raw["expect"],
        _locate(raw["text"], spans, where), note,
    )  # fmt: skip


def load_cases(path: Path, concepts: dict[str, str], audiences: Iterable[str]) -> list[Case]:
    cases: list[Case] = []
    audiences = set(audiences)
    for file in case_files(path):
        label = file.name
        try:
            source = file.read_text(encoding="utf-8")
            nodes = yaml.compose(source, Loader=yaml.SafeLoader)
            data = yaml.load(source, Loader=_UniqueKeyLoader)
        except CasesError as error:
            raise CasesError(f"{label}:{error}") from None
        except (OSError, UnicodeDecodeError) as error:
            raise CasesError(f"{label}: cannot read: {error}") from None
        except yaml.YAMLError as error:
            mark = getattr(error, "problem_mark", None)
            line = f":{mark.line + 1}" if mark is not None else ""
            problem = getattr(error, "problem", None) or str(error).splitlines()[0]
            raise CasesError(f"{label}{line}: invalid YAML: {problem}") from None
        if data is None:
            continue
        if not isinstance(data, list) or not isinstance(nodes, yaml.SequenceNode):
            raise CasesError(f"{label}: the file must be a YAML list of cases")
        for raw, node in zip(data, nodes.value, strict=True):
            where = f"{label}:{node.start_mark.line + 1}"
            cases.append(_check_case(raw, where, concepts, audiences))
    if not cases:
        raise CasesError(f"{path}: no cases")
    return cases


# --- The two systems -----------------------------------------------------------------------


@dataclass(frozen=True)
class Predicted:
    start: int
    end: int
    concept: str
    text: str
    detail: str = ""


@dataclass(frozen=True)
class Result:
    output: str
    predicted: tuple[Predicted, ...]


def dvd_system(index: Index, given_language: bool) -> Callable[[Case], Result]:
    def run(case: Case) -> Result:
        language = case.lang if given_language else None
        translation = translate(case.text, index, case.to, language=language)
        predicted = tuple(
            Predicted(
                rewrite.start,
                rewrite.end,
                rewrite.match.concept,
                rewrite.text,
                f"{rewrite.match.kind.value} {rewrite.match.score:.0f} -> {rewrite.replacement!r}",
            )
            for rewrite in translation.rewrites
        )
        return Result(translation.text, predicted)

    return run


def baseline_system(index: Index, cases: Sequence[Case]) -> Callable[[Case], Result] | None:
    """flashtext, case-insensitive, exact lexicon spellings only; None if it is not installed."""
    try:
        from flashtext import KeywordProcessor
    except ImportError:
        return None
    # Whole words as flashtext understands them, but with every letter the texts use (its
    # default set is ASCII only, which would let "wdrożenie" end at "ż").
    letters = {c for case in cases for c in case.text if c.isalnum()} | {"_"}
    letters |= {
        c
        for concept in index.concepts
        for terms in concept.terms.values()
        for term in terms
        for c in term.text
        if c.isalnum()
    }
    processors: dict[tuple[str, str], tuple[Any, Any]] = {}

    def processors_for(lang: str, to: str) -> tuple[Any, Any]:
        if (lang, to) not in processors:
            spans = KeywordProcessor(case_sensitive=False)
            replace = KeywordProcessor(case_sensitive=False)
            for processor in (spans, replace):
                processor.set_non_word_boundaries(set(letters))
            for concept in index.concepts:
                target = concept.preferred(to)
                if concept.language != lang or target is None:
                    continue
                for audience, terms in concept.terms.items():
                    if audience == to:
                        continue
                    for term in terms:
                        spans.add_keyword(term.text, concept.id)
                        replace.add_keyword(term.text, target.text)
            processors[(lang, to)] = (spans, replace)
        return processors[(lang, to)]

    def run(case: Case) -> Result:
        spans, replace = processors_for(case.lang, case.to)
        predicted = tuple(
            Predicted(start, end, concept, case.text[start:end], "keyword")
            for concept, start, end in spans.extract_keywords(case.text, span_info=True)
        )
        return Result(replace.replace_keywords(case.text), predicted)

    return run


# --- Scoring -------------------------------------------------------------------------------


@dataclass
class Score:
    cases: int = 0
    expected: int = 0
    predicted: int = 0
    tp: int = 0
    exact: int = 0
    untouched: int = 0  # cases with no predicted rewrite (what counts for traps)

    def add(self, other: Score) -> None:
        self.cases += other.cases
        self.expected += other.expected
        self.predicted += other.predicted
        self.tp += other.tp
        self.exact += other.exact
        self.untouched += other.untouched

    @property
    def precision(self) -> float | None:
        return self.tp / self.predicted if self.predicted else None

    @property
    def recall(self) -> float | None:
        return self.tp / self.expected if self.expected else None

    @property
    def exact_rate(self) -> float | None:
        return self.exact / self.cases if self.cases else None

    @property
    def untouched_rate(self) -> float | None:
        return self.untouched / self.cases if self.cases else None


@dataclass
class Outcome:
    case: Case
    result: Result
    score: Score
    missed: list[Span] = field(default_factory=list)
    wrong: list[Predicted] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        return bool(self.missed or self.wrong) or self.result.output != self.case.expect


def score_case(case: Case, result: Result) -> Outcome:
    claimed = [False] * len(case.spans)
    wrong: list[Predicted] = []
    for guess in result.predicted:
        for number, span in enumerate(case.spans):
            overlaps = guess.start < span.end and span.start < guess.end
            if not claimed[number] and overlaps and guess.concept == span.concept:
                claimed[number] = True
                break
        else:
            wrong.append(guess)
    missed = [span for span, done in zip(case.spans, claimed, strict=True) if not done]
    tp = sum(claimed)
    score = Score(
        cases=1,
        expected=len(case.spans),
        predicted=len(result.predicted),
        tp=tp,
        exact=int(result.output == case.expect),
        untouched=int(not result.predicted),
    )
    return Outcome(case, result, score, missed, wrong)


def aggregate(outcomes: Iterable[Outcome], key: Callable[[Case], Any]) -> dict[Any, Score]:
    totals: dict[Any, Score] = defaultdict(Score)
    for outcome in outcomes:
        totals[key(outcome.case)].add(outcome.score)
    return totals


# --- Reporting -----------------------------------------------------------------------------


def _rate(value: float | None) -> str:
    return "   -" if value is None else f"{value:.2f}" if value < 1 else "1.00"


def _metrics(score: Score, trap: bool) -> str:
    # P, R, exact-output rate, then false positives / false negatives as counts.
    fp = score.predicted - score.tp
    fn = score.expected - score.tp
    recall = "   -" if trap else _rate(score.recall)
    return f"{_rate(score.precision):>5} {recall:>5} {_rate(score.exact_rate):>5} {fp:>4} {fn:>4}"


def print_table(
    rows: list[tuple[str, str, bool, Score, Score | None]], systems: Sequence[str]
) -> None:
    head = f"{'group':<12} {'lang':<5} {'cases':>5} {'spans':>5}"
    block = f"{'P':>5} {'R':>5} {'exact':>5} {'fp':>4} {'fn':>4}"
    width = len(block)
    print(f"{'':<{len(head)}}  " + "  ".join(f"| {name:^{width}}" for name in systems))
    print(f"{head}  " + "  ".join(f"| {block}" for _ in systems))
    print("-" * (len(head) + 2 + (width + 4) * len(systems)))
    for group, lang, trap, ours, theirs in rows:
        if group == "---":
            print("-" * (len(head) + 2 + (width + 4) * len(systems)))
            continue
        line = f"{group:<12} {lang:<5} {ours.cases:>5} {ours.expected:>5}  | {_metrics(ours, trap)}"
        if theirs is not None:
            line += f"  | {_metrics(theirs, trap)}"
        print(line)


def build_rows(
    ours: list[Outcome], theirs: list[Outcome] | None
) -> list[tuple[str, str, bool, Score, Score | None]]:
    by_cell = aggregate(ours, lambda c: (c.group, c.lang))
    by_group = aggregate(ours, lambda c: c.group)
    by_lang = aggregate(ours, lambda c: c.lang)
    overall = aggregate(ours, lambda c: "all")
    if theirs is not None:
        t_cell = aggregate(theirs, lambda c: (c.group, c.lang))
        t_group = aggregate(theirs, lambda c: c.group)
        t_lang = aggregate(theirs, lambda c: c.lang)
        t_all = aggregate(theirs, lambda c: "all")
    rows: list[tuple[str, str, bool, Score, Score | None]] = []
    for group in GROUPS:
        if group not in by_group:
            continue
        trap = group in TRAP_GROUPS
        cells = [lang for lang in LANGUAGES if (group, lang) in by_cell]
        for lang in cells:
            other = t_cell[(group, lang)] if theirs is not None else None
            rows.append((group, lang, trap, by_cell[(group, lang)], other))
        if len(cells) > 1:
            other = t_group[group] if theirs is not None else None
            rows.append((group, "all", trap, by_group[group], other))
    rows.append(("---", "", False, Score(), None))
    for lang in LANGUAGES:
        if lang in by_lang:
            other = t_lang[lang] if theirs is not None else None
            rows.append(("all", lang, False, by_lang[lang], other))
    rows.append(("all", "all", False, overall["all"], t_all["all"] if theirs is not None else None))
    return rows


def targets(outcomes: list[Outcome]) -> list[tuple[str, float | None, float, bool]]:
    """(what, value, target, met) for the issue's targets."""
    overall = aggregate(outcomes, lambda c: "all")["all"]
    checks: list[tuple[str, float | None, float, bool]] = []
    recall, precision = overall.recall, overall.precision
    checks.append(("overall recall", recall, TARGET_RECALL, (recall or 0.0) >= TARGET_RECALL))
    checks.append(
        (
            "overall precision",
            precision,
            TARGET_PRECISION,
            precision is None or precision >= TARGET_PRECISION,
        )
    )
    for group, score in sorted(
        aggregate(outcomes, lambda c: c.group).items(), key=lambda item: GROUPS.index(item[0])
    ):
        if group in TRAP_GROUPS:
            value = score.untouched_rate
            checks.append(
                (f"{group}: share untouched", value, TARGET_GROUP, (value or 0.0) >= TARGET_GROUP)
            )
            continue
        for name, value in (("precision", score.precision), ("recall", score.recall)):
            met = value is None or value >= TARGET_GROUP
            checks.append((f"{group}: {name}", value, TARGET_GROUP, met))
    return checks


def print_targets(systems: Sequence[tuple[str, list[Outcome]]]) -> None:
    print()
    print(
        f"Targets: recall >= {TARGET_RECALL}, precision >= {TARGET_PRECISION} overall; "
        f"no group below {TARGET_GROUP} (precision and recall; traps: share left untouched)"
    )
    results = [(name, targets(outcomes)) for name, outcomes in systems]
    names = [check[0] for check in results[0][1]]
    print(f"  {'':<28}" + "".join(f"{name:>26}" for name, _ in results))
    for row, what in enumerate(names):
        cells = []
        for _, checks in results:
            _, value, _target, met = checks[row]
            shown = "-" if value is None else f"{value:.3f}"
            cells.append(f"{shown} {'met' if met else 'NOT MET'}")
        print(f"  {what:<28}" + "".join(f"{cell:>26}" for cell in cells))
    for name, checks in results:
        failed = [check[0] for check in checks if not check[3]]
        verdict = "all targets met" if not failed else f"{len(failed)} target(s) not met"
        print(f"  {name}: {verdict}")


def _show(text: str) -> str:
    return repr(text) if any(c in text for c in "\n\r\t") else text


def print_failures(name: str, outcomes: list[Outcome]) -> None:
    failures = [outcome for outcome in outcomes if outcome.failed]
    print()
    print(f"Failures of {name}: {len(failures)} of {len(outcomes)} cases")
    for outcome in failures:
        case, result = outcome.case, outcome.result
        print()
        print(f"[{case.where}] {case.lang} {case.group} --to {case.to}")
        print(f"  input:    {_show(case.text)}")
        print(f"  expected: {_show(case.expect)}")
        if result.output == case.expect:
            print("  got:      (same as expected)")
        else:
            print(f"  got:      {_show(result.output)}")
        for span in outcome.missed:
            print(f"  missed:   {_show(span.text)!s} ({span.concept})")
        for guess in outcome.wrong:
            print(f"  wrong:    {_show(guess.text)!s} ({guess.concept}, {guess.detail})")
        if case.note:
            print(f"  note:     {case.note}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="dvd accuracy benchmark: span precision/recall and exact-output rate, "
        "dvd against exact keyword replacement (flashtext)."
    )
    parser.add_argument(
        "--cases",
        type=Path,
        default=DEFAULT_CASES,
        help="a cases YAML file or a folder of them (default: %(default)s)",
    )
    parser.add_argument(
        "--show-failures", action="store_true", help="list every case dvd gets wrong"
    )
    parser.add_argument(
        "--show-baseline-failures",
        action="store_true",
        help="list every case the keyword baseline gets wrong",
    )
    parser.add_argument("--lang", choices=LANGUAGES, action="append", help="only these languages")
    parser.add_argument("--group", choices=GROUPS, action="append", help="only these groups")
    parser.add_argument(
        "--lexicon",
        type=Path,
        action="append",
        help="use these lexicon files or folders instead of the built-in lexicons (repeatable)",
    )
    parser.add_argument(
        "--given-language",
        action="store_true",
        help="tell dvd each case's language instead of letting it detect it",
    )
    args = parser.parse_args(argv)

    lexicon = load_lexicon(args.lexicon, builtin=False) if args.lexicon else load_builtin()
    index = compile_index(lexicon)
    concepts = {concept.id: concept.language for concept in lexicon.concepts}
    try:
        cases = load_cases(args.cases, concepts, lexicon.audiences)
    except CasesError as error:
        print(f"run.py: invalid cases: {error}", file=sys.stderr)
        return 3
    if args.lang:
        cases = [case for case in cases if case.lang in args.lang]
    if args.group:
        cases = [case for case in cases if case.group in args.group]
    if not cases:
        print("no cases left after --lang/--group")
        return 0

    ours_run = dvd_system(index, args.given_language)
    theirs_run = baseline_system(index, cases)
    ours = [score_case(case, ours_run(case)) for case in cases]
    theirs = [score_case(case, theirs_run(case)) for case in cases] if theirs_run else None

    per_lang = ", ".join(
        f"{lang} {sum(case.lang == lang for case in cases)}"
        for lang in LANGUAGES
        if any(case.lang == lang for case in cases)
    )
    print(
        f"dvd accuracy benchmark: {len(cases)} cases ({per_lang}), "
        f"{sum(len(case.spans) for case in cases)} expected spans, "
        f"{len(lexicon.concepts)} concepts in "
        + (", ".join(map(str, args.lexicon)) if args.lexicon else "the built-in lexicons")
    )
    detection = "given per case" if args.given_language else "detected from the text"
    print(f"dvd: library translate(), fuzzy on, language {detection}")
    if theirs is None:
        print("baseline: flashtext is not installed (pip install -e '.[bench]'); dvd only")
    else:
        print(
            "baseline: flashtext KeywordProcessor, case-insensitive, exact lexicon spellings "
            "of the case's language -> target's preferred term"
        )
    print(
        "P = TP/predicted, R = TP/expected (TP: overlaps an expected span of the same concept), "
        "exact = output equals expect, fp/fn = counts"
    )
    print()
    systems = ["dvd"] + (["exact keyword replace"] if theirs is not None else [])
    print_table(build_rows(ours, theirs), systems)
    print_targets([("dvd", ours)] + ([("keyword replace", theirs)] if theirs is not None else []))
    if args.show_failures:
        print_failures("dvd", ours)
    if args.show_baseline_failures and theirs is not None:
        print_failures("exact keyword replace", theirs)
    return 0


if __name__ == "__main__":
    sys.exit(main())

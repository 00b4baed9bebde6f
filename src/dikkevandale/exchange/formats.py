"""Lexicon exchange: concepts to CSV, TSV, TBX and JSON, and those files back to a YAML lexicon.

Termbases live in spreadsheets, CAT tools and DeepL; these formats let a lexicon travel there
and back. Exporting and importing the same lexicon keeps every concept, term, article, plural,
diminutive, form, flag, note and example, in every format. HTML and Markdown are glossaries
for people to read (export only).

This module picks the format; each has a module of its own that describes it: `exchange_csv`
(CSV, TSV and the two-column glossary of DeepL), `exchange_tbx` and `exchange_json`. What every
import shares, from a file's bytes to a checked lexicon, is in `exchange_draft`.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum

from dikkevandale.exchange.delimited import export_table, read_table
from dikkevandale.exchange.draft import (
    ImportedLexicon,
    OptionNeededError,
    checked_lexicon,
    decode_source,
    select_concepts,
)
from dikkevandale.exchange.glossary import export_glossary, read_glossary
from dikkevandale.exchange.jsonfile import export_json, read_json
from dikkevandale.exchange.tbx import export_tbx, read_tbx
from dikkevandale.model import Concept


class ExchangeFormat(StrEnum):
    CSV = "csv"
    TSV = "tsv"
    TBX = "tbx"
    JSON = "json"
    HTML = "html"
    MD = "md"


READ_ONLY = (ExchangeFormat.HTML, ExchangeFormat.MD)
"""Formats written for people to read, never imported back."""


_DELIMITERS = {ExchangeFormat.CSV: ",", ExchangeFormat.TSV: "\t"}


def export_concepts(
    concepts: Sequence[Concept],
    fmt: str,
    *,
    audiences: Sequence[str] = (),
    source: str | None = None,
    target: str | None = None,
    tbx_version: int = 3,
    title: str = "Glossary",
) -> str:
    """Concepts as the text of an exchange file; `source` and `target` make a glossary.

    >>> from dikkevandale import load_builtin
    >>> dutch = [c for c in load_builtin().concepts if c.language == "nl"]
    >>> text = export_concepts(dutch, "tsv", source="sales", target="it")
    >>> text.splitlines()[0]
    '360-graden-klantbeeld\\tmid-office-oplossing op basis van XML'
    """
    fmt = ExchangeFormat(fmt)
    if source is not None or target is not None:
        if source is None or target is None or fmt not in _DELIMITERS:
            raise ValueError("a glossary is CSV or TSV and needs both source and target")
        return export_glossary(concepts, source, target, delimiter=_DELIMITERS[fmt])
    if fmt is ExchangeFormat.TBX:
        return export_tbx(concepts, tbx_version)
    if fmt is ExchangeFormat.JSON:
        return export_json(concepts)
    if fmt is ExchangeFormat.HTML:
        from dikkevandale.exchange.html import export_html

        return export_html(concepts, title)
    if fmt is ExchangeFormat.MD:
        from dikkevandale.exchange.markdown import export_markdown

        return export_markdown(concepts, audiences)
    return export_table(concepts, delimiter=_DELIMITERS[fmt], audiences=audiences)


def import_lexicon(
    data: bytes,
    fmt: str,
    path: str,
    *,
    language: str | None = None,
    default_audience: str | None = None,
    source: str | None = None,
    target: str | None = None,
) -> ImportedLexicon:
    """An exchange file's bytes as a new, validated YAML lexicon of one language.

    `language` picks one language of a multilingual file (and is the language of rows that
    name none); `source` and `target` read a two-column glossary.

    >>> data = b"id,language,sales,it\\nsla,nl,servicegarantie,SLA\\n"
    >>> print(import_lexicon(data, "csv", "terms.csv").text)  # doctest: +ELLIPSIS
    # Imported from terms.csv ...
    dvd: 1
    language: nl
    audiences: [sales, it]
    concepts:
      - id: sla
        sales:
          - servicegarantie
        it:
          - SLA
    <BLANKLINE>
    """
    fmt = ExchangeFormat(fmt)
    if fmt in READ_ONLY:
        raise ValueError(f"{fmt.value} is a glossary to read; import csv, tsv, tbx or json")
    text = decode_source(data, path, " (in Excel: 'CSV UTF-8')" if fmt in _DELIMITERS else "")
    if fmt is ExchangeFormat.TBX:
        drafts, declared = read_tbx(text, path, default_audience, language)
    elif fmt is ExchangeFormat.JSON:
        drafts, declared = read_json(text, path)
    elif source is not None and target is not None:
        if language is None:
            raise OptionNeededError(
                f"{path}: a two-column glossary names no language; pass --language"
            )
        drafts = read_glossary(text, path, _DELIMITERS[fmt], source, target, language)
        declared = [source, target]
    else:
        drafts, declared = read_table(text, path, _DELIMITERS[fmt], language)
    concepts, chosen = select_concepts(drafts, path, language)
    used = {a for c in concepts for a in c.terms}
    audiences = tuple(a for a in declared if a in used)
    comment = f"Imported from {_printable(path)} by `dvd lexicon import` ({fmt.value})."
    return checked_lexicon(concepts, audiences, chosen, path, comment)


def _printable(text: str) -> str:
    return "".join(c if c.isprintable() else "?" for c in text)

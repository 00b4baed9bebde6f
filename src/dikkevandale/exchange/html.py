"""The glossary as one HTML page, for people who do not use a terminal.

`dvd lexicon export --format html -o glossary.html` writes a page that works offline and on
its own, mailed or put on a share: the style and the search script are inline, nothing is
fetched. Every concept shows its terms per audience (preferred first, with article, plural and
diminutive), its note and its examples, and links to related concepts (`exchange.related`).
The search box filters as one types, ignoring case and diacritics, over terms, ids and notes.
Every text from the lexicon is escaped: a note holding `<script>` shows as text.
"""

from __future__ import annotations

import html
import unicodedata
from collections.abc import Sequence

from dikkevandale.exchange.related import related_concepts
from dikkevandale.model import Concept, Term

_STYLE = """
:root { color-scheme: light dark; --muted: #667; --line: #ccd; --accent: #1b5e9b; }
body { font: 16px/1.5 system-ui, sans-serif; margin: 0 auto; max-width: 60rem; padding: 1rem; }
header { position: sticky; top: 0; background: Canvas; padding: .5rem 0; z-index: 1;
         border-bottom: 1px solid var(--line); }
h1 { font-size: 1.4rem; margin: 0 0 .5rem; }
#search { font: inherit; width: 100%; box-sizing: border-box; padding: .4rem .6rem; }
#count { color: var(--muted); font-size: .9rem; }
article { border-bottom: 1px solid var(--line); padding: .8rem 0; }
article h2 { font-size: 1.1rem; margin: 0; }
.lang { color: var(--muted); font-size: .8rem; font-weight: normal; margin-left: .4rem; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: .1rem 1rem; margin: .5rem 0; }
dt { font-weight: 600; }
dd { margin: 0; }
.preferred { font-weight: 600; }
.extra { color: var(--muted); font-size: .9rem; }
.note { margin: .4rem 0; }
.examples { margin: .3rem 0; padding-left: 1.2rem; font-size: .95rem; }
.related a { color: var(--accent); margin-right: .6rem; }
article:target { background: color-mix(in srgb, var(--accent) 12%, transparent); }
[hidden] { display: none !important; }
"""

_SCRIPT = """
(function () {
  "use strict";
  var box = document.getElementById("search");
  var count = document.getElementById("count");
  var items = Array.prototype.slice.call(document.querySelectorAll("article.concept"));
  function fold(text) {
    return text.normalize("NFD").replace(/[\\u0300-\\u036f]/g, "").toLowerCase();
  }
  function filter() {
    var words = fold(box.value).split(/\\s+/).filter(Boolean);
    var shown = 0;
    items.forEach(function (item) {
      var text = item.getAttribute("data-search");
      var match = words.every(function (word) { return text.indexOf(word) >= 0; });
      item.hidden = !match;
      if (match) { shown += 1; }
    });
    count.textContent = shown + " of " + items.length + " concepts";
  }
  box.addEventListener("input", filter);
  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a[href^='#']") : null;
    if (link && box.value) { box.value = ""; filter(); }
  });
  filter();
}());
"""


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def _anchor(concept_id: str) -> str:
    return f"concept-{concept_id}"


def _term(term: Term, preferred: bool) -> str:
    extras = [
        value
        for value in (
            term.article,
            f"plural {term.plural}" if term.plural else None,
            f"diminutive {term.diminutive}" if term.diminutive else None,
            "exact casing" if term.case_sensitive else None,
        )
        if value
    ]
    name = html.escape(term.text)
    shown = f'<span class="preferred">{name}</span>' if preferred else name
    if extras:
        shown += f' <span class="extra">({html.escape(", ".join(extras))})</span>'
    return shown


def _concept(concept: Concept, related: Sequence[Concept]) -> str:
    words = [concept.id, concept.note or ""]
    words += [term.text for terms in concept.terms.values() for term in terms]
    words += [term.plural or "" for terms in concept.terms.values() for term in terms]
    parts = [
        f'<article class="concept" id="{html.escape(_anchor(concept.id))}" '
        f'data-search="{html.escape(_fold(" ".join(words)))}" lang="{concept.language}">',
        f'<h2>{html.escape(concept.id)}<span class="lang">{concept.language}</span></h2>',
        "<dl>",
    ]
    for audience, terms in concept.terms.items():
        shown = ", ".join(_term(term, number == 0) for number, term in enumerate(terms))
        parts.append(f"<dt>{html.escape(audience)}</dt><dd>{shown}</dd>")
    parts.append("</dl>")
    if concept.note:
        parts.append(f'<p class="note">{html.escape(concept.note)}</p>')
    if concept.examples:
        parts.append('<ul class="examples">')
        parts += [
            f"<li>{html.escape(example.text)} → <em>{html.escape(example.to)}</em>: "
            f"{html.escape(example.expect)}</li>"
            for example in concept.examples
        ]
        parts.append("</ul>")
    if related:
        links = " ".join(
            f'<a href="#{html.escape(_anchor(other.id))}">{html.escape(other.id)}</a>'
            for other in related
        )
        parts.append(f'<p class="related">See also: {links}</p>')
    parts.append("</article>")
    return "\n".join(parts)


def export_html(concepts: Sequence[Concept], title: str = "Glossary") -> str:
    """One self-contained HTML page of `concepts` (see the module docstring)."""
    by_id = {concept.id: concept for concept in concepts}
    related = related_concepts(concepts)
    languages = sorted({concept.language for concept in concepts})
    body = "\n".join(
        _concept(concept, [by_id[other] for other in related[concept.id]]) for concept in concepts
    )
    return f"""<!DOCTYPE html>
<html lang="{languages[0] if len(languages) == 1 else "en"}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="dikkevandale (dvd lexicon export --format html)">
<title>{html.escape(title)}</title>
<style>{_STYLE}</style>
</head>
<body>
<header>
<h1>{html.escape(title)}</h1>
<input id="search" type="search" placeholder="Search terms, notes, ids…" autofocus
  aria-label="Search the glossary">
<div id="count" aria-live="polite">{len(concepts)} concepts</div>
</header>
<main>
{body}
</main>
<script>{_SCRIPT}</script>
</body>
</html>
"""

"""A JSON Schema of lexicon format v1, so that editors complete and check lexicons as one types.

The schema is derived from the loader's own key lists, so the two cannot drift apart; the
loader stays the authority (it also checks what a schema cannot: duplicates, chains, examples).
"""

from __future__ import annotations

import json
from typing import Any

from dikkevandale.lexicon.loader import (
    CONCEPT_KEYS,
    EXAMPLE_KEYS,
    FORMAT_VERSION,
    GENDERS,
    MAX_TERM_LENGTH,
)

SCHEMA_ID = "https://dikkevandale.invalid/schema/lexicon-v1.json"


def lexicon_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a lexicon file."""
    phrase = {"type": "string", "minLength": 1}
    # One word, perhaps ending in '*'. Editors run patterns as JavaScript regular expressions,
    # whose \w knows no accented letters: the loader checks the letters.
    word = {"type": "string", "pattern": r"^[^\s*]+\*?$"}
    term_object = {
        "type": "object",
        "required": ["term"],
        "additionalProperties": False,
        "properties": {
            "term": {
                "type": "string",
                "minLength": 1,
                "maxLength": MAX_TERM_LENGTH,
                "description": "The term as written.",
            },
            "article": {"enum": ["de", "het"], "description": "Dutch article, for agreement."},
            "plural": {
                "type": "string",
                "minLength": 1,
                "maxLength": MAX_TERM_LENGTH,
                "description": "Overrides the rules.",
            },
            "diminutive": {
                "type": "string",
                "minLength": 1,
                "maxLength": MAX_TERM_LENGTH,
                "description": "Dutch: -je form.",
            },
            "gender": {
                "enum": list(GENDERS),
                "description": "Polish gender, for agreement: m, m.pers (persons), f, n.",
            },
            "forms": {
                "type": "object",
                "description": "Spellings by label: sg, pl, dim, dim.pl, sg.def; Polish nom.sg...",
                "propertyNames": {
                    "pattern": "^(sg|pl|dim|dim\\.pl|sg\\.def|(nom|gen|dat|acc|ins|loc)\\.(sg|pl))$"
                },
                "additionalProperties": {
                    "oneOf": [
                        {"type": "string", "minLength": 1, "maxLength": MAX_TERM_LENGTH},
                        {
                            "type": "array",
                            "minItems": 1,
                            "items": {
                                "type": "string",
                                "minLength": 1,
                                "maxLength": MAX_TERM_LENGTH,
                            },
                        },
                    ]
                },
            },
            "case_sensitive": {"type": "boolean", "description": "Acronyms: exact casing only."},
            "fuzzy": {"type": "boolean", "description": "false: no typo matching."},
            "everyday": {
                "type": "boolean",
                "description": "true: also an everyday word, rewritten only where the text "
                "shows the domain (other terms, cue words); false: checked, no everyday sense.",
            },
            "not_in": {
                "description": "Phrases holding the term in which it means something else.",
                "oneOf": [phrase, {"type": "array", "minItems": 1, "items": phrase}],
            },
            "needs": {
                "description": "Words of which one must be in the term's paragraph "
                "(klant* = any word that begins with 'klant').",
                "oneOf": [word, {"type": "array", "minItems": 1, "items": word}],
            },
            "in_compounds": {
                "type": "boolean",
                "description": "Also find the term as part of a hyphenated compound.",
            },
        },
    }
    term = {
        "oneOf": [{"type": "string", "minLength": 1, "maxLength": MAX_TERM_LENGTH}, term_object]
    }
    terms = {
        "description": "A term, or a list of terms with the preferred one first.",
        "oneOf": [term, {"type": "array", "minItems": 1, "items": term}],
    }
    example = {
        "type": "object",
        "required": list(EXAMPLE_KEYS),
        "additionalProperties": False,
        "properties": {key: {"type": "string"} for key in EXAMPLE_KEYS},
    }
    concept = {
        "type": "object",
        "required": ["id"],
        "properties": {
            "id": {"type": "string", "pattern": "^[a-z0-9][a-z0-9.-]*$"},
            "note": {"type": "string", "description": "Shown by dvd explain and dvd lookup."},
            "examples": {"type": "array", "items": example},
        },
        # Any other key is an audience; the concept's own keys are not.
        "patternProperties": {f"^(?!({'|'.join(CONCEPT_KEYS)})$)[a-z][a-z0-9_-]*$": terms},
        "additionalProperties": False,
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "dikkevandale lexicon (format v1)",
        "type": "object",
        "required": ["dvd", "language", "audiences", "concepts"],
        "additionalProperties": False,
        "properties": {
            "dvd": {"const": FORMAT_VERSION},
            "language": {"type": "string", "pattern": "^[a-z]{2,3}$"},
            "audiences": {
                "type": "array",
                "minItems": 1,
                "uniqueItems": True,
                "items": {"type": "string", "pattern": "^[a-z][a-z0-9_-]*$"},
            },
            "concepts": {"type": "array", "items": concept},
            "cues": {
                "description": "Domain cue words: a paragraph holding one is about the "
                "lexicon's domain, so its everyday terms are rewritten (CRM, klant*).",
                "oneOf": [word, {"type": "array", "minItems": 1, "items": word}],
            },
            "hints": {
                "description": "Weaker cue words, of the setting the domain is worked in: a "
                "sentence holding one is about the domain, so its everyday terms are rewritten "
                "(offerte*, Q3, leverancier*).",
                "oneOf": [word, {"type": "array", "minItems": 1, "items": word}],
            },
        },
    }


def render_schema() -> str:
    """The schema as printed by `dvd lexicon schema` and shipped beside the lexicons."""
    return json.dumps(lexicon_schema(), indent=2, ensure_ascii=False) + "\n"

"""The JSON Schema for editors agrees with the loader and ships beside the lexicons."""

from __future__ import annotations

import json

import jsonschema
import pytest
import yaml

from dikkevandale.lexicon.layers import builtin_dir, lexicon_files
from dikkevandale.lexicon.schema import lexicon_schema, render_schema

SCHEMA = lexicon_schema()


def test_the_schema_is_a_valid_json_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


def test_the_shipped_schema_file_is_current() -> None:
    shipped = builtin_dir() / "dvd-lexicon.schema.json"
    assert shipped.read_text(encoding="utf-8") == render_schema()
    assert json.loads(render_schema()) == SCHEMA


@pytest.mark.parametrize("path", lexicon_files(builtin_dir()), ids=lambda p: p.parent.name)
def test_shipped_lexicons_validate_and_point_editors_at_the_schema(path: object) -> None:
    text = path.read_text(encoding="utf-8")  # type: ignore[attr-defined]
    assert text.startswith("# yaml-language-server: $schema=../dvd-lexicon.schema.json\n")
    jsonschema.validate(yaml.safe_load(text), SCHEMA)


@pytest.mark.parametrize(
    "document",
    [
        {"dvd": 2, "language": "nl", "audiences": ["a"], "concepts": []},
        {"dvd": 1, "language": "nl", "audiences": ["a"], "concepts": [], "extra": 1},
        {"dvd": 1, "language": "nl", "audiences": ["a"], "concepts": [{"id": "A B"}]},
        {
            "dvd": 1,
            "language": "nl",
            "audiences": ["a"],
            "concepts": [{"id": "x", "a": {"trem": "y"}}],
        },
        {
            "dvd": 1,
            "language": "nl",
            "audiences": ["a"],
            "concepts": [{"id": "x", "a": {"term": "y", "article": "den"}}],
        },
    ],
)
def test_the_schema_rejects_what_the_loader_rejects(document: dict[str, object]) -> None:
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(document, SCHEMA)

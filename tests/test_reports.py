"""io.reports: the formats of `dvd check`, and SARIF validated against the official schema."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from dikkevandale.io.reports import (
    FileReport,
    Issue,
    render_github,
    render_json,
    render_sarif,
    render_text,
)

SCHEMA = Path(__file__).parent / "data" / "sarif" / "sarif-schema-2.1.0.json"


def _issue(line: int = 3, col: int = 5, found: str = "360-graden-klantbeeld") -> Issue:
    return Issue(
        line,
        col,
        "klantbeeld",
        found,
        "mid-office-oplossing",
        "mid-office-oplossing",
        "sales",
        "it",
        "exact",
        100.0,
    )


REPORTS = [
    FileReport("docs/a.md", (_issue(), _issue(7, 1, "klant\nbeeld")), {"klantbeeld": "Eén plek."}),
    FileReport("docs/clean.md"),
    FileReport("mail.eml", (_issue(0, 0),)),
]


def test_text_is_one_compiler_style_line_per_issue() -> None:
    assert render_text(REPORTS).splitlines() == [
        "docs/a.md:3:5: klantbeeld: 360-graden-klantbeeld → mid-office-oplossing",
        "docs/a.md:7:1: klantbeeld: klant beeld → mid-office-oplossing",  # across a line break
        "mail.eml: klantbeeld: 360-graden-klantbeeld → mid-office-oplossing",
    ]


def test_json_is_one_object_per_file_with_line_and_col() -> None:
    records = json.loads(render_json(REPORTS))
    assert [r["path"] for r in records] == ["docs/a.md", "docs/clean.md", "mail.eml"]
    first = records[0]["issues"][0]
    assert (first["line"], first["col"], first["end_line"], first["end_col"]) == (3, 5, 3, 26)
    assert first["concept"] == "klantbeeld" and first["from"] == "sales" and first["to"] == "it"
    assert (records[0]["issues"][1]["end_line"], records[0]["issues"][1]["end_col"]) == (8, 6)
    assert records[1]["issues"] == []


def test_github_annotations_are_workflow_commands_with_escaped_values() -> None:
    lines = render_github([FileReport("a,b:c.md", (_issue(),))]).splitlines()
    assert lines == [
        "::warning file=a%2Cb%3Ac.md,line=3,col=5,endColumn=26,title=dvd%3A klantbeeld::"
        "sales term for it: 360-graden-klantbeeld → mid-office-oplossing"
    ]
    multi = render_github([FileReport("a.md", (_issue(7, 1, "klant\nbeeld"),))])
    assert "endLine=8" in multi and "klant beeld →" in multi


def test_sarif_validates_against_the_official_sarif_2_1_0_schema(tmp_path: Path) -> None:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    assert schema["id"].endswith("/sarif-schema-2.1.0.json")
    log = json.loads(render_sarif(REPORTS, version="0.1.0", root=Path("/work/project")))
    jsonschema.Draft4Validator.check_schema(schema)
    jsonschema.Draft4Validator(schema).validate(log)
    # An empty run is valid too (a clean check still uploads a log).
    jsonschema.Draft4Validator(schema).validate(json.loads(render_sarif([], version="0.1.0")))


def test_sarif_has_what_github_code_scanning_reads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    log = json.loads(render_sarif(REPORTS, version="0.1.0"))
    assert log["version"] == "2.1.0" and log["$schema"].endswith("sarif-2.1.0.json")
    [run] = log["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] == "dvd"
    assert [rule["id"] for rule in driver["rules"]] == ["klantbeeld"]
    assert driver["rules"][0]["shortDescription"]["text"]
    assert driver["rules"][0]["help"]["text"] == "Eén plek."
    assert run["columnKind"] == "unicodeCodePoints"
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == tmp_path.absolute().as_uri() + "/"
    first = run["results"][0]
    assert first["ruleId"] == "klantbeeld" and first["ruleIndex"] == 0
    assert first["message"]["text"]
    location = first["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {"uri": "docs/a.md", "uriBaseId": "%SRCROOT%"}
    assert location["region"] == {"startLine": 3, "startColumn": 5, "endLine": 3, "endColumn": 26}
    # An e-mail's parts have no line in the file: the result names the file only.
    assert "region" not in run["results"][2]["locations"][0]["physicalLocation"]


def test_sarif_names_a_file_outside_the_root_by_its_file_uri(tmp_path: Path) -> None:
    outside = FileReport(str(tmp_path / "x.md"), (_issue(),))
    log = json.loads(render_sarif([outside], version="0.1.0", root=Path("/nonexistent/root")))
    location = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {"uri": (tmp_path / "x.md").as_uri()}

"""SARIF output: valid against the OASIS schema, pointing into the rules, stable fingerprints."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft4Validator, FormatChecker

from privlint.discovery import discover
from privlint.lint import Report, lint
from privlint.reporters import ReportOptions
from privlint.reporters.sarif import as_log, render
from tests.conftest import DATA, EXAMPLES, REPO, run_cli
from tests.integrations.conftest import RULES, fixed_report

SCHEMA = DATA / "sarif" / "sarif-schema-2.1.0.json"


@cache
def validator() -> Draft4Validator:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    Draft4Validator.check_schema(schema)
    return Draft4Validator(schema, format_checker=FormatChecker())


def schema_errors(log: Any) -> list[str]:
    return [f"{list(e.absolute_path)}: {e.message}" for e in validator().iter_errors(log)]


def lint_paths(*paths: Path, cwd: Path) -> Report:
    return lint(discover(list(paths), cwd=cwd))


def test_fixed_report_is_valid_sarif() -> None:
    log = json.loads(render(fixed_report(), ReportOptions()))
    assert schema_errors(log) == []


def test_real_run_is_valid_sarif() -> None:
    report = lint_paths(DATA / "declarations", EXAMPLES, cwd=REPO)
    assert len(report.findings) > 5
    assert schema_errors(as_log(report)) == []


def test_validation_is_not_vacuous() -> None:
    log = as_log(fixed_report())
    log["runs"][0]["results"][0]["level"] = "fatal"
    del log["version"]
    errors = schema_errors(log)
    assert any("'version' is a required property" in e for e in errors)
    assert any("'fatal' is not one of" in e for e in errors)


def test_results_point_at_their_rules() -> None:
    run = as_log(fixed_report())["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == [r.code for r in RULES]
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
    levels = [(r["ruleId"], r["level"]) for r in run["results"]]
    assert levels == [
        ("PL010", "error"),
        ("PL101", "warning"),
        ("PL102", "note"),
        ("PL010", "error"),
        ("PL010", "error"),
    ]


def test_rule_descriptors_carry_the_rule_docs_and_articles() -> None:
    rules = {r["id"]: r for r in as_log(fixed_report())["runs"][0]["tool"]["driver"]["rules"]}
    dpo = rules["PL102"]
    assert dpo["name"] == "dpo-contact"
    assert dpo["shortDescription"] == {"text": "Summary of dpo-contact."}
    assert dpo["fullDescription"] == {"text": "Why dpo-contact matters.\nSecond line."}
    assert dpo["defaultConfiguration"] == {"level": "note"}
    assert dpo["properties"]["tags"] == ["privacy", "test", "GDPR Art. 37(7)", "UAVG art. 39"]
    assert "**Legal basis:** GDPR Art. 37(7); UAVG art. 39" in dpo["help"]["markdown"]
    assert "Fix: Fix dpo-contact." in dpo["help"]["text"]
    assert "```yaml\nretention: {}\n```" in rules["PL101"]["help"]["markdown"]


def test_location_is_repository_relative_with_full_region() -> None:
    results = as_log(fixed_report())["runs"][0]["results"]
    physical = results[1]["locations"][0]["physicalLocation"]
    assert physical["artifactLocation"] == {"uri": "decl/a.privacy.yaml", "uriBaseId": "%SRCROOT%"}
    assert physical["region"] == {"startLine": 9, "startColumn": 5, "endLine": 11, "endColumn": 1}
    spaced = results[3]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert spaced["uri"] == "decl/with%20space.privacy.yaml"
    # A span without an end still has a valid region.
    assert results[2]["locations"][0]["physicalLocation"]["region"] == {
        "startLine": 20,
        "startColumn": 1,
    }
    assert results[0]["locations"][0]["logicalLocations"] == [
        {"fullyQualifiedName": "$['statement']['versoin']", "kind": "member"}
    ]


def test_run_metadata() -> None:
    run = as_log(fixed_report())["runs"][0]
    driver = run["tool"]["driver"]
    assert driver["name"] == "privlint"
    assert driver["informationUri"].startswith("https://")
    assert run["automationDetails"] == {"id": "privlint/"}
    assert run["columnKind"] == "unicodeCodePoints"


def test_identical_findings_get_distinct_fingerprints() -> None:
    results = as_log(fixed_report())["runs"][0]["results"]
    prints = [r["partialFingerprints"]["privlint/v1"] for r in results]
    assert len(set(prints)) == len(prints)


DECLARATION = """\
privlint: 1
statement:
  language: nl
  versoin: "1.0"
controller:
  name: Typo B.V.
rights:
  acces:
    how: Mail ons.
"""


def _results(tmp_path: Path, text: str) -> list[tuple[str, str, str, int]]:
    """(rule, message, fingerprint, line) of every result, whatever rules are enabled."""
    (tmp_path / "privacy.yaml").write_text(text, encoding="utf-8")
    run = as_log(lint_paths(tmp_path, cwd=tmp_path))["runs"][0]
    return sorted(
        (
            r["ruleId"],
            r["message"]["text"],
            r["partialFingerprints"]["privlint/v1"],
            r["locations"][0]["physicalLocation"]["region"]["startLine"],
        )
        for r in run["results"]
    )


def test_fingerprints_survive_unrelated_lines_moving(tmp_path: Path) -> None:
    before = _results(tmp_path, DECLARATION)
    moved = DECLARATION.replace(
        "privlint: 1\n", "# A comment\n# and another\nprivlint: 1\nx-owner: legal\n"
    )
    after = _results(tmp_path, moved)
    assert [r[:3] for r in before] == [r[:3] for r in after]
    typos = [(b[3], a[3]) for b, a in zip(before, after, strict=True) if b[0] == "PL010"]
    assert sorted(typos) == [(4, 7), (8, 11)]  # the lines moved; the fingerprints did not


def test_fingerprint_changes_when_the_finding_changes(tmp_path: Path) -> None:
    before = {r[1]: r[2] for r in _results(tmp_path, DECLARATION) if r[0] == "PL010"}
    after = {r[1]: r[2] for r in _results(tmp_path, DECLARATION.replace("acces:", "acess:"))}
    old = next(fp for msg, fp in before.items() if "'acces'" in msg)
    new = next(fp for msg, fp in after.items() if "'acess'" in msg)
    assert old != new
    unchanged = next(fp for msg, fp in before.items() if "'versoin'" in msg)
    assert unchanged in after.values()


def test_empty_run_has_an_empty_results_array(tmp_path: Path) -> None:
    report = lint_paths(EXAMPLES / "complete.privacy.yaml", cwd=REPO)
    log = as_log(report)
    assert log["runs"][0]["results"] == []
    assert schema_errors(log) == []


def test_check_writes_sarif_beside_the_main_format(tmp_path: Path) -> None:
    out = tmp_path / "privlint.sarif"
    path = "tests/data/declarations/misspelled.privacy.yaml"
    result = run_cli("check", "--sarif", out, path)
    assert result.returncode == 1, result.stderr
    assert result.stdout.startswith(f"{path}:5:3: error PL010")  # the main output is unchanged
    log = json.loads(out.read_text(encoding="utf-8"))
    assert schema_errors(log) == []
    results = log["runs"][0]["results"]
    expected = json.loads(run_cli("check", "-f", "json", path).stdout)["findings"]
    assert [(r["ruleId"], r["message"]["text"]) for r in results] == [
        (f["code"], f["message"]) for f in expected
    ]
    assert {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results} == {
        path
    }


def test_unwritable_sarif_path_is_a_usage_error(tmp_path: Path) -> None:
    result = run_cli(
        "check", "--sarif", tmp_path / "missing" / "x.sarif", "examples/complete.privacy.yaml"
    )
    assert result.returncode == 2
    assert result.stderr.startswith("privlint: error: cannot write ")
    assert "Traceback" not in result.stderr

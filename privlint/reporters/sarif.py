"""SARIF 2.1.0 output, for GitHub code scanning and other SARIF consumers.

One run; ``tool.driver.rules`` holds every rule of the run's rule set (so a consumer can show
the documentation of rules that found nothing and mark alerts fixed), results point into it
by ``ruleIndex``.  Locations are relative to the directory privlint ran in (``%SRCROOT%``):
run it from the repository root, as CI does.

``partialFingerprints`` let code scanning follow an alert across commits.  They hash the file,
rule, JSON pointer and message -- never the line -- so an alert keeps its identity when lines
above it are added or removed, and changes when what it says changes.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from privlint import __version__
from privlint.findings import Finding, Severity
from privlint.output import write_output
from privlint.reporters import ReportOptions, json_text

if TYPE_CHECKING:
    from privlint.engine.model import Rule
    from privlint.lint import Report

SCHEMA_URI = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
INFORMATION_URI = "https://github.com/privlint/privlint"
SRCROOT = "%SRCROOT%"
FINGERPRINT_KEY = "privlint/v1"
# automationDetails.id is "category/run": the trailing slash makes it a category only, which
# code scanning uses to keep privlint's alerts apart from other tools' uploads.
AUTOMATION_ID = "privlint/"

LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def clean(text: str) -> str:
    """Undecodable file names arrive surrogate-escaped; UTF-8 output cannot hold them."""
    return text.encode("utf-8", "surrogatepass").decode("utf-8", "replace")


def artifact_uri(path: str) -> dict[str, str]:
    """A relative path becomes a %SRCROOT%-relative URI reference; an absolute one a file URI."""
    if Path(path).is_absolute():
        return {"uri": Path(path).as_uri()}
    try:  # undecodable file names arrive surrogate-escaped: percent-encode their raw bytes
        raw = path.replace("\\", "/").encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        raw = path.replace("\\", "/").encode("utf-8", "replace")
    return {"uri": quote(raw, safe="/"), "uriBaseId": SRCROOT}


def fingerprint(finding: Finding, occurrence: int) -> str:
    parts = [finding.path, finding.code, finding.json_pointer, finding.message, str(occurrence)]
    return hashlib.sha256("\0".join(parts).encode("utf-8", "replace")).hexdigest()


def rule_help(rule: Rule) -> tuple[str, str]:
    """The rule's documentation as plain text and as Markdown."""
    text = [rule.summary, "", rule.rationale.strip(), "", f"Fix: {rule.fix}"]
    md = [f"**{rule.code} {rule.name}**: {rule.summary}", "", rule.rationale.strip()]
    md += ["", f"**Fix:** {rule.fix}"]
    if rule.articles:
        text += ["", "Legal basis: " + "; ".join(rule.articles)]
        md += ["", "**Legal basis:** " + "; ".join(rule.articles)]
    if rule.examples is not None:
        failing, passing = rule.examples.failing.rstrip(), rule.examples.passing.rstrip()
        md += ["", "Failing:", "", "```yaml", failing, "```", "", "Passing:", "", "```yaml"]
        md += [passing, "```"]
    return "\n".join(text), "\n".join(md)


def rule_descriptor(rule: Rule) -> dict[str, Any]:
    text, markdown = rule_help(rule)
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.rationale.strip()},
        "help": {"text": text, "markdown": markdown},
        "defaultConfiguration": {"level": LEVEL[rule.severity]},
        "properties": {"tags": ["privacy", *([rule.pack] if rule.pack else []), *rule.articles]},
    }


def region(finding: Finding) -> dict[str, int]:
    span = finding.span
    out = {"startLine": span.line, "startColumn": span.column}
    if span.end_line is not None:
        out["endLine"] = span.end_line
    if span.end_column is not None:
        out["endColumn"] = span.end_column
    return out


def result(finding: Finding, index: dict[str, int], occurrence: int) -> dict[str, Any]:
    location: dict[str, Any] = {
        "physicalLocation": {
            "artifactLocation": artifact_uri(finding.path),
            "region": region(finding),
        }
    }
    if finding.pointer:
        location["logicalLocations"] = [
            {"fullyQualifiedName": clean(finding.json_path), "kind": "member"}
        ]
    out: dict[str, Any] = {"ruleId": finding.code}
    if finding.code in index:  # absent only for a rule the run's rule set does not hold
        out["ruleIndex"] = index[finding.code]
    out |= {
        "level": LEVEL[finding.severity],
        "message": {"text": clean(finding.message)},
        "locations": [location],
        "partialFingerprints": {FINGERPRINT_KEY: fingerprint(finding, occurrence)},
    }
    return out


def as_log(report: Report) -> dict[str, Any]:
    rules = list(report.ruleset.rules)
    index = {rule.code: i for i, rule in enumerate(rules)}
    seen: Counter[tuple[str, str, str, str]] = Counter()
    results = []
    for f in report.findings:
        key = (f.path, f.code, f.json_pointer, f.message)
        results.append(result(f, index, seen[key]))
        seen[key] += 1
    return {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "privlint",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "informationUri": INFORMATION_URI,
                        "rules": [rule_descriptor(r) for r in rules],
                    }
                },
                "automationDetails": {"id": AUTOMATION_ID},
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }


def render(report: Report, options: ReportOptions) -> str:
    return json_text(as_log(report), depth=4)  # log, runs, run, results: a result a line


def write_sarif(report: Report, path: Path) -> None:
    """`check --sarif FILE`: the SARIF log beside whatever the main format prints."""
    write_output(path, render(report, ReportOptions()))

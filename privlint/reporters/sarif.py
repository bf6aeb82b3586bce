"""SARIF 2.1.0 output, for GitHub code scanning and other SARIF consumers.

One run; ``tool.driver.rules`` holds every rule of the run's rule set (so a consumer can show
the documentation of rules that found nothing and mark alerts fixed), results point into it
by ``ruleIndex``.  Locations are relative to ``%SRCROOT%``, the repository root (the CLI finds
it; ``originalUriBaseIds`` says where it is), so alerts land on the right file when privlint
runs in a subfolder; a file outside the root gets an absolute ``file:`` URI.  Each rule links
its documentation page (``helpUri``).  Under Azure Pipelines ``automationDetails`` carries the
pipeline identity that GitHub Advanced Security for Azure DevOps requires.

``partialFingerprints`` let code scanning follow an alert across commits.  They hash the file,
rule, JSON pointer and message -- never the line -- so an alert keeps its identity when lines
above it are added or removed, and changes when what it says changes.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Iterator, Mapping
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from privlint import __version__
from privlint.findings import Finding, Severity
from privlint.output import write_output
from privlint.reporters import ReportOptions, json_lines, json_text, source_relative
from privlint.resources import rules_dir

if TYPE_CHECKING:
    from privlint.engine.model import Rule
    from privlint.lint import Report

FULL_NAME = "privlint, policy-as-code linter for privacy declarations"
REPOSITORY_URL = "https://github.com/privlint/privlint"  # fallback when no metadata is installed
SCHEMA_URI = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
SRCROOT = "%SRCROOT%"
FINGERPRINT_KEY = "privlint/v1"
# automationDetails.id is "category/run": the trailing slash makes it a category only, which
# code scanning uses to keep privlint's alerts apart from other tools' uploads.
AUTOMATION_ID = "privlint/"

LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def clean(text: str) -> str:
    """Undecodable file names arrive surrogate-escaped; UTF-8 output cannot hold them."""
    return text.encode("utf-8", "surrogatepass").decode("utf-8", "replace")


@cache
def repository_url() -> str:
    """The project's repository, from the installed package's metadata (pyproject's URLs)."""
    from importlib.metadata import PackageNotFoundError, metadata

    try:
        urls = metadata("privlint").get_all("Project-URL") or []
    except PackageNotFoundError:
        return REPOSITORY_URL
    for entry in urls:
        label, _, url = str(entry).partition(",")
        if label.strip().lower() in ("homepage", "repository", "source") and url.strip():
            return url.strip().rstrip("/")
    return REPOSITORY_URL


def help_uri(rule: Rule) -> str | None:
    """The rule's section of docs/rules.md (built-in rules only: a user's rules have no page)."""
    if not rule.source or Path(rule.source).parent.resolve() != rules_dir().resolve():
        return None
    anchor = re.sub(r"[^a-z0-9 -]", "", f"{rule.code} {rule.name}".lower()).replace(" ", "-")
    return f"{repository_url()}/blob/main/docs/rules.md#{anchor}"


def _encoded(path: str) -> str:
    try:  # undecodable file names arrive surrogate-escaped: percent-encode their raw bytes
        raw = path.replace("\\", "/").encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        raw = path.replace("\\", "/").encode("utf-8", "replace")
    return quote(raw, safe="/")


def artifact_uri(path: str, options: ReportOptions | None = None) -> dict[str, str]:
    """A path below the source root becomes a %SRCROOT%-relative URI reference; any other one
    an absolute file URI."""
    options = options or ReportOptions()
    rel = source_relative(path, options)
    if rel is not None:
        return {"uri": _encoded(rel), "uriBaseId": SRCROOT}
    full = Path(os.path.normpath((options.cwd or Path.cwd()) / path))
    return {"uri": "file://" + _encoded(full.as_posix())}


def root_uri(options: ReportOptions) -> str:
    root = Path(os.path.normpath((options.source_root or options.cwd or Path.cwd()).absolute()))
    return "file://" + _encoded(root.as_posix().rstrip("/") + "/")


def fingerprint(finding: Finding, occurrence: int, json_pointer: str | None = None) -> str:
    """`json_pointer`: the finding's, when the caller has it already."""
    if json_pointer is None:
        json_pointer = finding.json_pointer
    parts = [finding.path, finding.code, json_pointer, finding.message, str(occurrence)]
    import hashlib  # here: `check` imports this module for every run, SARIF or not (OpenSSL)

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
    out = {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.rationale.strip()},
        "help": {"text": text, "markdown": markdown},
        "defaultConfiguration": {"level": LEVEL[rule.severity]},
        "properties": {"tags": ["privacy", *([rule.pack] if rule.pack else []), *rule.articles]},
    }
    if uri := help_uri(rule):
        out["helpUri"] = uri
    return out


def region(finding: Finding) -> dict[str, int]:
    span = finding.span
    out = {"startLine": span.line, "startColumn": span.column}
    if span.end_line is not None:
        out["endLine"] = span.end_line
    if span.end_column is not None:
        out["endColumn"] = span.end_column
    return out


def result(
    finding: Finding,
    index: dict[str, int],
    occurrence: int,
    options: ReportOptions | None = None,
    *,
    artifact: dict[str, str] | None = None,
    json_pointer: str | None = None,
) -> dict[str, Any]:
    """`artifact` (the file's artifact_uri) and `json_pointer`: when the caller has them."""
    location: dict[str, Any] = {
        "physicalLocation": {
            "artifactLocation": artifact_uri(finding.path, options)
            if artifact is None
            else dict(artifact),
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
        "partialFingerprints": {FINGERPRINT_KEY: fingerprint(finding, occurrence, json_pointer)},
    }
    return out


# Azure Pipelines variables (as environment variables) -> what GHAzDO wants in automationDetails
ADO_PROPERTIES = {
    "azuredevops/pipeline/build/buildDefinitionId": "SYSTEM_DEFINITIONID",
    "azuredevops/pipeline/build/buildDefinitionName": "BUILD_DEFINITIONNAME",
    "azuredevops/pipeline/build/phaseId": "SYSTEM_PHASEID",
    "azuredevops/pipeline/build/phaseName": "SYSTEM_PHASENAME",
}
ADO_ID_PARTS = (
    "SYSTEM_COLLECTIONURI",
    "SYSTEM_TEAMPROJECT",
    "SYSTEM_DEFINITIONID",
    "SYSTEM_PHASEID",
    "BUILD_SOURCEBRANCH",
    "BUILD_BUILDID",
)


def automation_details(ci: Mapping[str, str]) -> dict[str, Any]:
    """privlint's category; under Azure Pipelines (TF_BUILD) the pipeline identity GHAzDO needs."""
    if ci.get("TF_BUILD", "").lower() != "true" or not all(ci.get(v) for v in ADO_ID_PARTS):
        return {"id": AUTOMATION_ID}
    org = ci["SYSTEM_COLLECTIONURI"].rstrip("/").rsplit("/", 1)[-1]
    parts = [org, *(ci[v] for v in ADO_ID_PARTS[1:])]
    return {
        "id": "azuredevops/pipeline/build/" + "/".join(p.replace("/", "_") for p in parts),
        "properties": {k: ci.get(v, "") for k, v in ADO_PROPERTIES.items()},
    }


def results(
    report: Report, index: dict[str, int], options: ReportOptions
) -> Iterator[dict[str, Any]]:
    """A result per finding, made as it is asked for; the file's URI is worked out once."""
    seen: Counter[tuple[str, str, str, str]] = Counter()
    artifacts: dict[str, dict[str, str]] = {}
    for f in report.findings:
        pointer = f.json_pointer
        key = (f.path, f.code, pointer, f.message)
        if (artifact := artifacts.get(f.path)) is None:
            artifact = artifacts[f.path] = artifact_uri(f.path, options)
        yield result(f, index, seen[key], options, artifact=artifact, json_pointer=pointer)
        seen[key] += 1


def as_log(
    report: Report, options: ReportOptions | None = None, *, encoded: bool = False
) -> dict[str, Any]:
    """The SARIF log; `encoded`: the results as `Lines`, each encoded as it is made (render)."""
    options = options or ReportOptions()
    rules = list(report.ruleset.rules)
    index = {rule.code: i for i, rule in enumerate(rules)}
    found = results(report, index, options)
    log: dict[str, Any] = {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "privlint",
                        "fullName": FULL_NAME,
                        "version": __version__,
                        "semanticVersion": __version__,
                        "informationUri": repository_url(),
                        "rules": [rule_descriptor(r) for r in rules],
                    }
                },
                "automationDetails": automation_details(options.ci),
                "columnKind": "unicodeCodePoints",
                "results": json_lines(found) if encoded else list(found),
            }
        ],
    }
    if options.source_root is not None:  # the CLI knows where the repository root is
        log["runs"][0]["originalUriBaseIds"] = {SRCROOT: {"uri": root_uri(options)}}
    return log


def render(report: Report, options: ReportOptions) -> str:
    # log, runs, run, results: a result a line
    return json_text(as_log(report, options, encoded=True), depth=4)


def write_sarif(report: Report, path: Path, options: ReportOptions | None = None) -> None:
    """`check --sarif FILE`: the SARIF log beside whatever the main format prints."""
    write_output(path, render(report, options or ReportOptions()))

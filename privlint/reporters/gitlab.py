"""GitLab Code Quality (a JSON array of issues), for `artifacts: reports: codequality`.

Each issue has GitLab's required fields: description, check_name, fingerprint, severity and
location (path relative to the repository root, begin line).  The fingerprint is SARIF's
line-free one, so an issue keeps its identity when lines above it move, and merge-request
widgets show it as unchanged rather than fixed plus new.
"""

from __future__ import annotations

import json
from collections import Counter
from typing import TYPE_CHECKING, Any

from privlint.findings import Finding, Severity
from privlint.reporters import ReportOptions, source_relative
from privlint.reporters.sarif import clean, fingerprint

if TYPE_CHECKING:
    from privlint.lint import Report

# GitLab's scale: info, minor, major, critical, blocker.
SEVERITY = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}


def issue(f: Finding, occurrence: int, options: ReportOptions) -> dict[str, Any]:
    path = source_relative(f.path, options) or f.path
    return {
        "type": "issue",
        "check_name": f"{f.code} {f.name}",
        "description": clean(f.message),
        "severity": SEVERITY[f.severity],
        "fingerprint": fingerprint(f, occurrence),
        "location": {
            "path": clean(path),
            "lines": {"begin": f.span.line, "end": f.span.end_line or f.span.line},
        },
    }


def render(report: Report, options: ReportOptions) -> str:
    seen: Counter[tuple[str, str, str, str]] = Counter()
    issues = []
    for f in report.findings:
        key = (f.path, f.code, f.json_pointer, f.message)
        issues.append(issue(f, seen[key], options))
        seen[key] += 1
    return json.dumps(issues, indent=2, ensure_ascii=False) + "\n"

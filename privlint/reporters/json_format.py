"""Machine-readable output; the shape is documented in docs/output-formats.md and stable:
fields may be added in a minor release, never renamed or removed."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from privlint import __version__
from privlint.reporters import ReportOptions, json_lines, json_text

if TYPE_CHECKING:
    from privlint.findings import Finding
    from privlint.lint import Report

SHAPE_VERSION = 1


def as_dict(report: Report) -> dict[str, Any]:
    """The report as JSON data; the findings are `Lines`, each encoded as it is made."""
    counts = report.counts()
    return {
        "version": SHAPE_VERSION,
        "tool": {"name": "privlint", "version": __version__},
        "summary": {
            "files": len(report.files),
            "findings": len(report.findings),
            **{s.value: n for s, n in counts.items()},
            # the lowest failing severity; each file's where configurations differ
            "fail_on": report.fail_levels()[0].value,
            **(
                {"fail_on_by_file": {p: s.value for p, s in sorted(report.fail_on_by_file.items())}}
                if report.fail_on_by_file
                else {}
            ),
            "failed": report.failed(),
        },
        "files": report.files,
        "findings": json_lines(map(finding_dict, report.findings)),
    }


def finding_dict(f: Finding) -> dict[str, Any]:
    return {
        "file": f.path,
        "line": f.span.line,
        "column": f.span.column,
        "end_line": f.span.end_line,
        "end_column": f.span.end_column,
        "code": f.code,
        "rule": f.name,
        "severity": f.severity.value,
        "message": f.message,
        "articles": list(f.articles),
        "fix": f.fix,
        "json_pointer": f.json_pointer,
        "json_path": f.json_path,
    }


def render(report: Report, options: ReportOptions) -> str:
    # A file name with undecodable bytes holds lone surrogates, which UTF-8 cannot encode:
    # json_text writes them as JSON escapes (\udcff), which parse back to the very same name.
    return json_text(as_dict(report))

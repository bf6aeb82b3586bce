"""GitHub Actions workflow commands: each finding becomes an annotation on the pull request.

``::error file=F,line=L,col=C,endLine=L2,endColumn=C2,title=T::message`` (``::warning``,
``::notice`` for the other severities), escaped as the runner expects.  GitHub shows only
the first 10 annotations of each level per step and 50 per job; past that, the output says
so and points to SARIF, which has no such limit.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from privlint.errors import printable, replace_surrogates
from privlint.findings import Finding, Severity
from privlint.reporters import ReportOptions, failing_at

if TYPE_CHECKING:
    from privlint.lint import Report

COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
PER_STEP_LIMIT = 10  # annotations of one level shown per step
PER_JOB_LIMIT = 50  # annotations of all levels shown per job


def escape_data(text: str) -> str:
    """The message part: the runner decodes %25, %0D and %0A.

    Surrogate-escaped characters (from undecodable file names) become U+FFFD: the log is UTF-8.
    """
    text = text.encode("utf-8", "surrogatepass").decode("utf-8", "replace")
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_input(text: str) -> str:
    """A string from input (file name, value, rule text): control and format characters shown
    as escapes; line breaks are left to escape_data (%0A), which the runner decodes only after
    it has read the command, so they cannot start one."""
    return printable(replace_surrogates(text), keep="\r\n")


def escape_property(text: str) -> str:
    """Property values additionally may not hold the separators ':' and ','."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(finding: Finding, options: ReportOptions) -> str:
    span = finding.span
    path = escape_input(finding.path)
    props = [("file", path), ("line", str(span.line)), ("col", str(span.column))]
    if span.end_line is not None:
        props.append(("endLine", str(span.end_line)))
    if span.end_column is not None:
        props.append(("endColumn", str(span.end_column)))
    props.append(("title", escape_input(f"{finding.code} {finding.name}")))
    message = escape_input(finding.message)
    if finding.articles:
        message += f" [{escape_input('; '.join(finding.articles))}]"
    if options.show_fix and finding.fix:
        message += f"\nfix: {escape_input(finding.fix)}"
    head = ",".join(f"{key}={escape_property(value)}" for key, value in props)
    return f"::{COMMAND[finding.severity]} {head}::{escape_data(message)}"


def limit_note(report: Report) -> str | None:
    """Plain text (an annotation would itself count) when GitHub will hide some findings.

    One step shows at most 3 x 10 annotations, below the job's 50, so the per-step limit is
    the one a single privlint step can exceed.
    """
    counts = report.counts()
    over = [f"{counts[s]} {s.value}s" for s in Severity if counts[s] > PER_STEP_LIMIT]
    if not over:
        return None
    return (
        f"privlint: {', '.join(over)}: GitHub annotates only the first {PER_STEP_LIMIT} of "
        f"each level per step (and {PER_JOB_LIMIT} per job), so some findings have no "
        f"annotation. All {len(report.findings)} are listed in this log; to see every one on "
        "the pull request, write SARIF (privlint check --sarif privlint.sarif, or the "
        "action's 'sarif' input) and upload it to code scanning."
    )


def render(report: Report, options: ReportOptions) -> str:
    lines = [annotation(f, options) for f in report.findings]
    note = limit_note(report)
    if note:
        lines.append(note)
    n, files = len(report.findings), len(report.files)
    if n:
        verdict = "failed" if report.failed() else "passed"
        lines.append(
            f"privlint: {n} finding{'s' * (n != 1)} in {files} file{'s' * (files != 1)} "
            f"({verdict}; {failing_at(report)})."
        )
    else:
        lines.append(f"privlint: {files} file{'s' * (files != 1)} checked, no findings.")
    return "\n".join(lines) + "\n"

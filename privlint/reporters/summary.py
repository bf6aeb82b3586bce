"""The GitHub Actions job summary: a Markdown table of findings per file and rule.

`render` is pure (report and link base in, Markdown out).  `append_job_summary` is the one
function here that touches the outside world: the CLI calls it with the environment, and it
appends to the file named by GITHUB_STEP_SUMMARY when that is set.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

from privlint.errors import printable, replace_surrogates
from privlint.findings import Finding, Severity
from privlint.reporters import failing_at

if TYPE_CHECKING:
    from privlint.lint import Report

FIRST = 3  # findings linked per row
MAX_ROWS = 200  # GitHub caps a step's summary at 1 MiB; a table this long is unread anyway
_ICON = {Severity.ERROR: "🔴", Severity.WARNING: "🟡", Severity.INFO: "🔵"}
_SPECIAL = re.compile(r"([\\`*_\[\]|~])")


@dataclass(frozen=True, slots=True)
class Links:
    """Where a file's lines are on the web: ``{server}/{repository}/blob/{sha}/{path}#L{n}``."""

    server: str
    repository: str
    sha: str
    workspace: Path | None = None  # paths are made relative to it (they are cwd-relative)
    cwd: Path | None = None

    def line(self, path: str, line: int) -> str | None:
        p = Path(path)
        if self.workspace is not None and self.cwd is not None:
            try:
                p = (self.cwd / p).resolve().relative_to(self.workspace.resolve())
            except (ValueError, OSError):
                return None  # outside the repository: there is nothing to link to
        elif p.is_absolute() or path.startswith(".."):
            return None
        rel = quote(p.as_posix().encode("utf-8", "surrogateescape"), safe="/")
        return f"{self.server}/{self.repository}/blob/{self.sha}/{rel}#L{line}"


def links_from_env(environ: Mapping[str, str], cwd: Path) -> Links | None:
    keys = ("GITHUB_SERVER_URL", "GITHUB_REPOSITORY", "GITHUB_SHA")
    if not all(environ.get(k) for k in keys):
        return None
    workspace = environ.get("GITHUB_WORKSPACE")
    return Links(
        server=environ["GITHUB_SERVER_URL"].rstrip("/"),
        repository=environ["GITHUB_REPOSITORY"],
        sha=environ["GITHUB_SHA"],
        workspace=Path(workspace) if workspace else None,
        cwd=cwd,
    )


def md(text: str) -> str:
    """Text as one inert table cell: user-controlled strings must not become markup."""
    text = printable(replace_surrogates(" ".join(text.split())))  # nor control/format chars
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _SPECIAL.sub(r"\\\1", text)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _where(f: Finding, links: Links | None) -> str:
    label = f"{f.span.line}:{f.span.column}"
    url = links.line(f.path, f.span.line) if links else None
    return f"[{label}]({url})" if url else label


def render(report: Report, links: Links | None = None) -> str:
    n, files = len(report.findings), len(report.files)
    if not n:
        return f"### privlint: passed\n\n{_plural(files, 'file')} checked, no findings.\n\n"
    counts = report.counts()
    parts = ", ".join(_plural(counts[s], s.value) for s in Severity if counts[s])
    verdict = "failed" if report.failed() else "passed"
    out = [
        f"### privlint: {verdict}",
        "",
        f"{_plural(n, 'finding')} ({parts}) in "
        f"{len({f.path for f in report.findings})} of {_plural(files, 'file')}; "
        f"{failing_at(report)}.",
        "",
        "| File | Rule | Severity | Count | First findings |",
        "| --- | --- | --- | ---: | --- |",
    ]
    groups: dict[tuple[str, str], list[Finding]] = {}
    for f in report.findings:
        groups.setdefault((f.path, f.code), []).append(f)
    for i, ((path, _), group) in enumerate(groups.items()):
        if i == MAX_ROWS:
            out.append(f"\n{len(groups) - MAX_ROWS} more rows not shown; see the job log.")
            break
        first = group[0]
        shown = ", ".join(_where(f, links) for f in group[:FIRST])
        if len(group) > FIRST:
            shown += ", …"
        out.append(
            f"| {md(path)} | {first.code} {first.name} | {_ICON[first.severity]} "
            f"{first.severity.value} | {len(group)} | {shown} |"
        )
    out.append("")
    out.append("<details><summary>Messages of the first findings</summary>\n")
    for f in report.findings[:20]:
        out.append(f"- {md(f.path)} {_where(f, links)} {f.code}: {md(f.message)}")
    out.append("\n</details>\n")
    return "\n".join(out) + "\n"


def append_job_summary(report: Report, environ: Mapping[str, str]) -> str | None:
    """Append the summary when GITHUB_STEP_SUMMARY is set; return a warning if that fails.

    A summary that cannot be written must not change the verdict of the gate, so this
    reports the problem instead of raising.
    """
    target = environ.get("GITHUB_STEP_SUMMARY")
    if not target:
        return None
    text = render(report, links_from_env(environ, Path.cwd()))
    # Undecodable file names arrive surrogate-escaped; the summary file is UTF-8.
    text = text.encode("utf-8", "surrogatepass").decode("utf-8", "replace")
    try:
        with Path(target).open("a", encoding="utf-8") as fh:
            fh.write(text)
    except OSError as exc:
        return f"privlint: warning: cannot write the job summary to {target}: {exc.strerror or exc}"
    return None

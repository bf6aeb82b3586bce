"""Output formats.  A reporter is a pure function: (report, options) -> text.

Reporters never decide anything (the report already holds severities and the verdict) and
never print or read the environment; the CLI does both.  Modules are imported only when their
format is asked for, to keep start-up fast.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from privlint.lazy import load

if TYPE_CHECKING:
    from privlint.lint import Report


@dataclass(frozen=True, slots=True)
class ReportOptions:
    color: bool = False
    show_fix: bool = True
    quiet: bool = False  # text: the summary line only, and nothing at all when clean
    # Where paths are relative to: findings' paths are relative to `cwd`; SARIF and GitLab
    # give them relative to `source_root` (the repository root).  None: both are ".".
    cwd: Path | None = None
    source_root: Path | None = None
    # What CI the run is in, for formats that record it (SARIF automationDetails): env subset.
    ci: Mapping[str, str] = field(default_factory=dict)


Reporter = Callable[["Report", ReportOptions], str]

# format name -> "module:function"
REPORTERS: dict[str, str] = {
    "text": "privlint.reporters.text:render",
    "json": "privlint.reporters.json_format:render",
    "sarif": "privlint.reporters.sarif:render",
    "github": "privlint.reporters.github:render",
    "junit": "privlint.reporters.junit:render",
    "gitlab": "privlint.reporters.gitlab:render",
}


def source_relative(path: str, options: ReportOptions) -> str | None:
    """A finding's path relative to the source root, POSIX; None when it lies outside it."""
    import os

    cwd = options.cwd or Path.cwd()
    full = os.path.normpath(cwd / path)
    root = os.path.normpath(options.source_root or cwd)
    try:
        rel = os.path.relpath(full, root)
    except ValueError:  # another drive
        return None
    if rel == ".." or rel.startswith(".." + os.sep):
        return None
    return Path(rel).as_posix()


def get_reporter(name: str) -> Reporter:
    reporter: Reporter = load(REPORTERS[name])
    return reporter

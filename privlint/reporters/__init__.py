"""Output formats.  A reporter is a pure function: (report, options) -> text.

Reporters never decide anything (the report already holds severities and the verdict) and
never print or read the environment; the CLI does both.  Modules are imported only when their
format is asked for, to keep start-up fast.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from privlint.lazy import load

if TYPE_CHECKING:
    from privlint.lint import Report


@dataclass(frozen=True, slots=True)
class ReportOptions:
    color: bool = False
    show_fix: bool = True


Reporter = Callable[["Report", ReportOptions], str]

# format name -> "module:function"
REPORTERS: dict[str, str] = {
    "text": "privlint.reporters.text:render",
    "json": "privlint.reporters.json_format:render",
    "sarif": "privlint.reporters.sarif:render",
    "github": "privlint.reporters.github:render",
    "junit": "privlint.reporters.junit:render",
}


def get_reporter(name: str) -> Reporter:
    reporter: Reporter = load(REPORTERS[name])
    return reporter

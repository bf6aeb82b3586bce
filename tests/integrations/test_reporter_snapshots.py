"""Every output format, rendered from the same fixed report and compared with a stored copy.

A change in any output is a visible diff in tests/integrations/snapshots/.  After an intended
change, regenerate with PRIVLINT_UPDATE_SNAPSHOTS=1 and review the diff.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from privlint import __version__
from privlint.lint import Report
from privlint.reporters import ReportOptions, get_reporter
from privlint.reporters.summary import Links
from privlint.reporters.summary import render as render_summary

SNAPSHOTS = Path(__file__).parent / "snapshots"
FORMATS = {
    "text": "report.txt",
    "json": "report.json",
    "sarif": "report.sarif",
    "github": "report.github.txt",
    "junit": "report.junit.xml",
    "gitlab": "report.gitlab.json",
}
LINKS = Links("https://github.com", "acme/policies", "0123abc")


def check_snapshot(name: str, text: str) -> None:
    text = text.replace(f'"{__version__}"', '"<version>"')
    path = SNAPSHOTS / name
    if os.environ.get("PRIVLINT_UPDATE_SNAPSHOTS"):
        path.write_text(text, encoding="utf-8", newline="\n")
    expected = path.read_text(encoding="utf-8")
    assert text == expected, f"{name} differs; PRIVLINT_UPDATE_SNAPSHOTS=1 rewrites it"


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_format_matches_snapshot(report: Report, fmt: str) -> None:
    check_snapshot(FORMATS[fmt], get_reporter(fmt)(report, ReportOptions()))


def test_job_summary_matches_snapshot(report: Report) -> None:
    check_snapshot("summary.md", render_summary(report, LINKS))


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_rendering_is_deterministic(report: Report, fmt: str) -> None:
    render = get_reporter(fmt)
    assert render(report, ReportOptions()) == render(report, ReportOptions())

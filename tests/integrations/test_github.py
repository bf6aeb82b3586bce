"""The github format: workflow commands, their escaping, GitHub's annotation limits."""

from __future__ import annotations

from privlint.findings import Severity, Span
from privlint.lint import Report
from privlint.reporters import ReportOptions
from privlint.reporters.github import annotation, escape_data, escape_property, render
from tests.conftest import run_cli
from tests.integrations.conftest import FINDINGS, fixed_report


def test_escaping_follows_the_runner() -> None:
    assert escape_data("100% done\r\nnext: a,b") == "100%25 done%0D%0Anext: a,b"
    assert escape_property("C:\\x,y%\n") == "C%3A\\x%2Cy%25%0A"
    # '%' first, so an escape sequence already in the text is not decoded by the runner
    assert escape_data("%0A") == "%250A"


def test_annotation_with_full_span_title_articles_and_fix() -> None:
    assert annotation(FINDINGS[1], ReportOptions()) == (
        "::warning file=decl/a.privacy.yaml,line=9,col=5,endLine=11,endColumn=1,"
        "title=PL101 retention-missing::activity 'a|b' keeps data 100%25 <forever>: no period,"
        "%0Ano criteria [GDPR Art. 13(2)(a)]%0Afix: Add retention.period."
    )


def test_info_is_a_notice_without_end_position_and_no_fix_hides_the_fix() -> None:
    line = annotation(FINDINGS[2], ReportOptions(show_fix=False))
    assert line.startswith("::notice file=decl/a.privacy.yaml,line=20,col=1,title=PL102 ")
    assert "endLine" not in line
    assert "fix:" not in annotation(FINDINGS[0], ReportOptions(show_fix=False))


def test_properties_with_separators_are_escaped() -> None:
    odd = FINDINGS[0].replace(path="a:b,c.privacy.yaml")
    assert annotation(odd, ReportOptions()).startswith(
        "::error file=a%3Ab%2Cc.privacy.yaml,line=3,"
    )


def test_one_line_per_finding_and_a_verdict() -> None:
    lines = render(fixed_report(), ReportOptions()).splitlines()
    assert [line.split(" ")[0] for line in lines[:5]] == [
        "::error",
        "::warning",
        "::notice",
        "::error",
        "::error",
    ]
    assert lines[5:] == ["privlint: 5 findings in 3 files (failed; failing at warning and above)."]


def _report_with(n: int, severity: Severity) -> Report:
    report = fixed_report()
    base = FINDINGS[0].replace(severity=severity)
    report.findings = [base.replace(span=Span(i + 1, 1)) for i in range(n)]
    return report


def test_no_note_at_the_limit() -> None:
    out = render(_report_with(10, Severity.ERROR), ReportOptions())
    assert "GitHub annotates only" not in out
    assert out.count("::error ") == 10


def test_note_past_the_limit_points_to_sarif() -> None:
    out = render(_report_with(11, Severity.WARNING), ReportOptions())
    assert out.count("::warning ") == 11  # every finding is still printed
    note = next(line for line in out.splitlines() if "GitHub annotates only" in line)
    assert note.startswith("privlint: 11 warnings: GitHub annotates only the first 10 of each")
    assert "--sarif" in note
    assert not note.startswith("::")  # not an annotation: it would count against the limit


def test_clean_run() -> None:
    report = fixed_report()
    report.findings = []
    assert render(report, ReportOptions()) == "privlint: 3 files checked, no findings.\n"


def test_default_format_in_github_actions() -> None:
    path = "tests/data/declarations/misspelled.privacy.yaml"
    result = run_cli("check", path, env={"GITHUB_ACTIONS": "true"})
    assert result.returncode == 1
    first = result.stdout.splitlines()[0]
    assert first.startswith(f"::error file={path},line=5,col=3,endLine=5,endColumn=10,title=PL010")
    explicit = run_cli("check", "-f", "text", path, env={"GITHUB_ACTIONS": "true"})
    assert explicit.stdout.startswith(f"{path}:5:3: error PL010")

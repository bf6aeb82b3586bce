"""The GitHub job summary: a Markdown table, links to lines, appended only in Actions."""

from __future__ import annotations

from pathlib import Path

from privlint.reporters.summary import MAX_ROWS, Links, links_from_env, md, render
from tests.conftest import run_cli
from tests.integrations.conftest import fixed_report

LINKS = Links("https://github.com", "acme/policies", "0123abc")


def test_user_text_cannot_become_markup() -> None:
    assert md("a|b") == "a\\|b"
    assert md("<img src=x onerror=alert(1)>") == "&lt;img src=x onerror=alert(1)&gt;"
    assert md("[click](https://evil)") == "\\[click\\](https://evil)"
    assert md("two\nlines") == "two lines"


def test_rows_per_file_and_rule_with_counts_and_links() -> None:
    text = render(fixed_report(), LINKS)
    assert "### privlint: failed" in text
    row = next(line for line in text.splitlines() if line.startswith("| decl/with space"))
    url = "https://github.com/acme/policies/blob/0123abc/decl/with%20space.privacy.yaml"
    assert row == (
        f"| decl/with space.privacy.yaml | PL010 unknown-key | 🔴 error | 2 | "
        f"[2:1]({url}#L2), [7:1]({url}#L7) |"
    )


def test_without_links_positions_are_plain() -> None:
    text = render(fixed_report(), None)
    assert "| decl/a.privacy.yaml | PL010 unknown-key | 🔴 error | 1 | 3:3 |" in text
    assert "](" not in text


def test_clean_summary() -> None:
    report = fixed_report()
    report.findings = []
    assert render(report) == "### privlint: passed\n\n3 files checked, no findings.\n\n"


def test_links_are_relative_to_the_workspace(tmp_path: Path) -> None:
    env = {
        "GITHUB_SERVER_URL": "https://github.example/",
        "GITHUB_REPOSITORY": "o/r",
        "GITHUB_SHA": "f00",
        "GITHUB_WORKSPACE": str(tmp_path),
    }
    links = links_from_env(env, tmp_path / "sub")
    assert links is not None
    assert (
        links.line("p.privacy.yaml", 4)
        == "https://github.example/o/r/blob/f00/sub/p.privacy.yaml#L4"
    )
    assert links.line("../../elsewhere.yaml", 1) is None
    assert links_from_env({**env, "GITHUB_SHA": ""}, tmp_path) is None


def test_check_appends_the_summary_when_asked(tmp_path: Path) -> None:
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n", encoding="utf-8")
    env = {
        "GITHUB_STEP_SUMMARY": str(summary),
        "GITHUB_SERVER_URL": "https://github.com",
        "GITHUB_REPOSITORY": "acme/policies",
        "GITHUB_SHA": "abc",
    }
    path = "tests/data/declarations/misspelled.privacy.yaml"
    result = run_cli("check", "-f", "text", path, env=env)
    assert result.returncode == 1
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("earlier step\n### privlint: failed\n")
    blob = f"https://github.com/acme/policies/blob/abc/{path}"
    assert f"| {path} | PL010 unknown-key | 🔴 error | 3 | [5:3]({blob}#L5)," in text


def test_no_summary_outside_actions() -> None:
    result = run_cli("check", "examples/complete.privacy.yaml")
    assert result.returncode == 0
    assert result.stderr == ""


def test_unwritable_summary_warns_but_keeps_the_verdict(tmp_path: Path) -> None:
    env = {"GITHUB_STEP_SUMMARY": str(tmp_path / "no" / "such" / "file")}
    clean = run_cli("check", "examples/complete.privacy.yaml", env=env)
    assert clean.returncode == 0
    assert "privlint: warning: cannot write the job summary to " in clean.stderr
    failing = run_cli("check", "tests/data/declarations/types.privacy.yaml", env=env)
    assert failing.returncode == 1


def test_long_tables_are_cut_with_a_note() -> None:
    report = fixed_report()
    base = report.findings[0]
    report.findings = [base.replace(path=f"d/{i:03}.privacy.yaml") for i in range(MAX_ROWS + 7)]
    text = render(report, LINKS)
    rows = [line for line in text.splitlines() if line.startswith("| d/")]
    assert len(rows) == MAX_ROWS
    assert "\n7 more rows not shown; see the job log.\n" in text

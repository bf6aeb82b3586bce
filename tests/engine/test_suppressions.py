"""Inline suppressions: on the line, on the line above, file-wide; reasons required."""

from __future__ import annotations

from pathlib import Path

from engine.helpers import TODAY, codes, lint_text
from privlint.config import Settings

STALE = "privlint: 1\nstatement:\n  last_updated: 2018-05-25{comment}\n"


def test_trailing_comment_suppresses_its_line(tmp_path: Path) -> None:
    text = STALE.format(comment="  # privlint: ignore PL122 -- reviewed 2026-03, unchanged")
    assert "PL122" not in codes(lint_text(tmp_path, text))


def test_comment_line_suppresses_the_next_line(tmp_path: Path) -> None:
    text = (
        "privlint: 1\nstatement:\n"
        "  # privlint: ignore declaration-stale -- reviewed 2026-03, unchanged\n"
        "  last_updated: 2018-05-25\n"
    )
    assert "PL122" not in codes(lint_text(tmp_path, text))


def test_comment_two_lines_above_does_not_reach(tmp_path: Path) -> None:
    text = (
        "privlint: 1\n# privlint: ignore PL122 -- reviewed by legal\nstatement:\n"
        "  last_updated: 2018-05-25\n"
    )
    found = {(f.code, f.span.line, f.message) for f in lint_text(tmp_path, text)}
    assert (
        "PL122",
        4,
        "the statement was last updated on 2018-05-25, more than 24 months before 2026-11-23",
    ) in found
    assert ("PL020", 2, "suppression of PL122 matches no finding on line 3") in found


def test_file_wide_suppression_with_a_prefix(tmp_path: Path) -> None:
    text = "# privlint: ignore-file PL1 -- draft register\n" + STALE.format(comment="")
    found = codes(lint_text(tmp_path, text))
    assert not [c for c in found if c.startswith("PL1")]
    assert "PL020" not in found


def test_reason_is_required_and_the_finding_stays(tmp_path: Path) -> None:
    text = STALE.format(comment="  # privlint: ignore PL122")
    found = [(f.code, f.span.line, f.span.column, f.message) for f in lint_text(tmp_path, text)]
    assert (
        "PL021",
        3,
        29,
        "suppression of PL122 gives no reason (write it after ' -- '); it does not apply",
    ) in found
    assert "PL122" in [c for c, *_ in found]


def test_unknown_rule_in_a_suppression(tmp_path: Path) -> None:
    text = STALE.format(comment="  # privlint: ignore PL122, retention-mising -- reviewed by legal")
    found = [(f.code, f.message) for f in lint_text(tmp_path, text)]
    assert ("PL022", "suppression names unknown rule 'retention-mising'") in found
    assert "PL122" not in [c for c, _ in found]


def test_suppressions_cannot_hide_their_own_findings(tmp_path: Path) -> None:
    text = (
        "# privlint: ignore-file PL020, PL021 -- hide the noise\n"
        "privlint: 1  # privlint: ignore PL101\n"
    )
    found = codes(lint_text(tmp_path, text))
    assert "PL021" in found


def test_no_unused_report_for_a_rule_the_config_switched_off(tmp_path: Path) -> None:
    text = STALE.format(comment="  # privlint: ignore PL122 -- reviewed by legal")
    settings = Settings(today=TODAY, disabled=frozenset({"PL122"}))
    assert "PL020" not in codes(lint_text(tmp_path, text, settings))


def test_marker_inside_a_quoted_value_is_not_a_comment_when_not_after_space(
    tmp_path: Path,
) -> None:
    text = 'privlint: 1\nstatement:\n  title: "x#privlint: ignore PL122 -- no"\n'
    assert "PL020" not in codes(lint_text(tmp_path, text))

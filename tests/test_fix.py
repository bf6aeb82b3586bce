"""`privlint check --fix` / `--diff` and the privlint.fix library the language server uses."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from privlint.config import Overrides, load_settings
from privlint.fix import FIXABLE, duration, fix_text
from privlint.loader import parse_text
from tests.conftest import DATA, run_cli

FIXTURES = sorted((DATA / "fix").glob("*.privacy.yaml"))


def _expected(path: Path) -> bytes:
    return path.with_name(path.name.replace(".privacy.yaml", ".fixed.yaml")).read_bytes()


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.name)
def test_every_fixable_fixture_is_fixed_byte_for_byte_and_idempotently(path: Path) -> None:
    text = path.read_bytes().decode("utf-8")
    result = fix_text(text, path.name)
    assert result.changed
    assert result.text.encode("utf-8") == _expected(path)
    again = fix_text(result.text, path.name)
    assert again.fixes == ()
    assert again.text == result.text


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.name)
def test_each_fix_is_an_edit_of_the_original_text_an_editor_can_apply(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    result = fix_text(text, path.name)
    lines = text.splitlines(keepends=True)
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line))
    edited = text
    for fix in sorted(result.fixes, key=lambda f: f.span, reverse=True):
        assert fix.span.end_line is not None and fix.span.end_column is not None
        start = starts[fix.span.line - 1] + fix.span.column - 1
        end = starts[fix.span.end_line - 1] + fix.span.end_column - 1
        edited = edited[:start] + fix.new_text + edited[end:]
        assert fix.code.startswith("PL") and fix.title
    assert edited == result.text


def test_fixed_findings_are_gone_and_unfixable_ones_stay() -> None:
    settings = load_settings(Overrides())
    from privlint.lint import lint_text

    path = DATA / "fix" / "retention.privacy.yaml"
    fixed = fix_text(path.read_text(encoding="utf-8"), "r.yaml", settings).text
    left = lint_text(fixed, "r.yaml", settings.ruleset(), settings)
    pointers = {f.pointer for f in left if f.code in ("PL012", "PL013")}
    assert pointers == {("activities", 4, "retention", "period")}  # "4 weken na de sollicitatie"


def test_comments_crlf_and_quotes_survive() -> None:
    text = 'privlint: 1\r\n# top\r\ntransfers:\r\n  - id: t   # trailing\r\n    country: "duitsland"  # DE\r\n'
    result = fix_text(text, "x.yaml")
    assert result.text == text.replace('"duitsland"', '"DE"')


def test_a_suppressed_or_ignored_finding_is_not_fixed() -> None:
    text = "privlint: 1\nactivities:\n  - id: a\n    legal_basis: 6(1)(b)  # privlint: ignore PL104, PL013 -- quoted from the contract\n"
    assert not fix_text(text, "x.yaml").changed
    plain = "privlint: 1\nactivities:\n  - id: a\n    legal_basis: 6(1)(b)\n"
    ignored = load_settings(Overrides(ignore=["PL104", "PL013"]))
    assert not fix_text(plain, "x.yaml", ignored).changed
    assert fix_text(plain, "x.yaml").text.endswith("legal_basis: gdpr-6-1-b\n")


def test_durations() -> None:
    assert duration("2 jaar") == "P2Y"
    assert duration("Two years") == "P2Y"
    assert duration("zes maanden") == "P6M"
    assert duration("30 dagen") == "P30D"
    assert duration("p1y6m") == "P1Y6M"
    assert duration("2 jaar na vertrek") is None
    assert duration("0 jaar") is None
    assert duration("many years") is None


def test_broken_yaml_is_left_alone() -> None:
    text = "privlint: 1\nactivities: [\n  legal_basis: 6(1)(b)\n"
    assert fix_text(text, "x.yaml").text == text
    assert parse_text(text)[0] is None


def test_cli_fix_writes_the_file_and_diff_previews_it(tmp_path: Path) -> None:
    src = DATA / "fix" / "legal-bases.privacy.yaml"
    target = tmp_path / "legal-bases.privacy.yaml"
    shutil.copy(src, target)
    diff = run_cli("check", "--diff", target.name, cwd=tmp_path)
    assert diff.returncode == 1, diff.stderr
    assert (
        "-    legal_basis: 6(1)(b)   # the contract\n+    legal_basis: gdpr-6-1-b   # the contract\n"
        in diff.stdout
    )
    assert target.read_bytes() == src.read_bytes()  # --diff writes nothing
    fixed = run_cli("check", "--fix", "--no-fix", target.name, cwd=tmp_path)
    assert "fixed PL104 legal-basis-invalid" in fixed.stderr
    assert target.read_bytes() == _expected(src)
    assert "legal basis '6(1)(b)'" not in fixed.stdout  # the report is of the fixed file
    assert "legal basis 'onze algemene voorwaarden'" in fixed.stdout
    clean = run_cli("check", "--diff", target.name, cwd=tmp_path)
    assert (clean.returncode, clean.stdout) == (0, "")


def test_explain_says_whether_a_rule_has_a_fix() -> None:
    assert "legal-basis-invalid" in FIXABLE and "retention-missing" not in FIXABLE
    fixable = run_cli("explain", "PL104")
    assert "## Automatic fix" in fixable.stdout and "gdpr-6-1-f" in fixable.stdout
    manual = run_cli("explain", "retention-missing")
    assert "None: `privlint check --fix` leaves these to you" in manual.stdout


@pytest.mark.parametrize(
    ("written", "field", "expected"),
    [
        ("6(1)(f)", "legal_basis", "gdpr-6-1-f"),
        ("Art. 6 lid 1 sub a AVG", "legal_basis", "gdpr-6-1-a"),
        ("article 6.1.b GDPR", "legal_basis", "gdpr-6-1-b"),
        ("artikel 6, lid 1, onder c", "legal_basis", "gdpr-6-1-c"),
        ("6 1 f", "legal_basis", "gdpr-6-1-f"),
        ("gerechtvaardigd belang (6f)", "legal_basis", None),  # words: not mechanical
        ("art. 6(1)(g)", "legal_basis", None),  # no such basis
        ("9(2)(a)", "legal_basis", None),  # an Art. 9 condition is no Art. 6 basis
        ("Art. 9(2)(h) AVG", "special_category_condition", "gdpr-9-2-h"),
        ("49(1)(a)", "derogation", "gdpr-49-1-a"),
    ],
)
def test_article_references(written: str, field: str, expected: str | None) -> None:
    text = f"privlint: 1\nactivities:\n  - id: a\n    {field}: '{written}'\n"
    if field == "derogation":
        text = f"privlint: 1\ntransfers:\n  - id: a\n    mechanism: derogation\n    {field}: '{written}'\n"
    result = fix_text(text, "x.yaml")
    if expected is None:
        assert not result.changed
    else:
        assert result.text == text.replace(f"'{written}'", f"'{expected}'")

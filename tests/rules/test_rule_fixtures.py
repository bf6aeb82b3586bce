"""Every rule has failing and passing fixtures, found from the rule files themselves.

A fixture folder is tests/rules/fixtures/<CODE>-<name>/ with fail*.yaml and pass*.yaml.  A
failing fixture states each finding of its rule it expects, as
`# expect: CODE name LINE:COLUMN message`; the test asserts exactly those (other rules may
fire too: fixtures are kept small).  Adding a rule without fixtures fails here.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from privlint.config import Settings
from privlint.discovery import Target
from privlint.engine.model import Rule
from privlint.engine.registry import build_ruleset, builtin_packs
from privlint.lint import lint

FIXTURES = Path(__file__).parent / "fixtures"
TODAY = date(2026, 11, 23)
EXPECT = re.compile(r"^# expect: (PL\d+) (\S+) (\d+):(\d+) (.*)$")
# Rules no real input can trigger today; the reason must say why.
NO_FAILING_FIXTURE = {
    "PL006": "privlint failing on a file is a bug; tests/hostile/test_numbers.py simulates one",
    "PL014": "catch-all for schema keywords without a specific rule; the schema has none left",
}

RULES = build_ruleset(builtin_packs()).rules


def _folder(rule: Rule) -> Path:
    return FIXTURES / f"{rule.code}-{rule.name}"


def _findings(path: Path, code: str) -> set[tuple[str, str, int, int, str]]:
    report = lint([Target(path, path.name)], Settings(today=TODAY))
    return {
        (f.code, f.name, f.span.line, f.span.column, f.message)
        for f in report.findings
        if f.code == code
    }


def _fixtures(prefix: str) -> list[Path]:
    return sorted(FIXTURES.glob(f"*/{prefix}*.yaml"))


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_every_rule_has_fixtures(rule: Rule) -> None:
    folder = _folder(rule)
    assert sorted(folder.glob("pass*.yaml")), f"{folder} needs a pass*.yaml fixture"
    if rule.code not in NO_FAILING_FIXTURE:
        assert sorted(folder.glob("fail*.yaml")), f"{folder} needs a fail*.yaml fixture"


def test_fixture_folders_name_real_rules() -> None:
    names = {f"{r.code}-{r.name}" for r in RULES}
    assert {p.name for p in FIXTURES.iterdir() if p.is_dir()} <= names


@pytest.mark.parametrize("path", _fixtures("fail"), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_failing_fixture(path: Path) -> None:
    code = path.parent.name.split("-")[0]
    text = path.read_bytes().decode("utf-8", "replace")
    expected = set()
    for line in text.splitlines():
        m = EXPECT.match(line)
        if m:
            expected.add((m[1], m[2], int(m[3]), int(m[4]), m[5]))
    assert expected, f"{path} states no '# expect:' line"
    assert {e[0] for e in expected} == {code}, "a fixture states findings of its own rule"
    assert _findings(path, code) == expected


@pytest.mark.parametrize("path", _fixtures("pass"), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_passing_fixture(path: Path) -> None:
    code = path.parent.name.split("-")[0]
    assert _findings(path, code) == set()


@pytest.mark.parametrize("rule", [r for r in RULES if r.examples], ids=lambda r: r.code)
def test_rule_examples_do_what_explain_says(rule: Rule, tmp_path: Path) -> None:
    """The examples `privlint explain` prints: the failing one fails, the passing one passes."""
    assert rule.examples is not None
    failing = tmp_path / "fail.privacy.yaml"
    failing.write_text(rule.examples.failing, encoding="utf-8")
    passing = tmp_path / "pass.privacy.yaml"
    passing.write_text(rule.examples.passing, encoding="utf-8")
    assert _findings(failing, rule.code), f"{rule.code}'s failing example raises nothing"
    assert _findings(passing, rule.code) == set()

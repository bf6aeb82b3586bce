"""`privlint rules`, `privlint explain` and docs/rules.md come from the rule files."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from privlint.engine.docs import explain, rules_markdown
from privlint.engine.model import Rule
from privlint.engine.registry import build_ruleset, builtin_packs

REPO = Path(__file__).resolve().parents[2]
RULES = build_ruleset(builtin_packs()).rules


def _cli(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "privlint", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
    )


def test_docs_rules_md_is_up_to_date() -> None:
    committed = (REPO / "docs" / "rules.md").read_text(encoding="utf-8")
    assert committed == rules_markdown(build_ruleset(builtin_packs())), (
        "docs/rules.md is stale: run  python -m privlint.engine.docs > docs/rules.md"
    )


def test_rules_json_lists_every_rule(tmp_path: Path) -> None:
    proc = _cli("rules", "--format", "json", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    records = json.loads(proc.stdout)
    assert [r["code"] for r in records] == sorted(r.code for r in RULES)
    stale = next(r for r in records if r["name"] == "declaration-stale")
    assert stale["severity"] == "warning"
    assert stale["options"] == {"months": 24}
    assert stale["enabled"] is True


def test_rules_table(tmp_path: Path) -> None:
    proc = _cli("rules", cwd=tmp_path)
    assert proc.returncode == 0
    lines = proc.stdout.splitlines()
    assert lines[0].split() == ["CODE", "NAME", "PACK", "SEVERITY", "ON", "SUMMARY"]
    row = next(line for line in lines if line.startswith("PL201"))
    assert row.split()[:5] == ["PL201", "national-id-restricted", "nl", "error", "yes"]


@pytest.mark.parametrize("rule", [r for r in RULES if r.pack != "core"], ids=lambda r: r.code)
def test_explain_documents_every_rule(rule: Rule) -> None:
    text = explain(rule)
    for section in ("## What it does", "## Why", "## Example", "## Use instead", "## Fix"):
        assert section in text
    assert "Articles: " in text or rule.name in {"reference-undefined", "duplicate-id"}


def test_explain_by_name_from_the_cli(tmp_path: Path) -> None:
    proc = _cli("explain", "transfer-adequacy-invalid", cwd=tmp_path)
    assert proc.returncode == 0
    assert proc.stdout.startswith("# PL111 transfer-adequacy-invalid\n")
    assert "dpf_certified: true" in proc.stdout


def test_explain_unknown_rule_exits_2_with_a_suggestion(tmp_path: Path) -> None:
    proc = _cli("explain", "retention-missng", cwd=tmp_path)
    assert proc.returncode == 2
    assert proc.stderr.startswith(
        "privlint: error: unknown rule 'retention-missng'; did you mean retention-missing"
    )

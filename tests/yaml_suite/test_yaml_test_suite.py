"""The official YAML test suite (tests/data/yaml-test-suite, MIT) against privlint's loader.

ruamel's pure parser is the reference: libyaml only accelerates it, so a valid file is never
refused as invalid YAML, an invalid one never passes, and both back-ends give one verdict.
"""

from __future__ import annotations

import json
import math
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from privlint.loader import parse_yaml
from tests.yaml_suite.verdicts import load_cases, verdicts

ROOT = Path(__file__).resolve().parent.parent.parent
CASES = load_cases()
VALID = [c for c in CASES if not c["error"]]
ERRORS = [c for c in CASES if c["error"]]

# What privlint refuses by policy (docs/security.md), as its messages name it.
FEATURES = re.compile(
    r"tag '|more than one YAML document|mapping keys must be plain strings|'%YAML|"
    r"in a flow collection|control character"
)


def _pure_reads(text: str) -> bool:
    from ruamel.yaml import YAML

    try:
        for _ in YAML(typ="safe", pure=True).parse(text):
            pass
    except Exception:
        return False
    return True


@pytest.fixture(scope="module")
def verdict() -> dict[str, dict[str, Any]]:
    return verdicts()


def _names(found: dict[str, Any]) -> list[str]:
    return [f[3] for f in found["findings"]]


def test_the_suite_is_all_there() -> None:
    assert (len(CASES), len(ERRORS)) == (402, 94)


def test_valid_yaml_is_never_invalid_and_refusals_name_the_feature(
    verdict: dict[str, dict[str, Any]],
) -> None:
    wrong = []
    for case in VALID:
        found = verdict[case["id"]]
        if _pure_reads(case["yaml"]) and "invalid-yaml" in _names(found):
            wrong.append((case["id"], case["title"], found["findings"]))
        for line, column, _, name, message in found["findings"]:
            if name == "unsupported-yaml" and not FEATURES.search(message):
                wrong.append((case["id"], line, column, message))
    assert wrong == []


def _same(a: Any, b: Any) -> bool:
    """JSON equality, with NaN equal to itself."""
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b):
        return True
    return bool(json.loads(json.dumps(a)) == json.loads(json.dumps(b)))


@pytest.mark.parametrize(
    "case", [c for c in VALID if c["json"] and len(c["json"]) == 1], ids=lambda c: c["id"]
)
def test_accepted_data_equals_in_json(case: dict[str, Any]) -> None:
    parsed = parse_yaml(case["yaml"])
    if parsed.ok and not parsed.problems:
        assert _same(parsed.data, case["json"][0])


def test_errors_fail_and_what_the_pure_parser_rejects_is_invalid_yaml(
    verdict: dict[str, dict[str, Any]],
) -> None:
    wrong = []
    for case in ERRORS:
        found = verdict[case["id"]]
        if not found["failed"]:
            wrong.append((case["id"], "passes", found["findings"]))
        elif not _pure_reads(case["yaml"]) and "invalid-yaml" not in _names(found):
            wrong.append((case["id"], "not invalid-yaml", found["findings"]))
    assert wrong == []


def test_same_verdicts_without_libyaml(verdict: dict[str, dict[str, Any]]) -> None:
    pytest.importorskip("_ruamel_yaml", reason="ruamel.yaml.clib is not installed")
    run = subprocess.run(
        [sys.executable, "-m", "tests.yaml_suite.verdicts", "--hide-libyaml"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        timeout=600,
    )
    pure = json.loads(run.stdout)
    assert pure["libyaml"] is False
    differ = {k: (v, pure["verdicts"][k]) for k, v in verdict.items() if v != pure["verdicts"][k]}
    assert differ == {}

"""Broken or hostile configuration and rule files: exit 2, one message naming file and line.

Rule files and the configuration change in pull requests too.  They are parsed with the same
loader as declarations (no tags, bounded aliases) and validated when they load; nothing in
them is ever run as code.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from privlint import app
from tests.hostile.cases import EXAMPLE, alias_bomb

RULE_HEAD = """pack: acme
rules:
  - code: PL9001
    name: acme-x
    severity: error
    summary: s
    rationale: r
    fix: f
    message: "m {value}"
"""


def run(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    config: str,
    rules: str | None = None,
) -> tuple[int, str, str]:
    (tmp_path / "privacy.yaml").write_text(EXAMPLE)
    (tmp_path / ".privlint.yaml").write_text(config)
    if rules is not None:
        (tmp_path / "rules.yaml").write_text(rules)
    monkeypatch.chdir(tmp_path)
    code = app.main(["check", "--format", "text", "--no-fix", "privacy.yaml"])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def rule(given: str, then: str) -> str:
    return RULE_HEAD + f"    given: {given!r}\n    then: {then}\n"


CONFIG_CASES = [
    pytest.param(
        "fail-on: [\n",
        ".privlint.yaml:2:1: config: invalid YAML: the file ends where a value is expected (a '[' or '{' that is never closed?)",
        id="bad YAML",
    ),
    pytest.param(
        "fail-on: error\nfial-on: x\n",
        ".privlint.yaml:2:1: fial-on: unknown key; did you mean 'fail-on'?",
        id="unknown key",
    ),
    pytest.param(
        "fail-on: !!python/object:os.system {}\n",
        ".privlint.yaml:1:10: config: tag '!!python/object:os.system' is not supported: "
        "privlint never constructs objects from tags",
        id="object tag",
    ),
    pytest.param(
        alias_bomb(),
        ".privlint.yaml:5:30: config: aliases expand the document to more than 50,000 nodes "
        "beyond what is written; refusing to expand them (an alias bomb?)",
        id="alias bomb",
    ),
    pytest.param(
        "select: [PL999]\n",
        ".privlint.yaml:1:10: unknown rule 'PL999' (see `privlint rules`)",
        id="unknown rule code",
    ),
    pytest.param(
        "packs: {nope: true}\n",
        ".privlint.yaml:1:9: unknown pack 'nope'; known: core, eprivacy, gdpr, nl",
        id="pack that does not exist",
    ),
    pytest.param(
        "rules: [nothere.yaml]\n",
        "nothere.yaml:1:1: rule file: cannot read file: No such file or directory",
        id="rule file that does not exist",
    ),
]
# A file that cannot be read or parsed always fails the run (issue 11, test_core_findings.py):
# naming a loader rule to switch it off is refused, not a setting that does nothing.
LOADER_RULE_CASES = [
    pytest.param(
        "ignore: [PL001]\n",
        ".privlint.yaml:1:10: PL001 (invalid-yaml) cannot be ignored: a file that cannot be "
        "read or parsed always fails the run",
        id="ignore a loader rule",
    ),
    pytest.param(
        "per-file-ignores: {'*': [unreadable-file]}\n",
        ".privlint.yaml:1:26: PL002 (unreadable-file) cannot be ignored: a file that cannot be "
        "read or parsed always fails the run",
        id="per-file-ignores of a loader rule",
    ),
    pytest.param(
        "severity: {duplicate-key: info}\n",
        ".privlint.yaml:1:12: PL004 (duplicate-key) cannot be re-graded: a file that cannot "
        "be read or parsed always fails the run",
        id="re-grade a loader rule",
    ),
]
CONFIG_CASES += LOADER_RULE_CASES


@pytest.mark.parametrize(("config", "message"), CONFIG_CASES)
def test_bad_config(
    config: str,
    message: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = run(tmp_path, monkeypatch, capsys, config)
    assert (code, out) == (2, "")
    assert err == f"privlint: error: {tmp_path}/{message}\n"


RULE_CASES = [
    pytest.param(
        "pack: acme\nrules: [\n",
        "rules.yaml:3:1: rule file: invalid YAML: the file ends where a value is expected (a '[' or '{{' that is never closed?)",
        id="bad YAML",
    ),
    pytest.param(
        rule("$.activities[*]", "{function: defined, field: id}") + "    bogus: 1\n",
        "rules.yaml:12:5: invalid rule file (1 problem(s)):\n"
        "  {dir}/rules.yaml:12:5: rules.0.bogus: unknown key",
        id="unknown key",
    ),
    pytest.param(
        rule("$.activities[*]", "{function: os.system, field: id}"),
        "rules.yaml:11:22: unknown function 'os.system'; known: adequacy, any-key, ...",
        id="unknown function",
    ),
    pytest.param(
        rule("$.activities[?@.x =~ /a/]", "{function: defined, field: id}"),
        "rules.yaml:10:12: invalid JSONPath '$.activities[?@.x =~ /a/]': unexpected token '='",
        id="JSONPath extension",
    ),
    pytest.param(
        rule("$.activities[?(@.x", "{function: defined, field: id}"),
        "rules.yaml:10:12: invalid JSONPath '$.activities[?(@.x': unbalanced parentheses",
        id="invalid JSONPath",
    ),
    pytest.param(
        rule("$.activities[*]", '{field: id, schema: {pattern: "^(a{1,100}){1,100}$"}}'),
        "rules.yaml:11:31: regular expression '^(a{{1,100}}){{1,100}}$' is refused: invalid "
        "repetition size: {{1,100}} (rule files' regexes run on RE2, a linear-time engine: no "
        "back-references or look-around, repetition counts up to 1,000)",
        id="regex RE2 cannot run",
    ),
    pytest.param(
        rule("$.activities[*]", '{schema: {patternProperties: {"(?=x)y": {}}}}'),
        "rules.yaml:11:20: regular expression '(?=x)y' is refused: invalid perl operator: (?= "
        "(rule files' regexes run on RE2, a linear-time engine: no back-references or "
        "look-around, repetition counts up to 1,000)",
        id="look-ahead as a property pattern",
    ),
    pytest.param(
        rule("$.activities[*]", '{field: id, schema: {pattern: "(unclosed"}}'),
        "rules.yaml:11:31: invalid JSON Schema: '(unclosed' is not a 'regex'",
        id="invalid regex",
    ),
]


@pytest.mark.parametrize(("rules", "message"), RULE_CASES)
def test_bad_rule_file(
    rules: str,
    message: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = run(tmp_path, monkeypatch, capsys, "rules: [rules.yaml]\n", rules)
    assert (code, out) == (2, "")
    expected = f"privlint: error: {tmp_path}/{message.format(dir=tmp_path)}"
    if expected.endswith("..."):  # a list that grows as functions are added
        assert err.startswith(expected.removesuffix("..."))
        assert err.count("\n") == 1
    else:
        assert err == expected + "\n"


def test_message_templates_are_not_format_strings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`{value.__class__}` and `{0}` are left as written: no attribute access, no indexing."""
    rules = rule("$.activities[0]", "{function: defined, field: nothere}").replace(
        'message: "m {value}"', 'message: "m {value} {value.__class__} {0}"'
    )
    code, out, _ = run(tmp_path, monkeypatch, capsys, "rules: [rules.yaml]\n", rules)
    assert code == 1
    assert "error PL9001 acme-x: m (absent) {value.__class__} {0}" in out


def test_remote_schema_reference_is_refused_when_the_rule_loads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    rules = rule("$.activities[*]", '{schema: {$ref: "https://example.com/evil.json"}}')
    code, _, err = run(tmp_path, monkeypatch, capsys, "rules: [rules.yaml]\n", rules)
    assert code == 2
    assert err == (
        f"privlint: error: {tmp_path}/rules.yaml:11:20: $ref 'https://example.com/evil.json' "
        "leaves the rule's schema; only local references ('#/...') are allowed\n"
    )


def test_a_fifo_as_rule_file_does_not_hang(tmp_path: Path) -> None:
    (tmp_path / "privacy.yaml").write_text(EXAMPLE)
    (tmp_path / ".privlint.yaml").write_text("rules: [rules.yaml]\n")
    os.mkfifo(tmp_path / "rules.yaml")
    result = subprocess.run(
        [sys.executable, "-m", "privlint", "check", "privacy.yaml"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=5,
        check=False,
    )
    assert result.returncode == 2
    assert "rules.yaml" in result.stderr

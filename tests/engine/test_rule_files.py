"""A broken rule file stops the run with exit 2, naming the file and line of each problem."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from privlint.engine.registry import load_pack
from privlint.errors import ConfigError

RULE = """\
pack: acme
rules:
  - code: PL9001
    name: acme-rule
    severity: error
    summary: s
    rationale: r
    message: m
    fix: f
    given: "{given}"
    then:
      {then}
"""


def _load(tmp_path: Path, given: str = "$.activities[*]", then: str = "function: defined") -> str:
    path = tmp_path / "acme.yaml"
    path.write_text(RULE.format(given=given, then=then), encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_pack(path)
    return str(info.value)


def test_unknown_function(tmp_path: Path) -> None:
    msg = _load(tmp_path, then="function: shell")
    assert msg.startswith(f"{tmp_path / 'acme.yaml'}:12:17: unknown function 'shell'; known: ")


def test_unknown_option(tmp_path: Path) -> None:
    msg = _load(tmp_path, then="function: max-age\n      options: {months: 3, days: 4}")
    assert msg == f"{tmp_path / 'acme.yaml'}:13:34: function 'max-age': unknown option"


def test_bad_option_value(tmp_path: Path) -> None:
    msg = _load(tmp_path, then="function: max-duration\n      options: {max: ninety days}")
    assert msg.startswith(f"{tmp_path / 'acme.yaml'}:13:22: function 'max-duration': Value error")
    assert "'ninety days' is not an ISO 8601 duration" in msg


def test_bad_jsonpath(tmp_path: Path) -> None:
    msg = _load(tmp_path, given="$.activities[?@.role ==]")
    assert msg.startswith(
        f"{tmp_path / 'acme.yaml'}:10:12: invalid JSONPath '$.activities[?@.role ==]'"
    )


def test_non_standard_jsonpath_is_refused(tmp_path: Path) -> None:
    # python-jsonpath's own extensions (regex literals, keys()) are off: RFC 9535 only.
    msg = _load(tmp_path, given="$.activities[?@.id =~ /a.*/]")
    assert ":10:12: invalid JSONPath" in msg


def test_regex_re2_cannot_run_in_schema_is_refused(tmp_path: Path) -> None:
    msg = _load(tmp_path, then="field: id\n      schema: {pattern: '^(a{1,100}){1,100}$'}")
    assert msg.startswith(
        f"{tmp_path / 'acme.yaml'}:13:15: regular expression '^(a{{1,100}}){{1,100}}$' is refused"
    )


def test_regex_re2_cannot_run_in_selector_is_refused(tmp_path: Path) -> None:
    msg = _load(tmp_path, given="$.activities[?match(@.id, '(?<=x)y')]")  # look-behind
    assert ":10:12: invalid JSONPath" in msg and "is refused: invalid perl operator" in msg


def test_invalid_schema(tmp_path: Path) -> None:
    msg = _load(tmp_path, then="schema: {type: text}")
    assert msg.startswith(
        f"{tmp_path / 'acme.yaml'}:12:15: invalid JSON Schema: 'text' is not valid"
    )


def test_all_problems_are_reported_at_once(tmp_path: Path) -> None:
    msg = _load(tmp_path, given="$[", then="function: nope")
    assert f"invalid rule file (2 problems):\n  {tmp_path / 'acme.yaml'}:10:12: " in msg
    assert f"{tmp_path / 'acme.yaml'}:12:17: unknown function 'nope'" in msg


def test_unknown_key_in_rule(tmp_path: Path) -> None:
    path = tmp_path / "acme.yaml"
    path.write_text(
        RULE.format(given="$", then="function: defined") + "    exec: rm -rf /\n", encoding="utf-8"
    )
    with pytest.raises(ConfigError) as info:
        load_pack(path)
    assert f"{path}:13:5: rules.0.exec: unknown key" in str(info.value)


def test_provided_by_is_reserved(tmp_path: Path) -> None:
    path = tmp_path / "acme.yaml"
    text = RULE.format(given="$", then="function: defined") + "    provided-by: engine\n"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match="'provided-by' is reserved"):
        load_pack(path)


def test_cli_exits_2_naming_the_rule_file(tmp_path: Path) -> None:
    (tmp_path / "acme.yaml").write_text(
        RULE.format(given="$", then="function: eval"), encoding="utf-8"
    )
    (tmp_path / ".privlint.yaml").write_text("rules: [acme.yaml]\n", encoding="utf-8")
    (tmp_path / "privacy.yaml").write_text("privlint: 1\n", encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "privlint", "check", "."],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 2
    assert proc.stderr.startswith("privlint: error: ")
    assert "acme.yaml:12:17: unknown function 'eval'" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_remote_schema_reference_is_refused(tmp_path: Path) -> None:
    msg = _load(tmp_path, then='schema: {$ref: "https://example.com/evil.json"}')
    assert msg == (
        f"{tmp_path / 'acme.yaml'}:12:15: $ref 'https://example.com/evil.json' leaves the "
        "rule's schema; only local references ('#/...') are allowed"
    )


def test_dangling_local_reference_is_refused(tmp_path: Path) -> None:
    msg = _load(tmp_path, then='schema: {$defs: {a: {type: string}}, $ref: "#/$defs/b"}')
    assert msg.endswith(":12:15: $ref '#/$defs/b' points at nothing in the rule's schema")


def test_local_reference_works(tmp_path: Path) -> None:
    path = tmp_path / "acme.yaml"
    then = 'field: id\n      schema: {$defs: {a: {type: string}}, $ref: "#/$defs/a"}'
    path.write_text(RULE.format(given="$.activities[*]", then=then), encoding="utf-8")
    assert load_pack(path).rules[0].code == "PL9001"


def test_every_builtin_rule_compiles() -> None:
    """The start-up path skips compiling built-in packs; this is where they are held to it."""
    from privlint.engine.compile import compile_rule
    from privlint.engine.registry import builtin_packs

    rules = [r for pack in builtin_packs() for r in pack.rules if r.builtin_check is None]
    assert len(rules) >= 24
    assert {r.code: compile_rule(r)[1] for r in rules} == {r.code: [] for r in rules}


def test_a_when_condition_on_an_absent_field_does_not_hold(tmp_path: Path) -> None:
    """`when: {field: x, schema: ...}` applies the rule only where x is there and passes."""
    rule = RULE.format(given="$.activities[*]", then="function: defined\n      field: id")
    rule += "    when: {field: role, schema: {const: processor}}\n"
    (tmp_path / "acme.yaml").write_text(rule, encoding="utf-8")
    (tmp_path / ".privlint.yaml").write_text("rules: [acme.yaml]\n", encoding="utf-8")
    (tmp_path / "privacy.yaml").write_text(
        "privlint: 1\nactivities:\n  - {purposes: [a]}\n  - {role: controller}\n"
        "  - {role: processor}\n",
        encoding="utf-8",
    )
    proc = subprocess.run(
        [sys.executable, "-m", "privlint", "check", "--select", "PL9001", "privacy.yaml"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert [line.split(" ")[0] for line in proc.stdout.splitlines() if "PL9001" in line] == [
        "privacy.yaml:5:5:"
    ]

"""`privlint check` end to end: positions, exit codes, formats, discovery."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.conftest import DATA, EXAMPLES, run_cli

DECL = DATA / "declarations"


def _lines(out: str) -> list[str]:
    return [line for line in out.splitlines() if line and not line.startswith("    fix:")]


def test_misspelled_keys_are_reported_at_their_own_line_and_column() -> None:
    # Structural rules only (PL0xx): the law's rules have their own fixtures.
    result = run_cli(
        "check", "--no-fix", "--select", "PL0", "tests/data/declarations/misspelled.privacy.yaml"
    )
    assert result.returncode == 1
    assert _lines(result.stdout) == [
        "tests/data/declarations/misspelled.privacy.yaml:5:3: error PL010 unknown-key: "
        "unknown key 'versoin' in Statement; did you mean 'version'?",
        "tests/data/declarations/misspelled.privacy.yaml:11:37: error PL013 invalid-value: "
        "the string 'contact.emial' is not allowed in Data categories; did you mean 'contact.email'?",
        "tests/data/declarations/misspelled.privacy.yaml:15:7: error PL010 unknown-key: "
        "unknown key 'periode' in Retention; did you mean 'period'?",
        "tests/data/declarations/misspelled.privacy.yaml:17:3: error PL010 unknown-key: "
        "unknown key 'acces' in Data-subject rights; did you mean 'access'?",
        "Found 4 problems (4 errors) in 1 of 1 file.",
    ]
    assert result.stderr == ""


def test_json_shape_and_positions_of_type_errors() -> None:
    result = run_cli(
        "check", "-f", "json", "--select", "PL0", "tests/data/declarations/types.privacy.yaml"
    )
    assert result.returncode == 1
    doc = json.loads(result.stdout)
    assert set(doc) == {"version", "tool", "summary", "files", "findings"}
    assert doc["version"] == 1
    assert doc["tool"]["name"] == "privlint"
    assert doc["summary"] == {
        "files": 1,
        "findings": 9,
        "error": 9,
        "warning": 0,
        "info": 0,
        "fail_on": "warning",
        "failed": True,
    }
    first = doc["findings"][0]
    assert set(first) == {
        "file", "line", "column", "end_line", "end_column", "code", "rule", "severity",
        "message", "articles", "fix", "json_pointer", "json_path",
    }  # fmt: skip
    got = [(f["line"], f["column"], f["rule"], f["json_pointer"]) for f in doc["findings"]]
    assert got == [
        (3, 12, "wrong-type", "/statement/version"),
        (4, 17, "invalid-value", "/statement/last_updated"),
        (5, 13, "invalid-value", "/statement/language"),
        (6, 11, "wrong-type", "/services"),
        (9, 11, "invalid-value", "/activities/0/role"),
        (10, 15, "wrong-type", "/activities/0/purposes"),
        (12, 15, "invalid-value", "/activities/0/retention/period"),
        (13, 7, "missing-field", "/activities/0/retention/after"),
        (14, 5, "missing-field", "/activities/1"),
    ]
    version = doc["findings"][0]
    assert version["end_line"] == 3 and version["end_column"] == 15
    assert version["json_path"] == "$['statement']['version']"
    assert "quote the value" in version["message"]


def test_complete_example_is_clean() -> None:
    result = run_cli("check", "examples/complete.privacy.yaml")
    assert result.returncode == 0, result.stdout
    assert result.stdout.strip() == "All checks passed: 1 file, no findings."


def test_invalid_yaml_is_a_finding_and_other_files_are_still_checked(tmp_path: Path) -> None:
    bad = tmp_path / "bad.privacy.yaml"
    bad.write_text("privlint: 1\ncontroller:\n  name: 'unclosed\n", encoding="utf-8")
    typo = tmp_path / "typo.privacy.yaml"
    shutil.copy(DECL / "misspelled.privacy.yaml", typo)
    result = run_cli("check", "--no-fix", "--select", "PL0", bad, typo, cwd=tmp_path)
    assert result.returncode == 1
    lines = _lines(result.stdout)
    assert lines[0].startswith("bad.privacy.yaml:4:1: error PL001 invalid-yaml: invalid YAML:")
    assert sum(line.startswith("typo.privacy.yaml:") for line in lines) == 4
    assert lines[-1] == "Found 5 problems (5 errors) in 2 of 2 files."


def test_directory_discovery_follows_the_naming_convention(tmp_path: Path) -> None:
    (tmp_path / "sub" / ".hidden").mkdir(parents=True)
    shutil.copy(DECL / "misspelled.privacy.yaml", tmp_path / "sub" / "a.privacy.yaml")
    shutil.copy(DECL / "misspelled.privacy.yaml", tmp_path / "privacy.yml")
    shutil.copy(DECL / "misspelled.privacy.yaml", tmp_path / "sub" / "other.yaml")  # not ours
    shutil.copy(DECL / "misspelled.privacy.yaml", tmp_path / "sub" / ".hidden" / "x.privacy.yaml")
    result = run_cli("check", "-f", "json", ".", cwd=tmp_path)
    assert result.returncode == 1
    # hidden directories are walked too (issue 11): only .git and the like are skipped
    assert json.loads(result.stdout)["files"] == [
        "privacy.yml",
        "sub/.hidden/x.privacy.yaml",
        "sub/a.privacy.yaml",
    ]
    # named explicitly, a file is checked whatever its name
    result = run_cli("check", "-f", "json", "sub/other.yaml", cwd=tmp_path)
    assert json.loads(result.stdout)["files"] == ["sub/other.yaml"]


def test_a_directory_without_declarations_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "notes.yaml").write_text("a: 1\n", encoding="utf-8")
    result = run_cli("check", ".", cwd=tmp_path)
    assert result.returncode == 2
    assert "no declaration files found" in result.stderr
    assert "Traceback" not in result.stderr


def test_fail_on_error_lets_warnings_pass_and_exit_codes(tmp_path: Path) -> None:
    result = run_cli("check", "--fail-on", "bogus", "examples")
    assert result.returncode == 2
    assert "invalid choice" in result.stderr
    result = run_cli("check", "--fail-on", "error", "examples/complete.privacy.yaml")
    assert result.returncode == 0


def test_output_file_and_no_color_when_piped(tmp_path: Path) -> None:
    out = tmp_path / "report.json"
    result = run_cli(
        "check",
        "-f",
        "json",
        "--select",
        "PL0",
        "-o",
        out,
        "tests/data/declarations/misspelled.privacy.yaml",
    )
    assert result.returncode == 1
    assert result.stdout == ""
    assert json.loads(out.read_text(encoding="utf-8"))["summary"]["findings"] == 4
    piped = run_cli("check", "tests/data/declarations/misspelled.privacy.yaml")
    assert "\x1b[" not in piped.stdout


def test_schema_command_prints_the_schema_and_version() -> None:
    result = run_cli("schema")
    assert result.returncode == 0
    schema = json.loads(result.stdout)
    assert schema["$id"].endswith("declaration-1.json")
    version = run_cli("--version")
    assert version.returncode == 0
    assert version.stdout.startswith("privlint ")


def test_undecodable_file_name_round_trips_through_json_and_is_escaped_in_text(
    tmp_path: Path,
) -> None:
    import os

    name = os.fsdecode(b"\xff.privacy.yaml")
    try:
        (tmp_path / name).write_bytes(b"- a list\n")
    except OSError:
        pytest.skip("this file system refuses non-UTF-8 file names")
    out = tmp_path / "report.json"
    result = run_cli("check", "-f", "json", "-o", out, ".", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    raw = out.read_bytes().decode("utf-8")  # strict: valid UTF-8
    assert '"file": "\\udcff.privacy.yaml"' in raw
    assert json.loads(raw)["files"] == [name]  # parses back to the very name on disk
    text = run_cli("check", "--no-fix", ".", cwd=tmp_path)
    assert text.stdout.splitlines()[0].startswith("\\udcff.privacy.yaml:1:1: error PL005")


def test_json_declarations_are_checked_with_positions(tmp_path: Path) -> None:
    from ruamel.yaml import YAML

    data = YAML(typ="safe").load((EXAMPLES / "complete.privacy.yaml").read_text(encoding="utf-8"))
    data["activities"][0]["retension"] = data["activities"][0].pop("retention")
    text = json.dumps(data, indent=2, default=str)
    (tmp_path / "complete.privacy.json").write_text(text, encoding="utf-8")
    result = run_cli("check", "-f", "json", "--select", "PL0", ".", cwd=tmp_path)
    assert result.returncode == 1
    [finding] = json.loads(result.stdout)["findings"]
    line = next(i for i, row in enumerate(text.splitlines(), 1) if '"retension"' in row)
    assert (finding["file"], finding["line"], finding["rule"]) == (
        "complete.privacy.json",
        line,
        "unknown-key",
    )
    assert finding["column"] == text.splitlines()[line - 1].index('"retension"') + 1


def test_text_is_coloured_only_on_a_terminal(tmp_path: Path) -> None:
    """A pseudo-terminal gets colour; NO_COLOR and --no-color turn it off."""
    import os
    import pty
    import subprocess
    import sys

    shutil.copy(DECL / "misspelled.privacy.yaml", tmp_path / "a.privacy.yaml")

    def on_a_tty(*extra: str, env: dict[str, str] | None = None) -> str:
        leader, follower = pty.openpty()
        environment = {**os.environ, **(env or {})}
        with subprocess.Popen(
            [sys.executable, "-m", "privlint", "check", *extra, "a.privacy.yaml"],
            cwd=tmp_path,
            stdout=follower,
            stderr=follower,
            env=environment,
        ) as proc:
            os.close(follower)
            chunks = []
            while True:
                try:
                    chunk = os.read(leader, 65536)
                except OSError:  # the child closed the terminal
                    break
                if not chunk:
                    break
                chunks.append(chunk)
            proc.wait(timeout=60)
        os.close(leader)
        return b"".join(chunks).decode("utf-8", "replace")

    coloured = on_a_tty()
    assert "\x1b[" in coloured
    assert "unknown key 'versoin'" in coloured
    assert "\x1b[" not in on_a_tty("--no-color")
    assert "\x1b[" not in on_a_tty(env={"NO_COLOR": "1"})

"""Configuration: discovery, validation with file:line, and each setting's effect."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from privlint.config import Overrides, Settings, load_settings
from privlint.discovery import Target
from privlint.errors import ConfigError
from privlint.findings import Severity
from privlint.lint import lint
from tests.conftest import run_cli

TODAY = date(2026, 11, 23)

STALE_DOC = """\
privlint: 1
statement:
  last_updated: 2018-05-25
activities:
  - id: recordings
    data_categories: [communication-content.call-recording]
    purposes: [Training]
    legal_basis: gdpr-6-1-f
    legitimate_interest: Training support staff.
    retention: {period: P6M}
"""

# The test organisation's own policy, in exactly the built-in format.
ACME_RULES = """\
pack: acme
description: ACME B.V. retention policies.
rules:
  - code: PL9001
    name: acme-call-recordings-90-days
    severity: error
    articles: [ACME retention policy 4.2]
    summary: Call recordings are kept at most 90 days.
    rationale: Our works council agreement limits call recordings to 90 days.
    message: "activity '{id}' keeps call recordings for {value}; the policy allows at most {max}"
    fix: Set retention.period to P90D or less.
    given: "$.activities[?@.retention.period]"
    when:
      field: data_categories
      function: has-tag
      options: {tag: communication-content}
    then:
      field: retention.period
      function: max-duration
      options: {max: P90D}
"""


def _cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "privlint", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
    )


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _codes(tmp_path: Path, settings: Settings, doc: str = STALE_DOC) -> list[str]:
    path = _write(tmp_path, "x.privacy.yaml", doc)
    return [f.code for f in lint([Target(path, "x.privacy.yaml")], settings).findings]


def _settings(tmp_path: Path, config: str, name: str = ".privlint.yaml") -> Settings:
    _write(tmp_path, name, config)
    settings = load_settings(cwd=tmp_path)
    return settings.replace(today=TODAY)


# -- discovery ---------------------------------------------------------------------------------


def test_found_upwards_from_the_working_directory(tmp_path: Path) -> None:
    _write(tmp_path, ".privlint.yaml", "ignore: [declaration-stale]\n")
    sub = tmp_path / "a" / "b"
    sub.mkdir(parents=True)
    settings = load_settings(cwd=sub)
    assert settings.config_path == tmp_path / ".privlint.yaml"
    assert not settings.enabled("PL122")


def test_pyproject_table(tmp_path: Path) -> None:
    _write(
        tmp_path, "pyproject.toml", '[project]\nname = "x"\n\n[tool.privlint]\nignore = ["PL122"]\n'
    )
    assert not load_settings(cwd=tmp_path).enabled("PL122")


def test_pyproject_without_the_table_does_not_stop_the_search(tmp_path: Path) -> None:
    _write(tmp_path, ".privlint.yaml", "ignore: [PL122]\n")
    _write(tmp_path, "sub/pyproject.toml", '[project]\nname = "x"\n')
    settings = load_settings(cwd=tmp_path / "sub")
    assert settings.config_path == tmp_path / ".privlint.yaml"


def test_no_config_means_defaults(tmp_path: Path) -> None:
    settings = load_settings(cwd=tmp_path)
    assert settings.config_path is None or settings.config_path.parent not in tmp_path.parents
    assert settings.fail_on is Severity.WARNING


def test_explicit_config_wins(tmp_path: Path) -> None:
    _write(tmp_path, ".privlint.yaml", "ignore: [PL122]\n")
    other = _write(tmp_path, "ci/strict.yaml", "fail-on: error\n")
    settings = load_settings(Overrides(config=other), cwd=tmp_path)
    assert settings.enabled("PL122")
    assert settings.fail_on is Severity.ERROR


# -- errors: exit 2, file and line -------------------------------------------------------------


@pytest.mark.parametrize(
    ("config", "message"),
    [
        (
            "fail-on: error\nselct: [PL1]\n",
            ".privlint.yaml:2:1: selct: unknown key; did you mean 'select'?",
        ),
        (
            "ignore:\n  - PL101\n  - PL999\n",
            ".privlint.yaml:3:5: unknown rule 'PL999' (see `privlint rules`)",
        ),
        (
            "packs:\n  gdpr: true\n  ccpa: true\n",
            ".privlint.yaml:3:3: unknown pack 'ccpa'; known: core, eprivacy, gdpr, nl",
        ),
        ("packs: {core: false}\n", ".privlint.yaml:1:9: the core pack cannot be switched off"),
        (
            "severity:\n  retention-mising: info\n",
            ".privlint.yaml:2:3: unknown rule 'retention-mising' (see `privlint rules`)",
        ),
        (
            "severity:\n  PL101: fatal\n",
            ".privlint.yaml:2:10: severity.PL101: Input should be 'error', 'warning' or 'info'",
        ),
        (
            "rule-options:\n  declaration-stale: {days: 3}\n",
            ".privlint.yaml:2:23: rule PL122 (declaration-stale) has no option 'days'; options: months",
        ),
        (
            "rule-options:\n  PL122: {months: 0}\n",
            ".privlint.yaml:2:19: PL122 (declaration-stale): function 'max-age': Input should be greater than or equal to 1",
        ),
        (
            "per-file-ignores:\n  'legacy/*': [PL12X]\n",
            ".privlint.yaml:2:16: unknown rule 'PL12X' (see `privlint rules`)",
        ),
    ],
)
def test_config_errors_exit_2_with_file_and_line(tmp_path: Path, config: str, message: str) -> None:
    _write(tmp_path, ".privlint.yaml", config)
    _write(tmp_path, "privacy.yaml", "privlint: 1\n")
    proc = _cli("check", ".", cwd=tmp_path)
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert proc.stderr == f"privlint: error: {tmp_path / message}\n"


def test_toml_errors_name_the_line(tmp_path: Path) -> None:
    _write(
        tmp_path,
        "pyproject.toml",
        '[project]\nname = "x"\n\n[tool.privlint]\nfail-on = "error"\nignore = ["PL1234"]\n',
    )
    with pytest.raises(ConfigError) as info:
        load_settings(cwd=tmp_path)
    assert (
        str(info.value)
        == f"{tmp_path / 'pyproject.toml'}:6:1: unknown rule 'PL1234' (see `privlint rules`)"
    )


def test_several_errors_are_reported_together(tmp_path: Path) -> None:
    _write(tmp_path, ".privlint.yaml", "ignore: [PL999]\nselect: [nope]\n")
    with pytest.raises(ConfigError) as info:
        load_settings(cwd=tmp_path)
    assert "(2 problems)" in str(info.value)


def test_cli_select_of_an_unknown_rule(tmp_path: Path) -> None:
    _write(tmp_path, "privacy.yaml", "privlint: 1\n")
    proc = _cli("check", "--select", "PL101,PL7777", ".", cwd=tmp_path)
    assert proc.returncode == 2
    assert (
        proc.stderr == "privlint: error: --select: unknown rule 'PL7777' (see `privlint rules`)\n"
    )


def test_missing_explicit_config(tmp_path: Path) -> None:
    _write(tmp_path, "privacy.yaml", "privlint: 1\n")
    proc = _cli("check", "--config", "nope.yaml", ".", cwd=tmp_path)
    assert proc.returncode == 2
    assert proc.stderr == "privlint: error: nope.yaml: config file not found\n"


# -- effects -----------------------------------------------------------------------------------


def test_select_by_prefix_and_ignore_by_name(tmp_path: Path) -> None:
    settings = _settings(tmp_path, "select: [PL1]\nignore: [rights-incomplete]\n")
    found = set(_codes(tmp_path, settings))
    assert found and all(c.startswith("PL1") for c in found)
    assert "PL114" not in found and "PL122" in found


def test_pack_off(tmp_path: Path) -> None:
    doc = "privlint: 1\ncookies:\n  - {name: _ga, category: analytics}\n"
    assert "PL301" in _codes(tmp_path, _settings(tmp_path, "fail-on: error\n"), doc)
    assert "PL301" not in _codes(tmp_path, _settings(tmp_path, "packs: {eprivacy: false}\n"), doc)


def test_per_file_ignores(tmp_path: Path) -> None:
    settings = _settings(tmp_path, "per-file-ignores:\n  'x.*.yaml': [PL122]\n  'y.*': [PL1]\n")
    assert "PL122" not in _codes(tmp_path, settings)
    assert "PL114" in _codes(tmp_path, settings)


def test_severity_override_and_fail_on(tmp_path: Path) -> None:
    _write(
        tmp_path,
        ".privlint.yaml",
        "severity: {declaration-stale: info}\nfail-on: warning\nselect: [PL122]\n",
    )
    _write(tmp_path, "privacy.yaml", STALE_DOC)
    proc = _cli("check", ".", cwd=tmp_path)
    assert proc.returncode == 0, proc.stdout
    assert ": info PL122 declaration-stale:" in proc.stdout
    proc = _cli("check", "--fail-on", "info", ".", cwd=tmp_path)
    assert proc.returncode == 1


def test_stale_age_option(tmp_path: Path) -> None:
    assert "PL122" in _codes(tmp_path, _settings(tmp_path, "fail-on: error\n"))
    settings = _settings(tmp_path, "rule-options:\n  declaration-stale: {months: 120}\n")
    assert "PL122" not in _codes(tmp_path, settings)


def test_max_file_size(tmp_path: Path) -> None:
    settings = _settings(tmp_path, "max-file-size: 0.0001\n")
    assert settings.limits.max_file_size == 104
    assert _codes(tmp_path, settings) == ["PL003"]


def test_custom_rule_file_is_loaded_and_enforced(tmp_path: Path) -> None:
    _write(tmp_path, "policies/acme.yaml", ACME_RULES)
    _write(tmp_path, ".privlint.yaml", "rules: [policies/acme.yaml]\nselect: [PL9001]\n")
    _write(tmp_path, "privacy.yaml", STALE_DOC)
    proc = _cli("check", ".", cwd=tmp_path)
    assert proc.returncode == 1
    assert proc.stdout.splitlines()[0] == (
        "privacy.yaml:10:25: error PL9001 acme-call-recordings-90-days: activity 'recordings' "
        "keeps call recordings for P6M; the policy allows at most P90D [ACME retention policy 4.2]"
    )
    assert "    fix: Set retention.period to P90D or less." in proc.stdout
    _write(tmp_path, "privacy.yaml", STALE_DOC.replace("P6M", "P90D"))
    assert _cli("check", ".", cwd=tmp_path).returncode == 0
    explained = _cli("explain", "PL9001", cwd=tmp_path)
    assert explained.stdout.startswith("# PL9001 acme-call-recordings-90-days\n\nPack: `acme`")


def test_custom_rule_cannot_reuse_a_builtin_code(tmp_path: Path) -> None:
    _write(tmp_path, "acme.yaml", ACME_RULES.replace("PL9001", "PL101"))
    _write(tmp_path, ".privlint.yaml", "rules: [acme.yaml]\n")
    with pytest.raises(ConfigError, match="rule PL101 is defined twice"):
        load_settings(cwd=tmp_path)


def test_privlint_today_pins_the_date(tmp_path: Path) -> None:
    import os

    _write(tmp_path, "privacy.yaml", "privlint: 1\nstatement:\n  last_updated: 2026-01-01\n")
    env = {k: v for k, v in os.environ.items() if not k.startswith("GITHUB_")}
    args = [sys.executable, "-m", "privlint", "check", "--select", "PL122", "."]

    def run(today: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            args,
            cwd=tmp_path,
            env={**env, "PRIVLINT_TODAY": today},
            capture_output=True,
            text=True,
            check=False,
        )

    assert run("2027-12-31").returncode == 0
    late = run("2028-01-02")
    assert late.returncode == 1
    assert "more than 24 months before 2028-01-02" in late.stdout
    bad = run("soon")
    assert bad.returncode == 2
    assert bad.stderr == "privlint: error: PRIVLINT_TODAY='soon' is not a date (YYYY-MM-DD)\n"


def test_per_file_ignores_are_relative_to_the_config_folder(tmp_path: Path) -> None:
    """A subfolder's config means the same from any working directory (ruff's rule)."""
    team = tmp_path / "team"
    (team / "legacy").mkdir(parents=True)
    (team / ".privlint.yaml").write_text(
        "per-file-ignores:\n  'legacy/*': [retention-missing]\n", encoding="utf-8"
    )
    (team / "legacy" / "old.privacy.yaml").write_text(
        "privlint: 1\nactivities:\n  - id: a\n    role: controller\n"
        "    legal_basis: gdpr-6-1-b\n    purposes: [Support]\n",
        encoding="utf-8",
    )
    for cwd in (tmp_path, team, team / "legacy"):
        out = run_cli("check", "-f", "json", str(team / "legacy" / "old.privacy.yaml"), cwd=cwd)
        codes = {f["code"] for f in json.loads(out.stdout)["findings"]}
        assert "PL101" not in codes, (cwd, codes)


def test_each_file_fails_at_its_own_configurations_level(tmp_path: Path) -> None:
    """Two configurations, fail-on error and fail-on warning, one warning under the second:
    the run fails (exit 1), and every report says so, per file where it reports per file."""
    from tests.conftest import EXAMPLES

    complete = (EXAMPLES / "complete.privacy.yaml").read_text(encoding="utf-8")
    stale = complete.replace("last_updated: 2026-09-01", "last_updated: 2018-05-25")
    assert stale != complete
    for folder, level, text in (("a", "error", stale), ("b", "warning", stale)):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / ".privlint.yaml").write_text(f"fail-on: {level}\n", "utf-8")
        (tmp_path / folder / "x.privacy.yaml").write_text(text, encoding="utf-8")
    result = run_cli("check", "a", "b", "-f", "json", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    summary = json.loads(result.stdout)["summary"]
    assert summary["failed"] is True and summary["warning"] == 2
    assert summary["fail_on"] == "warning"
    assert summary["fail_on_by_file"] == {
        "a/x.privacy.yaml": "error",
        "b/x.privacy.yaml": "warning",
    }
    junit = run_cli("check", "a", "b", "-f", "junit", cwd=tmp_path).stdout
    assert 'name="a/x.privacy.yaml" tests="1" failures="0"' in junit  # a warning, under error
    assert 'name="b/x.privacy.yaml" tests="1" failures="1"' in junit
    github = run_cli("check", "a", "b", "-f", "github", cwd=tmp_path).stdout
    assert (
        "(failed; failing at warning or error and above, as each file's configuration says)"
        in github
    )
    # one configuration: one level, said plainly
    (tmp_path / "a" / ".privlint.yaml").write_text("fail-on: warning\n", "utf-8")
    summary = json.loads(run_cli("check", "a", "b", "-f", "json", cwd=tmp_path).stdout)["summary"]
    assert "fail_on_by_file" not in summary and summary["fail_on"] == "warning"

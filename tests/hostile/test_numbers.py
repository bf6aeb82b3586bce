"""Numbers at their extremes give findings or clear errors, never internal errors (issue 11);
and whatever goes wrong inside privlint on one file, the other files are still reported.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from privlint import app
from tests.hostile.cases import EXAMPLE


def run(
    d: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], *args: str
) -> tuple[int, dict[str, Any], str]:
    monkeypatch.chdir(d)
    code = app.main(["check", "-f", "json", *args])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, (json.loads(out) if out else {}), err.replace(f"{d}/", "")


def codes(report: dict[str, Any], file: str | None = None) -> set[str]:
    return {f["code"] for f in report["findings"] if file is None or f["file"] == file}


HUGE = {
    "hex integer of 5,000 digits": ("privlint: 1", "privlint: 0x" + "f" * 5000, "PL013"),
    "octal integer of 5,000 digits": ("privlint: 1", "privlint: 0o" + "7" * 5000, "PL013"),
    "decimal integer of 5,000 digits": ("privlint: 1", "privlint: " + "9" * 5000, "PL013"),
    "huge hex where a boolean goes": (
        "consent_required: true",
        "consent_required: 0x" + "f" * 5000,
        "PL012",
    ),
    "float beyond the range": ("privlint: 1", "privlint: 1e400", "PL013"),
}


@pytest.mark.parametrize(("old", "new", "code"), HUGE.values(), ids=HUGE.keys())
def test_huge_numbers_are_findings(
    old: str,
    new: str,
    code: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    (tmp_path / "privacy.yaml").write_text(EXAMPLE.replace(old, new, 1))
    status, report, err = run(tmp_path, monkeypatch, capsys, "privacy.yaml")
    assert (status, err) == (1, "")
    assert code in codes(report)
    assert all(len(f["message"]) < 400 for f in report["findings"])  # values are truncated


def test_a_duration_of_5000_digits(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Checked by a user rule with max-duration: longer than any limit, so a finding."""
    (tmp_path / "privacy.yaml").write_text(
        EXAMPLE.replace("period: P7Y", "period: P" + "9" * 5000 + "D", 1)
    )
    (tmp_path / "acme.yaml").write_text(
        "pack: acme\nrules:\n  - code: PL9001\n    name: acme-retention-max\n"
        "    severity: error\n    summary: s\n    rationale: r\n    fix: f\n"
        "    message: retention longer than {max}\n"
        "    given: '$.activities[*].retention'\n"
        "    then: {field: period, function: max-duration, options: {max: P10Y}}\n"
    )
    (tmp_path / ".privlint.yaml").write_text("rules: [acme.yaml]\n")
    status, report, err = run(tmp_path, monkeypatch, capsys, "privacy.yaml")
    assert (status, err) == (1, "")
    assert "PL9001" in codes(report)


@pytest.mark.parametrize("day", ["9999-12-31", "0001-01-01", "9999-01-31"])
def test_dates_at_the_ends_of_the_calendar(
    day: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "privacy.yaml").write_text(
        EXAMPLE.replace("last_updated: 2026-09-01", f"last_updated: {day}", 1)
    )
    status, report, err = run(tmp_path, monkeypatch, capsys, "privacy.yaml")
    assert status in (0, 1) and err == ""
    assert "PL006" not in codes(report)
    assert ("PL122" in codes(report)) == (day == "0001-01-01")


@pytest.mark.parametrize("value", [".inf", "-.inf", ".nan", "1e308", "1e400", "2000000", "-1"])
def test_max_file_size_in_the_config_must_be_a_sane_number(
    value: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "privacy.yaml").write_text(EXAMPLE)
    (tmp_path / ".privlint.yaml").write_text(f"max-file-size: {value}\n")
    status, _, err = run(tmp_path, monkeypatch, capsys, "privacy.yaml")
    assert status == 2
    assert err.startswith("privlint: error: .privlint.yaml:1:16: max-file-size: ")
    assert err.count("\n") == 1


@pytest.mark.parametrize("value", ["nan", "inf", "-inf", "1e308", "-1", "2000000", "lots"])
def test_max_file_size_on_the_command_line_must_be_a_sane_number(
    value: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "privacy.yaml").write_text(EXAMPLE)
    monkeypatch.chdir(tmp_path)
    with pytest.raises(SystemExit) as exc:  # argparse's own exit, code 2
        app.main(["check", f"--max-file-size={value}", "privacy.yaml"])
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert (
        "argument --max-file-size: must be a number of megabytes from 0 (no limit) to 1000000"
        in err
    )


def test_a_tiny_max_file_size_is_not_no_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "privacy.yaml").write_text(EXAMPLE)
    status, report, _ = run(
        tmp_path, monkeypatch, capsys, "--max-file-size", "1e-9", "privacy.yaml"
    )
    assert status == 1
    assert codes(report) == {"PL003"}


@pytest.mark.parametrize("n_files", [3, 12], ids=["serial", "process pool"])
def test_one_file_privlint_fails_on_does_not_stop_the_others(
    n_files: int,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A bug on one file (simulated: the rule runner raises on it) is a finding on that file,
    the run exits 2, and every other file is still checked and reported."""
    from privlint.engine.run import Runner

    real_run = Runner.run

    def run_or_fail(self: Runner, data: Any) -> Any:
        if data.get("x-trigger"):
            raise RuntimeError("simulated bug")
        return real_run(self, data)

    monkeypatch.setattr(Runner, "run", run_or_fail)
    stale = EXAMPLE.replace("last_updated: 2026-09-01", "last_updated: 2018-05-25", 1)
    for i in range(n_files):
        (tmp_path / f"f{i:02d}.privacy.yaml").write_text(stale)
    (tmp_path / "f01.privacy.yaml").write_text(stale + "x-trigger: true\n")
    status, report, err = run(tmp_path, monkeypatch, capsys, ".")
    assert status == 2
    [failed] = [f for f in report["findings"] if f["code"] == "PL006"]
    assert failed["file"] == "f01.privacy.yaml"
    assert failed["rule"] == "internal-error"
    assert failed["message"] == (
        "privlint failed on this file (RuntimeError: simulated bug); it was not checked. "
        "This is a bug in privlint: please report it with the file"
    )
    for i in range(n_files):
        if i != 1:
            assert "PL122" in codes(report, f"f{i:02d}.privacy.yaml")
    assert err == (
        "privlint: internal error on 1 file, reported as PL006 internal-error; "
        "set PRIVLINT_DEBUG=1 for the traceback\n"
    )


def test_internal_error_cannot_be_selected_away_or_suppressed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from privlint.engine.run import Runner

    def fail(self: Runner, data: Any) -> Any:
        raise RuntimeError("simulated bug")

    monkeypatch.setattr(Runner, "run", fail)
    (tmp_path / "privacy.yaml").write_text(
        "# privlint: ignore-file ALL -- reviewed by the privacy officer\n" + EXAMPLE
    )
    (tmp_path / ".privlint.yaml").write_text("ignore: [ALL]\n")
    status, report, _ = run(tmp_path, monkeypatch, capsys, "--select", "PL110", "privacy.yaml")
    assert status == 2
    assert codes(report) == {"PL006"}

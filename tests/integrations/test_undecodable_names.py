"""A file name that is not UTF-8 (possible on Linux) never breaks an integration format."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.conftest import run_cli

FORMATS = ["sarif", "github", "junit"]


@pytest.fixture
def odd_dir(tmp_path: Path) -> Path:
    try:
        (tmp_path / os.fsdecode(b"\xff.privacy.yaml")).write_bytes(b"privlint: 1\nfoo: 1\n")
    except OSError:
        pytest.skip("this file system refuses non-UTF-8 file names")
    return tmp_path


@pytest.mark.parametrize("fmt", FORMATS)
def test_output_file_is_utf8(odd_dir: Path, fmt: str) -> None:
    out = odd_dir / f"report.{fmt}"
    result = run_cli("check", "-f", fmt, "-o", out, ".", cwd=odd_dir)
    assert result.returncode == 1, result.stderr
    text = out.read_bytes().decode("utf-8")  # strict: must be valid UTF-8
    assert "\ufffd.privacy.yaml" in text or "%FF.privacy.yaml" in text


def test_sarif_uri_keeps_the_raw_bytes(odd_dir: Path) -> None:
    out = odd_dir / "x.sarif"
    assert run_cli("check", "--sarif", out, "-f", "junit", ".", cwd=odd_dir).returncode == 1
    results = json.loads(out.read_text(encoding="utf-8"))["runs"][0]["results"]
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results}
    assert uris == {"%FF.privacy.yaml"}


def test_job_summary_is_utf8(odd_dir: Path) -> None:
    summary = odd_dir / "summary.md"
    result = run_cli(
        "check", "-f", "github", ".", cwd=odd_dir, env={"GITHUB_STEP_SUMMARY": str(summary)}
    )
    assert result.returncode == 1, result.stderr
    assert "\ufffd.privacy.yaml | PL010 unknown-key" in summary.read_bytes().decode("utf-8")

"""SARIF locations relative to the repository root, rule help links, and Microsoft's SARIF
multitool (GitHub and Azure DevOps rule sets) on a real run, when it is installed."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from privlint.reporters.sarif import SRCROOT
from tests.conftest import EXAMPLES, REPO, run_cli

BAD = (
    (EXAMPLES / "complete.privacy.yaml")
    .read_text(encoding="utf-8")
    .replace("statement:\n", "statement:\n  versoin: 2\n", 1)
)


def _sarif(cwd: Path, *paths: str | Path, env: dict[str, str] | None = None) -> dict[str, Any]:
    result = run_cli("check", "-f", "sarif", *paths, cwd=cwd, env=env)
    assert result.returncode in (0, 1), result.stderr
    log: dict[str, Any] = json.loads(result.stdout)
    return log


def test_paths_are_relative_to_the_repository_root_from_a_subfolder(tmp_path: Path) -> None:
    repo, outside = tmp_path / "repo", tmp_path / "elsewhere"
    (repo / ".git").mkdir(parents=True)
    (repo / "legal").mkdir()
    (repo / "legal" / "privacy.yaml").write_text(BAD, encoding="utf-8")
    outside.mkdir()
    (outside / "x.privacy.yaml").write_text(BAD, encoding="utf-8")
    run = _sarif(repo / "legal", "privacy.yaml", outside / "x.privacy.yaml")["runs"][0]
    assert run["originalUriBaseIds"] == {SRCROOT: {"uri": (repo.as_uri() + "/")}}
    locations = {
        json.dumps(r["locations"][0]["physicalLocation"]["artifactLocation"], sort_keys=True)
        for r in run["results"]
    }
    assert locations == {
        json.dumps({"uri": "legal/privacy.yaml", "uriBaseId": SRCROOT}, sort_keys=True),
        json.dumps({"uri": (outside / "x.privacy.yaml").as_uri()}, sort_keys=True),
    }


def test_ci_workspace_is_the_root(tmp_path: Path) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "privacy.yaml").write_text(BAD, encoding="utf-8")
    env = {"GITHUB_WORKSPACE": str(tmp_path / "a")}
    run = _sarif(tmp_path / "a" / "b", "privacy.yaml", env=env)["runs"][0]
    assert run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"] == {
        "uri": "b/privacy.yaml",
        "uriBaseId": SRCROOT,
    }


def test_driver_and_rules_link_their_documentation() -> None:
    driver = _sarif(REPO, "examples/complete.privacy.yaml")["runs"][0]["tool"]["driver"]
    assert driver["fullName"].startswith("privlint")
    assert driver["informationUri"] == "https://github.com/privlint/privlint"
    rule = next(r for r in driver["rules"] if r["id"] == "PL104")
    assert rule["helpUri"] == (
        "https://github.com/privlint/privlint/blob/main/docs/rules.md#pl104-legal-basis-invalid"
    )
    # the anchor exists in the page it links to
    assert "## PL104 legal-basis-invalid" in (REPO / "docs" / "rules.md").read_text("utf-8")


def _multitool() -> Path | None:
    """The native validator inside the npm package (the wrapper re-splits arguments)."""
    roots = [os.environ.get("SARIF_MULTITOOL_DIR", "")]
    npm = shutil.which("npm")
    if npm:
        out = subprocess.run([npm, "root", "-g"], capture_output=True, text=True, timeout=60)
        roots.append(out.stdout.strip())
    for root in filter(None, roots):
        for tool in Path(root).glob("**/@microsoft/sarif-multitool-*/Sarif.Multitool"):
            if tool.is_file():
                return tool
    return None


ADO_ENV = {
    "TF_BUILD": "True",
    "SYSTEM_COLLECTIONURI": "https://dev.azure.com/acme/",
    "SYSTEM_TEAMPROJECT": "privacy",
    "SYSTEM_DEFINITIONID": "12",
    "BUILD_DEFINITIONNAME": "policies",
    "SYSTEM_PHASEID": "0f4c1c5e-3c1e-5b5e-9b4a-1c2d3e4f5a6b",
    "SYSTEM_PHASENAME": "lint",
    "BUILD_SOURCEBRANCH": "refs/heads/main",
    "BUILD_BUILDID": "345",
}


@pytest.mark.slow
@pytest.mark.parametrize(
    ("kind", "env"), [("Sarif;Gh", {}), ("Ado", ADO_ENV)], ids=["github", "ado"]
)
def test_sarif_multitool_reports_no_errors_or_warnings(
    tmp_path: Path, kind: str, env: dict[str, str]
) -> None:
    tool = _multitool()
    if tool is None:
        pytest.skip("@microsoft/sarif-multitool is not installed (npm install -g)")
    tool.chmod(tool.stat().st_mode | 0o100)
    sarif = tmp_path / "privlint.sarif"
    result = run_cli(
        "check", "--sarif", sarif, "examples", "tests/data/declarations", "tests/data/fix", env=env
    )
    assert result.returncode == 1, result.stderr
    assert _complaints(tool, sarif, kind) == []
    # not vacuous: the same rule set does complain about a log GitHub would reject
    broken = json.loads(sarif.read_text(encoding="utf-8"))
    del broken["runs"][0]["results"][0]["locations"]
    broken["runs"][0]["tool"]["driver"].pop("fullName")
    sarif.write_text(json.dumps(broken), encoding="utf-8")
    assert _complaints(tool, sarif, kind) != []


def _complaints(tool: Path, sarif: Path, kind: str) -> list[tuple[str, Any]]:
    out = sarif.with_suffix(".validation.sarif")
    subprocess.run(
        [
            str(tool),
            "validate",
            str(sarif),
            "--output",
            str(out),
            "--log",
            "ForceOverwrite",
            "--level",
            "Error;Warning;Note",
            "--rule-kind",
            kind,
        ],
        capture_output=True,
        timeout=300,
        check=False,
    )
    log = json.loads(out.read_text(encoding="utf-8-sig"))
    return [
        (r["ruleId"], r["message"].get("arguments"))
        for r in log["runs"][0].get("results", [])
        if r.get("level", "warning") in ("error", "warning")
    ]

"""The action's diff step, run with bash as the runner runs it, in a real repository."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES
from tests.diff.gitrepo import Repo, clean_env, git_env
from tests.integrations.test_action import run_step

__all__ = ["git_env"]

BASE = (EXAMPLES / "complete.privacy.yaml").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def pull_request(tmp_path_factory: pytest.TempPathFactory, git_env: None) -> tuple[Repo, str]:
    r = Repo(tmp_path_factory.mktemp("action") / "repo")
    base = r.commit({"privacy.yaml": BASE}, "base")
    r.write("privacy.yaml", BASE.replace("      period: P90D\n", "      period: P2Y\n"))
    return r, base


def run_diff_step(cwd: Path, tmp: Path, **inputs: str) -> subprocess.CompletedProcess[str]:
    env = clean_env()
    env.update(
        PRIVLINT_PYTHON=sys.executable,
        GITHUB_OUTPUT=str(tmp / "output"),
        GITHUB_STEP_SUMMARY=str(tmp / "summary.md"),
        INPUT_DIFF=inputs.get("diff", "true"),
        INPUT_PATHS=inputs.get("paths", "."),
        INPUT_CONFIG="",
        INPUT_DIFF_FAIL_ON=inputs.get("fail_on", ""),
        DIFF_BASE=inputs["base"],
        DIFF_MARKDOWN=str(tmp / "privlint-diff.md"),
    )
    return run_step("diff", cwd, env)


def test_diff_step_adds_the_review_to_the_job_summary(
    pull_request: tuple[Repo, str], tmp_path: Path
) -> None:
    r, base = pull_request
    done = run_diff_step(r.root, tmp_path, base=base, fail_on="review")
    assert done.returncode == 1, done.stderr
    summary = (tmp_path / "summary.md").read_text(encoding="utf-8")
    assert summary.startswith("### privlint diff: Privacy review required: 1 change")
    assert "retention P90D → P2Y: longer" in summary
    assert summary in done.stdout  # in the log too
    output = (tmp_path / "output").read_text(encoding="utf-8")
    assert output == f"markdown={tmp_path / 'privlint-diff.md'}\n"
    assert run_diff_step(r.root, tmp_path, base=base).returncode == 0  # report only


def test_diff_step_is_opt_in(pull_request: tuple[Repo, str], tmp_path: Path) -> None:
    r, base = pull_request
    done = run_diff_step(r.root, tmp_path, base=base, diff="false")
    assert done.returncode == 0
    assert not (tmp_path / "summary.md").exists()


def test_missing_base_and_hostile_inputs(pull_request: tuple[Repo, str], tmp_path: Path) -> None:
    r, _ = pull_request
    hostile = "$(touch pwned1) `touch pwned2`"
    done = run_diff_step(r.root, tmp_path, base="f" * 40, paths=hostile, fail_on="review")
    assert done.returncode == 2
    assert "fetch-depth: 0" in done.stderr
    assert "did not run (exit 2)" in (tmp_path / "summary.md").read_text(encoding="utf-8")
    assert list(r.root.glob("pwned*")) == []

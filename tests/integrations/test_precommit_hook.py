"""The pre-commit hook, proven with real pre-commit against this checkout.

`pre-commit try-repo` installs the hook from the repository root (with its uncommitted
changes) into a private PRE_COMMIT_HOME, in a throwaway git repository holding a clean
declaration, a violating one and an unrelated YAML file that privlint would reject if it
were ever passed.  Needs git, and pip access for the hook's virtualenv.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, REPO

pytestmark = pytest.mark.slow

VIOLATING = "privlint: 1\nstatement:\n  language: nl\n  versoin: '1.0'\n"
UNRELATED = "# not a declaration: privlint would report it\nservices: {id: x}\nfoo: [1, 2\n"


def run(cmd: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=300, check=False
    )


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    if shutil.which("git") is None:
        pytest.fail("git must be installed to test the pre-commit hook")
    root = tmp_path_factory.mktemp("precommit")
    proj = root / "project"
    (proj / "legal").mkdir(parents=True)
    shutil.copy(EXAMPLES / "complete.privacy.yaml", proj / "legal" / "privacy.yaml")
    (proj / "legal" / "shop.privacy.yaml").write_text(VIOLATING, encoding="utf-8")
    (proj / "config.yaml").write_text(UNRELATED, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "GIT_"))}
    env.update(
        PRE_COMMIT_HOME=str(root / "cache"),
        GIT_AUTHOR_NAME="t",
        GIT_AUTHOR_EMAIL="t@example.org",
        GIT_COMMITTER_NAME="t",
        GIT_COMMITTER_EMAIL="t@example.org",
        NO_COLOR="1",
    )
    for cmd in (["git", "init", "-q"], ["git", "add", "."]):
        assert run(cmd, proj, env).returncode == 0
    return proj, env


def try_repo(project: tuple[Path, dict[str, str]], *args: str) -> subprocess.CompletedProcess[str]:
    proj, env = project
    cmd = [
        sys.executable,
        "-m",
        "pre_commit",
        "try-repo",
        str(REPO),
        "privlint",
        "--verbose",
        "--color=never",
        *args,
    ]
    return run(cmd, proj, env)


def test_hook_blocks_the_violating_file_and_skips_the_unrelated_one(
    project: tuple[Path, dict[str, str]],
) -> None:
    result = try_repo(project, "--all-files")
    out = result.stdout + result.stderr
    assert result.returncode == 1, out
    assert "- hook id: privlint" in out
    assert "legal/shop.privacy.yaml:4:3: error PL010 unknown-key: unknown key 'versoin'" in out
    assert "legal/privacy.yaml:" not in out  # the clean declaration was checked, no findings
    assert "config.yaml" not in out  # never passed to the hook
    # the hook received exactly the two declarations
    assert " in 1 of 2 files." in out


def test_hook_passes_on_the_clean_file(project: tuple[Path, dict[str, str]]) -> None:
    result = try_repo(project, "--files", "legal/privacy.yaml", "config.yaml")
    out = result.stdout + result.stderr
    assert result.returncode == 0, out
    assert "Passed" in out
    assert "All checks passed: 1 file, no findings." in out

"""action.yml's opt-in `render` input: the step's script, run with bash as the runner would."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import EXAMPLES
from tests.integrations.test_action import action, run_step, step


def run_render_step(cwd: Path, declaration: str, output: str) -> subprocess.CompletedProcess[str]:
    env = {
        "PRIVLINT_PYTHON": sys.executable,
        "GITHUB_OUTPUT": str(cwd / "github_output"),
        "INPUT_RENDER": declaration,
        "INPUT_RENDER_OUTPUT": output,
    }
    return run_step("render", cwd, env)


def test_render_is_opt_in_and_uploads_the_statement() -> None:
    assert action()["inputs"]["render"]["default"] == ""
    assert step("render")["if"] == "inputs.render != ''"
    upload = next(s for s in action()["runs"]["steps"] if "upload-artifact" in s.get("uses", ""))
    assert upload["if"] == "inputs.render != ''"
    assert upload["with"]["path"] == "${{ steps.render.outputs.statement }}"
    assert "${{" not in step("render")["run"]


def test_render_step_writes_the_statement(tmp_path: Path) -> None:
    shutil.copy(EXAMPLES / "complete.privacy.yaml", tmp_path / "privacy.yaml")
    result = run_render_step(tmp_path, "privacy.yaml", "statement.md")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "statement.md").read_text(encoding="utf-8").startswith("# Privacyverklaring")
    assert (tmp_path / "github_output").read_text(encoding="utf-8") == "statement=statement.md\n"


def test_hostile_inputs_stay_arguments(tmp_path: Path) -> None:
    shutil.copy(EXAMPLES / "complete.privacy.yaml", tmp_path / "-p.privacy.yaml")
    result = run_render_step(tmp_path, "-p.privacy.yaml", "$(touch pwned);x.html")
    assert result.returncode == 0, result.stderr
    assert not (tmp_path / "pwned").exists()
    assert (tmp_path / "$(touch pwned);x.html").is_file()
    refused = run_render_step(tmp_path, str(EXAMPLES / "tracks.privacy.yaml"), "t.html")
    assert refused.returncode == 1 and not (tmp_path / "t.html").exists()

"""action.yml: a composite action whose inputs reach its scripts only through env.

The check step's script is run here with bash, as the runner would run it, against this
checkout's privlint (the install step needs the network and a runner, so it is only parsed).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from tests.conftest import EXAMPLES, REPO

ACTION = REPO / "action.yml"


def action() -> dict[str, Any]:
    data: dict[str, Any] = YAML(typ="safe").load(ACTION.read_text(encoding="utf-8"))
    return data


def step(step_id: str) -> dict[str, Any]:
    return next(s for s in action()["runs"]["steps"] if s.get("id") == step_id)


def test_composite_action_with_the_documented_inputs() -> None:
    data = action()
    assert data["runs"]["using"] == "composite"
    assert set(data["inputs"]) == {
        "paths",
        "config",
        "fail-on",
        "sarif",
        "no-suppress",
        "python-version",
        "diff",
        "diff-fail-on",
        "select",
        "ignore",
        "args",
        # opt-in statement artefact: tests/render/test_action_render.py
        *("render", "render-output"),
    }
    assert step("python")["with"]["update-environment"] is False  # leave the job's PATH alone
    assert "${{ github.action_path }}" in step("install")["env"].values()


def test_no_expression_inside_any_run_script() -> None:
    scripts = [s["run"] for s in action()["runs"]["steps"] if "run" in s]
    assert len(scripts) == 5  # constraints copy, install, check, render, diff
    for script in scripts:
        assert "${{" not in script


def test_every_input_reaches_a_script_through_env() -> None:
    data = action()
    env_values = [v for s in data["runs"]["steps"] for v in s.get("env", {}).values()]
    with_values = [v for s in data["runs"]["steps"] for v in s.get("with", {}).values()]
    for name in data["inputs"]:
        assert f"${{{{ inputs.{name} }}}}" in env_values + with_values, name


def run_check_step(cwd: Path, **inputs: str) -> subprocess.CompletedProcess[str]:
    out = cwd / "github_output"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "INPUT_"))}
    env.update(
        PRIVLINT_PYTHON=sys.executable,
        GITHUB_OUTPUT=str(out),
        GITHUB_ACTIONS="true",
        INPUT_PATHS=inputs.get("paths", "."),
        INPUT_CONFIG=inputs.get("config", ""),
        INPUT_FAIL_ON=inputs.get("fail_on", ""),
        INPUT_SARIF=inputs.get("sarif", ""),
        INPUT_NO_SUPPRESS=inputs.get("no_suppress", "false"),
        INPUT_SELECT=inputs.get("select", ""),
        INPUT_IGNORE=inputs.get("ignore", ""),
        INPUT_ARGS=inputs.get("args", ""),
    )
    bash = shutil.which("bash")
    assert bash is not None
    return subprocess.run(
        [bash, "-e", "-c", step("check")["run"]],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    (tmp_path / "legal").mkdir()
    shutil.copy(EXAMPLES / "complete.privacy.yaml", tmp_path / "legal" / "privacy.yaml")
    (tmp_path / "app.privacy.yaml").write_text("privlint: 1\nfoo: bar\n", encoding="utf-8")
    return tmp_path


def test_check_step_gates_and_writes_sarif(workspace: Path) -> None:
    result = run_check_step(workspace, paths="legal\napp.privacy.yaml", sarif="out/x.sarif")
    # out/ does not exist: privlint refuses to write rather than failing silently, and the
    # step does not claim a report it did not write
    assert result.returncode == 2
    output = workspace / "github_output"
    assert not output.exists() or "sarif=" not in output.read_text(encoding="utf-8")
    (workspace / "out").mkdir()
    result = run_check_step(workspace, paths="legal\n  app.privacy.yaml ", sarif="out/x.sarif")
    assert result.returncode == 1, result.stderr
    assert "::error file=app.privacy.yaml,line=2,col=1,endLine=2,endColumn=4,title=PL010 " in (
        result.stdout
    )
    assert "legal/privacy.yaml" not in result.stdout  # checked and clean
    assert result.stdout.endswith(" in 2 files (failed; failing at warning and above).\n")
    results = json.loads((workspace / "out" / "x.sarif").read_text(encoding="utf-8"))["runs"][0][
        "results"
    ]
    assert "PL010" in {r["ruleId"] for r in results}
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results}
    assert uris == {"app.privacy.yaml"}
    outputs = (workspace / "github_output").read_text(encoding="utf-8")
    assert outputs.endswith("sarif=out/x.sarif\n")


def test_check_step_passes_on_clean_paths_and_honours_fail_on(workspace: Path) -> None:
    assert run_check_step(workspace, paths="legal").returncode == 0
    wrong = run_check_step(workspace, paths="legal", fail_on="fatal")
    assert wrong.returncode == 2
    assert "--fail-on" in wrong.stderr


def test_inputs_are_never_executed(workspace: Path) -> None:
    hostile = "$(touch pwned1) `touch pwned2` ;touch pwned3 && touch pwned4 *"
    result = run_check_step(
        workspace, paths=hostile, fail_on="error; touch pwned5", sarif="$(touch pwned6)"
    )
    assert result.returncode == 2  # 'error; touch pwned5' is not a severity
    result = run_check_step(workspace, paths=hostile, sarif="'$(touch pwned6)'")
    assert result.returncode == 1  # the odd "paths" are reported as unreadable files
    assert "::error file=$(touch,line=1,col=1," in result.stdout
    assert "file=*," in result.stdout  # the star reached privlint as a name, not a glob
    assert sorted(p.name for p in workspace.glob("pwned*")) == []
    outputs = (workspace / "github_output").read_text(encoding="utf-8")
    assert outputs.splitlines()[-1] == "sarif='$(touch pwned6)'"


def test_empty_paths_mean_the_working_directory(workspace: Path) -> None:
    result = run_check_step(workspace, paths="  \n")
    assert result.returncode == 1
    assert "app.privacy.yaml" in result.stdout


def run_step(step_id: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    bash = shutil.which("bash")
    assert bash is not None
    full = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "INPUT_"))}
    full.update(env)
    return subprocess.run(
        [bash, "-e", "-c", step(step_id)["run"]],
        cwd=cwd,
        env=full,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


@pytest.mark.slow
def test_install_step_then_check_step_like_the_runner(workspace: Path, tmp_path: Path) -> None:
    """The install step builds privlint from the action's checkout into its own venv."""
    venv = tmp_path / "runner-temp" / "privlint-venv"
    install_out = tmp_path / "install_output"
    env = {
        "PYTHON": sys.executable,
        "ACTION_PATH": str(REPO),
        "VENV": str(venv),
        "GITHUB_OUTPUT": str(install_out),
    }
    installed = run_step("install", workspace, env)
    assert installed.returncode == 0, installed.stderr[-3000:]
    outputs = dict(line.split("=", 1) for line in install_out.read_text().splitlines())
    python = outputs["python"]
    assert Path(python).is_relative_to(venv)
    where = subprocess.run(
        [python, "-c", "import privlint; print(privlint.__file__)"],
        cwd=workspace,  # not the checkout, whose privlint/ would shadow the installed one
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert Path(where.strip()).is_relative_to(venv)  # a real install, not this checkout

    env = {
        "PRIVLINT_PYTHON": python,
        "GITHUB_OUTPUT": str(tmp_path / "check_output"),
        "GITHUB_ACTIONS": "true",
        "INPUT_PATHS": ".",
        "INPUT_CONFIG": "",
        "INPUT_FAIL_ON": "error",
        "INPUT_SARIF": "privlint.sarif",
    }
    checked = run_step("check", workspace, env)
    assert checked.returncode == 1, checked.stderr
    assert "::error file=app.privacy.yaml,line=2,col=1," in checked.stdout
    assert (workspace / "privlint.sarif").is_file()


def test_select_ignore_and_args_inputs(workspace: Path) -> None:
    only = run_check_step(workspace, paths="app.privacy.yaml", select="PL010", args="--statistics")
    assert (only.returncode, only.stdout) == (1, "1  PL010  unknown-key\n1 finding\n")
    ignored = run_check_step(workspace, paths="app.privacy.yaml", ignore="PL010, PL1, PL2, PL3")
    assert ignored.returncode == 0, ignored.stdout
    hostile = run_check_step(workspace, paths="legal", args="--exit-zero $(touch pwned) *")
    assert hostile.returncode == 0  # the words are arguments: an option and three odd paths
    assert "file=*," in hostile.stdout and "file=$(touch," in hostile.stdout
    assert not list(workspace.glob("pwned*"))


def test_the_action_pins_every_runtime_dependency_and_uses_current_actions() -> None:
    from packaging.requirements import Requirement

    sys.path.insert(0, str(REPO / "scripts"))
    from pin_constraints import runtime_closure

    pins = {}
    for line in (REPO / "constraints.txt").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            req = Requirement(line)
            assert len(req.specifier) == 1 and next(iter(req.specifier)).operator == "=="
            pins[req.name] = next(iter(req.specifier)).version
    assert set(runtime_closure()) <= set(pins)
    uses = {
        s["uses"].split("@")[0]: s["uses"].split("@")[1]
        for s in action()["runs"]["steps"]
        if "uses" in s
    }
    assert uses == {"actions/setup-python": "v7", "actions/upload-artifact": "v7"}
    assert step("python")["with"]["cache"] == "pip"
    assert "--constraint" in step("install")["run"]

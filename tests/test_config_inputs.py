"""Configuration files given on the command line are read like declarations: never blocking."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, run_cli


@pytest.mark.parametrize("name", ["pipe.toml", "pipe.yaml"])
def test_a_fifo_given_as_config_is_refused_not_waited_on(tmp_path: Path, name: str) -> None:
    shutil.copy(EXAMPLES / "complete.privacy.yaml", tmp_path / "privacy.yaml")
    os.mkfifo(tmp_path / name)
    result = run_cli("check", "--config", name, "privacy.yaml", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr == (
        f"privlint: error: {name}:1:1: config: is a named pipe (FIFO), not a regular file; "
        "name files only\n"
    )


def test_a_missing_config_is_named(tmp_path: Path) -> None:
    shutil.copy(EXAMPLES / "complete.privacy.yaml", tmp_path / "privacy.yaml")
    result = run_cli("check", "--config", "nope.yaml", "privacy.yaml", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr == "privlint: error: nope.yaml: config file not found\n"

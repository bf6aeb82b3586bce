"""`privlint init` and `privlint schema -o`: what a new user runs first."""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
from pathlib import Path

from tests.conftest import DATA, REPO, run_cli


def test_init_without_a_terminal_writes_a_clean_starter_and_prints_the_snippets(
    tmp_path: Path,
) -> None:
    result = run_cli("init", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    declaration = (tmp_path / "privacy.yaml").read_text(encoding="utf-8")
    assert declaration.startswith(
        "# yaml-language-server: $schema=.privlint/declaration.schema.json\n"
    )
    assert '"Your Organisation B.V."' in declaration  # placeholders, plainly
    assert (tmp_path / ".privlint.yaml").is_file()
    assert "- id: privlint" in result.stdout  # pre-commit
    assert (
        "uses: privlint/privlint@v" in result.stdout and "security-events: write" in result.stdout
    )
    checked = run_cli("check", ".", cwd=tmp_path)  # the starter and its config are valid
    assert (checked.returncode, checked.stdout) == (0, "All checks passed: 1 file, no findings.\n")


def test_init_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    (tmp_path / "privacy.yaml").write_text("mine\n", encoding="utf-8")
    refused = run_cli("init", cwd=tmp_path)
    assert refused.returncode == 2 and "--force" in refused.stderr
    assert (tmp_path / "privacy.yaml").read_text(encoding="utf-8") == "mine\n"
    assert not (tmp_path / ".privlint.yaml").exists()
    assert run_cli("init", "--force", cwd=tmp_path).returncode == 0
    assert (tmp_path / "privacy.yaml").read_text(encoding="utf-8") != "mine\n"


def test_init_asks_on_a_terminal(tmp_path: Path) -> None:
    leader, follower = pty.openpty()
    env = {**os.environ, "PRIVLINT_TODAY": "2026-11-23"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "privlint", "init"],
        stdin=follower,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=tmp_path,
        env=env,
    )
    os.close(follower)
    os.write(leader, b"Acme B.V.\nprivacy@acme.example\nbe\n\n")
    _, err = proc.communicate(timeout=60)
    os.close(leader)
    assert proc.returncode == 0, err
    declaration = (tmp_path / "privacy.yaml").read_text(encoding="utf-8")
    assert 'name: "Acme B.V."' in declaration
    assert 'email: "privacy@acme.example"' in declaration
    assert 'country: "BE"' in declaration
    assert 'language: "nl"' in declaration  # the empty answer kept the default


def test_init_from_a_statement_imports_it(tmp_path: Path) -> None:
    result = run_cli("init", "--from", DATA / "seeds" / "tracks.txt", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    text = (tmp_path / "privacy.yaml").read_text(encoding="utf-8")
    assert text.startswith("# Imported from")
    tilt = run_cli(
        "init", "--force", "--from-tilt", DATA / "tilt" / "signal.org.tilt.json", cwd=tmp_path
    )
    assert tilt.returncode == 0, tilt.stderr
    assert "Signal" in (tmp_path / "privacy.yaml").read_text(encoding="utf-8")


def test_schema_written_for_editors_is_the_shipped_schema(tmp_path: Path) -> None:
    result = run_cli("schema", "-o", ".privlint/declaration.schema.json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    written = json.loads((tmp_path / ".privlint" / "declaration.schema.json").read_text("utf-8"))
    shipped = json.loads((REPO / "schemas" / "declaration.schema.json").read_text("utf-8"))
    assert written == shipped

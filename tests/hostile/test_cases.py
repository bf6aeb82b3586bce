"""Every hostile case of issue 6 through the real CLI: its message, its exit code, no traceback.

All cases run in-process (fast); the ones where the process itself matters (a FIFO that could
block, a bomb or a deep document that could exhaust it, path handling) also run as a
subprocess, with a timeout so that a hang fails the test instead of stalling the suite.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from privlint import app
from tests.conftest import run_cli
from tests.hostile.cases import BY_NAME, CASES, Case, remove_deep_tree


@pytest.fixture(autouse=True)
def _remove_deep_trees(tmp_path: Path) -> Iterator[None]:
    """pytest's own clean-up of old temporary directories cannot remove a 1,200-deep tree."""
    yield
    if (tmp_path / "tree").exists():
        remove_deep_tree(tmp_path)


SUBPROCESS = [
    "FIFO",
    "alias bomb",
    "100,000 levels of flow nesting",
    "!!python/object tag",
    "unreadable file",
    "directory loop through symlinks",
    "directory given where a file is expected",
    "10 MB line within a raised limit",
    "thousands of files in a directory",
    "thousands of files named",
]


def _skip_if_root(case: Case) -> None:
    if case.name == "unreadable file" and os.geteuid() == 0:
        pytest.skip("running as root: chmod 000 does not stop root reading (simulated below)")


def _check(case: Case, code: int, out: str, err: str, workdir: Path) -> None:
    assert "Traceback" not in out + err
    assert code == case.code, out + err
    shown = (err if case.stderr else out).splitlines()
    for line in case.expect:
        assert line in shown, f"missing {line!r} in:\n" + "\n".join(shown)
    if not case.stderr:
        assert err == ""
    assert not (workdir / "constructed").exists()  # the !!python/object payload never ran


@pytest.mark.parametrize("case", [c for c in CASES if not c.slow], ids=lambda c: c.name)
def test_in_process(
    case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _skip_if_root(case)
    args = case.setup(tmp_path)
    monkeypatch.chdir(tmp_path)
    code = app.main(["check", "--format", "text", "--no-fix", *args])
    captured = capsys.readouterr()
    _check(case, code, captured.out, captured.err, tmp_path)


@pytest.mark.slow
@pytest.mark.parametrize("name", SUBPROCESS)
def test_as_subprocess(name: str, tmp_path: Path) -> None:
    case = BY_NAME[name]
    _skip_if_root(case)
    args = case.setup(tmp_path)
    result = run_cli("check", "--format", "text", "--no-fix", *args, cwd=tmp_path)
    _check(case, result.returncode, result.stdout, result.stderr, tmp_path)


def test_every_case_runs_somewhere() -> None:
    assert set(SUBPROCESS) <= set(BY_NAME)
    assert {c.name for c in CASES if c.slow} <= set(SUBPROCESS)


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ('x-note: "clear\\e[2J"\n', "contains the control character U+001B"),
        ('x-note:\n  "x-a\\u202eb": 1\n', "contains the invisible or control character U+202E"),
    ],
    ids=["escaped control character", "bidi override in a key"],
)
def test_the_check_refuses_what_the_loader_refuses(
    extra: str,
    message: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from tests.hostile.cases import EXAMPLE

    (tmp_path / "x.privacy.yaml").write_text(EXAMPLE + extra)
    monkeypatch.chdir(tmp_path)
    code = app.main(["check", "--format", "text", "--no-fix", "x.privacy.yaml"])
    out = capsys.readouterr().out
    assert code == 1
    assert message in out


@pytest.mark.slow
def test_import_does_not_hang_on_a_fifo(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.json")
    result = subprocess.run(
        [sys.executable, "-m", "privlint", "import", "--from", "tilt", "pipe.json"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=5,
        check=False,
    )
    assert result.returncode == 2
    assert result.stderr == (
        "privlint: error: pipe.json: is a named pipe (FIFO), not a regular file; name files only\n"
    )

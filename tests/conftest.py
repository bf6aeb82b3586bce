"""Shared test helpers."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

# Pin "today" for every run in the suite, in-process and subprocess alike: declaration-stale
# compares dates with today, and a suite that turns red on a calendar date is a time bomb.
# Tests of the date logic inject their own dates.
os.environ.setdefault("PRIVLINT_TODAY", "2026-11-23")

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = REPO / "examples"
DATA = Path(__file__).resolve().parent / "data"


def node_paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """The path of every node of a data tree, the root's () first, parents before children."""
    out = [prefix]
    if isinstance(node, dict):
        for k, v in node.items():
            out.extend(node_paths(v, (*prefix, k)))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            out.extend(node_paths(v, (*prefix, i)))
    return out


def run_cli(
    *args: str | Path,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
    stdin: str | None = None,
) -> subprocess.CompletedProcess[str]:
    """privlint as a user runs it: a subprocess, so exit codes and streams are the real ones."""
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("GITHUB_")}
    full_env.pop("NO_COLOR", None)
    if env:
        full_env.update(env)
    return subprocess.run(
        [sys.executable, "-m", "privlint", *map(str, args)],
        cwd=cwd or REPO,
        env=full_env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def write_file(root: Path, rel: str, text: str) -> Path:
    """Write `text` to root/rel, making its folders."""
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def repo() -> Path:
    return REPO

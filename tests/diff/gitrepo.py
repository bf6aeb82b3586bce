"""A real git repository in a temporary folder, isolated from the user's and system's git
configuration, with fixed identities and dates so that commit ids are reproducible."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

GIT_ENV = {
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_AUTHOR_NAME": "Test",
    "GIT_AUTHOR_EMAIL": "test@example.org",
    "GIT_COMMITTER_NAME": "Test",
    "GIT_COMMITTER_EMAIL": "test@example.org",
    "GIT_AUTHOR_DATE": "2026-11-23T12:00:00+00:00",
    "GIT_COMMITTER_DATE": "2026-11-23T12:00:00+00:00",
}


def clean_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "GIT_"))}
    env.pop("NO_COLOR", None)
    env.update(GIT_ENV)
    return env


@pytest.fixture(scope="module")
def git_env() -> Iterator[None]:
    """The test process itself runs git (privlint diff in-process) in the same isolation."""
    if shutil.which("git") is None:
        pytest.fail("git must be installed to test privlint diff")
    with pytest.MonkeyPatch.context() as mp:
        for key in list(os.environ):
            if key.startswith(("GITHUB_", "GIT_")):
                mp.delenv(key)
        for key, value in GIT_ENV.items():
            mp.setenv(key, value)
        yield


class Repo:
    def __init__(self, root: Path, *, init: bool = True) -> None:
        self.root = root
        if init:
            root.mkdir(parents=True, exist_ok=True)
            self.git("init", "-q", "-b", "main")

    def git(self, *args: str) -> str:
        done = subprocess.run(
            ["git", *args],
            cwd=self.root,
            env=clean_env(),
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        return done.stdout.strip()

    def write(self, path: str, content: str | bytes) -> None:
        target = self.root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")

    def commit(self, files: dict[str, str | bytes | None], message: str = "change") -> str:
        """Write (or, for None, delete) files and commit them; the new commit's id."""
        for path, content in files.items():
            if content is None:
                self.git("rm", "-q", path)
            else:
                self.write(path, content)
                self.git("add", path)
        self.git("commit", "-q", "--allow-empty", "-m", message)
        return self.git("rev-parse", "HEAD")

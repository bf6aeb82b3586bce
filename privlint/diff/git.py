"""Git, read-only: revisions, changed files and blobs, never a checkout.

Every call is a fixed argument list (no shell); user-given revisions are resolved to a commit
id once (after ``--end-of-options``, so a revision cannot be read as an option) and only ids
are passed on.  Output is read up to a cap, so a huge blob or listing cannot exhaust memory,
and every call has a timeout.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from privlint.errors import UsageError

TIMEOUT = 60  # seconds per git call
LIST_CAP = 16 * 1024 * 1024  # bytes of a name listing
FETCH_HINT = (
    "fetch the history first: in GitHub Actions, actions/checkout with 'fetch-depth: 0'; "
    "elsewhere 'git fetch --unshallow' or 'git fetch origin BRANCH'"
)


class GitError(UsageError):
    """git is missing, failed, or the repository lacks what was asked for (exit 2)."""


@dataclass(frozen=True, slots=True)
class Changed:
    status: str  # A added, D deleted, M modified, R renamed (also T type change, as M)
    path: str  # repository-relative, POSIX; the head path (the base path for D)
    base_path: str | None  # where it was in the base (R, M, D); None for A


def _env() -> dict[str, str]:
    env = dict(os.environ)
    # No pager, no prompt, no lock taken for a read, messages in English for the user.
    env.update(GIT_PAGER="cat", GIT_TERMINAL_PROMPT="0", GIT_OPTIONAL_LOCKS="0", LC_ALL="C")
    return env


@dataclass(frozen=True, slots=True)
class Result:
    code: int
    out: bytes
    err: str
    truncated: bool


class Git:
    def __init__(self, cwd: Path) -> None:
        exe = shutil.which("git")
        if exe is None:
            raise GitError("git is not installed (privlint diff reads revisions with git)")
        self.exe = exe
        self.cwd = cwd

    def run(self, *args: str, cap: int = LIST_CAP) -> Result:
        """Run `git ARGS` with stdout read up to `cap` bytes (one more tells it was cut)."""
        # stderr goes to a file: a pipe nobody reads while stdout streams could fill and stall
        with tempfile.TemporaryFile() as errors:
            try:
                proc = subprocess.Popen(  # a fixed argument list, no shell
                    [self.exe, "-c", "core.quotepath=off", *args],
                    cwd=self.cwd,
                    env=_env(),
                    stdin=subprocess.DEVNULL,
                    stdout=subprocess.PIPE,
                    stderr=errors,
                )
            except OSError as exc:
                raise GitError(f"cannot run git: {exc.strerror or exc}") from None
            assert proc.stdout is not None
            try:
                out = proc.stdout.read(cap + 1)
                truncated = len(out) > cap
                if truncated:
                    proc.kill()
                proc.communicate(timeout=TIMEOUT)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.communicate()
                raise GitError(f"git {args[0]} took longer than {TIMEOUT} s") from None
            errors.seek(0)
            err = errors.read(64 * 1024).decode("utf-8", "replace").strip()
        return Result(proc.returncode, out[:cap], err, truncated)

    def ok(self, *args: str) -> str | None:
        """The stripped output of a call that may fail (None then)."""
        result = self.run(*args)
        if result.code != 0:
            return None
        return result.out.decode("utf-8", "surrogateescape").strip()

    def must(self, *args: str) -> bytes:
        result = self.run(*args)
        if result.code != 0:
            raise GitError(f"git {args[0]} failed: {result.err or f'exit {result.code}'}")
        if result.truncated:
            raise GitError(f"git {args[0]} printed more than {LIST_CAP:,} bytes")
        return result.out

    # -- the repository ---------------------------------------------------------------------

    def toplevel(self) -> Path | None:
        top = self.ok("rev-parse", "--show-toplevel")
        return Path(top) if top else None

    def has_commits(self) -> bool:
        return self.ok("rev-parse", "--verify", "--quiet", "HEAD^{commit}") is not None

    def shallow(self) -> bool:
        return self.ok("rev-parse", "--is-shallow-repository") == "true"

    def commit(self, rev: str) -> str | None:
        """The commit id `rev` names, or None (unknown, or not fetched)."""
        if not rev or "\n" in rev or "\x00" in rev:
            return None
        return self.ok("rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}")

    def default_base(self) -> tuple[str, str]:
        """(label, commit) of the merge base of HEAD with the upstream or default branch.

        In order: the pull request's target (GITHUB_BASE_REF), the branch's upstream, the
        remote's default branch, then a local main or master.
        """
        candidates: list[str] = []
        if base_ref := os.environ.get("GITHUB_BASE_REF"):
            candidates.append(f"origin/{base_ref}")
        if upstream := self.ok("rev-parse", "--abbrev-ref", "--symbolic-full-name", "@{upstream}"):
            candidates.append(upstream)
        if origin_head := self.ok("symbolic-ref", "--quiet", "--short", "refs/remotes/origin/HEAD"):
            candidates.append(origin_head)
        candidates += ["origin/main", "origin/master", "main", "master"]
        for name in candidates:
            if self.commit(name) is None:
                continue
            base = self.ok("merge-base", "HEAD", name)
            if base:
                return name, base
            raise GitError(
                f"HEAD and {name} have no common history in this clone; {FETCH_HINT}"
                if self.shallow()
                else f"HEAD and {name} have no common ancestor; name the base: privlint diff REV"
            )
        raise GitError(
            "no base to compare with: no upstream, no origin/HEAD, no main or master branch; "
            "name it: privlint diff BASE [HEAD]"
            + (f" (this is a shallow clone: {FETCH_HINT})" if self.shallow() else "")
        )

    def changed(self, base: str, head: str | None) -> list[Changed]:
        """Files that differ between two commits (head None: the working tree), renames
        followed, plus untracked files when comparing with the working tree."""
        # --no-relative: a diff.relative setting would cut the listing to the working directory
        args = ["diff", "--name-status", "-M", "-z", "--no-relative", "--no-ext-diff", base]
        if head is not None:
            args.append(head)
        fields = self.must(*args, "--").decode("utf-8", "surrogateescape").split("\0")
        out: list[Changed] = []
        i = 0
        while i < len(fields) and fields[i]:
            status = fields[i][0]
            if status in "RC":
                old, new = fields[i + 1], fields[i + 2]
                out.append(
                    Changed("R" if status == "R" else "A", new, old if status == "R" else None)
                )
                i += 3
                continue
            path = fields[i + 1]
            i += 2
            if status == "A":
                out.append(Changed("A", path, None))
            elif status == "D":
                out.append(Changed("D", path, path))
            else:  # M, T (type change), U (unmerged): compare both sides
                out.append(Changed("M", path, path))
        if head is None:
            others = self.must("ls-files", "-z", "--others", "--exclude-standard", "--full-name")
            for path in others.decode("utf-8", "surrogateescape").split("\0"):
                if path:
                    out.append(Changed("A", path, None))
        return out

    def blob(self, commit: str, path: str, cap: int) -> bytes | int:
        """The bytes of `path` at `commit`, or its size when that is over `cap` (0: no cap)."""
        spec = f"{commit}:{path}"
        size = self.ok("cat-file", "-s", spec)
        if size is None:
            raise GitError(f"{path} is not in commit {commit[:12]}")
        if cap and int(size) > cap:
            return int(size)
        result = self.run("cat-file", "blob", spec, cap=cap or int(size) + 1)
        if result.code != 0:
            raise GitError(f"cannot read {path} at {commit[:12]}: {result.err}")
        if cap and result.truncated:
            return cap + 1
        return result.out

"""Which found files to leave out: `exclude` / `extend-exclude` / `--exclude`, and git's ignores.

Only files found by walking a directory are ever left out; a file named on the command line is
always checked (pre-commit and editors name exactly the files they mean).

Git's rules are git's own: `git check-ignore` answers for .gitignore files at every level,
.git/info/exclude and the user's core.excludesFile, and never ignores a tracked file, exactly
as `git status` would.  Outside a repository, or without git, nothing is git-ignored.

Exclude patterns are globs matched against the path relative to the directory of the file that
declares them (the working directory for `--exclude`): a pattern without a slash matches any
file or directory name at any depth (`build`, `*.draft.privacy.yaml`), one with a slash matches
the relative path from the start (`legacy/*`, `docs/examples`); a matched directory excludes
everything below it.
"""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Iterable, Sequence
from pathlib import Path

from privlint.findings import Frozen

GIT_TIMEOUT = 60  # seconds; a hung git must not hang the gate


def absolute(path: Path) -> Path:
    """Absolute and normalised, symbolic links kept (the path as the user sees it)."""
    return Path(os.path.normpath(path.absolute()))


class Excludes(Frozen):  # a plain value, not a dataclass: see findings.Frozen
    __slots__ = ("patterns", "base")  # noqa: RUF023 - the order of the fields
    patterns: tuple[str, ...]
    base: Path  # patterns are relative to this directory

    def __init__(self, patterns: tuple[str, ...], base: Path) -> None:
        object.__setattr__(self, "patterns", patterns)
        object.__setattr__(self, "base", base)

    def matches(self, path: Path) -> bool:
        try:
            rel = Path(os.path.relpath(absolute(path), absolute(self.base)))
        except ValueError:
            return False
        if rel.parts[:1] == ("..",):
            return False
        parts = rel.as_posix().split("/")
        for pattern in self.patterns:
            pat = pattern.strip().rstrip("/").removeprefix("./")
            if not pat:
                continue
            if "/" not in pat:
                if any(fnmatch.fnmatchcase(part, pat) for part in parts):
                    return True
            else:
                pat = pat.lstrip("/")
                prefixes = ("/".join(parts[: i + 1]) for i in range(len(parts)))
                if any(fnmatch.fnmatchcase(prefix, pat) for prefix in prefixes):
                    return True
        return False


def _git_root(directory: Path, known: dict[Path, Path | None]) -> Path | None:
    """The nearest directory at or above holding .git (a directory, or a file in worktrees and
    submodules); found by looking, not by starting git once per directory."""
    walked = []
    root: Path | None = None
    for candidate in (directory, *directory.parents):
        if candidate in known:
            root = known[candidate]
            break
        walked.append(candidate)
        if (candidate / ".git").exists():
            root = candidate
            break
    for candidate in walked:
        known[candidate] = root
    return root


def git_ignored(paths: Sequence[Path]) -> set[Path]:
    """The paths git ignores (asked once per repository); the same Path objects as given."""
    by_root: dict[Path, list[Path]] = {}
    roots: dict[Path, Path | None] = {}
    for path in paths:
        root = _git_root(absolute(path).parent, roots)
        if root is not None:
            by_root.setdefault(root, []).append(path)
    ignored: set[Path] = set()
    if by_root:
        import subprocess  # ~4 ms (threading, selectors, signal): only for files walked in git
    for root, members in by_root.items():
        by_name = {str(absolute(p)): p for p in members}
        payload = b"".join(os.fsencode(a) + b"\0" for a in by_name)
        try:
            out = subprocess.run(
                ["git", "-C", str(root), "check-ignore", "--stdin", "-z"],
                input=payload,
                capture_output=True,
                timeout=GIT_TIMEOUT,
                check=False,
            )
        except (OSError, subprocess.TimeoutExpired):
            continue
        if out.returncode not in (0, 1):
            continue  # git refused (e.g. a path in a submodule): keep every file
        for raw in out.stdout.split(b"\0"):
            if raw:
                found = by_name.get(os.path.normpath(os.fsdecode(raw)))
                if found is not None:
                    ignored.add(found)
    return ignored


def left_out(
    found: Iterable[Path], excludes: Sequence[Excludes], *, respect_gitignore: bool
) -> set[Path]:
    """Of the files found by walking directories, those to skip."""
    found = list(found)
    skipped = {p for p in found if any(e.matches(p) for e in excludes)}
    if respect_gitignore:
        skipped |= git_ignored([p for p in found if p not in skipped])
    return skipped

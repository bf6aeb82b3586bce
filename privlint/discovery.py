"""Which files to check.

Naming convention for directories: a file is a declaration when its name is ``privacy.yaml``,
``privacy.yml`` or ``privacy.json``, or ends in ``.privacy.yaml``, ``.privacy.yml`` or
``.privacy.json``, in any mix of upper and lower case (``Privacy.yaml``, ``x.privacy.YAML``).
Directories are walked recursively, hidden ones included; only version-control data
(``.git``, ``.hg``, ``.svn``), installed dependencies and environments (``node_modules``,
``.venv``, ``.tox``, ``.nox``) and ``__pycache__`` are skipped, and symbolic links to
directories are not followed, so a link loop cannot trap the walk.  What a walk skips is
listed by ``privlint check --show-files``, so no skip is silent.  A file named explicitly on
the command line is always checked, whatever its name (pre-commit passes exactly the files it
selected), and so is a directory named explicitly, symbolic link or not.

A file is reported under its resolved path when that lies below the working directory: an
alias (a symbolic link, or a path through a linked directory) is checked once, as the real
file, so that an alias in an ignored place cannot make the real file vanish from the report.

Nothing is dropped silently: a directory that cannot be listed becomes a target of its own,
which the loader reports as unreadable, and so does a named path that does not exist.  The
result is sorted and does not depend on the order in which paths were given.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from privlint.findings import Frozen

DECLARATION_SUFFIXES = (".privacy.yaml", ".privacy.yml", ".privacy.json")
DECLARATION_NAMES = ("privacy.yaml", "privacy.yml", "privacy.json")
# Skipped in walks, by design; --show-files lists them.
SKIP_DIRS = {
    ".git": "version control data",
    ".hg": "version control data",
    ".svn": "version control data",
    "node_modules": "installed dependencies",
    ".venv": "a Python environment",
    ".tox": "a Python environment",
    ".nox": "a Python environment",
    "__pycache__": "Python byte code",
}
LINKED_DIR = "a symbolic link to a directory; name it to check it"


class Target(Frozen):  # a plain value, not a dataclass: see findings.Frozen
    __slots__ = ("path", "display")  # noqa: RUF023 - the order of the fields
    path: Path  # as found (not resolved, so that the display path stays what the user gave)
    display: str

    def __init__(self, path: Path, display: str) -> None:
        object.__setattr__(self, "path", path)
        object.__setattr__(self, "display", display)


class Skipped(Frozen):
    __slots__ = ("display", "reason")
    display: str  # a directory, shown with a trailing "/"
    reason: str

    def __init__(self, display: str, reason: str) -> None:
        object.__setattr__(self, "display", display)
        object.__setattr__(self, "reason", reason)


def is_declaration_name(name: str) -> bool:
    name = name.lower()  # Privacy.yaml is one on a case-insensitive disk: be one everywhere
    return name in DECLARATION_NAMES or name.endswith(DECLARATION_SUFFIXES)


def is_json_name(name: str) -> bool:
    """A JSON file: read as YAML (JSON is YAML 1.2), but it has no comments, so no suppressions."""
    return name.lower().endswith(".json")


def skipped_dir(name: str) -> bool:
    """A directory a walk does not enter (SKIP_DIRS); other hidden directories are walked."""
    return name in SKIP_DIRS


def display_path(path: Path, cwd: Path | None = None) -> str:
    """Relative to the working directory when below it; POSIX separators either way.

    The name is kept exactly (undecodable bytes as surrogate escapes, control characters as
    they are): each reporter escapes it by its own format's rules (terminal, JSON, GitHub
    workflow commands, SARIF URIs, XML), so no file name can forge a report line.
    """
    cwd = cwd or Path.cwd()
    try:
        rel = os.path.relpath(path.absolute(), cwd)
    except ValueError:  # another drive on Windows
        shown = path.as_posix()
    else:
        shown = Path(path if rel.startswith("..") else rel).as_posix()
    return shown


def _walk(top: Path, skipped: list[tuple[Path, str]]) -> Iterator[Path]:
    """Declaration files below `top`, and directories that could not be listed.

    Iterative (os.walk recurses on Python 3.11, so a deep enough tree would overflow the
    stack); symbolic links to directories are not followed.  What is skipped goes to
    `skipped` as (directory, reason).
    """
    stack = [top]
    while stack:
        directory = stack.pop()
        try:
            with os.scandir(directory) as it:
                entries = list(it)
        except OSError:
            yield directory  # the loader reports why it cannot be read
            continue
        for entry in entries:
            try:
                is_dir = entry.is_dir(follow_symlinks=False)
                linked_dir = not is_dir and entry.is_symlink() and entry.is_dir()
            except OSError:
                is_dir = linked_dir = False
            if is_dir:
                reason = SKIP_DIRS.get(entry.name)
                if reason is None:
                    stack.append(Path(entry.path))
                else:
                    skipped.append((Path(entry.path), reason))
            elif linked_dir:
                skipped.append((Path(entry.path), LINKED_DIR))
            elif is_declaration_name(entry.name):
                yield Path(entry.path)


def _shown(path: Path, real: str, cwd: Path, real_cwd: str) -> str:
    """The resolved path `real` when it exists below the working directory, else `path`."""
    if Path(real).exists():
        rel = os.path.relpath(real, real_cwd)
        if not rel.startswith(".."):
            return Path(rel).as_posix()
    return display_path(path, cwd)


def discover(
    paths: list[Path], cwd: Path | None = None, skipped: list[Skipped] | None = None
) -> list[Target]:
    """Expand files and directories into a sorted, de-duplicated list of targets.

    A path that does not exist is kept: the loader reports it as an unreadable file, so a
    typo in a CI path is a finding rather than a silently empty run.  Directories a walk
    skipped are appended to `skipped` when given.
    """
    cwd = cwd or Path.cwd()
    real_cwd = os.path.realpath(cwd)
    found: dict[str, Target] = {}
    passed: list[tuple[Path, str]] = []

    def add(p: Path) -> None:
        real = os.path.realpath(p)
        key = os.path.normcase(real)
        target = Target(p, _shown(p, real, cwd, real_cwd))
        # The same file reached twice (named twice, or through a symbolic link) is checked
        # once, under its resolved name (or the smallest name given, outside the working
        # directory) whatever the order given.
        if key not in found or target.display < found[key].display:
            found[key] = target

    for path in paths:
        if path.is_dir():
            for found_path in _walk(path, passed):
                add(found_path)
        else:
            add(path)
    if skipped is not None:
        shown = {(display_path(p, cwd) + "/", reason) for p, reason in passed}
        skipped.extend(Skipped(d, r) for d, r in sorted(shown))
    return sorted(found.values(), key=lambda t: t.display)

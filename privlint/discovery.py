"""Which files to check.

Naming convention for directories: a file is a declaration when its name is ``privacy.yaml``,
``privacy.yml`` or ``privacy.json``, or ends in ``.privacy.yaml``, ``.privacy.yml`` or
``.privacy.json``.  Directories are walked recursively, skipping hidden directories
(``.git``, ``.venv``...) and ``node_modules``; symbolic links to directories are not followed,
so a link loop cannot trap the walk.  A file named explicitly on the command line is always
checked, whatever its name (pre-commit passes exactly the files it selected).

Nothing is dropped silently: a directory that cannot be listed becomes a target of its own,
which the loader reports as unreadable, and so does a named path that does not exist.  The
result is sorted and does not depend on the order in which paths were given.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

DECLARATION_SUFFIXES = (".privacy.yaml", ".privacy.yml", ".privacy.json")
DECLARATION_NAMES = ("privacy.yaml", "privacy.yml", "privacy.json")
SKIP_DIRS = frozenset({"node_modules", "__pycache__"})


@dataclass(frozen=True, slots=True)
class Target:
    path: Path  # as found (not resolved, so that the display path stays what the user gave)
    display: str


def is_declaration_name(name: str) -> bool:
    return name in DECLARATION_NAMES or name.endswith(DECLARATION_SUFFIXES)


def skipped_dir(name: str) -> bool:
    """A directory a walk does not enter: hidden (.git, .venv...), node_modules, __pycache__."""
    return name.startswith(".") or name in SKIP_DIRS


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


def _walk(top: Path) -> Iterator[Path]:
    """Declaration files below `top`, and directories that could not be listed.

    Iterative (os.walk recurses on Python 3.11, so a deep enough tree would overflow the
    stack); symbolic links to directories are not followed.
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
            except OSError:
                is_dir = False
            if is_dir:
                if not skipped_dir(entry.name):
                    stack.append(Path(entry.path))
            elif is_declaration_name(entry.name):
                yield Path(entry.path)


def discover(paths: list[Path], cwd: Path | None = None) -> list[Target]:
    """Expand files and directories into a sorted, de-duplicated list of targets.

    A path that does not exist is kept: the loader reports it as an unreadable file, so a
    typo in a CI path is a finding rather than a silently empty run.
    """
    found: dict[str, Target] = {}

    def add(p: Path) -> None:
        key = os.path.normcase(os.path.realpath(p))
        target = Target(p, display_path(p, cwd))
        # The same file reached twice (named twice, or through a symbolic link) is checked
        # once, under its smallest display name whatever the order given.
        if key not in found or target.display < found[key].display:
            found[key] = target

    for path in paths:
        if path.is_dir():
            for found_path in _walk(path):
                add(found_path)
        else:
            add(path)
    return sorted(found.values(), key=lambda t: t.display)

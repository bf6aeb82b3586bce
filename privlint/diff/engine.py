"""Which declarations changed, both versions of each, compared and checked.

Each version is read once (its bytes, from git or from a file), then parsed and checked once by
the `check` pipeline (privlint.lint.check_text): the changes are found in the documents that
pipeline made, and a finding "introduced" or "fixed" is exactly what `privlint check` says on
either side.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from privlint.config import Settings
from privlint.diff.compare import compare, kinds
from privlint.diff.git import FETCH_HINT, Changed, Git, GitError
from privlint.diff.model import Change, DiffReport, FileDiff, Interest, Side, SideError, Status
from privlint.discovery import display_path, is_declaration_name, skipped_dir
from privlint.engine.run import Runner, build_runner
from privlint.errors import UsageError
from privlint.findings import Finding, Problem, Span
from privlint.lint import Checked, check_text
from privlint.loader import decode, read_bytes


@dataclass(slots=True)
class Version:
    """One side of one declaration: its bytes, or why there are none."""

    display: str
    raw: bytes | None = None
    problem: str | None = None  # cannot be read: binary, too big, unreadable


class Checker:
    """The check pipeline, set up once for a whole diff."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.ruleset = settings.ruleset()
        self.runner: Runner = build_runner(self.ruleset, settings)

    def check(self, version: Version, side: str) -> Checked | SideError:
        """The version read once and checked once (its document and findings), or why it
        cannot be read as a declaration."""

        def error(message: str, span: Span | None = None) -> SideError:
            return SideError(side, version.display, message, span)

        if version.problem is not None:
            return error(version.problem)
        assert version.raw is not None
        text, problem = decode(version.raw)
        if text is None:
            assert problem is not None
            return error(problem.message, problem.span)
        checked = check_text(text, version.display, self.ruleset, self.settings, self.runner)
        if checked.document is None:
            first = checked.findings[0] if checked.findings else None
            return error(first.message, first.span) if first else error("cannot be parsed")
        return checked


_WHERE = re.compile(r"\bline \d+(?:, column \d+)?")


def _finding_key(f: Finding) -> tuple[str, str]:
    # "first defined at line 12": a line number in a message moves with any edit above it
    return (f.code, _WHERE.sub("line ?", f.message))


def finding_changes(base: list[Finding], head: list[Finding], settings: Settings) -> list[Change]:
    """Findings of the head that the base lacks (introduced) and the reverse (fixed).

    Matched by rule and message, not position: an unrelated edit above a finding moves it."""
    out: list[Change] = []
    info = kinds()

    def params(f: Finding) -> dict[str, Any]:
        return {"code": f.code, "rule": f.name, "message": f.message, "severity": f.severity.value}

    remaining = Counter(_finding_key(f) for f in base)
    for f in head:
        if remaining[_finding_key(f)]:
            remaining[_finding_key(f)] -= 1
            continue
        fails = f.severity.rank >= settings.fail_on.rank  # it would fail `privlint check`
        interest = Interest.REVIEW if fails else Interest.INFO
        arts = (*info["finding-introduced"].articles, *f.articles)
        out.append(Change("finding-introduced", interest, arts, params(f), f.pointer, f.span))
    remaining = Counter(_finding_key(f) for f in head)
    for f in base:
        if remaining[_finding_key(f)]:
            remaining[_finding_key(f)] -= 1
            continue
        p = params(f) | {"base_line": f.span.line}
        arts = (*info["finding-fixed"].articles, *f.articles)
        out.append(Change("finding-fixed", info["finding-fixed"].interest, arts, p))
    return out


def diff_declaration(
    base: Version | None, head: Version | None, status: Status, checker: Checker
) -> FileDiff:
    settings = checker.settings
    shown = head or base
    assert shown is not None
    result = FileDiff(shown.display, base.display if base else None, status)
    checked: dict[str, Checked] = {}
    for side, version in (("base", base), ("head", head)):
        if version is not None:
            outcome = checker.check(version, side)
            if isinstance(outcome, SideError):
                result.errors.append(outcome)
            else:
                checked[side] = outcome
    if result.errors:
        return result
    meta: list[Change] = []
    if status is Status.ADDED:
        meta.append(_file_change("declaration-added", {}))
    elif status is Status.DELETED:
        meta.append(_file_change("declaration-removed", {}))
        result.changes = meta
        return result  # what it declared is gone with it; no activity-by-activity list
    elif status is Status.RENAMED and base is not None:
        meta.append(_file_change("declaration-renamed", {"before": base.display}))
    old, new = checked.get("base"), checked.get("head")
    changes = compare(
        old.document.data if old and old.document else None,
        new.document.data if new and new.document else None,
        new.document if new else None,
    )
    base_findings = old.findings if old else []
    head_findings = new.findings if new else []
    result.changes = meta + changes + finding_changes(base_findings, head_findings, settings)
    return result


def _file_change(kind: str, params: dict[str, Any]) -> Change:
    info = kinds()[kind]
    return Change(kind, info.interest, info.articles, params)


# -- two plain files --------------------------------------------------------------------------


def _file_version(path: Path, settings: Settings) -> Version:
    shown = display_path(path)
    raw = read_bytes(path, settings.limits.max_file_size)
    if isinstance(raw, Problem):
        return Version(shown, problem=raw.message)
    return Version(shown, raw)


def diff_two_files(base: Path, head: Path, settings: Settings) -> DiffReport:
    old, new = _file_version(base, settings), _file_version(head, settings)
    result = diff_declaration(old, new, Status.MODIFIED, Checker(settings))
    result.base_path = old.display
    return DiffReport(Side(old.display), Side(new.display), [result])


# -- a git repository -------------------------------------------------------------------------


@dataclass(slots=True)
class PathFilter:
    """A PATH argument, relative to the top of the repository."""

    given: str
    rel: PurePosixPath
    is_dir: bool
    matched: bool = False

    def accepts(self, path: str) -> bool:
        p = PurePosixPath(path)
        if p == self.rel:
            return True  # named explicitly: always a declaration, whatever its name (as check)
        if not self.is_dir or (self.rel.parts and p.parts[: len(self.rel.parts)] != self.rel.parts):
            return False
        below = p.parts[len(self.rel.parts) :]
        # check's discovery: declaration names only, no hidden or skipped directory on the way
        dirs = below[:-1]
        if any(skipped_dir(d) for d in dirs):
            return False
        return is_declaration_name(below[-1])


def _filters(specs: list[str], top: Path, cwd: Path) -> list[PathFilter]:
    out = []
    for spec in specs or ["."]:
        absolute = Path(os.path.realpath(cwd / spec))
        try:
            rel = absolute.relative_to(top)
        except ValueError:
            raise UsageError(f"{spec} is outside the repository at {top}") from None
        is_dir = absolute.is_dir() or spec in (".", "") or spec.endswith("/")
        out.append(PathFilter(spec, PurePosixPath(rel.as_posix()), is_dir))
    return out


def _blob_version(git: Git, commit: str, path: str, shown: str, settings: Settings) -> Version:
    limit = settings.limits.max_file_size
    blob = git.blob(commit, path, limit)
    if isinstance(blob, int):
        return Version(
            shown,
            problem=f"file is {blob:,} bytes in {commit[:12]}, over the limit of {limit:,} "
            "(raise it with --max-file-size)",
        )
    return Version(shown, blob)


def split_specs(git: Git, specs: list[str], cwd: Path, top: Path) -> tuple[list[str], list[str]]:
    """[BASE] [HEAD] [PATH...] -> (revisions, paths): a leading word that is not an existing
    path and names a commit is a revision.  A word that is neither (not even a file deleted
    since HEAD) is an error: most often a base missing from a shallow clone."""
    revs: list[str] = []
    for spec in specs[:2]:
        if (cwd / spec).exists():
            break
        if git.commit(spec) is not None:
            revs.append(spec)
            continue
        if not _tracked(git, cwd / spec, top):
            raise GitError(
                f"{spec!r} is neither a revision nor a path; if it is a revision, it is not in "
                f"this clone{' (a shallow clone)' if git.shallow() else ''}: {FETCH_HINT}"
            )
        break
    return revs, specs[len(revs) :]


def _tracked(git: Git, path: Path, top: Path) -> bool:
    """A path HEAD knows (a file deleted from the working tree since)."""
    try:
        rel = Path(os.path.realpath(path)).relative_to(top).as_posix()
    except ValueError:
        return False
    return bool(git.ok("ls-tree", "--full-tree", "--name-only", "HEAD", "--", rel))


def diff_repository(specs: list[str], settings: Settings, cwd: Path | None = None) -> DiffReport:
    cwd = Path(os.path.realpath(cwd or Path.cwd()))
    git = Git(cwd)
    top = git.toplevel()
    if top is None:
        missing = [s for s in specs if not (cwd / s).exists()]
        raise GitError(
            "not a git repository: run privlint diff inside one, or compare two files: "
            "privlint diff OLD.privacy.yaml NEW.privacy.yaml"
            + (f" ({', '.join(missing)}: no such file)" if missing else "")
        )
    top = Path(os.path.realpath(top))
    git = Git(top)  # from the top: listings then cover the whole repository
    if not git.has_commits():
        raise GitError(
            "the repository has no commits yet, so there is no base to compare with: commit "
            "the declaration first, or compare two files: privlint diff OLD NEW"
        )
    revs, paths = split_specs(git, specs, cwd, top)
    if revs:
        base_label, base = revs[0], git.commit(revs[0])
    else:
        base_label, base = git.default_base()
    head = git.commit(revs[1]) if len(revs) == 2 else None
    assert base is not None
    filters = _filters(paths, top, cwd)
    changed = git.changed(base, head)
    files: list[FileDiff] = []
    chosen: list[Changed] = []
    for c in changed:
        wanted = [
            f for f in filters if f.accepts(c.path) or (c.base_path and f.accepts(c.base_path))
        ]
        for f in wanted:
            f.matched = True
        if wanted:
            chosen.append(c)
    for f in filters:
        if not f.matched and not (cwd / f.given).exists():
            raise UsageError(f"{f.given}: no such file or directory, and no change to it")

    def shown(path: str) -> str:
        return display_path(top / path, cwd)

    checker = Checker(settings)
    for c in sorted(chosen, key=lambda c: c.path):
        status = {"A": Status.ADDED, "D": Status.DELETED, "R": Status.RENAMED}.get(
            c.status, Status.MODIFIED
        )
        old = None
        if c.base_path is not None:
            old = _blob_version(git, base, c.base_path, shown(c.base_path), settings)
        new = None
        if status is not Status.DELETED:
            if head is None:
                new = _file_version(top / c.path, settings)
                new.display = shown(c.path)
            else:
                new = _blob_version(git, head, c.path, shown(c.path), settings)
        files.append(diff_declaration(old, new, status, checker))
    working = Side("working tree")
    return DiffReport(
        Side(base_label, base), working if head is None else Side(revs[1], head), files
    )

"""What a diff produces: typed changes per declaration, and the verdict."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from privlint.findings import Pointer, Span, pointer_to_json_pointer


class Interest(StrEnum):
    """How much a change asks for a privacy reviewer's attention."""

    INFO = "info"
    REVIEW = "review"  # risk-raising: new transfers, special categories, longer retention...


@dataclass(frozen=True, slots=True)
class Change:
    kind: str  # e.g. "transfer-added"; docs/diff.md lists every kind
    interest: Interest
    articles: tuple[str, ...]
    params: dict[str, Any]  # what the catalogue message names: activity, category, before, after
    pointer: Pointer = ()  # in the head document; for a removal, where it was removed from
    span: Span | None = None  # of the pointer in the head file (None: the file has no head)
    flags: tuple[str, ...] = ()  # special-category, criminal, national-id

    @property
    def json_pointer(self) -> str:
        return pointer_to_json_pointer(self.pointer)


class Status(StrEnum):
    ADDED = "added"
    DELETED = "deleted"
    MODIFIED = "modified"
    RENAMED = "renamed"


@dataclass(frozen=True, slots=True)
class SideError:
    """One side of a declaration could not be read or parsed: the diff cannot be trusted."""

    side: str  # "base" or "head"
    path: str
    message: str
    span: Span | None = None


@dataclass(slots=True)
class FileDiff:
    path: str  # the head path as displayed (the base path for a deleted file)
    base_path: str | None
    status: Status
    changes: list[Change] = field(default_factory=list)
    errors: list[SideError] = field(default_factory=list)


@dataclass(slots=True)
class Side:
    """What was compared: a revision (commit id), the working tree, or a plain file."""

    label: str  # as the user named it, or "working tree"
    commit: str | None = None


@dataclass(slots=True)
class DiffReport:
    base: Side
    head: Side
    files: list[FileDiff]
    fail_on: Interest | None = None

    def changes(self) -> list[Change]:
        return [c for f in self.files for c in f.changes]

    def count(self, interest: Interest) -> int:
        return sum(1 for c in self.changes() if c.interest == interest)

    def errors(self) -> list[SideError]:
        return [e for f in self.files for e in f.errors]

    def failed(self) -> bool:
        if self.fail_on is None:
            return False
        wanted = _RANK[self.fail_on]
        return any(_RANK[c.interest] >= wanted for c in self.changes())


_RANK = {Interest.INFO: 0, Interest.REVIEW: 1}

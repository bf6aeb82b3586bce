"""The one diagnostic model every stage speaks: problems in, findings out.

Loaders, the schema validator and rule functions produce `Problem`s: what is wrong and where
(a JSON pointer into the document, or an explicit span).  The engine turns each into a
`Finding` by attaching the rule's code, severity, article and fix hint, and the source span
looked up from the document's position index.  Reporters only ever see findings.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

Pointer = tuple[str | int, ...]


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return _RANK[self]


_RANK = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}


@dataclass(frozen=True, slots=True, order=True)
class Span:
    """A 1-based source range; end is inclusive of the last character's column + 1 (exclusive)."""

    line: int
    column: int
    end_line: int | None = None
    end_column: int | None = None


UNKNOWN_SPAN = Span(1, 1)


@dataclass(frozen=True, slots=True)
class Problem:
    """A violation before the engine attaches rule metadata."""

    rule: str  # rule name (kebab-case) or code
    message: str
    pointer: Pointer = ()
    span: Span | None = None  # wins over the pointer when set (syntax errors have no node)
    on_key: bool = False  # point at the mapping key rather than at its value
    params: dict[str, Any] = field(default_factory=dict)
    fix: str | None = None  # wins over the rule's fix hint (a parse error knows its own fix)


@dataclass(frozen=True, slots=True)
class Finding:
    path: str  # as shown to the user: relative to the working directory where possible
    span: Span
    code: str
    name: str
    severity: Severity
    message: str
    pointer: Pointer = ()
    articles: tuple[str, ...] = ()
    fix: str | None = None

    @property
    def json_pointer(self) -> str:
        return pointer_to_json_pointer(self.pointer)

    @property
    def json_path(self) -> str:
        return pointer_to_json_path(self.pointer)

    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.path, self.span.line, self.span.column, self.code, self.message)


def truncate(text: str, limit: int = 60) -> str:
    """At most `limit` characters, an ellipsis marking the cut: values quoted in messages."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def pointer_to_json_pointer(pointer: Pointer) -> str:
    """RFC 6901 JSON Pointer."""
    return "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in pointer)


def pointer_to_json_path(pointer: Pointer) -> str:
    """RFC 9535 normalized path, e.g. $['activities'][3]['retention']."""
    out = ["$"]
    for p in pointer:
        if isinstance(p, int):
            out.append(f"[{p}]")
        else:
            escaped = p.replace("\\", "\\\\").replace("'", "\\'")
            out.append(f"['{escaped}']")
    return "".join(out)

"""The one diagnostic model every stage speaks: problems in, findings out.

Loaders, the schema validator and rule functions produce `Problem`s: what is wrong and where
(a JSON pointer into the document, or an explicit span).  The engine turns each into a
`Finding` by attaching the rule's code, severity, article and fix hint, and the source span
looked up from the document's position index.  Reporters only ever see findings.
"""

from __future__ import annotations

from enum import StrEnum
from operator import attrgetter
from typing import Any, ClassVar, Self

Pointer = tuple[str | int, ...]


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return _RANK[self]


_RANK = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}


class Frozen:
    """Base of privlint's plain immutable values: compared, hashed, shown and pickled by their
    fields (`_names`: the subclass's `__slots__` unless it says otherwise), as a frozen
    dataclass would be, with a hand-written `__init__` that takes every field in that order.

    Not dataclasses: generating a dataclass's methods costs start-up (~1 ms a class), and the
    commands that never read a declaration (`explain`, `rules`) import no dataclasses at all.
    """

    __slots__: tuple[str, ...] = ()
    _names: ClassVar[tuple[str, ...]]
    _values: ClassVar[attrgetter[Any]]

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls._names = cls.__dict__.get("_names", cls.__slots__)
        cls._values = attrgetter(*cls._names)  # -> the tuple of field values

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"cannot delete field {name!r}")

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return bool(self._values(self) == self._values(other))

    def __hash__(self) -> int:
        return hash(self._values(self))

    def __repr__(self) -> str:
        inner = ", ".join(f"{n}={getattr(self, n)!r}" for n in self._names)
        return f"{type(self).__qualname__}({inner})"

    def __reduce__(self) -> tuple[Any, ...]:
        return type(self), self._values(self)

    def replace(self, **changes: Any) -> Self:
        """A copy with some fields changed (dataclasses.replace for these values)."""
        values = {n: changes.pop(n) if n in changes else getattr(self, n) for n in self._names}
        return type(self)(**values, **changes)


class Span(Frozen):
    """A 1-based source range; end is inclusive of the last character's column + 1 (exclusive).

    Ordered by (line, column, end_line, end_column)."""

    __slots__ = ("line", "column", "end_line", "end_column")  # noqa: RUF023 - field order
    line: int
    column: int
    end_line: int | None
    end_column: int | None

    def __init__(
        self, line: int, column: int, end_line: int | None = None, end_column: int | None = None
    ) -> None:
        object.__setattr__(self, "line", line)
        object.__setattr__(self, "column", column)
        object.__setattr__(self, "end_line", end_line)
        object.__setattr__(self, "end_column", end_column)

    def __lt__(self, other: Span) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return bool(self._values(self) < self._values(other))

    def __le__(self, other: Span) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return bool(self._values(self) <= self._values(other))

    def __gt__(self, other: Span) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return bool(self._values(self) > self._values(other))

    def __ge__(self, other: Span) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return bool(self._values(self) >= self._values(other))


UNKNOWN_SPAN = Span(1, 1)


class Problem(Frozen):
    """A violation before the engine attaches rule metadata."""

    __slots__ = ("rule", "message", "pointer", "span", "on_key", "params", "fix")  # noqa: RUF023
    rule: str  # rule name (kebab-case) or code
    message: str
    pointer: Pointer
    span: Span | None  # wins over the pointer when set (syntax errors have no node)
    on_key: bool  # point at the mapping key rather than at its value
    params: dict[str, Any]
    fix: str | None  # wins over the rule's fix hint (a parse error knows its own fix)

    def __init__(
        self,
        rule: str,
        message: str,
        pointer: Pointer = (),
        span: Span | None = None,
        on_key: bool = False,
        params: dict[str, Any] | None = None,
        fix: str | None = None,
    ) -> None:
        object.__setattr__(self, "rule", rule)
        object.__setattr__(self, "message", message)
        object.__setattr__(self, "pointer", pointer)
        object.__setattr__(self, "span", span)
        object.__setattr__(self, "on_key", on_key)
        object.__setattr__(self, "params", {} if params is None else params)
        object.__setattr__(self, "fix", fix)


class Finding(Frozen):
    __slots__ = (  # noqa: RUF023 - the order of the fields
        "path",
        "span",
        "code",
        "name",
        "severity",
        "message",
        "pointer",
        "articles",
        "fix",
    )
    path: str  # as shown to the user: relative to the working directory where possible
    span: Span
    code: str
    name: str
    severity: Severity
    message: str
    pointer: Pointer
    articles: tuple[str, ...]
    fix: str | None

    def __init__(
        self,
        path: str,
        span: Span,
        code: str,
        name: str,
        severity: Severity,
        message: str,
        pointer: Pointer = (),
        articles: tuple[str, ...] = (),
        fix: str | None = None,
    ) -> None:
        object.__setattr__(self, "path", path)
        object.__setattr__(self, "span", span)
        object.__setattr__(self, "code", code)
        object.__setattr__(self, "name", name)
        object.__setattr__(self, "severity", severity)
        object.__setattr__(self, "message", message)
        object.__setattr__(self, "pointer", pointer)
        object.__setattr__(self, "articles", articles)
        object.__setattr__(self, "fix", fix)

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

"""Check functions: what a JSON Schema fragment cannot say.

Each function is small and pure: ``(value, options, context) -> hits``.  A hit is a relative
pointer (below the checked value) plus parameters for the rule's message template.  Functions
never know rule codes, severities or files: the engine attaches those.  Every function declares
its options as a strict record (`registry.Options`, with `Field` and `field_validator` from
`registry`, not from pydantic), which the rule loader validates (see privlint/strict.py).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any, Final

from privlint.findings import Pointer

if TYPE_CHECKING:
    from privlint.functions.reference import ReferenceData


class _Missing:
    """The value of a field that is absent (distinct from an explicit null)."""

    _instance: _Missing | None = None

    def __new__(cls) -> _Missing:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "MISSING"

    def __bool__(self) -> bool:
        return False


MISSING: Final = _Missing()


@dataclass(frozen=True, slots=True)
class Hit:
    """One violation found by a function, relative to the value it was given."""

    pointer: Pointer = ()
    params: dict[str, Any] = field(default_factory=dict)
    on_key: bool = False


@dataclass(frozen=True, slots=True)
class Context:
    """Read-only facts a function may consult besides its value."""

    document: Any
    today: date
    reference: ReferenceData
    pointer: Pointer = ()  # where the checked value sits in the document


Hits = Iterable[Hit]

"""Function name -> (implementation, options model).  Options are validated when a rule loads."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from privlint.functions import Context, Hits
from privlint.strict import Field, Record, field_validator

__all__ = ["Field", "FunctionSpec", "Options", "field_validator", "get_function", "register"]


class Options(Record):
    """Base of every function's options: unknown options are errors, values are immutable.

    A strict record: declare fields with `Field` and `field_validator` from here (not from
    pydantic, which is imported only when a user's rule file or config gives options)."""


OptionsT = TypeVar("OptionsT", bound=Options)
Impl = Callable[[Any, Any, Context], Hits]


@dataclass(frozen=True, slots=True)
class FunctionSpec:
    name: str
    impl: Impl
    options: type[Options]
    summary: str


FUNCTIONS: dict[str, FunctionSpec] = {}


def register(
    name: str, options: type[OptionsT]
) -> Callable[[Callable[[Any, OptionsT, Context], Hits]], Callable[[Any, OptionsT, Context], Hits]]:
    def wrap(
        impl: Callable[[Any, OptionsT, Context], Hits],
    ) -> Callable[[Any, OptionsT, Context], Hits]:
        summary = (impl.__doc__ or "").strip().splitlines()[0] if impl.__doc__ else ""
        FUNCTIONS[name] = FunctionSpec(name, impl, options, summary)
        return impl

    return wrap


def get_function(name: str) -> FunctionSpec | None:
    _load_builtins()
    return FUNCTIONS.get(name)


def function_names() -> list[str]:
    _load_builtins()
    return sorted(FUNCTIONS)


def _load_builtins() -> None:
    # Importing the modules registers their functions; kept explicit so the list is reviewable.
    from privlint.functions import (  # noqa: F401
        basic,
        children,
        cookies,
        dates,
        law,
        references,
        retention,
        rights,
        taxonomy,
        transfers,
    )

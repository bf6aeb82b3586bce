"""Cross-references: every id a declaration uses is an id it declares."""

from __future__ import annotations

from typing import Any

from privlint.findings import truncate
from privlint.functions import Context, Hit, Hits
from privlint.functions.registry import Field, Options, field_validator, register


class Reference(Options):
    from_: str = Field(alias="from", description="JSONPath of the ids used")
    to: str = Field(description="JSONPath of the ids declared")
    what: str = Field(min_length=1, description="what the id names, for the message")

    @field_validator("from_", "to")
    @classmethod
    def _compiles(cls, selector: str) -> str:
        from privlint.engine.paths import check_selector

        check_selector(selector)  # SelectorError is a ValueError: pydantic reports it
        return selector


class ReferencesOptions(Options):
    refs: list[Reference] = Field(min_length=1)


@register("references", ReferencesOptions)
def references(value: Any, options: ReferencesOptions, ctx: Context) -> Hits:
    """Each id found by `from` is among those found by `to` (params `what`, `known`).

    Pointers are relative to the checked value, so select the document root ('$').
    """
    from privlint.engine.paths import select

    for ref in options.refs:
        declared = {v for _, v in select(ref.to, value) if isinstance(v, str)}
        known = ""  # built once, and short: 2,000 dangling references x 2,000 ids was 1.5 GB
        for pointer, used in select(ref.from_, value):
            if isinstance(used, str) and used not in declared:
                known = known or known_ids(declared)
                yield Hit(pointer, {"what": ref.what, "known": known})


KNOWN_SHOWN = 10  # ids listed in a message; the rest are counted


def known_ids(declared: set[str]) -> str:
    """'a, b, c' or, past KNOWN_SHOWN, 'a, b, ... and 1,990 more'; 'none' when empty."""
    if not declared:
        return "none"
    ids = sorted(declared)
    shown = ", ".join(truncate(i, 40) for i in ids[:KNOWN_SHOWN])
    rest = len(ids) - KNOWN_SHOWN
    return f"{shown}, ... and {rest:,} more" if rest > 0 else shown

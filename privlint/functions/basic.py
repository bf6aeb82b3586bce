"""General-purpose checks on mappings and lists."""

from __future__ import annotations

import difflib
from typing import Any

from privlint.functions import MISSING, Context, Hit, Hits
from privlint.functions.registry import Field, Options, field_validator, register


class NoOptions(Options):
    pass


@register("defined", NoOptions)
def defined(value: Any, options: NoOptions, ctx: Context) -> Hits:
    """The value is present and not null, empty text or an empty list or mapping."""
    if value is MISSING or value is None or value in ("", [], {}):
        yield Hit()


class KeysOptions(Options):
    keys: list[str] = Field(min_length=1)


@register("required-keys", KeysOptions)
def required_keys(value: Any, options: KeysOptions, ctx: Context) -> Hits:
    """Each of `keys` is present in the mapping: one hit per missing key (param `key`)."""
    present = value if isinstance(value, dict) else {}
    for key in options.keys:
        if present.get(key) in (None, "", [], {}):
            yield Hit(params={"key": key})


@register("any-key", KeysOptions)
def any_key(value: Any, options: KeysOptions, ctx: Context) -> Hits:
    """At least one of `keys` is present in the mapping (param `keys`: the list, joined)."""
    present = value if isinstance(value, dict) else {}
    if not any(present.get(k) not in (None, "", [], {}) for k in options.keys):
        yield Hit(params={"keys": ", ".join(options.keys)})


class ListOptions(Options):
    list_: str = Field(alias="list", description="name of a list in privlint/data/legal_bases.yaml")

    @field_validator("list_")
    @classmethod
    def _known(cls, name: str) -> str:
        from privlint.functions.reference import reference_data

        known = reference_data().lists
        if name not in known:
            raise ValueError(f"unknown list {name!r}; known: {', '.join(sorted(known))}")
        return name


@register("in-list", ListOptions)
def in_list(value: Any, options: ListOptions, ctx: Context) -> Hits:
    """A text value is one of the ids of a reference list (params `allowed`, `suggestion`)."""
    allowed = ctx.reference.lists.get(options.list_, {})
    if not isinstance(value, str) or value in allowed:
        return
    close = difflib.get_close_matches(value, list(allowed), n=1, cutoff=0.6)
    yield Hit(
        params={
            "allowed": ", ".join(allowed),
            "suggestion": f"; did you mean '{close[0]}'?" if close else "",
        }
    )


class UniqueOptions(Options):
    field: str = "id"


@register("unique", UniqueOptions)
def unique(value: Any, options: UniqueOptions, ctx: Context) -> Hits:
    """In a list of mappings, `field` has a different value in each item (param `first`)."""
    if not isinstance(value, list):
        return
    seen: dict[Any, int] = {}
    for i, item in enumerate(value):
        key = item.get(options.field) if isinstance(item, dict) else None
        if not isinstance(key, str | int) or isinstance(key, bool):
            continue
        if key in seen:
            yield Hit((i, options.field), {"value": key, "first": seen[key] + 1, "index": i + 1})
        else:
            seen[key] = i

"""Data-category look-ups in privlint's taxonomy (privlint/data/taxonomy.yaml)."""

from __future__ import annotations

from typing import Any

from privlint.functions import Context, Hit, Hits
from privlint.functions.registry import Field, Options, field_validator, register


class TagOptions(Options):
    tag: str = Field(min_length=1)

    @field_validator("tag")
    @classmethod
    def _known(cls, tag: str) -> str:
        from privlint.functions.reference import reference_data

        known = set().union(*(c.tags for c in reference_data().categories.values()))
        if tag not in known:
            raise ValueError(f"unknown taxonomy tag {tag!r}; known: {', '.join(sorted(known))}")
        return tag


def _tagged(value: Any, tag: str, ctx: Context) -> list[tuple[int, str]]:
    if not isinstance(value, list):
        return []
    return [(i, c) for i, c in enumerate(value) if tag in ctx.reference.tags(c)]


@register("has-tag", TagOptions)
def has_tag(value: Any, options: TagOptions, ctx: Context) -> Hits:
    """A list of data categories holds one tagged `tag` (a condition: silent when it does)."""
    if not _tagged(value, options.tag, ctx):
        yield Hit(params={"tag": options.tag})


class RequiresOptions(TagOptions):
    field: str = Field(min_length=1, description="key of the activity that must be present")
    alternatives: list[str] = Field(
        default_factory=list,
        description="dotted paths below the activity that also count (legal_obligation.law)",
    )


def _at(node: Any, dotted: str) -> Any:
    for part in dotted.split("."):
        node = node.get(part) if isinstance(node, dict) else None
    return node


@register("category-requires", RequiresOptions)
def category_requires(value: Any, options: RequiresOptions, ctx: Context) -> Hits:
    """An activity with a category tagged `tag` also gives `field` (or one of `alternatives`);
    one hit per such category.

    Params: `category` (the id), `label` (the taxonomy's label), `field`.
    """
    if not isinstance(value, dict):
        return
    if any(_at(value, f) not in (None, "", [], {}) for f in (options.field, *options.alternatives)):
        return
    for i, category in _tagged(value.get("data_categories"), options.tag, ctx):
        label = ctx.reference.categories[category].label
        yield Hit(
            ("data_categories", i),
            {"category": category, "label": label, "field": options.field},
        )

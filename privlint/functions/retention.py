"""Retention: is the period one a reader can actually tell?"""

from __future__ import annotations

from typing import Any

from privlint.functions import Context, Hit, Hits
from privlint.functions.basic import NoOptions
from privlint.functions.registry import register


@register("retention-determinate", NoOptions)
def retention_determinate(value: Any, options: NoOptions, ctx: Context) -> Hits:
    """A retention names a period or a named event, not only words or 'until: other'."""
    if not isinstance(value, dict) or value.get("period") or value.get("after"):
        return
    until = value.get("until")
    if until == "other":
        yield Hit(
            ("until",),
            {"reason": "ends at an unnamed event ('until: other') with no period after it"},
        )
    elif until is None and value.get("criteria"):
        yield Hit(("criteria",), {"reason": "is given only as criteria, with no period or event"})

"""Retention: is the period one a reader can actually tell?

Art. 13(2)(a) asks for the period "or, if that is not possible, the criteria used to determine
that period".  Criteria tied to a named event (a claim, proceedings, a statutory limitation
period, the end of a contract) are determinate; only criteria that say nothing ("as long as
needed", WP260 para 45) are not.
"""

from __future__ import annotations

from typing import Any

from privlint.functions import Context, Hit, Hits
from privlint.functions.basic import NoOptions
from privlint.functions.registry import register


def _names_event(text: Any, ctx: Context) -> bool:
    return ctx.reference.mentions(text, "retention-events") is not None


@register("retention-determinate", NoOptions)
def retention_determinate(value: Any, options: NoOptions, ctx: Context) -> Hits:
    """A retention names a period or an event, not only empty words or 'until: other'.

    Param `reason`.  `event` (in words) or criteria that name an event make 'until: other'
    determinate; criteria alone are indeterminate only when they are empty words (the
    `vacuous-retention` phrases of privlint/data/phrases.yaml) naming no event.
    """
    if not isinstance(value, dict) or value.get("period") or value.get("after"):
        return
    criteria = value.get("criteria")
    if value.get("event") or _names_event(criteria, ctx):
        return
    vacuous = ctx.reference.mentions(criteria, "vacuous-retention")
    if value.get("until") == "other":
        yield Hit(
            ("until",),
            {"reason": "ends at an unnamed event ('until: other') with no period after it"},
        )
    elif value.get("until") is None and vacuous:
        yield Hit(
            ("criteria",),
            {"reason": f"is given only as criteria that name no period or event ('{vacuous}')"},
        )

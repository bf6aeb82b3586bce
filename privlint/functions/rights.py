"""Art. 13(2)(b): the rights the declared processing actually gives.

Access, rectification, erasure and restriction (Art. 15-18) exist whatever the basis.
Portability (Art. 20(1)) exists only for processing on consent (6(1)(a) or 9(2)(a)) or a
contract, carried out by automated means; objection (Art. 21) only for processing on 6(1)(e)
or (f) and for direct marketing (21(2)).  Processor activities are the client's: their rights
are the client's to describe.
"""

from __future__ import annotations

from typing import Any

from privlint.functions import Context, Hit, Hits
from privlint.functions.registry import Field, Options, register
from privlint.functions.transfers import items

ALWAYS = ("access", "rectification", "erasure", "restriction")
PORTABILITY_BASES = frozenset({"gdpr-6-1-a", "gdpr-6-1-b"})
OBJECTION_BASES = frozenset({"gdpr-6-1-e", "gdpr-6-1-f"})


class RightsOptions(Options):
    always: list[str] = Field(default_factory=lambda: list(ALWAYS), min_length=1)


def _direct_marketing(activity: dict[str, Any], ctx: Context) -> bool:
    if activity.get("direct_marketing") is True:
        return True
    purposes = activity.get("purposes")
    texts = purposes if isinstance(purposes, list) else []
    return any(ctx.reference.mentions(p, "direct-marketing") for p in texts)


def rights_given(document: Any, ctx: Context, always: list[str]) -> list[str]:
    """The Art. 15-21 rights the controller activities of a declaration give, in order."""
    needed = list(always)
    activities = [a for a in items(document, "activities") if a.get("role") != "processor"]
    bases = {a.get("legal_basis") for a in activities}
    automated = [a for a in activities if a.get("automated_processing") is not False]
    explicit = [a for a in automated if a.get("special_category_condition") == "gdpr-9-2-a"]
    if explicit or any(a.get("legal_basis") in PORTABILITY_BASES for a in automated):
        needed.append("portability")
    if bases & OBJECTION_BASES or any(_direct_marketing(a, ctx) for a in activities):
        needed.append("objection")
    return needed


@register("rights-for-bases", RightsOptions)
def rights_for_bases(value: Any, options: RightsOptions, ctx: Context) -> Hits:
    """The `rights` mapping describes every right the declared bases give: one hit listing all
    missing ones (params `missing`, `what`, `count`, `reasons`).  Checked at the document root."""
    if not isinstance(value, dict):
        return
    rights = value.get("rights")
    present = rights if isinstance(rights, dict) else {}
    missing = [
        r for r in rights_given(value, ctx, options.always) if present.get(r) in (None, "", [], {})
    ]
    if not missing:
        return
    why = []
    if "portability" in missing:
        why.append(
            "portability applies to processing on consent or a contract by automated means "
            "(Art. 20(1))"
        )
    if "objection" in missing:
        why.append(
            "objection applies to processing on Art. 6(1)(e)/(f) and to direct marketing (Art. 21)"
        )
    reasons = f"; {'; '.join(why)}" if why else ""
    where = ("rights",) if "rights" in value else ()
    yield Hit(
        where,
        {
            "missing": ", ".join(f"'{m}'" for m in missing),
            "what": "the right" if len(missing) == 1 else "the rights",
            "count": len(missing),
            "reasons": reasons,
        },
        on_key=bool(where),
    )

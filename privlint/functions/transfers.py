"""Chapter V: transfers to third countries and international organisations."""

from __future__ import annotations

from typing import Any

from privlint.functions import Context, Hit, Hits
from privlint.functions.basic import NoOptions
from privlint.functions.registry import register


def _recipient(document: Any, rid: Any) -> dict[str, Any]:
    recipients = document.get("recipients") if isinstance(document, dict) else None
    for r in recipients if isinstance(recipients, list) else []:
        if isinstance(r, dict) and r.get("id") == rid:
            return r
    return {}


@register("adequacy", NoOptions)
def adequacy(value: Any, options: NoOptions, ctx: Context) -> Hits:
    """A transfer that claims an adequacy decision goes where one applies, within its limits.

    Params: `destination`, `reason`.  The United States count only for recipients with
    `dpf_certified: true`; Canada not for public authorities (PIPEDA covers commercial
    organisations).  Limits the format cannot express are left to the reader.
    """
    if not isinstance(value, dict) or value.get("mechanism") != "adequacy-decision":
        return
    recipient = _recipient(ctx.document, value.get("recipient"))
    org = value.get("international_organisation")
    if isinstance(org, str):
        if ctx.reference.organisation(org) is None:
            known = ", ".join(o.name for o in ctx.reference.organisations.values())
            yield Hit(
                ("international_organisation",),
                {"destination": org, "reason": f"no adequacy decision covers it (only: {known})"},
            )
        return
    country = value.get("country") or recipient.get("country")
    if not isinstance(country, str):
        reason = "neither the transfer nor its recipient names a country, so no decision applies"
        yield Hit(("mechanism",), {"destination": "an unnamed destination", "reason": reason})
        return
    where: tuple[str, ...] = ("country",) if "country" in value else ("mechanism",)
    if country in ctx.reference.eea:
        return  # not a third country: another rule's business, not a wrong adequacy claim
    decision = ctx.reference.adequacy.get(country)
    if decision is None:
        yield Hit(
            where,
            {
                "destination": country,
                "reason": "the Commission has adopted no adequacy decision for it",
            },
        )
        return
    needs = decision.requires
    if needs.get("recipient_dpf_certified") and recipient.get("dpf_certified") is not True:
        who = f"recipient '{recipient['id']}'" if recipient else "the recipient"
        yield Hit(
            ("mechanism",),
            {
                "destination": decision.name,
                "reason": f"{decision.decision} covers {decision.limits}, and {who} is not "
                "marked dpf_certified: true",
            },
        )
    excluded = needs.get("recipient_kind_not", [])
    if recipient.get("kind") in excluded:
        yield Hit(
            ("mechanism",),
            {
                "destination": decision.name,
                "reason": f"{decision.decision} covers {decision.limits}, and recipient "
                f"'{recipient.get('id')}' is a {recipient.get('kind')}",
            },
        )


@register("in-eea", NoOptions)
def in_eea(value: Any, options: NoOptions, ctx: Context) -> Hits:
    """The transfer goes to an EEA country: no third country, so Chapter V does not apply.

    Meant as a rule's `when` (the rule applies where this yields nothing).  The destination is
    the transfer's country, else its recipient's; unknown stays a transfer to be judged.
    """
    if not isinstance(value, dict) or isinstance(value.get("international_organisation"), str):
        return
    country = value.get("country") or _recipient(ctx.document, value.get("recipient")).get(
        "country"
    )
    if isinstance(country, str) and country in ctx.reference.eea:
        yield Hit(("country",) if "country" in value else (), {"country": country})


@register("transfer-declared", NoOptions)
def transfer_declared(value: Any, options: NoOptions, ctx: Context) -> Hits:
    """A recipient in a country outside the EEA is the recipient of some declared transfer."""
    if not isinstance(value, dict):
        return
    country = value.get("country")
    if not isinstance(country, str) or country in ctx.reference.eea:
        return
    transfers = ctx.document.get("transfers") if isinstance(ctx.document, dict) else None
    for t in transfers if isinstance(transfers, list) else []:
        if isinstance(t, dict) and t.get("recipient") == value.get("id"):
            return
    yield Hit(("country",), {"country": country})


@register("scc-current", NoOptions)
def scc_current(value: Any, options: NoOptions, ctx: Context) -> Hits:
    """Standard contractual clauses cite the current decision, not a repealed set.

    Params: `repealed` (the decision cited), `current`.
    """
    if not isinstance(value, dict) or value.get("mechanism") != "standard-contractual-clauses":
        return
    reference = value.get("reference")
    if not isinstance(reference, str):
        return
    for old in ctx.reference.scc_repealed:
        if old in reference:
            yield Hit(("reference",), {"repealed": old, "current": ctx.reference.scc_current})
            return

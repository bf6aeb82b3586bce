"""Chapter V: transfers to third countries and international organisations.

A transfer goes where its recipient is: the recipient's country counts as much as the
transfer's own `country`, so writing `country: NL` on a transfer whose recipient sits in the US
cannot switch the safeguard rules off (the contradiction itself is `transfer-consistent`).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from privlint.findings import Pointer
from privlint.functions import Context, Hit, Hits
from privlint.functions.basic import NoOptions
from privlint.functions.registry import register


def items(document: Any, key: str) -> list[dict[str, Any]]:
    """The mappings in a top-level list of the document (others skipped: the schema's job)."""
    found = document.get(key) if isinstance(document, dict) else None
    return [x for x in found if isinstance(x, dict)] if isinstance(found, list) else []


def recipient_of(document: Any, rid: Any) -> dict[str, Any]:
    for r in items(document, "recipients"):
        if r.get("id") == rid:
            return r
    return {}


def destinations(transfer: dict[str, Any], ctx: Context) -> list[tuple[Pointer, str]]:
    """(where written, ISO code) of each country a transfer goes to: its own, its recipient's."""
    found: list[tuple[Pointer, str]] = []
    own = ctx.reference.country(transfer.get("country"))
    if own:
        found.append((("country",), own))
    recipient = recipient_of(ctx.document, transfer.get("recipient"))
    theirs = ctx.reference.country(recipient.get("country"))
    if theirs and theirs != own:
        found.append((("recipient",), theirs))
    return found


def _organisation_hits(value: dict[str, Any], ctx: Context) -> Iterator[Hit]:
    org = value.get("international_organisation")
    if isinstance(org, str) and ctx.reference.organisation(org) is None:
        known = ", ".join(o.name for o in ctx.reference.organisations.values())
        yield Hit(
            ("international_organisation",),
            {"destination": org, "reason": f"no adequacy decision covers it (only: {known})"},
        )


@register("adequacy", NoOptions)
def adequacy(value: Any, options: NoOptions, ctx: Context) -> Hits:
    """A transfer that claims an adequacy decision goes where one applies, within its limits.

    Params: `destination`, `reason`.  Every destination counts (the transfer's country and its
    recipient's); a named international organisation needs its own decision.  The United
    States count only for recipients with `dpf_certified: true` (or `in_adequacy_scope: true`);
    Canada not for public authorities; any recipient marked `in_adequacy_scope: false` is
    outside the decision for its country.
    """
    if not isinstance(value, dict) or value.get("mechanism") != "adequacy-decision":
        return
    yield from _organisation_hits(value, ctx)
    places = destinations(value, ctx)
    if not places:
        if not isinstance(value.get("international_organisation"), str):
            reason = (
                "neither the transfer nor its recipient names a country, so no decision applies"
            )
            yield Hit(("mechanism",), {"destination": "an unnamed destination", "reason": reason})
        return
    recipient = recipient_of(ctx.document, value.get("recipient"))
    for where, country in places:
        if country in ctx.reference.eea:
            continue  # not a third country: nothing for a decision to cover
        decision = ctx.reference.adequacy.get(country)
        if decision is None:
            reason = "the Commission has adopted no adequacy decision for it"
            yield Hit(where, {"destination": country, "reason": reason})
            continue
        yield from _scope_hits(decision, recipient)


def _scope_hits(decision: Any, recipient: dict[str, Any]) -> Iterator[Hit]:
    needs = decision.requires
    who = f"recipient '{recipient.get('id')}'" if recipient else "the recipient"
    scope = recipient.get("in_adequacy_scope")
    limits = f"{decision.decision} covers {decision.limits or 'only what its scope says'}"
    if scope is False:
        reason = f"{limits}, and {who} is marked in_adequacy_scope: false"
        yield Hit(("mechanism",), {"destination": decision.name, "reason": reason})
        return
    certified = recipient.get("dpf_certified") is True or scope is True
    if needs.get("recipient_dpf_certified") and not certified:
        reason = f"{limits}, and {who} is not marked dpf_certified: true"
        yield Hit(("mechanism",), {"destination": decision.name, "reason": reason})
    if recipient.get("kind") in needs.get("recipient_kind_not", []):
        reason = f"{limits}, and {who} is a {recipient.get('kind')}"
        yield Hit(("mechanism",), {"destination": decision.name, "reason": reason})


@register("in-eea", NoOptions)
def in_eea(value: Any, options: NoOptions, ctx: Context) -> Hits:
    """The transfer goes only to EEA countries: no third country, so Chapter V does not apply.

    Meant as a rule's `when` (the rule applies where this yields nothing).  Every destination
    must be in the EEA - the transfer's country and its recipient's; an international
    organisation or an unknown destination stays a transfer to be judged.
    """
    if not isinstance(value, dict) or isinstance(value.get("international_organisation"), str):
        return
    places = destinations(value, ctx)
    if places and all(c in ctx.reference.eea for _, c in places):
        yield Hit(places[0][0], {"country": places[0][1]})


def _linked(recipient: dict[str, Any], ctx: Context) -> bool:
    """A declared transfer carries this recipient's data, linked from either side."""
    rid = recipient.get("id")
    transfers = {t.get("id"): t for t in items(ctx.document, "transfers")}
    if any(t.get("recipient") == rid for t in transfers.values()):
        return True
    own = recipient.get("transfers")
    if isinstance(own, list) and any(t in transfers for t in own):
        return True
    country = ctx.reference.country(recipient.get("country"))
    for activity in items(ctx.document, "activities"):
        names = activity.get("recipients")
        ids = activity.get("transfers")
        if not (isinstance(names, list) and rid in names and isinstance(ids, list)):
            continue
        for tid in ids:
            t = transfers.get(tid)
            if t is None or t.get("recipient") not in (None, rid):
                continue
            if ctx.reference.country(t.get("country")) in (None, country):
                return True
    return False


@register("transfer-declared", NoOptions)
def transfer_declared(value: Any, options: NoOptions, ctx: Context) -> Hits:
    """A recipient outside the EEA is carried by a declared transfer.

    The link may be given from either side: a transfer naming the recipient, the recipient's
    own `transfers`, or an activity that lists both the recipient and a transfer to its country
    (a transfer that names another recipient does not count).
    """
    if not isinstance(value, dict):
        return
    country = ctx.reference.country(value.get("country"))
    if country is None or country in ctx.reference.eea or _linked(value, ctx):
        return
    yield Hit(("country",), {"country": country})


@register("transfer-consistent", NoOptions)
def transfer_consistent(value: Any, options: NoOptions, ctx: Context) -> Hits:
    """A transfer and its recipient do not contradict each other on where the data goes.

    Params: `country` (the transfer's), `recipient`, `recipient_country`.
    """
    if not isinstance(value, dict):
        return
    recipient = recipient_of(ctx.document, value.get("recipient"))
    theirs = ctx.reference.country(recipient.get("country"))
    own = ctx.reference.country(value.get("country"))
    if theirs is None:
        return
    params = {"recipient": recipient.get("id"), "recipient_country": theirs}
    if own is not None and own != theirs:
        yield Hit(("country",), {**params, "country": own, "reason": f"says {own}"})
    org = value.get("international_organisation")
    if isinstance(org, str) and theirs not in ctx.reference.eea and own is None:
        reason = f"names the international organisation '{org}'"
        yield Hit(("international_organisation",), {**params, "country": org, "reason": reason})


@register("scc-current", NoOptions)
def scc_current(value: Any, options: NoOptions, ctx: Context) -> Hits:
    """Standard contractual clauses cite the current decision, not a repealed set.

    A reference that cites the current decision (2021/914) relies on it, even where it also
    names, as history, the sets it replaced.  Params: `repealed` (the decision cited), `current`.
    """
    if not isinstance(value, dict) or value.get("mechanism") != "standard-contractual-clauses":
        return
    reference = value.get("reference")
    if not isinstance(reference, str) or _cites_current(reference, ctx):
        return
    for old in ctx.reference.scc_repealed:
        if old in reference:
            yield Hit(("reference",), {"repealed": old, "current": ctx.reference.scc_current})
            return


def _cites_current(reference: str, ctx: Context) -> bool:
    number = ctx.reference.scc_current.rsplit(" ", 1)[-1]  # "2021/914"
    return bool(number) and number in reference


@register("country-canonical", NoOptions)
def country_canonical(value: Any, options: NoOptions, ctx: Context) -> Hits:
    """A country code is written as ISO 3166-1 writes it (params `canonical`, `reason`).

    'uk', 'UK' and 'EL' are understood everywhere (as GB and GR); this only says how to write
    them so that other tools read them too.  (Unknown capitals are the schema's to report.)
    """
    canonical = ctx.reference.country(value)
    if canonical is not None and canonical != value:
        if ctx.reference.country_names and canonical not in ctx.reference.country_names:
            reason = "is not an ISO 3166-1 alpha-2 code"
        elif value.upper() != canonical:
            reason = f"is the EU's own code for {canonical}; write {canonical}"
        else:
            reason = f"is {canonical} in lowercase; write {canonical}"
        yield Hit(params={"canonical": canonical, "reason": reason})


@register("transfer-tool", NoOptions)
def transfer_tool(value: Any, options: NoOptions, ctx: Context) -> Hits:
    """The Art. 46 safeguard named is one: no management-system certificate or Art. 28
    agreement passed off as certification or a code of conduct, and ad-hoc clauses with the
    authority's authorisation (46(3)(a)).  Params: `reason`."""
    if not isinstance(value, dict):
        return
    mechanism = value.get("mechanism")
    # no mechanism at all is PL110's finding; SCCs or BCRs kept in a processing agreement are
    # still SCCs or BCRs, so only the two tools a certificate is passed off as are read here
    if mechanism in ("certification", "code-of-conduct"):
        for key in ("reference", "stated"):
            found = ctx.reference.mentions(value.get(key), "not-transfer-tools")
            if found:
                reason = (
                    f"rests on '{found}', which is no transfer tool (a security certificate or "
                    "an Art. 28 agreement is no Art. 46(2) safeguard)"
                )
                yield Hit((key,), {"reason": reason})
                return
    if mechanism == "ad-hoc-contractual-clauses" and value.get("authorisation") in (None, ""):
        reason = (
            "uses ad-hoc contractual clauses but names no authorisation by the competent "
            "supervisory authority (Art. 46(3)(a))"
        )
        yield Hit(("mechanism",), {"reason": reason})

"""ePrivacy art. 5(3) / Telecommunicatiewet art. 11.7a: consent before non-essential cookies.

Cookies are judged one by one.  A cookie needs no consent when it is strictly necessary for the
service asked for (art. 5(3); Tw 11.7a(3)(b), first limb), or when it is analytics with no or
minor impact on privacy configured as the Autoriteit Persoonsgegevens requires (Tw 11.7a(3)(b),
second limb: `privacy_friendly: true`).  Marketing cookies, other analytics and third-party
cookies need consent.  An activity that reads cookie identifiers is judged by the cookies it
uses.  Where the law says each exemption: privlint/data/cookie_exemptions.yaml.
"""

from __future__ import annotations

from typing import Any

from privlint.functions import Context, Hit, Hits
from privlint.functions.basic import NoOptions
from privlint.functions.registry import register
from privlint.functions.transfers import items

CONSENT = "gdpr-6-1-a"


def consent_defect(node: dict[str, Any], ctx: Context) -> tuple[tuple[str, ...], str] | None:
    """Where and why a claimed consent is none: inferred from use, pre-ticked or opt-out.

    Consent is an active, specific choice made before the cookie is set (Art. 4(11), 7; CJEU
    C-673/17 Planet49): "by using this site you consent" is no consent.
    """
    method = node.get("consent_method")
    if method in ("implied", "pre-ticked", "opt-out"):
        return ("consent_method",), f"rests on {method} consent, which is no consent (Planet49)"
    for key in ("stated", "legal_basis_stated"):
        found = ctx.reference.mentions(node.get(key), "implied-consent")
        if found:
            return (key,), f"infers consent from use ('{found}'), which is no consent (Planet49)"
    return None


def _consented(node: dict[str, Any], ctx: Context) -> bool:
    # consent_required: false says consent is not asked before the cookie is set: none, even
    # where the basis claims consent
    asked = node.get("consent_required")
    claimed = asked is True or (node.get("legal_basis") == CONSENT and asked is not False)
    return claimed and consent_defect(node, ctx) is None


def consent_need(cookie: dict[str, Any], ctx: Context) -> str | None:
    """Why a cookie needs consent, or None when the law exempts it (or cannot tell)."""
    category = cookie.get("category")
    third_party = cookie.get("first_party") is False
    if category == "strictly-necessary":
        return None
    if category == "marketing":
        return "is a marketing cookie set without consent"
    if category == "analytics":
        if cookie.get("privacy_friendly") is True:
            return None
        analytics = ctx.reference.cookie_exemptions.get("analytics", "the analytics exemption")
        return (
            "is an analytics cookie set without consent and not marked privacy_friendly, as "
            f"the exemption of {analytics}, requires"
        )
    if third_party:
        return "is a third-party cookie (first_party: false) set without consent"
    return None


def _cookies_used(activity: dict[str, Any], ctx: Context) -> list[dict[str, Any]]:
    """The cookies an activity names; without names, every declared cookie."""
    declared = items(ctx.document, "cookies")
    names = activity.get("cookies")
    if isinstance(names, list):
        return [c for c in declared if c.get("name") in names]
    return declared


def _activity_hits(value: dict[str, Any], ctx: Context) -> Hits:
    cats = value.get("data_categories")
    basis = value.get("legal_basis")
    cookie = (
        [c for c in cats if "cookie" in ctx.reference.tags(c)] if isinstance(cats, list) else []
    )
    if not cookie or not isinstance(basis, str):
        return
    if basis == CONSENT:
        defect = consent_defect(value, ctx)
        if defect is not None:
            subject = f"activity '{value.get('id')}'"
            yield Hit(
                defect[0],
                {"subject": subject, "reason": f"reads cookie identifiers but {defect[1]}"},
            )
        return
    used = _cookies_used(value, ctx)
    needing = [str(c.get("name")) for c in used if consent_need(c, ctx) is not None]
    if used and not needing:
        return  # every cookie it relies on is exempt: nothing to consent to
    through = f", through cookies that need it ({', '.join(needing)})" if needing else ""
    yield Hit(
        ("legal_basis",),
        {
            "subject": f"activity '{value.get('id')}'",
            "reason": f"reads or stores cookie identifiers ({', '.join(cookie)}) on "
            f"legal basis '{basis}' instead of consent{through}",
        },
    )


@register("cookie-consent", NoOptions)
def cookie_consent(value: Any, options: NoOptions, ctx: Context) -> Hits:
    """A cookie, or an activity using cookie identifiers, rests on consent where the law asks.

    For a `cookies` entry: marketing cookies, analytics cookies not `privacy_friendly: true`
    and third-party cookies (`first_party: false`) need consent; strictly-necessary cookies
    never.  For an activity: a data category tagged `cookie` on a basis other than consent,
    unless every cookie it uses (its `cookies`, else all declared ones) is exempt.
    Params: `subject`, `reason`.
    """
    if not isinstance(value, dict):
        return
    if "data_categories" in value or "role" in value or "id" in value:  # an activity
        yield from _activity_hits(value, ctx)
        return
    need = consent_need(value, ctx)
    if need is None or _consented(value, ctx):
        return
    defect = consent_defect(value, ctx)
    if defect is not None:
        subject = f"cookie '{value.get('name')}'"
        yield Hit(
            defect[0], {"subject": subject, "reason": f"{need.split(' set ')[0]} that {defect[1]}"}
        )
        return
    where = ("legal_basis",) if "legal_basis" in value else ("category",)
    if "category" not in value and "legal_basis" not in value:
        where = ("first_party",)
    yield Hit(where, {"subject": f"cookie '{value.get('name')}'", "reason": need})


@register("consent-valid", NoOptions)
def consent_valid(value: Any, options: NoOptions, ctx: Context) -> Hits:
    """An activity on consent obtains it by an active choice (param `reason`).

    Activities that read cookie identifiers are left to `cookie-consent` (one finding each).
    """
    cats = value.get("data_categories") if isinstance(value, dict) else None
    if isinstance(cats, list) and any("cookie" in ctx.reference.tags(c) for c in cats):
        return
    if isinstance(value, dict) and value.get("legal_basis") == CONSENT:
        defect = consent_defect(value, ctx)
        if defect is not None:
            yield Hit(defect[0], {"reason": defect[1]})

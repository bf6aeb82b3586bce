"""ePrivacy art. 5(3) / Telecommunicatiewet art. 11.7a: consent before non-essential cookies."""

from __future__ import annotations

from typing import Any

from privlint.functions import Context, Hit, Hits
from privlint.functions.basic import NoOptions
from privlint.functions.registry import register

CONSENT = "gdpr-6-1-a"


def _consented(node: dict[str, Any]) -> bool:
    return node.get("consent_required") is True or node.get("legal_basis") == CONSENT


@register("cookie-consent", NoOptions)
def cookie_consent(value: Any, options: NoOptions, ctx: Context) -> Hits:
    """A cookie, or an activity using cookie identifiers, rests on consent where the law asks.

    For a `cookies` entry: marketing cookies always need consent; analytics cookies unless
    `privacy_friendly: true` (the exemption for analytics with little or no privacy impact);
    strictly-necessary and functional cookies never.  For an activity: a data category tagged
    `cookie` with a legal basis other than consent.  Params: `subject`, `reason`.
    """
    if not isinstance(value, dict):
        return
    where = ("legal_basis",) if "legal_basis" in value else ()
    if "data_categories" in value or "role" in value:  # an activity
        cats = value.get("data_categories")
        basis = value.get("legal_basis")
        cookie = (
            [c for c in cats if "cookie" in ctx.reference.tags(c)] if isinstance(cats, list) else []
        )
        if cookie and isinstance(basis, str) and basis != CONSENT:
            yield Hit(
                where,
                {
                    "subject": f"activity '{value.get('id')}'",
                    "reason": f"reads or stores cookie identifiers ({', '.join(cookie)}) on "
                    f"legal basis '{basis}' instead of consent",
                },
            )
        return
    category = value.get("category")
    if _consented(value) or category not in ("marketing", "analytics"):
        return
    if category == "analytics" and value.get("privacy_friendly") is True:
        return
    reason = (
        "is a marketing cookie set without consent"
        if category == "marketing"
        else "is an analytics cookie set without consent and not marked privacy_friendly"
    )
    yield Hit(
        where or ("category",), {"subject": f"cookie '{value.get('name')}'", "reason": reason}
    )

"""Which rights a statement offers: those the declared processing gives, and no others.

Art. 15-21 come from the rule engine's own reading (privlint.functions.rights, the function
behind `rights-incomplete`), so the page offers exactly what the gate asks for.  Three rights
that function does not cover are added here: withdrawing consent (Art. 7(3)) where a basis is
consent, the complaint to the authority (Art. 13(2)(d), 77) always, and the Art. 22 rights
where an activity declares automated decisions.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from privlint.functions import Context
from privlint.functions.reference import reference_data
from privlint.functions.rights import ALWAYS
from privlint.functions.rights import rights_given as rights_the_bases_give

RIGHT_ORDER = (
    "access", "rectification", "erasure", "restriction", "objection", "portability",
    "withdraw-consent", "automated-decision", "complaint",
)  # fmt: skip
CONSENT = frozenset({"gdpr-6-1-a", "gdpr-9-2-a"})  # Art. 7(3): consent can be withdrawn


def rights_given(data: dict[str, Any], bases: set[str], automated: bool) -> list[str]:
    """The rights, in the usual order; `bases` are the controller activities' and cookies'."""
    ctx = Context(document=data, today=date.today(), reference=reference_data())
    given = set(rights_the_bases_give(data, ctx, list(ALWAYS)))
    given.add("complaint")
    if bases & CONSENT:
        given.add("withdraw-consent")
    if automated:
        given.add("automated-decision")
    return [r for r in RIGHT_ORDER if r in given]

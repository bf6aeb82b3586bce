"""Checks on who the controller is and what it relies on, where a rule file cannot say it:
Art. 6, 7(4), 22, 26-27, 49 and the processor role."""

from __future__ import annotations

from typing import Any

from privlint.functions import Context, Hit, Hits
from privlint.functions.basic import NoOptions
from privlint.functions.registry import Field, Options, register
from privlint.functions.transfers import items, recipient_of

EMPLOYMENT = frozenset({"employees", "job-applicants"})
CONTACT = ("email", "phone", "address", "url")


def controller(document: Any) -> dict[str, Any]:
    found = document.get("controller") if isinstance(document, dict) else None
    return found if isinstance(found, dict) else {}


def _filled(value: Any) -> bool:
    return value not in (None, "", [], {})


@register("eu-representative", NoOptions)
def eu_representative(value: Any, options: NoOptions, ctx: Context) -> Hits:
    """A controller established outside the EEA that targets people in the EU (`targets_eu:
    true`, or EEA states in `target_countries` without `targets_eu: false`) names its
    representative in the Union (Art. 27), with its contact details (Art. 13(1)(a)).  Checked
    at the root; params `country`, `reason`."""
    ctl = controller(value)
    address = ctl.get("address")
    country = ctx.reference.country(address.get("country")) if isinstance(address, dict) else None
    targets = ctl.get("target_countries")
    # naming EEA states in target_countries is targeting them, unless targets_eu says false
    names_eea = isinstance(targets, list) and any(ctx.reference.in_eea(c) for c in targets)
    flag = ctl.get("targets_eu")
    if not (flag is True or (flag is None and names_eea)):
        return
    if country is None or country in ctx.reference.eea:
        return
    rep = value.get("eu_representative") if isinstance(value, dict) else None
    if not _filled(rep):
        reason = "names no EU representative (Art. 27)"
        at = "targets_eu" if flag is True else "target_countries"
        yield Hit(("controller", at), {"country": country, "reason": reason})
    elif isinstance(rep, dict) and not any(_filled(rep.get(k)) for k in CONTACT):
        reason = "gives no contact details of its EU representative (Art. 13(1)(a))"
        yield Hit(("eu_representative",), {"country": country, "reason": reason}, on_key=True)


@register("automated-decision-lawful", NoOptions)
def automated_decision_lawful(value: Any, options: NoOptions, ctx: Context) -> Hits:
    """A solely automated decision rests on an Art. 22(2) exception, has the 22(3) safeguards
    and uses special categories only under 22(4).  Checked on an activity; param `reason`."""
    if not isinstance(value, dict):
        return
    adm = value.get("automated_decision_making")
    if not isinstance(adm, dict) or adm.get("used") is not True:
        return
    where = ("automated_decision_making",)
    exception = adm.get("exception")
    if exception is None:
        reason = "names no Art. 22(2) exception (contract, law or explicit consent)"
        yield Hit((*where, "used"), {"reason": reason})
    elif exception == "law" and not _filled(adm.get("law")):
        reason = "rests on a law (Art. 22(2)(b)) without naming it"
        yield Hit((*where, "exception"), {"reason": reason})
    if exception in ("contract", "explicit-consent", "law") and not _filled(adm.get("safeguards")):
        reason = (
            "states no safeguards: at least human intervention, expressing one's view and "
            "contesting the decision (Art. 22(3))"
        )
        yield Hit((*where, "exception"), {"reason": reason})
    cats = value.get("data_categories")
    special = (
        [c for c in cats if "special" in ctx.reference.tags(c)] if isinstance(cats, list) else []
    )
    condition = value.get("special_category_condition")
    if special and condition not in ("gdpr-9-2-a", "gdpr-9-2-g"):
        reason = (
            f"uses special categories ({', '.join(special)}), allowed only on explicit consent "
            "(9(2)(a)) or substantial public interest (9(2)(g)) with safeguards (Art. 22(4))"
        )
        yield Hit(("data_categories",), {"reason": reason})


class DerogationOptions(Options):
    occasional_only: list[str] = Field(
        default_factory=lambda: ["gdpr-49-1-b", "gdpr-49-1-c", "gdpr-49-1-e", "gdpr-49-1-2"],
        description="derogations that carry occasional transfers only (recital 111)",
    )
    not_public_powers: list[str] = Field(
        default_factory=lambda: ["gdpr-49-1-a", "gdpr-49-1-b", "gdpr-49-1-c", "gdpr-49-1-2"],
        description="derogations public authorities cannot use for their public powers (49(3))",
    )


def _sounds_systematic(transfer: dict[str, Any], ctx: Context) -> bool:
    """The transfer's or its recipient's own words say hosting, all customer data, routine."""
    recipient = recipient_of(ctx.document, transfer.get("recipient"))
    texts = [transfer.get("stated"), transfer.get("reference"), recipient.get("description")]
    return any(ctx.reference.mentions(t, "systematic-transfer") for t in texts)


@register("derogation-fits", DerogationOptions)
def derogation_fits(value: Any, options: DerogationOptions, ctx: Context) -> Hits:
    """An Art. 49 derogation carries occasional transfers only, and is not used by a public
    authority for an activity on its public task (49(3)).  Checked on a transfer; `reason`.

    Systematic: `occasional: false`, or - unless `occasional: true` - words such as hosting or
    all customer data in the transfer's `stated` or `reference` or its recipient's description.
    """
    if not isinstance(value, dict) or value.get("mechanism") != "derogation":
        return
    derogation = value.get("derogation")
    systematic = value.get("occasional") is False or (
        value.get("occasional") is not True and _sounds_systematic(value, ctx)
    )
    if derogation in options.occasional_only and systematic:
        reason = (
            f"uses derogation {derogation} for systematic, routine transfers; derogations are "
            "for occasional transfers (recital 111; EDPB Guidelines 2/2018): use an Art. 46 tool"
        )
        yield Hit(("occasional",) if "occasional" in value else ("derogation",), {"reason": reason})
    if (
        derogation in options.not_public_powers
        and controller(ctx.document).get("public_authority") is True
    ):
        tid = value.get("id")
        public = [
            str(a.get("id"))
            for a in items(ctx.document, "activities")
            if a.get("legal_basis") == "gdpr-6-1-e"
            and isinstance(a.get("transfers"), list)
            and tid in a["transfers"]
        ]
        if public:
            reason = (
                f"uses derogation {derogation} for the public task of {', '.join(public)}; "
                "public authorities cannot rely on it in the exercise of their public powers "
                "(Art. 49(3))"
            )
            yield Hit(("derogation",), {"reason": reason})


@register("consent-imbalance", NoOptions)
def consent_imbalance(value: Any, options: NoOptions, ctx: Context) -> Hits:
    """Consent asked of employees or by a public authority (params `who`, `reason`)."""
    if not isinstance(value, dict):
        return
    consent = value.get("legal_basis") == "gdpr-6-1-a"
    explicit = value.get("special_category_condition") == "gdpr-9-2-a"
    if not (consent or explicit):
        return
    where = ("legal_basis",) if consent else ("special_category_condition",)
    subjects = value.get("data_subjects")
    staff = sorted(EMPLOYMENT & set(subjects)) if isinstance(subjects, list) else []
    if staff:
        cats = value.get("data_categories")
        biometric = isinstance(cats, list) and "special.biometric" in cats
        extra = (
            "; for employees' biometrics UAVG art. 29 allows processing only where necessary "
            "for authentication or security"
            if biometric
            else ""
        )
        who = ", ".join(staff)
        reason = (
            f"asks consent of {who}, who can rarely refuse freely (Art. 7(4), recital 43){extra}"
        )
        yield Hit(where, {"reason": reason})
    elif controller(ctx.document).get("public_authority") is True:
        reason = "asks consent as a public authority, where consent is rarely free (recital 43)"
        yield Hit(where, {"reason": reason})


@register("public-authority-basis", NoOptions)
def public_authority_basis(value: Any, options: NoOptions, ctx: Context) -> Hits:
    """An activity on legitimate interests of a controller that is a public authority
    (Art. 6(1) second subparagraph)."""
    if not isinstance(value, dict) or value.get("legal_basis") != "gdpr-6-1-f":
        return
    if controller(ctx.document).get("public_authority") is True:
        yield Hit(("legal_basis",))


@register("obligation-in-eu-law", NoOptions)
def obligation_in_eu_law(value: Any, options: NoOptions, ctx: Context) -> Hits:
    """A legal obligation under Art. 6(1)(c) is one of Union or Member State law (Art. 6(3)).

    Checked on `legal_obligation`; params `law`, `reason`.  A jurisdiction outside the EEA,
    or a well-known foreign law by name (privlint/data/phrases.yaml), is a finding.
    """
    if not isinstance(value, dict):
        return
    jurisdiction = value.get("jurisdiction")
    code = jurisdiction.upper() if isinstance(jurisdiction, str) else "EU"
    if code != "EU" and not ctx.reference.in_eea(code):
        reason = f"is the law of {code}, not of the Union or a member state"
        yield Hit(("jurisdiction",), {"reason": reason})
        return
    found = ctx.reference.mentions(value.get("law"), "foreign-laws")
    if found:
        reason = f"names '{found}', a third country's law"
        yield Hit(("law",), {"reason": reason})


class LackingOptions(Options):
    field: str = Field(min_length=1, description="key each selected activity should give")
    bases: list[str] = Field(min_length=1, description="legal bases of the activities checked")


@register("lacking-in-activities", LackingOptions)
def activities_lacking(value: Any, options: LackingOptions, ctx: Context) -> Hits:
    """Controller activities on one of `bases` that do not give `field`: one hit for all
    (params `ids`, `count`).  Checked at the root, so a statement-wide gap is one finding."""
    lacking = [
        str(a.get("id"))
        for a in items(value, "activities")
        if a.get("role") != "processor"
        and a.get("legal_basis") in options.bases
        and not _filled(a.get(options.field))
    ]
    if lacking:
        yield Hit(
            ("activities",) if isinstance(value, dict) and "activities" in value else (),
            {
                "ids": ", ".join(lacking),
                "count": len(lacking),
            },
            on_key=True,
        )


@register("processor-plausible", NoOptions)
def processor_plausible(value: Any, options: NoOptions, ctx: Context) -> Hits:
    """An activity marked `processor` describes a service run on the client's instructions:
    not the organisation's own purposes, not its own retention period.  Param `reason`."""
    if not isinstance(value, dict) or value.get("role") != "processor":
        return
    retention = value.get("retention")
    # 'until: end-of-contract' alone is Art. 28(3)(g) (delete at the end of the service)
    if isinstance(retention, dict) and retention.get("set_by_controller") is not True:
        own = [k for k in ("period", "after", "criteria") if _filled(retention.get(k))]
        if own:
            reason = (
                f"sets its own retention ({own[0]}), which is the controller's decision "
                "(Art. 28(3)(g): the processor deletes or returns data as the controller chooses)"
            )
            yield Hit(("retention", own[0]), {"reason": reason})
            return
    purposes = value.get("purposes")
    for i, purpose in enumerate(purposes if isinstance(purposes, list) else []):
        found = ctx.reference.mentions(purpose, "own-purposes")
        if found:
            reason = (
                f"serves the organisation's own purpose ('{found}'): whoever decides the "
                "purposes is a controller (Art. 4(7), 28(10))"
            )
            yield Hit(("purposes", i), {"reason": reason})
            return

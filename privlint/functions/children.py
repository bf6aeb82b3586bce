"""Children's consent (GDPR Art. 8; UAVG art. 5): which age applies, and whether parental
consent below it is obtained and verified."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from privlint.functions import Context, Hit, Hits
from privlint.functions.basic import NoOptions
from privlint.functions.law import controller
from privlint.functions.registry import register


@dataclass(frozen=True, slots=True)
class ApplicableAge:
    """The age below which parental consent is needed, and the law(s) that set it."""

    age: int
    where: str  # e.g. "BE: Wet van 30 juli 2018 ..., art. 7; GDPR Art. 8", for the message


def _states(document: Any, ctx: Context) -> list[str]:
    """The EEA states whose age counts: where the controller is established and the states
    it targets (`controller.target_countries`), in the order written, without repeats."""
    ctl = controller(document)
    address = ctl.get("address")
    written: list[Any] = [address.get("country")] if isinstance(address, dict) else []
    targets = ctl.get("target_countries")
    if isinstance(targets, list):
        written.extend(targets)
    states: list[str] = []
    for code in written:
        canonical = ctx.reference.country(code)
        if canonical and canonical in ctx.reference.eea and canonical not in states:
            states.append(canonical)
    return states


def applicable_age(document: Any, ctx: Context) -> ApplicableAge:
    """The highest age of digital consent among the states that count; 16 (Art. 8(1)) when
    none is known or a state's age is not confirmed (privlint/data/digital_consent_ages.yaml).

    The highest, because a controller offering a service in several states must meet each
    state's law (EDPB Guidelines 05/2020 para 131): one threshold for all must be the strictest.
    """
    default = ctx.reference.default_consent_age
    assert default.age is not None  # the shipped default is 16
    found: list[tuple[int, str]] = []
    for code in _states(document, ctx):
        known = ctx.reference.consent_age(code)
        if known is None or known.age is None:
            found.append((default.age, f"{code}: age unconfirmed, {default.provision} applies"))
        else:
            found.append((known.age, f"{code}: {known.provision}"))
    if not found:
        return ApplicableAge(default.age, default.provision)
    age = max(a for a, _ in found)
    return ApplicableAge(age, "; ".join([*(w for a, w in found if a == age), "GDPR Art. 8"]))


def _age(value: Any) -> int | None:
    """An age in years; anything else (text, a bool, a negative number) is no age."""
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 130:
        return value
    return None


@register("child-consent", NoOptions)
def child_consent(value: Any, options: NoOptions, ctx: Context) -> Hits:
    """An activity on consent with minors among its data subjects: below the age that applies
    (`applicable_age`), parental consent is obtained (`parental_consent.obtained: true`) and
    its verification described, and asked for every child below that age
    (`parental_consent.below_age`).  An activity whose youngest admitted person
    (`minimum_age`) is at least that age needs no parental consent.  Params `age`, `where`,
    `reason`.
    """
    if not isinstance(value, dict):
        return
    rule = applicable_age(ctx.document, ctx)
    params = {"age": rule.age, "where": rule.where}
    youngest = _age(value.get("minimum_age"))
    if youngest is not None and youngest >= rule.age:
        return  # every person admitted can consent alone (Art. 8(1))
    parental = value.get("parental_consent")
    parental = parental if isinstance(parental, dict) else {}
    below = _age(parental.get("below_age"))
    if below is not None and below < rule.age:
        reason = f"but asks parental consent only below {below}, where it is needed below "
        reason += str(rule.age)
        yield Hit(("parental_consent", "below_age"), {**params, "reason": reason})
    if parental.get("verification") in (None, "", [], {}):
        admits = f"admits people from {youngest} (minimum_age) and " if youngest is not None else ""
        reason = (
            f"but {admits}does not say how parental consent for children under {rule.age} is "
            "obtained and verified"
        )
        where = ("minimum_age",) if youngest is not None else ("legal_basis",)
        yield Hit(where, {**params, "reason": reason})
    elif "obtained" in parental and parental["obtained"] is not True:
        reason = (
            f"but parental consent for children under {rule.age} is not obtained "
            "(parental_consent.obtained is false)"
        )
        yield Hit(("parental_consent", "obtained"), {**params, "reason": reason})

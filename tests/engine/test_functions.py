"""The check functions, called directly: value + options + context in, hits out."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from privlint.functions import MISSING, Context, Hit
from privlint.functions.dates import add_months, duration_days, months_between
from privlint.functions.reference import reference_data
from privlint.functions.registry import get_function

TODAY = date(2026, 11, 23)


def run(name: str, value: Any, document: Any = None, **options: Any) -> list[Hit]:
    spec = get_function(name)
    assert spec is not None
    ctx = Context(document if document is not None else {}, TODAY, reference_data())
    return list(spec.impl(value, spec.options.model_validate(options), ctx))


@pytest.mark.parametrize(
    ("text", "days"),
    [("P90D", 90), ("P3M", 90), ("P1Y", 365), ("P2W", 14), ("P1Y6M", 545), ("PT36H", 1.5)],
)
def test_duration_days(text: str, days: float) -> None:
    assert duration_days(text) == days


@pytest.mark.parametrize("text", ["P", "PT", "90 days", "P1.5Y", "", "P2W3D"])
def test_not_a_duration(text: str) -> None:
    assert duration_days(text) is None


def test_months_between_counts_whole_months() -> None:
    assert months_between(date(2024, 11, 23), TODAY) == 24
    assert months_between(date(2024, 11, 24), TODAY) == 23
    assert months_between(date(2024, 10, 23), TODAY) == 25


def test_max_age_boundary() -> None:
    assert run("max-age", "2024-11-23", months=24) == []
    [hit] = run("max-age", "2024-11-22", months=24)
    assert hit.params == {"age": 24, "months": 24, "today": "2026-11-23"}
    assert run("max-age", "2026-08-31", months=3) == []  # + 3 months = 30 November


def test_add_months_clamps_to_the_month_end() -> None:
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2024, 2, 29), 12) == date(2025, 2, 28)
    assert add_months(date(2025, 11, 30), 2) == date(2026, 1, 30)


def test_max_age_ignores_what_the_schema_reports() -> None:
    assert run("max-age", "14 mei 2020", months=24) == []
    assert run("max-age", MISSING, months=24) == []
    assert run("max-age", 20200514, months=24) == []


def test_max_duration() -> None:
    assert run("max-duration", "P90D", max="P90D") == []
    assert run("max-duration", "P3M", max="P90D") == []
    assert [h.params for h in run("max-duration", "P6M", max="P90D")] == [{"max": "P90D"}]
    assert run("max-duration", "forever", max="P90D") == []


def test_required_keys_one_hit_per_missing_key() -> None:
    hits = run(
        "required-keys",
        {"access": {"how": "mail"}, "erasure": {}},
        keys=["access", "erasure", "objection"],
    )
    assert [h.params["key"] for h in hits] == ["erasure", "objection"]
    assert [h.params["key"] for h in run("required-keys", MISSING, keys=["a", "b"])] == ["a", "b"]


def test_in_list_suggests_the_closest_id() -> None:
    [hit] = run("in-list", "gdpr-6-1-g", list="lawful-bases")
    assert hit.params["suggestion"] == "; did you mean 'gdpr-6-1-f'?"
    assert run("in-list", "gdpr-6-1-c", list="lawful-bases") == []


def test_in_list_rejects_an_unknown_list_when_the_rule_loads() -> None:
    spec = get_function("in-list")
    assert spec is not None
    with pytest.raises(ValueError, match="unknown list 'lawful-basis'"):
        spec.options.model_validate({"list": "lawful-basis"})


def test_unique() -> None:
    hits = run("unique", [{"id": "a"}, {"id": "b"}, {"id": "a"}, {"name": "x"}, "junk"])
    assert [(h.pointer, h.params["first"]) for h in hits] == [((2, "id"), 1)]


def test_category_requires_names_each_tagged_category() -> None:
    activity = {"data_categories": ["contact.name", "special.health", "user.biometric"]}
    hits = run("category-requires", activity, tag="special", field="special_category_condition")
    assert [(h.pointer, h.params["category"]) for h in hits] == [
        (("data_categories", 1), "special.health"),
        (("data_categories", 2), "user.biometric"),
    ]
    activity["special_category_condition"] = "gdpr-9-2-a"
    assert (
        run("category-requires", activity, tag="special", field="special_category_condition") == []
    )


def test_unknown_taxonomy_tag_is_an_option_error() -> None:
    spec = get_function("has-tag")
    assert spec is not None
    with pytest.raises(ValueError, match="unknown taxonomy tag 'specal'"):
        spec.options.model_validate({"tag": "specal"})


def _transfer(doc_recipient: dict[str, Any] | None, **transfer: Any) -> list[Hit]:
    document = {"recipients": [doc_recipient]} if doc_recipient else {}
    return run("adequacy", {"mechanism": "adequacy-decision", **transfer}, document)


def test_adequacy_us_needs_dpf_certification() -> None:
    assert _transfer({"id": "r", "country": "US", "dpf_certified": True}, recipient="r") == []
    [hit] = _transfer({"id": "r", "country": "US"}, recipient="r")
    assert "not marked dpf_certified: true" in hit.params["reason"]


def test_adequacy_canada_not_for_public_authorities() -> None:
    assert _transfer({"id": "r", "country": "CA", "kind": "processor"}, recipient="r") == []
    [hit] = _transfer({"id": "r", "country": "CA", "kind": "public-authority"}, recipient="r")
    assert "PIPEDA" in hit.params["reason"]


@pytest.mark.parametrize("country", ["BR", "GB", "JP", "KR", "CH", "IL", "UY", "NZ", "AR", "AD"])
def test_adequacy_countries(country: str) -> None:
    assert _transfer(None, country=country) == []


@pytest.mark.parametrize("country", ["IN", "CN", "RU", "AU", "SG", "ZA"])
def test_no_adequacy(country: str) -> None:
    [hit] = _transfer(None, country=country)
    assert hit.params == {
        "destination": country,
        "reason": "the Commission has adopted no adequacy decision for it",
    }


@pytest.mark.parametrize(
    "name", ["European Patent Organisation", "european patent organization", "EPO"]
)
def test_adequacy_european_patent_organisation(name: str) -> None:
    assert _transfer(None, international_organisation=name) == []


def test_transfer_declared() -> None:
    doc = {"transfers": [{"id": "t", "recipient": "a"}]}
    assert run("transfer-declared", {"id": "a", "country": "US"}, doc) == []
    assert run("transfer-declared", {"id": "b", "country": "NL"}, doc) == []
    assert run("transfer-declared", {"id": "b", "country": "NO"}, doc) == []  # EEA, not EU
    assert run("transfer-declared", {"id": "b"}, doc) == []  # country unknown: cannot judge
    [hit] = run("transfer-declared", {"id": "b", "country": "CH"}, doc)
    assert hit.pointer == ("country",)


def test_in_eea_looks_at_the_transfer_then_its_recipient() -> None:
    doc = {"recipients": [{"id": "se", "country": "SE"}, {"id": "us", "country": "US"}]}
    [hit] = run("in-eea", {"id": "t", "country": "NO"}, doc)
    assert hit.pointer == ("country",)
    assert run("in-eea", {"id": "t", "recipient": "se"}, doc) != []
    assert run("in-eea", {"id": "t", "recipient": "us"}, doc) == []
    assert run("in-eea", {"id": "t", "country": "CH", "recipient": "se"}, doc) == []
    assert run("in-eea", {"id": "t"}, doc) == []  # destination unknown: still a transfer
    assert run("in-eea", {"id": "t", "international_organisation": "EPO"}, doc) == []


def test_references_report_each_dangling_id() -> None:
    doc = {"services": [{"id": "s"}], "activities": [{"service": "s"}, {"service": "x"}]}
    refs = [{"from": "$.activities[*].service", "to": "$.services[*].id", "what": "service"}]
    [hit] = run("references", doc, doc, refs=refs)
    assert hit.pointer == ("activities", 1, "service")
    assert hit.params == {"what": "service", "known": "s"}


@pytest.mark.parametrize(
    ("cookie", "hit"),
    [
        ({"name": "c", "category": "strictly-necessary"}, False),
        ({"name": "c", "category": "functional"}, False),
        ({"name": "c", "category": "analytics", "privacy_friendly": True}, False),
        ({"name": "c", "category": "analytics"}, True),
        ({"name": "c", "category": "analytics", "legal_basis": "gdpr-6-1-f"}, True),
        ({"name": "c", "category": "analytics", "consent_required": True}, False),
        ({"name": "c", "category": "marketing", "privacy_friendly": True}, True),
        ({"name": "c", "category": "marketing", "legal_basis": "gdpr-6-1-a"}, False),
        ({"name": "c"}, False),
    ],
)
def test_cookie_consent(cookie: dict[str, Any], hit: bool) -> None:
    assert bool(run("cookie-consent", cookie)) is hit


def test_retention_determinate() -> None:
    assert run("retention-determinate", {"period": "P1Y"}) == []
    assert run("retention-determinate", {"until": "end-of-contract"}) == []
    assert run("retention-determinate", {"until": "other", "after": "P1M"}) == []
    assert [h.pointer for h in run("retention-determinate", {"until": "other"})] == [("until",)]
    vacuous = {"criteria": "Zo lang als nodig"}
    assert [h.pointer for h in run("retention-determinate", vacuous)] == [("criteria",)]
    # criteria are lawful where a period is not possible; only empty words warn
    assert run("retention-determinate", {"criteria": "x"}) == []
    named = {"criteria": "As long as needed for claims, until the limitation period ends"}
    assert run("retention-determinate", named) == []
    assert run("retention-determinate", {"until": "other", "event": "the audit ends"}) == []


def test_scc_current() -> None:
    sccs = {"mechanism": "standard-contractual-clauses"}
    assert run("scc-current", {**sccs, "reference": "Besluit (EU) 2021/914, module 2"}) == []
    assert run("scc-current", sccs) == []
    [hit] = run("scc-current", {**sccs, "reference": "Besluit 2004/915/EC"})
    assert hit.params == {
        "repealed": "2004/915/EC",
        "current": "Implementing Decision (EU) 2021/914",
    }


def test_adequacy_needs_a_destination() -> None:
    [hit] = _transfer({"id": "r"}, recipient="r")
    assert hit.pointer == ("mechanism",)
    assert hit.params["destination"] == "an unnamed destination"


def test_rights_follow_the_bases() -> None:
    doc: dict[str, Any] = {"activities": [{"id": "a", "legal_basis": "gdpr-6-1-c"}], "rights": {}}
    [hit] = run("rights-for-bases", doc)
    assert hit.params["missing"] == "'access', 'rectification', 'erasure', 'restriction'"
    doc["activities"].append({"id": "b", "legal_basis": "gdpr-6-1-f"})
    [hit] = run("rights-for-bases", doc)
    assert "'objection'" in hit.params["missing"] and "portability" not in hit.params["missing"]
    doc["activities"] = [{"id": "c", "legal_basis": "gdpr-6-1-b", "automated_processing": False}]
    assert "portability" not in run("rights-for-bases", doc)[0].params["missing"]
    assert run("rights-for-bases", "not a mapping") == []


def test_transfer_goes_where_its_recipient_is() -> None:
    doc = {"recipients": [{"id": "r", "country": "US"}]}
    transfer = {"id": "t", "recipient": "r", "country": "NL"}
    assert run("in-eea", transfer, doc) == []  # the US recipient keeps it a transfer
    assert run("in-eea", {"id": "t", "country": "nl"}, doc) != []
    [hit] = run("transfer-consistent", transfer, doc)
    assert hit.params["recipient_country"] == "US"
    assert run("transfer-consistent", {**transfer, "country": "us"}, doc) == []


def test_implied_consent_is_no_consent() -> None:
    assert run("consent-valid", {"legal_basis": "gdpr-6-1-a", "consent_method": "implied"})
    stated = {"legal_basis": "gdpr-6-1-a", "legal_basis_stated": "By using this site you agree"}
    assert run("consent-valid", stated)
    assert run("consent-valid", {"legal_basis": "gdpr-6-1-a", "consent_method": "opt-in"}) == []
    assert run("consent-valid", {"legal_basis": "gdpr-6-1-f", "consent_method": "implied"}) == []


def test_processor_rows_the_seeds_have_are_plausible() -> None:
    row = {"role": "processor", "retention": {"until": "end-of-contract"}}
    assert run("processor-plausible", row) == []
    assert run("processor-plausible", {**row, "retention": {"period": "P1Y"}})
    assert run("processor-plausible", {"role": "controller", "retention": {"period": "P1Y"}}) == []


def test_obligations_of_union_or_member_state_law_only() -> None:
    assert run("obligation-in-eu-law", {"law": "Wwft", "jurisdiction": "NL"}) == []
    assert run("obligation-in-eu-law", {"law": "GDPR", "jurisdiction": "eu"}) == []
    assert run("obligation-in-eu-law", {"law": "Wwft", "jurisdiction": "US"})
    assert run("obligation-in-eu-law", {"law": "the CLOUD Act"})


def test_not_future_allows_a_day_for_time_zones() -> None:
    assert run("not-future", "2026-11-24") == []
    assert run("not-future", "2026-11-25")
    assert run("not-future", "not a date") == []

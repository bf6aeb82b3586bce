"""`--from fides`: fideslang system manifests."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from privlint.config import Settings
from privlint.discovery import Target
from privlint.importers import ImportFailure
from privlint.importers.fides import import_fides
from privlint.lint import lint
from tests.conftest import DATA
from tests.importers.helpers import reload

MANIFEST = DATA / "fides" / "shop.fides.yml"
LEGAL = DATA / "fides" / "legal.fides.yml"
DOCS = DATA / "fides" / "fideslang-docs-system.yml"  # fideslang's own documentation example


def _import(path: Path) -> tuple[dict[str, Any], list[str], str]:
    imported = import_fides(path.read_bytes(), path.name)
    data, problems = reload(imported)
    assert problems == []
    return data, imported.notes, imported.to_yaml()


def _findings(text: str, tmp_path: Path) -> set[tuple[str, str]]:
    """(rule name, the finding's first pointer part after its list) of the imported text."""
    path = tmp_path / "imported.privacy.yaml"
    path.write_text(text, encoding="utf-8")
    report = lint([Target(path, path.name)], Settings())
    return {(f.name, "/".join(map(str, f.pointer[:2]))) for f in report.findings}


def _activities() -> tuple[dict[str, Any], list[str]]:
    imported = import_fides(MANIFEST.read_bytes(), MANIFEST.name)
    data, problems = reload(imported)
    assert problems == []
    return data, imported.notes


def test_declarations_become_activities_of_their_system() -> None:
    data, notes = _activities()
    assert [s["id"] for s in data["services"]] == ["webshop", "analytics"]
    orders, newsletter, health, stats = data["activities"]
    assert orders == {
        "id": "process-orders", "service": "webshop", "name": "Process orders",
        "data_categories": ["user.contact.email", "user.contact.address", "user.financial"],
        "data_subjects": ["customers"], "purposes": ["essential.service"], "role": "controller",
        "legal_basis": "gdpr-6-1-b", "legal_basis_stated": "Contract",
        "retention": {"period": "P730D", "stated": "730"},
    }  # fmt: skip
    assert newsletter["data_categories"] == ["user.contact.email", "user.behavior"]
    assert newsletter["data_subjects"] == ["customers", "other"]
    assert health["special_category_condition"] == "gdpr-9-2-h"
    assert stats["role"] == "processor"
    assert stats["data_categories"] == ["user.device.cookie_id"]
    assert data["transfers"] == [{"id": "webshop-us", "country": "US"}]
    assert notes == ["data category 'user.unknown_thing' (no accepted category above it)"]


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (
            b"system: [\n  - a: b\n",
            "m.yml: line 2: not valid YAML or JSON: ",  # the parser's own words follow
        ),
        (b"dataset: []\n", "m.yml: not a fides system manifest: no top-level 'system' list"),
        (b"- 1\n", "m.yml: not a fides system manifest: no top-level 'system' list"),
    ],
)
def test_what_is_not_a_manifest_fails_with_a_message(raw: bytes, message: str) -> None:
    with pytest.raises(ImportFailure) as info:
        import_fides(raw, "m.yml")
    assert str(info.value).startswith(message)


keys = st.sampled_from([
    "system", "fides_key", "name", "privacy_declarations", "data_categories", "data_use",
    "data_subjects", "legal_basis_for_processing", "retention_period",
    "special_category_legal_basis", "third_country_transfers", "data_responsibility_title",
    "responsibility", "joint_controller", "joint_controller_info", "cookies", "domain",
    "cookie_max_age_seconds", "uses_cookies", "legal_basis_for_transfers",
    "does_international_transfers", "third_country_safeguards", "uses_profiling",
    "legal_basis_for_profiling",
])  # fmt: skip
values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=10)
    | st.sampled_from(["user.contact", "Consent", "USA", "Medical", "Processor", "P1Y", "SCCs",
                       "marketing.advertising", "essential", "Controller", 86400]),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(keys, inner, max_size=5),
    max_leaves=15,
)  # fmt: skip


@settings(max_examples=80, deadline=None)
@given(systems=st.lists(st.dictionaries(keys, values, max_size=6), max_size=3))
def test_any_manifest_gives_a_valid_declaration_or_a_failure(systems: list[Any]) -> None:
    try:
        imported = import_fides(json.dumps({"system": systems}).encode(), "m.json")
    except ImportFailure:
        return
    _, problems = reload(imported)
    assert problems == []


def test_joint_controllers_cookies_and_transfer_safeguards_are_read(tmp_path: Path) -> None:
    data, notes, text = _import(LEGAL)
    cart, stats, ads = data["activities"]
    # joint_controller_info names the other controller (Art. 26); fideslang has no field for
    # the arrangement, so none is written and the rule asks for it
    assert cart["role"] == stats["role"] == "joint-controller"
    assert cart["joint_controllers"] == ["Partner Retail B.V."]
    assert "joint_arrangement" not in cart
    assert ads["role"] == "controller" and "joint_controllers" not in ads
    # cookies of a declaration: named by its activity, purpose and category from its data_use,
    # basis from its legal basis where every declaration setting it agrees
    assert (cart["cookies"], stats["cookies"], ads["cookies"]) == (
        ["cart_session"], ["_stats_id"], ["_ad_id", "_stats_id"],
    )  # fmt: skip
    cookies = {c["name"]: c for c in data["cookies"]}
    assert cookies["cart_session"] == {
        "name": "cart_session", "provider": "shop.example.nl", "purpose": "essential.service",
        "category": "strictly-necessary", "legal_basis": "gdpr-6-1-b", "retention": "P365D",
    }  # fmt: skip
    assert cookies["_ad_id"]["category"] == "marketing"
    assert cookies["_ad_id"]["legal_basis"] == "gdpr-6-1-a"
    assert "retention" not in cookies["_ad_id"]  # its system gives no cookie_max_age_seconds
    # one cookie, two data uses (analytics on legitimate interests, marketing on consent):
    # both purposes, and neither a category nor a basis is chosen
    assert cookies["_stats_id"]["purpose"] == "analytics.reporting; marketing.advertising"
    assert "category" not in cookies["_stats_id"] and "legal_basis" not in cookies["_stats_id"]
    assert set(cookies["lb_route"]) == {"name", "provider", "retention"}  # system-level
    # legal_basis_for_transfers names the mechanism; the safeguard text says where a copy is
    (transfer,) = data["transfers"]
    assert transfer == {
        "id": "webshop-abroad",
        "mechanism": "standard-contractual-clauses",
        "copy": "Copies of the clauses on request from privacy@example.nl",
        "stated": "legal_basis_for_transfers: SCCs, Supplementary Measures",
    }
    # profiling with legal effect is no solely automated decision (Art. 22): not declared
    assert not any("automated_decision_making" in a for a in data["activities"])
    assert notes == [
        "uses_profiling of 'ads' (Explicit consent): not said if decisions are solely automated"
    ]
    found = _findings(text, tmp_path)
    assert ("joint-controller-arrangement-missing", "activities/0") in found
    assert ("safeguard-copy-missing", "transfers/0") not in found
    assert not any(name == "cookie-consent-missing" for name, _ in found), found


def test_the_fideslang_documentation_example(tmp_path: Path) -> None:
    """fideslang < 3: joint_controller contact details, alpha-3 third_country_transfers."""
    data, notes, text = _import(DOCS)
    (activity,) = data["activities"]
    assert activity["role"] == "joint-controller"
    assert activity["joint_controllers"] == ["Dave L. Epper"]
    assert data["transfers"] == [
        {"id": "demo-analytics-system-us", "country": "US"},
        {"id": "demo-analytics-system-ca", "country": "CA"},
    ]
    assert (
        "joint_controller contact details of 'demo-analytics-system' (names only are declared)"
        in notes
    )
    found = _findings(text, tmp_path)
    assert ("joint-controller-arrangement-missing", "activities/0") in found
    assert ("transfer-safeguard-missing", "transfers/0") in found


def test_safeguard_text_without_a_place_is_a_reference_and_roles_that_disagree_none() -> None:
    manifest = {
        "system": [{
            "fides_key": "crm", "responsibility": ["Controller", "Processor"],
            "third_country_transfers": ["USA"], "legal_basis_for_transfers": ["BCRs", "SCCs"],
            "third_country_safeguards": "Binding corporate rules of the Example group",
            "privacy_declarations": [{"name": "CRM", "data_use": "essential.service"}],
        }]
    }  # fmt: skip
    imported = import_fides(json.dumps(manifest).encode(), "m.json")
    data, problems = reload(imported)
    assert problems == []
    assert "role" not in data["activities"][0]
    assert "responsibility of 'crm' names several roles: none is set" in imported.notes
    assert [(t["id"], t["mechanism"], t["reference"]) for t in data["transfers"]] == [
        ("crm-us", "binding-corporate-rules", "Binding corporate rules of the Example group"),
        (
            "crm-us-2",
            "standard-contractual-clauses",
            "Binding corporate rules of the Example group",
        ),
    ]

"""`--from fides`: fideslang system manifests."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from privlint.importers import ImportFailure
from privlint.importers.fides import import_fides
from tests.conftest import DATA
from tests.importers.helpers import reload

MANIFEST = DATA / "fides" / "shop.fides.yml"


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
])  # fmt: skip
values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=10)
    | st.sampled_from(["user.contact", "Consent", "USA", "Medical", "Processor", "P1Y"]),
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

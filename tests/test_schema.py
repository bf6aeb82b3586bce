"""The declaration schema: valid, self-documenting, and in step with the taxonomy."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from ruamel.yaml import YAML

from privlint.resources import data_dir, declaration_schema


def _property_schemas(node: Any, where: str = "#") -> Iterator[tuple[str, dict[str, Any]]]:
    if isinstance(node, dict):
        for key in ("properties", "$defs", "patternProperties"):
            for name, sub in node.get(key, {}).items():
                yield f"{where}/{key}/{name}", sub
        for key, sub in node.items():
            yield from _property_schemas(sub, f"{where}/{key}")
    elif isinstance(node, list):
        for i, sub in enumerate(node):
            yield from _property_schemas(sub, f"{where}/{i}")


def test_schema_is_valid_draft_2020_12_with_an_id() -> None:
    schema = declaration_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"].startswith("https://")
    Draft202012Validator.check_schema(schema)


def test_every_property_has_a_title_and_a_description() -> None:
    """yaml-language-server shows these as completion and hover docs."""
    missing = [
        where
        for where, sub in _property_schemas(declaration_schema())
        if not (isinstance(sub.get("title"), str) and isinstance(sub.get("description"), str))
    ]
    assert missing == []


def test_every_object_forbids_unknown_keys() -> None:
    def objects(node: Any, where: str = "#") -> Iterator[tuple[str, dict[str, Any]]]:
        if isinstance(node, dict):
            if node.get("type") == "object":
                yield where, node
            for key, sub in node.items():
                yield from objects(sub, f"{where}/{key}")
        elif isinstance(node, list):
            for i, sub in enumerate(node):
                yield from objects(sub, f"{where}/{i}")

    open_objects = [
        w for w, o in objects(declaration_schema()) if o.get("additionalProperties") is not False
    ]
    assert open_objects == []


def test_data_category_enum_is_the_taxonomy_and_its_fideslang_map() -> None:
    taxonomy = YAML(typ="safe").load((data_dir() / "taxonomy.yaml").read_text(encoding="utf-8"))
    enum = declaration_schema()["$defs"]["data_category"]["enum"]
    assert sorted(enum) == sorted([*taxonomy["categories"], *taxonomy["fideslang"]])
    # every fideslang key maps onto one of ours
    assert set(taxonomy["fideslang"].values()) <= set(taxonomy["categories"])


@pytest.mark.parametrize(
    ("value", "ok"),
    [
        ("P6M", True), ("P3Y", True), ("P1Y6M", True), ("P90D", True), ("P2W", True),
        ("PT12H", True), ("P1DT2H", True),
        ("Pfoo", False), ("P", False), ("PT", False), ("P1Y2W", False), ("6 months", False),
        ("p6m", False), ("P1.5Y", False),
    ],
)  # fmt: skip
def test_duration_pattern(value: str, ok: bool) -> None:
    duration = declaration_schema()["$defs"]["duration"]
    assert Draft202012Validator(duration).is_valid(value) is ok


def test_taxonomy_page_lists_every_category_and_fideslang_key() -> None:
    from tests.conftest import REPO

    page = (REPO / "docs" / "taxonomy.md").read_text(encoding="utf-8")
    taxonomy = YAML(typ="safe").load((data_dir() / "taxonomy.yaml").read_text(encoding="utf-8"))
    missing = [
        k for k in [*taxonomy["categories"], *taxonomy["fideslang"]] if f"| `{k}` |" not in page
    ]
    assert missing == []


def test_country_enum_is_the_country_list_and_its_aliases() -> None:
    countries = YAML(typ="safe").load((data_dir() / "countries.yaml").read_text(encoding="utf-8"))
    [named, lowercase] = declaration_schema()["$defs"]["country"]["anyOf"]
    assert sorted(named["enum"]) == sorted([*countries["codes"], *countries["aliases"]])
    assert len(named["enumDescriptions"]) == len(named["enum"])
    assert set(countries["aliases"].values()) <= set(countries["codes"])
    assert Draft202012Validator(lowercase).is_valid("nl")


@pytest.mark.parametrize(
    ("where", "field"),
    [("activity", "legal_basis"), ("activity", "role"), ("activity", "special_category_condition"),
     ("transfer", "mechanism"), ("transfer", "derogation"), ("recipient", "kind"),
     ("cookie", "category"), ("cookie", "legal_basis")],
)  # fmt: skip
def test_enumerations_describe_each_value_for_editors(where: str, field: str) -> None:
    """yaml-language-server shows enumDescriptions beside each completion."""
    spec = declaration_schema()["$defs"][where]["properties"][field]
    enumerated = next((s for s in spec.get("anyOf", []) if "enum" in s), spec)
    assert len(enumerated["enumDescriptions"]) == len(enumerated["enum"]) > 1


@pytest.mark.parametrize(
    ("where", "value", "ok"),
    [("minimum_age", 16, True), ("minimum_age", 200, False), ("minimum_age", -1, False)],
)
def test_ages_are_years_a_person_can_have(where: str, value: int, ok: bool) -> None:
    from privlint.validate import validate

    data = {"privlint": 1, "activities": [{"id": "a", "purposes": ["x"], where: value}]}
    problems = validate(data)
    assert (problems == []) is ok, problems
    if not ok:
        assert [(p.rule, p.pointer) for p in problems] == [
            ("schema-violation", ("activities", 0, where))
        ]

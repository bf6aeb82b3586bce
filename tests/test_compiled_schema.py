"""The compiled schema check: "yes" only where jsonschema finds no error, and, where it says it
is exact, "no" only where jsonschema finds one; its errors are jsonschema's on the whole value."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from privlint.config import Settings
from privlint.validate.compiled import SchemaValidator, compile_exact
from tests.test_schema_split import assert_same_as_whole


def _fragments() -> list[Any]:
    found = []
    for rule in Settings().ruleset().rules:
        parts = [*rule.checks, *([rule.when] if rule.when else [])]
        found.extend(p.schema_ for p in parts if p.schema_ is not None)
    return found


FRAGMENTS = _fragments()

scalars = st.none() | st.booleans() | st.integers(-2, 2) | st.sampled_from([1.0, 0.5, "", "x"])
keys = st.sampled_from(
    ["activities", "cookies", "legal_basis", "consent_required", "special_category_condition"]
)
texts = st.sampled_from(["gdpr-6-1-a", "gdpr-9-2-a", "gdpr-6-1-b", "P1Y"])
values = st.recursive(
    scalars | texts,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(keys, inner, max_size=4),
    max_leaves=14,
)


def test_every_built_in_fragment_compiles() -> None:
    assert FRAGMENTS
    assert all(compile_exact(f, formats=False) is not None for f in FRAGMENTS)


@pytest.mark.parametrize("index", range(len(FRAGMENTS)))
@settings(max_examples=150, deadline=None)
@given(value=values)
def test_fragment_answers_as_jsonschema(index: int, value: Any) -> None:
    schema = FRAGMENTS[index]
    validator = SchemaValidator(schema)
    expected = Draft202012Validator(schema).is_valid(value)
    if validator.certainly_valid(value):
        assert expected
    assert validator.is_valid(value) == expected
    assert_same_as_whole(validator, value)  # jsonschema on the failing parts only


@pytest.mark.parametrize(
    ("schema", "value", "valid"),
    [
        ({"type": "integer"}, 1.0, True),
        ({"type": "integer"}, True, False),
        ({"const": True}, 1, False),
        ({"const": 1}, 1.0, True),
        ({"enum": [None, "x"]}, None, True),
        ({"const": "x"}, ["x"], False),
        ({"contains": {"const": 1}}, [], False),
        ({"contains": {"const": 1}}, "not a list", True),
        ({"format": "date"}, "2026-02-30", True),  # format only annotates without a checker
    ],
)
def test_exact_cases(schema: dict[str, Any], value: Any, valid: bool) -> None:
    compiled = compile_exact(schema, formats=False)
    assert compiled is not None
    check, exact = compiled
    assert exact
    assert check(value) is valid
    assert Draft202012Validator(schema).is_valid(value) is valid


def test_unique_items_is_not_exact() -> None:
    compiled = compile_exact({"uniqueItems": True})
    assert compiled is not None
    assert not compiled[1]
    assert SchemaValidator({"uniqueItems": True}).is_valid([1, True])  # jsonschema decides

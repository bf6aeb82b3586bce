"""fastselect answers exactly as python-jsonpath (strict RFC 9535) does, or not at all."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from privlint.config import Settings
from privlint.engine.paths import select
from privlint.fastselect import compile_selector
from privlint.loader import load_file
from tests.conftest import EXAMPLES, REPO

HANDLED = [
    "$",
    "$.a",
    "$.a.b",
    "$.a[*]",
    "$.a.*",
    "$.a[*].b",
    "$.a[*][*]",
    "$.a[?@.b == 'x']",
    "$.a[?@.b != 'x']",
    '$.a[?@.b == "x"]',
    "$.a[?@.b.c == true]",
    "$.a[?@.b == false]",
    "$.a[?@.b != null]",
    "$.a[?@.b=='x'].c",
    "$.a[?@.b != 'x'][*]",
]
NOT_HANDLED = [
    "$..a",
    "$.a[0]",
    "$.a[0:2]",
    "$['a']",
    "$.a[?@.b == 1]",
    "$.a[?@.b]",
    "$.a[?@.b == 'x' && @.c == 'y']",
    "$.a[?length(@.b) > 1]",
    "$.a[?@.b == 'it\\'s']",
    "$.with-dash",
    "$ .a",
    "a",
]

keys = st.sampled_from(["a", "b", "c", "x"])
values = st.recursive(
    st.none() | st.booleans() | st.integers(-1, 2) | st.sampled_from([1.0, 0.0, "x", "y", ""]),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(keys, inner, max_size=3),
    max_leaves=12,
)


def fast(selector: str, data: Any) -> list[tuple[Any, Any]]:
    compiled = compile_selector(selector)
    assert compiled is not None
    return list(compiled(data))


@pytest.mark.parametrize("selector", NOT_HANDLED)
def test_other_shapes_are_left_to_jsonpath(selector: str) -> None:
    assert compile_selector(selector) is None


@settings(max_examples=400, deadline=None)
@given(data=st.dictionaries(keys, values, max_size=4), selector=st.sampled_from(HANDLED))
def test_same_nodes_in_the_same_order_as_jsonpath(data: dict[str, Any], selector: str) -> None:
    assert fast(selector, data) == list(select(selector, data))


def test_comparisons_keep_kinds_apart() -> None:
    data = {"a": [{"b": True}, {"b": 1}, {"b": 1.0}, {"b": "true"}, {}, 7, {"b": None}]}
    assert [p for p, _ in fast("$.a[?@.b == true]", data)] == [("a", 0)]
    assert [p for p, _ in fast("$.a[?@.b != true]", data)] == [("a", i) for i in range(1, 7)]
    assert [p for p, _ in fast("$.a[?@.b == null]", data)] == [("a", 6)]


def test_every_rule_selector_on_the_examples() -> None:
    selectors = sorted({s for r in Settings().ruleset().rules for s in r.selectors})
    handled = [s for s in selectors if compile_selector(s) is not None]
    assert len(handled) >= len(selectors) // 2  # the point: most rules skip jsonpath
    files = [*EXAMPLES.glob("*.privacy.yaml"), *(REPO / "tests/rules/fixtures").rglob("*.yaml")]
    for path in files:
        doc = load_file(path, path.name).document
        if doc is None:
            continue
        for selector in handled:
            assert fast(selector, doc.data) == list(select(selector, doc.data)), (path, selector)

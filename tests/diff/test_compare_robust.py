"""compare() on anything the loader can produce: wrong types where lists or mappings belong,
ids that are not text, duplicates.  It reports what it can and never raises."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from privlint.diff.compare import compare
from privlint.diff.model import Change
from privlint.loader import load_text, parse_text

KEYS = [
    "id", "activities", "recipients", "transfers", "cookies", "rights", "dpo", "statement",
    "controller", "data_categories", "purposes", "retention", "period", "until", "after",
    "legal_basis", "role", "country", "mechanism", "name", "provider", "category", "recipient",
    "last_updated", "appointed", "special.health", "P90D", "US",
]  # fmt: skip
scalars = st.one_of(st.none(), st.booleans(), st.integers(-3, 3), st.sampled_from(KEYS))
values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.sampled_from(KEYS), inner, max_size=5)
    ),
    max_leaves=30,
)
documents = st.dictionaries(st.sampled_from(KEYS), values, max_size=8)


@settings(max_examples=60, deadline=None)
@given(documents, documents)
def test_compare_never_raises(base: dict[str, Any], head: dict[str, Any]) -> None:
    changes = compare(base, head, None)
    assert all(isinstance(c, Change) for c in changes)
    assert compare(head, head, None) == []


@pytest.mark.parametrize(
    ("section", "kind", "item"),
    [
        ("activities", "activity-renamed", {"purposes": ["p"], "data_categories": ["contact"]}),
        ("recipients", "recipient-renamed", {"name": "Hosting BV", "country": "NL"}),
    ],
)
def test_long_lists_compare_in_linear_time(section: str, kind: str, item: dict[str, Any]) -> None:
    """Renaming every id of n items costs about n, not n**2 (it was quadratic in finding
    each renamed item's head index): CPU time of 8n against n, which load scales alike."""

    def declaration(prefix: str, n: int) -> dict[str, Any]:
        items = [{"id": f"{prefix}{i}", **item, "note": f"item {i}"} for i in range(n)]
        return {"privlint": 1, section: items}

    def cost(n: int) -> float:
        base, head = declaration("a", n), declaration("b", n)
        start = time.process_time()
        changes = compare(base, head, None)  # every id renamed
        spent = time.process_time() - start
        assert len(changes) == n and {c.kind for c in changes} == {kind}
        return spent

    small, large = min(cost(500) for _ in range(3)), cost(4000)
    assert large < 20 * small + 0.2, (small, large)  # eight times the work, not sixty-four


def test_positions_come_from_the_loader() -> None:
    base, _, _ = parse_text("privlint: 1\nactivities:\n  - id: a\n    purposes: [x]\n")
    text = "privlint: 1\nactivities:\n  - id: a\n    purposes: [x, y]\n"
    head = load_text(text, Path("head.yaml"), "head.yaml").document
    assert head is not None
    (change,) = compare(base, head.data, head)
    assert change.kind == "purpose-added" and change.span is not None
    assert (change.span.line, change.span.column) == (4, 19)

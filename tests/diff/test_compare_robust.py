"""compare() on anything the loader can produce: wrong types where lists or mappings belong,
ids that are not text, duplicates.  It reports what it can and never raises."""

from __future__ import annotations

import time
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from privlint.diff.compare import compare
from privlint.diff.model import Change
from privlint.loader import parse_text

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


def test_long_lists_compare_in_linear_time() -> None:
    def declaration(prefix: str) -> dict[str, Any]:
        activities = [
            {"id": f"{prefix}{i}", "purposes": [f"purpose {i}"], "data_categories": ["contact"]}
            for i in range(3000)
        ]
        return {"privlint": 1, "activities": activities}

    start = time.perf_counter()
    changes = compare(declaration("a"), declaration("b"), None)  # every id renamed
    assert len(changes) == 3000 and {c.kind for c in changes} == {"activity-renamed"}
    assert time.perf_counter() - start < 5


def test_positions_come_from_the_loader() -> None:
    base, _, _ = parse_text("privlint: 1\nactivities:\n  - id: a\n    purposes: [x]\n")
    head, positions, _ = parse_text("privlint: 1\nactivities:\n  - id: a\n    purposes: [x, y]\n")
    (change,) = compare(base, head, positions)
    assert change.kind == "purpose-added" and change.span is not None
    assert (change.span.line, change.span.column) == (4, 19)

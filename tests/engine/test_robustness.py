"""Rules run on whatever a declaration holds: wrong types never become a traceback."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from engine.helpers import TODAY
from privlint.config import Settings
from privlint.engine.registry import build_ruleset, builtin_packs
from privlint.engine.run import build_runner

KEYS = [
    "id",
    "role",
    "legal_basis",
    "legitimate_interest",
    "legal_obligation",
    "law",
    "retention",
    "period",
    "until",
    "after",
    "criteria",
    "data_categories",
    "special_category_condition",
    "recipients",
    "transfers",
    "recipient",
    "country",
    "mechanism",
    "derogation",
    "dpf_certified",
    "kind",
    "international_organisation",
    "automated_decision_making",
    "used",
    "rights",
    "controller",
    "dpo",
    "appointed",
    "statement",
    "last_updated",
    "cookies",
    "category",
    "privacy_friendly",
    "consent_required",
    "services",
    "activities",
    "purposes",
    "name",
]
VALUES = [
    "gdpr-6-1-f",
    "gdpr-6-1-a",
    "processor",
    "US",
    "CA",
    "adequacy-decision",
    "derogation",
    "special.health",
    "national-id.bsn",
    "online-identifier.cookie-id",
    "other",
    "2018-05-25",
    "P90D",
    "analytics",
    "marketing",
    "a",
    "",
]

scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), st.sampled_from(VALUES)
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.sampled_from(KEYS), inner, max_size=5)
    ),
    max_leaves=25,
)
documents = st.dictionaries(st.sampled_from(KEYS), values, max_size=8)

RUNNER = build_runner(build_ruleset(builtin_packs()), Settings(today=TODAY))


@settings(max_examples=150, deadline=None)
@given(documents)
def test_rules_never_raise(document: dict[str, Any]) -> None:
    for problem in RUNNER.run(document):
        assert problem.message and "{" not in problem.message.replace("{{", "")

"""Message templates never evaluate anything; rule-file regexes are bounded."""

from __future__ import annotations

import pytest

from privlint.engine.messages import render, show
from privlint.engine.regex import check_pattern, nests_quantifiers


def test_placeholders_are_filled_from_the_dict() -> None:
    assert render("activity '{id}' keeps {value}", {"id": "a", "value": "P2Y"}) == (
        "activity 'a' keeps P2Y"
    )


def test_no_format_mini_language_or_attribute_access() -> None:
    params = {"id": "x"}
    template = "{id.__class__} {id!r} {id:>10} {0} {__import__} {{id}}"
    assert render(template, params) == "{id.__class__} {id!r} {id:>10} {0} {__import__} {id}"


def test_user_values_are_data_not_templates() -> None:
    assert render("{value}", {"value": "{id} {__class__}", "id": "secret"}) == "{id} {__class__}"


def test_values_are_one_line_and_bounded() -> None:
    assert show("a\n  b") == "a b"
    assert show("x" * 100, 80) == "x" * 79 + "…"
    assert show(["a", True, None]) == "a, true, null"


@pytest.mark.parametrize(
    "pattern",
    [r"^[a-z]+(-[a-z]+)*$", r"^gdpr-6-1-[a-f]$", r"^P\d+[YMD]$", r"^(ab){2,4}$", "^[A-Z]{2}$"],
)
def test_bounded_patterns_are_accepted(pattern: str) -> None:
    assert check_pattern(pattern) is None
    assert not nests_quantifiers(pattern)


@pytest.mark.parametrize(
    "pattern", ["(a+)+", "(a*)*b", r"^(\w+\s?)*$", "(a|a)*", "(x+x+)+y", "(a[a-z]+)*"]
)
def test_nested_quantifiers_are_found(pattern: str) -> None:
    """The structural test privlint's own (standard-library) patterns must pass; a user's
    pattern of this shape is accepted, as RE2 runs it in linear time."""
    assert nests_quantifiers(pattern)
    assert check_pattern(pattern) is None


def test_invalid_regex_is_refused() -> None:
    assert check_pattern("([a-z]") == (
        "regular expression '([a-z]' is refused: missing ): ([a-z] (rule files' regexes run on "
        "RE2, a linear-time engine: no back-references or look-around, repetition counts up to "
        "1,000)"
    )

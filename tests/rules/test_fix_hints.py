"""The legal rule files (gdpr, eprivacy, nl) as users meet them: the YAML a fix hint shows (each
`...` span) is valid YAML for privlint itself, so that pasting it never turns one finding into
a parse error; and every selector takes the fast path."""

from __future__ import annotations

import re

import pytest

from privlint.engine.model import Rule
from privlint.engine.registry import build_ruleset, builtin_packs
from privlint.loader import parse_text

LEGAL_PACKS = {"gdpr", "eprivacy", "nl"}
RULES = [r for r in build_ruleset(builtin_packs()).rules if r.pack in LEGAL_PACKS]
SPAN = re.compile(r"`([^`]+)`")


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_yaml_in_fix_hints_parses(rule: Rule) -> None:
    shown = [s for s in SPAN.findall(rule.fix) if ":" in s]  # a bare `name` is no YAML shown
    for snippet in shown:
        data, _, problems = parse_text(snippet + "\n")
        assert problems == [], f"{rule.code}: {snippet!r}: {problems}"
        assert isinstance(data, dict), f"{rule.code}: {snippet!r} is not a mapping"


def test_every_legal_fix_hint_shows_an_example() -> None:
    """Fix hints that say 'add X' show X as YAML one can paste."""
    without = [r.code for r in RULES if r.fix.startswith("Add") and not SPAN.search(r.fix)]
    assert without == []


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_selectors_take_the_fast_path(rule: Rule) -> None:
    """Logical operators in a filter fall back to python-jsonpath, which doubled the legal
    packs' time per file; such conditions go in `when` instead."""
    from privlint.fastselect import compile_selector

    assert [s for s in rule.selectors if compile_selector(s) is None] == []

"""The legal rule files (gdpr, eprivacy, nl) as users meet them: the YAML a fix hint shows (each
`...` span) is valid YAML for privlint itself, so that pasting it never turns one finding into
a parse error; and every selector is one privlint's own evaluator supports."""

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
def test_selectors_are_supported(rule: Rule) -> None:
    """Every selector compiles in privlint's one RFC 9535 evaluator (engine/paths.py)."""
    from privlint.engine.paths import check_selector

    for selector in rule.selectors:
        check_selector(selector)

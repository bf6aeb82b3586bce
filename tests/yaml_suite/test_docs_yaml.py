"""YAML that privlint shows users parses with privlint: README's examples and the fix hints.

A hint that privlint itself refuses sends a user in a circle; so every YAML fragment a fix hint
shows (as `privlint check` prints it) and every YAML block in README is read by the loader.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from privlint.engine.registry import build_ruleset, builtin_packs
from privlint.loader import parse_text, parse_yaml

ROOT = Path(__file__).resolve().parent.parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")

# A fragment: `key: value` or a bare flow mapping, as hints write them in running text.  The
# value is a balanced {...} / [...] or one token; "a: b, c: d" inside parentheses is two.
_KEY = r"[A-Za-z_][\w.<>-]*"
_FLOW = r"\{[^{}]*(?:\{[^{}]*\}[^{}]*)*\}|\[[^\[\]]*\]"
FRAGMENT = re.compile(
    rf"(?:(?<![\w.])({_KEY}): ({_FLOW}|[^\s,;()]+(?<![.,;]))|(?<![\w:] )({_FLOW}))"
)


SPAN = re.compile(r"`([^`]+)`")


def fragments(text: str) -> list[str]:
    """The YAML a hint shows: its `...` spans that hold a key (the rule packs mark YAML so), or
    else the fragments of running text."""
    spans = [s for s in SPAN.findall(text) if ":" in s]
    return spans or [m.group() for m in FRAGMENT.finditer(text)]


def _hints() -> list[tuple[str, str]]:
    return [
        (r.name, r.fix) for r in build_ruleset(builtin_packs()).rules if r.fix and fragments(r.fix)
    ]


def test_fragments_are_found_as_a_reader_sees_them() -> None:
    assert fragments("Add legal_obligation: {law: 'X art. 1', url: ...}.") == [
        "legal_obligation: {law: 'X art. 1', url: ...}"
    ]
    assert fragments("Ask consent (legal_basis: gdpr-6-1-a, consent_required: true), or x.") == [
        "legal_basis: gdpr-6-1-a",
        "consent_required: true",
    ]
    assert fragments("Add retention: {period: P2Y}, {until: a, after: P6M} or x") == [
        "retention: {period: P2Y}",
        "{until: a, after: P6M}",
    ]
    assert len(_hints()) >= 10


@pytest.mark.parametrize(("name", "fix"), _hints(), ids=lambda v: v if "-" in v else "")
def test_every_yaml_fragment_of_a_fix_hint_parses(name: str, fix: str) -> None:
    for fragment in fragments(fix):
        parsed = parse_yaml(fragment + "\n")
        assert parsed.ok and parsed.problems == [], (name, fragment, parsed.problems)
        assert isinstance(parsed.data, dict | list), (name, fragment)


def _blocks(lang: str) -> list[str]:
    return re.findall(rf"```{lang}\n(.*?)```", README, re.DOTALL)


def test_readme_yaml_blocks_parse() -> None:
    blocks = _blocks("yaml")
    (declaration,) = [b for b in blocks if "privlint: 1" in b]  # "A declaration, in short"
    data, _, problems = parse_text(declaration)
    assert problems == [] and data["controller"] == {
        "name": "Voorbeeld B.V.",
        "email": "info@example.nl",
    }
    assert data["statement"]["url"] == "https://example.nl/privacy"
    for block in blocks:  # workflow and config snippets
        parsed = parse_yaml(block)
        assert parsed.ok and parsed.problems == [], (block, parsed.problems)


def test_readme_tour_fix_hints_parse() -> None:
    (tour,) = [b for b in _blocks("console") if "fix:" in b]
    hints = [line.split("fix: ", 1)[1] for line in tour.splitlines() if "    fix: " in line]
    assert len(hints) >= 5
    for fragment in (f for hint in hints for f in fragments(hint)):
        parsed = parse_yaml(fragment + "\n")
        assert parsed.ok and parsed.problems == [], (fragment, parsed.problems)

"""Markdown escaping, and the catalogues: every language has every message; words per language."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from privlint.render import catalogue, languages, render
from privlint.render.catalogue import LOCALES, read_yaml
from privlint.render.markdown import cell, escape, unescape
from privlint.render.model import build_statement
from tests.render.helpers import COMPLETE, render_file, with_description


def _keys(node: Any, prefix: str = "") -> set[str]:
    if isinstance(node, dict):
        return {k for key, v in node.items() for k in _keys(v, f"{prefix}{key}.")}
    return {prefix.rstrip(".")}


def test_every_catalogue_has_the_same_messages() -> None:
    assert {"nl", "en"} <= set(languages())
    reference = _keys(read_yaml(LOCALES / "nl.yaml"))
    for lang in languages():
        assert _keys(read_yaml(LOCALES / f"{lang}.yaml")) == reference, lang


@pytest.mark.parametrize(
    ("lang", "iso", "words"),
    [
        ("nl", "P6M", "6 maanden"),
        ("nl", "P1Y", "1 jaar"),
        ("nl", "P1M", "1 maand"),
        ("nl", "P1Y6M", "1 jaar en 6 maanden"),
        ("nl", "PT12H", "12 uur"),
        ("en", "P2Y", "2 years"),
        ("en", "P1W", "1 week"),
        ("en", "P1Y2M3D", "1 year, 2 months and 3 days"),
        ("en", "Pfoo", "Pfoo"),  # not a duration: shown as it is, never invented
    ],
)
def test_durations_are_written_out(lang: str, iso: str, words: str) -> None:
    assert catalogue(lang).duration(iso) == words


def test_retention_and_dates_per_language() -> None:
    data = {
        "statement": {"last_updated": "2026-02-03"},
        "controller": {"name": "X"},
        "activities": [
            {"id": "a", "retention": {"until": "end-of-contract"}},
            {"id": "b", "retention": {"until": "account-closure", "after": "P30D"}},
            {"id": "c", "role": "processor", "retention": {"set_by_controller": True}},
            {"id": "d", "retention": {"criteria": "Tot de claim is afgehandeld"}},
            {"id": "e"},
        ],
    }
    nl = build_statement(data, catalogue("nl"))
    assert [a.retention for a in nl.activities] == [
        "Tot het einde van de overeenkomst",
        "Tot 30 dagen na de opzegging van het account",
        "Afhankelijk van de opdrachtgever, die de bewaartermijn bepaalt",
        "Tot de claim is afgehandeld",
        "",  # nothing declared, nothing shown
    ]
    assert nl.changes == ["Laatst bijgewerkt op 3 februari 2026."]
    en = build_statement(data, catalogue("en"))
    assert en.activities[0].retention == "Until the end of the contract"
    assert en.changes == ["Last updated on 3 February 2026."]


def test_wrong_types_from_a_forced_declaration_do_not_crash() -> None:
    data = {
        "controller": ["not", "a", "mapping"],
        "activities": [{"id": 3, "purposes": "one", "retention": "P6M", "recipients": [{}]}, "x"],
        "rights": {"access": "yes"},
        "cookies": [{"retention": 12}],
    }
    page = render(data, fmt="html")
    assert "<table>" in page
    render(data, fmt="markdown")


def test_markdown_escaping() -> None:
    assert cell("a | b\nc") == "a \\| b c"
    assert cell(["x", "y"]) == "x; y"
    assert cell("") == "—"
    assert escape("<script>alert(1)</script>") == "&lt;script&gt;alert(1)&lt;/script&gt;"
    assert escape("# not a heading") == "\\# not a heading"
    assert escape("1. not a list") == "1\\. not a list"
    assert escape("*bold* _it_ [link](x)") == "\\*bold\\* \\_it\\_ \\[link\\](x)"
    for value in ("a | b", "<b>&amp;</b>", "x*y_z", "#1", "- item", "2) two"):
        assert unescape(escape(value)) == value


def test_markdown_page_keeps_a_hostile_description_in_its_cell(tmp_path: Path) -> None:
    evil = "<script>x</script> | cell\nbreak **bold**"
    declaration = with_description(tmp_path, evil)
    md = render_file(declaration, tmp_path / "p.md").read_text(encoding="utf-8")
    row = next(line for line in md.splitlines() if "&lt;script&gt;" in line)
    assert "<script>" not in md
    assert "\\| cell break \\*\\*bold\\*\\*" in row
    header = next(line for line in md.splitlines() if line.startswith("| Dienst"))
    assert row.count(" | ") == header.count(" | ")  # the pipe did not add a column


def test_markdown_of_the_complete_example(tmp_path: Path) -> None:
    md = render_file(COMPLETE, tmp_path / "p.md").read_text(encoding="utf-8")
    assert md.startswith("# Privacyverklaring Voorbeeld Telecom B.V.\n")
    assert "1. [Wie wij zijn en hoe u ons bereikt](#who)" in md
    assert '<a id="rights"></a>' in md and "### Klacht indienen" in md

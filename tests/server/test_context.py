"""The cursor's context from text alone: what completion and hover are based on while the
author types (the buffer is often not valid YAML then)."""

from __future__ import annotations

import pytest

from privlint.server.context import Where, cursor_at
from privlint.server.knowledge import describe_key, key_choices, value_choices, value_meaning

DOC = """\
privlint: 1
statement: {language: nl, last_updated: 2026-09-01}
activities:
  - id: calls
    data_categories: [contact.name, communication-content.call-recording]
    retention:
      period: P90D
    legal_obligation: {law: 'Telecommunicatiewet art. 13.2a', url: https://x.nl}
    transfers:
      - crm-us  # privlint: ignore PL113 -- listed below
  - "quoted key": x
transfers:
  - id: crm-us
    country: \n"""


def _at(needle: str, offset: int = 0) -> tuple[int, int]:
    before = DOC[: DOC.index(needle) + offset]
    return before.count("\n"), len(before.rsplit("\n", 1)[-1])


@pytest.mark.parametrize(
    ("needle", "offset", "path", "where", "word"),
    [
        ("privlint: 1", 2, ("privlint",), Where.KEY, "privlint"),
        ("nl,", 1, ("statement", "language"), Where.VALUE, "nl"),
        ("last_updated", 3, ("statement", "last_updated"), Where.KEY, "last_updated"),
        ("  - id: calls", 9, ("activities", "id"), Where.VALUE, "calls"),
        ("contact.name", 3, ("activities", "data_categories"), Where.VALUE, "contact.name"),
        ("period", 2, ("activities", "retention", "period"), Where.KEY, "period"),
        ("P90D", 1, ("activities", "retention", "period"), Where.VALUE, "P90D"),
        ("law:", 1, ("activities", "legal_obligation", "law"), Where.KEY, "law"),
        ("https://x", 2, ("activities", "legal_obligation", "url"), Where.VALUE, "https"),
        ("crm-us  #", 2, ("activities", "transfers"), Where.VALUE, "crm-us"),
        ("PL113", 2, (), Where.COMMENT, "PL113"),
        ('"quoted key"', 3, ("activities", "quoted key"), Where.KEY, "quoted"),
        ("country: \n", 9, ("transfers", "country"), Where.VALUE, ""),
    ],
)
def test_cursor(needle: str, offset: int, path: tuple[str, ...], where: Where, word: str) -> None:
    line, character = _at(needle, offset)
    cursor = cursor_at(DOC, line, character)
    assert (cursor.path, cursor.where, cursor.word) == (path, where, word)


def test_a_line_being_typed_is_a_key_of_its_mapping() -> None:
    text = "activities:\n  - id: x\n    ret"
    cursor = cursor_at(text, 2, 7)
    assert cursor.path == ("activities", "ret") and cursor.where is Where.KEY
    assert "retention" in {c.label for c in key_choices(cursor.path[:-1])}


def test_out_of_range_positions_are_harmless() -> None:
    assert cursor_at(DOC, 500, 3).path == ("",)  # a top-level key, nothing typed yet
    assert cursor_at("", 0, 99).where is Where.KEY


def test_knowledge_comes_from_schema_and_reference_data() -> None:
    assert describe_key(("activities", "retention"))
    assert describe_key(("no-such-key",)) is None
    roles = {c.label for c in value_choices(("activities", "role"))}
    assert roles == {"controller", "processor", "joint-controller"}
    assert "EEA" in value_meaning(("transfers", "country"), "NL")
    assert "adequacy" in value_meaning(("transfers", "country"), "JP")
    assert "without an adequacy decision" in value_meaning(("transfers", "country"), "CN")
    assert value_meaning(("statement", "title"), "hello") == ""

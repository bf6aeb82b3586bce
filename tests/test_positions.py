"""Source positions kept by the loader: every node, keys separately, 1-based."""

from __future__ import annotations

from privlint.findings import Span
from privlint.loader import parse_text

SOURCE = """\
privlint: 1
controller:
  name: "Quoted B.V."
activities:
  - id: first
    purposes: [a, 'b']
  - id: second
    description: >-
      folded
      text
"""


def test_values_and_keys_have_exact_spans() -> None:
    data, positions, problems = parse_text(SOURCE)
    assert problems == []
    assert data["activities"][1]["description"] == "folded text"
    values = positions.values
    assert values[("privlint",)] == Span(1, 11, 1, 12)
    assert values[("controller", "name")] == Span(3, 9, 3, 22)
    assert values[("activities", 0, "purposes", 1)] == Span(6, 19, 6, 22)
    assert values[("activities", 0, "purposes")] == Span(6, 15, 6, 23)
    assert values[("activities", 1)].line == 7
    assert values[("activities", 1)].column == 5
    assert positions.keys[("activities", 1, "description")] == Span(8, 5, 8, 16)


def test_locate_falls_back_to_the_nearest_ancestor() -> None:
    _, positions, _ = parse_text(SOURCE)
    assert (
        positions.locate(("activities", 0, "retention", "period"))
        == positions.values[("activities", 0)]
    )
    assert positions.locate(("controller", "name"), on_key=True) == Span(3, 3, 3, 7)


def test_block_collections_end_at_their_last_child() -> None:
    _, positions, _ = parse_text(SOURCE)
    first = positions.values[("activities", 0)]
    assert (first.end_line, first.end_column) == (6, 23)


def test_yaml_1_2_core_schema_keeps_strings_strings() -> None:
    data, _, _ = parse_text(
        "a: no\nb: on\nc: 2020-05-14\nd: 0o12\ne: 1e3\nf: ~\ng: True\nh: '1.0'\n"
    )
    assert data == {
        "a": "no",
        "b": "on",
        "c": "2020-05-14",
        "d": 10,
        "e": 1000.0,
        "f": None,
        "g": True,
        "h": "1.0",
    }

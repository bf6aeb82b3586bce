"""A rule message's placeholders: which value each one takes, and which wins when several
places hold the same name (the hit's own, the check's options, value/field/path, the selected
node's scalars, the enclosing item's, the position id, the rule's options)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from privlint.engine.compile import compile_rule
from privlint.engine.registry import load_pack
from privlint.engine.run import Runner
from tests.engine.test_rule_files import RULE

# the rule's own options go after `then`, back at the rule's indentation
THEN = """field: {field}
      function: in-list
      options: {{list: lawful-bases}}
      message: "{message}"
    options: {{note: from-the-rule, list: from-the-rule}}"""


def _messages(tmp_path: Path, data: Any, message: str, given: str, field: str) -> list[str]:
    path = tmp_path / "acme.yaml"
    then = THEN.format(field=field, message=message)
    path.write_text(RULE.format(given=given, then=then), encoding="utf-8")
    (rule,) = load_pack(path).rules
    plan, errors = compile_rule(rule)
    assert errors == []
    return [p.message for p in Runner([plan], date(2026, 11, 23)).run(data)]


def test_each_layer_and_its_precedence(tmp_path: Path) -> None:
    data = {
        "name": "Top B.V.",
        "activities": [
            {"id": "a1", "purpose": "x" * 100, "legal_basis": "nope", "nested": {"k": 1}},
            {"legal_basis": "nope", "role": None},
        ],
    }
    message = (
        "{id}|{value}|{field}|{path}|{purpose}|{name}|{note}|{list}|{suggestion}|{nested}"
        "|{role}|{unknown}|{{id}}"
    )
    first, second = _messages(tmp_path, data, message, "$.activities[*]", "legal_basis")
    # the node's own id; the shortened scalar; the node is the enclosing item (it has an id),
    # so the top's name is not reached; the check's options over the rule's; a dict field is
    # no scalar (so the placeholder stays); an unknown one stays as written
    assert first == (
        f"a1|nope|legal_basis|$['activities'][0]['legal_basis']|{'x' * 79}…|{{name}}"
        "|from-the-rule|lawful-bases||{nested}|{role}|{unknown}|{id}"
    )
    # neither id nor name: the enclosing item is the top (it has a name), which has no id,
    # so the position stands in; null is a scalar of the node
    assert second == (
        "#2|nope|legal_basis|$['activities'][1]['legal_basis']|{purpose}|Top B.V."
        "|from-the-rule|lawful-bases||{nested}|null|{unknown}|{id}"
    )


def test_enclosing_item_below_the_selected_node(tmp_path: Path) -> None:
    data = {"activities": [{"id": "outer", "inner": {"name": "in", "x": "bad"}}]}
    (msg,) = _messages(tmp_path, data, "{name}/{id}/{value}", "$.activities[*]", "inner.x")
    assert msg == "in/outer/bad"  # name from the item holding the field, id from the node

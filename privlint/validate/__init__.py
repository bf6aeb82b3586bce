"""Schema validation: one declaration -> structural problems, each at its own node.

The schema checks shape only (keys, types, enumerations); the law is the rules' business.
jsonschema errors are translated into five structural rules so that users can select, ignore
and read about them like any other rule.  A document goes to jsonschema only when the compiled
check (privlint.validate.compiled) cannot clear it, most are valid and never import it; and then
only its failing subtrees do, with the errors a whole-document run gives.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from functools import cache
from typing import Any

from privlint.findings import Pointer, Problem, truncate
from privlint.resources import declaration_schema
from privlint.validate.compiled import SchemaValidator

_TYPE_NAMES = {
    "string": "a string",
    "integer": "an integer",
    "number": "a number",
    "boolean": "true or false",
    "object": "a mapping",
    "array": "a list",
    "null": "null",
}


def _describe(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, int | float):
        return f"the number {value!r}"
    if isinstance(value, str):
        return f"the string {truncate(value)!r}"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return type(value).__name__


@cache
def declaration_validator() -> SchemaValidator:
    return SchemaValidator(declaration_schema(), formats=True)


def validate(data: Any) -> list[Problem]:
    """The declaration's structural problems, in jsonschema's order; [] for a valid one."""
    problems: list[Problem] = []
    for error in declaration_validator().iter_errors(data):
        problems.extend(_translate(error))
    return without_cascades(problems)


def without_cascades(problems: list[Problem]) -> list[Problem]:
    """A misspelled required key is one mistake: keep the unknown-key finding that suggests
    the right spelling, drop the missing-field finding for that key at the same mapping."""
    suggested = {
        (p.pointer[:-1], p.params["suggestion"])
        for p in problems
        if p.rule == "unknown-key" and "suggestion" in p.params
    }
    return [
        p
        for p in problems
        if not (p.rule == "missing-field" and (p.pointer, p.params.get("key")) in suggested)
    ]


def jsonschema_problems(data: Any) -> list[Problem]:
    """What jsonschema alone says, without the compiled check: the reference it must agree
    with (the tests hold `validate` to it)."""
    return [p for error in declaration_validator().full_errors(data) for p in _translate(error)]


def _where(schema: dict[str, Any]) -> str:
    title = schema.get("title")
    return f" in {title}" if isinstance(title, str) else ""


def _node_title(schema_path: Any) -> str | None:
    """The title of the property the failing node is, not of the shared $defs it refers to.

    ('properties', 'statement', 'properties', 'last_updated', 'format') -> "Last updated", where
    the error's own schema (the $defs entry behind a $ref) would say "Date".
    """
    root = declaration_schema()

    def step(node: Any, key: Any) -> Any:
        # jsonschema leaves '$ref' out of schema paths: follow it when the key is behind it.
        while isinstance(node, dict) and key not in node and "$ref" in node:
            ref = str(node["$ref"])
            node = root
            for part in ref.removeprefix("#/").split("/"):
                node = node.get(part, {})
        if isinstance(node, dict):
            return node.get(key, {})
        if isinstance(node, list) and isinstance(key, int) and key < len(node):
            return node[key]
        return {}

    path = list(schema_path)[:-1]  # the last entry is the failing keyword
    title: str | None = None
    node_stack: list[Any] = [root]
    i = 0
    while i < len(path):
        key = path[i]
        if key in ("properties", "patternProperties") and i + 1 < len(path):
            node_stack.append(step(step(node_stack[-1], key), path[i + 1]))
            i += 2
        elif key in ("items", "additionalProperties"):
            node_stack.append(step(node_stack[-1], key))
            i += 1
        else:
            node_stack.append(step(node_stack[-1], key))
            i += 1
            continue
        current = node_stack[-1]
        if isinstance(current, dict) and isinstance(current.get("title"), str):
            title = current["title"]
    return title


def _translate(error: Any) -> Iterator[Problem]:
    pointer: Pointer = tuple(error.absolute_path)
    kind = error.validator
    schema = error.schema if isinstance(error.schema, dict) else {}
    title = _node_title(error.absolute_schema_path)
    if title and kind not in ("additionalProperties", "required", "dependentRequired"):
        schema = {**schema, "title": title}
    instance = error.instance
    if kind == "additionalProperties" and isinstance(instance, dict):
        known = sorted(schema.get("properties", {}))
        patterns = list(schema.get("patternProperties", {}))
        for key in instance:
            if key in known or (patterns and key.startswith("x-")):
                continue
            hint = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
            suggestion = (
                f"; did you mean '{hint[0]}'?" if hint else f"; allowed: {', '.join(known)}"
            )
            yield Problem(
                "unknown-key",
                f"unknown key '{truncate(key)}'{_where(schema)}{suggestion}",
                pointer=(*pointer, key),
                on_key=True,
                params={"suggestion": hint[0]} if hint else {},
            )
        return
    if kind == "required":
        missing = [
            k for k in error.validator_value if isinstance(instance, dict) and k not in instance
        ]
        for key in missing:
            yield Problem(
                "missing-field",
                f"required key '{key}' is missing{_where(schema)}",
                pointer,
                params={"key": key},
            )
        return
    if kind == "dependentRequired":
        for key, needs in error.validator_value.items():
            if isinstance(instance, dict) and key in instance:
                for need in needs:
                    if need not in instance:
                        yield Problem(
                            "missing-field",
                            f"'{key}' needs '{need}' beside it{_where(schema)}",
                            (*pointer, key),
                            on_key=True,
                        )
        return
    if kind == "type":
        expected = error.validator_value
        names: list[str] = [expected] if isinstance(expected, str) else list(expected)
        want = " or ".join(_TYPE_NAMES.get(n, n) for n in names)
        quote = ""
        if "string" in names and (isinstance(instance, int | float | bool) or instance is None):
            quote = " (quote the value in YAML to keep it as text)"
        yield Problem(
            "wrong-type",
            f"expected {want}, found {_describe(instance)}{_where(schema)}{quote}",
            pointer,
        )
        return
    if kind in ("enum", "const"):
        allowed = error.validator_value if kind == "enum" else [error.validator_value]
        close = (
            difflib.get_close_matches(instance, [str(a) for a in allowed], n=1, cutoff=0.6)
            if isinstance(instance, str)
            else []
        )
        tail = (
            f"; did you mean '{close[0]}'?"
            if close
            else (f"; allowed: {', '.join(map(str, allowed))}" if len(allowed) <= 12 else "")
        )
        yield Problem(
            "invalid-value", f"{_describe(instance)} is not allowed{_where(schema)}{tail}", pointer
        )
        return
    if kind in ("pattern", "format", "minLength", "maxLength", "uniqueItems", "minItems"):
        detail = {
            "pattern": "does not have the expected form",
            "format": f"is not a valid {error.validator_value}",
            "minLength": "must not be empty",
            "maxLength": f"is longer than {error.validator_value} characters",
            "uniqueItems": "has repeated items",
            "minItems": f"needs at least {error.validator_value} item(s)",
        }[kind]
        desc = schema.get("description", "")
        yield Problem(
            "invalid-value",
            f"{_describe(instance)} {detail}{_where(schema)}"
            + (f" — {desc}" if kind == "pattern" and desc else ""),
            pointer,
        )
        return
    if kind in ("anyOf", "oneOf"):
        desc = schema.get("description", "")
        yield Problem(
            "invalid-value",
            f"{_describe(instance)} is not a valid {schema.get('title', 'value')}: {desc}".rstrip(
                ": "
            ),
            pointer,
        )
        return
    yield Problem("schema-violation", f"{error.message}{_where(schema)}", pointer)

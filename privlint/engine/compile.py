"""Rules -> executable plans: selectors compiled, schemas checked, function options validated.

Every problem found is returned with its place inside the rule, so that the loader can name
the file and line; nothing here executes anything a rule file says.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from typing import Any

from privlint.engine.model import Check, Condition, Rule
from privlint.engine.paths import SelectorError, check_selector
from privlint.engine.regex import (
    check_pattern,
    check_size,
    compile_user,
    schema_patterns,
    user_schema_validator,
)
from privlint.findings import Pointer, truncate
from privlint.functions.registry import FunctionSpec, Options, function_names, get_function
from privlint.strict import ValidationError, build
from privlint.validate.compiled import SchemaValidator

RuleError = tuple[Pointer, str]  # (place inside the rule, message)


@dataclass(frozen=True)
class Step:
    """A compiled check or condition."""

    field: tuple[str, ...]
    validator: SchemaValidator | None
    function: FunctionSpec | None
    options: Options | None
    message: str | None
    at: str | None
    params: dict[str, Any]  # the options as message parameters, dumped once


@dataclass(frozen=True)
class Plan:
    rule: Rule
    selectors: tuple[str, ...]
    when: Step | None
    checks: tuple[Step, ...]


@cache
def _validator(schema_json: str) -> SchemaValidator:
    # a rule's regexes run on RE2, in the compiled check and in jsonschema alike
    return SchemaValidator(json.loads(schema_json), regex=compile_user, full=user_schema_validator)


def schema_validator(schema: dict[str, Any] | bool) -> SchemaValidator:
    """The rule fragment's validator, one per distinct fragment: most nodes pass the compiled
    check, so most runs never import jsonschema."""
    return _validator(json.dumps(schema, sort_keys=True))


def _schema_errors(schema: dict[str, Any] | bool, where: Pointer) -> list[RuleError]:
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import SchemaError

    patterns = schema_patterns(schema)
    # a 2 MB pattern is refused before the metaschema's format check compiles it with `re`
    if too_long := [(where, problem) for p in patterns if (problem := check_size(p))]:
        return too_long
    try:
        Draft202012Validator.check_schema(schema)
    except SchemaError as exc:
        return [(where, f"invalid JSON Schema: {exc.message}")]
    errors = [(where, problem) for p in patterns if (problem := check_pattern(p))]
    # A rule never fetches anything: only references inside the fragment itself resolve.
    for key, ref in _references(schema):
        if not ref.startswith("#"):
            msg = "leaves the rule's schema; only local references ('#/...') are allowed"
            errors.append((where, f"{key} {ref!r} {msg}"))
        elif not _resolves(schema, ref):
            errors.append((where, f"{key} {ref!r} points at nothing in the rule's schema"))
    return errors


def _resolves(schema: Any, ref: str) -> bool:
    """Whether a local JSON Pointer reference ('#', '#/$defs/x') names a part of the schema."""
    if ref == "#":
        return True
    if not ref.startswith("#/"):
        return False  # plain-name fragments ($anchor) are not supported in rules
    node = schema
    for raw in ref[2:].split("/"):
        part = raw.replace("~1", "/").replace("~0", "~")
        if isinstance(node, dict) and part in node:
            node = node[part]
        elif isinstance(node, list) and part.isdigit() and int(part) < len(node):
            node = node[int(part)]
        else:
            return False
    return True


def _references(schema: Any) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    stack = [schema]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            for key, value in node.items():
                if key in ("$ref", "$dynamicRef") and isinstance(value, str):
                    found.append((key, value))
                else:
                    stack.append(value)
        elif isinstance(node, list):
            stack.extend(node)
    return found


def _options(
    spec: FunctionSpec,
    given: dict[str, Any],
    defaults: dict[str, Any],
    where: Pointer,
    *,
    trusted: bool = False,
) -> tuple[Options | None, list[RuleError]]:
    aliases = spec.options.aliases()
    accepted = set(aliases.values()) | set(aliases)
    merged = {k: v for k, v in defaults.items() if k in accepted} | given
    if trusted:  # checked by the test suite, or when the built-in cache was made
        return build(spec.options, merged), []
    try:
        return spec.options.model_validate(merged), []
    except ValidationError as exc:
        errors = []
        for err in exc.errors():
            loc = tuple(p for p in err["loc"] if isinstance(p, int | str))
            msg = "unknown option" if err["type"] == "extra_forbidden" else err["msg"]
            errors.append(((*where, *loc), f"function '{spec.name}': {msg}"))
        return None, errors


def _step(
    part: Check | Condition, where: Pointer, defaults: dict[str, Any], *, trusted: bool = False
) -> tuple[Step, list[RuleError]]:
    errors: list[RuleError] = []
    if part.schema_ is None and part.function is None:
        errors.append((where, "needs 'schema' or 'function'"))
    validator = None
    if part.schema_ is not None:
        schema_errors = [] if trusted else _schema_errors(part.schema_, (*where, "schema"))
        errors.extend(schema_errors)
        if not schema_errors:
            validator = schema_validator(part.schema_)
    spec, options = None, None
    if part.function is not None:
        spec = get_function(part.function)
        if spec is None:
            known = ", ".join(function_names())
            errors.append(
                ((*where, "function"), f"unknown function '{part.function}'; known: {known}")
            )
        else:
            options, option_errors = _options(
                spec, part.options, defaults, (*where, "options"), trusted=trusted
            )
            errors.extend(option_errors)
    elif part.options:
        errors.append(((*where, "options"), "'options' without a 'function'"))
    path = tuple(part.field.split(".")) if part.field else ()
    message = part.message if isinstance(part, Check) else None
    at = part.at if isinstance(part, Check) else None
    params = options.model_dump(by_alias=True) if options is not None else {}
    return Step(path, validator, spec, options, message, at, params), errors


def compile_rule(
    rule: Rule, options: dict[str, Any] | None = None, *, trusted: bool = False
) -> tuple[Plan, list[RuleError]]:
    """A plan for the rule, with `options` (from the config) over the rule's own defaults.

    `trusted`: a built-in rule, whose schema fragments the test suite has already checked
    against the metaschema and the regex bound (tests/engine/test_rule_files.py); skipping
    that at every run saves most of a check's start-up.
    """
    defaults = {**rule.options, **(options or {})}
    errors: list[RuleError] = []
    given_where: Pointer = ("given",)
    for i, selector in enumerate(rule.selectors):
        try:
            check_selector(selector)
        except SelectorError as exc:
            at = given_where if isinstance(rule.given, str) else (*given_where, i)
            errors.append((at, f"invalid JSONPath {truncate(selector, 80)!r}: {exc}"))
    when = None
    if rule.when is not None:
        when, when_errors = _step(rule.when, ("when",), defaults, trusted=trusted)
        errors.extend(when_errors)
    steps = []
    for i, check in enumerate(rule.checks):
        step, step_errors = _step(
            check,
            ("then", i) if isinstance(rule.then, list) else ("then",),
            defaults,
            trusted=trusted,
        )
        steps.append(step)
        errors.extend(step_errors)
    return Plan(rule, tuple(rule.selectors), when, tuple(steps)), errors

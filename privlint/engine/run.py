"""Running compiled rules on one document: select nodes, test the condition, run the checks.

Output is `Problem`s with absolute pointers and rendered messages; the pipeline (lint.py)
attaches codes, severities and positions.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from typing import TYPE_CHECKING, Any

from privlint.engine.compile import Plan, Step, compile_rule
from privlint.engine.messages import MAX_VALUE_LENGTH, render, shorten, show
from privlint.engine.paths import select
from privlint.findings import Pointer, Problem, pointer_to_json_path
from privlint.functions import MISSING, Context, Hit
from privlint.functions.reference import ReferenceData, reference_data

if TYPE_CHECKING:
    from privlint.config import Settings
    from privlint.engine.registry import RuleSet


def resolve(node: Any, path: Iterable[str | int]) -> Any:
    for part in path:
        if isinstance(node, dict) and part in node:
            node = node[part]
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            node = node[part]  # separate branch: the two indexings type-check differently
        else:
            return MISSING
    return node


def _schema_hits(validator: Any, value: Any) -> Iterator[Hit]:
    for error in validator.iter_errors(value):
        pointer: Pointer = tuple(error.absolute_path)
        if error.validator == "required" and isinstance(error.instance, dict):
            for prop in error.validator_value:
                if prop not in error.instance:
                    yield Hit(pointer, {"property": prop, "error": error.message})
        else:
            yield Hit(pointer, {"error": error.message})


def _hits(step: Step, value: Any, ctx: Context) -> list[Hit]:
    hits: list[Hit] = []
    if step.validator is not None and value is not MISSING:
        hits.extend(_schema_hits(step.validator, value))
    if step.function is not None:
        hits.extend(step.function.impl(value, step.options, ctx))
    return hits


def _enclosing(document: Any, pointer: Pointer) -> dict[str, Any]:
    """Scalar fields of the nearest mapping at or above the pointer that has an id or name."""
    for end in range(len(pointer), -1, -1):
        node = resolve(document, pointer[:end])
        if isinstance(node, dict) and ("id" in node or "name" in node):
            return {k: v for k, v in node.items() if isinstance(v, str | int | float | bool)}
    return {}


def _position_id(pointer: Pointer) -> str:
    """Stands in for `{id}` when the item has none: its position, e.g. '#3' for the third."""
    for part in reversed(pointer):
        if isinstance(part, int):
            return f"#{part + 1}"
    return "?"


class Runner:
    """Runs plans on documents; one per lint run, so options are validated once."""

    def __init__(
        self, plans: list[Plan], today: date, reference: ReferenceData | None = None
    ) -> None:
        self.plans = plans
        self.today = today
        self.reference = reference or reference_data()

    def run(self, document: Any) -> list[Problem]:
        problems: list[Problem] = []
        seen: set[tuple[str, Pointer, str]] = set()
        for plan in self.plans:
            for problem in self._run_plan(plan, document):
                key = (problem.rule, problem.pointer, problem.message)
                if key not in seen:
                    seen.add(key)
                    problems.append(problem)
        return problems

    def _run_plan(self, plan: Plan, document: Any) -> Iterator[Problem]:
        for selector in plan.selectors:
            for pointer, node in select(selector, document):
                if plan.when is not None and not self._holds(plan.when, document, pointer, node):
                    continue
                for step in plan.checks:
                    yield from self._check(plan, step, document, pointer, node)

    def _holds(self, step: Step, document: Any, pointer: Pointer, node: Any) -> bool:
        """A condition: the value passes the schema (yes or no, no messages needed: most
        conditions are answered by the compiled check) and the function reports nothing."""
        value = resolve(node, step.field)
        # An absent field does not pass a condition's schema: `when: {field: controller,
        # schema: ...}` must not make a rule apply to a declaration that has no controller.
        if step.validator is not None and (value is MISSING or not step.validator.is_valid(value)):
            return False
        if step.function is None:
            return True
        ctx = Context(document, self.today, self.reference, (*pointer, *step.field))
        return next(iter(step.function.impl(value, step.options, ctx)), None) is None

    def _step_hits(self, step: Step, document: Any, pointer: Pointer, node: Any) -> list[Hit]:
        value = resolve(node, step.field)
        ctx = Context(document, self.today, self.reference, (*pointer, *step.field))
        return _hits(step, value, ctx)

    def _check(
        self, plan: Plan, step: Step, document: Any, pointer: Pointer, node: Any
    ) -> Iterator[Problem]:
        value = resolve(node, step.field)
        base: Pointer = (*pointer, *step.field)
        for hit in self._step_hits(step, document, pointer, node):
            where: Pointer = (*base, *hit.pointer)
            if (
                step.at
                and isinstance(node, dict)
                and step.at in node
                and (where == pointer or resolve(document, where) is MISSING)
            ):
                where = (*pointer, step.at)
            params: dict[str, Any] = {**plan.rule.options, "id": _position_id(where)}
            params.update(shorten(_enclosing(document, where)))
            if isinstance(node, dict):
                scalars = {k: v for k, v in node.items() if not isinstance(v, dict | list)}
                params.update(shorten(scalars))
            hit_value = resolve(value, hit.pointer)
            params.update(
                value=show(hit_value, MAX_VALUE_LENGTH) if hit_value is not MISSING else "(absent)",
                field=".".join(step.field),
                path=pointer_to_json_path(where),
            )
            if step.options is not None:
                params.update(step.options.model_dump(by_alias=True))
            params.update(hit.params)
            message = render(step.message or plan.rule.message, params)
            yield Problem(plan.rule.name, message, where, on_key=hit.on_key, params=params)


def build_runner(ruleset: RuleSet, settings: Settings) -> Runner:
    """Plans for the rules the settings enable, with the configured rule options."""
    from privlint.engine.registry import builtin_packs

    builtin = {(r.code, r.source) for pack in builtin_packs() for r in pack.rules}
    plans = []
    for rule in ruleset.rules:
        if rule.builtin_check is None and settings.enabled(rule.code):
            plan, errors = compile_rule(
                rule,
                settings.rule_options.get(rule.code),
                # a built-in rule with its own options: checked already, built without pydantic
                trusted=(rule.code, rule.source) in builtin
                and rule.code not in settings.rule_options,
            )
            if errors:  # the loader and the config already refused these: a privlint bug
                raise RuntimeError(f"rule {rule.code} did not compile: {errors[0][1]}")
            plans.append(plan)
    return Runner(plans, settings.run_date())

"""Running compiled rules on one document: select nodes, test the condition, run the checks.

Output is `Problem`s with absolute pointers and rendered messages; the pipeline (lint.py)
attaches codes, severities and positions.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import date
from typing import TYPE_CHECKING, Any

from privlint.engine.compile import Plan, Step, compile_rule
from privlint.engine.messages import MAX_VALUE_LENGTH, render, show
from privlint.engine.paths import Node, select
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


def _nearest(start: Any, path: Pointer) -> dict[str, Any] | None:
    """Scalar fields of the nearest mapping that has an id or a name, from the end of `path`
    (below `start`) back up to `start`; None when there is none."""
    chain = [start]  # the nodes along the path, walked down once
    for part in path:
        node = resolve(chain[-1], (part,))
        if node is MISSING:
            break
        chain.append(node)
    for node in reversed(chain):
        if isinstance(node, dict) and ("id" in node or "name" in node):
            return {k: v for k, v in node.items() if isinstance(v, str | int | float | bool)}
    return None


Outer = Callable[[Pointer], dict[str, Any]]  # selected node's pointer -> _nearest above it


def _position_id(pointer: Pointer) -> str:
    """Stands in for `{id}` when the item has none: its position, e.g. '#3' for the third."""
    for part in reversed(pointer):
        if isinstance(part, int):
            return f"#{part + 1}"
    return "?"


class _Params(Mapping[str, Any]):
    """A problem's message parameters, each worked out only if the template names it: most
    findings name two or three, and a large file has tens of thousands of findings.

    Layers, highest first: the hit's own parameters, the step's options, `value` / `field` /
    `path`, the selected node's scalar fields, the scalar fields of the enclosing item (the
    nearest mapping with an id or a name), `id` (the item's position), the rule's options.
    Values from the declaration are shortened to MAX_VALUE_LENGTH, so one finding stays one line.
    """

    __slots__ = ("_around", "_found", "_hit", "_outer", "_plan", "_step", "_value", "_where")

    def __init__(
        self,
        plan: Plan,
        step: Step,
        hit: Hit,
        found: Node,
        value: Any,
        where: Pointer,
        outer: Outer,
    ) -> None:
        self._plan, self._step, self._hit = plan, step, hit
        self._found, self._value, self._where = found, value, where
        self._outer = outer
        self._around: dict[str, Any] | None = None

    def _enclosing(self) -> dict[str, Any]:
        """The nearest item at or above `where` (which lies at or below the selected node):
        below the selected node from here, above it from the run's cache."""
        if self._around is None:
            pointer, node = self._found
            below = _nearest(node, self._where[len(pointer) :])
            self._around = self._outer(pointer) if below is None else below
        return self._around

    def __getitem__(self, name: str) -> Any:
        if name in (hit := self._hit.params):
            return hit[name]
        if name in (options := self._step.params):
            return options[name]
        if name == "value":
            found = resolve(self._value, self._hit.pointer)
            return show(found, MAX_VALUE_LENGTH) if found is not MISSING else "(absent)"
        if name == "field":
            return ".".join(self._step.field)
        if name == "path":
            return pointer_to_json_path(self._where)
        node = self._found[1]
        if isinstance(node, dict) and name in node and not isinstance(node[name], dict | list):
            return show(node[name], MAX_VALUE_LENGTH)
        if name in (around := self._enclosing()):
            return show(around[name], MAX_VALUE_LENGTH)
        if name == "id":
            return _position_id(self._where)
        if name in (rule := self._plan.rule.options):
            return rule[name]
        raise KeyError(name)

    def _names(self) -> dict[str, None]:
        names = dict.fromkeys(self._plan.rule.options)
        names["id"] = None
        names.update(dict.fromkeys(self._enclosing()))
        if isinstance(node := self._found[1], dict):
            names.update((k, None) for k, v in node.items() if not isinstance(v, dict | list))
        names.update(dict.fromkeys(("value", "field", "path")))
        names.update(dict.fromkeys(self._step.params))
        names.update(dict.fromkeys(self._hit.params))
        return names

    def __iter__(self) -> Iterator[str]:
        return iter(self._names())

    def __len__(self) -> int:
        return len(self._names())


Hits = Callable[[Any, Any, Pointer], Iterable[Hit]]  # (value, document, node's pointer) -> hits


def _hits_of(step: Step, today: date, reference: ReferenceData) -> Hits:
    """A check compiled once, for its shape: the schema's errors (none for an absent value),
    then the function's hits, given the function a Context of where the value sits."""
    validator, function, options, field = step.validator, step.function, step.options, step.field

    def schema(value: Any, document: Any, pointer: Pointer) -> Iterable[Hit]:
        if validator is None or value is MISSING:
            return ()
        return _schema_hits(validator, value)

    if function is None:
        return schema
    impl = function.impl

    def call(value: Any, document: Any, pointer: Pointer) -> Iterable[Hit]:
        return impl(value, options, Context(document, today, reference, (*pointer, *field)))

    if validator is None:
        return call

    def both(value: Any, document: Any, pointer: Pointer) -> Iterable[Hit]:
        return [*schema(value, document, pointer), *call(value, document, pointer)]

    return both


class Runner:
    """Runs plans on documents; one per lint run, so options are validated and every check
    compiled once."""

    def __init__(
        self, plans: list[Plan], today: date, reference: ReferenceData | None = None
    ) -> None:
        self.plans = plans
        self.today = today
        self.reference = reference or reference_data()
        self._checks = [
            tuple((step, _hits_of(step, today, self.reference)) for step in plan.checks)
            for plan in plans
        ]

    def run(self, document: Any) -> list[Problem]:
        problems: list[Problem] = []
        seen: set[tuple[str, Pointer, str]] = set()
        # Each selector is evaluated once per document: many rules select the same nodes
        # (`$.activities[?@.role != 'processor']`).
        selections: dict[str, list[Node]] = {}
        above: dict[Pointer, dict[str, Any]] = {}

        def outer(pointer: Pointer) -> dict[str, Any]:
            """The nearest item strictly above a selected node: the same for all siblings."""
            if not pointer:
                return {}
            parent = pointer[:-1]
            if parent not in above:
                above[parent] = _nearest(document, parent) or {}
            return above[parent]

        for plan, checks in zip(self.plans, self._checks, strict=True):
            when = plan.when
            for selector in plan.selectors:
                nodes = selections.get(selector)
                if nodes is None:
                    nodes = selections[selector] = select(selector, document)
                for found in nodes:
                    pointer, node = found
                    if when is not None and not self._holds(when, document, pointer, node):
                        continue
                    for step, hits in checks:
                        value = resolve(node, step.field)
                        for hit in hits(value, document, pointer):
                            problem = _problem(plan, step, hit, found, value, outer)
                            key = (problem.rule, problem.pointer, problem.message)
                            if key not in seen:
                                seen.add(key)
                                problems.append(problem)
        return problems

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


def _problem(plan: Plan, step: Step, hit: Hit, found: Node, value: Any, outer: Outer) -> Problem:
    pointer, node = found
    below: Pointer = (*step.field, *hit.pointer)
    where: Pointer = (*pointer, *below)
    if (
        step.at
        and isinstance(node, dict)
        and step.at in node
        and (not below or resolve(node, below) is MISSING)
    ):
        where = (*pointer, step.at)
    params = _Params(plan, step, hit, found, value, where, outer)
    message = render(step.message or plan.rule.message, params)
    return Problem(plan.rule.name, message, where, on_key=hit.on_key)


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

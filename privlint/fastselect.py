"""Plain-Python evaluation of the simple RFC 9535 selectors rules use, without python-jsonpath.

Rule selectors are almost all of one shape: `$`, `$.a.b`, `$.a[*]`, `$.a[?@.f == 'x']`,
`$.a[?@.f.g != true]`.  python-jsonpath builds a match object (with a canonical path string)
for every node it visits, which makes selection ~70% of the rules' time; importing it costs
~100 ms.  `compile_selector` evaluates exactly these shapes with plain loops and returns None
for anything else (descendants, indexes, slices, functions, numbers, logical operators...),
which the caller then hands to python-jsonpath.

Semantics follow RFC 9535: a name selects a member of an object only; `*` and filters take
the members of an object (in order) or the items of an array; a comparison with a missing
node is false for `==` and true for `!=`; strings, true, false and null compare only with
their own kind (so `1 == true` is false).  Results come in document order, as
(pointer, node) pairs like `engine.paths.select`'s.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import cache
from typing import Any

from privlint.findings import Pointer

Selected = Iterator[tuple[Pointer, Any]]
Select = Callable[[Any], Selected]

_NAME = r"[A-Za-z_][A-Za-z0-9_]*"
_SEGMENT = re.compile(
    rf"""\.(?P<name>{_NAME})
    | (?P<wild>\.\*|\[\*\])
    | \[\?\s*@(?P<path>(?:\.{_NAME})+)\s*(?P<op>==|!=)\s*
      (?P<literal>'[^'\\]*'|"[^"\\]*"|true|false|null)\s*\]""",
    re.VERBOSE,
)
_LITERALS: dict[str, Any] = {"true": True, "false": False, "null": None}


def _children(node: Any) -> Iterator[tuple[str | int, Any]]:
    if isinstance(node, dict):
        yield from node.items()
    elif isinstance(node, list):
        yield from enumerate(node)


def _test(path: tuple[str, ...], op: str, literal: Any) -> Callable[[Any], bool]:
    def equal(node: Any) -> bool:
        for name in path:
            if not isinstance(node, dict) or name not in node:
                return False  # nothing there: == is false (and != true)
            node = node[name]
        if isinstance(literal, str):
            return isinstance(node, str) and node == literal
        return node is literal  # true, false, null: only themselves

    if op == "==":
        return equal
    return lambda node: not equal(node)


Step = Callable[[Pointer, Any], Selected]


def _name_step(name: str) -> Step:
    def step(pointer: Pointer, node: Any) -> Selected:
        if isinstance(node, dict) and name in node:
            yield (*pointer, name), node[name]

    return step


def _wild_step(pointer: Pointer, node: Any) -> Selected:
    for key, child in _children(node):
        yield (*pointer, key), child


def _filter_step(test: Callable[[Any], bool]) -> Step:
    def step(pointer: Pointer, node: Any) -> Selected:
        for key, child in _children(node):
            if test(child):
                yield (*pointer, key), child

    return step


def _chain(steps: list[Step]) -> Select:
    def run(pointer: Pointer, node: Any, i: int) -> Selected:
        if i == len(steps):
            yield pointer, node
            return
        for p, child in steps[i](pointer, node):
            yield from run(p, child, i + 1)

    return lambda data: run((), data, 0)


@cache
def compile_selector(selector: str) -> Select | None:
    """A function from document to (pointer, node) pairs, or None if the shape is not handled."""
    if not selector.startswith("$"):
        return None
    steps: list[Step] = []
    pos = 1
    while pos < len(selector):
        m = _SEGMENT.match(selector, pos)
        if m is None:
            return None
        if m["name"]:
            steps.append(_name_step(m["name"]))
        elif m["wild"]:
            steps.append(_wild_step)
        else:
            text = m["literal"]
            literal = text[1:-1] if text[0] in "'\"" else _LITERALS[text]
            path = tuple(m["path"].split(".")[1:])
            steps.append(_filter_step(_test(path, m["op"], literal)))
        pos = m.end()
    return _chain(steps)

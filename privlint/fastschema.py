"""A compiled yes/no JSON Schema check, so that clean documents never reach jsonschema.

jsonschema walks the schema for every node (reference resolution, validator evolution) and
costs ~45 ms for a 200-line declaration plus ~140 ms to import; most files checked are clean.
`compile_schema` turns the subset of draft 2020-12 that the declaration schema uses into
nested closures that answer one question: is the document certainly valid?

The answer is sound, not complete: True only when jsonschema would report no error at all;
False whenever in doubt (an `enum` of a non-string, a repeated non-string item...).  On False
the caller runs jsonschema, which produces the real problems, so findings never differ.  A
schema with any keyword not handled here compiles to None: no fast path for it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from functools import cache
from typing import Any

from privlint.findings import Problem
from privlint.validate import validate

Check = Callable[[Any], bool]

# Keywords that only annotate: they never make a document invalid.
_ANNOTATIONS = frozenset(
    {"title", "description", "$comment", "examples", "default", "deprecated", "readOnly",
     "writeOnly", "$schema", "$id", "$defs", "enumDescriptions", "markdownEnumDescriptions"}
)  # fmt: skip
_HANDLED = frozenset(
    {"type", "$ref", "properties", "patternProperties", "additionalProperties", "required",
     "dependentRequired", "enum", "const", "pattern", "minLength", "maxLength", "format",
     "items", "uniqueItems", "minItems", "anyOf"}
)  # fmt: skip


class Unsupported(Exception):
    """The schema uses something this compiler does not handle."""


def _is_integer(x: Any) -> bool:
    return isinstance(x, int) and not isinstance(x, bool)


def _is_number(x: Any) -> bool:
    return isinstance(x, int | float) and not isinstance(x, bool)


# jsonschema's type checker, draft 2020-12 (an integral float is not accepted here: unsure ->
# False, and jsonschema decides).
_TYPES: dict[str, Check] = {
    "object": lambda x: isinstance(x, dict),
    "array": lambda x: isinstance(x, list),
    "string": lambda x: isinstance(x, str),
    "boolean": lambda x: isinstance(x, bool),
    "null": lambda x: x is None,
    "integer": _is_integer,
    "number": _is_number,
}

# jsonschema's FORMAT_CHECKER for the formats the schema uses (jsonschema._format.is_date).
_RE_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$", re.ASCII)


def _is_date(x: Any) -> bool:
    if not isinstance(x, str):
        return True
    if not _RE_DATE.fullmatch(x):
        return False
    try:
        date.fromisoformat(x)
    except ValueError:
        return False
    return True


_FORMATS: dict[str, Check] = {"date": _is_date}


def _always(_: Any) -> bool:
    return True


def _never(_: Any) -> bool:
    return False


def _all(checks: list[Check]) -> Check:
    if not checks:
        return _always
    if len(checks) == 1:
        return checks[0]
    if len(checks) == 2:
        a, b = checks
        return lambda x: a(x) and b(x)
    return lambda x: all(c(x) for c in checks)


class _Compiler:
    def __init__(self, root: dict[str, Any]) -> None:
        self.root = root
        self.refs: dict[str, Check] = {}

    def ref(self, ref: str) -> Check:
        if not ref.startswith("#/$defs/") or "/" in ref[len("#/$defs/") :]:
            raise Unsupported(f"$ref {ref!r}")
        name = ref[len("#/$defs/") :]
        if name not in self.refs:
            target = self.root.get("$defs", {}).get(name)
            if target is None:
                raise Unsupported(f"$ref {ref!r} has no target")
            self.refs[name] = _never  # a cycle back to here: filled in below
            compiled = self.compile(target)
            self.refs[name] = compiled
        refs = self.refs
        return lambda x: refs[name](x)  # late-bound: recursive schemas work

    def compile(self, schema: Any) -> Check:
        if schema is True:
            return _always
        if schema is False:
            return _never
        if not isinstance(schema, dict):
            raise Unsupported("schema is not an object or boolean")
        unknown = set(schema) - _ANNOTATIONS - _HANDLED
        if unknown:
            raise Unsupported(f"keyword(s) {sorted(unknown)}")
        checks: list[Check] = []
        if "$ref" in schema:
            checks.append(self.ref(schema["$ref"]))
        if "type" in schema:
            checks.append(self._type(schema["type"]))
        if {"properties", "patternProperties", "additionalProperties", "required"} & set(schema):
            checks.append(self._object(schema))
        if "dependentRequired" in schema:
            checks.append(self._dependent_required(schema["dependentRequired"]))
        if "enum" in schema:
            checks.append(self._enum(schema["enum"]))
        if "const" in schema:
            checks.append(self._enum([schema["const"]]))
        checks.extend(self._string(schema))
        checks.extend(self._array(schema))
        if "anyOf" in schema:
            subs = [self.compile(s) for s in schema["anyOf"]]
            checks.append(lambda x: any(s(x) for s in subs))
        return _all(checks)

    @staticmethod
    def _type(types: Any) -> Check:
        names = [types] if isinstance(types, str) else list(types)
        if not all(n in _TYPES for n in names):
            raise Unsupported(f"type {types!r}")
        tests = [_TYPES[n] for n in names]
        return tests[0] if len(tests) == 1 else (lambda x: any(t(x) for t in tests))

    def _object(self, schema: dict[str, Any]) -> Check:
        props = {k: self.compile(v) for k, v in schema.get("properties", {}).items()}
        pattern_schemas: dict[str, Any] = schema.get("patternProperties", {})
        patterns = [(re.compile(p), self.compile(s)) for p, s in pattern_schemas.items()]
        # additionalProperties sees a key as matched when the patterns joined by '|' match it
        joined = re.compile("|".join(pattern_schemas)) if patterns else None
        additional_schema = schema.get("additionalProperties", True)
        additional = None if additional_schema is True else self.compile(additional_schema)
        required = tuple(schema.get("required", ()))

        def check(x: Any) -> bool:
            if not isinstance(x, dict):
                return True
            for key in required:
                if key not in x:
                    return False
            for key, value in x.items():
                sub = props.get(key)
                if sub is not None and not sub(value):
                    return False
                for rx, psub in patterns:
                    if rx.search(key) and not psub(value):
                        return False
                if (
                    additional is not None
                    and sub is None
                    and not (joined is not None and joined.search(key))
                    and not additional(value)
                ):
                    return False
            return True

        return check

    @staticmethod
    def _dependent_required(deps: dict[str, list[str]]) -> Check:
        items = [(k, tuple(v)) for k, v in deps.items()]

        def check(x: Any) -> bool:
            if not isinstance(x, dict):
                return True
            return all(all(n in x for n in needs) for key, needs in items if key in x)

        return check

    @staticmethod
    def _enum(values: list[Any]) -> Check:
        # jsonschema's equality keeps 1 and True apart and compares 1 == 1.0; only the plain
        # cases are answered here: a string among strings, an int among ints.
        strings = frozenset(v for v in values if isinstance(v, str))
        ints = frozenset(v for v in values if _is_integer(v))
        if len(strings) + len(ints) != len(values):
            raise Unsupported("enum/const with values other than strings and integers")

        def check(x: Any) -> bool:
            if isinstance(x, str):
                return x in strings
            return type(x) is int and x in ints

        return check

    @staticmethod
    def _string(schema: dict[str, Any]) -> list[Check]:
        checks: list[Check] = []
        if "pattern" in schema:
            rx = re.compile(schema["pattern"])
            checks.append(lambda x: not isinstance(x, str) or rx.search(x) is not None)
        lo, hi = schema.get("minLength"), schema.get("maxLength")
        if lo is not None:
            checks.append(lambda x: not isinstance(x, str) or len(x) >= lo)
        if hi is not None:
            checks.append(lambda x: not isinstance(x, str) or len(x) <= hi)
        if "format" in schema:
            fmt = _FORMATS.get(schema["format"])
            if fmt is None:
                raise Unsupported(f"format {schema['format']!r}")
            checks.append(fmt)
        return checks

    def _array(self, schema: dict[str, Any]) -> list[Check]:
        checks: list[Check] = []
        if "items" in schema:
            sub = self.compile(schema["items"])
            checks.append(lambda x: not isinstance(x, list) or all(sub(i) for i in x))
        if schema.get("uniqueItems") is True:
            # Strings only: jsonschema's notion of equal for other values is subtler.
            checks.append(
                lambda x: (
                    not isinstance(x, list)
                    or (all(isinstance(i, str) for i in x) and len(set(x)) == len(x))
                )
            )
        if "minItems" in schema:
            least = schema["minItems"]
            checks.append(lambda x: not isinstance(x, list) or len(x) >= least)
        return checks


def compile_schema(schema: dict[str, Any] | bool) -> Check | None:
    """A sound validity check for the schema, or None if it uses what is not handled here."""
    if isinstance(schema, bool):
        return _always if schema else _never
    try:
        return _Compiler(schema).compile(schema)
    except (Unsupported, re.error):
        return None


@cache
def declaration_check() -> Check | None:
    from privlint.resources import declaration_schema

    return compile_schema(declaration_schema())


def validate_fast(data: Any) -> list[Problem]:
    """The same problems as `validate`, without running jsonschema on a valid document."""
    check = declaration_check()
    if check is not None and check(data):
        return []
    return validate(data)

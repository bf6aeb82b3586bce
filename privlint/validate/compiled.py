"""A compiled yes/no JSON Schema check, so that valid documents never reach jsonschema.

jsonschema walks the schema for every node (reference resolution, validator evolution) and
costs ~45 ms for a 200-line declaration plus ~140 ms to import; most files checked are valid.
`compile_schema` turns the subset of draft 2020-12 that privlint's schemas use into nested
closures that answer one question: is the value certainly valid?

Same answer by construction, not by a second implementation kept in line by tests: the check
is sound, not complete.  "Yes" only where jsonschema would report no error at all; "no"
whenever in doubt (an `enum` of a non-string, a repeated non-string item...), and "no" never
produces a message: it hands the value to jsonschema, whose errors are the problems reported.
A schema with any keyword not handled here compiles to None: jsonschema alone checks it.

Where a schema uses no doubtful case, its check is also *exact* ("no" means jsonschema finds
an error): a rule's condition, which needs only yes or no, is then answered without
jsonschema.  Exactness is a property of the compiled schema, decided once when compiling.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import date
from typing import Any

Check = Callable[[Any], bool]

# Keywords that only annotate: they never make a document invalid.
_ANNOTATIONS = frozenset(
    {"title", "description", "$comment", "examples", "default", "deprecated", "readOnly",
     "writeOnly", "$schema", "$id", "$defs", "enumDescriptions", "markdownEnumDescriptions"}
)  # fmt: skip
_HANDLED = frozenset(
    {"type", "$ref", "properties", "patternProperties", "additionalProperties", "required",
     "dependentRequired", "enum", "const", "pattern", "minLength", "maxLength", "format",
     "items", "uniqueItems", "minItems", "anyOf", "contains"}
)  # fmt: skip


class Unsupported(Exception):
    """The schema uses something this compiler does not handle."""


def _is_integer(x: Any) -> bool:
    """jsonschema's draft 2020-12 integer: an int (not a bool) or an integral float."""
    if isinstance(x, float):
        return x.is_integer()
    return isinstance(x, int) and not isinstance(x, bool)


def _is_number(x: Any) -> bool:
    return isinstance(x, int | float) and not isinstance(x, bool)


# jsonschema's type checker, draft 2020-12.
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


Regex = Callable[[str], Any]  # pattern -> an object whose .search(text) is truthy on a match


class _Compiler:
    def __init__(self, root: dict[str, Any], *, formats: bool, regex: Regex = re.compile) -> None:
        self.regex = regex
        self.root = root
        self.formats = formats  # False: `format` only annotates, as in jsonschema by default
        self.refs: dict[str, Check] = {}
        self.exact = True  # no doubtful case met so far

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
        if "contains" in schema:
            sub = self.compile(schema["contains"])
            checks.append(lambda x: not isinstance(x, list) or any(sub(i) for i in x))
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
        patterns = [(self.regex(p), self.compile(s)) for p, s in pattern_schemas.items()]
        # additionalProperties sees a key as matched when the patterns joined by '|' match it
        joined = self.regex("|".join(pattern_schemas)) if patterns else None
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
        # jsonschema's equality (jsonschema._utils.equal) for scalars: text equals only text,
        # true and false only themselves, numbers by value (1 == 1.0), null only null.
        strings = frozenset(v for v in values if isinstance(v, str))
        flags = [v for v in values if isinstance(v, bool)]
        numbers = frozenset(v for v in values if _is_number(v))
        null = any(v is None for v in values)
        if any(isinstance(v, list | dict) for v in values):
            raise Unsupported("enum/const with lists or mappings")

        def check(x: Any) -> bool:
            if isinstance(x, str):
                return x in strings
            if isinstance(x, bool):
                return any(x is f for f in flags)
            if x is None:
                return null
            if _is_number(x):
                return x in numbers
            return False

        return check

    def _string(self, schema: dict[str, Any]) -> list[Check]:
        checks: list[Check] = []
        if "pattern" in schema:
            rx = self.regex(schema["pattern"])
            checks.append(lambda x: not isinstance(x, str) or bool(rx.search(x)))
        lo, hi = schema.get("minLength"), schema.get("maxLength")
        if lo is not None:
            checks.append(lambda x: not isinstance(x, str) or len(x) >= lo)
        if hi is not None:
            checks.append(lambda x: not isinstance(x, str) or len(x) <= hi)
        if "format" in schema and self.formats:
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
            self.exact = False
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


def compile_exact(
    schema: dict[str, Any] | bool, *, formats: bool = True, regex: Regex = re.compile
) -> tuple[Check, bool] | None:
    """(sound validity check, whether it is also exact), or None if the schema uses what is
    not handled here.  `formats`: whether `format` asserts (jsonschema's format checker).
    `regex` compiles its patterns: the standard library for privlint's own schema, RE2 for a
    rule file's (privlint.engine.regex.compile_user)."""
    if isinstance(schema, bool):
        return (_always if schema else _never), True
    compiler = _Compiler(schema, formats=formats, regex=regex)
    try:
        return compiler.compile(schema), compiler.exact
    except (Unsupported, re.error):
        return None


def compile_schema(schema: dict[str, Any] | bool, *, formats: bool = True) -> Check | None:
    """A sound validity check for the schema, or None if it uses what is not handled here."""
    compiled = compile_exact(schema, formats=formats)
    return None if compiled is None else compiled[0]


class SchemaValidator:
    """A schema with jsonschema's `iter_errors`: the compiled check first, jsonschema (imported
    then, and only then) for the errors of a value the check does not clear."""

    def __init__(
        self,
        schema: dict[str, Any] | bool,
        *,
        formats: bool = False,
        regex: Regex = re.compile,
        full: Callable[[], Any] | None = None,
    ) -> None:
        """`regex` and `full` (the jsonschema validator class, asked for only when needed) are
        RE2-backed for rule files' fragments, the standard ones for privlint's own schema."""
        self.schema = schema
        self.formats = formats
        self._full_class = full
        compiled = compile_exact(schema, formats=formats, regex=regex)
        self.quick: Check | None = compiled[0] if compiled is not None else None
        self.exact = compiled is not None and compiled[1]
        self._full: Any = None

    def certainly_valid(self, value: Any) -> bool:
        return self.quick is not None and self.quick(value)

    def is_valid(self, value: Any) -> bool:
        """Whether jsonschema would find no error: from the compiled check alone if exact."""
        if self.exact and self.quick is not None:
            return self.quick(value)
        return next(iter(self.iter_errors(value)), None) is None

    def iter_errors(self, value: Any) -> Iterator[Any]:
        if self.certainly_valid(value):
            return iter(())
        if self._full is None:
            from jsonschema import Draft202012Validator

            checker = Draft202012Validator.FORMAT_CHECKER if self.formats else None
            cls = self._full_class() if self._full_class is not None else Draft202012Validator
            self._full = cls(self.schema, format_checker=checker)
        errors: Iterator[Any] = self._full.iter_errors(value)
        return errors

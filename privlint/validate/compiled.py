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

A "no" is narrowed down before jsonschema sees it: jsonschema's errors at a node are those of
each keyword, and those of `properties`, `patternProperties`, `items` and `$ref` are the
errors of their subschemas on parts of the instance (jsonschema's descend()).  So where the
node's own keywords (type, required, additionalProperties, enum, anyOf...) are clear, the
failure is the union of the failing parts' failures; where they are not, or in doubt, the node
goes to jsonschema whole.  `SchemaValidator.iter_errors` runs jsonschema on just those
(subtree, subschema) failures and prefixes the paths as descend() would: the same errors, in
the same order, as one run on the whole document (`full_errors`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any, NamedTuple

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
    checks = [c for c in checks if c is not _always]
    if not checks:
        return _always
    if len(checks) == 1:
        return checks[0]
    if len(checks) == 2:
        a, b = checks
        return lambda x: a(x) and b(x)
    if len(checks) == 3:  # an object's: type, its own keywords, properties
        a, b, c = checks
        return lambda x: a(x) and b(x) and c(x)
    return lambda x: all(c(x) for c in checks)


Regex = Callable[[str], Any]  # pattern -> an object whose .search(text) is truthy on a match
Path = tuple[str | int, ...]


class Failure(NamedTuple):
    """A node the compiled check cannot clear, and the subschema it fails: jsonschema's errors
    for the whole document are the errors of jsonschema run on each failure in turn."""

    instance: Any
    schema: Any  # the very object inside the root schema (jsonschema's `error.schema`)
    path: Path  # where the instance sits in the document (`error.absolute_path`'s prefix)
    schema_path: Path  # where the schema sits, as jsonschema spells it (no '$ref' steps)


Locate = Callable[[Any, Path, Path], Iterator[Failure]]


@dataclass(eq=False)
class _Part:
    """An applicator whose errors are the union of its subschemas' errors on parts of the
    instance (`properties`, `patternProperties`, `items`) or on the instance itself (`$ref`)."""

    check: Check
    locate: Locate  # the failures of the failing subtrees; nothing where `check` says yes
    enterable: bool  # False: its subschema is one that jsonschema enters with other state


@dataclass(eq=False)
class _Node:
    """One compiled subschema: the yes/no check, and how to split a "no" into smaller ones."""

    schema: Any = None
    check: Check = _never
    local: Check = _never  # the keywords that report at this node itself (type, required...)
    parts: tuple[_Part, ...] = ()
    split: bool = False  # whether a failure with `local` clear is the union of its parts'


def _failures(node: _Node, x: Any, path: Path, schema_path: Path) -> Iterator[Failure]:
    """The smallest failures of a value the node's check does not clear, in jsonschema's own
    error order: the parts in the schema's keyword order, each in jsonschema's order."""
    if node.split and node.local(x):
        for part in node.parts:  # each yields the failures of its failing children only
            yield from part.locate(x, path, schema_path)
    else:
        yield Failure(x, node.schema, path, schema_path)


def _enterable(schema: Any) -> bool:
    # jsonschema enters a subschema with its own $id with another base URI: hand the parent
    # over whole; a `false` one fails with an error that has no keyword of its own.
    return isinstance(schema, dict) and "$id" not in schema


class _Compiler:
    def __init__(self, root: dict[str, Any], *, formats: bool, regex: Regex = re.compile) -> None:
        self.regex = regex
        self.root = root
        self.formats = formats  # False: `format` only annotates, as in jsonschema by default
        self.refs: dict[str, _Node] = {}
        self.exact = True  # no doubtful case met so far

    def ref(self, ref: str) -> _Part:
        if not ref.startswith("#/$defs/") or "/" in ref[len("#/$defs/") :]:
            raise Unsupported(f"$ref {ref!r}")
        name = ref[len("#/$defs/") :]
        target = self.root.get("$defs", {}).get(name)
        if target is None:
            raise Unsupported(f"$ref {ref!r} has no target")
        node = self.refs.get(name)
        if node is None:
            node = self.refs[name] = _Node()  # a cycle back to here finds it, filled in below
            self.compile(target, node)

        def locate(x: Any, path: Path, schema_path: Path) -> Iterator[Failure]:
            if not node.check(x):  # '$ref' adds no schema path step
                yield from _failures(node, x, path, schema_path)

        # late-bound: a recursive schema's node is complete only when its compilation ends
        return _Part(lambda x: node.check(x), locate, _enterable(target))

    def compile(self, schema: Any, node: _Node | None = None) -> _Node:
        node = _Node() if node is None else node
        node.schema = schema
        if schema is True or schema is False:
            node.check = node.local = _always if schema else _never
            return node
        if not isinstance(schema, dict):
            raise Unsupported("schema is not an object or boolean")
        unknown = set(schema) - _ANNOTATIONS - _HANDLED
        if unknown:
            raise Unsupported(f"keyword(s) {sorted(unknown)}")
        local: list[Check] = []
        if "type" in schema:
            local.append(self._type(schema["type"]))
        if {"additionalProperties", "required"} & set(schema):
            local.append(self._object(schema))
        if "dependentRequired" in schema:
            local.append(self._dependent_required(schema["dependentRequired"]))
        if "enum" in schema:
            local.append(self._enum(schema["enum"]))
        if "const" in schema:
            local.append(self._enum([schema["const"]]))
        local.extend(self._string(schema))
        local.extend(self._array(schema))
        if "anyOf" in schema:  # which branch a fix is for is anyone's guess: reported whole
            subs = [self.compile(s).check for s in schema["anyOf"]]
            local.append(lambda x: any(s(x) for s in subs))
        if "contains" in schema:
            sub = self.compile(schema["contains"]).check
            local.append(lambda x: not isinstance(x, list) or any(sub(i) for i in x))
        parts: list[_Part] = []
        for keyword in schema:  # in the schema's order, which is jsonschema's error order
            if keyword == "$ref":
                parts.append(self.ref(schema["$ref"]))
            elif keyword == "properties":
                parts.append(self._properties(schema["properties"]))
            elif keyword == "patternProperties":
                parts.append(self._pattern_properties(schema["patternProperties"]))
            elif keyword == "items":
                parts.append(self._items(schema["items"]))
        node.local = _all(local)
        node.parts = tuple(parts)
        node.check = _all([*local, *(p.check for p in parts)])
        node.split = all(p.enterable for p in parts)
        return node

    @staticmethod
    def _type(types: Any) -> Check:
        names = [types] if isinstance(types, str) else list(types)
        if not all(n in _TYPES for n in names):
            raise Unsupported(f"type {types!r}")
        tests = [_TYPES[n] for n in names]
        return tests[0] if len(tests) == 1 else (lambda x: any(t(x) for t in tests))

    def _object(self, schema: dict[str, Any]) -> Check:
        """`required` and `additionalProperties`: errors at the mapping itself."""
        known = frozenset(schema.get("properties", {}))
        patterns: dict[str, Any] = schema.get("patternProperties", {})
        # additionalProperties sees a key as matched when the patterns joined by '|' match it
        joined = self.regex("|".join(patterns)) if patterns else None
        additional_schema = schema.get("additionalProperties", True)
        additional = None if additional_schema is True else self.compile(additional_schema).check
        required = tuple(schema.get("required", ()))

        def check(x: Any) -> bool:
            if not isinstance(x, dict):
                return True
            for key in required:
                if key not in x:
                    return False
            if additional is not None:
                for key in x.keys() - known:  # most mappings have none: a set difference in C
                    if not (joined is not None and joined.search(key)) and not additional(x[key]):
                        return False
            return True

        return check

    def _properties(self, schemas: dict[str, Any]) -> _Part:
        nodes = {k: self.compile(v) for k, v in schemas.items()}
        checks = {k: n.check for k, n in nodes.items() if n.check is not _always}

        def check(x: Any) -> bool:
            if not isinstance(x, dict):
                return True
            for key, value in x.items():
                sub = checks.get(key)
                if sub is not None and not sub(value):
                    return False
            return True

        def locate(x: Any, path: Path, schema_path: Path) -> Iterator[Failure]:
            if not isinstance(x, dict):
                return
            for key, node in nodes.items():  # jsonschema's order: the schema's
                if key in x and not node.check(x[key]):
                    yield from _failures(
                        node, x[key], (*path, key), (*schema_path, "properties", key)
                    )

        enterable = all(_enterable(s) for s in schemas.values())
        return _Part(check if checks else _always, locate, enterable)

    def _pattern_properties(self, schemas: dict[str, Any]) -> _Part:
        patterns = [(p, self.regex(p), self.compile(s)) for p, s in schemas.items()]
        # ^x- extensions accept anything: no need to match every key against them
        asserting = [(rx, node.check) for _, rx, node in patterns if node.check is not _always]

        def check(x: Any) -> bool:
            if not isinstance(x, dict):
                return True
            for key, value in x.items():
                for rx, sub in asserting:
                    if rx.search(key) and not sub(value):
                        return False
            return True

        def locate(x: Any, path: Path, schema_path: Path) -> Iterator[Failure]:
            if not isinstance(x, dict):
                return
            for pattern, rx, node in patterns:  # jsonschema's order: pattern, then key
                if node.check is _always:
                    continue
                for key, value in x.items():
                    if rx.search(key) and not node.check(value):
                        at = (*schema_path, "patternProperties", pattern)
                        yield from _failures(node, value, (*path, key), at)

        enterable = all(_enterable(s) for s in schemas.values())
        return _Part(check if asserting else _always, locate, enterable)

    def _items(self, schema: Any) -> _Part:
        node = self.compile(schema)
        sub = node.check

        def locate(x: Any, path: Path, schema_path: Path) -> Iterator[Failure]:
            if not isinstance(x, list):
                return
            for i, item in enumerate(x):
                if not sub(item):
                    yield from _failures(node, item, (*path, i), (*schema_path, "items"))

        return _Part(
            lambda x: not isinstance(x, list) or all(sub(i) for i in x), locate, _enterable(schema)
        )

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


def _compile(
    schema: dict[str, Any] | bool, *, formats: bool, regex: Regex
) -> tuple[_Node, bool] | None:
    if isinstance(schema, bool):
        check = _always if schema else _never
        return _Node(schema, check, check), True
    compiler = _Compiler(schema, formats=formats, regex=regex)
    try:
        return compiler.compile(schema), compiler.exact
    except (Unsupported, re.error):
        return None


def compile_exact(
    schema: dict[str, Any] | bool, *, formats: bool = True, regex: Regex = re.compile
) -> tuple[Check, bool] | None:
    """(sound validity check, whether it is also exact), or None if the schema uses what is
    not handled here.  `formats`: whether `format` asserts (jsonschema's format checker).
    `regex` compiles its patterns: the standard library for privlint's own schema, RE2 for a
    rule file's (privlint.engine.regex.compile_user)."""
    compiled = _compile(schema, formats=formats, regex=regex)
    return None if compiled is None else (compiled[0].check, compiled[1])


def compile_schema(schema: dict[str, Any] | bool, *, formats: bool = True) -> Check | None:
    """A sound validity check for the schema, or None if it uses what is not handled here."""
    compiled = compile_exact(schema, formats=formats)
    return None if compiled is None else compiled[0]


class SchemaValidator:
    """A schema with jsonschema's `iter_errors`: the compiled check first, then jsonschema
    (imported then, and only then) on just the subtrees the check does not clear."""

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
        compiled = _compile(schema, formats=formats, regex=regex)
        self._root = compiled[0] if compiled is not None else None
        self.quick: Check | None = self._root.check if self._root is not None else None
        self.exact = compiled is not None and compiled[1]
        self._full: Any = None
        self._evolved: dict[int, Any] = {}  # id(subschema) -> jsonschema validator for it

    def certainly_valid(self, value: Any) -> bool:
        return self.quick is not None and self.quick(value)

    def is_valid(self, value: Any) -> bool:
        """Whether jsonschema would find no error: from the compiled check alone if exact."""
        if self.exact and self.quick is not None:
            return self.quick(value)
        return next(iter(self.iter_errors(value)), None) is None

    def failures(self, value: Any) -> Iterator[Failure]:
        """The smallest (subtree, subschema) pairs the compiled check cannot clear, in
        jsonschema's error order; nothing for a value it clears, the whole value if the schema
        does not compile."""
        if self._root is None:
            yield Failure(value, self.schema, (), ())
        elif not self._root.check(value):
            yield from _failures(self._root, value, (), ())

    def iter_errors(self, value: Any) -> Iterator[Any]:
        """jsonschema's errors for the value, the same as `full_errors` gives, in the same
        order, but jsonschema sees only the failing subtrees."""
        if self.certainly_valid(value):
            return iter(())
        return self._errors(self.failures(value))

    def full_errors(self, value: Any) -> Iterator[Any]:
        """What jsonschema alone says on the whole value: the reference for `iter_errors`."""
        errors: Iterator[Any] = self._jsonschema().iter_errors(value)
        return errors

    def _jsonschema(self) -> Any:
        if self._full is None:
            from jsonschema import Draft202012Validator

            checker = Draft202012Validator.FORMAT_CHECKER if self.formats else None
            cls = self._full_class() if self._full_class is not None else Draft202012Validator
            self._full = cls(self.schema, format_checker=checker)
        return self._full

    def _errors(self, failures: Iterator[Failure]) -> Iterator[Any]:
        full = self._jsonschema()
        for instance, schema, path, schema_path in failures:
            if schema is self.schema:
                yield from full.iter_errors(instance)
                continue
            sub = self._evolved.get(id(schema))
            if sub is None:
                # as jsonschema's own descend(): same class, format checker and resolver
                sub = self._evolved[id(schema)] = full.evolve(schema=schema)
            for error in sub.iter_errors(instance):
                # what descend() prepends on the way back up (its parent stays None)
                error.path.extendleft(reversed(path))
                error.schema_path.extendleft(reversed(schema_path))
                yield error

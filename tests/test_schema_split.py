"""jsonschema on the failing subtrees only: the same errors as on the whole document.

The compiled check splits a document it cannot clear into the smallest (subtree, subschema)
failures; jsonschema runs on each.  Every error must be the one a whole-document run gives:
same absolute and relative paths and schema paths, message, keyword, instance and schema
objects, context, in the same order, and so the same problems.
"""

from __future__ import annotations

import copy
import difflib
import json
import subprocess
import sys
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from privlint.engine.regex import compile_user, user_schema_validator
from privlint.loader import Limits, load_file
from privlint.validate import declaration_validator, jsonschema_problems, validate, without_cascades
from privlint.validate.compiled import Failure, SchemaValidator
from tests.conftest import EXAMPLES, REPO, node_paths


def signature(error: Any) -> tuple[Any, ...]:
    """Everything of a jsonschema error that anyone reads, its context included."""
    return (
        tuple(error.absolute_path),
        tuple(error.relative_path),
        tuple(error.absolute_schema_path),
        tuple(error.relative_schema_path),
        error.validator,
        repr(error.validator_value),
        error.message,
        id(error.instance),
        id(error.schema),
        error.parent is None,
        [signature(c) for c in error.context],
    )


def assert_same_as_whole(validator: SchemaValidator, data: Any) -> None:
    split = [signature(e) for e in validator.iter_errors(data)]
    assert split == [signature(e) for e in validator.full_errors(data)]


def at(data: Any, path: tuple[Any, ...]) -> Any:
    for part in path:
        data = data[part]
    return data


def failures(data: Any) -> list[tuple[tuple[Any, ...], tuple[Any, ...]]]:
    return [(f.path, f.schema_path) for f in declaration_validator().failures(data)]


def document(name: str) -> Any:
    loaded = load_file(EXAMPLES / name, name, Limits()).document
    assert loaded is not None
    return loaded.data


COMPLETE = document("complete.privacy.yaml")
BASES = [COMPLETE, document("tracks.privacy.yaml"), document("bk-it-solutions.privacy.yaml")]


def test_the_bases_are_valid() -> None:
    assert all(declaration_validator().certainly_valid(d) for d in BASES)
    assert list(declaration_validator().failures(COMPLETE)) == []


# -- where the split stops: one case per kind of failure ---------------------------------------


def edited(path: tuple[Any, ...], value: Any) -> Any:
    data = copy.deepcopy(COMPLETE)
    at(data, path[:-1])[path[-1]] = value
    return data


ACTIVITY = ("activities", 0)
CASES = {
    # a format inside a $ref'd definition: down to the date, the $ref leaves no schema step
    "date": (
        edited(("statement", "last_updated"), "2026-02-30"),
        [
            (
                ("statement", "last_updated"),
                ("properties", "statement", "properties", "last_updated"),
            )
        ],
    ),
    "pattern": (
        edited(("statement", "language"), "Dutch"),
        [(("statement", "language"), ("properties", "statement", "properties", "language"))],
    ),
    # an item of a list inside an item of a list, both behind $refs
    "nested list": (
        edited((*ACTIVITY, "data_categories", 1), "contact.e-mail"),
        [
            (
                (*ACTIVITY, "data_categories", 1),
                ("properties", "activities", "items", "properties", "data_categories", "items"),
            )
        ],
    ),
    # anyOf reports at its own node: handed over whole, not one branch
    "anyOf": (
        edited((*ACTIVITY, "legal_basis"), "Art 6"),
        [
            (
                (*ACTIVITY, "legal_basis"),
                ("properties", "activities", "items", "properties", "legal_basis"),
            )
        ],
    ),
    # an unknown key is the mapping's error: the whole activity, so the suggestion is there
    "unknown key": (
        edited((*ACTIVITY, "retension"), {"period": "P1Y"}),
        [(ACTIVITY, ("properties", "activities", "items"))],
    ),
    "type": (
        edited(("controller",), "Acme"),
        [(("controller",), ("properties", "controller"))],
    ),
}


@pytest.mark.parametrize("name", list(CASES))
def test_the_split_stops_at_the_failing_node(name: str) -> None:
    data, expected = CASES[name]
    assert failures(data) == expected
    for failure in declaration_validator().failures(data):
        assert failure.instance is at(data, failure.path)
    assert_same_as_whole(declaration_validator(), data)
    assert validate(data) == without_cascades(jsonschema_problems(data))
    assert validate(data)


def test_a_typo_keeps_its_suggestion_and_drops_the_missing_field() -> None:
    data = copy.deepcopy(COMPLETE)
    activity = data["activities"][0]
    activity["idd"] = activity.pop("id")
    problems = validate(data)
    assert [p.rule for p in problems] == ["unknown-key"]
    assert problems[0].params == {"suggestion": "id"}
    assert problems[0].pointer == ("activities", 0, "idd")
    assert {p.rule for p in jsonschema_problems(data)} == {"unknown-key", "missing-field"}


def test_failures_in_many_places_come_in_jsonschema_order() -> None:
    data = copy.deepcopy(COMPLETE)
    data["statement"]["last_updated"] = "yesterday"
    for activity in data["activities"]:
        activity["retention"] = {"period": "one year"}
    data["privlint"] = 2
    assert len(failures(data)) == len(data["activities"]) + 2
    assert_same_as_whole(declaration_validator(), data)
    assert validate(data) == without_cascades(jsonschema_problems(data))


def test_a_root_that_fails_itself_goes_whole() -> None:
    data = copy.deepcopy(COMPLETE)
    del data["privlint"]
    assert failures(data) == [((), ())]
    assert failures([1]) == [((), ())]


# -- mutated declarations: the split run says what the whole run says ------------------------

TYPO = ["retension", "purpsoe", "legal_bases", "perod", "contry", "mechansim", "nmae", "x-ok"]
VALUES = st.sampled_from(
    [
        None, True, 0, 1, 1.5, "", "x", "Acme", "2026-01-01", "2026-02-30", "2026-1-1", "20260101",
        "nl", "NL", "en-GB", "Dutch", "zz", "EU", "gdpr-6-1-a", "gdpr-6-1-x", "my.basis",
        "Bad Basis", "gdpr-9-2-a", "P1Y", "P1X", "P", "session", "https://x.nl", "ftp://x",
        "a@b.nl", "a@b", "controller", "processor", "contact.email", "account", "customers",
        "end-of-contract", "adequacy-decision", [], ["account", "account"], [1, 1], {},
        {"period": "P1Y"}, {"after": "P1M"}, {"typo": 1}, [{"id": "x"}],
    ]
)  # fmt: skip


# where the schema has formats, patterns, anyOf, $ref'd definitions and nested lists
INTERESTING = {"last_updated", "language", "legal_basis", "special_category_condition", "country",
               "derogation", "retention", "period", "after", "until", "data_categories",
               "data_subjects", "email", "url", "mechanism", "recipients", "cookies"}  # fmt: skip
# a near miss of the value that is there: a date, a code, an identifier, a pattern's form
NEAR: dict[str, Callable[[str], str]] = {
    "append": lambda s: s + "x",
    "upper": str.upper,
    "cut": lambda s: s[:-1],
    "space": lambda s: s.replace("-", " "),
}
Path = tuple[Any, ...]
Edit = tuple[Path, str, Any, str]


def edits_of(base: Any) -> st.SearchStrategy[list[Edit]]:
    paths = node_paths(base)[1:]
    interesting = [p for p in paths if INTERESTING & {str(k) for k in p}]
    one_each = [
        next(p for p in interesting if k in p)
        for k in sorted(INTERESTING)
        if any(k in p for p in interesting)
    ]
    edit = st.tuples(
        st.sampled_from(paths) | st.sampled_from(interesting) | st.sampled_from(one_each),
        st.sampled_from(["set", *NEAR, "delete", "rename", "add", "duplicate"]),
        VALUES,
        st.sampled_from(TYPO),
    )
    return st.lists(edit, min_size=1, max_size=4)


mutations = st.sampled_from(range(len(BASES))).flatmap(
    lambda i: st.tuples(st.just(i), edits_of(BASES[i]))
)


def mutate(base: int, changes: list[Edit]) -> Any:
    data = copy.deepcopy(BASES[base])
    for path, op, value, key in changes:
        try:
            parent = at(data, path[:-1])
            last = path[-1]
            if op == "set":
                parent[last] = value
            elif op in NEAR and isinstance(parent[last], str):
                parent[last] = NEAR[op](parent[last])
            elif op == "delete":
                del parent[last]
            elif op == "rename" and isinstance(parent, dict):
                # a near miss of the real key (a suggestion) or a key from elsewhere
                close = difflib.get_close_matches(key, [last], n=1, cutoff=0.5)
                parent[key if close or key.startswith("x-") else f"{last}s"] = parent.pop(last)
            elif op == "add" and isinstance(parent[last], dict):
                parent[last][key] = value
            elif op == "add" and isinstance(parent[last], list):
                parent[last].append(value)
            elif op == "duplicate" and isinstance(parent[last], list) and parent[last]:
                parent[last].append(copy.deepcopy(parent[last][0]))
        except (KeyError, IndexError, TypeError):
            continue  # an earlier edit moved the path away
    return data


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutation=mutations)
def test_split_errors_equal_whole_document_errors(mutation: tuple[int, list[Edit]]) -> None:
    data = mutate(*mutation)
    validator = declaration_validator()
    assert_same_as_whole(validator, data)
    whole = jsonschema_problems(data)
    assert validate(data) == without_cascades(whole)
    found = list(validator.failures(data))
    if not found:  # cleared: jsonschema must agree there is nothing
        assert whole == []
    for failure in found:
        assert failure.instance is at(data, failure.path)


# -- schemas that are not privlint's: rule fragments on RE2, and the cases that stay whole ----

NESTED = {
    "type": "object",
    "properties": {
        "a": {"type": "array", "items": {"type": "array", "items": {"$ref": "#/$defs/leaf"}}},
        "x-fixed": {"type": "integer"},
        "tree": {"$ref": "#/$defs/tree"},
    },
    "patternProperties": {"^x-": {"type": "string"}, "^x-f": {"minLength": 3}},
    "$defs": {
        "leaf": {"type": "string", "pattern": "^[a-z]+$"},
        "tree": {"type": "object", "properties": {"kids": {"items": {"$ref": "#/$defs/tree"}}}},
    },
}
values = st.recursive(
    st.none() | st.integers(0, 2) | st.sampled_from(["ab", "AB", "x", "xyzw"]),
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(st.sampled_from(["a", "x-fixed", "x-f", "x-y", "tree", "kids"]), inner)
    ),
    max_leaves=12,
)


@pytest.mark.parametrize(
    "make",
    [
        lambda: SchemaValidator(NESTED),
        lambda: SchemaValidator(NESTED, regex=compile_user, full=user_schema_validator),
    ],
    ids=["re", "re2"],
)
@settings(max_examples=150, deadline=None)
@given(value=values)
def test_nested_lists_overlapping_patterns_and_recursion(make: Any, value: Any) -> None:
    assert_same_as_whole(make(), value)


def test_a_key_under_two_patterns_fails_under_both() -> None:
    value = {"x-fixed": "ab", "a": [["ab", "AB"], [1]]}
    assert [(f.path, f.schema_path) for f in SchemaValidator(NESTED).failures(value)] == [
        (("a", 0, 1), ("properties", "a", "items", "items")),
        (("a", 1, 0), ("properties", "a", "items", "items")),
        (("x-fixed",), ("properties", "x-fixed")),  # not an integer
        (("x-fixed",), ("patternProperties", "^x-f")),  # too short; a string, as ^x- wants
    ]
    assert_same_as_whole(SchemaValidator(NESTED), value)


@pytest.mark.parametrize(
    "schema",
    [
        {"properties": {"a": False}},  # false reports with no keyword of its own
        {"properties": {"a": {"$id": "https://example.org/a", "type": "string"}}},  # new base
    ],
)
def test_doubtful_subschemas_are_not_entered(schema: dict[str, Any]) -> None:
    validator = SchemaValidator(schema)
    value = {"a": 1, "b": 2}
    assert list(validator.failures(value)) == [Failure(value, schema, (), ())]
    assert_same_as_whole(validator, value)


def test_an_uncompiled_schema_goes_whole() -> None:
    schema = {"properties": {"a": {"type": "string"}}, "propertyNames": {"maxLength": 3}}
    validator = SchemaValidator(schema)
    assert validator.quick is None
    assert list(validator.failures({"a": 1})) == [Failure({"a": 1}, schema, (), ())]
    assert_same_as_whole(validator, {"a": 1, "long": 2})


def test_finding_the_failures_does_not_import_jsonschema() -> None:
    data = CASES["nested list"][0]
    probe = (
        "import json, sys\n"
        "from privlint.validate import declaration_validator\n"
        "found = list(declaration_validator().failures(json.loads(sys.argv[1])))\n"
        "print(len(found), 'jsonschema' in sys.modules)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe, json.dumps(data)],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    assert out.stdout.split() == ["1", "False"]

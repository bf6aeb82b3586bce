"""The fast path (lean loader, compiled schema check, process pool) never changes a finding.

Every comparison is against the slow path, `lint_target` with the position-keeping loader and
jsonschema, on the examples, every rule fixture, and every hostile case of issue 6.
"""

from __future__ import annotations

import copy
import multiprocessing
import shutil
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from privlint import parallel
from privlint.config import Settings
from privlint.discovery import Target, discover
from privlint.engine.registry import RuleSet
from privlint.engine.run import Runner, build_runner
from privlint.fastpath import is_clean, quick_load
from privlint.lint import lint, lint_target
from privlint.loader import Limits, load_file
from privlint.validate import declaration_validator, jsonschema_problems, validate
from privlint.validate.compiled import compile_schema
from tests.conftest import EXAMPLES, REPO
from tests.hostile.cases import CASES, Case

FIXTURES = REPO / "tests" / "rules" / "fixtures"
DECLARATIONS = REPO / "tests" / "data" / "declarations"
REAL_FILES = sorted(
    [*EXAMPLES.glob("*.privacy.yaml"), *FIXTURES.rglob("*.y*ml"), *DECLARATIONS.glob("*")]
)

Engine = tuple[RuleSet, Settings, Runner]


@pytest.fixture(scope="module")
def engine() -> Engine:
    s = Settings()
    ruleset = s.ruleset()
    return ruleset, s, build_runner(ruleset, s)


def target(path: Path) -> Target:
    return Target(path, path.name)


def assert_same(path: Path, engine: Engine) -> None:
    t = target(path)
    assert parallel.check_target(t, *engine) == lint_target(t, *engine), path


def test_the_real_files_are_there() -> None:
    assert len(REAL_FILES) > 40


@pytest.mark.parametrize("path", REAL_FILES, ids=lambda p: str(p.relative_to(REPO)))
def test_same_findings_on_real_files(path: Path, engine: Engine) -> None:
    assert_same(path, engine)


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_same_findings_on_hostile_input(case: Case, tmp_path: Path, engine: Engine) -> None:
    args = case.setup(tmp_path)
    paths = [tmp_path / a for a in args if not a.startswith("-") and (tmp_path / a).exists()]
    for t in discover(paths, cwd=tmp_path):
        assert parallel.check_target(t, *engine) == lint_target(t, *engine), case.name


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_lean_loader_builds_what_the_loader_builds(case: Case, tmp_path: Path) -> None:
    args = case.setup(tmp_path)
    paths = [tmp_path / a for a in args if not a.startswith("-") and (tmp_path / a).exists()]
    for t in discover(paths, cwd=tmp_path):
        quick = quick_load(t.path, Limits())
        if quick is None:
            continue
        slow = load_file(t.path, t.display, Limits())
        assert slow.problems == [] and slow.document is not None, case.name
        assert repr(quick[0]) == repr(slow.document.data)
        assert quick[1] == slow.document.text


def test_clean_example_takes_the_fast_path(engine: Engine) -> None:
    # If this fails, the fast path silently stopped working and every file pays the slow one.
    assert is_clean(target(EXAMPLES / "complete.privacy.yaml"), *engine)


def test_example_data_is_identical(engine: Engine) -> None:
    path = EXAMPLES / "complete.privacy.yaml"
    quick = quick_load(path, Limits())
    slow = load_file(path, "x", Limits()).document
    assert quick is not None and slow is not None
    assert quick[0] == slow.data
    assert str(quick[0]["statement"]["last_updated"]) == "2026-09-01"  # a date stays a string


@pytest.mark.parametrize(
    "text",
    [
        "privlint: 1\na: &x 1\nb: *x\n",  # anchor and alias
        "privlint: !!int 1\n",  # explicit tag
        "privlint: ! 1\n",  # non-specific tag
        "privlint: 1\nbase: {a: 1}\nx:\n  <<: {a: 2}\n",  # merge key
        "privlint: 1\nprivlint: 2\n",  # duplicate key
        "privlint: 1\n---\nprivlint: 2\n",  # two documents
        "? [a, b]\n: 1\n",  # a collection as key
        "- privlint: 1\n",  # not a mapping
        "",  # empty
        "privlint: 1\na: [\n",  # a syntax error
        "a:\n" + "".join("  " * i + " b:\n" for i in range(1, 70)) + "  " * 70 + " c: 1\n",
    ],
    ids=[
        *("alias", "tag", "bang-tag", "merge", "duplicate", "two-docs", "collection-key"),
        *("list", "empty", "syntax", "deep"),
    ],
)
def test_lean_loader_leaves_the_unusual_to_the_loader(text: str, tmp_path: Path) -> None:
    path = tmp_path / "privacy.yaml"
    path.write_text(text, encoding="utf-8")
    assert quick_load(path, Limits()) is None


def test_size_limit_is_the_loaders(tmp_path: Path) -> None:
    path = tmp_path / "privacy.yaml"
    shutil.copy(EXAMPLES / "complete.privacy.yaml", path)
    assert quick_load(path, Limits(max_file_size=100)) is None
    assert quick_load(path, Limits(max_file_size=0)) is not None


@pytest.mark.parametrize("max_file_size", [0, 1_000_000])
def test_node_limit_is_the_loaders(max_file_size: int, tmp_path: Path) -> None:
    path = tmp_path / "privacy.yaml"
    shutil.copy(EXAMPLES / "complete.privacy.yaml", path)  # about 400 nodes
    limits = Limits(max_file_size=max_file_size, max_nodes=100)
    slow = load_file(path, "x", limits)
    quick = quick_load(path, limits)
    if slow.problems:
        assert quick is None
    else:
        assert quick is not None and slow.document is not None
        assert quick[0] == slow.document.data


def test_pool_gives_the_serial_findings_in_target_order(tmp_path: Path, engine: Engine) -> None:
    if "fork" not in multiprocessing.get_all_start_methods():
        pytest.skip("no fork on this platform")
    for i, src in enumerate(REAL_FILES[:24]):
        shutil.copy(src, tmp_path / f"{i:02d}-{src.parent.name}-{src.name}")
    targets = discover(sorted(tmp_path.iterdir()), cwd=tmp_path)
    assert parallel.jobs_for(len(targets)) >= 1
    serial = [lint_target(t, *engine) for t in targets]
    assert any(serial) and not all(serial)  # both clean and failing files are in the mix
    pooled = parallel.lint_all(targets, *engine)
    assert pooled == serial


def test_lint_report_equals_the_slow_path(tmp_path: Path, engine: Engine) -> None:
    for i, src in enumerate(REAL_FILES):
        shutil.copy(src, tmp_path / f"{i:03d}.privacy.yaml")
    targets = discover([tmp_path], cwd=tmp_path)
    report = lint(targets, engine[1])
    assert report.findings == [f for t in targets for f in lint_target(t, *engine)]


# The compiled schema check: True must mean jsonschema finds nothing.

EXAMPLE = load_file(EXAMPLES / "complete.privacy.yaml", "x").document
assert EXAMPLE is not None

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8)
    | st.sampled_from(["gdpr-6-1-a", "P6M", "NL", "US", "2026-02-30", "2026-01-01", "x-a",
                       "controller", "contact.name", "", "https://x.nl", "a@b.nl"]),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(
        st.sampled_from(["id", "name", "x-note", "retention", "period", "until", "after",
                         "legal_basis", "role", "typo", "country", "mechanism"]), inner,
        max_size=3),
    max_leaves=6,
)  # fmt: skip


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix]
    if isinstance(node, dict):
        for k, v in node.items():
            out.extend(_paths(v, (*prefix, k)))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            out.extend(_paths(v, (*prefix, i)))
    return out


PATHS = _paths(EXAMPLE.data)[1:]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    edits=st.lists(
        st.tuples(st.sampled_from(PATHS), st.sampled_from(["set", "delete", "add"]), json_values),
        min_size=1,
        max_size=3,
    )
)
def test_compiled_schema_check_is_sound(edits: list[tuple[tuple[Any, ...], str, Any]]) -> None:
    data = copy.deepcopy(EXAMPLE.data)
    for path, op, value in edits:
        parent: Any = data
        try:
            for part in path[:-1]:
                parent = parent[part]
            last = path[-1]
            if op == "set":
                parent[last] = value
            elif op == "delete":
                del parent[last]
            elif isinstance(parent[last], dict):
                parent[last]["x-added" if isinstance(value, str) else "added"] = value
            elif isinstance(parent[last], list):
                parent[last].append(value)
        except (KeyError, IndexError, TypeError):
            continue  # an earlier edit removed the path
    expected = jsonschema_problems(data)
    if declaration_validator().certainly_valid(data):
        assert expected == []
    assert validate(data) == expected


def test_declaration_schema_compiles() -> None:
    assert declaration_validator().quick is not None


def test_unknown_keywords_give_no_fast_check() -> None:
    assert compile_schema({"type": "object", "propertyNames": {"maxLength": 3}}) is None
    assert compile_schema({"$ref": "https://example.org/schema"}) is None
    assert compile_schema({"format": "email"}) is None


def test_schema_semantics_follow_jsonschema() -> None:
    check = compile_schema(
        {
            "type": "object",
            "properties": {"n": {"type": "integer"}, "d": {"format": "date"}},
            "patternProperties": {"^x-": True},
            "additionalProperties": False,
            "required": ["n"],
        }
    )
    assert check is not None
    assert check({"n": 1, "x-any": [1]})
    assert not check({"n": True})  # a boolean is not an integer
    assert not check({"n": 1, "other": 1})
    assert not check({})
    assert not check({"n": 1, "d": "2026-02-30"})  # no such day
    assert check({"n": 1, "d": 20260101})  # format constrains strings only

"""One pipeline, fast by construction: the data-only load never changes a finding.

`load_file` builds data without positions, and a document's position index is built only when
a finding needs it.  Every comparison is against the position-keeping parse (`parse_text`) on
the examples, every rule fixture and every hostile case: same data, same problems, and the
positions found on demand locate every node as the index built in the same pass does.
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
from privlint.lint import lint, lint_target
from privlint.loader import Limits, decode, load_file, parse_text, read_bytes
from privlint.validate import declaration_validator, jsonschema_problems, validate
from privlint.validate.compiled import compile_schema
from tests.conftest import EXAMPLES, REPO, node_paths
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


def assert_same(path: Path, limits: Limits | None = None) -> None:
    """load_file (data first, positions on demand) == parse_text (positions in the same pass)."""
    limits = limits or Limits()
    lean = load_file(path, path.name, limits)
    raw = read_bytes(path, limits.max_file_size)
    text = decode(raw)[0] if isinstance(raw, bytes) else None
    if text is None:
        assert lean.document is None
        return
    data, positions, problems = parse_text(text, limits)
    assert lean.problems == problems, path
    if data is None:
        assert lean.document is None, path
        return
    assert lean.document is not None
    assert repr(lean.document.data) == repr(data), path
    pointers = sorted({*positions.values, *positions.keys}, key=repr)
    part = lean.document.positions_for(pointers)
    for pointer in pointers:
        for on_key in (False, True):
            assert part.locate(pointer, on_key=on_key) == positions.locate(pointer, on_key=on_key)


def test_the_real_files_are_there() -> None:
    assert len(REAL_FILES) > 40


@pytest.mark.parametrize("path", REAL_FILES, ids=lambda p: str(p.relative_to(REPO)))
def test_same_document_on_real_files(path: Path) -> None:
    assert_same(path)


@pytest.mark.parametrize("case", [c for c in CASES if not c.slow], ids=lambda c: c.name)
def test_same_document_on_hostile_input(case: Case, tmp_path: Path) -> None:
    args = case.setup(tmp_path)
    paths = [tmp_path / a for a in args if not a.startswith("-") and (tmp_path / a).exists()]
    for t in discover(paths, cwd=tmp_path):
        assert_same(t.path)


def test_a_clean_file_never_builds_positions(engine: Engine) -> None:
    # If this fails, every clean file pays for a position index it never uses.
    path = EXAMPLES / "complete.privacy.yaml"
    document = load_file(path, "x").document
    assert document is not None and document.index is None
    assert lint_target(target(path), *engine) == []


def test_example_data_is_identical() -> None:
    path = EXAMPLES / "complete.privacy.yaml"
    lean = load_file(path, "x", Limits()).document
    assert lean is not None
    assert lean.data == parse_text(lean.text)[0]
    assert str(lean.data["statement"]["last_updated"]) == "2026-09-01"  # a date stays a string


@pytest.mark.parametrize(
    ("text", "lean"),
    [
        ("privlint: 1\na: &x 1\nb: *x\n", True),  # anchor and alias
        ("privlint: !!int 1\n", True),  # explicit tag
        ("privlint: ! 1\n", True),  # non-specific tag
        ("privlint: 1\nbase: {a: 1}\nx:\n  <<: {a: 2}\n", True),  # merge key
        ('privlint: 1\n"<<": {a: 2}\n', True),  # a quoted merge key is a key
        ("privlint: 1\n---\nprivlint: 2\n", True),  # two documents
        ("privlint: 1\nprivlint: 2\n", False),  # duplicate key: reported with positions
        ("? [a, b]\n: 1\n", False),  # a collection as key
        ("privlint: !!python/object:os.system x\n", False),  # a refused tag
        ("- privlint: 1\n", False),  # not a mapping
        ("", True),  # empty
        ("privlint: 1\na: [\n", True),  # a syntax error
        ("a:\n" + "".join("  " * i + " b:\n" for i in range(1, 70)) + "  " * 70 + " c: 1\n", False),
    ],
    ids=[
        *("alias", "tag", "bang-tag", "merge", "quoted-merge", "two-docs", "duplicate"),
        *("collection-key", "python-tag", "list", "empty", "syntax", "deep"),
    ],
)
def test_one_builder_with_and_without_positions(text: str, lean: bool) -> None:
    data, positions, problems = parse_text(text, positions=False)
    assert (repr(data), problems) == (repr(parse_text(text)[0]), parse_text(text)[2])
    # Anchors, tags and merges are plain data; loader problems need positions, so the text is
    # read again with them.
    assert (positions.values == {}) is lean or (not lean and problems != [])


def test_size_limit_is_the_same(tmp_path: Path) -> None:
    path = tmp_path / "privacy.yaml"
    shutil.copy(EXAMPLES / "complete.privacy.yaml", path)
    for max_file_size in (100, 0):
        assert_same(path, Limits(max_file_size=max_file_size))


@pytest.mark.parametrize("max_file_size", [0, 1_000_000])
def test_node_limit_is_the_same(max_file_size: int, tmp_path: Path) -> None:
    path = tmp_path / "privacy.yaml"
    shutil.copy(EXAMPLES / "complete.privacy.yaml", path)  # about 400 nodes
    assert_same(path, Limits(max_file_size=max_file_size, max_nodes=100))


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


def test_lint_report_equals_one_file_at_a_time(tmp_path: Path, engine: Engine) -> None:
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


PATHS = node_paths(EXAMPLE.data)[1:]


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


def test_an_ignored_rule_costs_no_positions(
    engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Problems of rules a per-file-ignores entry switches off for the file are dropped before
    positions are looked up: a file whose only problems are ignored needs no second pass.
    (A disabled rule does not even run.)"""
    from privlint.loader import Document

    path = tmp_path / "x.privacy.yaml"
    text = (EXAMPLES / "complete.privacy.yaml").read_text(encoding="utf-8")
    path.write_text(text.replace("last_updated: 2026-09-01", "last_updated: 2018-05-25"), "utf-8")
    ruleset, s, runner = engine
    (stale,) = lint_target(target(path), ruleset, s, runner)  # PL122: the statement is old
    passes: list[int] = []
    positions_for = Document.positions_for

    def counting(self: Document, pointers: Any) -> Any:
        passes.append(1)
        return positions_for(self, pointers)

    monkeypatch.setattr(Document, "positions_for", counting)
    quiet = s.replace(per_file_ignores=(("x.*", frozenset({stale.code})),))
    assert lint_target(target(path), ruleset, quiet, runner) == []
    assert passes == []
    assert lint_target(target(path), ruleset, s, runner) == [stale] and passes == [1]

"""Positions on demand: the pass that tracks only the pointers asked for places each of them
exactly as the whole position index does.

The oracle is the whole index that the position-keeping parse (`parse_text`) builds from the
same event stream; every pointer it holds, and pointers below it that the data lacks (a missing
key or index falls back to the nearest ancestor), is asked for all at once, alone and in
random groups, on the examples, every rule fixture, the YAML test suite and crafted texts.
"""

from __future__ import annotations

import io
import random
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from privlint.findings import Pointer
from privlint.loader import PositionIndex, decode, load_text, parse_text, positions_for
from tests.conftest import REPO
from tests.test_fast_path import REAL_FILES
from tests.yaml_suite.verdicts import load_cases


def oracle(text: str) -> tuple[Any, PositionIndex] | None:
    """(data, whole index) of a text the data-only load reads without a loader problem."""
    document = load_text(text, Path("x.yaml"), "x.yaml").document
    if document is None or document.index is not None:
        return None  # not a declaration, or the loader kept the whole index anyway
    return document.data, parse_text(text)[1]


def pointers_of(index: PositionIndex) -> list[Pointer]:
    known = set(index.values) | set(index.keys)
    missing = {q for p in known for q in ((*p, "missing"), (*p, 10**6), (*p, 0, "deeper"))}
    return sorted(known | missing, key=repr)


def assert_locates_as_the_whole_index(text: str, *, seed: int = 0, singles: int = 10) -> int:
    found = oracle(text)
    if found is None:
        return 0
    data, whole = found
    pointers = pointers_of(whole)
    rnd = random.Random(seed)
    groups = [pointers]
    groups += [[p] for p in rnd.sample(pointers, min(singles, len(pointers)))]
    groups += [rnd.sample(pointers, min(5, len(pointers))) for _ in range(5)]
    for group in groups:
        part = positions_for(text, data, group)
        for pointer in group:
            for on_key in (False, True):
                assert part.locate(pointer, on_key=on_key) == whole.locate(
                    pointer, on_key=on_key
                ), (pointer, on_key)
    return len(pointers)


@pytest.mark.parametrize("path", REAL_FILES, ids=lambda p: str(p.relative_to(REPO)))
def test_real_files(path: Path) -> None:
    text = decode(path.read_bytes())[0]
    if text is not None:
        assert_locates_as_the_whole_index(text, seed=len(text))


def test_the_yaml_test_suite() -> None:
    cases = load_cases()
    asked = sum(assert_locates_as_the_whole_index(c["yaml"], singles=3) for c in cases)
    assert asked > 1000  # the suite's declarations were really asked about


CRAFTED = {
    "merge-alias": "privlint: 1\nbase: &b {a: 1, c: [1, 2]}\nx:\n  <<: *b\n  d: 2\n",
    "merge-order": "privlint: 1\nb: &b\n  a: 1\n  c: 2\nx:\n  a: 5\n  <<: *b\n  c: 3\n",
    "merge-list": "privlint: 1\nb: &b {a: 1}\ny:\n  <<: [*b, {q: 1}]\n  c: 9\n",
    "merge-inline": "privlint: 1\nx:\n  <<: {a: 1, b: {c: 2}}\n  d: 3\n",
    "two-merges": "privlint: 1\nb: &b {a: 1}\nx:\n  <<: *b\n  <<: {a: 2, z: 3}\n",
    "quoted-merge": 'privlint: 1\nb: &b {a: 1}\nx:\n  "<<": 1\n  <<: *b\n',
    "alias-key": "privlint: 1\nk: &k name\n*k : 2\n",
    "alias-value": "privlint: 1\nb: &b {a: {c: 1}}\nx: *b\ny: [*b, *b]\n",
    "empty-values": "privlint: 1\nx:\n  a:\n  b:\n    - \n    -\n  c: {d: , e: }\n",
    "json": '{"privlint": 1, "x": {"a": [1, 2, {"b": null}], "c": ""}}\n',
    "styles": "privlint: 1\nx: [a, {b: c}, [d]]\ny: !!str 1\nz: |\n  text\n\nw: >-\n  more\n",
    "compact": "privlint: 1\nx:\n- a\n- b:\n  - c\n  - [d, e]\n",
    "explicit-keys": "privlint: 1\n? a\n: b\n? c\n",
    "no-final-break": "privlint: 1\nx:\n  y: |\n    z",
    "crlf": "privlint: 1\r\nx:\r\n  - a\r\n  -\r\n",
    "tab-pure-parser": "privlint: 1  #\ttab\nx: [a, {b: c}]\n",
    "comments": "privlint: 1  # c\nx: # c\n  # c\n  a: 1 # c\n\n# end\n",
}


@pytest.mark.parametrize("text", CRAFTED.values(), ids=CRAFTED.keys())
def test_crafted(text: str) -> None:
    assert assert_locates_as_the_whole_index(text, singles=100) > 0


def test_one_pointer_records_only_its_path() -> None:
    text = (REPO / "examples" / "complete.privacy.yaml").read_text(encoding="utf-8")
    found = oracle(text)
    assert found is not None
    data, whole = found
    part = positions_for(text, data, [("activities", 1, "retention", "period")])
    assert set(part.values) == {
        (),
        ("activities",),
        ("activities", 1),
        ("activities", 1, "retention"),
        ("activities", 1, "retention", "period"),
    }
    assert set(part.keys) == set(part.values) - {(), ("activities", 1)}  # keys of mappings
    assert len(whole.values) > 100


keys = st.sampled_from(["a", "b", "<<", "id", "x y", "1", ""])
scalars = st.none() | st.booleans() | st.integers(-5, 5) | st.sampled_from(["", "t", "a: b", "-"])
trees = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(keys, inner, max_size=3),
    max_leaves=8,
)


@settings(max_examples=100, deadline=None)
@given(
    tree=st.dictionaries(keys, trees, min_size=1, max_size=4),
    flow=st.sampled_from([None, True, False]),
)
def test_generated_documents(tree: dict[str, Any], flow: bool | None) -> None:
    from ruamel.yaml import YAML

    yaml = YAML(typ="safe", pure=True)
    yaml.default_flow_style = flow
    out = io.StringIO()
    yaml.dump(tree, out)
    assert_locates_as_the_whole_index(out.getvalue(), singles=10)

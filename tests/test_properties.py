"""Property-based tests: whatever the input, privlint answers with findings, never a crash.

For random documents, random bytes and random mutations of the complete example (keys deleted,
duplicated, retyped, renamed; the text truncated at any byte): the check exits 0 or 1 (2 would
be an internal error), its JSON output is strict JSON, the result does not depend on the order
in which files are given, and a second run prints exactly the same.

The example count is small for CI.  A long run: PRIVLINT_FUZZ=long (2,000 examples per test)
or PRIVLINT_FUZZ=<number>.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from privlint import app
from privlint.loader import parse_text
from tests.conftest import node_paths

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = (REPO / "examples" / "complete.privacy.yaml").read_text(encoding="utf-8")
EXAMPLE_DATA = parse_text(EXAMPLE)[0]


def _examples() -> int:
    wanted = os.environ.get("PRIVLINT_FUZZ", "")
    if wanted == "long":
        return 2000
    return int(wanted) if wanted.isdigit() else 10


FUZZ = settings(
    max_examples=_examples(),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def _strict_json(text: str) -> Any:
    def reject(name: str) -> Any:
        raise ValueError(f"not strict JSON: {name}")

    return json.loads(text, parse_constant=reject)


def check(files: dict[str, bytes], order: list[str] | None = None) -> tuple[int, str]:
    """`privlint check -f json` in a fresh directory; returns the exit code and the report."""
    with tempfile.TemporaryDirectory() as d, contextlib.chdir(d):
        for name, content in files.items():
            Path(name).write_bytes(content)
        err = io.StringIO()
        with contextlib.redirect_stderr(err):
            code = app.main(["check", "-f", "json", "--output", "out.json", *(order or files)])
        assert code in (0, 1), err.getvalue()
        assert "Traceback" not in err.getvalue()
        return code, Path("out.json").read_text(encoding="utf-8")


def assert_sound(files: dict[str, bytes]) -> None:
    """The four properties, for one set of files."""
    names = sorted(files)
    code, report = check(files, names)
    parsed = _strict_json(report)
    assert parsed["summary"]["files"] == len(files)
    assert check(files, names[::-1]) == (code, report)  # order given does not matter
    assert check(files, names) == (code, report)  # and a second run is identical


def dump_yaml(data: Any) -> bytes:
    from ruamel.yaml import YAML

    yaml = YAML(typ="safe", pure=True)
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue().encode("utf-8")


# Strategies ---------------------------------------------------------------------------------

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
    st.sampled_from(["no", "on", "0o12", "1e3", "2020-05-14", "gdpr-6-1-a", "NL", "P2Y"]),
)
keys = st.one_of(
    st.text(max_size=20),
    st.sampled_from(sorted(EXAMPLE_DATA)),
    st.sampled_from(["id", "name", "role", "legal_basis", "retention", "x-extra", "<<"]),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(keys, inner, max_size=4)),
    max_leaves=25,
)


POINTERS = node_paths(EXAMPLE_DATA)[1:]  # every node but the root


def copy_tree(node: Any) -> Any:
    return json.loads(json.dumps(node))


def _mutate(data: Any, pointer: tuple[Any, ...], op: str, new: Any, name: str) -> None:
    parent = data
    for part in pointer[:-1]:
        parent = parent[part]
    last = pointer[-1]
    if op == "delete":
        del parent[last]
    elif op == "retype":
        parent[last] = new
    elif op == "duplicate":
        if isinstance(parent, list):
            parent.insert(last, copy_tree(parent[last]))
        else:
            parent[f"{last}-copy" if name == last else name] = copy_tree(parent[last])
    elif op == "rename" and isinstance(parent, dict):
        parent[name] = parent.pop(last)


mutations = st.lists(
    st.tuples(
        st.sampled_from(POINTERS),
        st.sampled_from(["delete", "retype", "duplicate", "rename"]),
        values,
        keys,
    ),
    min_size=1,
    max_size=4,
)


# Properties ---------------------------------------------------------------------------------


@FUZZ
@given(values)
def test_random_documents(data: Any) -> None:
    assert_sound(
        {"doc.privacy.yaml": dump_yaml(data), "doc.privacy.json": json.dumps(data).encode()}
    )


@FUZZ
@given(st.binary(max_size=400), st.text(max_size=400))
def test_random_bytes_and_text(raw: bytes, text: str) -> None:
    assert_sound(
        {"raw.privacy.yaml": raw, "text.privacy.yaml": text.encode("utf-8", "surrogatepass")}
    )


@FUZZ
@given(mutations)
def test_mutated_examples(changes: list[tuple[tuple[Any, ...], str, Any, str]]) -> None:
    data = copy_tree(EXAMPLE_DATA)
    for pointer, op, new, name in changes:
        try:
            _mutate(data, pointer, op, new, name)
        except (KeyError, IndexError, TypeError):
            continue  # an earlier change removed or retyped this node
    assert_sound(
        {"mutated.privacy.yaml": dump_yaml(data), "example.privacy.yaml": EXAMPLE.encode()}
    )


@FUZZ
@given(st.data())
def test_text_edits_of_the_example(data: st.DataObject) -> None:
    """Truncate at any byte, duplicate or delete a line: duplicate keys, broken indentation."""
    raw = EXAMPLE.encode("utf-8")
    cut = data.draw(st.integers(0, len(raw)), label="cut")
    lines = EXAMPLE.splitlines(keepends=True)
    i = data.draw(st.integers(0, len(lines) - 1), label="line")
    doubled = "".join(lines[: i + 1] + lines[i:])
    dropped = "".join(lines[:i] + lines[i + 1 :])
    assert_sound(
        {
            "cut.privacy.yaml": raw[:cut],
            "doubled.privacy.yaml": doubled.encode(),
            "dropped.privacy.yaml": dropped.encode(),
        }
    )

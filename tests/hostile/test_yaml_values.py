"""YAML that could make privlint check something other than what other tools read.

A quoted "<<" is an ordinary key (only a plain << merges), and a second document is refused
however it is introduced - a `---` followed by a comment, `...` followed by more, a bare
document after `...`.  Every case runs on both back-ends: with libyaml and, with
`_ruamel_yaml` made unimportable, on the pure parser alone; the verdicts must be the same.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

from privlint.discovery import Target
from privlint.lint import lint
from privlint.loader import parse_yaml
from tests.hostile.cases import EXAMPLE

BACKENDS = ["libyaml", "pure"]


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    if request.param == "pure":
        monkeypatch.setitem(sys.modules, "_ruamel_yaml", None)  # type: ignore[arg-type]
    else:
        pytest.importorskip("_ruamel_yaml")
    return str(request.param)


def _read(text: str) -> tuple[Any, list[tuple[str, int, int]]]:
    parsed = parse_yaml(text)
    problems = [(p.rule, p.span.line, p.span.column) for p in parsed.problems if p.span]
    return parsed.data if parsed.ok else None, problems


@pytest.mark.parametrize(
    ("text", "data"),
    [
        pytest.param('"<<": {a: 1}\nb: 2\n', {"<<": {"a": 1}, "b": 2}, id="double-quoted"),
        pytest.param("'<<': {a: 1}\n", {"<<": {"a": 1}}, id="single-quoted"),
        pytest.param('? "<<"\n: {a: 1}\n', {"<<": {"a": 1}}, id="explicit key, quoted"),
        pytest.param('{"<<": {a: 1}, b: 2}\n', {"<<": {"a": 1}, "b": 2}, id="JSON-style"),
        pytest.param(
            "x: &x {a: 1}\ny:\n  <<: *x\n  b: 2\n",
            {"x": {"a": 1}, "y": {"a": 1, "b": 2}},
            id="plain merges",
        ),
        pytest.param(
            'x: &x {a: 1}\ny:\n  "<<": *x\n  <<: *x\n',
            {"x": {"a": 1}, "y": {"<<": {"a": 1}, "a": 1}},
            id="quoted beside plain",
        ),
    ],
)
def test_only_a_plain_merge_key_merges(backend: str, text: str, data: Any) -> None:
    assert _read(text) == (data, [])


def test_a_quoted_merge_key_cannot_smuggle_in_keys(backend: str, tmp_path: Path) -> None:
    # Merging would hide `activities` inside a key other tools read as "<<": privlint must see
    # what they see - an unknown key "<<", and the activities still missing.
    head, _, _ = EXAMPLE.partition("activities:")
    path = tmp_path / "p.privacy.yaml"
    path.write_text(head + '"<<": {activities: []}\n', encoding="utf-8")
    names = {f.name for f in lint([Target(path, path.name)]).findings}
    assert "unknown-key" in names


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        pytest.param(
            "a: 1\n--- # only a comment\nb: 2\n", ("unsupported-yaml", 2, 1), id="--- then comment"
        ),
        pytest.param(
            "a: 1\n---\n# privlint: ignore-file ALL -- x\n",
            ("unsupported-yaml", 2, 1),
            id="--- then only a comment",
        ),
        pytest.param("a: 1\n--- |\n  text\n", ("unsupported-yaml", 2, 1), id="--- block scalar"),
        pytest.param("a: 1\n...\n---\nb: 2\n", ("unsupported-yaml", 3, 1), id="... then ---"),
        pytest.param(
            "a: 1\n...\nb: 2\n", ("unsupported-yaml", 3, 1), id="... then a bare document"
        ),
        pytest.param(
            "a: 1\n... # end\n--- # more\n",
            ("unsupported-yaml", 3, 1),
            id="comments on both markers",
        ),
        pytest.param("a: 1\n---", ("unsupported-yaml", 2, 1), id="--- at the end, no newline"),
        pytest.param("a: 1\n---\nb: [\n", ("invalid-yaml", 4, 1), id="second document invalid"),
        pytest.param(
            "%YAML 1.2\n---\na: 1\n...\n%YAML 1.2\n---\nb: 2\n",
            ("unsupported-yaml", 6, 1),
            id="directives",
        ),
    ],
)
def test_a_second_document_never_hides(
    backend: str, text: str, problem: tuple[str, int, int]
) -> None:
    data, problems = _read(text)
    assert problems == [problem]
    if problem[0] == "unsupported-yaml":
        assert data == {"a": 1}  # the first document is still checked


@pytest.mark.parametrize(
    "text",
    [
        "a: 1\n...\n",
        "a: 1\n...\n# a comment after the end\n",
        "--- # a comment\na: 1\n",
        "---\na: 1\n...\n",
    ],
)
def test_one_document_with_markers_is_one_document(backend: str, text: str) -> None:
    assert _read(text) == ({"a": 1}, [])


def test_the_second_document_fails_the_run(backend: str, tmp_path: Path) -> None:
    path = tmp_path / "p.privacy.yaml"
    path.write_text(EXAMPLE + "--- # looks like a comment\nprivlint: 1\n", encoding="utf-8")
    report = lint([Target(path, path.name)])
    assert report.failed()
    assert [f.name for f in report.findings] == ["unsupported-yaml"]

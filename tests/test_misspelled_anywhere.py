"""A misspelled key anywhere in a declaration is reported at its own line and column."""

from __future__ import annotations

from pathlib import Path

import pytest

from privlint.discovery import Target
from privlint.lint import lint
from privlint.loader import parse_text
from tests.conftest import EXAMPLES

SOURCE = (EXAMPLES / "complete.privacy.yaml").read_text(encoding="utf-8")
_, POSITIONS, _ = parse_text(SOURCE)
KEYS = sorted(POSITIONS.keys.items(), key=lambda kv: (kv[1].line, kv[1].column))


def _offset(text: str, line: int, column: int) -> int:
    lines = text.splitlines(keepends=True)
    return sum(len(x) for x in lines[: line - 1]) + column - 1


@pytest.mark.parametrize(("pointer", "span"), KEYS, ids=[f"{s.line}:{s.column}" for _, s in KEYS])
def test_each_key_misspelled_is_reported_where_it_stands(
    pointer: tuple[object, ...], span: object, tmp_path: Path
) -> None:
    key = str(pointer[-1])
    start = _offset(SOURCE, span.line, span.column)  # type: ignore[attr-defined]
    assert SOURCE[start : start + len(key)] == key
    typo = key[:-1] + ("q" if key[-1] != "q" else "z")  # a one-letter slip
    mutated = SOURCE[:start] + typo + SOURCE[start + len(key) :]
    path = tmp_path / "typo.privacy.yaml"
    path.write_text(mutated, encoding="utf-8")
    report = lint([Target(path, "typo.privacy.yaml")])
    unknown = [f for f in report.findings if f.name == "unknown-key"]
    assert [(f.span.line, f.span.column) for f in unknown] == [(span.line, span.column)]  # type: ignore[attr-defined]
    assert f"unknown key '{typo}'" in unknown[0].message

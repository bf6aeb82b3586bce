"""A rendered Dutch statement, imported again, gives back the declaration's substance."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from privlint.importers import get_importer
from privlint.loader import load_file, parse_text
from privlint.validate import validate
from tests.render.helpers import EXAMPLE_FILES, render_file


def _data(path: Path) -> dict[str, Any]:
    result = load_file(path, path.name)
    assert result.document is not None
    data: dict[str, Any] = result.document.data
    return data


def _retention(node: Any) -> dict[str, Any]:
    keys = ("period", "until", "after", "set_by_controller")
    return {k: node[k] for k in keys if isinstance(node, dict) and k in node}


def _activities(data: dict[str, Any]) -> list[tuple[Any, ...]]:
    services = {s["id"]: s.get("name") for s in data.get("services", [])}
    return [
        (
            services.get(a.get("service")),
            a.get("description"),
            a.get("role", "controller"),
            a.get("legal_basis"),
            a.get("legitimate_interest"),
            (a.get("legal_obligation") or {}).get("law"),
            _retention(a.get("retention")),
        )
        for a in data.get("activities", [])
    ]


def _transfers(data: dict[str, Any]) -> list[tuple[Any, ...]]:
    names = {r["id"]: r.get("name") for r in data.get("recipients", [])}
    return [
        (
            names.get(t.get("recipient")),
            t.get("country"),
            t.get("mechanism"),
            t.get("reference"),
            " ".join(str(t.get("stated", "")).split()) or None,
        )
        for t in data.get("transfers", [])
    ]


def _recipients(data: dict[str, Any]) -> list[tuple[Any, ...]]:
    return sorted(
        (r.get("name"), r.get("kind"), r.get("country")) for r in data.get("recipients", [])
    )


@pytest.mark.parametrize("fmt", ["html", "md"])
@pytest.mark.parametrize("example", EXAMPLE_FILES, ids=lambda p: p.name.split(".")[0])
def test_import_of_the_rendered_statement_gives_back_the_declaration(
    example: Path, fmt: str, tmp_path: Path
) -> None:
    page = render_file(example, tmp_path / f"statement.{fmt}")  # the real CLI
    # the importer in-process (its CLI is tested in tests/importers): half the subprocesses
    text = get_importer("statement-nl")(page.read_bytes(), str(page)).to_yaml()
    imported, _, problems = parse_text(text)
    assert problems == [] and validate(imported) == []
    original = _data(example)
    assert _activities(imported) == _activities(original)
    assert _transfers(imported) == _transfers(original)
    assert _recipients(imported) == _recipients(original)
    assert imported["controller"]["name"] == original["controller"]["name"]
    assert set(imported.get("rights", {})) <= set(original.get("rights", {}))

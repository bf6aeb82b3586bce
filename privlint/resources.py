"""Where the shipped data lives: schemas/ and rules/ inside the installed package.

In a wheel they are copied to privlint/schemas and privlint/rules (see pyproject.toml); in a
source checkout or an editable install they sit at the top of the repository.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

_PKG = Path(__file__).resolve().parent

DECLARATION_SCHEMA = "declaration.schema.json"


def _data_dir(name: str) -> Path:
    inside = _PKG / name
    if inside.is_dir():
        return inside
    return _PKG.parent / name


def package_dir() -> Path:
    return _PKG


def schemas_dir() -> Path:
    return _data_dir("schemas")


def rules_dir() -> Path:
    return _data_dir("rules")


def data_dir() -> Path:
    """Reference data (taxonomy, country lists): always inside the package."""
    return _PKG / "data"


@cache
def declaration_schema() -> dict[str, Any]:
    with (schemas_dir() / DECLARATION_SCHEMA).open(encoding="utf-8") as f:
        schema: dict[str, Any] = json.load(f)
    return schema

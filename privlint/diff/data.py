"""The diff's own data files (kinds, message catalogues), read with privlint's loader."""

from __future__ import annotations

from pathlib import Path
from typing import Any

HERE = Path(__file__).parent


def read_yaml(name: str) -> dict[str, Any]:
    from privlint.loader import parse_text

    data, _, problems = parse_text((HERE / name).read_text(encoding="utf-8"))
    if problems or not isinstance(data, dict):  # pragma: no cover - a packaging bug
        raise RuntimeError(f"privlint/diff/{name} is broken: {problems[:1]}")
    return data

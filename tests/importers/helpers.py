"""Shared by the importer tests: an imported declaration, loaded back and schema-checked."""

from __future__ import annotations

from typing import Any

from privlint.importers import Imported
from privlint.loader import parse_text
from privlint.validate import validate


def reload(imported: Imported) -> tuple[dict[str, Any], list[str]]:
    """The YAML text parsed by privlint's own loader, and every schema problem in it."""
    data, _, problems = parse_text(imported.to_yaml())
    messages = [p.message for p in problems]
    if not problems:
        messages = [f"{'/'.join(map(str, p.pointer))}: {p.message}" for p in validate(data)]
    assert isinstance(data, dict)
    return data, messages

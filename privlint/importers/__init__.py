"""Importers: foreign formats -> declarations.  One module per format, listed here.

An importer is a function ``(raw: bytes, source: str) -> Imported``; it raises ImportFailure
(with the file and line) when the input cannot be read as its format at all, and otherwise
maps what it can and records the rest in ``Imported.notes``.
"""

from __future__ import annotations

from collections.abc import Callable

from privlint.importers.base import Imported, ImportFailure
from privlint.lazy import load

Importer = Callable[[bytes, str], Imported]

# --from name -> "module:function" (imported only when used)
IMPORTERS: dict[str, str] = {
    # the text form, or HTML / Markdown turned into it (statement_web)
    "statement-nl": "privlint.importers.statement_web:import_web_statement",
    "tilt": "privlint.importers.tilt:import_tilt",
    "fides": "privlint.importers.fides:import_fides",
}


def get_importer(name: str) -> Importer:
    importer: Importer = load(IMPORTERS[name])
    return importer


__all__ = ["IMPORTERS", "ImportFailure", "Imported", "Importer", "get_importer"]

"""Which rights the declared bases give (data: rights_by_basis.yaml, or the legal data)."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

from privlint.render.catalogue import read_yaml
from privlint.resources import data_dir

RIGHT_ORDER = (
    "access", "rectification", "erasure", "restriction", "objection", "portability",
    "withdraw-consent", "automated-decision", "complaint",
)  # fmt: skip


@cache
def _table() -> tuple[frozenset[str], dict[str, frozenset[str]], frozenset[str]]:
    own = read_yaml(Path(__file__).resolve().parent / "rights_by_basis.yaml")
    legal = read_yaml(data_dir() / "legal_bases.yaml").get("rights")
    by_basis: Any = legal if isinstance(legal, dict) else own["rights"]
    return (
        frozenset(own["always"]),
        {basis: frozenset(rights or ()) for basis, rights in by_basis.items()},
        frozenset(own["automated"]),
    )


def rights_given(bases: Iterable[str], automated: bool) -> list[str]:
    """The rights, in the usual order, that processing on these bases gives."""
    always, by_basis, for_automated = _table()
    given = set(always)
    for basis in bases:
        given |= by_basis.get(basis, frozenset())
    if automated:
        given |= for_automated
    return [r for r in RIGHT_ORDER if r in given]

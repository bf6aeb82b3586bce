"""Message templates: `{name}` placeholders filled from a dict of parameters.

Deliberately not str.format: a template is data from a rule file and the values come from
untrusted declarations, so there are no attribute look-ups, indexing or format specs; an
unknown placeholder stays as written.  `{{` and `}}` give literal braces.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

from privlint.findings import truncate

PLACEHOLDER = re.compile(r"\{\{|\}\}|\{([A-Za-z_][A-Za-z0-9_.-]*)\}")
MAX_VALUE_LENGTH = 80
_ABSENT = object()


def show(value: Any, limit: int | None = None) -> str:
    """A value as a message shows it: one line, and at most `limit` characters."""
    if isinstance(value, bool):
        text = "true" if value else "false"
    elif value is None:
        text = "null"
    elif isinstance(value, list):
        text = ", ".join(show(v) for v in value)
    elif isinstance(value, dict):
        text = "{" + ", ".join(str(k) for k in value) + "}"
    else:
        text = str(value)
    text = " ".join(text.split())
    return text if limit is None else truncate(text, limit)


def shorten(params: Mapping[str, Any]) -> dict[str, str]:
    """Values from a declaration, cut to MAX_VALUE_LENGTH so one finding stays one line."""
    return {k: show(v, MAX_VALUE_LENGTH) for k, v in params.items()}


def render(template: str, params: Mapping[str, Any]) -> str:
    out: list[str] = []
    for text, name, whole in _pieces(template):
        out.append(text)
        if name is not None:
            value = params.get(name, _ABSENT)  # one look-up: parameters may be computed
            out.append(whole if value is _ABSENT else show(value))
    return "".join(out)


@lru_cache(maxsize=4096)
def _pieces(template: str) -> tuple[tuple[str, str | None, str], ...]:
    """A template parsed once: (literal text, placeholder name or None, the placeholder as
    written), with `{{` and `}}` already turned into braces in the literal text."""
    pieces: list[tuple[str, str | None, str]] = []
    text: list[str] = []
    pos = 0
    for m in PLACEHOLDER.finditer(template):
        text.append(template[pos : m.start()])
        pos = m.end()
        whole = m.group(0)
        if m.group(1) is None:  # "{{" or "}}"
            text.append(whole[0])
        else:
            pieces.append(("".join(text), m.group(1), whole))
            text = []
    text.append(template[pos:])
    pieces.append(("".join(text), None, ""))
    return tuple(pieces)


def placeholders(template: str) -> list[str]:
    return [m.group(1) for m in PLACEHOLDER.finditer(template) if m.group(1)]

"""Declarations as YAML text: ruamel.yaml round-trip nodes, so comments travel with values.

Importers build the document with `put` (a value, optionally with the reason it is a reading
rather than a copy) and `flow` (short lists on one line); key order is the order of `put`
calls, which each importer keeps fixed, so the same input always gives the same text.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import CommentMark
from ruamel.yaml.scalarstring import FoldedScalarString
from ruamel.yaml.tokens import CommentToken

# control characters (other than tab and newline) cannot be written to YAML and mean nothing here
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufeff\ufffe\uffff\ud800-\udfff]")
FOLD_AT = 88  # longer strings become folded block scalars (same value, readable lines)
# Imported text must never act on privlint: a comment holding "privlint: ignore-file ALL"
# would silence the file it was imported into.  Comment text loses every line break (any
# whitespace but a space: YAML's, Unicode's) and every format character (bidi, zero-width).
_BREAKS = re.compile(r"[^\S ]+")
_FORMAT = re.compile(r"[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f]")
_DIRECTIVE = re.compile(r"(privlint)\s*:", re.IGNORECASE)


def defused(text: str) -> str:
    """The text with no "privlint:" directive marker in it (the colon goes)."""
    while True:
        out = _DIRECTIVE.sub(r"\1", text)
        if out == text:
            return out
        text = out


def inert(text: str) -> str:
    """Text that is safe as a comment: one line, no control or format characters, no directive."""
    return defused(_BREAKS.sub(" ", _FORMAT.sub("", CONTROL.sub("", text))))


def clean_text(text: str) -> str:
    """An imported value: what YAML cannot carry is dropped, and no directive marker is left."""
    return defused(_FORMAT.sub("", CONTROL.sub("", text)))


def folded(text: str) -> str:
    """A long one-line string as a `>-` scalar folded at spaces; short strings unchanged."""
    if len(text) <= FOLD_AT or "\n" in text or text != text.strip() or "  " in text:
        return text
    out: str = FoldedScalarString(text)
    positions: list[int] = []
    start = 0
    for i, ch in enumerate(text):
        if ch == " " and i - start > FOLD_AT - 14:
            positions.append(i)
            start = i + 1
    out.fold_pos = positions  # type: ignore[attr-defined]
    return out


def _eol(node: CommentedMap | CommentedSeq, comment: str, key: Any) -> None:
    """A comment two spaces after the value.  ruamel's public helper aligns comments to the
    column of an earlier one, which puts a single space after long values and two after short
    ones; the token it builds is set directly instead."""
    token = CommentToken(f" # {inert(comment)}", CommentMark(0))
    node._yaml_add_eol_comment([token, None], key)


def put(node: CommentedMap, key: str, value: Any, comment: str | None = None) -> None:
    """Set node[key]; a comment says on the same line why the value is not a plain copy."""
    if value is None or value == "" or value == [] or value == {}:
        return
    if isinstance(value, str):
        value = clean_text(value)  # the last guard: YAML cannot carry them
        if not value:
            return
        if not comment:
            value = folded(value)
    node[key] = value
    if comment:
        _eol(node, comment, key)


def _clean(items: Iterable[Any]) -> list[Any]:
    return [clean_text(i) if isinstance(i, str) else i for i in items]


def flow(items: Iterable[Any]) -> CommentedSeq:
    seq = CommentedSeq(_clean(items))
    seq.fa.set_flow_style()
    return seq


def block(items: Iterable[Any], comments: Iterable[str | None] = ()) -> CommentedSeq:
    seq = CommentedSeq(_clean(items))
    for index, comment in enumerate(comments):
        if comment:
            _eol(seq, comment, index)
    return seq


def dump(data: CommentedMap, header: Iterable[str]) -> str:
    """The declaration with a header comment (one line per entry) above it."""
    yaml = YAML(typ="rt")
    yaml.width = 4096  # plain scalars never wrap (a wrapped plain line ends in a space)
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.allow_unicode = True
    buf = io.StringIO()
    yaml.dump(data, buf)
    lines = [f"# {inert(h)}".rstrip() for h in header]
    return "\n".join(lines) + "\n" + buf.getvalue()

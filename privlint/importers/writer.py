"""Declarations as YAML text, written by privlint itself: cost proportional to the output.

Importers build the document from ruamel.yaml's ordered containers with `put` (a value,
optionally with the reason it is a reading rather than a copy) and `flow` (short lists on one
line); key order is the order of `put` calls, which each importer keeps fixed, so the same
input always gives the same text.  `dump` writes the subset of YAML the importers produce
(block mappings and sequences, flow lists of scalars, folded strings, end-of-line comments)
in the layout ruamel.yaml's round-trip dumper gives it with mapping indent 2, sequence
indent 4, offset 2 - that dumper costs ~0.7 ms per activity (30,000 activities: 20 s), this
one a few microseconds - and never wraps a line.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import CommentMark
from ruamel.yaml.nodes import ScalarNode
from ruamel.yaml.resolver import VersionedResolver
from ruamel.yaml.scalarstring import FoldedScalarString
from ruamel.yaml.tokens import CommentToken

from privlint.loader import resolve_plain

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


_FOLDABLE = re.compile(r"[^\t\r\n\x85\u2028\u2029]+")  # one printable line


def folded(text: str) -> str:
    """A long one-line string as a `>-` scalar folded at spaces; short strings unchanged."""
    if (
        len(text) <= FOLD_AT
        or text != text.strip()
        or "  " in text
        or not _FOLDABLE.fullmatch(text)
    ):
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


def _eol(node: CommentedMap, comment: str, key: Any) -> None:
    """The comment `dump` writes two spaces after the value of `key`."""
    token = CommentToken(f" # {inert(comment)}", CommentMark(0))
    node._yaml_add_eol_comment([token, None], key)


def put(node: CommentedMap, key: str, value: Any, comment: str | None = None) -> None:
    """Set node[key]; a comment says on the same line why the value is not a plain copy."""
    if value is None or (isinstance(value, str | list | dict) and not value):
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


def block(items: Iterable[Any]) -> CommentedSeq:
    return CommentedSeq(_clean(items))


def dump(data: CommentedMap, header: Iterable[str]) -> str:
    """The declaration with a header comment (one line per entry) above it."""
    out = [f"# {inert(h)}".rstrip() + "\n" for h in header]
    _mapping(data, 0, out, None)
    return "".join(out)


# --- the writer -------------------------------------------------------------------------------

_RESOLVER = VersionedResolver()  # YAML 1.2, as ruamel.yaml and privlint's loader read plain text
_MAYBE_TYPED = frozenset("0123456789+-.~nNtTfF<=!&*")  # first characters of any non-string
_SIMPLE = re.compile(r"[A-Za-z0-9_/(][A-Za-z0-9 _./()@+-]*")  # plain unless it reads as a type
_LINE_BREAKS = "\n\x85\u2028\u2029"
_SPACE_OR_BREAK = "\0 \t\r\n\x85\u2028\u2029"
_ESCAPES = {
    "\0": "0", "\x07": "a", "\x08": "b", "\t": "t", "\n": "n", "\x0b": "v", "\x0c": "f",
    "\r": "r", "\x1b": "e", '"': '"', "\\": "\\", "\x85": "N", "\u2028": "L", "\u2029": "P",
}  # fmt: skip
# outside single quotes: line breaks, and what a double-quoted scalar must escape
_UNQUOTABLE = re.compile(
    r"[\n\x85\u2028\u2029\ufeff]|[^\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
)
_NEEDS_ESCAPE = re.compile(
    r'["\\\x85\u2028\u2029\ufeff]|[^\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]'
)


def _reads_as_string(text: str) -> bool:
    """A plain scalar with this text is read back as this string (not a number, date, null...)."""
    if text[:1] not in _MAYBE_TYPED:
        return True
    tag = _RESOLVER.resolve(ScalarNode, text, (True, False))
    return str(tag) == "tag:yaml.org,2002:str" and resolve_plain(text) == text


def _plain_allowed(text: str, in_flow: bool) -> bool:
    """YAML's rules for a plain scalar in block or flow context (the ones ruamel.yaml's
    emitter applies), character by character."""
    if _SIMPLE.fullmatch(text) and text[-1] != " ":
        return True  # no indicator, break or special character can occur in it
    if text[0] in " " + _LINE_BREAKS or text[-1] in " " + _LINE_BREAKS:
        return False  # leading or trailing whitespace would be lost
    if text.startswith(("---", "...")):
        return False  # document markers
    first = text[0]
    followed = len(text) == 1 or text[1] in _SPACE_OR_BREAK
    if first in "#,[]{}&*!|>'\"%@`" or (first == "-" and followed):
        return False
    # (in a flow list ruamel.yaml writes '[: a]', which no parser reads back, and '[?a]',
    # which parsers read differently - privlint's loader refuses it: both quoted here)
    if first in "?:" and (followed or (in_flow and first == "?")):
        return False
    for index in range(1, len(text)):
        ch = text[index]
        if in_flow and ch in ",[]{}":
            return False
        after = index + 1 >= len(text) or text[index + 1] in _SPACE_OR_BREAK
        if (ch == ":" and after) or (ch == "#" and text[index - 1] in _SPACE_OR_BREAK):
            return False
    return _single_allowed(text)  # no line break, no character that needs an escape


def _single_allowed(text: str) -> bool:
    """Single quotes carry any printable text without a line break."""
    return _UNQUOTABLE.search(text) is None


def _double_quoted(text: str) -> str:
    def escape(match: re.Match[str]) -> str:
        ch = match.group(0)
        if ch in _ESCAPES:
            return "\\" + _ESCAPES[ch]
        code = ord(ch)
        return (
            f"\\x{code:02X}"
            if code <= 0xFF
            else f"\\u{code:04X}"
            if code <= 0xFFFF
            else f"\\U{code:08X}"
        )

    return '"' + _NEEDS_ESCAPE.sub(escape, text) + '"'


@functools.lru_cache(maxsize=4096)
def _string(text: str, in_flow: bool) -> str:
    """A string as a scalar: plain where it reads back as itself, else quoted in the style
    ruamel.yaml chooses (single quotes unless the text holds a quote, a line break or a
    character that needs an escape; a Unicode line separator is escaped, not written raw)."""
    if not text:
        return "''"
    if _plain_allowed(text, in_flow) and _reads_as_string(text):
        return text
    if "'" not in text and _single_allowed(text):
        return f"'{text}'"
    return _double_quoted(text)


def _scalar(value: Any, in_flow: bool) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return _string(value, in_flow)
    raise TypeError(f"an importer produced a {type(value).__name__}, which has no YAML form here")


def _comment(entry: list[Any] | None) -> str:
    """The end-of-line comment `_eol` stored for a key (ruamel's slot 2 of its comment list)."""
    token = entry[2] if entry and len(entry) > 2 else None
    return f" {token.value}" if token is not None else ""


def _mapping(
    node: CommentedMap | dict[str, Any], indent: int, out: list[str], lead: str | None
) -> None:
    pad = " " * indent
    comments = node.ca.items if isinstance(node, CommentedMap) else {}
    for key, value in node.items():
        head = (lead if lead is not None else pad) + _scalar(key, False) + ":"
        lead = None
        _value(head, value, indent, out, _comment(comments.get(key)) if comments else "")


def _value(head: str, value: Any, indent: int, out: list[str], note: str) -> None:
    if isinstance(value, list):
        if not value:
            out.append(f"{head} []{note}\n")
        elif isinstance(value, CommentedSeq) and value.fa.flow_style():
            items = ", ".join(_scalar(v, True) for v in value)
            out.append(f"{head} [{items}]{note}\n")
        else:
            out.append(f"{head}{note}\n")
            _sequence(value, indent + 2, out)
    elif isinstance(value, dict):
        if not value:
            out.append(f"{head} {{}}{note}\n")
        else:
            out.append(f"{head}{note}\n")
            _mapping(value, indent + 2, out, None)
    elif isinstance(value, FoldedScalarString) and not note:
        out.append(f"{head} >-\n")
        pad = " " * (indent + 2)
        text = str(value)
        start = 0
        for position in [*getattr(value, "fold_pos", []), len(text)]:
            out.append(f"{pad}{text[start:position]}\n")
            start = position + 1
    else:
        out.append(f"{head} {_scalar(value, False)}{note}\n")


def _sequence(seq: list[Any], indent: int, out: list[str]) -> None:
    dash = " " * indent + "- "
    for item in seq:
        if isinstance(item, dict) and item:
            _mapping(item, indent + 2, out, dash)
        elif (
            isinstance(item, list)
            and item
            and not (isinstance(item, CommentedSeq) and item.fa.flow_style())
        ):
            raise TypeError("an importer produced a list in a list, which has no YAML form here")
        elif isinstance(item, list):
            out.append(dash + "[" + ", ".join(_scalar(v, True) for v in item) + "]\n")
        elif isinstance(item, dict):
            out.append(dash + "{}\n")
        else:
            out.append(dash + _scalar(item, False) + "\n")

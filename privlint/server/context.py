"""Where the cursor is in a declaration, from the text alone.

Completion and hover must work while the author types, when the buffer is often not valid YAML,
so this reads indentation, `key:` prefixes and flow brackets instead of the parser's events.  It
answers one question: which keys lead from the top of the document to the cursor (list items
are left out: `activities`, `data_categories` for a category in an activity), whether the cursor
is on a key, on a value or in a comment, and which word it is on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

# A block mapping key at the start of a line, after any list dashes: `  - id: x`, `"a b": c`.
_KEY_RE = re.compile(
    r"""^(?P<indent>[ ]*)(?P<dashes>(?:-[ ]+)*)"""
    r"""(?P<key>"[^"]*"|'[^']*'|[^\s#'"{\[\]},:&*!|>%@`-][^#:]*?|-[^\s#:][^#:]*?)"""
    r"""[ ]*:(?=[ ]|$)"""
)
_DASH_RE = re.compile(r"^(?P<indent>[ ]*)-(?=[ ]|$)")
# A word: rule codes, ids, dotted categories, ISO codes, durations.
_WORD_RE = re.compile(r"[A-Za-z0-9_.\-]+")


class Where(Enum):
    KEY = "key"  # on (or typing) a mapping key
    VALUE = "value"  # on a scalar value, or where one is typed
    COMMENT = "comment"


@dataclass(frozen=True, slots=True)
class Cursor:
    path: tuple[str, ...]  # keys from the top; for KEY, the key itself is the last element
    where: Where
    word: str  # the word under the cursor ('' when none)
    start: int  # 0-based character range of `word` on its line
    end: int


def _unquote(key: str) -> str:
    key = key.strip()
    if len(key) >= 2 and key[0] == key[-1] and key[0] in "\"'":
        return key[1:-1]
    return key


def _comment_start(line: str) -> int | None:
    """Where a comment starts on this line: a `#` after whitespace, outside quotes."""
    quote: str | None = None
    for i, ch in enumerate(line):
        if quote is not None:
            if ch == quote:
                quote = None
        elif ch in "\"'" and (i == 0 or line[i - 1] in " \t[{,:"):
            quote = ch
        elif ch == "#" and (i == 0 or line[i - 1] in " \t"):
            return i
    return None


def _word_at(line: str, character: int) -> tuple[str, int, int]:
    for m in _WORD_RE.finditer(line):
        if m.start() <= character <= m.end():
            return m.group(), m.start(), m.end()
    return "", character, character


def _parents(lines: list[str], line: int, threshold: int) -> list[str]:
    """Keys of the block mappings that enclose a node whose content starts at `threshold`."""
    path: list[str] = []
    for above in range(line - 1, -1, -1):
        text = lines[above]
        stripped = text.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if threshold == 0:
            break
        m = _KEY_RE.match(text)
        if m is not None:
            dash_col = len(m.group("indent")) if m.group("dashes") else None
            key_col = len(m.group("indent")) + len(m.group("dashes"))
            if key_col < threshold:
                path.append(_unquote(m.group("key")))
                threshold = key_col if dash_col is None else dash_col
            elif dash_col is not None and dash_col < threshold:
                threshold = dash_col  # the list item that holds us: items are not in the path
            continue
        d = _DASH_RE.match(text)
        if d is not None and len(d.group("indent")) < threshold:
            threshold = len(d.group("indent"))
        elif len(text) - len(text.lstrip(" ")) < threshold:
            break  # a scalar continuation or something we cannot read: stop here
    path.reverse()
    return path


def _flow_path(fragment: str) -> tuple[list[str], bool]:
    """Keys inside flow collections before the cursor, and whether the cursor is on a key.

    `fragment` is the line's text from just after the block key's colon up to the cursor.
    """
    stack: list[str | None] = []  # per open '{': its current key; per '[': None marker
    kinds: list[str] = []
    token = ""
    quote: str | None = None
    for ch in fragment:
        if quote is not None:
            if ch == quote:
                quote = None
            token += ch
            continue
        if ch in "\"'" and not token.strip():
            quote = ch
            token += ch
        elif ch in "{[":
            kinds.append(ch)
            stack.append(None)
            token = ""
        elif ch in "}]":
            if kinds:
                kinds.pop()
                stack.pop()
            token = ""
        elif ch == ",":
            if kinds and kinds[-1] == "{":
                stack[-1] = None
            token = ""
        elif ch == ":" and kinds and kinds[-1] == "{":
            stack[-1] = _unquote(token)
            token = ""
        else:
            token += ch
    keys = [k for k, kind in zip(stack, kinds, strict=True) if kind == "{" and k is not None]
    on_key = bool(kinds) and kinds[-1] == "{" and stack[-1] is None
    return keys, on_key


def cursor_at(text: str, line: int, character: int) -> Cursor:
    """The cursor's context at 0-based `line` and `character` (code points) in `text`."""
    lines = text.splitlines() or [""]
    if line >= len(lines):
        lines += [""] * (line - len(lines) + 1)
    current = lines[line]
    character = min(character, len(current))
    word, start, end = _word_at(current, character)
    comment = _comment_start(current)
    if comment is not None and character > comment:
        return Cursor((), Where.COMMENT, word, start, end)
    m = _KEY_RE.match(current)
    if m is None:
        d = _DASH_RE.match(current)
        if d is not None:  # `- value`: a list item of the enclosing key
            col = len(d.group("indent")) + 1
            return Cursor(tuple(_parents(lines, line, col)), Where.VALUE, word, start, end)
        indent = len(current) - len(current.lstrip(" "))
        col = indent if current.strip() else character
        # A bare word being typed where a key goes: the parents are those of its column.
        return Cursor((*_parents(lines, line, col), word), Where.KEY, word, start, end)
    key = _unquote(m.group("key"))
    key_col = len(m.group("indent")) + len(m.group("dashes"))
    threshold = len(m.group("indent")) if m.group("dashes") else key_col
    parents = _parents(lines, line, threshold)
    colon = m.end()
    if character < colon:
        return Cursor((*parents, key), Where.KEY, word, start, end)
    flow_keys, on_key = _flow_path(current[colon:character])
    if on_key:
        return Cursor((*parents, key, *flow_keys, word), Where.KEY, word, start, end)
    return Cursor((*parents, key, *flow_keys), Where.VALUE, word, start, end)

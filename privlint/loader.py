"""Files -> documents, keeping a source span for every node.

The loader walks ruamel.yaml's *event* stream itself instead of using a constructor, so that
untrusted input stays data:

* no tag ever constructs an object: only the YAML core tags are accepted;
* plain scalars resolve by the YAML 1.2 core schema (``no``/``on`` stay strings, and so do
  dates, which the schema then checks as ``format: date``);
* aliases are shared, never copied, and their expanded size is counted so that an alias bomb
  is rejected before anything walks it;
* nesting depth (aliases included), file size and node count are bounded while the events
  stream in;
* duplicate keys are reported at both positions;
* keys with invisible or control characters, and escaped control characters in text, are
  refused: they would reach terminals and CI logs through messages.

Files are read without blocking and only when they are regular files, up to the size limit.
See docs/security.md for the threat model and every limit.

The libyaml-based parser (ruamel.yaml.clib) is used when installed; the pure parser yields the
same events and marks.  Every problem becomes a `Problem` with a span: the loader never raises
for bad input.
"""

from __future__ import annotations

import codecs
import math
import os
import re
import stat
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from privlint.findings import Pointer, Problem, Span, truncate

DEFAULT_MAX_FILE_SIZE = 8 * 1024 * 1024  # bytes
DEFAULT_MAX_DEPTH = 64
# Expanded nodes, keys included and aliases counted at their full size.  The complete example
# has ~230; the bound keeps loading, validation and the rules around a second and under 100 MB.
DEFAULT_MAX_NODES = 50_000


@dataclass(frozen=True, slots=True)
class Limits:
    max_file_size: int = DEFAULT_MAX_FILE_SIZE  # 0: unlimited, and lifts max_nodes too
    max_depth: int = DEFAULT_MAX_DEPTH
    max_nodes: int = DEFAULT_MAX_NODES


@dataclass(slots=True)
class PositionIndex:
    """Spans of value nodes and of mapping keys, addressed by pointer."""

    values: dict[Pointer, Span] = field(default_factory=dict)
    keys: dict[Pointer, Span] = field(default_factory=dict)

    def locate(self, pointer: Pointer, *, on_key: bool = False) -> Span:
        """The span of the node, or of its nearest ancestor that has one."""
        if on_key and pointer in self.keys:
            return self.keys[pointer]
        p = pointer
        while True:
            span = self.values.get(p)
            if span is not None:
                return span
            if not p:
                return Span(1, 1)
            p = p[:-1]


@dataclass(slots=True)
class Document:
    path: Path
    display_path: str
    text: str
    data: Any
    positions: PositionIndex


@dataclass(slots=True)
class LoadResult:
    document: Document | None
    problems: list[Problem]


class _Abort(Exception):
    """Stops the walk; the problem is already recorded."""


_INT_RE = re.compile(r"[-+]?[0-9]+\Z")
_OCT_RE = re.compile(r"0o[0-7]+\Z")
_HEX_RE = re.compile(r"0x[0-9a-fA-F]+\Z")
_FLOAT_RE = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?\Z")
_INF_RE = re.compile(r"[-+]?\.(inf|Inf|INF)\Z")
_NAN_RE = re.compile(r"\.(nan|NaN|NAN)\Z")
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
# First characters of every non-string above ("" is null).
_NON_STR_STARTS = frozenset(["", *"0123456789+-.~nNtTfF"])
_TRUE = frozenset({"true", "True", "TRUE"})
_FALSE = frozenset({"false", "False", "FALSE"})

_CORE = "tag:yaml.org,2002:"
_SCALAR_TAGS = {f"{_CORE}{t}" for t in ("str", "int", "float", "bool", "null")} | {"!"}
_MAP_TAGS = {f"{_CORE}map", None}
_SEQ_TAGS = {f"{_CORE}seq", None}
_MERGE = "<<"


def resolve_plain(value: str) -> Any:
    """YAML 1.2 core schema resolution of an untagged plain scalar."""
    if value[:1] not in _NON_STR_STARTS:  # most scalars are words: skip the patterns
        return value
    if value in _NULLS:
        return None
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    try:
        if _INT_RE.match(value):
            return int(value)
        if _OCT_RE.match(value):
            return int(value[2:], 8)
        if _HEX_RE.match(value):
            return int(value[2:], 16)
    except ValueError:  # more digits than int() accepts: keep the text
        return value
    if _FLOAT_RE.match(value) and any(c.isdigit() for c in value):
        return float(value)
    if _INF_RE.match(value):
        return -math.inf if value.startswith("-") else math.inf
    if _NAN_RE.match(value):
        return math.nan
    return value


def _span(start: Any, end: Any) -> Span:
    return Span(start.line + 1, start.column + 1, end.line + 1, end.column + 1)


def _events(text: str) -> Iterator[Any]:
    from ruamel.yaml import YAML

    try:
        yaml = YAML(typ="safe", pure=False)
    except Exception:  # pragma: no cover - clib missing or broken: the pure parser is equivalent
        yaml = YAML(typ="safe", pure=True)
    return iter(yaml.parse(text))


def decode(raw: bytes) -> tuple[str | None, Problem | None]:
    """Bytes -> text.  UTF-8 (with or without BOM) and BOM-marked UTF-16/32 are accepted."""
    if b"\x00" in raw and not raw.startswith(
        (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)
    ):
        offset = raw.index(b"\x00")
        head = raw[:64]
        utf16 = len(head) >= 4 and (not any(head[1::2]) or not any(head[0::2]))
        return None, Problem(
            "unreadable-file",
            "file contains NUL bytes: it is binary, not a YAML or JSON declaration"
            + (
                "; if it is UTF-16 text without a byte-order mark, save it as UTF-8"
                if utf16
                else ""
            ),
            span=_byte_span(raw, offset),
        )
    for bom, codec in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if raw.startswith(bom):
            try:
                return raw.decode(codec), None
            except UnicodeDecodeError as exc:
                return None, _decode_problem(raw, exc, codec)
    try:
        return raw.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        return None, _decode_problem(raw, exc, "utf-8")


def _decode_problem(raw: bytes, exc: UnicodeDecodeError, codec: str) -> Problem:
    return Problem(
        "unreadable-file",
        f"file is not valid {codec.upper().removesuffix('-SIG')} (byte 0x{raw[exc.start]:02x} at "
        f"offset {exc.start}); save it as UTF-8",
        span=_byte_span(raw, exc.start) if codec == "utf-8" else Span(1, 1),
    )


def _byte_span(raw: bytes, offset: int) -> Span:
    before = raw[:offset]
    line = before.count(b"\n") + 1
    col = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", "replace")) + 1
    return Span(line, col)


class _Frame:
    """An open mapping or sequence while its events stream in."""

    __slots__ = (
        "anchor",
        "container",
        "flow",
        "height",
        "key",
        "key_span",
        "last_end",
        "pointer",
        "seen",
        "size",
        "start",
    )

    def __init__(self, container: dict[str, Any] | list[Any], pointer: Pointer, ev: Any) -> None:
        self.container = container
        self.pointer = pointer
        self.start: Any = ev.start_mark
        self.flow = bool(getattr(ev, "flow_style", False))
        self.anchor: str | None = getattr(ev, "anchor", None)
        self.key: Any = _NO_KEY  # for mappings: the key whose value is expected next
        self.key_span: Span | None = None
        self.seen: dict[str, Span] = {}
        self.size = 1
        self.height = 1  # collection levels at and below this one, aliased ones included
        self.last_end: tuple[int, int] | None = None


class _Builder:
    """Builds plain Python data (dict/list/str/int/float/bool/None) from events."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.positions = PositionIndex()
        self.problems: list[Problem] = []
        # anchor -> (value, expanded size, height): an alias weighs what it expands to
        self.anchors: dict[str, tuple[Any, int, int]] = {}
        self.nodes = 0  # every node, aliases counted at their full size
        self.aliased = 0  # the part of `nodes` that aliases added
        # Without a size limit only alias expansion stays bounded: it may at most double the
        # document (or add max_nodes), so that checking work is proportional to the file.
        self.node_limit = limits.max_nodes if limits.max_file_size else math.inf

    def fail(self, message: str, span: Span, rule: str = "unsupported-yaml") -> None:
        self.problems.append(Problem(rule, message, span=span))
        raise _Abort

    def count(self, n: int, span: Span, *, aliased: bool = False) -> None:
        self.nodes += n
        if aliased:
            self.aliased += n
        written = self.nodes - self.aliased
        limit = self.limits.max_nodes
        if self.aliased > max(limit, written):
            self.fail(
                f"aliases expand the document to more than {max(limit, written):,} nodes beyond "
                "what is written; refusing to expand them (an alias bomb?)",
                span,
            )
        if self.nodes > self.node_limit:
            self.fail(
                f"document expands to more than {limit:,} nodes (aliases counted at their full "
                "size); a declaration this large is refused by default "
                "(--max-file-size 0 lifts the size limits)",
                span,
            )

    def build(self, events: Iterator[Any], first: Any) -> Any:
        """Build the node that starts with event `first`; iterative, so depth costs no stack."""
        from ruamel.yaml.events import (
            AliasEvent,
            MappingEndEvent,
            MappingStartEvent,
            ScalarEvent,
            SequenceEndEvent,
            SequenceStartEvent,
        )

        stack: list[_Frame] = []
        values = self.positions.values
        node_limit = self.node_limit
        ev = first
        while True:
            kind = ev.__class__
            value: Any
            span: Span
            size, height = 1, 0  # height: collection levels at and below this node
            if kind is ScalarEvent:  # the common case first
                start, end = ev.start_mark, ev.end_mark
                span = Span(start.line + 1, start.column + 1, end.line + 1, end.column + 1)
                value = self._scalar(ev, span)
                self.nodes += 1
                if self.nodes > node_limit:
                    self.count(0, span)
                values[self._child_pointer(stack)] = span
                if ev.anchor:
                    self.anchors[ev.anchor] = (value, 1, 0)
            elif kind is MappingStartEvent or kind is SequenceStartEvent:
                is_map = kind is MappingStartEvent
                tag = getattr(ev, "tag", None)
                if tag not in (_MAP_TAGS if is_map else _SEQ_TAGS):
                    self.fail(_tag_message(tag), _span(ev.start_mark, ev.end_mark))
                if len(stack) >= self.limits.max_depth:
                    self.fail(
                        f"nesting is deeper than {self.limits.max_depth} levels",
                        _span(ev.start_mark, ev.end_mark),
                    )
                self.count(1, _span(ev.start_mark, ev.end_mark))
                stack.append(_Frame({} if is_map else [], self._child_pointer(stack), ev))
                ev = next(events)
                continue
            elif kind is MappingEndEvent or kind is SequenceEndEvent:
                frame = stack.pop()
                # A block collection's end event sits at the next token; its last child's end
                # is where it really ends.
                if frame.flow or frame.last_end is None:
                    end = (ev.end_mark.line + 1, ev.end_mark.column + 1)
                else:
                    end = frame.last_end
                span = Span(frame.start.line + 1, frame.start.column + 1, *end)
                values[frame.pointer] = span
                value, size, height = frame.container, frame.size, frame.height
                if frame.anchor:
                    self.anchors[frame.anchor] = (value, size, height)
            elif kind is AliasEvent:
                span = _span(ev.start_mark, ev.end_mark)
                if ev.anchor not in self.anchors:
                    self.fail(
                        f"alias *{ev.anchor} refers to an unknown anchor", span, "invalid-yaml"
                    )
                value, size, height = self.anchors[ev.anchor]
                if len(stack) + height > self.limits.max_depth:
                    self.fail(
                        f"alias *{ev.anchor} nests the document deeper than "
                        f"{self.limits.max_depth} levels",
                        span,
                    )
                self.count(size, span, aliased=True)
                values[self._child_pointer(stack)] = span
            else:  # pragma: no cover - stream/document events never reach here
                self.fail(f"unexpected YAML event {kind.__name__}", Span(1, 1), "invalid-yaml")

            if not stack:
                return value
            parent = stack[-1]
            if height >= parent.height:
                parent.height = height + 1
            self._attach(parent, value, size, ev, span)
            ev = next(events)

    @staticmethod
    def _child_pointer(stack: list[_Frame]) -> Pointer:
        if not stack:
            return ()
        parent = stack[-1]
        if isinstance(parent.container, list):
            return (*parent.pointer, len(parent.container))
        if parent.key is _NO_KEY:
            return (*parent.pointer, _KEY_SLOT)  # a key node: moved to the key spans below
        return (*parent.pointer, parent.key)

    def _attach(self, frame: _Frame, value: Any, size: int, ev: Any, span: Span) -> None:
        container, pointer = frame.container, frame.pointer
        frame.size += size
        if span.end_line is not None and span.end_column is not None:
            frame.last_end = (span.end_line, span.end_column)
        if isinstance(container, list):
            container.append(value)
            return
        if frame.key is _NO_KEY:  # this node is a key
            key_span = self.positions.values.pop((*pointer, _KEY_SLOT))
            if isinstance(value, dict | list):
                self.fail("mapping keys must be plain strings, not collections", key_span)
            frame.key = _MERGE if (value == _MERGE and _is_plain(ev)) else _key_text(value)
            bad = _invisible(frame.key)
            if bad is not None:
                # Keys end up in messages; a newline or escape sequence there could forge
                # output lines or terminal and CI commands.
                self.fail(
                    f"mapping key {truncate(frame.key)!r} contains the invisible or control "
                    f"character U+{ord(bad):04X}; keys are plain text",
                    key_span,
                )
            frame.key_span = key_span
            return
        key, at = frame.key, frame.key_span
        assert at is not None
        frame.key = _NO_KEY
        if key == _MERGE and _MERGE not in frame.seen:
            self._merge(container, value, at, pointer)
            return
        first = frame.seen.get(key)
        if first is not None:
            self.problems.append(
                Problem(
                    "duplicate-key",
                    f"duplicate key {truncate(key)!r}: first defined at line {first.line}, column "
                    f"{first.column}; YAML keeps only one of them",
                    span=at,
                )
            )
            self.problems.append(
                Problem(
                    "duplicate-key",
                    f"key {truncate(key)!r} is defined again at line {at.line}, column {at.column}",
                    span=first,
                )
            )
        frame.seen[key] = at
        container[key] = value
        self.positions.keys[(*pointer, key)] = at

    def _merge(self, container: dict[str, Any], value: Any, span: Span, pointer: Pointer) -> None:
        sources = value if isinstance(value, list) else [value]
        if not all(isinstance(s, dict) for s in sources):
            self.fail("a merge key '<<' needs a mapping or a list of mappings", span)
        self.positions.values.pop((*pointer, _MERGE), None)
        for src in sources:
            for k, v in src.items():
                if k not in container:
                    container[k] = v
                    self.positions.keys.setdefault((*pointer, k), span)
                    self.positions.values.setdefault((*pointer, k), span)

    def _no_controls(self, text: str, span: Span) -> None:
        # An escape such as "\e[2J" would reach terminals and CI logs through messages.
        match = _CONTROL_RE.search(text)
        if match is not None:
            bad = match.group()
            self.fail(
                f"the string {truncate(text)!r} contains the control character U+{ord(bad):04X}; "
                "text may hold tabs and line breaks but no other control characters",
                span,
            )

    def _scalar(self, ev: Any, span: Span) -> Any:
        tag = ev.tag
        if tag is None and not ev.style:  # a plain scalar: the common case
            return resolve_plain(ev.value)
        if tag is not None and tag not in _SCALAR_TAGS:
            self.fail(_tag_message(tag), span)
        text: str = ev.value
        if ev.style == '"':  # only escapes in double quotes can write control characters
            self._no_controls(text, span)
        if tag is None:
            return resolve_plain(text) if _is_plain(ev) else text
        if tag == "!":
            return text
        kind = tag.removeprefix(_CORE)
        if kind == "str":
            return text
        resolved = resolve_plain(text)
        ok = {
            "int": isinstance(resolved, int) and not isinstance(resolved, bool),
            "float": isinstance(resolved, int | float) and not isinstance(resolved, bool),
            "bool": isinstance(resolved, bool),
            "null": resolved is None,
        }[kind]
        if not ok:
            self.fail(f"{text!r} is not a valid !!{kind}", span, "invalid-yaml")
        return float(resolved) if kind == "float" else resolved


_NO_KEY = object()
_KEY_SLOT = -1  # where a key node's span waits for its mapping; no real pointer part is < 0
_INVISIBLE = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})
_CONTROL_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")  # Cc but tab, LF, CR


def _invisible(text: str) -> str | None:
    """The first control, format (bidi, zero-width) or line-separator character, if any."""
    if text.isprintable():  # fast path: printable excludes every category above
        return None
    return next((c for c in text if unicodedata.category(c) in _INVISIBLE), None)


def _tag_message(tag: str | None) -> str:
    shown = (tag or "").replace(_CORE, "!!")
    return f"tag {truncate(shown)!r} is not supported: privlint never constructs objects from tags"


def _is_plain(ev: Any) -> bool:
    return not getattr(ev, "style", None)  # None (pure parser) or "" (libyaml)


def _key_text(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return truncate(repr(value) if isinstance(value, str) else str(value))


def _line_text(text: str, line: int) -> str:
    """Line `line` (0-based) as the YAML parser counts lines: CRLF, LF and CR all break."""
    for i, match in enumerate(_LINE_RE.finditer(text)):
        if i == line:
            return match.group()
    return ""


_LINE_RE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|\Z)")


def _marked_problem(exc: Any, text: str) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    if mark is None:
        return Problem("invalid-yaml", "invalid YAML", span=Span(1, 1))
    span = Span(mark.line + 1, mark.column + 1)
    problem = (exc.problem or exc.context or "invalid YAML").strip()
    line = _line_text(text, mark.line)
    indent = line[: len(line) - len(line.lstrip(" \t"))]
    if "\t" in indent or line[mark.column : mark.column + 1] == "\t":
        problem += " (a tab character: YAML indents with spaces only)"
    return Problem("invalid-yaml", f"invalid YAML: {problem}", span=span)


def _reader_problem(exc: Any, text: str) -> Problem:
    """ReaderError: a character YAML forbids, located by its offset in the text."""
    offset = exc.position if isinstance(exc.position, int) else 0
    before = text[:offset]
    breaks = list(re.finditer(r"\r\n|\r|\n", before))
    line = len(breaks) + 1
    column = offset - (breaks[-1].end() if breaks else 0) + 1
    char = exc.character
    code = f"U+{char:04X}" if isinstance(char, int) else repr(char)
    return Problem(
        "invalid-yaml",
        f"invalid YAML: the character {code} is not allowed in YAML ({exc.reason}); "
        "remove it or write it as an escape in a double-quoted string",
        span=Span(line, column),
    )


def parse_text(text: str, limits: Limits = Limits()) -> tuple[Any, PositionIndex, list[Problem]]:
    """Parse one YAML/JSON text.  Returns (data, positions, problems); data is None on failure."""
    from ruamel.yaml.error import MarkedYAMLError, YAMLError
    from ruamel.yaml.reader import ReaderError

    builder = _Builder(limits)
    data: Any = None
    documents = 0
    try:
        events = _events(text)
        for ev in events:
            kind = type(ev).__name__
            if kind == "DocumentStartEvent":
                documents += 1
                if documents == 2:
                    builder.problems.append(
                        Problem(
                            "unsupported-yaml",
                            "file holds more than one YAML document; a declaration file holds "
                            "exactly one (only the first was checked)",
                            span=_span(ev.start_mark, ev.end_mark),
                        )
                    )
                    break
            elif kind in ("MappingStartEvent", "SequenceStartEvent", "ScalarEvent", "AliasEvent"):
                data = builder.build(events, ev)
    except _Abort:
        return None, builder.positions, builder.problems
    except MarkedYAMLError as exc:
        builder.problems.append(_marked_problem(exc, text))
        return None, builder.positions, builder.problems
    except ReaderError as exc:
        builder.problems.append(_reader_problem(exc, text))
        return None, builder.positions, builder.problems
    except (YAMLError, ValueError) as exc:
        builder.problems.append(Problem("invalid-yaml", f"invalid YAML: {exc}", span=Span(1, 1)))
        return None, builder.positions, builder.problems
    if documents == 0 or data is None:
        builder.problems.append(
            Problem(
                "not-a-declaration",
                "file is empty (or holds only comments); a declaration is a YAML mapping "
                "starting with 'privlint: 1'",
                span=builder.positions.values.get((), Span(1, 1)),
            )
        )
        return None, builder.positions, builder.problems
    if not isinstance(data, dict):
        kind = "list" if isinstance(data, list) else f"single value ({_describe(data)})"
        builder.problems.append(
            Problem(
                "not-a-declaration",
                f"the top level is a {kind}; a declaration is a mapping of keys such as "
                "'privlint', 'controller' and 'activities'",
                span=builder.positions.locate(()),
            )
        )
        return None, builder.positions, builder.problems
    return data, builder.positions, builder.problems


def load_file(path: Path, display_path: str, limits: Limits = Limits()) -> LoadResult:
    """Read, decode and parse one file; every failure is a problem, never an exception."""
    raw = read_bytes(path, limits.max_file_size)
    if isinstance(raw, Problem):
        return LoadResult(None, [raw])
    text, problem = decode(raw)
    if text is None:
        assert problem is not None
        return LoadResult(None, [problem])
    data, positions, problems = parse_text(text, limits)
    if data is None:
        return LoadResult(None, problems)
    return LoadResult(Document(path, display_path, text, data, positions), problems)


def read_bytes(path: Path, max_size: int = DEFAULT_MAX_FILE_SIZE) -> bytes | Problem:
    """The bytes of a regular file, at most `max_size` of them (0: no limit).

    The file is opened without blocking and checked on the open descriptor, so a FIFO or a
    device never hangs the run and a file swapped after the check is still the one checked;
    reading stops one byte past the limit, so a file that grows (or lies about its size, as
    /proc files do) cannot exhaust memory.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    flags |= getattr(os, "O_BINARY", 0)
    try:
        if path.is_dir():  # before open(): Windows cannot open a directory at all
            return _unreadable(_directory_message(path))
        fd = os.open(path, flags)
    except OSError as exc:
        return _unreadable(f"cannot read file: {exc.strerror or exc}")
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            return _unreadable(f"{_file_kind(st.st_mode)}, not a regular file; name files only")
        if max_size and st.st_size > max_size:
            return _too_big(st.st_size, max_size)
        chunks: list[bytes] = []
        total = 0
        while True:
            chunk = os.read(fd, 1 << 20)
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if max_size and total > max_size:
                return _too_big(total, max_size, grew=True)
        return b"".join(chunks)
    except OSError as exc:
        return _unreadable(f"cannot read file: {exc.strerror or exc}")
    finally:
        os.close(fd)


def _unreadable(message: str) -> Problem:
    return Problem("unreadable-file", message, span=Span(1, 1))


def _too_big(size: int, limit: int, *, grew: bool = False) -> Problem:
    what = f"file grew past {limit:,} bytes while being read" if grew else f"file is {size:,} bytes"
    return Problem(
        "unsupported-yaml",
        f"{what}, over the limit of {limit:,} (raise it with --max-file-size or "
        "'max-file-size' in the config)",
        span=Span(1, 1),
    )


def _directory_message(path: Path) -> str:
    try:
        with os.scandir(path):
            pass
    except OSError as exc:  # discovery hands over directories it could not walk
        return f"cannot read directory: {exc.strerror or exc}"
    return "is a directory, not a declaration file"


def _file_kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "is a named pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "is a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "is a device"
    return "is a special file"

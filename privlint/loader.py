"""Files -> documents, keeping a source span for every node.

The loader walks ruamel.yaml's *event* stream itself instead of using a constructor, so that
untrusted input stays data:

* no tag ever constructs an object: only the YAML core tags are accepted;
* plain scalars resolve by the YAML 1.2 core schema (``no``/``on`` stay strings, and so do
  dates, which the schema then checks as ``format: date``);
* aliases are shared, never copied, and their expanded size is counted so that an alias bomb
  is rejected before anything walks it;
* nesting depth, file size and node count are bounded;
* duplicate keys are reported at both positions.

The libyaml-based parser (ruamel.yaml.clib) is used when installed; the pure parser yields the
same events and marks.  Every problem becomes a `Problem` with a span: the loader never raises
for bad input.
"""

from __future__ import annotations

import codecs
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from privlint.findings import Pointer, Problem, Span

DEFAULT_MAX_FILE_SIZE = 8 * 1024 * 1024  # bytes
DEFAULT_MAX_DEPTH = 64
# Expanded nodes (aliases counted at their full size); a real declaration has a few per line.
DEFAULT_MAX_NODES = 5_000_000


@dataclass(frozen=True, slots=True)
class Limits:
    max_file_size: int = DEFAULT_MAX_FILE_SIZE  # 0 = unlimited
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
_TRUE = frozenset({"true", "True", "TRUE"})
_FALSE = frozenset({"false", "False", "FALSE"})

_CORE = "tag:yaml.org,2002:"
_SCALAR_TAGS = {f"{_CORE}{t}" for t in ("str", "int", "float", "bool", "null")} | {"!"}
_MAP_TAGS = {f"{_CORE}map", None}
_SEQ_TAGS = {f"{_CORE}seq", None}
_MERGE = "<<"


def resolve_plain(value: str) -> Any:
    """YAML 1.2 core schema resolution of an untagged plain scalar."""
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
        return None, Problem(
            "unreadable-file",
            "file contains NUL bytes: it is binary, not a YAML or JSON declaration",
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
        self.last_end: tuple[int, int] | None = None


class _Builder:
    """Builds plain Python data (dict/list/str/int/float/bool/None) from events."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.positions = PositionIndex()
        self.problems: list[Problem] = []
        self.anchors: dict[str, tuple[Any, int]] = {}  # anchor -> (value, expanded size)
        self.nodes = 0

    def fail(self, message: str, span: Span, rule: str = "unsupported-yaml") -> None:
        self.problems.append(Problem(rule, message, span=span))
        raise _Abort

    def count(self, n: int, span: Span) -> None:
        self.nodes += n
        if self.nodes > self.limits.max_nodes:
            self.fail(
                f"document expands to more than {self.limits.max_nodes:,} nodes "
                "(aliases counted at their full size); refusing to process it",
                span,
            )

    def build(self, events: Iterator[Any], first: Any) -> Any:
        """Build the node that starts with event `first`; iterative, so depth costs no stack."""
        stack: list[_Frame] = []
        ev = first
        while True:
            kind = type(ev).__name__
            value: Any
            span: Span
            size = 1
            if kind in ("MappingStartEvent", "SequenceStartEvent"):
                is_map = kind == "MappingStartEvent"
                tag = getattr(ev, "tag", None)
                if tag not in (_MAP_TAGS if is_map else _SEQ_TAGS):
                    self.fail(f"tag {tag!r} is not supported", _span(ev.start_mark, ev.end_mark))
                if len(stack) >= self.limits.max_depth:
                    self.fail(
                        f"nesting is deeper than {self.limits.max_depth} levels",
                        _span(ev.start_mark, ev.end_mark),
                    )
                self.count(1, _span(ev.start_mark, ev.end_mark))
                stack.append(_Frame({} if is_map else [], self._child_pointer(stack), ev))
                ev = next(events)
                continue
            if kind in ("MappingEndEvent", "SequenceEndEvent"):
                frame = stack.pop()
                # A block collection's end event sits at the next token; its last child's end
                # is where it really ends.
                if frame.flow or frame.last_end is None:
                    end = (ev.end_mark.line + 1, ev.end_mark.column + 1)
                else:
                    end = frame.last_end
                span = Span(frame.start.line + 1, frame.start.column + 1, *end)
                self.positions.values[frame.pointer] = span
                value, size = frame.container, frame.size
                if frame.anchor:
                    self.anchors[frame.anchor] = (value, size)
            elif kind == "ScalarEvent":
                span = _span(ev.start_mark, ev.end_mark)
                value = self._scalar(ev, span)
                self.count(1, span)
                self.positions.values[self._child_pointer(stack)] = span
                if ev.anchor:
                    self.anchors[ev.anchor] = (value, 1)
            elif kind == "AliasEvent":
                span = _span(ev.start_mark, ev.end_mark)
                if ev.anchor not in self.anchors:
                    self.fail(
                        f"alias *{ev.anchor} refers to an unknown anchor", span, "invalid-yaml"
                    )
                value, size = self.anchors[ev.anchor]
                self.count(size, span)
                self.positions.values[self._child_pointer(stack)] = span
            else:  # pragma: no cover - stream/document events never reach here
                self.fail(f"unexpected YAML event {kind}", Span(1, 1), "invalid-yaml")

            if not stack:
                return value
            self._attach(stack[-1], value, size, ev, span)
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
                    f"duplicate key {key!r}: first defined at line {first.line}, column "
                    f"{first.column}; YAML keeps only one of them",
                    span=at,
                )
            )
            self.problems.append(
                Problem(
                    "duplicate-key",
                    f"key {key!r} is defined again at line {at.line}, column {at.column}",
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

    def _scalar(self, ev: Any, span: Span) -> Any:
        tag = ev.tag
        if tag is not None and tag not in _SCALAR_TAGS:
            self.fail(f"tag {tag!r} is not supported: privlint never constructs objects", span)
        text: str = ev.value
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
_KEY_SLOT = "\x00key"


def _is_plain(ev: Any) -> bool:
    return not getattr(ev, "style", None)  # None (pure parser) or "" (libyaml)


def _key_text(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def parse_text(text: str, limits: Limits = Limits()) -> tuple[Any, PositionIndex, list[Problem]]:
    """Parse one YAML/JSON text.  Returns (data, positions, problems); data is None on failure."""
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

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
        mark = exc.problem_mark or exc.context_mark
        span = Span(mark.line + 1, mark.column + 1) if mark is not None else Span(1, 1)
        problem = (exc.problem or exc.context or "invalid YAML").strip()
        builder.problems.append(Problem("invalid-yaml", f"invalid YAML: {problem}", span=span))
        return None, builder.positions, builder.problems
    except (YAMLError, ValueError, RecursionError) as exc:
        builder.problems.append(Problem("invalid-yaml", f"invalid YAML: {exc}", span=Span(1, 1)))
        return None, builder.positions, builder.problems
    if documents == 0 or (data is None and not builder.positions.values):
        builder.problems.append(
            Problem(
                "not-a-declaration",
                "file is empty (or holds only comments); a declaration is a YAML mapping",
                span=Span(1, 1),
            )
        )
        return None, builder.positions, builder.problems
    if not isinstance(data, dict):
        kind = "list" if isinstance(data, list) else f"scalar ({type(data).__name__})"
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
    try:
        size = path.stat().st_size
        if limits.max_file_size and size > limits.max_file_size:
            return LoadResult(
                None,
                [
                    Problem(
                        "unsupported-yaml",
                        f"file is {size:,} bytes, over the limit of {limits.max_file_size:,} "
                        "(raise it with --max-file-size or 'max-file-size' in the config)",
                        span=Span(1, 1),
                    )
                ],
            )
        if not path.is_file():
            return LoadResult(
                None, [Problem("unreadable-file", "not a regular file", span=Span(1, 1))]
            )
        raw = path.read_bytes()
    except OSError as exc:
        reason = exc.strerror or str(exc)
        return LoadResult(
            None, [Problem("unreadable-file", f"cannot read file: {reason}", span=Span(1, 1))]
        )
    text, problem = decode(raw)
    if text is None:
        assert problem is not None
        return LoadResult(None, [problem])
    data, positions, problems = parse_text(text, limits)
    if data is None:
        return LoadResult(None, problems)
    return LoadResult(Document(path, display_path, text, data, positions), problems)

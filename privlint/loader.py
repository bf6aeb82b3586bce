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
import sys
import unicodedata
from collections import deque
from collections.abc import Generator, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from privlint.findings import UNKNOWN_SPAN, Pointer, Problem, Span, truncate

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
    """A parsed declaration.  Positions are found on demand (`positions_for`): most files
    have no finding, and a file without findings never needs one."""

    path: Path
    display_path: str
    text: str
    data: Any
    index: PositionIndex | None = None  # the whole index, when the loader needed it anyway
    limits: Limits = Limits()

    def positions_for(self, pointers: Iterable[Pointer]) -> PositionIndex:
        """An index that locates each of `pointers` (see the module's `positions_for`)."""
        if self.index is not None:
            return self.index
        return positions_for(self.text, self.data, pointers, self.limits)


@dataclass(slots=True)
class LoadResult:
    document: Document | None
    problems: list[Problem]


class _Abort(Exception):
    """Stops the walk; the problem is already recorded."""


class _NeedSpans(Exception):  # a signal: read again, keeping positions
    """The data-only walk met a problem, which needs positions: walk again with them."""


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
            return _printable_int(int(value[2:], 8), value)
        if _HEX_RE.match(value):
            return _printable_int(int(value[2:], 16), value)
    except ValueError:  # more digits than int() accepts: keep the text
        return value
    if _FLOAT_RE.match(value) and any(c.isdigit() for c in value):
        return float(value)
    if _INF_RE.match(value):
        return -math.inf if value.startswith("-") else math.inf
    if _NAN_RE.match(value):
        return math.nan
    return value


def _printable_int(n: int, text: str) -> int | str:
    """`n`, or the text when `n` has more decimal digits than Python will print (4,300 by
    default), as int() does for decimal text: every message must be able to quote it."""
    limit = sys.get_int_max_str_digits()
    return text if limit and n.bit_length() * 0.30103 > limit - 2 else n


def _node_events() -> tuple[type, type, type, type, type, type]:
    """ruamel's node event classes (imported when a file is first read, not at start-up)."""
    from ruamel.yaml import events as e

    return (
        e.AliasEvent,
        e.MappingEndEvent,
        e.MappingStartEvent,
        e.ScalarEvent,
        e.SequenceEndEvent,
        e.SequenceStartEvent,
    )


def _span(start: Any, end: Any) -> Span:
    return Span(start.line + 1, start.column + 1, end.line + 1, end.column + 1)


def iter_events(text: str, *, pure: bool = False) -> Iterator[Any]:
    """The YAML event stream of `text`, as ruamel's pure parser reads it.

    libyaml (ruamel.yaml.clib) is only an accelerator.  Its events are used while they are the
    ones the pure parser would produce; the moment libyaml refuses the text, or reaches a
    construct where the two are known to differ (see `_diverges`), the pure parser reads the
    text again from the start, its first events (the ones already yielded) are skipped and the
    stream continues from it.  So the verdict, the events and every error position are the pure
    parser's, while the pure parser runs only for the files libyaml cannot be trusted on.

    Should libyaml's last events before it gave up differ from the pure parser's (never seen in
    the YAML test suite; checked, not assumed), `Resync` is raised: read again with pure=True.
    """
    return _events(text, pure=pure)


class Resync(Exception):  # a signal to read again, not an error
    """libyaml's events before it gave up differ from the pure parser's: read again, pure."""


def _events(text: str, *, pure: bool) -> Generator[Any, None, None]:
    c_parser = None if pure or _pure_only(text) else _c_parser()
    if c_parser is None:
        yield from _pure_events(text)
        return
    from ruamel.yaml.events import (
        MappingEndEvent,
        MappingStartEvent,
        ScalarEvent,
        SequenceEndEvent,
        SequenceStartEvent,
    )

    starts = (MappingStartEvent, SequenceStartEvent)
    ends = (MappingEndEvent, SequenceEndEvent)
    parser = c_parser(text)
    get = parser.get_event
    # libyaml may emit a wrong event just before it fails (a plain scalar cut short at a
    # character it does not accept), so an event is passed on only once the next one parsed,
    # and the last ones passed on are compared with the pure parser's when it takes over.
    recent: deque[Any] = deque(maxlen=_RESYNC_WINDOW)
    yielded = 0
    pending = None
    try:
        while True:
            try:
                ev = get()
            except Exception:  # libyaml refuses the text: the pure parser is the judge
                break
            # Most events are plain scalars, collections without tag or anchor, and ends: no
            # need to look closer (_diverges would find nothing to check in them).
            if ev is not None:
                kind = ev.__class__
                if kind is ScalarEvent:
                    suspect = (ev.style and ev.style in "|>") or ev.tag or ev.anchor
                elif kind in starts:
                    suspect = ev.tag is not None or ev.anchor is not None
                else:
                    suspect = kind not in ends
                if suspect and _diverges(ev, text):
                    break
            if pending is not None:
                recent.append(pending)
                yield pending
                yielded += 1
            if ev is None:
                return
            pending = ev
    finally:
        parser.dispose()
    rest = _pure_events(text)
    for n in range(yielded):
        ev = next(rest)
        if n >= yielded - len(recent) and _identity(ev) != _identity(
            recent[n - yielded + len(recent)]
        ):
            raise Resync
    yield from rest


_RESYNC_WINDOW = 16


def _identity(ev: Any) -> tuple[Any, ...]:
    return (
        ev.__class__,
        getattr(ev, "value", None),
        getattr(ev, "anchor", None),
        ev.start_mark.index,
        ev.end_mark.index,
    )


def _pure_events(text: str) -> Iterator[Any]:
    from ruamel.yaml import YAML

    return iter(YAML(typ="safe", pure=True).parse(text))


def _c_parser() -> Any:
    try:
        from _ruamel_yaml import CParser  # type: ignore[import-not-found]  # ruamel.yaml.clib
    except ImportError:  # no libyaml: the pure parser alone
        return None
    return CParser


def _pure_only(text: str) -> bool:
    """Text where libyaml accepts what the pure parser refuses, found by a cheap scan.

    A tab where YAML allows none (libyaml is lenient about some), and directives (libyaml
    accepts malformed ``%YAML`` lines).  Declarations rarely hold either.
    """
    return "\t" in text or text.startswith("%") or "\n%" in text or "\r%" in text


# A block scalar header as the pure parser accepts it: indicators, then a space or the line end.
_BLOCK_HEADER_RE = re.compile(r"[|>](?:[1-9][-+]?|[-+][1-9]?)?(?:[ \r\n\x85\u2028\u2029]|\Z)")
_ANCHOR_END = frozenset(" \t\r\n,[]{}\x85\u2028\u2029")


def _diverges(ev: Any, text: str) -> bool:
    """Whether libyaml's event `ev` may differ from the pure parser's (then it reads on)."""
    if getattr(ev, "tag", None) is not None:
        return True  # libyaml places a tagged node's start elsewhere; tags are rare
    anchor = ev.anchor if hasattr(ev, "anchor") else None
    if anchor is not None:
        # libyaml ends an anchor or alias name at the first character outside [A-Za-z0-9_-];
        # YAML 1.2 (and the pure parser) only at a space or a flow indicator.
        at = text.find(anchor, ev.start_mark.index + 1)
        end = at + len(anchor)
        if at < 0 or (end < len(text) and text[end] not in _ANCHOR_END):
            return True
    style = ev.style if hasattr(ev, "style") else None
    if style == "|" or style == ">":
        # The pure parser refuses a comment glued to the header (`>#`), and leading blank lines
        # indented deeper than the first one; libyaml accepts both.
        if not _BLOCK_HEADER_RE.match(text, ev.start_mark.index):
            return True
        if not ev.value or ev.value[0] == "\n":
            return True
    return False


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
        "merge",
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
        self.merge = False  # the key is the merge key: a plain, unquoted <<
        self.seen: dict[str, Span] = {}
        self.size = 1
        self.height = 1  # collection levels at and below this one, aliased ones included
        self.last_end: tuple[int, int] | None = None


class _Spot:
    """An open mapping or sequence on the path to an asked pointer (see `_Builder.spans`)."""

    __slots__ = (
        "children",
        "count",
        "data",
        "explicit",
        "flow",
        "is_map",
        "key",
        "key_span",
        "merge",
        "merge_span",
        "merges",
        "pointer",
        "start",
    )

    def __init__(
        self, pointer: Pointer, ev: Any, is_map: bool, data: Any, children: set[Any] | None
    ) -> None:
        self.pointer = pointer
        self.start: Any = ev.start_mark
        self.flow = bool(getattr(ev, "flow_style", False))
        self.is_map = is_map
        self.data = data  # what `build_data` built here
        self.children = children or set()  # the parts asked for below this node
        self.count = 0  # children attached (keys included)
        self.key: Any = _NO_KEY
        self.key_span: Span | None = None
        self.merge = False
        self.explicit: set[Any] = set()  # asked parts written as keys here
        self.merge_span: Span | None = None  # the first merge key's
        self.merges = 0

    def attach(self) -> None:
        self.count += 1
        self.key = _NO_KEY
        self.merge = False

    def merge_key(self) -> None:
        self.merges += 1
        if self.merge_span is None:
            self.merge_span = self.key_span

    def merged(self, index: PositionIndex) -> None:
        """A key that came from a merge has the merge key's span (`_Builder._merge`), unless
        the mapping writes it itself."""
        if _MERGE in self.children or not isinstance(self.data, dict):
            raise _NeedSpans  # "<<" itself: its span depends on the order of keys
        for part in self.children - self.explicit:
            if part in self.data:
                if self.merges > 1:
                    raise _NeedSpans  # which merge key it came from needs the sources
                assert self.merge_span is not None
                pointer = (*self.pointer, part)
                index.values[pointer] = index.keys[pointer] = self.merge_span


class _Builder:
    """Builds plain Python data (dict/list/str/int/float/bool/None) from events."""

    def __init__(self, limits: Limits, text: str, *, lean: bool = False) -> None:
        self.limits = limits
        self.text = text
        self.lean = lean  # data only (`build_data`): any problem raises _NeedSpans
        self.positions = PositionIndex()
        self.problems: list[Problem] = []
        self.aborted = False  # the document was not built; `problems` say why
        self.refused = False  # ... because the builder refused it (not a YAML error)
        self.recheck = ""  # see `fail`
        # anchor -> (value, expanded size, height): an alias weighs what it expands to
        self.anchors: dict[str, tuple[Any, int, int]] = {}
        self.nodes = 0  # every node, aliases counted at their full size
        self.aliased = 0  # the part of `nodes` that aliases added
        # Without a size limit only alias expansion stays bounded: it may at most double the
        # document (or add max_nodes), so that checking work is proportional to the file.
        self.node_limit = limits.max_nodes if limits.max_file_size else math.inf

    def fail(
        self, message: str, span: Span, rule: str = "unsupported-yaml", *, recheck: str = "rest"
    ) -> None:
        """Refuse the document.  `recheck`: how much of the text the pure parser then reads to
        make sure it is valid YAML ("rest", "all" when libyaml's events may have misled the
        builder, "" for a limit, which must bound the work)."""
        if self.lean:
            raise _NeedSpans
        self.problems.append(Problem(rule, message, span=span))
        self.recheck = recheck
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
                recheck="",
            )
        if self.nodes > self.node_limit:
            self.fail(
                f"document expands to more than {limit:,} nodes (aliases counted at their full "
                "size); a declaration this large is refused by default "
                "(--max-file-size 0 lifts the size limits)",
                span,
                recheck="",
            )

    def build(self, events: Iterator[Any], first: Any) -> Any:
        """Build the node that starts with event `first`; iterative, so depth costs no stack."""
        Alias, MapEnd, MapStart, Scalar, SeqEnd, SeqStart = _node_events()

        stack: list[_Frame] = []
        text = self.text
        values = self.positions.values
        node_limit = self.node_limit
        strings: dict[str, str] = {}  # as in `build_data`
        ev, prev = first, None  # prev: the event before ev, which places an empty scalar
        while True:
            kind = ev.__class__
            value: Any
            span: Span
            size, height = 1, 0  # height: collection levels at and below this node
            if kind is Scalar:  # the common case first
                start, end = ev.start_mark, ev.end_mark
                span = Span(start.line + 1, start.column + 1, end.line + 1, end.column + 1)
                value = self._scalar(ev, span)
                if value.__class__ is str and len(value) <= _SHARED_MAX:
                    value = strings.setdefault(value, value)
                if not ev.style:
                    if not ev.value and prev is not None:
                        span = self._empty_span(prev.end_mark, span)
                    elif (
                        stack and stack[-1].flow and "?" in (text[start.index - 1], text[end.index])
                    ):
                        self._question_mark(ev, span)
                self.nodes += 1
                if self.nodes > node_limit:
                    self.count(0, span)
                values[self._child_pointer(stack)] = span
                if ev.anchor:
                    self.anchors[ev.anchor] = (value, 1, 0)
            elif kind is MapStart or kind is SeqStart:
                is_map = kind is MapStart
                tag = getattr(ev, "tag", None)
                if tag not in (_MAP_TAGS if is_map else _SEQ_TAGS):
                    self.fail(_tag_message(tag), _span(ev.start_mark, ev.end_mark))
                if len(stack) >= self.limits.max_depth:
                    self.fail(
                        f"nesting is deeper than {self.limits.max_depth} levels",
                        _span(ev.start_mark, ev.end_mark),
                        recheck="",
                    )
                self.count(1, _span(ev.start_mark, ev.end_mark))
                stack.append(_Frame({} if is_map else [], self._child_pointer(stack), ev))
                ev, prev = next(events), ev
                continue
            elif kind is MapEnd or kind is SeqEnd:
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
            elif kind is Alias:
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
                        recheck="",
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
            ev, prev = next(events), ev

    def build_data(self, events: Iterator[Any], first: Any) -> Any:
        """`build` without positions: the same data, about half the work.

        Everything that is not plain data - a duplicate key, a refused tag, a limit - stops
        the walk with _NeedSpans (see `fail`), and `build` reads the file again to report it.
        """
        Alias, MapEnd, MapStart, Scalar, SeqEnd, SeqStart = _node_events()

        stack: list[_Frame] = []
        text = self.text
        node_limit = self.node_limit
        max_depth = self.limits.max_depth
        anchors = self.anchors
        # One object per repeated key or short text: a large declaration repeats its keys and
        # most of its values (ids, categories, bases) thousands of times.
        strings: dict[str, str] = {}
        shared_max = _SHARED_MAX
        ev = first
        while True:
            kind = ev.__class__
            value: Any
            size, height = 1, 0
            if kind is Scalar:
                if ev.tag is None and not ev.style:
                    value = resolve_plain(ev.value)
                    if (
                        stack
                        and stack[-1].flow
                        and ev.value
                        and "?" in (text[ev.start_mark.index - 1], text[ev.end_mark.index])
                    ):
                        raise _NeedSpans
                else:
                    value = self._scalar(ev, UNKNOWN_SPAN)
                if value.__class__ is str and len(value) <= shared_max:
                    value = strings.setdefault(value, value)
                self.nodes += 1
                if self.nodes > node_limit:
                    raise _NeedSpans
                if ev.anchor:
                    anchors[ev.anchor] = (value, 1, 0)
            elif kind is MapStart or kind is SeqStart:
                is_map = kind is MapStart
                if ev.tag not in (_MAP_TAGS if is_map else _SEQ_TAGS) or len(stack) >= max_depth:
                    raise _NeedSpans
                self.nodes += 1
                if self.nodes > node_limit:
                    raise _NeedSpans
                stack.append(_Frame({} if is_map else [], (), ev))
                ev = next(events)
                continue
            elif kind is MapEnd or kind is SeqEnd:
                frame = stack.pop()
                value, size, height = frame.container, frame.size, frame.height
                if frame.anchor:
                    anchors[frame.anchor] = (value, size, height)
            elif kind is Alias:
                if ev.anchor not in anchors:
                    raise _NeedSpans
                value, size, height = anchors[ev.anchor]
                if len(stack) + height > max_depth:
                    raise _NeedSpans
                self.count(size, UNKNOWN_SPAN, aliased=True)
            else:  # pragma: no cover - stream/document events never reach here
                raise _NeedSpans

            if not stack:
                return value
            frame = stack[-1]
            if height >= frame.height:
                frame.height = height + 1
            frame.size += size
            container = frame.container
            if container.__class__ is list:
                container.append(value)
            elif frame.key is _NO_KEY:  # this node is a key
                if value.__class__ is not str:
                    if isinstance(value, dict | list):
                        raise _NeedSpans
                    value = _key_text(value)
                frame.merge = value == _MERGE and _is_plain(ev)
                if not value.isprintable() and _invisible(value) is not None:
                    raise _NeedSpans
                frame.key = value
            else:
                key = frame.key
                frame.key = _NO_KEY
                if frame.merge:
                    frame.merge = False
                    self._merge(container, value, UNKNOWN_SPAN, ())  # type: ignore[arg-type]
                elif key in frame.seen:
                    raise _NeedSpans  # a duplicate key: reported with both positions
                else:
                    frame.seen[key] = UNKNOWN_SPAN
                    container[key] = value
            ev = next(events)

    def spans(
        self,
        events: Iterator[Any],
        first: Any,
        data: Any,
        asked: set[Pointer],
        children: dict[Pointer, set[Any]],
    ) -> PositionIndex:
        """`build`'s position index restricted to the pointers in `asked` and their ancestors
        (`children`: the parts asked below each ancestor), from the events of a text that
        `build_data` read without a problem; `data` is what it built.

        Only the path to the asked nodes is tracked: a subtree nobody asked about costs a
        class check per event.  What this walk does not reproduce exactly (an alias as a key,
        a key asked for below a mapping with several merge keys, "<<" itself) raises
        _NeedSpans: the caller then builds the whole index.
        """
        Alias, MapEnd, MapStart, Scalar, SeqEnd, SeqStart = _node_events()

        index = PositionIndex()
        values, keys = index.values, index.keys
        spots: list[_Spot] = []  # the open collections on the asked paths
        skipped: list[Any] = []  # start events of the open collections below an unasked node
        # The event that ends the last node read so far (and the event before it, which places
        # an empty scalar): a block collection ends where its last child does (see `build`).
        leaf: Any = None
        leaf_prev: Any = None
        ev, prev = first, None
        while True:
            kind = ev.__class__
            if skipped:
                if kind is Scalar or kind is Alias:
                    leaf, leaf_prev = ev, prev
                elif kind is MapStart or kind is SeqStart:
                    skipped.append(ev)
                    leaf = ev
                else:
                    start = skipped.pop()
                    if start.flow_style or leaf is start:  # flow, or (never seen) empty
                        leaf = ev
                    if not skipped and spots:
                        spots[-1].attach()
                ev, prev = next(events), ev
                continue
            parent = spots[-1] if spots else None
            if kind is MapEnd or kind is SeqEnd:
                assert parent is not None
                spots.pop()
                if parent.flow or not parent.count:
                    end = ev.end_mark
                    end_at = (end.line + 1, end.column + 1)
                    leaf = ev
                else:
                    end_at = self._end(leaf, leaf_prev, Scalar)
                values[parent.pointer] = Span(
                    parent.start.line + 1, parent.start.column + 1, *end_at
                )
                if parent.merge_span is not None:
                    parent.merged(index)
                if not spots:
                    return index
                spots[-1].attach()
                ev, prev = next(events), ev
                continue
            # A node starts: where is it?
            part: Any = None
            if parent is None:
                pointer: Pointer = ()
            elif parent.is_map:
                if parent.key is _NO_KEY:  # a key
                    if kind is not Scalar:
                        raise _NeedSpans  # an alias as a key (collections are refused)
                    span = self._scalar_span(ev, prev)
                    leaf, leaf_prev = ev, prev
                    value = self._scalar(ev, span)
                    parent.key = _key_text(value)
                    parent.key_span = span
                    parent.merge = value == _MERGE and _is_plain(ev)
                    parent.count += 1
                    ev, prev = next(events), ev
                    continue
                part = parent.key
                pointer = (*parent.pointer, part)
            else:
                part = parent.count
                pointer = (*parent.pointer, part)
            if parent is not None and parent.merge:
                wanted = False  # its keys get the merge key's span (see `_Spot.merged`)
                parent.merge_key()
            else:
                wanted = pointer in children or pointer in asked
                if wanted and parent is not None and parent.is_map:
                    parent.explicit.add(part)
                    assert parent.key_span is not None
                    keys[pointer] = parent.key_span
            if kind is Scalar or kind is Alias:
                leaf, leaf_prev = ev, prev
                if wanted:
                    values[pointer] = (
                        self._scalar_span(ev, prev)
                        if kind is Scalar
                        else _span(ev.start_mark, ev.end_mark)
                    )
                if parent is None:
                    return index
                parent.attach()
            elif wanted:
                try:
                    node = data if parent is None else parent.data[part]
                except (KeyError, IndexError, TypeError):
                    raise _NeedSpans from None  # not the data of these events
                spots.append(_Spot(pointer, ev, kind is MapStart, node, children.get(pointer)))
            else:
                skipped.append(ev)
                leaf = ev
            ev, prev = next(events), ev

    def _scalar_span(self, ev: Any, prev: Any) -> Span:
        span = _span(ev.start_mark, ev.end_mark)
        if not ev.style and not ev.value and prev is not None:
            span = self._empty_span(prev.end_mark, span)
        return span

    def _end(self, leaf: Any, prev: Any, scalar: type) -> tuple[int, int]:
        """Where the node that `leaf` ends ends (see `spans`)."""
        if leaf.__class__ is scalar:  # maybe an empty one, placed by the event before it
            span = self._scalar_span(leaf, prev)
            assert span.end_line is not None and span.end_column is not None
            return span.end_line, span.end_column
        return leaf.end_mark.line + 1, leaf.end_mark.column + 1

    def _empty_span(self, after: Any, span: Span) -> Span:
        """Where an empty value is: just after the ':', '?' or '-' that introduces it.

        libyaml and the pure parser place an empty scalar differently (after the ':' or at the
        next token); both place the event before it alike, so the text after that decides.
        """
        end = _empty_value_end(self.text, after.index)
        if end is None:
            return span
        line, column = after.line + 1, after.column + 1
        *breaks, rest = _BREAK_RE.split(self.text[after.index : end])
        if breaks:
            line, column = line + len(breaks), 1
        column += len(rest)
        return Span(line, column, line, column)

    def _question_mark(self, ev: Any, span: Span) -> None:
        self.fail(
            f"'?' glued to the text {truncate(ev.value)!r} in a flow collection: YAML 1.2 reads "
            "it as part of the text, ruamel and other YAML 1.1 tools as a key indicator; quote "
            "the text (\"a?b\"), or write '? ' with a space for an explicit key",
            span,
        )

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
                # libyaml builds some collection keys the pure parser refuses (`[{a: b}:c]`)
                self.fail(
                    "mapping keys must be plain strings, not collections", key_span, recheck="all"
                )
            frame.key = _key_text(value)
            # Only a plain << merges; a quoted "<<" is an ordinary key (YAML 1.2, every tool).
            frame.merge = value == _MERGE and _is_plain(ev)
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
        if frame.merge:
            frame.merge = False
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
        if self.lean:
            for src in sources:
                for k, v in src.items():
                    container.setdefault(k, v)
            return
        if _MERGE not in container:  # else the span is a quoted "<<" key's value's
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
_SHARED_MAX = 64  # longer texts are rarely repeated: not worth a dict entry
_BREAK_RE = re.compile(r"\r\n|\r|\n")
_KEY_SLOT = -1  # where a key node's span waits for its mapping; no real pointer part is < 0
_INVISIBLE = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})
_CONTROL_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")  # Cc but tab, LF, CR


def _empty_value_end(text: str, start: int) -> int | None:
    """From the end of the event before an empty scalar: the offset just after its indicator
    (':', '?' or '-'), past blanks, commas and comments; None if something else comes first.
    A scan, not a regex: `(?:blank|#comment)*[:?-]` backtracks quadratically on long blanks."""
    i, n = start, len(text)
    while i < n:
        ch = text[i]
        if ch in " \t\r\n,":
            i += 1
        elif ch == "#":
            ends = [e for e in (text.find("\n", i), text.find("\r", i)) if e != -1]
            i = min(ends) if ends else n
        elif ch in ":?-":
            return i + 1
        else:
            return None
    return None


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
    from privlint.yaml_errors import yaml_error_problem

    for mark in (exc.problem_mark, exc.context_mark):
        # parse_text may add a final line break; a mark past the text is at its end
        if mark is not None and mark.index >= len(text):
            end = _offset_span(text, len(text))
            mark.line, mark.column, mark.index = end.line - 1, end.column - 1, len(text)
    mark = exc.problem_mark or exc.context_mark
    return yaml_error_problem(exc, _line_text(text, mark.line) if mark is not None else "")


def _reader_problem(exc: Any, text: str) -> Problem:
    """ReaderError: a character YAML forbids, located by its offset in the text."""
    offset = exc.position if isinstance(exc.position, int) else 0
    char = exc.character
    code = f"U+{char:04X}" if isinstance(char, int) else repr(char)
    return Problem(
        "invalid-yaml",
        f"invalid YAML: the character {code} is not allowed in YAML (a control or non-character "
        "code point); remove it or write it as an escape in a double-quoted string",
        span=_offset_span(text, offset),
    )


def _offset_span(text: str, offset: int) -> Span:
    """The line and column of character `offset`, lines counted as the YAML parser does."""
    before = text[:offset]
    breaks = list(re.finditer(r"\r\n|\r|\n", before))
    return Span(len(breaks) + 1, offset - (breaks[-1].end() if breaks else 0) + 1)


def _build_document(builder: _Builder, events: Iterator[Any], text: str) -> tuple[Any, int]:
    """(data of the first document, documents seen); every problem lands in the builder."""
    data: Any = None
    documents = 0
    try:
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
                    # Not built, but read to the end: invalid YAML after it is still reported.
                    error = _first_error(events, text)
                    if error is not None:
                        builder.problems[-1] = error
                        builder.aborted = True
                        return None, documents
                    break
            elif kind in ("MappingStartEvent", "SequenceStartEvent", "ScalarEvent", "AliasEvent"):
                data = (builder.build_data if builder.lean else builder.build)(events, ev)
        return data, documents
    except _Abort:
        builder.refused = True
    except _NeedSpans:
        raise
    except Exception as exc:
        problem = _yaml_problem(exc, text)
        if problem is None:
            raise
        builder.problems.append(problem)
    builder.aborted = True
    return None, documents


def _first_error(events: Iterator[Any], text: str) -> Problem | None:
    """Read `events` to the end: the problem of the YAML error that stops them, if any."""
    try:
        for _ in events:
            pass
    except Exception as exc:
        problem = _yaml_problem(exc, text)
        if problem is None:
            raise
        return problem
    return None


def _yaml_problem(exc: Exception, text: str) -> Problem | None:
    """The problem for an exception the parser raised (None: not a parser error, a bug)."""
    from ruamel.yaml.error import MarkedYAMLError, YAMLError
    from ruamel.yaml.reader import ReaderError

    if isinstance(exc, MarkedYAMLError):
        return _marked_problem(exc, text)
    if isinstance(exc, ReaderError):
        return _reader_problem(exc, text)
    if isinstance(exc, YAMLError | ValueError):
        return Problem("invalid-yaml", f"invalid YAML: {exc}", span=Span(1, 1))
    if isinstance(exc, AssertionError):  # ruamel asserts on a %YAML version but 1.1 and 1.2
        match = re.search(r"^%YAML[ \t]+(\S*)", text, re.MULTILINE)
        return Problem(
            "unsupported-yaml",
            f"YAML version directive '%YAML {truncate(match.group(1) if match else '')}' is "
            "not supported; privlint reads YAML 1.2 (remove the directive)",
            span=_offset_span(text, match.start() if match else 0),
        )
    return None


@dataclass(slots=True)
class Parsed:
    """One YAML text read as a single document of any value (see `parse_yaml`)."""

    data: Any  # None also when the text was refused: see `ok`
    positions: PositionIndex
    problems: list[Problem]
    documents: int  # documents seen (reading stops at the second)
    ok: bool  # the first document was built (problems may still hold duplicate keys etc.)


def _read(
    text: str, original: str, limits: Limits, *, pure: bool, lean: bool
) -> tuple[_Builder, Any, int]:
    builder = _Builder(limits, text, lean=lean)
    events = _events(text, pure=pure)
    data, documents = _build_document(builder, events, original)
    if builder.refused and builder.recheck:
        # A refusal by policy (a tag, a collection key, ...) is reported only for valid YAML:
        # the rest of the text is read (all of it again by the pure parser where libyaml's
        # events may have misled the builder), and a YAML error wins.  Limits are final.
        rest = _events(text, pure=True) if builder.recheck == "all" and not pure else events
        error = _first_error(rest, original)
        if error is not None:
            builder.problems[-1] = error
    return builder, data, documents


def _as_parsed(text: str) -> tuple[str, bool]:
    """The text as the parser reads it, and whether the pure parser must (else libyaml first).

    The end of the input ends a block scalar's last line as a line break would (YAML 1.2,
    8.1.1.2); ruamel drops that line's content otherwise.  Error marks are clamped back."""
    if text and text[-1] not in "\r\n":
        text += "\n"
    return text, _c_parser() is None or _pure_only(text)


def parse_yaml(text: str, limits: Limits = Limits(), *, positions: bool = True) -> Parsed:
    """Parse one YAML/JSON text into plain data, whatever its top-level value.

    With positions=False the data is built without the position index (`Parsed.positions`
    is then empty unless the text has a loader problem, whose report needs positions: such a
    text is read a second time with them).  Data and problems are the same either way.
    """
    original = text
    text, pure = _as_parsed(text)
    lean = not positions
    while True:
        try:
            try:
                builder, data, documents = _read(text, original, limits, pure=pure, lean=lean)
            except Resync:
                pure = True
                builder, data, documents = _read(text, original, limits, pure=pure, lean=lean)
        except _NeedSpans:
            lean = False
            continue
        break
    return Parsed(data, builder.positions, builder.problems, documents, not builder.aborted)


def positions_for(
    text: str, data: Any, pointers: Iterable[Pointer], limits: Limits = Limits()
) -> PositionIndex:
    """The part of `text`'s position index (`parse_yaml`) that locates `pointers`: the spans of
    those nodes, of their keys and of their ancestors, so `locate` answers for each of them
    exactly as the whole index would.

    `data` is what the data-only load built from `text` without a problem (a `Document`'s).
    One pass over the events that tracks only the paths asked for: its cost is that of the
    parser plus a little per event, not of building the whole index.
    """
    asked = set(pointers)
    children: dict[Pointer, set[Any]] = {}
    for pointer in asked:
        for i in range(len(pointer)):
            children.setdefault(pointer[:i], set()).add(pointer[i])
    original = text
    text, pure = _as_parsed(text)
    while True:
        try:
            return _spans(text, data, asked, children, pure=pure)
        except Resync:
            pure = True
        except _NeedSpans:  # a construct only the whole index places exactly
            return parse_yaml(original, limits).positions


def _spans(
    text: str, data: Any, asked: set[Pointer], children: dict[Pointer, set[Any]], *, pure: bool
) -> PositionIndex:
    events = _events(text, pure=pure)
    try:
        for ev in events:
            if type(ev).__name__ in _NODE_STARTS:
                return _Builder(Limits(), text, lean=True).spans(events, ev, data, asked, children)
        return PositionIndex()
    finally:
        events.close()


_NODE_STARTS = frozenset({"MappingStartEvent", "SequenceStartEvent", "ScalarEvent", "AliasEvent"})


def parse_text(
    text: str, limits: Limits = Limits(), *, positions: bool = True
) -> tuple[Any, PositionIndex, list[Problem]]:
    """Parse one declaration text.  Returns (data, positions, problems); data is None on failure.

    A declaration is a mapping: an empty file, a list or a single value is a problem.
    positions=False: see `parse_yaml`.
    """
    parsed = parse_yaml(text, limits, positions=positions)
    data = parsed.data
    if not parsed.ok:
        return None, parsed.positions, parsed.problems
    if not isinstance(data, dict) and not positions:  # a problem, placed by the positions
        return parse_text(text, limits)
    if parsed.documents == 0 or data is None:
        parsed.problems.append(
            Problem(
                "not-a-declaration",
                "file is empty (or holds only comments); a declaration is a YAML mapping "
                "starting with 'privlint: 1'",
                span=parsed.positions.values.get((), Span(1, 1)),
            )
        )
        return None, parsed.positions, parsed.problems
    if not isinstance(data, dict):
        kind = "list" if isinstance(data, list) else f"single value ({_describe(data)})"
        parsed.problems.append(
            Problem(
                "not-a-declaration",
                f"the top level is a {kind}; a declaration is a mapping of keys such as "
                "'privlint', 'controller' and 'activities'",
                span=parsed.positions.locate(()),
            )
        )
        return None, parsed.positions, parsed.problems
    return data, parsed.positions, parsed.problems


def load_file(path: Path, display_path: str, limits: Limits = Limits()) -> LoadResult:
    """Read, decode and parse one file; every failure is a problem, never an exception."""
    raw = read_bytes(path, limits.max_file_size)
    if isinstance(raw, Problem):
        return LoadResult(None, [raw])
    text, problem = decode(raw)
    del raw  # a second copy of the file, while the data is built
    if text is None:
        assert problem is not None
        return LoadResult(None, [problem])
    return load_text(text, path, display_path, limits)


def load_text(text: str, path: Path, display_path: str, limits: Limits = Limits()) -> LoadResult:
    """Parse text already in memory (stdin, an editor's buffer) exactly as `load_file` parses
    a file's: data first, positions only when something needs them."""
    data, positions, problems = parse_text(text, limits, positions=False)
    if data is None:
        return LoadResult(None, problems)
    # A problem made the loader keep positions; otherwise they are built if asked for.
    index = positions if positions.values else None
    return LoadResult(Document(path, display_path, text, data, index, limits), problems)


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

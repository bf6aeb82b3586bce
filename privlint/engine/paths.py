"""Selectors: RFC 9535 JSONPath, parsed and evaluated here, once per distinct selector.

One evaluator, with no library beside it: a selector is compiled into plain closures the
first time it is seen, and evaluating it is a few loops over dicts and lists.  What privlint
supports is RFC 9535 minus two things, which are refused when the rule file loads (so the
error names the file and line, never a silently different answer):

* descendant segments (`..`): name the path instead (`$.activities[*].recipients`);
* `match()` and `search()` with a pattern that is not a string literal: the pattern must be
  checked for exponential backtracking when the rule loads (privlint.engine.regex).

Everything else follows the RFC: name, wildcard, index and slice selectors, several
selectors in one bracket, filters with comparisons (==, !=, <, <=, >, >=), existence tests,
&&, ||, !, parentheses, singular queries from @ or $, and the functions length(), count(),
match(), search() and value().  A name selects a member of an object only; a wildcard or
filter takes an object's members in order or an array's items; `1 == true` is false, as is
any comparison of different kinds except `!=`; a missing node equals only another missing
node.  Results come in document order, as (pointer, node) pairs.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Iterator
from functools import cache
from typing import Any

from privlint.engine.regex import RegexError, compile_user, iregexp
from privlint.findings import Pointer

Node = tuple[Pointer, Any]
Select = Callable[[Pointer, Any, Any, list[Node]], None]  # (pointer, node, root, out)
Query = Callable[[Any, Any], list[Node]]  # (start node, root) -> nodes
Value = Callable[[Any, Any], Any]  # (current node, root) -> value or NOTHING
Value1 = Callable[[Any], Any]  # node -> child or NOTHING
Logical = Callable[[Any, Any], bool]


class SelectorError(ValueError):
    pass


class _Nothing:
    """The absence of a value (RFC 9535 'Nothing'): a missing node, or length() of a number."""

    def __repr__(self) -> str:
        return "Nothing"


NOTHING: Any = _Nothing()

_INT = re.compile(r"-?(?:0|[1-9][0-9]*)")
_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?")
_FUNCTION_NAME = re.compile(r"[a-z][a-z0-9_]*")
_BLANK = " \t\n\r"
_ESCAPES = {"b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t", "/": "/", "\\": "\\"}


# -- evaluation ----------------------------------------------------------------------------------
# A selector appends what it finds to `out` rather than yielding it: a filter runs once per
# node of a large declaration, and a generator per call was most of a selector's cost.


def _items(node: Any) -> Iterable[tuple[str | int, Any]]:
    """An object's members in order, an array's items with their indexes; nothing otherwise."""
    if isinstance(node, dict):
        return node.items()
    if isinstance(node, list):
        return enumerate(node)
    return ()


def _position(index: int, node: list[Any]) -> int | None:
    """RFC 9535 2.3.3.2: a negative index counts from the end; None when out of range."""
    i = index + len(node) if index < 0 else index
    return i if 0 <= i < len(node) else None


def _member(key: str | int) -> Value1:
    """node -> the child a name or index selects, or NOTHING: the one lookup both a name or
    index selector and a singular query (used as a value) make."""
    if isinstance(key, str):

        def member(node: Any) -> Any:
            return node.get(key, NOTHING) if isinstance(node, dict) else NOTHING

        return member

    def item(node: Any) -> Any:
        if isinstance(node, list) and (i := _position(key, node)) is not None:
            return node[i]
        return NOTHING

    return item


def _name(name: str) -> Select:
    member = _member(name)

    def select(pointer: Pointer, node: Any, root: Any, out: list[Node]) -> None:
        if (child := member(node)) is not NOTHING:
            out.append(((*pointer, name), child))

    return select


def _wildcard(pointer: Pointer, node: Any, root: Any, out: list[Node]) -> None:
    out.extend(((*pointer, key), child) for key, child in _items(node))


def _index(index: int) -> Select:
    def select(pointer: Pointer, node: Any, root: Any, out: list[Node]) -> None:
        if isinstance(node, list) and (i := _position(index, node)) is not None:
            out.append(((*pointer, i), node[i]))

    return select


def _slice(start: int | None, end: int | None, step: int) -> Select:
    def select(pointer: Pointer, node: Any, root: Any, out: list[Node]) -> None:
        if isinstance(node, list) and step != 0:  # RFC 9535 2.3.4.2.2: step 0 selects nothing
            out.extend(
                ((*pointer, i), node[i]) for i in range(*slice(start, end, step).indices(len(node)))
            )

    return select


def _filter(test: Logical) -> Select:
    def select(pointer: Pointer, node: Any, root: Any, out: list[Node]) -> None:
        # the pointer is built only for the children that pass
        out.extend(((*pointer, key), child) for key, child in _items(node) if test(child, root))

    return select


def _segment(selectors: list[Select]) -> Select:
    if len(selectors) == 1:
        return selectors[0]

    def select(pointer: Pointer, node: Any, root: Any, out: list[Node]) -> None:
        for selector in selectors:
            selector(pointer, node, root, out)

    return select


def _query(segments: list[Select]) -> Query:
    """(start node, root) -> nodes; the start is @ or $."""

    def run(start: Any, root: Any) -> list[Node]:
        nodes: list[Node] = [((), start)]
        for segment in segments:
            found: list[Node] = []
            for pointer, node in nodes:
                segment(pointer, node, root, found)
            nodes = found
        return nodes

    return run


def _singular(members: list[Value1], relative: bool) -> Value:
    """A singular query (names and indexes only) as a value: its one node, or NOTHING; a walk
    down the members, with no node list or pointer built."""

    def value(node: Any, root: Any) -> Any:
        current = node if relative else root
        for member in members:
            current = member(current)  # NOTHING stays NOTHING: it is neither dict nor list
        return current

    return value


# Kinds whose values equal exactly when Python's == says so (bool is not int, by type).
_PLAIN = frozenset({str, int, float})


def _equal(a: Any, b: Any) -> bool:
    """RFC 9535 2.3.5.2.2 equality: kinds kept apart (true is not 1), numbers by value."""
    kind = type(a)
    if kind is type(b) and kind in _PLAIN:  # the common case: a string against a literal
        return bool(a == b)
    if a is NOTHING or b is NOTHING:  # the next common one: the field is absent
        return a is b
    if isinstance(a, bool) or isinstance(b, bool) or a is None or b is None:
        return a is b
    if _is_number(a) and _is_number(b):
        return bool(a == b)
    if isinstance(a, str) and isinstance(b, str):
        return a == b
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_equal(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_equal(a[k], b[k]) for k in a)
    return False


def _less(a: Any, b: Any) -> bool:
    if _is_number(a) and _is_number(b):
        return bool(a < b)
    return isinstance(a, str) and isinstance(b, str) and a < b


def _is_number(x: Any) -> bool:
    return isinstance(x, int | float) and not isinstance(x, bool)


_COMPARE: dict[str, Callable[[Any, Any], bool]] = {
    "==": _equal,
    "!=": lambda a, b: not _equal(a, b),
    "<": _less,
    "<=": lambda a, b: _less(a, b) or _equal(a, b),
    ">": lambda a, b: _less(b, a),
    ">=": lambda a, b: _less(b, a) or _equal(a, b),
}


def _length(value: Any) -> Any:
    if isinstance(value, str | list | dict):
        return len(value)
    return NOTHING


def _name_char(ch: str, first: bool) -> bool:
    """RFC 9535 name-first / name-char: ASCII letters, '_', any non-ASCII but surrogates; digits
    after the first.  (A character class regex over these ranges costs ~10 ms to compile.)"""
    code = ord(ch)
    if code >= 0x80:
        return not 0xD800 <= code <= 0xDFFF
    return ch.isalpha() or ch == "_" or (not first and ch.isdigit())


# -- parsing -------------------------------------------------------------------------------------


class _Parser:
    """Recursive descent over the selector text (RFC 9535's ABNF, section 2)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0
        self.parens = 0

    # helpers
    def error(self, message: str | None = None) -> SelectorError:
        if message is None:
            if self.pos >= len(self.text):
                message = "unbalanced parentheses" if self.parens else "unexpected end"
            else:
                message = f"unexpected token {self.text[self.pos]!r}"
        return SelectorError(message)

    def peek(self, literal: str) -> bool:
        return self.text.startswith(literal, self.pos)

    def take(self, literal: str) -> bool:
        if self.peek(literal):
            self.pos += len(literal)
            return True
        return False

    def expect(self, literal: str) -> None:
        if not self.take(literal):
            raise self.error()

    def blank(self) -> None:
        while self.pos < len(self.text) and self.text[self.pos] in _BLANK:
            self.pos += 1

    def match(self, pattern: re.Pattern[str]) -> str | None:
        m = pattern.match(self.text, self.pos)
        if m is None or not m.group():
            return None
        self.pos = m.end()
        return m.group()

    # queries
    def query(self) -> tuple[list[Select], list[str | int] | None]:
        """Segments after $ or @, and the names and indexes of a singular query (None when the
        query is not singular)."""
        segments: list[Select] = []
        keys: list[str | int] | None = []
        while True:
            save = self.pos
            self.blank()
            if self.peek(".."):
                raise self.error("descendant segments ('..') are not supported; name the path")
            if self.take("."):
                if self.take("*"):
                    segments.append(_wildcard)
                    keys = None
                else:
                    name = self.member_name()
                    segments.append(_name(name))
                    keys = None if keys is None else [*keys, name]
            elif self.take("["):
                selectors, key = self.bracket()
                segments.append(_segment(selectors))
                keys = None if keys is None or key is None else [*keys, key]
            else:
                self.pos = save
                return segments, keys

    def member_name(self) -> str:
        start = self.pos
        while self.pos < len(self.text) and _name_char(self.text[self.pos], self.pos == start):
            self.pos += 1
        if self.pos == start:
            raise self.error()
        return self.text[start : self.pos]

    def bracket(self) -> tuple[list[Select], str | int | None]:
        """Selectors up to ']'; the name or index when it is just one of those (singular)."""
        selectors: list[Select] = []
        keys: list[str | int | None] = []
        while True:
            self.blank()
            selector, key = self.selector()
            selectors.append(selector)
            keys.append(key)
            self.blank()
            if self.take("]"):
                return selectors, keys[0] if len(keys) == 1 else None
            self.expect(",")

    def selector(self) -> tuple[Select, str | int | None]:
        """A selector, and its name or index if it is a name or index selector."""
        if self.peek("'") or self.peek('"'):
            name = self.string()
            return _name(name), name
        if self.take("*"):
            return _wildcard, None
        if self.take("?"):
            self.blank()
            return _filter(self.logical()), None
        start = self.integer()
        self.blank()
        if not self.take(":"):
            if start is None:
                raise self.error()
            return _index(start), start
        self.blank()
        end = self.integer()
        self.blank()
        step: int | None = None
        if self.take(":"):
            self.blank()
            step = self.integer()
        return _slice(start, end, 1 if step is None else step), None

    def integer(self) -> int | None:
        """An integer (RFC 9535 'int': no leading zeros, no -0), or None if there is none."""
        text = self.match(_INT)
        if text == "-0":
            raise self.error("-0 is not an index")
        return None if text is None else int(text)

    def string(self) -> str:
        quote = self.text[self.pos]
        self.pos += 1
        out: list[str] = []
        while True:
            if self.pos >= len(self.text):
                raise self.error("unterminated string")
            ch = self.text[self.pos]
            self.pos += 1
            if ch == quote:
                return "".join(out)
            if ch == "\\":
                out.append(self.escape(quote))
            elif ord(ch) < 0x20:
                raise self.error("control character in a string")
            else:
                out.append(ch)

    def escape(self, quote: str) -> str:
        if self.pos >= len(self.text):
            raise self.error("unterminated string")
        ch = self.text[self.pos]
        self.pos += 1
        if ch == quote:
            return ch
        if ch in _ESCAPES:
            return _ESCAPES[ch]
        if ch != "u":
            raise self.error(f"invalid escape '\\{ch}'")
        code = self.hex4()
        if 0xD800 <= code <= 0xDBFF:  # a surrogate pair
            if not self.take("\\u"):
                raise self.error("unpaired surrogate")
            low = self.hex4()
            if not 0xDC00 <= low <= 0xDFFF:
                raise self.error("unpaired surrogate")
            code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
        elif 0xDC00 <= code <= 0xDFFF:
            raise self.error("unpaired surrogate")
        return chr(code)

    def hex4(self) -> int:
        digits = self.text[self.pos : self.pos + 4]
        if len(digits) != 4 or not all(c in "0123456789abcdefABCDEF" for c in digits):
            raise self.error("invalid \\u escape")
        self.pos += 4
        return int(digits, 16)

    # filters
    def logical(self) -> Logical:
        """logical-or-expr: conjunctions joined by '||'."""
        return self.joined("||", self.conjunction, any)

    def conjunction(self) -> Logical:
        """logical-and-expr: basic expressions joined by '&&'."""
        return self.joined("&&", self.basic, all)

    def joined(
        self, op: str, part: Callable[[], Logical], combine: Callable[[Iterator[bool]], bool]
    ) -> Logical:
        parts = [part()]
        while True:
            save = self.pos
            self.blank()
            if not self.take(op):
                self.pos = save
                break
            self.blank()
            parts.append(part())
        if len(parts) == 1:
            return parts[0]
        return lambda node, root: combine(p(node, root) for p in parts)

    def basic(self) -> Logical:
        if self.take("!"):
            self.blank()
            inner = self.basic_positive(negated=True)
            return lambda node, root: not inner(node, root)
        return self.basic_positive(negated=False)

    def basic_positive(self, *, negated: bool) -> Logical:
        if self.take("("):
            self.parens += 1
            self.blank()
            inner = self.logical()
            self.blank()
            self.expect(")")
            self.parens -= 1
            return inner
        left, kind = self.operand()
        save = self.pos
        self.blank()
        op = next((o for o in ("==", "!=", "<=", ">=", "<", ">") if self.peek(o)), None)
        if op is None:
            self.pos = save
            if isinstance(left, _SingularQuery):  # an existence test
                found = left.value
                return lambda node, root: found(node, root) is not NOTHING
            if kind == "nodes":
                query = left
                return lambda node, root: bool(query(node, root))
            if kind == "logical":
                return left  # type: ignore[no-any-return]
            raise self.error("a value alone is not a test; compare it with something")
        if negated:
            raise self.error("'!' applies to a test or a parenthesised expression")
        self.pos += len(op)
        self.blank()
        right, right_kind = self.operand()
        if "nodes" in (kind, right_kind) or "logical" in (kind, right_kind):
            raise self.error("only single values can be compared (a singular query or value)")
        compare = _COMPARE[op]
        first, second = _as_value(left), _as_value(right)
        if isinstance(right, _Literal):  # the usual `@.role == 'x'`: the literal bound once
            literal = right.value
            return lambda node, root: compare(first(node, root), literal)
        return lambda node, root: compare(first(node, root), second(node, root))

    def operand(self) -> tuple[Any, str]:
        """(evaluator, kind): kind 'value' (a Value), 'nodes' (a node list), 'logical'."""
        if self.peek("@") or self.peek("$"):
            relative = self.text[self.pos] == "@"
            self.pos += 1
            segments, keys = self.query()
            query = _query(segments)
            if relative:

                def nodes(node: Any, root: Any) -> list[Node]:
                    return query(node, root)
            else:

                def nodes(node: Any, root: Any) -> list[Node]:
                    return query(root, root)

            if keys is not None:
                walk = _singular([_member(k) for k in keys], relative)
                return _SingularQuery(nodes, walk), "singular"
            return nodes, "nodes"
        if self.peek("'") or self.peek('"'):
            return _Literal(self.string()), "value"
        for word, literal in (("true", True), ("false", False), ("null", None)):
            if self.take(word):
                return _Literal(literal), "value"
        number = self.match(_NUMBER)
        if number is not None:
            value = float(number) if any(c in number for c in ".eE") else int(number)
            if isinstance(value, float) and not math.isfinite(value):
                raise self.error("number out of range")
            return _Literal(value), "value"
        name = self.match(_FUNCTION_NAME)
        if name is not None and self.peek("("):
            return self.function(name)
        raise self.error()

    def function(self, name: str) -> tuple[Any, str]:
        self.expect("(")
        self.parens += 1
        args: list[tuple[Any, str]] = []
        self.blank()
        if not self.peek(")"):
            while True:
                self.blank()
                args.append(self.operand())
                self.blank()
                if not self.take(","):
                    break
        self.expect(")")
        self.parens -= 1
        kinds = [k for _, k in args]

        def arity(n: int) -> None:
            if len(args) != n:
                raise self.error(f"{name}() takes {n} argument(s)")

        if name == "length":
            arity(1)
            value = self.value_arg(name, args[0])
            return (lambda node, root: _length(value(node, root))), "value"
        if name in ("count", "value"):
            arity(1)
            if kinds[0] not in ("nodes", "singular"):
                raise self.error(f"{name}() takes a query")
            nodes = args[0][0]
            nodes = nodes.nodes if isinstance(nodes, _SingularQuery) else nodes
            if name == "count":
                return (lambda node, root: len(nodes(node, root))), "value"

            def single(node: Any, root: Any) -> Any:
                found = nodes(node, root)
                return found[0][1] if len(found) == 1 else NOTHING

            return single, "value"
        if name in ("match", "search"):
            arity(2)
            subject = self.value_arg(name, args[0])
            pattern_fn, pattern_kind = args[1]
            if pattern_kind != "value" or not isinstance(pattern_fn(None, None), str):
                raise self.error(f"{name}() needs a string literal as its pattern")
            pattern = pattern_fn(None, None)
            try:  # a rule's regex runs on RE2, in linear time (engine/regex.py)
                rx = compile_user(iregexp(pattern))
            except RegexError as exc:
                raise self.error(str(exc)) from None
            test = rx.fullmatch if name == "match" else rx.search
            return (
                lambda node, root: isinstance(v := subject(node, root), str) and bool(test(v))
            ), "logical"
        raise self.error(f"unknown function {name}()")

    def value_arg(self, name: str, arg: tuple[Any, str]) -> Value:
        evaluator, kind = arg
        if kind not in ("value", "singular"):
            raise self.error(f"{name}() takes a single value (a literal or a singular query)")
        return _as_value(evaluator)


class _SingularQuery:
    """A query that yields at most one node: its node list (for count() and value()) and its
    value (NOTHING when absent) for comparisons, existence tests and length()."""

    __slots__ = ("nodes", "value")

    def __init__(self, nodes: Query, value: Value) -> None:
        self.nodes = nodes
        self.value = value


class _Literal:
    """A literal operand: a Value that is the same for every node."""

    __slots__ = ("value",)

    def __init__(self, value: Any) -> None:
        self.value = value

    def __call__(self, node: Any, root: Any) -> Any:
        return self.value


def _as_value(operand: Any) -> Value:
    """An operand of kind 'value' or 'singular' as a Value."""
    value: Value = operand.value if isinstance(operand, _SingularQuery) else operand
    return value


@cache
def compile_path(selector: str) -> Callable[[Any], list[Node]]:
    """Compile once; raise SelectorError with a one-line reason."""
    parser = _Parser(selector)
    if not parser.take("$"):
        raise parser.error("a selector starts with '$'")
    try:
        segments, _ = parser.query()
    except RecursionError:
        raise SelectorError("selector nested too deeply") from None
    parser.blank()
    if parser.pos != len(selector):
        raise parser.error()
    query = _query(segments)
    return lambda data: query(data, data)


def check_selector(selector: str) -> None:
    """Raise SelectorError unless privlint can evaluate `selector` (see the module docstring)."""
    compile_path(selector)


def select(selector: str, data: Any) -> list[Node]:
    """(pointer, value) of every node the selector finds, in document order."""
    return compile_path(selector)(data)

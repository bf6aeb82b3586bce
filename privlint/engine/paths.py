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
from collections.abc import Callable, Iterator
from functools import cache
from typing import Any

from privlint.engine.regex import RegexError, compile_user, iregexp
from privlint.findings import Pointer

Node = tuple[Pointer, Any]
Select = Callable[[Pointer, Any, Any], Iterator[Node]]  # (pointer, node, root) -> nodes
Value = Callable[[Any, Any], Any]  # (current node, root) -> value or NOTHING
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


def _children(pointer: Pointer, node: Any) -> Iterator[Node]:
    if isinstance(node, dict):
        for key, child in node.items():
            yield (*pointer, key), child
    elif isinstance(node, list):
        for i, child in enumerate(node):
            yield (*pointer, i), child


def _name(name: str) -> Select:
    def select(pointer: Pointer, node: Any, root: Any) -> Iterator[Node]:
        if isinstance(node, dict) and name in node:
            yield (*pointer, name), node[name]

    return select


def _wildcard(pointer: Pointer, node: Any, root: Any) -> Iterator[Node]:
    return _children(pointer, node)


def _index(index: int) -> Select:
    def select(pointer: Pointer, node: Any, root: Any) -> Iterator[Node]:
        if isinstance(node, list):
            i = index + len(node) if index < 0 else index
            if 0 <= i < len(node):
                yield (*pointer, i), node[i]

    return select


def _slice(start: int | None, end: int | None, step: int) -> Select:
    def select(pointer: Pointer, node: Any, root: Any) -> Iterator[Node]:
        if isinstance(node, list) and step != 0:  # RFC 9535 2.3.4.2.2: step 0 selects nothing
            for i in range(*slice(start, end, step).indices(len(node))):
                yield (*pointer, i), node[i]

    return select


def _filter(test: Logical) -> Select:
    def select(pointer: Pointer, node: Any, root: Any) -> Iterator[Node]:
        for child in _children(pointer, node):
            if test(child[1], root):
                yield child

    return select


def _segment(selectors: list[Select]) -> Select:
    if len(selectors) == 1:
        return selectors[0]

    def select(pointer: Pointer, node: Any, root: Any) -> Iterator[Node]:
        for selector in selectors:
            yield from selector(pointer, node, root)

    return select


def _query(segments: list[Select]) -> Callable[[Any, Any], Iterator[Node]]:
    """(start node, root) -> nodes; the start is @ or $."""

    def run(start: Any, root: Any) -> Iterator[Node]:
        nodes: list[Node] = [((), start)]
        for segment in segments:
            nodes = [found for p, n in nodes for found in segment(p, n, root)]
        yield from nodes

    return run


def _equal(a: Any, b: Any) -> bool:
    """RFC 9535 2.3.5.2.2 equality: kinds kept apart (true is not 1), numbers by value."""
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
    return a is NOTHING and b is NOTHING


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
    def query(self) -> tuple[list[Select], bool]:
        """Segments after $ or @, and whether the query is singular (names and indexes only)."""
        segments: list[Select] = []
        singular = True
        while True:
            save = self.pos
            self.blank()
            if self.peek(".."):
                raise self.error("descendant segments ('..') are not supported; name the path")
            if self.take("."):
                if self.take("*"):
                    segments.append(_wildcard)
                    singular = False
                else:
                    segments.append(_name(self.member_name()))
            elif self.take("["):
                selectors, one = self.bracket()
                segments.append(_segment(selectors))
                singular = singular and one
            else:
                self.pos = save
                return segments, singular

    def member_name(self) -> str:
        start = self.pos
        while self.pos < len(self.text) and _name_char(self.text[self.pos], self.pos == start):
            self.pos += 1
        if self.pos == start:
            raise self.error()
        return self.text[start : self.pos]

    def bracket(self) -> tuple[list[Select], bool]:
        """Selectors up to ']'; True when it is one name or index (singular)."""
        selectors: list[Select] = []
        singular = True
        while True:
            self.blank()
            selector, one = self.selector()
            selectors.append(selector)
            singular = singular and one
            self.blank()
            if self.take("]"):
                return selectors, singular and len(selectors) == 1
            self.expect(",")

    def selector(self) -> tuple[Select, bool]:
        if self.peek("'") or self.peek('"'):
            return _name(self.string()), True
        if self.take("*"):
            return _wildcard, False
        if self.take("?"):
            self.blank()
            return _filter(self.logical()), False
        start = self.integer()
        self.blank()
        if not self.take(":"):
            if start is None:
                raise self.error()
            return _index(start), True
        self.blank()
        end = self.integer()
        self.blank()
        step: int | None = None
        if self.take(":"):
            self.blank()
            step = self.integer()
        return _slice(start, end, 1 if step is None else step), False

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
            if kind in ("nodes", "singular"):  # an existence test
                query = left.nodes if isinstance(left, _SingularQuery) else left
                return lambda node, root: next(iter(query(node, root)), None) is not None
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
        return lambda node, root: compare(left(node, root), right(node, root))

    def operand(self) -> tuple[Any, str]:
        """(evaluator, kind): kind 'value' (a Value), 'nodes' (a node list), 'logical'."""
        if self.peek("@") or self.peek("$"):
            relative = self.text[self.pos] == "@"
            self.pos += 1
            segments, singular = self.query()
            query = _query(segments)
            if relative:

                def nodes(node: Any, root: Any) -> Iterator[Node]:
                    return query(node, root)
            else:

                def nodes(node: Any, root: Any) -> Iterator[Node]:
                    return query(root, root)

            if singular:
                return _SingularQuery(nodes), "singular"
            return nodes, "nodes"
        if self.peek("'") or self.peek('"'):
            text = self.string()
            return (lambda node, root: text), "value"
        for word, literal in (("true", True), ("false", False), ("null", None)):
            if self.take(word):
                return (lambda node, root, v=literal: v), "value"
        number = self.match(_NUMBER)
        if number is not None:
            value = float(number) if any(c in number for c in ".eE") else int(number)
            if isinstance(value, float) and not math.isfinite(value):
                raise self.error("number out of range")
            return (lambda node, root: value), "value"
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
                return (lambda node, root: sum(1 for _ in nodes(node, root))), "value"

            def single(node: Any, root: Any) -> Any:
                found = list(nodes(node, root))
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
        return evaluator  # type: ignore[no-any-return]


class _SingularQuery:
    """A query that yields at most one node, used as a value (NOTHING when absent)."""

    def __init__(self, nodes: Callable[[Any, Any], Iterator[Node]]) -> None:
        self.nodes = nodes

    def __call__(self, node: Any, root: Any) -> Any:
        for _, found in self.nodes(node, root):
            return found
        return NOTHING


@cache
def compile_path(selector: str) -> Callable[[Any], Iterator[Node]]:
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


def select(selector: str, data: Any) -> Iterator[Node]:
    """(pointer, value) of every node the selector finds, in document order."""
    return compile_path(selector)(data)

"""Regular expressions from rule files must not backtrack exponentially.

privlint rejects them when the rule loads rather than running them under a time limit: a
pattern with a quantified group that itself contains an unbounded quantifier, e.g. (a+)+ or
(\\w*)*, is refused (the classic catastrophic-backtracking shape) unless each repetition must
start with a literal character that the inner quantifiers cannot match, as in [a-z]+(-[a-z]+)*.
Alternations inside a starred group that can match the same text, e.g. (a|a)*, are refused too.
"""

from __future__ import annotations

import importlib
import re
from typing import Any

# The parser behind re.compile: private, but present and stable in 3.11-3.14.
sre_parse: Any = importlib.import_module("re._parser")

_MAXREPEAT = sre_parse.MAXREPEAT
_REPEATS = {
    sre_parse.MAX_REPEAT,
    sre_parse.MIN_REPEAT,
    getattr(sre_parse, "POSSESSIVE_REPEAT", None),
}


def check_pattern(pattern: str) -> str | None:
    """None when the pattern compiles and is bounded; otherwise the reason it is refused."""
    try:
        re.compile(pattern)
        tree = sre_parse.parse(pattern)
    except (re.error, OverflowError, RecursionError) as exc:
        return f"invalid regular expression {pattern!r}: {exc}"
    if _nested(tree, inside_unbounded=False):
        return (
            f"regular expression {pattern!r} nests quantifiers (like (a+)+); that can take "
            "exponential time on some inputs, so privlint refuses it"
        )
    return None


def _nested(items: Any, *, inside_unbounded: bool) -> bool:
    for op, arg in items:
        if op in _REPEATS and op is not None:
            _low, high, sub = arg
            unbounded = high == _MAXREPEAT or high > 100
            if inside_unbounded and (unbounded or high > 1):
                return True
            if unbounded and _has_overlapping_branch(sub):
                return True
            if unbounded and _separated(sub):
                continue
            if _nested(sub, inside_unbounded=inside_unbounded or unbounded):
                return True
        elif op is sre_parse.SUBPATTERN:
            if _nested(arg[-1], inside_unbounded=inside_unbounded):
                return True
        elif op is sre_parse.BRANCH:
            if any(_nested(b, inside_unbounded=inside_unbounded) for b in arg[1]):
                return True
        elif op in (sre_parse.ASSERT, sre_parse.ASSERT_NOT) and _nested(
            arg[1], inside_unbounded=inside_unbounded
        ):
            return True
    return False


def _body(items: Any) -> list[Any]:
    out: list[Any] = list(items)
    while len(out) == 1 and out[0][0] is sre_parse.SUBPATTERN:
        out = list(out[0][1][-1])
    return out


def _separated(items: Any) -> bool:
    """Each repetition starts with a literal no inner quantifier can consume: unambiguous."""
    body = _body(items)
    if not body or body[0][0] is not sre_parse.LITERAL:
        return False
    ch = chr(body[0][1])
    inner = [arg[2] for op, arg in body[1:] if op in _REPEATS and op is not None]
    if len(inner) != len(body) - 1 and any(
        op not in (sre_parse.LITERAL, sre_parse.IN, sre_parse.ANY, *_REPEATS) for op, _ in body[1:]
    ):
        return False
    for sub in inner:
        sub = _body(sub)
        if len(sub) != 1 or _can_match(sub[0], ch) or _nested(sub, inside_unbounded=True):
            return False
    return True


_CATEGORIES = {
    sre_parse.CATEGORY_DIGIT: r"\d",
    sre_parse.CATEGORY_NOT_DIGIT: r"\D",
    sre_parse.CATEGORY_SPACE: r"\s",
    sre_parse.CATEGORY_NOT_SPACE: r"\S",
    sre_parse.CATEGORY_WORD: r"\w",
    sre_parse.CATEGORY_NOT_WORD: r"\W",
}


def _can_match(item: Any, ch: str) -> bool:
    """Whether one pattern element may match the character; True when unsure."""
    op, arg = item
    if op is sre_parse.LITERAL:
        return bool(arg == ord(ch))
    if op is sre_parse.NOT_LITERAL:
        return bool(arg != ord(ch))
    if op is sre_parse.ANY:
        return ch != "\n"
    if op is not sre_parse.IN:
        return True
    negate, hit = False, False
    for kind, val in arg:
        if kind is sre_parse.NEGATE:
            negate = True
        elif kind is sre_parse.LITERAL:
            hit = hit or val == ord(ch)
        elif kind is sre_parse.RANGE:
            hit = hit or val[0] <= ord(ch) <= val[1]
        elif kind is sre_parse.CATEGORY and val in _CATEGORIES:
            hit = hit or re.fullmatch(_CATEGORIES[val], ch) is not None
        else:
            return True
    return hit != negate


def _has_overlapping_branch(items: Any) -> bool:
    """A directly repeated alternation with two identical branches, e.g. (a|a)*."""
    for op, arg in items:
        if op is sre_parse.SUBPATTERN:
            return _has_overlapping_branch(arg[-1])
        if op is sre_parse.BRANCH:
            branches = [str(b) for b in arg[1]]
            return len(branches) != len(set(branches))
    return False


def schema_patterns(schema: Any) -> list[str]:
    """Every 'pattern' and 'patternProperties' regex in a JSON Schema fragment."""
    out: list[str] = []
    stack = [schema]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "pattern" and isinstance(value, str):
                    out.append(value)
                elif key == "patternProperties" and isinstance(value, dict):
                    out.extend(k for k in value if isinstance(k, str))
                    stack.extend(value.values())
                else:
                    stack.append(value)
        elif isinstance(node, list):
            stack.extend(node)
    return out

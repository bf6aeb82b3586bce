"""Regular expressions: users' run on RE2, privlint's own are proven safe by the tests.

A rule file's regexes (schema `pattern` and `patternProperties`, `match()`/`search()` in
selectors) come from a pull request like any other input.  They run on google-re2, whose
matching time is linear in the text whatever the pattern, so no pattern can hang the gate;
what RE2 cannot express (back-references, look-around, repetition counts over 1,000) is
refused when the rule file loads, with the rule's file and line, and so is a pattern longer
than MAX_PATTERN (RE2's cost grows with the pattern's size too).

privlint's own patterns (the declaration schema, the loader, the importers) stay on the
standard library; `nests_quantifiers` is the structural half of the proof that they cannot
backtrack exponentially (tests/hostile/test_regex.py runs the other half: adversarial inputs).
"""

from __future__ import annotations

import importlib
import re
from functools import cache, lru_cache
from typing import Any

from privlint.findings import truncate

# The parser behind re.compile: private, but present and stable in 3.11-3.14.
sre_parse: Any = importlib.import_module("re._parser")

_MAXREPEAT = sre_parse.MAXREPEAT
_REPEATS = {
    sre_parse.MAX_REPEAT,
    sre_parse.MIN_REPEAT,
    getattr(sre_parse, "POSSESSIVE_REPEAT", None),
}

MAX_PATTERN = 1_000  # characters in one user regex; RE2's own repetition limit is 1,000 too
_MAX_MEM = 8 << 20  # bytes RE2 may use for one compiled pattern


class RegexError(re.error):
    """A user regex that privlint will not run."""


class UserPattern:
    """A compiled user regex with the `search`/`fullmatch` that jsonschema and JSONPath use."""

    __slots__ = ("_rx", "pattern")

    def __init__(self, pattern: str, rx: Any) -> None:
        self.pattern = pattern
        self._rx = rx

    def search(self, text: str) -> bool:
        return self._rx.search(text) is not None

    def fullmatch(self, text: str) -> bool:
        return self._rx.fullmatch(text) is not None


def _shown(pattern: str) -> str:
    return repr(truncate(pattern, 80))


@lru_cache(maxsize=1024)
def compile_user(pattern: str) -> UserPattern:
    """The pattern compiled by RE2; RegexError (with the reason) when privlint refuses it."""
    if len(pattern) > MAX_PATTERN:
        raise RegexError(
            f"regular expression {_shown(pattern)} is {len(pattern):,} characters long; "
            f"privlint runs user regexes of at most {MAX_PATTERN:,}"
        )
    import re2

    options = re2.Options()
    options.log_errors = False  # the reason is in the exception; RE2 would also print it
    options.max_mem = _MAX_MEM
    try:
        rx = re2.compile(pattern, options)
    except re2.error as exc:
        reason = exc.args[0] if exc.args else exc
        if isinstance(reason, bytes):
            reason = reason.decode("utf-8", "replace")
        raise RegexError(
            f"regular expression {_shown(pattern)} is refused: {reason} (rule files' regexes "
            "run on RE2, a linear-time engine: no back-references or look-around, repetition "
            "counts up to 1,000)"
        ) from None
    return UserPattern(pattern, rx)


def check_pattern(pattern: str) -> str | None:
    """None when a user regex compiles on RE2 within the bounds; otherwise why it is refused."""
    try:
        compile_user(pattern)
    except RegexError as exc:
        return str(exc)
    return None


def check_size(pattern: str) -> str | None:
    """The length bound alone: checked before anything else compiles the pattern."""
    if len(pattern) > MAX_PATTERN:
        return check_pattern(pattern)
    return None


def nests_quantifiers(pattern: str) -> bool:
    """Whether a standard-library pattern may backtrack exponentially: a quantified group that
    itself holds an unbounded quantifier, like (a+)+ or (\\w*)*, unless each repetition must
    start with a literal the inner quantifiers cannot match, as in [a-z]+(-[a-z]+)*; or an
    alternation under a star whose branches can match the same text, like (a|a)*."""
    return _nested(sre_parse.parse(pattern), inside_unbounded=False)


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


# -- jsonschema: the three keywords that run a regex, on RE2 ---------------------------------


def _pattern(validator: Any, patrn: str, instance: Any, schema: Any) -> Any:
    from jsonschema.exceptions import ValidationError

    if validator.is_type(instance, "string") and not compile_user(patrn).search(instance):
        yield ValidationError(f"{instance!r} does not match {patrn!r}")


def _pattern_properties(validator: Any, properties: Any, instance: Any, schema: Any) -> Any:
    if not validator.is_type(instance, "object"):
        return
    for patrn, subschema in properties.items():
        rx = compile_user(patrn)
        for k, v in instance.items():
            if rx.search(k):
                yield from validator.descend(v, subschema, path=k, schema_path=patrn)


def _additional_properties(validator: Any, ap: Any, instance: Any, schema: Any) -> Any:
    from jsonschema.exceptions import ValidationError

    if not validator.is_type(instance, "object"):
        return
    properties = schema.get("properties", {})
    patterns = [compile_user(p) for p in schema.get("patternProperties", {})]
    extras = [
        k for k in instance if k not in properties and not any(rx.search(k) for rx in patterns)
    ]
    if validator.is_type(ap, "object"):
        for extra in extras:
            yield from validator.descend(instance[extra], ap, path=extra)
    elif not ap and extras:
        joined = ", ".join(repr(each) for each in sorted(extras, key=str))
        if patterns:
            verb = "does" if len(extras) == 1 else "do"
            listed = ", ".join(repr(p) for p in sorted(schema["patternProperties"]))
            yield ValidationError(f"{joined} {verb} not match any of the regexes: {listed}")
        else:
            verb = "was" if len(extras) == 1 else "were"
            yield ValidationError(
                f"Additional properties are not allowed ({joined} {verb} unexpected)"
            )


@cache
def user_schema_validator() -> Any:
    """Draft 2020-12 with `pattern`, `patternProperties` and `additionalProperties` on RE2."""
    from jsonschema import Draft202012Validator, validators

    return validators.extend(
        Draft202012Validator,
        {
            "pattern": _pattern,
            "patternProperties": _pattern_properties,
            "additionalProperties": _additional_properties,
        },
    )


# -- JSONPath: match() and search() on RE2 ------------------------------------------------------


def iregexp(pattern: str) -> str:
    """RFC 9485 I-Regexp -> RE2: '.' outside a class matches anything but CR and LF."""
    out: list[str] = []
    escaped = in_class = False
    for ch in pattern:
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif ch == "[":
            in_class = True
        elif ch == "]":
            in_class = False
        elif ch == "." and not in_class:
            out.append("[^\\n\\r]")
            continue
        out.append(ch)
    return "".join(out)

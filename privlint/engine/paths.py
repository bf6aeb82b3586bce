"""Selectors: RFC 9535 JSONPath, via python-jsonpath in its strict (RFC 9535) mode.

Each distinct selector is compiled once per process.  Regular expressions inside selectors
(the match() and search() functions) are held to the same bound as schema patterns.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from typing import Any

from privlint.engine.regex import check_pattern, selector_functions, selector_literal
from privlint.fastselect import compile_selector
from privlint.findings import Pointer

# String literals passed to match()/search(): their regexes must be bounded too.
_REGEX_ARG = re.compile(
    r"""\b(?:match|search)\s*\(\s*@[^,]*,\s*"""
    r"""(?:'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)")"""
)


class SelectorError(ValueError):
    pass


@cache
def _environment() -> Any:
    from jsonpath import JSONPathEnvironment

    env = JSONPathEnvironment(strict=True)
    env.function_extensions.update(selector_functions())  # match()/search() run on RE2
    return env


@cache
def compile_path(selector: str) -> Any:
    """Compile once; raise SelectorError with the library's one-line reason."""
    from jsonpath import JSONPathError

    for m in _REGEX_ARG.finditer(selector):
        single = m.group(1) is not None
        problem = check_pattern(
            selector_literal(m.group(1 if single else 2), "'" if single else '"')
        )
        if problem:
            raise SelectorError(problem)
    try:
        return _environment().compile(selector)
    except JSONPathError as exc:
        raise SelectorError(str(exc).splitlines()[0]) from None
    except (ValueError, TypeError, RecursionError) as exc:
        raise SelectorError(f"invalid JSONPath: {exc}") from None


def check_selector(selector: str) -> None:
    """Raise SelectorError unless `selector` is valid RFC 9535 JSONPath."""
    if compile_selector(selector) is None:  # the simple shapes need no parser (nor its import)
        compile_path(selector)


def select(selector: str, data: Any) -> Iterator[tuple[Pointer, Any]]:
    """(pointer, value) of every node the selector finds, in document order."""
    fast = compile_selector(selector)
    if fast is not None:
        yield from fast(data)
        return
    for match in compile_path(selector).finditer(data):
        yield tuple(match.parts), match.obj

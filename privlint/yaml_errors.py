"""YAML parser errors -> PL001 problems in the user's terms.

The parser says what it expected ("expected ',' or '}', but got ':'"); a user needs to hear
what they wrote (an unclosed quote, a tab, a ':' inside a value).  Each entry below recognises
one class of parser error by ruamel's pure-parser wording - the only parser whose errors are
reported (see `privlint.loader.iter_events`) - and says what is wrong and how to fix it.  An
error no entry knows keeps the parser's own words and the rule's general fix.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from privlint.findings import Problem, Span


@dataclass(frozen=True, slots=True)
class _Known:
    problem: re.Pattern[str]  # matched against the parser's problem text
    context: str  # a substring of the parser's context ("" matches any)
    message: Callable[[re.Match[str], str], str]  # (match, where the context started) -> text
    fix: str


def _at(mark: Any) -> str:
    return f"line {mark.line + 1}, column {mark.column + 1}" if mark is not None else "above"


_TAB_FIX = "Indent with spaces only, and separate values from keys and '-' with spaces, not tabs."
_QUOTE_FIX = (
    "Quote a value that contains ': ' or ' #', or starts with a character YAML reserves "
    '("Privacy: notice", "@handle").'
)

_KNOWN: tuple[_Known, ...] = (
    _Known(
        re.compile(r"found unexpected (end of stream|document separator)"),
        "quoted scalar",
        lambda m, start: f"the quoted string that starts at {start} is never closed",
        "Close the string with the quote it starts with; inside '...' write a ' as '', "
        'inside "..." write a " as \\".',
    ),
    _Known(
        re.compile(r"found unknown escape character (.*)"),
        "",
        lambda m, start: (
            f"unknown escape \\{m.group(1).strip(chr(39) + chr(34))} in a double-quoted string"
        ),
        "Write a backslash as \\\\ inside double quotes, or use single quotes, where a "
        "backslash is plain text.",
    ),
    _Known(
        re.compile(r"mapping values are not allowed here"),
        "",
        lambda m, start: (
            "a ': ' (colon and space) inside a plain value, or a key indented "
            "deeper than the keys above it"
        ),
        _QUOTE_FIX + " Keys of one mapping start in the same column.",
    ),
    _Known(
        re.compile(r"could not find expected ':'"),
        "simple key",
        lambda m, start: (
            f"the line at {start} is neither 'key: value' nor a list item "
            "'- value' (a key without ':', or a value continued on a line that needs quoting)"
        ),
        "Add ': ' after the key, indent a continued value under its key, or quote it.",
    ),
    _Known(
        re.compile(r"expected ',' or '([}\]])', but got '?(:)'?"),
        "",
        lambda m, start: (
            f"a ':' inside the '{'{' if m.group(1) == '}' else '['}' that starts at "
            f"{start}: it is never closed, or a value in it that holds ':' needs quoting"
        ),
        "Close every { with } and every [ with ]; quote values that hold ':' inside {...} and "
        "[...] (YAML 1.1 tools such as PyYAML and libyaml need that quoting in any case).",
    ),
    _Known(
        re.compile(r"expected ',' or '([}\]])', but got '<stream end>'"),
        "",
        lambda m, start: f"the '{'{' if m.group(1) == '}' else '['}' at {start} is never closed",
        "Close every { with } and every [ with ], and separate their entries with ','.",
    ),
    _Known(
        re.compile(r"expected ',' or '([}\]])', but got"),
        "",
        lambda m, start: (
            f"a missing ',' or '{m.group(1)}' in the "
            f"'{'{' if m.group(1) == '}' else '['}...' that starts at {start}"
        ),
        "Separate entries inside {...} and [...] with ',', and close what you open.",
    ),
    _Known(
        re.compile(r"expected the node content, but found '<stream end>'"),
        "",
        lambda m, start: (
            "the file ends where a value is expected (a '[' or '{' that is never closed?)"
        ),
        "Close every { with } and every [ with ], and give every entry a value.",
    ),
    _Known(
        re.compile(r"expected the node content, but found '([^<'].*)'"),
        "",
        lambda m, start: (
            f"a value is expected here, not '{m.group(1)}' (an empty entry, or a "
            "bracket or comma too many)"
        ),
        "Remove the extra ',' or bracket, or write the value; quote a value that starts with a "
        "character YAML reserves.",
    ),
    _Known(
        re.compile(r"expected <block end>, but found|sequence entries are not allowed here"),
        "",
        lambda m, start: (
            "this line is indented differently from the lines above it (a key or "
            "a list item '-' where neither can start)"
        ),
        "Indent the keys of one mapping, and the items of one list, by the same number of "
        "spaces, deeper than their parent key.",
    ),
    _Known(
        re.compile(r"found character '([@`])' that cannot start any token"),
        "",
        lambda m, start: f"a value starts with '{m.group(1)}', which YAML reserves",
        _QUOTE_FIX,
    ),
    _Known(
        re.compile(r"expected a comment or a line break|expected chomping or indentation"),
        "block scalar",
        lambda m, start: "text after the '|' or '>' that starts a multi-line value",
        "Start the text of a '|' or '>' value on the next line, indented under its key.",
    ),
    _Known(
        re.compile(r"more indented follow up line than first in a block scalar"),
        "",
        lambda m, start: (
            "a blank line at the start of a multi-line ('|' or '>') value holds "
            "more spaces than the line before it"
        ),
        "Remove the spaces from the blank lines at the start of the value.",
    ),
    _Known(
        re.compile(
            r"found unexpected document separator|expected '<document start>'|"
            r"found non-comment content after document end marker"
        ),
        "",
        lambda m, start: (
            "text after the end of the document (a '---' or '...' line, or a "
            "value less indented than the document's keys)"
        ),
        "A declaration is one document: remove the '---' / '...' lines inside it and indent "
        "the text under its key.",
    ),
)


def yaml_error_problem(exc: Any, line: str) -> Problem:
    """The problem for a ruamel MarkedYAMLError; `line` is the text of the line it marks."""
    mark = exc.problem_mark or exc.context_mark
    if mark is None:
        return Problem("invalid-yaml", "invalid YAML", span=Span(1, 1))
    span = Span(mark.line + 1, mark.column + 1)
    problem = (exc.problem or exc.context or "invalid YAML").strip()
    indent = line[: len(line) - len(line.lstrip(" \t"))]
    if "\t" in indent or line[mark.column : mark.column + 1] == "\t" or "'\\t'" in problem:
        return Problem(
            "invalid-yaml",
            "invalid YAML: a tab character where YAML allows none (YAML indents with spaces only)",
            span=span,
            fix=_TAB_FIX,
        )
    context = exc.context or ""
    for known in _KNOWN:
        match = known.problem.search(problem)
        if match is not None and known.context in context:
            start = _at(exc.context_mark)
            return Problem(
                "invalid-yaml",
                f"invalid YAML: {known.message(match, start)}",
                span=span,
                fix=known.fix,
            )
    return Problem("invalid-yaml", f"invalid YAML: {problem}", span=span)

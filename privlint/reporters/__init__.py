"""Output formats.  A reporter is a pure function: (report, options) -> text.

Reporters never decide anything (the report already holds severities and the verdict) and
never print or read the environment; the CLI does both.  Modules are imported only when their
format is asked for, to keep start-up fast.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from privlint.lazy import load

if TYPE_CHECKING:
    from privlint.lint import Report


@dataclass(frozen=True, slots=True)
class ReportOptions:
    color: bool = False
    show_fix: bool = True
    quiet: bool = False  # text: the summary line only, and nothing at all when clean
    # Where paths are relative to: findings' paths are relative to `cwd`; SARIF and GitLab
    # give them relative to `source_root` (the repository root).  None: both are ".".
    cwd: Path | None = None
    source_root: Path | None = None
    # What CI the run is in, for formats that record it (SARIF automationDetails): env subset.
    ci: Mapping[str, str] = field(default_factory=dict)


Reporter = Callable[["Report", ReportOptions], str]

# format name -> "module:function"
REPORTERS: dict[str, str] = {
    "text": "privlint.reporters.text:render",
    "json": "privlint.reporters.json_format:render",
    "sarif": "privlint.reporters.sarif:render",
    "github": "privlint.reporters.github:render",
    "junit": "privlint.reporters.junit:render",
    "gitlab": "privlint.reporters.gitlab:render",
}


def source_relative(path: str, options: ReportOptions) -> str | None:
    """A finding's path relative to the source root, POSIX; None when it lies outside it."""
    import os

    cwd = options.cwd or Path.cwd()
    full = os.path.normpath(cwd / path)
    root = os.path.normpath(options.source_root or cwd)
    try:
        rel = os.path.relpath(full, root)
    except ValueError:  # another drive
        return None
    if rel == ".." or rel.startswith(".." + os.sep):
        return None
    return Path(rel).as_posix()


# What json.dumps leaves raw that a terminal or viewer acts on: DEL and C1 controls, format
# characters (bidi overrides, zero-width), line and paragraph separators, lone surrogates.
_UNSAFE_IN_JSON = re.compile(
    "[\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff"
    "\ufff9-\ufffb\ud800-\udfff\U000e0000-\U000e007f]"
)


def failing_at(report: Report) -> str:
    """'failing at warning and above', or with several configurations' levels, each named."""
    levels = [s.value for s in report.fail_levels()]
    if len(levels) == 1:
        return f"failing at {levels[0]} and above"
    return f"failing at {' or '.join(levels)} and above, as each file's configuration says"


def _json_escape(m: re.Match[str]) -> str:
    code = ord(m.group())
    if code > 0xFFFF:  # as a UTF-16 surrogate pair, the way JSON spells it
        code -= 0x10000
        return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"
    return f"\\u{code:04x}"


# One encoder for every value: json.dumps with an argument builds a new one per call.  The
# data is a fresh tree of plain values, so there is no cycle to look for.
_encode = json.JSONEncoder(ensure_ascii=False, check_circular=False).encode


def escape_json(text: str) -> str:
    """JSON text with every character a terminal or viewer would act on written as its escape
    (which parses back to the same string): for any JSON privlint writes."""
    if text.isascii() and "\x7f" not in text:  # nothing to escape (isascii costs nothing)
        return text
    return _UNSAFE_IN_JSON.sub(_json_escape, text)


def _json(value: Any) -> str:
    """One value as JSON text on one line, with the escapes of `json_text`."""
    return escape_json(_encode(value))


class Lines(list[str]):
    """Items already written as JSON, one per line: a reporter encodes each finding as it makes
    it, so a report of 66,000 findings never holds 66,000 dicts at once."""


def json_lines(items: Iterable[Any]) -> Lines:
    return Lines(map(_json, items))


def json_text(data: Any, depth: int = 2) -> str:
    """JSON for the json and SARIF formats, indented `depth` levels deep and one line per
    value below that (json.dumps with an indent runs the pure-Python encoder: 66,000
    findings took 13 s; the C encoder writes each finding's line).  UTF-8 where harmless;
    every character a terminal or a viewer would act on is written as an escape, which parses
    back to the very same string (file names with undecodable bytes included).  A `Lines`
    list stands for the list of its items, each on its line."""
    parts: list[str] = []
    _layout(data, depth, "", parts)
    parts.append("\n")
    return "".join(parts)


def _layout(value: Any, depth: int, indent: str, parts: list[str]) -> None:
    if not value or not isinstance(value, dict | list) or (depth <= 0 and type(value) is not Lines):
        parts.append(_json(value))
        return
    inner = indent + "  "
    if isinstance(value, Lines) or (depth == 1 and isinstance(value, list)):
        lines = value if isinstance(value, Lines) else map(_json, value)
        parts.append("[\n" + inner + (",\n" + inner).join(lines) + "\n" + indent + "]")
        return
    is_dict = isinstance(value, dict)
    parts.append("{" if is_dict else "[")
    items = value.items() if isinstance(value, dict) else enumerate(value)
    for i, (key, item) in enumerate(items):
        parts.append(("," if i else "") + "\n" + inner)
        if is_dict:
            parts.append(_json(key) + ": ")
        _layout(item, depth - 1, inner, parts)
    parts.append("\n" + indent + ("}" if is_dict else "]"))


def get_reporter(name: str) -> Reporter:
    reporter: Reporter = load(REPORTERS[name])
    return reporter

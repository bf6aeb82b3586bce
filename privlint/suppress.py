"""Inline suppressions in YAML comments, each with a reason.

    retention: {criteria: ...}  # privlint: ignore PL102 -- archive law sets no fixed period
    # privlint: ignore transfer-undeclared -- data stays in the EU region of this US provider
    - id: hosting
    # privlint: ignore-file PL122 -- statement is reviewed yearly by legal, see LEGAL-42

A trailing comment covers its own line; a comment alone on a line covers the next line;
`ignore-file` covers the whole file.  Codes, names and code prefixes are accepted, separated
by commas or spaces.  The reason after ` -- ` is required and must say something (at least
`MIN_REASON` characters, one of them a letter): otherwise the comment suppresses nothing and
is reported (PL021).  A suppression that suppresses nothing is reported too (PL020), as is one
that names an unknown rule (PL022); `ignore-file` of ALL or a code prefix is reported as an
info finding (PL023) that a gate owner can promote to an error.  Findings of these rules, and
of the rules that say a file could not be read or parsed, cannot be suppressed.

Only a real YAML comment suppresses.  A `#` starts a comment where it follows a space, a tab
or a line break (CR or LF: U+2028 and NEL are not line breaks in YAML 1.2) and lies outside
every scalar's source range in the parser's event stream - so the marker inside a block
scalar, a quoted value or a key never counts.  A JSON file has no comments at all.  Text
without the marker is never parsed a second time.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from typing import Any

from privlint.config import always_reported, resolve_codes
from privlint.engine.registry import RuleSet
from privlint.findings import Finding, Problem, Span

ENGINE_RULES = frozenset({"PL020", "PL021", "PL022", "PL023"})
MIN_REASON = 10  # characters; a reason is read by whoever reviews the suppression

_CHEAP = "privlint:"  # no such text: no suppression, no event pass
# The marker where YAML could start a comment: after a space, a tab, CR, LF or the start.
# The `#` comes first and the look-behind after it, so that the regex engine skips to each `#`
# instead of trying the look-behind at every character (40x faster over a large file, which
# has `privlint:` in its first line and so is always scanned).
_MARKER = re.compile(r"#(?<![^ \t\r\n]#)[ \t]*privlint:[ \t]*(ignore-file|ignore)\b([^\r\n]*)")
_BREAK = re.compile(r"\r\n|\r|\n")  # YAML 1.2 line breaks
_LETTER = re.compile(r"[^\W\d_]")


class Suppression:
    """One suppression comment (a plain class: a dataclass's generated code costs start-up)."""

    __slots__ = ("line", "column", "target", "keys", "by_key", "codes", "used")  # noqa: RUF023

    def __init__(self, line: int, column: int, target: int | None, keys: list[str]) -> None:
        self.line = line  # the comment's line
        self.column = column
        self.target = target  # the line it covers; None: the whole file
        self.keys = keys
        self.by_key: dict[str, set[str]] = {}
        self.codes: set[str] = set()
        self.used: set[str] = set()


def comments(text: str) -> Iterator[re.Match[str]]:
    """The suppression markers of `text` that are real YAML comments, in order.

    One pass over the event stream alongside the candidates: a candidate inside a scalar's
    range is text, not a comment.  Where the stream stops early (a parse error, a second
    document), candidates beyond the last event are not trusted.
    """
    from privlint.loader import iter_events

    candidates = list(_MARKER.finditer(text))
    if not candidates:
        return
    i = 0
    covered = 0  # candidates before this offset have been passed by the stream
    documents = 0
    try:
        for ev in iter_events(text):
            kind = type(ev).__name__
            start: int = ev.start_mark.index
            if kind == "DocumentStartEvent":
                documents += 1
                if documents > 1:  # the loader refuses the file; trust nothing in the second
                    break
            if kind == "StreamEndEvent":
                covered = len(text) + 1
                break
            if kind != "ScalarEvent":
                covered = max(covered, ev.end_mark.index)
                continue
            end: int = ev.end_mark.index
            if ev.style in ("|", ">"):  # a comment on the block scalar's header line is real
                header_end = _BREAK.search(text, start)
                start = header_end.start() if header_end else end
            while i < len(candidates) and candidates[i].start() < start:
                yield candidates[i]
                i += 1
            while i < len(candidates) and candidates[i].start() < end:
                i += 1  # inside the scalar: text, not a comment
            covered = max(covered, end)
    except Exception:  # a parse error: the loader has reported it; nothing after it counts
        pass
    while i < len(candidates) and candidates[i].start() < covered:
        yield candidates[i]
        i += 1


def parse(
    text: str, ruleset: RuleSet, *, json: bool = False
) -> tuple[list[Suppression], list[Problem]]:
    found: list[Suppression] = []
    problems: list[Problem] = []
    if json or _CHEAP not in text:
        return found, problems
    protected = always_reported(ruleset)
    line_starts = [0] + [m.end() for m in _BREAK.finditer(text)]
    from bisect import bisect_right

    for m in comments(text):
        at = m.start()
        number = bisect_right(line_starts, at)
        line_start = line_starts[number - 1]
        column = at - line_start + 1
        eol = _BREAK.search(text, at)
        span = Span(number, column, number, (eol.start() if eol else len(text)) - line_start + 1)
        body, sep, reason = m.group(2).partition(" --")
        keys = [k for k in re.split(r"[\s,]+", body.strip()) if k]
        if not keys:
            problems.append(
                Problem("suppression-unknown-rule", "suppression names no rule", span=span)
            )
            continue
        reason = reason.strip()
        if not sep or not reason:
            problems.append(_without_reason(keys, "gives no reason (write it after ' -- ')", span))
            continue
        if len(reason) < MIN_REASON or not _LETTER.search(reason):
            problems.append(
                _without_reason(
                    keys,
                    f"gives the reason {reason!r}, too short to review: say why in at least "
                    f"{MIN_REASON} characters",
                    span,
                )
            )
            continue
        file_wide = m.group(1) == "ignore-file"
        alone = not text[line_start:at].strip(" \t")
        target = None if file_wide else (number + 1 if alone else number)
        sup = Suppression(number, column, target, keys)
        for key in keys:
            codes = resolve_codes(key, ruleset)
            if codes is None:
                problems.append(
                    Problem(
                        "suppression-unknown-rule",
                        f"suppression names unknown rule {key!r}",
                        span=span,
                    )
                )
                continue
            allowed = set(codes) - protected
            if not allowed:
                problems.append(
                    Problem(
                        "unused-suppression",
                        f"{key} cannot be suppressed: a file that cannot be read, parsed or "
                        "checked always fails the run",
                        span=span,
                    )
                )
                continue
            sup.by_key[key] = allowed
            sup.codes.update(allowed)
            if file_wide and len(codes) > 1:
                problems.append(
                    Problem(
                        "suppression-broad",
                        f"ignore-file {key} switches off "
                        + (
                            "every rule"
                            if key.upper() == "ALL"
                            else f"every rule whose code starts with {key.upper()}"
                        )
                        + " for the whole file; name the rules it is meant for",
                        span=span,
                    )
                )
        found.append(sup)
    return found, problems


def _without_reason(keys: list[str], what: str, span: Span) -> Problem:
    return Problem(
        "suppression-without-reason",
        f"suppression of {', '.join(keys)} {what}; it does not apply",
        span=span,
    )


def apply(
    findings: list[Finding],
    suppressions: list[Suppression],
    enabled: set[str] | frozenset[str] | None = None,
) -> tuple[list[Finding], list[Problem]]:
    """Drop suppressed findings; report suppressions that matched none of the enabled rules.

    Suppressions are indexed by the line they cover, so the cost is linear in findings and
    suppressions (30,000 comments against 9,000 findings stay well under a second).
    """
    by_line: dict[int | None, list[Suppression]] = defaultdict(list)
    for s in suppressions:
        by_line[s.target].append(s)
    file_wide = by_line.get(None, [])
    kept: list[Finding] = []
    for finding in findings:
        by = None
        if finding.code not in ENGINE_RULES:
            by = _first(finding.code, by_line.get(finding.span.line, ()), file_wide)
        if by is None:
            kept.append(finding)
        else:
            by.used.add(finding.code)
    problems = []
    for s in suppressions:
        unused = [
            key
            for key, codes in s.by_key.items()
            if (codes if enabled is None else codes & enabled) and not codes & s.used
        ]
        if unused:
            where = "in this file" if s.target is None else f"on line {s.target}"
            problems.append(
                Problem(
                    "unused-suppression",
                    f"suppression of {', '.join(unused)} matches no finding {where}",
                    span=Span(s.line, s.column),
                )
            )
    return kept, problems


def _first(code: str, *groups: Any) -> Suppression | None:
    """The first suppression in the file (the line's own or a file-wide one) covering `code`."""
    covering = [s for group in groups for s in group if code in s.codes]
    return min(covering, key=lambda s: (s.line, s.column), default=None)

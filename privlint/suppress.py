"""Inline suppressions in YAML comments, each with a reason.

    retention: {criteria: ...}  # privlint: ignore PL102 -- archive law sets no fixed period
    # privlint: ignore transfer-undeclared -- data stays in the EU region of this US provider
    - id: hosting
    # privlint: ignore-file PL122 -- statement is reviewed yearly by legal, see LEGAL-42

A trailing comment covers its own line; a comment alone on a line covers the next line;
`ignore-file` covers the whole file.  Codes, names and code prefixes are accepted, separated
by commas or spaces.  The reason after ` -- ` is required: without one the comment suppresses
nothing and is reported (PL021).  A suppression that suppresses nothing is reported too
(PL020), as is one that names an unknown rule (PL022).  Findings of these three rules cannot
themselves be suppressed.

Comments are found line by line: the marker must start the line or follow whitespace, which is
where YAML starts a comment.  Text inside a quoted or block scalar that happens to read
"# privlint: ignore" would be taken for a comment; declarations have no reason to contain it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from privlint.config import resolve_codes
from privlint.engine.registry import RuleSet
from privlint.findings import Finding, Problem, Span

ENGINE_RULES = frozenset({"PL020", "PL021", "PL022"})

_MARKER = re.compile(r"(?:^|\s)#\s*privlint:\s*(ignore-file|ignore)\b(.*)$")


@dataclass
class Suppression:
    line: int  # the comment's line
    column: int
    target: int | None  # the line it covers; None: the whole file
    keys: list[str]
    by_key: dict[str, set[str]] = field(default_factory=dict)
    codes: set[str] = field(default_factory=set)
    used: set[str] = field(default_factory=set)


def parse(text: str, ruleset: RuleSet) -> tuple[list[Suppression], list[Problem]]:
    found: list[Suppression] = []
    problems: list[Problem] = []
    for number, line in enumerate(text.splitlines(), start=1):
        m = _MARKER.search(line)
        if m is None:
            continue
        column = line.index("#", m.start()) + 1
        span = Span(number, column, number, len(line) + 1)
        body, sep, reason = m.group(2).partition(" --")
        keys = [k for k in re.split(r"[\s,]+", body.strip()) if k]
        if not keys:
            problems.append(
                Problem("suppression-unknown-rule", "suppression names no rule", span=span)
            )
            continue
        if not sep or not reason.strip():
            problems.append(
                Problem(
                    "suppression-without-reason",
                    f"suppression of {', '.join(keys)} gives no reason (write it after ' -- '); "
                    "it does not apply",
                    span=span,
                )
            )
            continue
        file_wide = m.group(1) == "ignore-file"
        alone = not line[: m.start()].strip()
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
            else:
                sup.by_key[key] = set(codes)
                sup.codes.update(codes)
        found.append(sup)
    return found, problems


def apply(
    findings: list[Finding],
    suppressions: list[Suppression],
    enabled: set[str] | frozenset[str] | None = None,
) -> tuple[list[Finding], list[Problem]]:
    """Drop suppressed findings; report suppressions that matched none of the enabled rules."""
    kept: list[Finding] = []
    for finding in findings:
        by = None
        if finding.code not in ENGINE_RULES:
            by = next(
                (
                    s
                    for s in suppressions
                    if finding.code in s.codes and s.target in (None, finding.span.line)
                ),
                None,
            )
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

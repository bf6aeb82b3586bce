"""The pipeline: targets -> documents -> problems -> findings.  No printing here."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path

from privlint.config import Settings
from privlint.discovery import Target
from privlint.engine.registry import RuleSet
from privlint.engine.run import Runner, build_runner
from privlint.fastschema import validate_fast
from privlint.findings import Finding, Problem, Severity, Span
from privlint.loader import Document, LoadResult, PositionIndex, load_file, parse_text


@dataclass
class Report:
    findings: list[Finding]
    files: list[str]
    ruleset: RuleSet
    settings: Settings = field(default_factory=Settings)

    def counts(self) -> dict[Severity, int]:
        out = dict.fromkeys(Severity, 0)
        for f in self.findings:
            out[f.severity] += 1
        return out

    def failed(self) -> bool:
        return any(f.severity.rank >= self.settings.fail_on.rank for f in self.findings)


def to_finding(
    problem: Problem,
    display: str,
    positions: PositionIndex | None,
    ruleset: RuleSet,
    settings: Settings,
) -> Finding:
    rule = ruleset.get(problem.rule)
    if rule is None:  # a bug in privlint, not in the input: say so plainly
        raise RuntimeError(f"problem raised for unknown rule {problem.rule!r}")
    if problem.span is not None:
        span = problem.span
    elif positions is not None:
        span = positions.locate(problem.pointer, on_key=problem.on_key)
    else:
        span = Span(1, 1)
    return Finding(
        path=display,
        span=span,
        code=rule.code,
        name=rule.name,
        severity=settings.severity_for(rule),
        message=problem.message,
        pointer=problem.pointer,
        articles=tuple(rule.articles),
        fix=rule.fix,
    )


def lint_target(
    target: Target, ruleset: RuleSet, settings: Settings, runner: Runner | None = None
) -> list[Finding]:
    result = load_file(target.path, target.display, settings.limits)
    findings = lint_loaded(result, target.display, ruleset, settings, runner)
    if result.document is None and not os.path.lexists(target.path):
        # the generic fix ("save it as UTF-8") is no help for a path that does not exist
        fix = f"There is no file at {target.display}: correct the path, or create it there."
        findings = [replace(f, fix=fix) if f.name == "unreadable-file" else f for f in findings]
    return findings


def lint_text(
    text: str, display: str, ruleset: RuleSet, settings: Settings, runner: Runner | None = None
) -> list[Finding]:
    """The findings of a text that is not (or not yet) a file: stdin, an editor buffer, a fix."""
    data, positions, problems = parse_text(text, settings.limits)
    document = None if data is None else Document(Path(display), display, text, data, positions)
    return lint_loaded(LoadResult(document, problems), display, ruleset, settings, runner)


def lint_loaded(
    result: LoadResult,
    display: str,
    ruleset: RuleSet,
    settings: Settings,
    runner: Runner | None = None,
) -> list[Finding]:
    """Schema, rules and suppressions over a loaded (or failed) document."""
    from privlint import suppress

    runner = runner or build_runner(ruleset, settings)
    problems = list(result.problems)
    positions = None
    suppressions: list[suppress.Suppression] = []
    if result.document is not None:
        positions = result.document.positions
        problems.extend(validate_fast(result.document.data))
        problems.extend(runner.run(result.document.data))
        suppressions, bad = suppress.parse(result.document.text, ruleset)
        problems.extend(bad)
    findings = [to_finding(p, display, positions, ruleset, settings) for p in problems]
    findings = [
        f for f in findings if settings.enabled(f.code) and not settings.ignored_in(display, f.code)
    ]
    enabled = {r.code for r in ruleset.rules if settings.enabled(r.code)}
    findings, unused = suppress.apply(findings, suppressions, enabled)
    findings.extend(
        f
        for p in unused
        if settings.enabled((f := to_finding(p, display, positions, ruleset, settings)).code)
    )
    return sorted(findings, key=Finding.sort_key)


def lint(targets: list[Target], settings: Settings | None = None) -> Report:
    settings = settings or Settings()
    ruleset = settings.ruleset()
    runner = build_runner(ruleset, settings)
    findings: list[Finding] = []
    from privlint.parallel import lint_all  # fast path + process pool; same findings, same order

    for found in lint_all(targets, ruleset, settings, runner):
        findings.extend(found)
    return Report(findings, [t.display for t in targets], ruleset, settings)

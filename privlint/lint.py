"""The pipeline: targets -> documents -> problems -> findings.  No printing here.

One run per file: the loader builds the data without positions, the schema check and the rules
run once and name what they find by JSON pointer, and only a file with something to report
gets positions: one second pass over its events that finds the spans of exactly the pointers
its problems name (`Document.positions_for`).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from privlint.config import INTERNAL_ERROR, Settings
from privlint.discovery import Target, is_json_name
from privlint.engine.registry import RuleSet
from privlint.engine.run import Runner, build_runner
from privlint.findings import Finding, Problem, Severity, Span, truncate
from privlint.loader import Document, LoadResult, PositionIndex, load_file, load_text
from privlint.validate import validate


@dataclass
class Report:
    findings: list[Finding]
    files: list[str]
    ruleset: RuleSet
    settings: Settings = field(default_factory=Settings)
    # Where files were checked under configurations with different `fail-on`: each file's.
    fail_on_by_file: dict[str, Severity] = field(default_factory=dict)

    def counts(self) -> dict[Severity, int]:
        out = dict.fromkeys(Severity, 0)
        for f in self.findings:
            out[f.severity] += 1
        return out

    def fail_on_for(self, path: str) -> Severity:
        """The lowest severity that fails the run in this file (its configuration's)."""
        return self.fail_on_by_file.get(path, self.settings.fail_on)

    def fail_levels(self) -> list[Severity]:
        """The failing severities of the run's files, lowest first (one, unless configurations
        differ)."""
        levels = {self.fail_on_for(path) for path in self.files} or {self.settings.fail_on}
        return sorted(levels, key=lambda s: s.rank)

    def failed(self) -> bool:
        """A finding at or above its own file's failing severity: the exit code's verdict."""
        return any(f.severity.rank >= self.fail_on_for(f.path).rank for f in self.findings)


def positions(document: Document | None, problems: list[Problem]) -> PositionIndex | None:
    """An index that places every problem without a span of its own: one pass over the
    document's events for all of them, and none when every problem has a span."""
    pointers = [p.pointer for p in problems if p.span is None]
    if document is None or not pointers:
        return None
    return document.positions_for(pointers)


def _reported(problem: Problem, display: str, ruleset: RuleSet, settings: Settings) -> bool:
    """Whether the configuration lets this problem through (an unknown rule does: it is a bug
    that to_finding reports)."""
    rule = ruleset.get(problem.rule)
    if rule is None:
        return True
    return settings.enabled(rule.code) and not settings.ignored_in(display, rule.code)


def to_finding(
    problem: Problem,
    display: str,
    index: PositionIndex | None,
    ruleset: RuleSet,
    settings: Settings,
) -> Finding:
    """`index`: from `positions` over the problems this one is among."""
    rule = ruleset.get(problem.rule)
    if rule is None:  # a bug in privlint, not in the input: say so plainly
        raise RuntimeError(f"problem raised for unknown rule {problem.rule!r}")
    if problem.span is not None:
        span = problem.span
    elif index is not None:
        span = index.locate(problem.pointer, on_key=problem.on_key)
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
        fix=problem.fix or rule.fix,
    )


@dataclass(slots=True)
class Checked:
    """One file read once and checked once: its findings, and the document they are about
    (None when it could not be read).  Commands that go on to use a declaration (render,
    register, diff) use this document: what they show is the text the gate checked."""

    findings: list[Finding]
    document: Document | None


def check_file(
    target: Target, ruleset: RuleSet, settings: Settings, runner: Runner | None = None
) -> Checked:
    result = load_file(target.path, target.display, settings.limits)
    findings = lint_loaded(result, target.display, ruleset, settings, runner)
    if result.document is None and not os.path.lexists(target.path):
        # the generic fix ("save it as UTF-8") is no help for a path that does not exist
        fix = f"There is no file at {target.display}: correct the path, or create it there."
        findings = [f.replace(fix=fix) if f.name == "unreadable-file" else f for f in findings]
    return Checked(findings, result.document)


def check_text(
    text: str, display: str, ruleset: RuleSet, settings: Settings, runner: Runner | None = None
) -> Checked:
    """A text that is not (or not yet) a file: stdin, an editor buffer, a fix, a git blob."""
    result = load_text(text, Path(display), display, settings.limits)
    return Checked(lint_loaded(result, display, ruleset, settings, runner), result.document)


def lint_target(
    target: Target, ruleset: RuleSet, settings: Settings, runner: Runner | None = None
) -> list[Finding]:
    return check_file(target, ruleset, settings, runner).findings


def lint_text(
    text: str, display: str, ruleset: RuleSet, settings: Settings, runner: Runner | None = None
) -> list[Finding]:
    """The findings of a text that is not (or not yet) a file (see check_text)."""
    return check_text(text, display, ruleset, settings, runner).findings


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
    document = result.document
    suppressions: list[suppress.Suppression] = []
    if document is not None:
        problems.extend(validate(document.data))
        problems.extend(runner.run(document.data))
        if settings.suppress:
            suppressions, bad = suppress.parse(document.text, ruleset, json=is_json_name(display))
            problems.extend(bad)
    # Disabled and per-file-ignored rules go before positions: no span is looked up for them.
    problems = [p for p in problems if _reported(p, display, ruleset, settings)]
    index = positions(document, problems)
    findings = [to_finding(p, display, index, ruleset, settings) for p in problems]
    enabled = {r.code for r in ruleset.rules if settings.enabled(r.code)}
    findings, unused = suppress.apply(findings, suppressions, enabled)
    index = positions(document, unused)  # unused suppressions carry their spans: usually None
    findings.extend(
        f
        for p in unused
        if settings.enabled((f := to_finding(p, display, index, ruleset, settings)).code)
    )
    return sorted(findings, key=Finding.sort_key)


def internal_error(target: Target, exc: Exception, ruleset: RuleSet, settings: Settings) -> Finding:
    """The finding for a file privlint itself failed on; the traceback under PRIVLINT_DEBUG."""
    if os.environ.get("PRIVLINT_DEBUG"):
        import traceback  # ~2 ms at start-up (linecache, textwrap) for a file privlint failed on

        traceback.print_exception(exc)
    problem = Problem(
        INTERNAL_ERROR,
        f"privlint failed on this file ({type(exc).__name__}: {truncate(str(exc), 200)}); "
        "it was not checked. This is a bug in privlint: please report it with the file",
        span=Span(1, 1),
    )
    return to_finding(problem, target.display, None, ruleset, settings)


def check_target(
    target: Target, ruleset: RuleSet, settings: Settings, runner: Runner | None = None
) -> Checked:
    """check_file, with a bug privlint hits on one file made a finding on that file
    (internal-error), so that the other files are still checked and reported."""
    try:
        return check_file(target, ruleset, settings, runner)
    except Exception as exc:
        return Checked([internal_error(target, exc, ruleset, settings)], None)


def lint(targets: list[Target], settings: Settings | None = None) -> Report:
    settings = settings or Settings()
    ruleset = settings.ruleset()
    runner = build_runner(ruleset, settings)
    findings: list[Finding] = []
    from privlint.parallel import lint_all  # a process pool; same findings, same order

    for found in lint_all(targets, ruleset, settings, runner):
        findings.extend(found)
    return Report(findings, [t.display for t in targets], ruleset, settings)


def lint_documents(
    targets: list[Target], settings: Settings
) -> tuple[Report, list[Document | None]]:
    """`lint`, keeping each file's document (None: unreadable, or privlint failed on it), for
    the commands that go on to use the declarations: one file after another, as a pool
    would have to send every document back."""
    ruleset = settings.ruleset()
    runner = build_runner(ruleset, settings)
    checked = [check_target(t, ruleset, settings, runner) for t in targets]
    findings = [f for c in checked for f in c.findings]
    report = Report(findings, [t.display for t in targets], ruleset, settings)
    return report, [c.document for c in checked]

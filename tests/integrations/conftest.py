"""One fixed report that every reporter test renders.

Built from real Rule and Finding objects, with what makes output formats go wrong: all three
severities, a finding below the failing severity, a span without an end, two identical
findings at different places, a path with a space, text with %, :, ',', a newline, markup and
a character XML cannot hold, and a file without findings.
"""

from __future__ import annotations

import pytest

from privlint.config import Settings
from privlint.engine.model import Examples, Rule
from privlint.engine.registry import RuleSet
from privlint.findings import Finding, Severity, Span
from privlint.lint import Report


def _rule(code: str, name: str, severity: Severity, **extra: object) -> Rule:
    return Rule.model_validate(
        {
            "code": code,
            "name": name,
            "severity": severity,
            "summary": f"Summary of {name}.",
            "rationale": f"Why {name} matters.\nSecond line.\n",
            "message": "{message}",
            "fix": f"Fix {name}.",
            "provided-by": "engine",
            "pack": "test",
            **extra,
        }
    )


RULES = [
    _rule("PL010", "unknown-key", Severity.ERROR, pack="core"),
    _rule(
        "PL101",
        "retention-missing",
        Severity.WARNING,
        articles=["GDPR Art. 13(2)(a)"],
        examples=Examples.model_validate(
            {"fail": "retention: {}\n", "pass": "retention: {period: P1Y}\n"}
        ),
    ),
    _rule("PL102", "dpo-contact", Severity.INFO, articles=["GDPR Art. 37(7)", "UAVG art. 39"]),
    _rule("PL103", "never-fires", Severity.ERROR),
]

A = "decl/a.privacy.yaml"
B = "decl/with space.privacy.yaml"
CLEAN = "decl/clean.privacy.yaml"

FINDINGS = [
    Finding(
        A,
        Span(3, 3, 3, 10),
        "PL010",
        "unknown-key",
        Severity.ERROR,
        "unknown key 'versoin' in Statement; did you mean 'version'?",
        ("statement", "versoin"),
        (),
        "Correct the spelling.",
    ),
    Finding(
        A,
        Span(9, 5, 11, 1),
        "PL101",
        "retention-missing",
        Severity.WARNING,
        "activity 'a|b' keeps data 100% <forever>: no period,\nno criteria",
        ("activities", 0),
        ("GDPR Art. 13(2)(a)",),
        "Add retention.period.",
    ),
    Finding(
        A,
        Span(20, 1),
        "PL102",
        "dpo-contact",
        Severity.INFO,
        "no DPO contact: *add* one \x01",
        ("dpo",),
        ("GDPR Art. 37(7)", "UAVG art. 39"),
        None,
    ),
    Finding(
        B,
        Span(2, 1, 2, 4),
        "PL010",
        "unknown-key",
        Severity.ERROR,
        "unknown key 'foo' in declaration",
        ("foo",),
        (),
        "Correct the spelling.",
    ),
    Finding(
        B,
        Span(7, 1, 7, 4),
        "PL010",
        "unknown-key",
        Severity.ERROR,
        "unknown key 'foo' in declaration",
        ("foo",),
        (),
        "Correct the spelling.",
    ),
]


def fixed_report() -> Report:
    return Report(
        list(FINDINGS), [A, CLEAN, B], RuleSet(list(RULES)), Settings(fail_on=Severity.WARNING)
    )


@pytest.fixture
def report() -> Report:
    return fixed_report()

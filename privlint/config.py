"""Run settings.  (Configuration files, select/ignore and rule options: see issue 3.)"""

from __future__ import annotations

from dataclasses import dataclass, field

from privlint.engine.model import Rule
from privlint.findings import Severity
from privlint.loader import Limits


@dataclass(frozen=True)
class Settings:
    fail_on: Severity = Severity.WARNING
    limits: Limits = field(default_factory=Limits)
    severity_overrides: dict[str, Severity] = field(default_factory=dict)

    def severity_for(self, rule: Rule) -> Severity:
        return self.severity_overrides.get(rule.code, rule.severity)

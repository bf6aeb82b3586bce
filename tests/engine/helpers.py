"""Helpers for the engine tests: lint text in-process with a pinned date."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from privlint.config import Settings
from privlint.discovery import Target
from privlint.findings import Finding
from privlint.lint import lint

TODAY = date(2026, 11, 23)


def lint_text(
    tmp_path: Path, text: str, settings: Settings | None = None, name: str = "x.privacy.yaml"
) -> list[Finding]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return lint([Target(path, name)], settings or Settings(today=TODAY)).findings


def codes(findings: list[Finding]) -> list[str]:
    return [f.code for f in findings]

"""Errors that stop a run with exit code 2.  Bad *declarations* are findings, not errors."""

from __future__ import annotations

from pathlib import Path

from privlint.findings import Span


class PrivlintError(Exception):
    """A user-facing error: printed as one message, exit code 2."""

    def __init__(self, message: str, path: Path | str | None = None, span: Span | None = None):
        super().__init__(message)
        self.message = message
        self.path = path
        self.span = span

    def __str__(self) -> str:
        where = ""
        if self.path is not None:
            where = str(self.path)
            if self.span is not None:
                where += f":{self.span.line}:{self.span.column}"
            where += ": "
        return f"{where}{self.message}"


class UsageError(PrivlintError):
    """Bad command-line arguments."""


class ConfigError(PrivlintError):
    """A bad configuration file, rule file or rule pack."""

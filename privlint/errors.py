"""Errors that stop a run with exit code 2.  Bad *declarations* are findings, not errors."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from privlint.findings import Span


def printable(text: str, keep: str = "") -> str:
    """Text from input (a file name, a value, a rule's words) made safe for one line of a
    terminal or a CI log: line breaks, control characters (ESC), format characters (U+202E,
    zero-width) and lone surrogates (undecodable file names) are written as escapes, so no
    input can start a line of its own (`::error::`, `::stop-commands::`) or rewrite one.
    `keep`: characters a format encodes by its own rules (GitHub's %0A, XML text's breaks)."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() or c in keep else _escape(c) for c in text)


def replace_surrogates(text: str) -> str:
    """Lone surrogates (undecodable bytes of a file name) as U+FFFD, for UTF-8 logs."""
    return text.encode("utf-8", "surrogatepass").decode("utf-8", "replace")


def _escape(char: str) -> str:
    code = ord(char)
    if char in "\t\n\r":
        return {"\t": "\\t", "\n": "\\n", "\r": "\\r"}[char]
    return (
        f"\\x{code:02x}"
        if code < 0x100
        else f"\\u{code:04x}"
        if code < 0x10000
        else f"\\U{code:08x}"
    )


class PrivlintError(Exception):
    """A user-facing error: printed as one message (plus one indented line per detail), exit
    code 2.  Everything in it is escaped by `printable` when it is shown."""

    def __init__(
        self,
        message: str,
        path: Path | str | None = None,
        span: Span | None = None,
        details: Sequence[str] = (),
    ):
        super().__init__(message)
        self.message = message
        self.path = path
        self.span = span
        self.details = tuple(details)

    def __str__(self) -> str:
        where = ""
        if self.path is not None:
            where = str(self.path)
            if self.span is not None:
                where += f":{self.span.line}:{self.span.column}"
            where += ": "
        return printable(f"{where}{self.message}") + "".join(
            f"\n  {printable(d)}" for d in self.details
        )


class UsageError(PrivlintError):
    """Bad command-line arguments."""


class ConfigError(PrivlintError):
    """A bad configuration file, rule file or rule pack."""

"""Human-readable output: one finding per line, ``path:line:col: severity CODE name: message``.

Plain when piped (one unwrapped line per finding, grep- and editor-friendly); coloured with
rich when the CLI says the output is a terminal.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from privlint.errors import printable
from privlint.findings import Severity
from privlint.reporters import ReportOptions

if TYPE_CHECKING:
    from privlint.lint import Report

Segment = tuple[str, str]  # (text, rich style)

_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


def one_line(text: str) -> str:
    """One finding, one line: a message quoting multi-line YAML must not break grep or editors,
    and no control character (an escape sequence, a lone surrogate from an undecodable file
    name) reaches the terminal."""
    if "\n" in text or "\r" in text:
        text = " ".join(text.splitlines())
    return text if text.isprintable() else _escape(text)


_escape = printable


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def lines(report: Report, options: ReportOptions) -> list[list[Segment]]:
    out: list[list[Segment]] = []
    for f in () if options.quiet else report.findings:
        line: list[Segment] = [
            (f"{_escape(f.path)}:{f.span.line}:{f.span.column}:", "bold"),
            (" ", ""),
            (f.severity.value, _STYLE[f.severity]),
            (" ", ""),
            (_escape(f.code), "bold magenta"),
            (" ", ""),
            (_escape(f.name), "magenta"),
            (": ", ""),
            (one_line(f.message), ""),
        ]
        if f.articles:
            line.append((f" [{one_line('; '.join(f.articles))}]", "dim"))
        out.append(line)
        if options.show_fix and f.fix:
            out.append([("    fix: ", "green"), (one_line(f.fix), "dim")])
    counts = report.counts()
    files_with = len({f.path for f in report.findings})
    if options.quiet and not report.findings:
        return []
    if report.findings:
        parts = [_plural(counts[s], s.value) for s in Severity if counts[s]]
        summary = (
            f"Found {_plural(len(report.findings), 'problem')} ({', '.join(parts)}) "
            f"in {files_with} of {_plural(len(report.files), 'file')}."
        )
        style = "bold red" if report.failed() else "bold yellow"
    else:
        summary = f"All checks passed: {_plural(len(report.files), 'file')}, no findings."
        style = "bold green"
    out.append([(summary, style)])
    return out


def render(report: Report, options: ReportOptions) -> str:
    return styled(lines(report, options), color=options.color)


def styled(rows: list[list[Segment]], *, color: bool) -> str:
    """Rows of (text, rich style) segments: plain lines, or coloured with rich; nothing for
    no rows (--quiet on a clean run)."""
    if not rows:
        return ""
    if not color:
        return "\n".join("".join(text for text, _ in row) for row in rows) + "\n"
    from rich.console import Console
    from rich.text import Text

    console = Console(force_terminal=True, width=10_000, soft_wrap=True, highlight=False)
    with console.capture() as capture:
        for row in rows:
            text = Text()
            for chunk, style in row:
                text.append(chunk, style=style or None)
            console.print(text, soft_wrap=True)
    return capture.get()


escape = _escape  # public: `check --show-files` prints file names as the report does

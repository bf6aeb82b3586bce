"""Declarations for render and register: read once and checked by the pipeline (lint).

A statement or register is made only from a declaration that passed the gate: one with
errors is refused (the findings are printed with the text reporter) unless `force`, and then
the output is marked as a draft.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from privlint.config import Overrides, load_settings
from privlint.discovery import Target, discover
from privlint.errors import UsageError
from privlint.findings import Severity
from privlint.lint import lint_documents
from privlint.reporters import ReportOptions, get_reporter

EXIT_REFUSED = 1


@dataclass
class Declaration:
    display: str
    data: dict[str, Any]
    draft: bool  # has errors, rendered only because of --force


class Refused(Exception):
    """The declarations have errors and --force was not given; the findings were printed."""


def output_format(args: argparse.Namespace, by_suffix: dict[str, str], default: str) -> str:
    """--format if given, else the one the -o file's suffix names, else `default`."""
    if args.format:
        return str(args.format)
    output: Path | None = args.output
    return by_suffix.get(output.suffix.lower(), default) if output is not None else default


def add_arguments(
    p: argparse.ArgumentParser, what: str, formats: list[str], format_help: str
) -> None:
    """-o, --format, --language, --force, --config and --max-file-size, as render and register
    share them."""
    from privlint.render.catalogue import languages

    p.add_argument("--output", "-o", type=Path, help=f"write {what} here (default: stdout)")
    p.add_argument("--format", "-f", choices=formats, default=None, help=format_help)
    p.add_argument(
        "--language",
        "-l",
        choices=languages(),
        default=None,
        help="language of the fixed text (default: the (first) declaration's "
        "statement.language when there is a catalogue for it, else nl)",
    )
    p.add_argument(
        "--force",
        action="store_true",
        help=f"write {what} from a declaration that has errors, marked as a draft",
    )
    p.add_argument("--config", type=Path, metavar="FILE", help="configuration file")
    p.add_argument(
        "--max-file-size",
        type=float,
        metavar="MB",
        help="refuse declarations larger than this many megabytes (default 8; 0: no limit)",
    )


def language_of(args: argparse.Namespace, data: dict[str, Any]) -> str:
    from privlint.render.catalogue import languages

    if args.language:
        return str(args.language)
    statement = data.get("statement")
    declared = statement.get("language") if isinstance(statement, dict) else None
    primary = declared.split("-")[0].lower() if isinstance(declared, str) else ""
    return primary if primary in languages() else "nl"


def load_args(args: argparse.Namespace, paths: list[Path]) -> list[Declaration]:
    if args.max_file_size is not None and args.max_file_size < 0:
        raise UsageError("--max-file-size must be 0 (no limit) or a positive number")
    overrides = Overrides(config=args.config, max_file_size=args.max_file_size)
    return load_checked(paths, force=args.force, overrides=overrides)


def targets(paths: list[Path]) -> list[Target]:
    found = discover(paths)
    if not found:
        raise UsageError("no declaration files found in " + " ".join(str(p) for p in paths))
    return found


def load_checked(
    paths: list[Path],
    *,
    force: bool,
    overrides: Overrides | None = None,
    err: TextIO | None = None,
) -> list[Declaration]:
    """The declarations at `paths`, checked; raises Refused when one has errors (no force)."""
    err = err or sys.stderr
    settings = load_settings(overrides or Overrides())
    found = targets(paths)
    report, documents = lint_documents(found, settings)
    broken = {f.path for f in report.findings if f.severity is Severity.ERROR}
    if report.findings:
        err.write(get_reporter("text")(report, ReportOptions(color=False, show_fix=True)))
    if broken and not force:
        err.write(
            "privlint: refusing to generate from a declaration with errors; fix them, "
            "or use --force to make a draft\n"
        )
        raise Refused
    out = []
    for target, document in zip(found, documents, strict=True):
        if document is None or not isinstance(document.data, dict):
            err.write(f"privlint: {target.display}: cannot be read as a declaration\n")
            raise Refused
        out.append(Declaration(target.display, document.data, target.display in broken))
    return out

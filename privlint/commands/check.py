"""`privlint check [PATH...]`: lint declarations."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from privlint.config import Overrides, load_settings
from privlint.discovery import DECLARATION_NAMES, DECLARATION_SUFFIXES, discover
from privlint.errors import UsageError
from privlint.findings import Severity
from privlint.lint import lint
from privlint.output import write_output
from privlint.reporters import REPORTERS, ReportOptions, get_reporter
from privlint.reporters.sarif import write_sarif
from privlint.reporters.summary import append_job_summary

EXIT_CLEAN = 0
EXIT_FINDINGS = 1


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "check",
        help="check declarations",
        description="Check privacy declarations against the schema and the rules. "
        "Exit 0: clean; 1: findings at or above --fail-on; 2: usage, config or internal error.",
    )
    p.add_argument(
        "paths",
        nargs="*",
        type=Path,
        default=[Path()],
        help="files and directories (default: .). In directories, files named "
        + ", ".join([*DECLARATION_NAMES, *(f"*{s}" for s in DECLARATION_SUFFIXES)])
        + " are checked; files named explicitly are always checked.",
    )
    p.add_argument(
        "--format",
        "-f",
        choices=sorted(REPORTERS),
        default=None,
        help="output format (default: text; github when GITHUB_ACTIONS=true)",
    )
    p.add_argument(
        "--fail-on",
        choices=[s.value for s in Severity],
        default=None,
        help="lowest severity that makes the run fail (default: warning)",
    )
    p.add_argument("--output", "-o", type=Path, help="write the report to this file")
    p.add_argument("--no-color", action="store_true", help="never colour the text output")
    p.add_argument("--no-fix", action="store_true", help="text format: do not print fix hints")
    p.add_argument(
        "--sarif", type=Path, metavar="FILE", help="also write a SARIF 2.1.0 report to FILE"
    )
    p.add_argument(
        "--max-file-size",
        type=float,
        metavar="MB",
        help="skip-with-error files larger than this many megabytes (default 8; 0: no limit)",
    )
    p.add_argument(
        "--config",
        type=Path,
        metavar="FILE",
        help="configuration file (.privlint.yaml or a pyproject.toml with [tool.privlint]); "
        "default: the first one found upwards from the working directory",
    )
    p.add_argument(
        "--select",
        type=_codes,
        metavar="RULES",
        help="check only these rules: codes, names or code prefixes, comma-separated",
    )
    p.add_argument(
        "--ignore",
        type=_codes,
        default=[],
        metavar="RULES",
        help="do not check these rules (added to the config's ignore list)",
    )


def _codes(text: str) -> list[str]:
    return [part.strip() for part in text.split(",") if part.strip()]


def _format(args: argparse.Namespace) -> str:
    if args.format:
        return str(args.format)
    if os.environ.get("GITHUB_ACTIONS") == "true" and "github" in REPORTERS:
        return "github"
    return "text"


def run(args: argparse.Namespace) -> int:
    if args.max_file_size is not None and args.max_file_size < 0:
        raise UsageError("--max-file-size must be 0 (no limit) or a positive number")
    settings = load_settings(
        Overrides(
            config=args.config,
            select=args.select,
            ignore=args.ignore,
            fail_on=Severity(args.fail_on) if args.fail_on else None,
            max_file_size=args.max_file_size,
        )
    )
    targets = discover(list(args.paths))
    if not targets:
        shown = " ".join(str(p) for p in args.paths)
        raise UsageError(
            f"no declaration files found in {shown} (directories are searched for files named "
            f"privacy.yaml or *.privacy.yaml; name files explicitly to check others)"
        )
    report = lint(targets, settings)
    fmt = _format(args)
    to_terminal = args.output is None and sys.stdout.isatty()
    color = to_terminal and not args.no_color and "NO_COLOR" not in os.environ
    text = get_reporter(fmt)(report, ReportOptions(color=color, show_fix=not args.no_fix))
    if args.output is not None:
        write_output(args.output, text)
    else:
        sys.stdout.write(text)
    if args.sarif is not None:
        write_sarif(report, args.sarif)
    if warning := append_job_summary(report, os.environ):  # only when GITHUB_STEP_SUMMARY is set
        sys.stderr.write(warning + "\n")
    return EXIT_FINDINGS if report.failed() else EXIT_CLEAN

"""`privlint check [PATH...]`: lint declarations."""

from __future__ import annotations

import argparse
import codecs
import os
import sys
from pathlib import Path

from privlint.config import Overrides, Settings, load_settings
from privlint.discovery import DECLARATION_NAMES, DECLARATION_SUFFIXES, Target, discover
from privlint.errors import UsageError
from privlint.findings import Problem, Severity
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
    fixing = p.add_mutually_exclusive_group()
    fixing.add_argument(
        "--fix",
        action="store_true",
        help="apply the safe mechanical fixes in place, then report what is left",
    )
    fixing.add_argument(
        "--diff",
        action="store_true",
        help="print what --fix would change as a unified diff; exit 1 if there is any",
    )


def _codes(text: str) -> list[str]:
    return [part.strip() for part in text.split(",") if part.strip()]


def _format(args: argparse.Namespace) -> str:
    if args.format:
        return str(args.format)
    if os.environ.get("GITHUB_ACTIONS") == "true" and "github" in REPORTERS:
        return "github"
    return "text"


def _fix_files(targets: list[Target], settings: Settings, *, write: bool) -> int:
    """--fix (write) or --diff (print): the number of fixes; a file privlint cannot read or
    would not write back byte-exact (UTF-16, a BOM-less re-encoding) is left to the report."""
    from privlint.fix import fix_text, unified_diff
    from privlint.loader import decode, read_bytes

    total = 0
    for target in targets:
        raw = read_bytes(target.path, settings.limits.max_file_size)
        if isinstance(raw, Problem):
            continue
        text, _ = decode(raw)
        if text is None:
            continue
        bom = raw.startswith(codecs.BOM_UTF8)
        if (codecs.BOM_UTF8 if bom else b"") + text.encode("utf-8") != raw:
            continue  # not UTF-8: writing it back would change every byte
        result = fix_text(text, target.display, settings)
        if not result.changed:
            continue
        total += len(result.fixes)
        if write:
            data = (codecs.BOM_UTF8 if bom else b"") + result.text.encode("utf-8")
            write_output(target.path, data)
            for fix in result.fixes:
                sys.stderr.write(
                    f"{target.display}:{fix.span.line}:{fix.span.column}: fixed {fix.code} "
                    f"{fix.name}: {fix.title}\n"
                )
        else:
            sys.stdout.write(unified_diff(text, result.text, target.display))
    if write and total:
        sys.stderr.write(f"privlint: applied {total} fix{'es' if total != 1 else ''}\n")
    return total


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
    if args.diff:
        return EXIT_FINDINGS if _fix_files(targets, settings, write=False) else EXIT_CLEAN
    if args.fix:
        _fix_files(targets, settings, write=True)
    report = lint(targets, settings)
    fmt = _format(args)
    to_terminal = args.output is None and sys.stdout.isatty()
    color = to_terminal and not args.no_color and "NO_COLOR" not in os.environ
    text = get_reporter(fmt)(report, ReportOptions(color=color, show_fix=not args.no_fix))
    if args.output is not None:
        try:
            args.output.write_text(text, encoding="utf-8")
        except OSError as exc:
            raise UsageError(f"cannot write {args.output}: {exc.strerror or exc}") from None
    else:
        sys.stdout.write(text)
    if args.sarif is not None:
        write_sarif(report, args.sarif)
    if warning := append_job_summary(report, os.environ):  # only when GITHUB_STEP_SUMMARY is set
        sys.stderr.write(warning + "\n")
    return EXIT_FINDINGS if report.failed() else EXIT_CLEAN

"""`privlint check [PATH...]`: lint declarations."""

from __future__ import annotations

import argparse
import codecs
import json
import os
import sys
from collections import Counter
from collections.abc import Mapping
from pathlib import Path

from privlint.config import (
    INTERNAL_ERROR,
    Overrides,
    Settings,
    find_config,
    load_settings,
    megabytes,
)
from privlint.discovery import (
    DECLARATION_NAMES,
    DECLARATION_SUFFIXES,
    Skipped,
    Target,
    discover,
    display_path,
)
from privlint.errors import UsageError
from privlint.findings import Finding, Problem, Severity, Span
from privlint.ignore import Excludes, absolute, left_out
from privlint.lint import Report, lint
from privlint.output import write_output
from privlint.reporters import REPORTERS, ReportOptions, get_reporter
from privlint.reporters.sarif import ADO_ID_PARTS, ADO_PROPERTIES, write_sarif
from privlint.reporters.summary import append_job_summary

EXIT_CLEAN = 0
EXIT_FINDINGS = 1
EXIT_ERROR = 2


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
        + " are checked; files named explicitly are always checked; '-' reads standard input.",
    )
    p.add_argument(
        "--format",
        "--output-format",
        "-f",
        dest="format",
        choices=sorted(REPORTERS),
        default=None,
        metavar="FORMAT",
        help=f"output format: {', '.join(sorted(REPORTERS))} (default: text; github on "
        "standard output when GITHUB_ACTIONS=true)",
    )
    p.add_argument(
        "--fail-on",
        choices=[s.value for s in Severity],
        default=None,
        help="lowest severity that makes the run fail (default: warning)",
    )
    p.add_argument("--output", "-o", type=Path, help="write the report to this file")
    p.add_argument(
        "--no-color",
        action="store_true",
        help="never colour the text output (also NO_COLOR=1; FORCE_COLOR=1 colours a pipe)",
    )
    p.add_argument("--no-fix", action="store_true", help="text format: do not print fix hints")
    p.add_argument(
        "--sarif", type=Path, metavar="FILE", help="also write a SARIF 2.1.0 report to FILE"
    )
    p.add_argument(
        "--max-file-size",
        type=_megabytes,
        metavar="MB",
        help="skip-with-error files larger than this many megabytes (default 8; 0: no limit)",
    )
    p.add_argument(
        "--config",
        type=Path,
        metavar="FILE",
        help="configuration file (.privlint.yaml or a pyproject.toml with [tool.privlint]); "
        "default: for each file, the nearest one in its folder or above",
    )
    p.add_argument(
        "--show-files",
        action="store_true",
        help="list the files that would be checked and the directories a walk skips, then stop",
    )
    p.add_argument(
        "--no-suppress",
        action="store_true",
        help="check as if no '# privlint: ignore' comment existed (see what they hide)",
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
    _add_input_options(p)
    _add_output_options(p)
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


def _add_input_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--stdin-filename",
        metavar="NAME",
        help="with '-' as the path: the name to show for standard input; configuration and "
        "per-file-ignores are matched as for a file of that name",
    )
    p.add_argument(
        "--exclude",
        type=_codes,
        default=[],
        metavar="GLOBS",
        help="leave out files and directories matching these globs when walking directories "
        "(added to the config's exclude / extend-exclude); named files are always checked",
    )
    p.add_argument(
        "--no-respect-gitignore",
        dest="respect_gitignore",
        action="store_false",
        help="also check files that git ignores (.gitignore, .git/info/exclude) in directories",
    )


def _add_output_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--statistics",
        action="store_true",
        help="print the number of findings per rule instead of the findings",
    )
    p.add_argument(
        "--exit-zero",
        action="store_true",
        help="exit 0 even when there are findings (2 still means an error)",
    )
    p.add_argument(
        "--quiet",
        "-q",
        action="store_true",
        help="text format: print only the summary line, and nothing when all checks pass",
    )


def _megabytes(text: str) -> float:
    try:
        return megabytes(text)
    except ValueError as exc:  # argparse prints it as a usage error, exit 2
        raise argparse.ArgumentTypeError(str(exc)) from None


def _codes(text: str) -> list[str]:
    return [part.strip() for part in text.split(",") if part.strip()]


def _format(args: argparse.Namespace, environ: Mapping[str, str]) -> str:
    """-f wins; under GitHub Actions, standard output gets workflow commands (annotations) -
    a file named with -o gets text, which is what a file is read as."""
    if args.format:
        return str(args.format)
    if environ.get("GITHUB_ACTIONS") == "true" and args.output is None:
        return "github"
    return "text"


def _set(value: str | None) -> bool:
    return bool(value) and value not in ("0", "false")


def use_color(args: argparse.Namespace, environ: Mapping[str, str]) -> bool:
    """--no-color, then NO_COLOR (set and not empty, no-color.org), then FORCE_COLOR /
    CLICOLOR_FORCE, then whether standard output is a terminal.  Never into a file."""
    if args.no_color or environ.get("NO_COLOR") or args.output is not None:
        return False
    if _set(environ.get("FORCE_COLOR")) or _set(environ.get("CLICOLOR_FORCE")):
        return True
    return sys.stdout.isatty()


# CI variables that name the checked-out repository's root, in the order they are trusted.
ROOT_VARIABLES = ("GITHUB_WORKSPACE", "CI_PROJECT_DIR", "BUILD_SOURCESDIRECTORY")
CI_VARIABLES = ("TF_BUILD", *ADO_PROPERTIES.values(), *ADO_ID_PARTS)


def source_root(cwd: Path, environ: Mapping[str, str]) -> Path:
    """The repository root that SARIF and GitLab paths are relative to: the CI's checkout when
    the working directory is inside it, else the nearest directory above holding .git."""
    for name in ROOT_VARIABLES:
        value = environ.get(name)
        if value and (cwd == Path(value) or Path(value) in cwd.parents):
            return Path(value)
    for directory in (cwd, *cwd.parents):
        if (directory / ".git").exists():
            return directory
    return cwd


def _overrides(args: argparse.Namespace) -> Overrides:
    return Overrides(
        config=args.config,
        select=args.select,
        ignore=args.ignore,
        fail_on=Severity(args.fail_on) if args.fail_on else None,
        max_file_size=args.max_file_size,
        no_suppress=args.no_suppress,
    )


def _show_files(
    found: list[Target], groups: list[tuple[Settings, list[Target]]], skipped: list[Skipped]
) -> int:
    """--show-files: what would be checked, then what was skipped and why; checks nothing.
    Names are escaped like the text report's, so a file name cannot forge a line."""
    from privlint.reporters.text import escape

    checked = sorted(t.display for _, targets in groups for t in targets)
    left = sorted(set(t.display for t in found) - set(checked))
    listed = [
        *checked,
        *(f"skipped: {s.display} ({s.reason})" for s in skipped),
        *(f"skipped: {name} (exclude or .gitignore)" for name in left),
    ]
    sys.stdout.write("".join(f"{escape(line)}\n" for line in listed))
    return EXIT_CLEAN


def _settings_per_file(
    targets: list[Target], overrides: Overrides, base: Settings
) -> list[tuple[Settings, list[Target]]]:
    """Each file with the configuration nearest above it (ruff's rule): a config in a subfolder
    governs that subtree.  --config names one for every file."""
    if overrides.config is not None:
        return [(base, targets)]
    groups: dict[Path | None, tuple[Settings, list[Target]]] = {}
    nearest: dict[Path, Path | None] = {}  # directory -> its config: one search per directory
    for target in targets:
        directory = target.path.absolute().parent
        if directory not in nearest:
            nearest[directory] = find_config(directory)
        config = nearest[directory]
        if config not in groups:
            if config == base.config_path:
                settings = base
            else:
                settings = load_settings(overrides, cwd=target.path.absolute().parent)
            groups[config] = (settings, [])
        groups[config][1].append(target)
    return list(groups.values())


def _left_out(
    groups: list[tuple[Settings, list[Target]]], args: argparse.Namespace, cwd: Path
) -> list[tuple[Settings, list[Target]]]:
    """Drop walked files that an exclude pattern or git ignores; named files always stay."""
    named = {absolute(p) for p in args.paths if not p.is_dir()}
    cli = Excludes(tuple(args.exclude), cwd)
    out = []
    for settings, targets in groups:
        walked = [t.path for t in targets if absolute(t.path) not in named]
        base = settings.config_path.parent if settings.config_path else cwd
        excludes = [cli, Excludes(settings.exclude, base)]
        skip = left_out(walked, excludes, respect_gitignore=args.respect_gitignore)
        kept = [t for t in targets if t.path not in skip]
        if kept:
            out.append((settings, kept))
    return out


def _fix_files(
    groups: list[tuple[Settings, list[Target]]], *, write: bool, quiet: bool = False
) -> int:
    """--fix (write) or --diff (print): the number of fixes; a file privlint cannot read or
    would not write back byte-exact (UTF-16, a BOM-less re-encoding) is left to the report."""
    from privlint.fix import fix_text, unified_diff
    from privlint.loader import decode, read_bytes

    total = 0
    for settings, targets in groups:
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
            if not write:
                sys.stdout.write(unified_diff(text, result.text, target.display))
                continue
            write_output(target.path, (codecs.BOM_UTF8 if bom else b"") + result.text.encode())
            for fix in result.fixes if not quiet else ():
                sys.stderr.write(
                    f"{target.display}:{fix.span.line}:{fix.span.column}: fixed {fix.code} "
                    f"{fix.name}: {fix.title}\n"
                )
    if write and total and not quiet:
        sys.stderr.write(f"privlint: applied {total} fix{'es' if total != 1 else ''}\n")
    return total


def _merged(reports: list[Report]) -> Report:
    """One report of several configurations' runs: the first one's rule set and settings, and
    each file's failing severity where the configurations' differ."""
    first = reports[0]
    findings = sorted((f for r in reports for f in r.findings), key=Finding.sort_key)
    files = sorted(f for r in reports for f in r.files)
    by_file: dict[str, Severity] = {}
    if len({r.settings.fail_on for r in reports}) > 1:
        by_file = {path: r.settings.fail_on for r in reports for path in r.files}
    return Report(findings, files, first.ruleset, first.settings, by_file)


def run(args: argparse.Namespace) -> int:
    cwd = Path.cwd()
    if any(str(p) == "-" for p in args.paths):
        if len(args.paths) > 1:
            raise UsageError("'-' (standard input) cannot be combined with other paths")
        return _run_stdin(args, cwd)
    if args.stdin_filename is not None:
        raise UsageError("--stdin-filename names standard input: give '-' as the path")
    overrides = _overrides(args)
    base = load_settings(overrides)
    skipped: list[Skipped] = []
    found = discover(list(args.paths), skipped=skipped)
    groups = _left_out(_settings_per_file(found, overrides, base), args, cwd)
    if args.show_files:
        return _show_files(found, groups, skipped)
    if not groups:
        shown = " ".join(str(p) for p in args.paths)
        left = f"; {len(found)} left out by exclude or .gitignore" if found else ""
        raise UsageError(
            f"no declaration files found in {shown} (directories are searched for files named "
            f"privacy.yaml or *.privacy.yaml; name files explicitly to check others){left}"
        )
    if args.diff:
        return EXIT_FINDINGS if _fix_files(groups, write=False) else EXIT_CLEAN
    if args.fix:
        _fix_files(groups, write=True, quiet=args.quiet)
    reports = [lint(targets, settings) for settings, targets in groups]
    return _emit(args, _merged(reports), any(r.failed() for r in reports), cwd)


def _read_stdin(limit: int) -> bytes | Problem:
    raw = sys.stdin.buffer.read(limit + 1 if limit else -1)
    if limit and len(raw) > limit:
        return Problem(
            "unsupported-yaml",
            f"standard input is over the size limit of {limit:,} bytes (--max-file-size)",
            span=Span(1, 1),
        )
    return raw


def _run_stdin(args: argparse.Namespace, cwd: Path) -> int:
    """`privlint check - [--stdin-filename NAME]`: one declaration from standard input.

    With --fix the fixed text goes to standard output (as ruff does); with --diff the diff."""
    from privlint.lint import lint_loaded, lint_text
    from privlint.loader import LoadResult, decode

    named = Path(args.stdin_filename) if args.stdin_filename else None
    display = display_path(named, cwd) if named is not None else "-"
    where = (cwd / named).parent if named is not None else cwd
    settings = load_settings(_overrides(args), cwd=where)
    ruleset = settings.ruleset()
    raw = _read_stdin(settings.limits.max_file_size)
    text, problem = (None, raw) if isinstance(raw, Problem) else decode(raw)
    if text is None:
        assert problem is not None
        findings = lint_loaded(LoadResult(None, [problem]), display, ruleset, settings)
    elif args.fix or args.diff:
        from privlint.fix import fix_text, unified_diff

        result = fix_text(text, display, settings)
        if args.diff:
            sys.stdout.write(unified_diff(text, result.text, display))
            return EXIT_FINDINGS if result.changed else EXIT_CLEAN
        sys.stdout.write(result.text)
        left = Report(lint_text(result.text, display, ruleset, settings), [display], ruleset)
        return EXIT_FINDINGS if left.failed() and not args.exit_zero else EXIT_CLEAN
    else:
        findings = lint_text(text, display, ruleset, settings)
    report = Report(sorted(findings, key=Finding.sort_key), [display], ruleset, settings)
    return _emit(args, report, report.failed(), cwd)


def statistics(report: Report, fmt: str) -> str:
    """--statistics: findings per rule, most frequent first (JSON with -f json)."""
    counts = Counter((f.code, f.name) for f in report.findings)
    rows = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    if fmt == "json":
        data = [{"code": c, "name": n, "count": k} for (c, n), k in rows]
        return json.dumps(data, indent=2) + "\n"
    width = len(str(rows[0][1])) if rows else 1
    lines = [f"{k:>{width}}  {c}  {n}" for (c, n), k in rows]
    lines.append(f"{len(report.findings)} finding{'s' if len(report.findings) != 1 else ''}")
    return "\n".join(lines) + "\n"


def _emit(args: argparse.Namespace, report: Report, failed: bool, cwd: Path) -> int:
    """Report, SARIF side file, job summary; the exit code."""
    environ = os.environ
    fmt = _format(args, environ)
    options = ReportOptions(
        color=use_color(args, environ),
        show_fix=not args.no_fix,
        quiet=args.quiet,
        cwd=cwd,
        source_root=source_root(cwd, environ),
        ci={k: environ[k] for k in CI_VARIABLES if k in environ},
    )
    if args.output is not None:
        write_output(args.output, get_reporter(fmt)(report, options))
    elif not args.statistics:
        sys.stdout.write(get_reporter(fmt)(report, options))
    if args.statistics:
        sys.stdout.write(statistics(report, fmt))
    if args.sarif is not None:
        write_sarif(report, args.sarif, options)
    if warning := append_job_summary(report, environ):  # only when GITHUB_STEP_SUMMARY is set
        sys.stderr.write(warning + "\n")
    failed_on = [f for f in report.findings if f.name == INTERNAL_ERROR]
    if failed_on:  # reported with the rest; the run itself is an internal error
        n = len(failed_on)
        sys.stderr.write(
            f"privlint: internal error on {n} file{'' if n == 1 else 's'}, reported as "
            f"{failed_on[0].code} {INTERNAL_ERROR}; set PRIVLINT_DEBUG=1 for the traceback\n"
        )
        return EXIT_ERROR
    return EXIT_FINDINGS if failed and not args.exit_zero else EXIT_CLEAN

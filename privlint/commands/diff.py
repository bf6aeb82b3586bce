"""`privlint diff [BASE] [HEAD] [PATH...]`: the privacy review of a change (docs/diff.md)."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from privlint.errors import UsageError

EXIT_CLEAN = 0
EXIT_REVIEW = 1
EXIT_ERROR = 2


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    from privlint.diff.render import languages

    p = sub.add_parser(
        "diff",
        help="the privacy review of a change: what a change to declarations means",
        description="Compare declarations between two git revisions (default: the merge base "
        "with the upstream or default branch, and the working tree), or two files, by meaning: "
        "activities, data categories, legal bases, retention, recipients, transfers, cookies, "
        "rights, and the findings introduced and fixed. Exit 0: no change at --fail-on; "
        "1: changes at or above --fail-on; 2: usage, git or parse error.",
    )
    p.add_argument(
        "specs",
        nargs="*",
        metavar="[BASE] [HEAD] [PATH]",
        help="up to two revisions, then files or directories (default: .), chosen as `check` "
        "does; or two declaration files to compare",
    )
    p.add_argument(
        "--format",
        "-f",
        choices=["text", "markdown", "json", "github"],
        default=None,
        help="output format (default: text; github when GITHUB_ACTIONS=true)",
    )
    p.add_argument(
        "--fail-on",
        choices=["review", "info"],
        default=None,
        help="exit 1 when a change of this interest or higher is found (default: never)",
    )
    p.add_argument(
        "--language",
        choices=languages(),
        default="en",
        help="language of the text, markdown and github forms (json stays English)",
    )
    p.add_argument("--output", "-o", type=Path, help="write the report to this file")
    p.add_argument("--force", action="store_true", help="with -o: write through a symbolic link")
    p.add_argument("--no-color", action="store_true", help="never colour the text output")
    p.add_argument(
        "--max-file-size",
        type=float,
        metavar="MB",
        help="refuse declarations larger than this many megabytes (default 8; 0: no limit)",
    )
    p.add_argument(
        "--config",
        type=Path,
        metavar="FILE",
        help="configuration file for the check of both sides (as privlint check --config)",
    )


def _format(args: argparse.Namespace) -> str:
    if args.format:
        return str(args.format)
    return "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"


def run(args: argparse.Namespace) -> int:
    from privlint.config import Overrides, load_settings
    from privlint.diff.engine import diff_repository, diff_two_files
    from privlint.diff.model import Interest
    from privlint.diff.render import render_github, render_json, render_markdown, render_text
    from privlint.output import write_output
    from privlint.reporters.summary import links_from_env

    if args.max_file_size is not None and args.max_file_size < 0:
        raise UsageError("--max-file-size must be 0 (no limit) or a positive number")
    settings = load_settings(Overrides(config=args.config, max_file_size=args.max_file_size))
    specs: list[str] = list(args.specs)
    if len(specs) == 2 and all(Path(s).is_file() for s in specs):
        report = diff_two_files(Path(specs[0]), Path(specs[1]), settings)
    else:
        report = diff_repository(specs, settings)
    report.fail_on = Interest(args.fail_on) if args.fail_on else None
    fmt = _format(args)
    if fmt == "json":
        text = render_json(report)
    elif fmt == "markdown":
        links = links_from_env(os.environ, Path.cwd())
        text = render_markdown(report, links, language=args.language)
    elif fmt == "github":
        text = render_github(report, language=args.language)
    else:
        to_terminal = args.output is None and sys.stdout.isatty()
        color = to_terminal and not args.no_color and "NO_COLOR" not in os.environ
        text = render_text(report, color, language=args.language)
    if args.output is not None:
        write_output(args.output, text, force=args.force)
    else:
        sys.stdout.write(text)
    if report.errors():
        return EXIT_ERROR
    return EXIT_REVIEW if report.failed() else EXIT_CLEAN

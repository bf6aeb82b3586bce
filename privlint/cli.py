"""Command-line arguments -> a command's run().  No logic here; errors become exit codes in app."""

from __future__ import annotations

import argparse
import importlib
import sys
from types import ModuleType

from privlint import __version__

# subcommand name -> module in privlint.commands (imported only when used)
COMMANDS: dict[str, str] = {
    "check": "check",
    "schema": "schema",
    "rules": "rules",
    "explain": "explain",
    "import": "import_",
    "render": "render",
    "register": "register",
    "diff": "diff",
    "init": "init",
    "server": "server",
}


def _module(name: str) -> ModuleType:
    return importlib.import_module(f"privlint.commands.{COMMANDS[name]}")


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The full parser (for help and for an unknown command, whose messages list them all), or
    one with just the subcommand `only` ("": none, for `--version`).

    Importing every command module costs ~0.3 s (pydantic, importers), more than `--version`
    may take; and each subparser costs argparse's gettext look-ups and a help formatter even
    when it is never used.  With a known command first in argv, argparse only ever reaches that
    command's parser: the others would be dead weight."""
    parser = argparse.ArgumentParser(
        prog="privlint",
        description="Policy-as-code compliance linter for privacy declarations.",
    )
    parser.add_argument("--version", action="version", version=f"privlint {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    for name in COMMANDS:
        if only is None or name == only:
            _module(name).add_parser(sub)
    return parser


def _chosen(argv: list[str]) -> str | None:
    """The subcommand argv names, or "" when it names none (`--version`, a typo); None for help.

    The top level has no option that takes a value, so the first bare word is the command."""
    for arg in argv:
        if arg in ("-h", "--help"):
            return None
        if not arg.startswith("-"):
            return arg if arg in COMMANDS else None
    return ""


def run(argv: list[str] | None) -> int:
    parser = build_parser(_chosen(sys.argv[1:] if argv is None else argv))
    args = parser.parse_args(argv)
    code: int = _module(args.command).run(args)
    return code

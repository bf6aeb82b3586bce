"""Command-line arguments -> a command's run().  No logic here; errors become exit codes in app."""

from __future__ import annotations

import argparse
import importlib
from types import ModuleType

from privlint import __version__

# subcommand name -> module in privlint.commands (imported only when used)
COMMANDS: dict[str, str] = {
    "check": "check",
    "schema": "schema",
    "rules": "rules",
    "explain": "explain",
    "import": "import_",
}


def _module(name: str) -> ModuleType:
    return importlib.import_module(f"privlint.commands.{COMMANDS[name]}")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="privlint",
        description="Policy-as-code compliance linter for privacy declarations.",
    )
    parser.add_argument("--version", action="version", version=f"privlint {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    for name in COMMANDS:
        _module(name).add_parser(sub)
    return parser


def run(argv: list[str] | None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    code: int = _module(args.command).run(args)
    return code

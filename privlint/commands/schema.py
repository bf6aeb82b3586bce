"""`privlint schema`: print the declaration JSON Schema."""

from __future__ import annotations

import argparse
import sys

from privlint.resources import DECLARATION_SCHEMA, schemas_dir


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    sub.add_parser(
        "schema",
        help="print the declaration JSON Schema",
        description="Print the declaration format's JSON Schema (draft 2020-12).",
    )


def run(args: argparse.Namespace) -> int:
    sys.stdout.write((schemas_dir() / DECLARATION_SCHEMA).read_text(encoding="utf-8"))
    return 0

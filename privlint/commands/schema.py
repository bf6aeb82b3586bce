"""`privlint schema [-o FILE]`: print or write the declaration JSON Schema.

`privlint schema -o .privlint/declaration.schema.json` puts a copy in the repository, so the
`$schema` modeline and editor settings in docs/editors.md resolve offline and match the
installed privlint exactly.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from privlint.errors import UsageError
from privlint.output import write_output
from privlint.resources import DECLARATION_SCHEMA, schemas_dir


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "schema",
        help="print the declaration JSON Schema",
        description="Print the declaration format's JSON Schema (draft 2020-12), or write it "
        "to a file for editors (e.g. -o .privlint/declaration.schema.json).",
    )
    p.add_argument("--output", "-o", type=Path, help="write the schema here (folders are made)")
    p.add_argument("--force", action="store_true", help="write through a symbolic link")


def run(args: argparse.Namespace) -> int:
    text = (schemas_dir() / DECLARATION_SCHEMA).read_text(encoding="utf-8")
    if args.output is None:
        sys.stdout.write(text)
        return 0
    try:
        args.output.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageError(f"cannot create {args.output.parent}: {exc.strerror or exc}") from None
    write_output(args.output, text, force=args.force)
    return 0

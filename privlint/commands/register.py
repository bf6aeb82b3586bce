"""`privlint register DECLARATION...`: the record of processing activities (GDPR Art. 30).

Exit 0: written; 1: a declaration has errors (the findings are printed; --force writes the
register anyway, marked as a draft in the Markdown and JSON formats); 2: usage error.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from privlint.errors import UsageError
from privlint.output import write_output
from privlint.render import catalogue
from privlint.render.register import FORMATS, WRITERS, build_register
from privlint.render.source import (
    EXIT_REFUSED,
    Refused,
    add_arguments,
    language_of,
    load_args,
    output_format,
)

EXIT_OK = 0
_SUFFIXES = {".xlsx": "xlsx", ".csv": "csv", ".md": "markdown", ".json": "json"}


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "register",
        help="write the record of processing activities (Art. 30) from declarations",
        description="Write the record of processing activities (GDPR Art. 30(1) and 30(2)): "
        "one row per activity, one column per item of the article. Several declarations (or "
        "a directory of them) make one register.",
    )
    p.add_argument("declarations", nargs="+", type=Path, help="declaration files or directories")
    add_arguments(
        p,
        "the register",
        list(FORMATS),
        "xlsx, csv, markdown or json (default: from the -o suffix, else markdown)",
    )


def run(args: argparse.Namespace) -> int:
    fmt = output_format(args, _SUFFIXES, "markdown")
    if fmt == "xlsx" and args.output is None and sys.stdout.isatty():
        raise UsageError("an XLSX register is binary; name a file with -o")
    try:
        declarations = load_args(args, list(args.declarations))
    except Refused:
        return EXIT_REFUSED
    cat = catalogue(language_of(args, declarations[0].data))
    register = build_register([(d.display, d.data, d.draft) for d in declarations], cat)
    payload = WRITERS[fmt](register)
    if args.output is not None:
        write_output(args.output, payload)
    else:
        sys.stdout.buffer.write(payload)
        sys.stdout.flush()
    return EXIT_OK

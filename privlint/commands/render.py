"""`privlint render DECLARATION`: the privacy statement (HTML or Markdown) from a declaration.

Exit 0: written; 1: the declaration has errors (the findings are printed; --force renders a
page marked as a draft); 2: usage error.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from privlint.errors import UsageError
from privlint.output import write_output
from privlint.render import FORMATS, render
from privlint.render.source import (
    EXIT_REFUSED,
    Refused,
    add_arguments,
    language_of,
    load_args,
    output_format,
)

EXIT_OK = 0
_SUFFIXES = {".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html"}


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "render",
        help="write the privacy statement (HTML or Markdown) from a declaration",
        description="Write the privacy statement people read from a checked declaration: one "
        "self-contained accessible HTML page, or GitHub-flavoured Markdown. A declaration "
        "with errors is refused (exit 1) unless --force, which marks the page as a draft.",
    )
    p.add_argument("declaration", type=Path, help="the declaration file")
    add_arguments(
        p,
        "the page",
        sorted(FORMATS),
        "html or markdown (default: markdown when -o ends in .md, else html)",
    )


def run(args: argparse.Namespace) -> int:
    path: Path = args.declaration
    if path.is_dir():
        raise UsageError(f"{path} is a directory; name one declaration to render")
    try:
        (declaration,) = load_args(args, [path])
    except Refused:
        return EXIT_REFUSED
    language = language_of(args, declaration.data)
    page = render(
        declaration.data,
        fmt=output_format(args, _SUFFIXES, "html"),
        language=language,
        draft=declaration.draft,
    )
    if args.output is not None:
        write_output(args.output, page)
    else:
        sys.stdout.write(page)
    return EXIT_OK

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
from privlint.render import FORMATS, catalogue, languages, render
from privlint.render.source import EXIT_REFUSED, Refused, add_gate_arguments, load_args

EXIT_OK = 0


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "render",
        help="write the privacy statement (HTML or Markdown) from a declaration",
        description="Write the privacy statement people read from a checked declaration: one "
        "self-contained accessible HTML page, or GitHub-flavoured Markdown. A declaration "
        "with errors is refused (exit 1) unless --force, which marks the page as a draft.",
    )
    p.add_argument("declaration", type=Path, help="the declaration file")
    p.add_argument("--output", "-o", type=Path, help="write the page here (default: stdout)")
    p.add_argument(
        "--format",
        "-f",
        choices=sorted(FORMATS),
        default=None,
        help="html or markdown (default: from the -o suffix .md, else html)",
    )
    p.add_argument(
        "--language",
        "-l",
        choices=languages(),
        default=None,
        help="language of the page (default: the declaration's statement.language, else nl)",
    )
    add_gate_arguments(p, "the page")


def _format(args: argparse.Namespace) -> str:
    if args.format:
        return str(args.format)
    output: Path | None = args.output
    return (
        "markdown"
        if output is not None and output.suffix.lower() in (".md", ".markdown")
        else "html"
    )


def _language(args: argparse.Namespace, data: dict[str, object]) -> str:
    if args.language:
        return str(args.language)
    statement = data.get("statement")
    declared = statement.get("language") if isinstance(statement, dict) else None
    primary = declared.split("-")[0].lower() if isinstance(declared, str) else ""
    return primary if primary in languages() else "nl"


def run(args: argparse.Namespace) -> int:
    path: Path = args.declaration
    if path.is_dir():
        raise UsageError(f"{path} is a directory; name one declaration to render")
    try:
        (declaration,) = load_args(args, [path])
    except Refused:
        return EXIT_REFUSED
    language = _language(args, declaration.data)
    catalogue(language)  # an unknown language is a usage error before anything is written
    page = render(declaration.data, fmt=_format(args), language=language, draft=declaration.draft)
    if args.output is not None:
        write_output(args.output, page)
    else:
        sys.stdout.write(page)
    return EXIT_OK

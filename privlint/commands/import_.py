"""`privlint import --from FORMAT INPUT`: a foreign document -> a declaration (YAML).

What could not be mapped goes to stderr (and into the header comment of the output); the
output itself is checked against the schema before it is written, so a bug in an importer
shows up here and not later in `privlint check`.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from privlint.errors import UsageError, printable
from privlint.findings import Problem
from privlint.importers import IMPORTERS, get_importer
from privlint.loader import DEFAULT_MAX_FILE_SIZE, Limits, parse_text, read_bytes
from privlint.output import write_output
from privlint.validate import validate

EXIT_OK = 0
EXIT_INVALID_OUTPUT = 2


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "import",
        help="convert a privacy statement or TILT document into a declaration",
        description="Convert an existing privacy statement (text form of the Dutch template) "
        "or a TILT JSON document into a privlint declaration. Values the importer inferred "
        "are marked with a comment; what it could not map is listed on stderr.",
    )
    p.add_argument(
        "--from",
        dest="source_format",
        required=True,
        choices=sorted(IMPORTERS),
        help="the input's format",
    )
    p.add_argument("--output", "-o", type=Path, help="write the declaration here (default: stdout)")
    p.add_argument("--force", action="store_true", help="overwrite --output if it exists")
    p.add_argument("input", type=Path, help="the document to import ('-' for stdin)")


def read_input(path: Path) -> bytes:
    """The document to import: a file (the loader's safe reader) or '-' for stdin."""
    if str(path) == "-":
        raw = sys.stdin.buffer.read(DEFAULT_MAX_FILE_SIZE + 1)
        if len(raw) > DEFAULT_MAX_FILE_SIZE:
            raise UsageError(f"stdin is larger than {DEFAULT_MAX_FILE_SIZE // 2**20} MB")
        return raw
    if path.is_dir():
        raise UsageError(f"{path} is a directory; name one file to import")
    # the loader's reader: non-blocking open (a FIFO or device never hangs), size-capped
    raw_or_problem = read_bytes(path)
    if isinstance(raw_or_problem, Problem):
        raise UsageError(f"{path}: {raw_or_problem.message}")
    return raw_or_problem


def run(args: argparse.Namespace) -> int:
    output: Path | None = args.output
    # a dangling symlink exists too: writing would create its target, wherever it points
    if output is not None and (output.exists() or output.is_symlink()) and not args.force:
        raise UsageError(f"{output} exists; use --force to overwrite it")
    raw = read_input(args.input)
    source = "stdin" if str(args.input) == "-" else str(args.input)
    imported = get_importer(args.source_format)(raw, source)
    text = imported.to_yaml()
    for note in imported.notes:
        sys.stderr.write(f"privlint: {printable(source)}: not mapped: {printable(note)}\n")
    # the importer's own output: the input was size-capped, so the output's size limits
    # (50,000 nodes) would only refuse a large import as an "internal error"
    data, _, problems = parse_text(text, Limits(max_file_size=0), positions=False)
    problems = problems or validate(data)
    if output is not None:
        write_output(output, text, force=args.force)  # never blocks on a FIFO
    else:
        sys.stdout.write(text)
    if problems:  # a bug in the importer, not in the input: say so and fail
        for p in problems:
            msg = printable(p.message)
            sys.stderr.write(f"privlint: internal error: imported declaration: {msg}\n")
        return EXIT_INVALID_OUTPUT
    return EXIT_OK

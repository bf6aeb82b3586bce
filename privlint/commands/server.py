"""`privlint server`: the language server over stdio (needs the optional `server` extra)."""

from __future__ import annotations

import argparse
import sys

from privlint.errors import UsageError

INSTALL_HINT = 'pip install "privlint[server]"'


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    sub.add_parser(
        "server",
        help="run the language server (LSP over stdio) for editors",
        description="Speak the Language Server Protocol over stdin/stdout: diagnostics as you "
        "type, hover, completion and quick fixes. Needs the optional extra: " + INSTALL_HINT,
    )


def run(args: argparse.Namespace) -> int:
    try:
        import lsprotocol  # noqa: F401
        import pygls  # noqa: F401
    except ImportError:
        raise UsageError(
            f"the language server needs the optional 'server' extra: {INSTALL_HINT}"
        ) from None
    if sys.stdin.isatty():
        sys.stderr.write("privlint server: speaking LSP on stdin/stdout; start it from an editor\n")
    from privlint.server.server import main

    return main()

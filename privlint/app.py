"""The one place where exceptions become messages and exit codes.

Exit codes: 0 clean, 1 findings at or above the failing severity, 2 usage, configuration or
internal error, 130 interrupted.  A user error prints one message; an internal error says so,
asks for a report and prints the traceback only when PRIVLINT_DEBUG is set.
"""

from __future__ import annotations

import contextlib
import os
import sys

EXIT_ERROR = 2
EXIT_INTERRUPTED = 130


def main(argv: list[str] | None = None) -> int:
    from privlint import cli

    try:
        return cli.run(argv)
    except KeyboardInterrupt:
        sys.stderr.write("privlint: interrupted\n")
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # stdout closed early (e.g. `| head`): not an error worth a message
        from pathlib import Path  # not at the top: `privlint --version` needs no pathlib

        with contextlib.suppress(OSError):
            sys.stdout = Path(os.devnull).open("w")  # noqa: SIM115 - silence the flush at exit
        return EXIT_ERROR
    except Exception as exc:  # the last line of defence: never a bare traceback
        # Imported only now: `privlint --version` must not pay for them (dataclasses, traceback).
        from privlint.errors import PrivlintError, printable

        if isinstance(exc, PrivlintError):
            sys.stderr.write(f"privlint: error: {exc}\n")  # escaped by PrivlintError itself
            return EXIT_ERROR
        sys.stderr.write(
            f"privlint: internal error: {type(exc).__name__}: {printable(str(exc))}\n"
            "This is a bug in privlint; please report it with the input that caused it.\n"
        )
        if os.environ.get("PRIVLINT_DEBUG"):
            import traceback

            traceback.print_exc()
        else:
            sys.stderr.write("Set PRIVLINT_DEBUG=1 to print the traceback.\n")
        return EXIT_ERROR

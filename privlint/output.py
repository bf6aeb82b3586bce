"""Writing a report, a rendered page or an imported declaration to a file the user named.

Every command that writes a file goes through `write_output`, so the rules are the same
everywhere: the file is opened without blocking (a FIFO at the path is refused, never waited
on), only a regular file is written, and a symlink at the path is refused unless `force` is
given, so that a link committed into a repository cannot redirect CI's output outside it.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from privlint.errors import UsageError


def write_output(path: Path, data: str | bytes, *, force: bool = False) -> None:
    """Write `data` (text as UTF-8) to `path`, replacing its content; errors are UsageErrors."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    flags = os.O_WRONLY | os.O_CREAT | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    if not force:
        flags |= getattr(os, "O_NOFOLLOW", 0)
    if not force and path.is_symlink():  # O_NOFOLLOW is not everywhere; say it plainly
        raise UsageError(f"{path} is a symbolic link; refusing to write through it (--force)")
    try:
        fd = os.open(path, flags, 0o666)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise UsageError(
                f"{path} is a symbolic link; refusing to write through it (--force)"
            ) from None
        if exc.errno == errno.ENXIO:  # a FIFO with no reader
            raise UsageError(f"cannot write {path}: it is a named pipe (FIFO)") from None
        raise UsageError(f"cannot write {path}: {exc.strerror or exc}") from None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise UsageError(f"cannot write {path}: not a regular file")
        os.ftruncate(fd, 0)
        view = memoryview(payload)
        while view:
            written = os.write(fd, view)
            view = view[written:]
    except OSError as exc:
        raise UsageError(f"cannot write {path}: {exc.strerror or exc}") from None
    finally:
        os.close(fd)

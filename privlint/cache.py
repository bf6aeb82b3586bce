"""A small on-disk cache of plain JSON data derived from privlint's own files.

Validating the built-in rule packs and parsing the reference data costs more than checking a
file; the results only change when the files do.  Each entry is one JSON file under the
user's cache directory, named after what it holds and a hash of everything it was derived
from: a changed input gives a different name, so a stale entry is never read (and is removed
when its successor is written).  Where the directory cannot be written, nothing is cached and
every run derives the data afresh: slower, never wrong.
"""

from __future__ import annotations

import json
import os
import zlib
from pathlib import Path
from typing import Any

from privlint import __version__


def cache_dir() -> Path:
    """PRIVLINT_CACHE_DIR, else $XDG_CACHE_HOME/privlint, else ~/.cache/privlint."""
    explicit = os.environ.get("PRIVLINT_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "privlint"


def key_of(*parts: str | bytes) -> str:
    """A fingerprint of the inputs and privlint's version, each part delimited by its length.

    Two checksums, CRC-32 and Adler-32, not a cryptographic hash: an entry has to change
    when its inputs do, and nothing here has to resist a forged collision (whoever can write
    the inputs or the cache can change the rules anyway: docs/security.md).  hashlib's import
    (it initialises OpenSSL) and SHA-256 cost `privlint explain` a tenth of its run."""
    crc, adler = 0, 1
    for part in (__version__, *parts):
        data = part.encode() if isinstance(part, str) else part
        for chunk in (len(data).to_bytes(8, "little"), data):
            crc, adler = zlib.crc32(chunk, crc), zlib.adler32(chunk, adler)
    return f"{crc:08x}{adler:08x}"


def entry_name(kind: str, origin: Path) -> str:
    """The name of an entry derived from files at `origin`: one entry per installation, so
    that two installs (two pre-commit environments, say) do not evict each other's."""
    return f"{kind}-{zlib.crc32(str(origin).encode()):08x}"


def _file(name: str, key: str) -> Path:
    return cache_dir() / f"{name}-{key}.json"


def load(name: str, key: str) -> Any:
    """The data stored under `name` for exactly this key, or None."""
    try:
        with _file(name, key).open(encoding="utf-8") as f:
            stored = json.load(f)
    except (OSError, ValueError):
        return None
    if not isinstance(stored, dict) or stored.get("key") != key:
        return None
    return stored.get("data")


def store(name: str, key: str, data: Any) -> None:
    """Atomically, and silently not at all where the cache cannot be written."""
    import tempfile

    try:
        text = json.dumps({"key": key, "data": data})
        directory = cache_dir()
        directory.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=directory, prefix=f".{name}-", suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                f.write(text)
            Path(tmp).replace(_file(name, key))
        finally:
            Path(tmp).unlink(missing_ok=True)
        for old in directory.glob(f"{name}-*.json"):
            if old != _file(name, key):
                old.unlink(missing_ok=True)
    except (OSError, TypeError, ValueError):
        return

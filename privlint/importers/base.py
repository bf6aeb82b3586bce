"""What every importer returns, and how it fails."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import PurePath

from ruamel.yaml.comments import CommentedMap

from privlint.errors import PrivlintError
from privlint.importers.writer import CONTROL, dump


class ImportFailure(PrivlintError):
    """The input cannot be imported at all (not merely incompletely): exit code 2."""


@dataclass
class Imported:
    data: CommentedMap
    source: str  # the input's path as given; its file name goes into the header comment
    importer: str  # the --from name
    notes: list[str] = field(default_factory=list)  # what could not be mapped, for the user
    caveats: list[str] = field(default_factory=list)  # header lines about the source format

    def note(self, message: str) -> None:
        message = _one_line(message, 300)
        if message not in self.notes:
            self.notes.append(message)

    def header(self) -> list[str]:
        name = PurePath(self.source).name
        lines = [
            f"Imported from {name} by `privlint import --from {self.importer}`.",
            "A comment on a line marks a value the importer inferred or guessed rather than",
            "copied: review those.  'stated' fields and descriptions are the source's own words.",
        ]
        if self.caveats:
            lines += ["", *self.caveats]
        if self.notes:
            lines += ["", "Not mapped (the source says it, the declaration does not):"]
            lines += [f"- {_one_line(n)}" for n in self.notes]
        return lines

    def to_yaml(self) -> str:
        return dump(self.data, self.header())


def _one_line(note: str, limit: int = 110) -> str:
    """Notes quote the source, which may hold newlines: a comment must stay one line."""
    flat = " ".join(CONTROL.sub("", note).split())
    return flat if len(flat) <= limit else flat[: limit - 3] + "..."


def decode_text(raw: bytes, source: str) -> str:
    """UTF-8 text (a BOM is dropped); undecodable bytes fail with their line number."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ImportFailure(
            f"line {line}: not UTF-8 text (byte 0x{raw[exc.start]:02x}); "
            "save the file as UTF-8 and try again",
            source,
        ) from None


class Ids(set[str]):
    """Ids given out so far, remembering per base the next free suffix, so that 30,000
    activities of one name cost 30,000 steps rather than 30,000 x 30,000 / 2."""

    def __init__(self) -> None:
        super().__init__()
        self.next_suffix: dict[str, int] = {}


def unique_id(base: str, taken: Collection[str]) -> str:
    """`base`, else `base-2`, `base-3`, ...: the first that is not in `taken`."""
    if base not in taken:
        return base
    n = taken.next_suffix.get(base, 2) if isinstance(taken, Ids) else 2
    while f"{base}-{n}" in taken:
        n += 1
    if isinstance(taken, Ids):  # every suffix below n is taken, and ids are never given back
        taken.next_suffix[base] = n + 1
    return f"{base}-{n}"

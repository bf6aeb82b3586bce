"""The text form of a Dutch privacy statement -> headings, paragraphs, tables, footnotes.

The format (as exported from the statement template): paragraphs separated by blank lines;
tab-separated tables whose first line is a header; ``<u>service</u>`` and ``<i>data</i>``
markup in cells; a row with an empty first cell continues the service above; a cell may wrap
onto the next line (an unclosed tag, a row with only some cells filled, or a bare line that
goes on in lower case); blank lines, repeated headers and separator rows inside a table;
footnotes (``¹ ...``) that may interrupt a paragraph.  Nothing here knows about the law.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from privlint.importers.writer import CONTROL

_TAG = re.compile(r"</?[a-zA-Z]+>")
_LINK = re.compile(r"\[([^\]\n]{1,300})\]\([^)\n]{0,300}\)")
_FOOTNOTE = re.compile(r"^([¹²³⁴⁵⁶⁷⁸⁹⁰]+|\*+)\s+(.+)$")
_SEPARATOR = re.compile(r"^[\s\-=_|+:]*$")
_END = (".", "!", "?", ":", ";", ")")
MAX_WRAP = 8  # physical lines one table row may span


def clean(text: str) -> str:
    """Cell or line text without markup, links as their text, whitespace collapsed."""
    text = _LINK.sub(r"\1", _TAG.sub("", text))
    return re.sub(r"\s+", " ", text).strip()


@dataclass
class Table:
    header: list[str]
    line: int
    rows: list[list[str]] = field(default_factory=list)
    row_lines: list[int] = field(default_factory=list)


@dataclass
class Block:
    text: str  # lines joined by newlines, markup kept out
    line: int
    after_footnote: bool = False  # a footnote stood right before it (it may go on a paragraph)


@dataclass
class Section:
    heading: str
    line: int
    blocks: list[Block] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)

    def text(self) -> str:
        return "\n\n".join(b.text for b in self.blocks)


@dataclass
class Parsed:
    headings_before_body: list[Block]
    sections: list[Section]
    footnotes: dict[str, str]
    lines: list[str]


def _cells(line: str, width: int) -> list[str]:
    raw = line.split("\t")
    if len(raw) > width:  # stray tabs: keep the surplus text in the last column
        raw = [*raw[: width - 1], " ".join(c for c in raw[width - 1 :] if c.strip())]
    return [clean(c) for c in raw] + [""] * (width - len(raw))


def _unclosed(text: str) -> bool:
    return any(text.count(f"<{t}>") > text.count(f"</{t}>") for t in ("u", "i", "b"))


class _TableReader:
    """Reads the table starting at lines[start]; returns the index after it."""

    def __init__(self, lines: list[str], start: int) -> None:
        self.lines = lines
        self.header = [clean(c) for c in lines[start].split("\t")]
        self.width = len(self.header)
        self.table = Table(self.header, start + 1)

    def _next_nonblank(self, i: int) -> int | None:
        while i < len(self.lines) and not self.lines[i].strip():
            i += 1
        return i if i < len(self.lines) else None

    def read(self, start: int, footnotes: dict[str, str]) -> int:
        i = start + 1
        while i < len(self.lines):
            line = self.lines[i]
            if not line.strip():
                i += 1
                continue
            if "\t" not in line:
                fn = _FOOTNOTE.match(line.strip())
                if fn:
                    footnotes[fn.group(1)] = clean(fn.group(2))
                    i += 1
                    continue
                if self.table.rows and self._is_tail(line, i):
                    self._append_tail(clean(line))
                    i += 1
                    continue
                break
            if self._starts_other_table(line):
                break
            row_line = i
            # a cell wrapped onto the next line leaves its markup open (a few lines at most:
            # markup that is never closed must not swallow the rest of the file)
            parts = [line]
            while _unclosed("".join(parts)) and i + 1 < len(self.lines) and len(parts) < MAX_WRAP:
                i += 1
                parts.append(("" if self.lines[i].startswith("\t") else " ") + self.lines[i])
            line = "".join(parts)
            i += 1
            cells = _cells(line, self.width)
            if [c.lower() for c in cells] == [h.lower() for h in self.header]:
                continue  # repeated header
            if all(_SEPARATOR.match(c) for c in cells):
                continue  # separator row or empty row
            self._add(cells, row_line + 1)
        return i

    def _is_tail(self, line: str, i: int) -> bool:
        """A bare line inside a table: the end of a wrapped cell, or text after the table?"""
        if line.strip()[:1].islower():
            return True
        row = self.table.rows[-1]
        last = next((c for c in reversed(row) if c), "")
        nxt = self._next_nonblank(i + 1)
        if nxt is None or "\t" not in self.lines[nxt] or last.endswith(_END):
            return False
        following = self.lines[nxt]
        is_header = [clean(c).lower() for c in following.split("\t")] == [
            h.lower() for h in self.header
        ]
        return not is_header and not self._starts_other_table(following)

    def _starts_other_table(self, line: str) -> bool:
        """A header of another shape (e.g. a cookie table right after the activity table)."""
        cells = [clean(c) for c in line.split("\t")]
        while cells and not cells[-1]:
            cells.pop()
        plain = "<" not in line and all(cells)
        return plain and len(cells) != self.width and cells != self.header

    def _append_tail(self, text: str) -> None:
        row = self.table.rows[-1]
        last = max(k for k, c in enumerate(row) if c) if any(row) else len(row) - 1
        row[last] = f"{row[last]} {text}".strip()

    def _add(self, cells: list[str], line: int) -> None:
        rows = self.table.rows
        if rows and not cells[0]:
            prev = rows[-1]
            rest_empty = any(not c for c in cells[2:])
            data = cells[1] if len(cells) > 1 else ""
            data_goes_on = not data or data[:1].islower() or not prev[1].endswith(_END)
            if rest_empty and data_goes_on:
                for k, c in enumerate(cells):
                    if c:
                        prev[k] = f"{prev[k]} {c}".strip()
                return
        rows.append(cells)
        self.table.row_lines.append(line)


def _is_heading(block: Block) -> bool:
    text = block.text
    return (
        "\n" not in text
        and len(text) <= 120
        and not text.endswith((*_END, ","))
        and not text.startswith("- ")
        and text[:1].isupper()
    )


def parse(text: str) -> Parsed:
    text = CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " "))
    lines = text.split("\n")
    footnotes: dict[str, str] = {}
    blocks: list[Block | Table] = []
    para: list[str] = []
    para_line = 0
    after_footnote = False

    def flush() -> None:
        nonlocal after_footnote
        if para:
            blocks.append(Block("\n".join(para), para_line, after_footnote))
            para.clear()
            after_footnote = False

    i = 0
    while i < len(lines):
        line = lines[i]
        if "\t" in line and line.strip():
            flush()
            reader = _TableReader(lines, i)
            i = reader.read(i, footnotes)
            blocks.append(reader.table)
            continue
        stripped = clean(line)
        fn = _FOOTNOTE.match(stripped)
        if not stripped or fn:
            flush()
            if fn:
                footnotes[fn.group(1)] = fn.group(2)
                after_footnote = True
        else:
            if not para:
                para_line = i + 1
            para.append(stripped)
        i += 1
    flush()
    return _sections(_join_interrupted(blocks), footnotes, lines)


def _join_interrupted(items: list[Block | Table]) -> list[Block | Table]:
    """A paragraph cut by a footnote goes on in lower case after it: join the two halves."""
    out: list[Block | Table] = []
    for item in items:
        prev = out[-1] if out else None
        if (
            isinstance(item, Block)
            and isinstance(prev, Block)
            and item.after_footnote
            and item.text[:1].islower()
            and not prev.text.endswith(_END)
        ):
            out[-1] = Block(f"{prev.text} {item.text}", prev.line)
        else:
            out.append(item)
    return out


def _sections(items: list[Block | Table], footnotes: dict[str, str], lines: list[str]) -> Parsed:
    preamble: list[Block] = []
    sections: list[Section] = []
    for item in items:
        if isinstance(item, Table):
            if not sections:
                sections.append(Section("", item.line))
            sections[-1].tables.append(item)
        elif _is_heading(item):
            if sections:
                sections.append(Section(item.text, item.line))
            else:
                preamble.append(item)  # title lines before the body
        elif not sections:
            sections.append(Section("", item.line, [item]))
        else:
            sections[-1].blocks.append(item)
    return Parsed(preamble, sections, footnotes, lines)

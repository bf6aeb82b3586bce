"""Statements published as web pages (HTML) or Markdown -> headings, paragraphs and tables.

The statement importer reads the text form of the Dutch template (paragraphs separated by
blank lines, tab-separated tables); `to_text_form` writes a page in that form, so one reader
handles all three.  HTML is read with the standard library's tokenizer (no network, no
script, nothing fetched); navigation, scripts and styles are not content and are skipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from privlint.render.markdown import unescape


@dataclass
class Table:
    caption: str
    header: list[str]
    rows: list[list[str]] = field(default_factory=list)


@dataclass
class Page:
    # each block: ("heading", text), ("paragraph", text), ("item", text) or a Table
    blocks: list[tuple[str, str] | Table] = field(default_factory=list)


_HTML = re.compile(r"<(?:!doctype\s+html|html|body|h[1-6]|p|table|section|main|article)\b", re.I)
_MD_HEADING = re.compile(r"^#{1,6}\s+\S", re.M)
# a separator row of a pipe table (| --- | :-: |); flat character classes, no nested repeats
_MD_TABLE = re.compile(r"^\|[ \t:|-]*-[ \t:|-]*$", re.M)


def detect(text: str) -> str | None:
    """'html', 'markdown', or None for the plain text form."""
    if _HTML.search(text.lstrip()[:4096]):
        return "html"
    # a text-form statement has tab-separated tables; a '# ...' line alone does not make it
    # Markdown (the text form may hold one, e.g. a comment-like line)
    if _MD_TABLE.search(text) or (_MD_HEADING.search(text) and "\t" not in text):
        return "markdown"
    return None


def _flat(text: str) -> str:
    return " ".join(text.replace("\t", " ").split())


_SKIP = {"script", "style", "head", "template", "nav", "noscript", "svg", "button", "form"}
_BLOCK = {"p", "div", "section", "article", "main", "header", "footer", "aside", "blockquote"}
_ENDS_BLOCK = {"h1", "h2", "h3", "h4", "h5", "h6", "li", "dd"}
_VOID = {"br", "img", "hr", "meta", "link", "input", "wbr", "source", "area", "col", "base"}


class _HTMLReader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = Page()
        self.skip = 0  # depth inside skipped elements
        self.buf: list[str] = []
        self.kind = "paragraph"
        self.table: Table | None = None
        self.row: list[str] | None = None
        self.cell: list[str] | None = None
        self.in_header_row = False
        self.caption: list[str] | None = None

    # text goes to the innermost open thing: caption, cell, or the current block
    def _sink(self) -> list[str]:
        if self.caption is not None:
            return self.caption
        if self.cell is not None:
            return self.cell
        return self.buf

    def _flush(self) -> None:
        text = _flat("".join(self.buf))
        self.buf.clear()
        if text:
            self.page.blocks.append((self.kind, text))
        self.kind = "paragraph"

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.skip or tag in _SKIP:
            if tag not in _VOID:
                self.skip += 1
            return
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6") and self.cell is None:
            self._flush()
            self.kind = "heading"
        elif tag in ("li", "dt") and self.cell is None:
            self._flush()
            self.kind = "item"
        elif tag == "dd" and self.cell is None:
            self.buf[:] = ["".join(self.buf).rstrip(), ": "]
        elif tag == "li" and self.cell is not None:
            if _flat("".join(self.cell)):
                self.cell.append("; ")
        elif tag in _BLOCK and self.cell is None:
            self._flush()
        elif tag == "br":
            self._sink().append(" ")
        elif tag == "table":
            self._flush()
            self.table = Table("", [])
        elif tag == "caption" and self.table is not None:
            self.caption = []
        elif tag == "tr" and self.table is not None:
            self.row = []
            self.in_header_row = not self.table.header
        elif tag in ("td", "th") and self.row is not None:
            self.cell = []
            if tag == "td":
                self.in_header_row = False

    def handle_endtag(self, tag: str) -> None:
        if self.skip:
            if tag in _SKIP or tag not in _VOID:
                self.skip -= 1
            return
        if self.cell is None and (tag in _BLOCK or tag in _ENDS_BLOCK):
            self._flush()
        elif tag == "caption" and self.table is not None and self.caption is not None:
            self.table.caption = _flat("".join(self.caption))
            self.caption = None
        elif tag in ("td", "th") and self.row is not None and self.cell is not None:
            self.row.append(_flat("".join(self.cell)))
            self.cell = None
        elif tag == "tr" and self.table is not None and self.row is not None:
            if self.in_header_row and not self.table.header:
                self.table.header = self.row
            elif any(self.row):
                self.table.rows.append(self.row)
            self.row = None
        elif tag == "table" and self.table is not None:
            if self.table.header:
                self.page.blocks.append(self.table)
            self.table = None

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self._sink().append(data)

    def close(self) -> None:
        super().close()
        self._flush()


def read_html(text: str) -> Page:
    reader = _HTMLReader()
    reader.feed(text)
    reader.close()
    return reader.page


_CELL_SPLIT = re.compile(r"(?<!\\)\|")
_MD_SEPARATOR = re.compile(r"^[ \t:|-]+$")  # and it holds '---' (checked apart: linear)
_MD_ITEM = re.compile(r"^\s{0,3}(?:[-*+]|\d{1,9}[.)])\s+(.*)$")
_MD_LINK = re.compile(r"\[((?:\\.|[^\]\\])*)\]\((?:<[^>\n]*>|[^)\s]*)\)")
_MD_TOC_ENTRY = re.compile(r"\[[^\]\n]*\]\(#[^)\s]*\)")
_MD_TAG = re.compile(r"</?[a-zA-Z][^>\n]{0,200}>")


def _md_inline(text: str) -> str:
    """Inline Markdown -> text: links as their text, emphasis and raw tags dropped."""
    text = _MD_LINK.sub(r"\1", text)
    text = _MD_TAG.sub("", text)
    text = re.sub(r"(?<!\\)(\*\*|__|\*|`)", "", text)
    return _flat(unescape(text))


def _md_cells(line: str) -> list[str]:
    inner = line.strip()
    inner = inner[1:] if inner.startswith("|") else inner
    inner = inner[:-1] if inner.endswith("|") and not inner.endswith("\\|") else inner
    return [_md_inline(c) for c in _CELL_SPLIT.split(inner)]


def read_markdown(text: str) -> Page:
    page = Page()
    para: list[str] = []

    def flush() -> None:
        if para:
            page.blocks.append(("paragraph", _md_inline(" ".join(para))))
            para.clear()

    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    i = 0
    while i < len(lines):
        line = lines[i]
        stripped = line.strip()
        heading = re.match(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$", line)
        if heading:
            flush()
            page.blocks.append(("heading", _md_inline(heading.group(2))))
        elif (
            stripped.startswith("|")
            and i + 1 < len(lines)
            and _MD_SEPARATOR.match(lines[i + 1].strip())
            and "---" in lines[i + 1]
        ):
            flush()
            table = Table("", _md_cells(line))
            i += 2
            while i < len(lines) and lines[i].strip().startswith("|"):
                table.rows.append(_md_cells(lines[i]))
                i += 1
            page.blocks.append(table)
            continue
        elif not stripped or re.fullmatch(r"-{3,}|\*{3,}|_{3,}", stripped):
            flush()
        elif item := _MD_ITEM.match(line):
            flush()
            if not _MD_TOC_ENTRY.fullmatch(item.group(1).strip()):  # navigation, not content
                page.blocks.append(("item", _md_inline(item.group(1))))
        else:
            para.append(stripped.lstrip(">").strip() if stripped.startswith(">") else stripped)
        i += 1
    flush()
    return page


def read_page(text: str, kind: str) -> Page:
    return read_html(text) if kind == "html" else read_markdown(text)


def _cell_text(cell: str) -> str:
    # an em dash is how a rendered page shows an empty cell
    return "" if cell in ("—", "-", "–") else cell


def to_text_form(page: Page) -> str:
    """The page in the statement template's text form (see privlint.importers.nl_text)."""
    out: list[str] = []
    for block in page.blocks:
        if isinstance(block, Table):
            out.append("\t".join(block.header))
            width = len(block.header)
            for row in block.rows:
                # the template marks the service cell <u>...</u>: then a row that ends in
                # empty cells is not taken for the header of another table
                first = f"<u>{row[0]}</u>" if row and row[0] else ""
                cells = [first] + [_cell_text(c) for c in row[1:width]]
                cells += [""] * (width - len(cells))
                out.append("\t".join(cells))
            out.append("")
        else:
            kind, text = block
            out.append(f"- {text}" if kind == "item" else text)
            out.append("")
    return "\n".join(out)

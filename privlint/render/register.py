"""Declarations -> the record of processing activities (GDPR Art. 30) in four formats.

One row per activity; one column per item of Art. 30(1) (controller) and 30(2) (processor),
the item's letter in the header.  A row fills the items of its role: an activity done as a
processor fills 30(2), every other activity 30(1).  Several declarations (an organisation's
services) make one register.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from typing import Any

from privlint.render import markdown
from privlint.render.catalogue import Catalogue
from privlint.render.model import Phrasing, address, items, mapping, text, texts

FORMATS = ("xlsx", "csv", "markdown", "json")

# column key -> which role fills it (None: every row)
COLUMNS: tuple[tuple[str, str | None], ...] = (
    ("declaration", None),
    ("activity", None),
    ("role", None),
    ("controller_a", "controller"),
    ("purposes_b", "controller"),
    ("subjects_c", "controller"),
    ("data_c", "controller"),
    ("recipients_d", "controller"),
    ("transfers_e", "controller"),
    ("erasure_f", "controller"),
    ("security_g", "controller"),
    ("processor_a", "processor"),
    ("categories_b", "processor"),
    ("transfers_c", "processor"),
    ("security_d", "processor"),
)


@dataclass
class Register:
    language: str
    title: str
    draft: bool
    draft_text: str
    headers: dict[str, str]  # column key -> header in the register's language
    rows: list[dict[str, str]] = field(default_factory=list)


def _contact(node: dict[str, Any]) -> str:
    parts = [text(node, "name"), address(mapping(node, "address"))]
    parts += [text(node, k) for k in ("email", "phone", "url")]
    return ", ".join(p for p in parts if p)


class _Declaration:
    """The values of one declaration that rows share, and the per-activity cells."""

    def __init__(self, display: str, data: dict[str, Any], cat: Catalogue) -> None:
        self.display = display
        self.data = data
        self.cat = cat
        self.phrasing = Phrasing(data, cat)
        self.us = _contact(mapping(data, "controller"))
        dpo = mapping(data, "dpo")
        self.dpo = _contact(dpo) if dpo.get("appointed") is True else ""
        self.representative = _contact(mapping(data, "eu_representative"))
        self.security = text(data, "security_measures")
        self.transfers = {text(t, "id"): t for t in items(data, "transfers") if isinstance(t, dict)}

    def parties(self, first: str, other: str) -> str:
        """Who: us (or the controller we work for), the representative and the DPO, labelled."""
        cat = self.cat
        lines = [first]
        if other:
            lines.append(other)
        if self.representative:
            lines.append(f"{cat.t('who.eu_representative')}: {self.representative}")
        if self.dpo:
            lines.append(f"{cat.t('who.dpo')}: {self.dpo}")
        return "\n".join(line for line in lines if line)

    def transfers_cell(self, a: dict[str, Any]) -> str:
        cat = self.cat
        lines = []
        for tid in texts(a, "transfers"):
            t = self.transfers.get(tid)
            if t is None:
                lines.append(tid)
                continue
            where = text(t, "country") or text(t, "international_organisation")
            mechanism = text(t, "mechanism")
            safeguard = cat.label("mechanisms", mechanism) if mechanism else cat.t("no_safeguard")
            if text(t, "derogation"):
                safeguard += f" ({text(t, 'derogation')})"
            parts = [
                self.phrasing.recipient_name(text(t, "recipient")),
                where,
                safeguard,
                text(t, "reference"),
            ]
            lines.append(" — ".join(p for p in parts if p))
        return "\n".join(lines)

    def row(self, a: dict[str, Any]) -> dict[str, str]:
        cat = self.cat
        role = text(a, "role") or "controller"
        filled = "processor" if role == "processor" else "controller"
        recipients = []
        for rid in texts(a, "recipients"):
            r = self.phrasing.recipients.get(rid)
            kind = cat.label("kinds", text(r, "kind")) if text(r, "kind") else ""
            name = self.phrasing.recipient_name(rid)
            recipients.append(f"{name} ({kind})" if kind else name)
        security = text(a, "security_measures") or self.security
        joint = text(a, "controller") if role == "joint-controller" else ""
        values = {
            "declaration": self.display,
            "activity": text(a, "name") or text(a, "id"),
            "role": cat.label("register", f"role_{role}"),
            "controller_a": self.parties(self.us, joint),
            "purposes_b": "\n".join(texts(a, "purposes")),
            "subjects_c": "\n".join(cat.label("subjects", s) for s in texts(a, "data_subjects")),
            "data_c": "\n".join(texts(a, "data_categories")),
            "recipients_d": "\n".join(recipients),
            "transfers_e": self.transfers_cell(a),
            "erasure_f": self.phrasing.retention(mapping(a, "retention")),
            "security_g": security,
            "processor_a": self.parties(self.us, text(a, "controller")),
            "categories_b": "\n".join(
                v for v in (text(a, "description"), *texts(a, "purposes")) if v
            ),
            "transfers_c": self.transfers_cell(a),
            "security_d": security,
        }
        return {k: (values[k] if who is None or who == filled else "") for k, who in COLUMNS}


def build_register(declarations: list[tuple[str, Any, bool]], cat: Catalogue) -> Register:
    """`declarations`: (display name, parsed data, is draft) for each file."""
    register = Register(
        language=cat.language,
        title=cat.t("register.title"),
        draft=any(draft for _, _, draft in declarations),
        draft_text=cat.t("register.draft"),
        headers={k: cat.t(f"register.columns.{k}") for k, _ in COLUMNS},
    )
    for display, data, _ in declarations:
        d = _Declaration(display, data if isinstance(data, dict) else {}, cat)
        register.rows.extend(d.row(a) for a in d.phrasing.activities)
    return register


# -- writers ------------------------------------------------------------------------------

_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def to_csv(register: Register) -> bytes:
    """RFC 4180 (CRLF, quotes doubled), UTF-8 with a BOM so that Excel reads it as UTF-8.

    A cell that starts like a formula gets a leading apostrophe, so that a spreadsheet shows
    the text instead of computing it (CSV has no way to say 'this is text').  A draft's first
    row is the draft notice, above the header: CSV has no other place a reader would see."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    if register.draft:
        writer.writerow([register.draft_text])
    writer.writerow(list(register.headers.values()))
    for row in register.rows:
        writer.writerow(["'" + v if v.startswith(_FORMULA) else v for v in row.values()])
    return buf.getvalue().encode("utf-8-sig")


def to_json(register: Register) -> bytes:
    doc = {
        "title": register.title,
        "language": register.language,
        "draft": register.draft,  # made with --force from a declaration with errors
        "columns": [{"key": k, "header": h} for k, h in register.headers.items()],
        "rows": register.rows,
    }
    return (json.dumps(doc, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def to_markdown(register: Register) -> bytes:
    lines = [f"# {markdown.escape(register.title)}", ""]
    if register.draft:
        lines += [f"> **{markdown.escape(register.draft_text)}**", ""]
    lines.append("| " + " | ".join(markdown.cell(h) for h in register.headers.values()) + " |")
    lines.append("|" + " --- |" * len(register.headers))
    for row in register.rows:
        lines.append("| " + " | ".join(markdown.cell(v.split("\n")) for v in row.values()) + " |")
    return ("\n".join(lines) + "\n").encode("utf-8")


def to_xlsx(register: Register) -> bytes:
    """Write-only mode: rows are streamed out (indexing a normal sheet's last row costs a scan
    of all cells, which made 10k rows take minutes); widths, panes and filters come first.
    A draft's sheet is named CONCEPT and starts with the draft notice, above the header."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    wb = Workbook(write_only=True)
    title = f"CONCEPT {register.title}" if register.draft else register.title
    ws = wb.create_sheet(title[:31])  # Excel's limit for a sheet name
    top = 2 if register.draft else 1  # the header's row
    for k, key in enumerate(register.headers, start=1):
        longest = max(
            [len(register.headers[key])]
            + [max((len(x) for x in r[key].split("\n")), default=0) for r in register.rows]
        )
        ws.column_dimensions[get_column_letter(k)].width = min(max(12, longest + 2), 60)
    ws.freeze_panes = f"A{top + 1}"
    last = f"{get_column_letter(len(register.headers))}{len(register.rows) + top}"
    ws.auto_filter.ref = f"A{top}:{last}"
    wrap = Alignment(wrap_text=True, vertical="top")
    bold = Font(bold=True)

    def cell(value: str, header: bool = False) -> WriteOnlyCell:
        c = WriteOnlyCell(ws, value=value)
        c.data_type = "s"  # text stays text: '=...' is never a formula
        c.alignment = wrap
        if header:
            c.font = bold
        return c

    if register.draft:
        notice = cell(register.draft_text)
        notice.font = Font(bold=True, color="C00000")
        ws.append([notice])
    ws.append([cell(h, header=True) for h in register.headers.values()])
    for row in register.rows:
        ws.append([cell(v) for v in row.values()])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


WRITERS = {"xlsx": to_xlsx, "csv": to_csv, "markdown": to_markdown, "json": to_json}

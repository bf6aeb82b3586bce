"""`--from statement-nl` for statements published as HTML or Markdown.

A web page or Markdown file is turned into the template's text form (privlint.importers.web)
and read by the text importer (statement_nl), so every statement goes through one reader.
Pages made by `privlint render` also carry a table of recipients and one of transfers outside
the EEA (country, safeguard, where to find it); those are read here, by the catalogue's column
names, which gives back the transfers the text importer can only quote.  Plain text goes to
the text importer unchanged.
"""

from __future__ import annotations

from typing import Any

from ruamel.yaml.comments import CommentedMap

from privlint.importers import nl_terms as terms
from privlint.importers.base import Imported, decode_text, unique_id
from privlint.importers.statement_nl import import_statement
from privlint.importers.web import Page, Table, detect, read_page, to_text_form
from privlint.importers.writer import block, put
from privlint.render.catalogue import catalogue, languages

_RECIPIENTS = ("recipient", "kind", "country", "description")
_EMPTY = ("—", "-", "–")  # how a rendered page shows an empty cell
_TRANSFERS = ("recipient", "country", "safeguard", "copy", "description")


def _columns(table: Table, keys: tuple[str, ...]) -> dict[str, int] | None:
    """Column positions when the header is the catalogue's header for `keys` (any language)."""
    header = [h.strip().lower() for h in table.header]
    for lang in languages():
        names = [catalogue(lang).t(f"columns.{k}").lower() for k in keys]
        if header == names:
            return {k: header.index(n) for k, n in zip(keys, names, strict=True)}
    return None


def _reverse(group: str, label: str) -> str | None:
    """The identifier whose catalogue label (any language) is `label`."""
    for lang in languages():
        for key, value in catalogue(lang).messages.get(group, {}).items():
            if isinstance(value, str) and value.lower() == label.strip().lower():
                return str(key)
    return None


def _country(cell: str) -> str | None:
    code = cell.strip()
    return code if len(code) == 2 and code.isalpha() and code.isupper() else None


class _Parties:
    """Recipients by name, each with an id; transfers refer to them."""

    def __init__(self) -> None:
        self.nodes: dict[str, CommentedMap] = {}

    def get(self, name: str) -> str:
        if name not in self.nodes:
            node = CommentedMap()
            rid = unique_id(
                terms.slug(name, "ontvanger"), [str(n["id"]) for n in self.nodes.values()]
            )
            put(node, "id", rid)
            put(node, "name", name)
            self.nodes[name] = node
        return str(self.nodes[name]["id"])


def _cell(row: list[str], col: dict[str, int], key: str) -> str:
    k = col[key]
    value = row[k].strip() if k < len(row) else ""
    return "" if value in _EMPTY else value


def _read_tables(page: Page) -> tuple[_Parties, list[CommentedMap], bool]:
    parties = _Parties()
    transfers: list[CommentedMap] = []
    found = False
    for item in page.blocks:
        if not isinstance(item, Table):
            continue
        if (col := _columns(item, _RECIPIENTS)) is not None:
            found = True
            for row in item.rows:
                name = _cell(row, col, "recipient")
                if not name:
                    continue
                parties.get(name)
                node = parties.nodes[name]
                put(node, "kind", _reverse("kinds", _cell(row, col, "kind")))
                put(node, "country", _country(_cell(row, col, "country")))
                put(node, "description", _cell(row, col, "description"))
        elif (col := _columns(item, _TRANSFERS)) is not None:
            found = True
            for row in item.rows:
                name = _cell(row, col, "recipient")
                node = CommentedMap()
                base = terms.slug(f"{name} doorgifte", "doorgifte")
                put(node, "id", unique_id(base, [str(t["id"]) for t in transfers]))
                if name:
                    put(node, "recipient", parties.get(name))
                put(node, "country", _country(_cell(row, col, "country")))
                put(node, "mechanism", _mechanism(_cell(row, col, "safeguard")))
                put(node, "reference", _cell(row, col, "copy"))
                put(node, "stated", _cell(row, col, "description"))
                transfers.append(node)
    return parties, transfers, found


def _mechanism(cell: str) -> str | None:
    label, _, _ = cell.partition(" (")  # a derogation carries its letter in brackets
    return _reverse("mechanisms", label)


def _without_tables(page: Page) -> Page:
    keep = [
        b
        for b in page.blocks
        if not (isinstance(b, Table) and (_columns(b, _RECIPIENTS) or _columns(b, _TRANSFERS)))
    ]
    return Page(keep)


def import_web_statement(raw: bytes, source: str) -> Imported:
    text = decode_text(raw, source)
    kind = detect(text)
    if kind is None:
        return import_statement(raw, source)
    page = read_page(text, kind)
    imported = import_statement(to_text_form(_without_tables(page)).encode("utf-8"), source)
    _drop_unnamed_services(imported.data)
    parties, transfers, found = _read_tables(page)
    if found:
        doc: Any = imported.data
        _replace(doc, "recipients", list(parties.nodes.values()))
        _replace(doc, "transfers", transfers)
    shown = "HTML" if kind == "html" else "Markdown"
    imported.caveats.append(
        f"Read as {shown}; line numbers below count lines of the page's text form."
    )
    return imported


def _drop_unnamed_services(doc: CommentedMap) -> None:
    """A rendered page shows an activity without a service as '—': it has no service."""
    services = doc.get("services") or []
    unnamed = {s["id"] for s in services if str(s.get("name", "")).strip() in _EMPTY}
    if not unnamed:
        return
    for activity in doc.get("activities") or []:
        if activity.get("service") in unnamed:
            del activity["service"]
    _replace(doc, "services", [s for s in services if s["id"] not in unnamed])


def _replace(doc: CommentedMap, key: str, nodes: list[CommentedMap]) -> None:
    """doc[key] = nodes where the text importer put it (or before rights and cookies)."""
    keys = list(doc)
    later = [k for k in ("rights", "cookies") if k in keys]
    position = keys.index(key) if key in keys else keys.index(later[0]) if later else len(keys)
    if key in doc:
        del doc[key]
    if nodes:
        doc.insert(position, key, block(nodes))

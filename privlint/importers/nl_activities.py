"""Table rows of a Dutch statement -> services, activities and cookies."""

from __future__ import annotations

import re

from ruamel.yaml.comments import CommentedMap

from privlint.importers import nl_terms as terms
from privlint.importers.base import Ids, Imported, unique_id
from privlint.importers.nl_text import Parsed, Table
from privlint.importers.writer import block, flow, put

CLIENT = "Opdrachtgevende partij (de klantorganisatie)"

# header words -> column role; the first header cell that matches a role takes it
_ACTIVITY_COLUMNS = (
    ("service", ("dienst", "product", "categorie")),
    ("data", ("gegevens",)),
    ("retention", ("bewaar",)),
    ("controller", ("verantwoordelijk",)),
    ("basis", ("grond", "grondslag", "rechtsgrond", "basis")),
    ("purpose", ("doel",)),
)
_COOKIE_COLUMNS = (
    ("name", ("naam", "cookie")),
    ("provider", ("geplaatst", "partij", "aanbieder", "plaatser")),
    ("purpose", ("doel", "functie")),
    ("retention", ("bewaar", "looptijd", "geldig")),
)


def _columns(header: list[str], spec: tuple[tuple[str, tuple[str, ...]], ...]) -> dict[str, int]:
    found: dict[str, int] = {}
    for role, words in spec:
        for k, cell in enumerate(header):
            if k not in found.values() and any(w in cell.lower() for w in words):
                found[role] = k
                break
    return found


class _Row:
    """A table row read by column role: row("data") -> the cell text, or "" if no such column."""

    def __init__(self, cells: list[str], columns: dict[str, int]) -> None:
        self.cells = cells
        self.columns = columns

    def __call__(self, role: str) -> str:
        k = self.columns.get(role)
        return self.cells[k] if k is not None else ""


def _is_cookie_table(header: list[str]) -> bool:
    low = " ".join(header).lower()
    return "cookie" in low or ("geplaatst" in low and "doel" in low)


def _tables(parsed: Parsed, cookies: bool) -> list[Table]:
    return [t for s in parsed.sections for t in s.tables if _is_cookie_table(t.header) == cookies]


def activities_from_tables(
    parsed: Parsed,
    name: str | None,
    purposes: list[str],
    purpose_note: str | None,
    out: Imported,
) -> tuple[list[CommentedMap], list[CommentedMap]]:
    services: dict[str, str] = {}  # name -> id
    service_ids = Ids()
    counts: dict[str, int] = {}
    activities: list[CommentedMap] = []
    service_name = ""
    for table in _tables(parsed, cookies=False):
        cols = _columns(table.header, _ACTIVITY_COLUMNS)
        if "data" not in cols:
            out.note(f"table at line {table.line} (no 'gegevens' column in its header)")
            continue
        for row, line in zip(table.rows, table.row_lines, strict=True):
            cell = _Row(row, cols)
            service_name = cell("service") or service_name or "Algemeen"
            if service_name not in services:
                base = terms.slug(service_name, "dienst")
                services[service_name] = unique_id(base, service_ids)
                service_ids.add(services[service_name])
            sid = services[service_name]
            counts[sid] = counts.get(sid, 0) + 1
            activity = _activity(f"{sid}-{counts[sid]}", sid, cell, name, out, line)
            subjects = terms.data_subjects(f"{cell('data')} {service_name}")
            put(activity, "data_subjects", flow(subjects), "inferred from the description")
            if purposes and not cell("purpose"):
                put(activity, "purposes", block(purposes), purpose_note)
                activity.move_to_end("purposes", last=False)
                _reorder(activity)
            activities.append(activity)
    service_nodes = []
    for sname, sid in services.items():
        node = CommentedMap()
        put(node, "id", sid)
        put(node, "name", sname)
        service_nodes.append(node)
    return service_nodes, activities


_ORDER = (
    "id", "service", "description", "data_categories", "data_subjects", "purposes", "role",
    "controller", "legal_basis", "legal_basis_stated", "legitimate_interest", "legal_obligation",
    "retention",
)  # fmt: skip


def _reorder(node: CommentedMap) -> None:
    for key in _ORDER:
        if key in node:
            node.move_to_end(key)


def _activity(
    aid: str, sid: str, cell: _Row, name: str | None, out: Imported, line: int
) -> CommentedMap:
    node = CommentedMap()
    put(node, "id", aid)
    put(node, "service", sid)
    description = cell("data")
    put(node, "description", description)
    put(
        node,
        "data_categories",
        flow(terms.data_categories(description)),
        "inferred from the description",
    )
    if cell("purpose"):
        put(node, "purposes", flow([cell("purpose")]))
    _role(node, cell("controller"), name, out, line)
    _basis(node, cell("basis"), out, line)
    _retention(node, cell("retention"), out, line)
    return node


def _role(node: CommentedMap, who: str, name: str | None, out: Imported, line: int) -> None:
    low = who.lower()
    if not who:
        return
    if (name and (low == name.lower() or name.lower() in low)) or low in ("wij", "ons"):
        put(node, "role", "controller")
    elif re.search(r"opdrachtgev|klant|werkgever|afnemer", low):
        put(node, "role", "processor")
        put(node, "controller", CLIENT, f"stated: '{who}'")
    elif "gezamenlijk" in low:
        put(node, "role", "joint-controller")
        put(node, "controller", who)
    else:
        put(node, "role", "processor", f"guessed: '{who}' is named as responsible")
        put(node, "controller", who)


def _basis(node: CommentedMap, cell: str, out: Imported, line: int) -> None:
    if not cell:
        return
    basis = terms.legal_basis(cell)
    if basis.basis is None:
        put(node, "legal_basis_stated", cell)
        out.note(f"legal basis '{cell[:60]}' (line {line})")
        return
    put(node, "legal_basis", basis.basis, basis.note)
    put(node, "legal_basis_stated", basis.label)
    if basis.rest and basis.basis == "gdpr-6-1-f":
        put(node, "legitimate_interest", basis.rest)
    elif basis.rest and basis.basis == "gdpr-6-1-c":
        law = CommentedMap()
        put(law, "law", basis.rest)
        put(node, "legal_obligation", law)
    elif basis.rest:
        node["legal_basis_stated"] = cell


def _retention(node: CommentedMap, cell: str, out: Imported, line: int) -> None:
    if not cell:
        return
    r = terms.retention(cell)
    ret = CommentedMap()
    if r is None:
        out.note(f"retention '{cell[:60]}' (line {line}): kept as stated only")
    else:
        put(ret, "period", r.period, r.note)
        put(ret, "until", r.until)
        put(ret, "after", r.after)
        put(ret, "set_by_controller", True if r.set_by_controller else None)
    put(ret, "stated", cell)
    put(node, "retention", ret)


_COOKIE_CATEGORY = (
    (r"statisti|analy|bezoek|meten", "analytics"),
    (r"advert|marketing|targeting|profiel|volg|tracking|social", "marketing"),
    (r"noodzakelijk|sessie|inlog|winkelwagen|beveilig|cookiebanner", "strictly-necessary"),
    (r"voorkeur|taal|functione|instelling", "functional"),
)  # fmt: skip


def cookies_from_tables(parsed: Parsed, name: str | None, out: Imported) -> list[CommentedMap]:
    cookies: list[CommentedMap] = []
    for table in _tables(parsed, cookies=True):
        cols = _columns(table.header, _COOKIE_COLUMNS)
        for row in table.rows:
            cell = _Row(row, cols)
            if not cell("name"):
                continue
            node = CommentedMap()
            put(node, "name", cell("name"))
            provider, purpose = cell("provider"), cell("purpose")
            put(node, "provider", provider)
            put(node, "purpose", purpose)
            for pattern, category in _COOKIE_CATEGORY:
                if re.search(pattern, purpose.lower()):
                    put(node, "category", category, "guessed from the purpose")
                    break
            ret = cell("retention")
            if ret:
                value = (
                    "session" if re.search(r"sessie|session", ret.lower()) else terms.duration(ret)
                )
                put(node, "retention", value)
            if name and provider:
                first = name.lower() in provider.lower() or provider.lower() in ("wij", "eigen")
                put(node, "first_party", first, "inferred from the provider")
            put(node, "stated", " | ".join(c for c in row if c))
            cookies.append(node)
    return cookies

"""`--from fides`: a fideslang system manifest (YAML or JSON) -> a declaration.

A manifest lists systems, each with privacy declarations (name, data_categories, data_use,
data_subjects, legal basis, retention, special-category basis).  Each privacy declaration
becomes an activity and each system a service.  Data-category keys that the declaration
format accepts are kept as written; others are narrowed to their nearest accepted ancestor.
"""

from __future__ import annotations

import re
from typing import Any

from ruamel.yaml.comments import CommentedMap

from privlint.importers import tilt_terms as tt
from privlint.importers.base import Ids, Imported, ImportFailure, decode_text, unique_id
from privlint.importers.nl_terms import slug
from privlint.importers.writer import block, flow, put
from privlint.loader import parse_text
from privlint.resources import declaration_schema

_BASES = {
    "consent": "gdpr-6-1-a",
    "contract": "gdpr-6-1-b",
    "legal obligation": "gdpr-6-1-c",
    "legal obligations": "gdpr-6-1-c",
    "vital interest": "gdpr-6-1-d",
    "vital interests": "gdpr-6-1-d",
    "public interest": "gdpr-6-1-e",
    "public task": "gdpr-6-1-e",
    "legitimate interest": "gdpr-6-1-f",
    "legitimate interests": "gdpr-6-1-f",
}
# fideslang special_category_legal_basis -> Art. 9(2) point
_SPECIAL = {
    "consent": "gdpr-9-2-a", "explicit consent": "gdpr-9-2-a", "employment": "gdpr-9-2-b",
    "vital interests": "gdpr-9-2-c", "non-profit organisations": "gdpr-9-2-d",
    "public by data subject": "gdpr-9-2-e", "legal claims": "gdpr-9-2-f",
    "substantial public interest": "gdpr-9-2-g", "medical": "gdpr-9-2-h",
    "public health interest": "gdpr-9-2-i",
}  # fmt: skip
_SUBJECTS = {
    "customer": "customers", "employee": "employees", "job_applicant": "job-applicants",
    "visitor": "website-visitors", "user": "end-users", "child": "minors",
    "supplier_vendor": "suppliers", "citizen_voter": "other", "prospect": "other",
    "commuter": "other", "consultant": "other", "next_of_kin": "other", "passenger": "other",
    "patient": "other", "shareholder": "other", "student": "other", "trainee": "other",
    "volunteer": "other", "anonymous_user": "other",
}  # fmt: skip
_ROLES = {"controller": "controller", "processor": "processor", "sub-processor": "processor"}


def _load(raw: bytes, source: str) -> dict[str, Any]:
    text = decode_text(raw, source)
    # privlint's own loader (JSON is YAML too): its limits hold here as for a declaration, so
    # an alias bomb or 100,000 levels of nesting are refused while streaming, never expanded
    data, _, problems = parse_text(text)
    problems = [p for p in problems if p.rule != "not-a-declaration"]  # the shape is ours to check
    if problems:
        first = problems[0]
        reason = first.message.removeprefix("invalid YAML: ")
        where = f"line {first.span.line}" if first.span else "line 1"
        raise ImportFailure(f"{where}: not valid YAML or JSON: {reason}", source)
    systems = data.get("system") if isinstance(data, dict) else None
    if not isinstance(systems, list):
        raise ImportFailure("not a fides system manifest: no top-level 'system' list", source)
    return {"system": systems}


def _strings(value: Any) -> list[str]:
    """The non-empty strings of a list (anything else in a manifest's list field is ignored)."""
    found = [tt.text(v) for v in value] if isinstance(value, list) else []
    return [v for v in found if v]


def _categories(keys: Any, out: Imported) -> tuple[list[str], str | None]:
    accepted = set(declaration_schema()["$defs"]["data_category"]["enum"])
    found: list[str] = []
    narrowed: list[str] = []
    for key in _strings(keys):
        candidate = key
        while candidate and candidate not in accepted:
            candidate = candidate.rpartition(".")[0]
        if not candidate:
            out.note(f"data category '{key}' (no accepted category above it)")
            continue
        if candidate != key:
            narrowed.append(f"{key} -> {candidate}")
        if candidate not in found:
            found.append(candidate)
    return found, ("narrowed: " + ", ".join(narrowed)) if narrowed else None


def _retention(value: Any) -> CommentedMap:
    node = CommentedMap()
    if isinstance(value, int) and not isinstance(value, bool) and value > 0:
        put(node, "period", f"P{value}D", "fides retention_period in days")
    elif isinstance(value, str) and tt.text(value):
        text = tt.text(value) or ""
        if tt.DURATION.match(text):
            put(node, "period", text)
        elif text.isdigit() and int(text) > 0:
            put(node, "period", f"P{int(text)}D", "fides retention_period in days")
        put(node, "stated", text)
    return node


def _activity(
    decl: dict[str, Any], sid: str, role: str | None, taken: set[str], out: Imported
) -> CommentedMap:
    name = tt.text(decl.get("name"))
    use = tt.text(decl.get("data_use"))
    aid = unique_id(slug(name or use or "declaration")[:48].rstrip("-"), taken)
    taken.add(aid)
    node = CommentedMap()
    put(node, "id", aid)
    put(node, "service", sid)
    put(node, "name", name)
    categories, note = _categories(decl.get("data_categories"), out)
    put(node, "data_categories", flow(categories), note)
    subjects = _strings(decl.get("data_subjects"))
    mapped = list(dict.fromkeys(_SUBJECTS.get(s, "other") for s in subjects))
    put(
        node,
        "data_subjects",
        flow(mapped),
        "from fides data_subjects: " + ", ".join(subjects) if subjects else None,
    )
    put(node, "purposes", flow([use]) if use else None, "the fides data_use key")
    put(node, "role", role)
    basis_text = tt.text(decl.get("legal_basis_for_processing"))
    if basis_text:
        basis = _BASES.get(basis_text.lower().strip())
        put(node, "legal_basis", basis)
        put(node, "legal_basis_stated", basis_text)
    special = tt.text(decl.get("special_category_legal_basis"))
    if special:
        put(node, "special_category_condition", _SPECIAL.get(special.lower()), f"fides: {special}")
        if special.lower() not in _SPECIAL:
            out.note(f"special_category_legal_basis '{special}' of '{aid}'")
    put(node, "retention", _retention(decl.get("retention_period")))
    return node


# fideslang writes ISO 3166-1 alpha-3; the declaration wants alpha-2
_ALPHA3 = {
    "USA": "US", "CAN": "CA", "GBR": "GB", "IND": "IN", "CHN": "CN", "JPN": "JP", "AUS": "AU",
    "CHE": "CH", "BRA": "BR", "ISR": "IL", "SGP": "SG", "KOR": "KR", "NZL": "NZ", "RUS": "RU",
    "ZAF": "ZA", "MEX": "MX", "ARG": "AR", "URY": "UY", "TUR": "TR", "UKR": "UA", "PHL": "PH",
}  # fmt: skip


def _transfer(code: str, sid: str, out: Imported) -> CommentedMap | None:
    alpha2 = _ALPHA3.get(code.upper()) or (code.upper() if tt.COUNTRY.match(code.upper()) else None)
    if alpha2 is None:
        out.note(f"third_country_transfers '{code}' of '{sid}' (not a known country code)")
        return None
    node = CommentedMap()
    put(node, "id", f"{sid}-{alpha2.lower()}")
    put(node, "country", alpha2, f"fides third_country_transfers: {code}; no mechanism given")
    return node


def import_fides(raw: bytes, source: str) -> Imported:
    data = _load(raw, source)
    out = Imported(CommentedMap(), source, "fides")
    doc = out.data
    put(doc, "privlint", 1)
    services: list[CommentedMap] = []
    activities: list[CommentedMap] = []
    taken = Ids()
    transfer_nodes: list[CommentedMap] = []
    seen_services = Ids()
    for system in tt.items(data["system"]):
        key = tt.text(system.get("fides_key")) or tt.text(system.get("name")) or "system"
        sid = unique_id(slug(key, "system"), seen_services)
        seen_services.add(sid)
        service = CommentedMap()
        put(service, "id", sid)
        put(service, "name", tt.text(system.get("name")))
        put(service, "description", tt.text(system.get("description")))
        services.append(service)
        responsibility = system.get("data_responsibility_title")
        role = _ROLES.get(str(responsibility).lower()) if isinstance(responsibility, str) else None
        for decl in tt.items(system.get("privacy_declarations")):
            activities.append(_activity(decl, sid, role, taken, out))
        for code in dict.fromkeys(_strings(system.get("third_country_transfers"))):
            transfer = _transfer(code, sid, out)
            if transfer is not None:
                transfer_nodes.append(transfer)
        if re.search(r"\S", str(system.get("egress") or "")):
            out.note(f"egress of '{sid}' (data flows between systems)")
    put(doc, "services", block(services))
    put(doc, "activities", block(activities))
    put(doc, "transfers", block(transfer_nodes))
    if not activities:
        out.note("no privacy_declarations: no activities")
    return out

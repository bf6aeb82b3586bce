"""`--from fides`: a fideslang system manifest (YAML or JSON) -> a declaration.

A manifest lists systems, each with privacy declarations (name, data_categories, data_use,
data_subjects, legal basis, retention, special-category basis, cookies).  Each privacy
declaration becomes an activity and each system a service.  Data-category keys that the
declaration format accepts are kept as written; others are narrowed to their nearest accepted
ancestor.  Field names are fideslang's (1.x-3.x, github.com/ethyca/fideslang models.py):
deprecated ones (data_responsibility_title, joint_controller, third_country_transfers,
cookies) are read beside their successors (responsibility, joint_controller_info,
legal_basis_for_transfers).
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
    decl: dict[str, Any], system: _System, taken: set[str], cookies: _Cookies, out: Imported
) -> CommentedMap:
    sid = system.sid
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
    _roles(node, system, out, aid)
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
    basis = node.get("legal_basis")
    names = [cookies.add(c, use, system, basis) for c in tt.items(decl.get("cookies"))]
    put(node, "cookies", flow(dict.fromkeys(n for n in names if n)))
    return node


def _roles(node: CommentedMap, system: _System, out: Imported, aid: str) -> None:
    """The system's role; a joint controller named (Art. 26) makes a controller a joint one.
    fideslang has no field for the arrangement between them: joint_arrangement stays unset."""
    if not system.joint:
        put(node, "role", system.role)
        return
    if system.role == "processor":
        put(node, "role", system.role)
        out.note(f"joint controller of '{aid}' beside the role processor (Art. 26 or 28?)")
        return
    put(node, "role", "joint-controller", "fides names a joint controller for the system")
    put(node, "joint_controllers", flow(system.joint), "as fides names them")


class _System:
    """What every activity of a system shares: its id, role and joint controllers."""

    def __init__(self, raw: dict[str, Any], sid: str, out: Imported) -> None:
        self.sid = sid
        self.max_age = raw.get("cookie_max_age_seconds")
        titles = [raw.get("data_responsibility_title"), *_list(raw.get("responsibility"))]
        roles = {_ROLES[t.lower()] for t in titles if isinstance(t, str) and t.lower() in _ROLES}
        self.role = roles.pop() if len(roles) == 1 else None
        if len(roles) > 1:
            out.note(f"responsibility of '{sid}' names several roles: none is set")
        joint = tt.mapping(raw.get("joint_controller"))  # fideslang < 3: contact details
        if any(tt.text(joint.get(k)) for k in ("address", "email", "phone")):
            out.note(f"joint_controller contact details of '{sid}' (names only are declared)")
        info = tt.text(raw.get("joint_controller_info"))  # "the party or parties", as written
        found = [tt.text(joint.get("name")), tt.one_line(info) if info else None]
        self.joint = list(dict.fromkeys(n for n in found if n))


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


# fides data_use top-level key -> cookie category; the others (personalize, collect, ...) say
# nothing a category could be read from.  'essential' is fideslang's "operates the service or
# product ... without which the product/service would not be possible" (ePrivacy 5(3)'s
# strictly necessary); 'advertising' is fideslang 1.x's name for marketing.
_COOKIE_CATEGORIES = {
    "essential": "strictly-necessary",
    "functional": "functional",
    "analytics": "analytics",
    "marketing": "marketing",
    "advertising": "marketing",
}


class _Cookies:
    """fideslang cookies (name, path, domain) -> the declaration's cookies, one per name."""

    def __init__(self, out: Imported) -> None:
        self.nodes: dict[str, CommentedMap] = {}
        self.uses: dict[str, list[str]] = {}
        self.bases: dict[str, list[str | None]] = {}
        self.out = out

    def add(
        self, raw: dict[str, Any], use: str | None, system: _System, basis: str | None = None
    ) -> str | None:
        name = tt.text(raw.get("name"))
        if not name:
            self.out.note(f"a cookie of '{system.sid}' without a name")
            return None
        name = tt.one_line(name)
        uses = self.uses.setdefault(name, [])
        if use and use not in uses:
            uses.append(use)
        bases = self.bases.setdefault(name, [])
        bases.append(basis)
        node = self.nodes.get(name)
        if node is None:
            node = self.nodes[name] = CommentedMap()
            put(node, "name", name)
            put(node, "provider", tt.text(raw.get("domain")), "the fides cookie domain")
        # several declarations may set one cookie: its purposes are theirs, and a category
        # only where all of them agree on it
        put(node, "purpose", "; ".join(uses), "the fides data_use of the declarations setting it")
        categories = {_COOKIE_CATEGORIES.get(u.split(".")[0]) for u in uses}
        if len(categories) == 1 and None not in categories:
            put(node, "category", categories.pop(), "read from the fides data_use")
        elif "category" in node:
            del node["category"]
        if len(set(bases)) == 1 and bases[0]:  # the basis of the processing it serves
            put(node, "legal_basis", bases[0], "the basis of the fides declarations setting it")
        elif "legal_basis" in node:
            del node["legal_basis"]
        put(node, "retention", _max_age(system.max_age), "fides cookie_max_age_seconds")
        return name


def _max_age(seconds: Any) -> str | None:
    """The system's longest cookie lifetime as an ISO 8601 duration (days where whole)."""
    if not isinstance(seconds, int) or isinstance(seconds, bool) or seconds <= 0:
        return None
    return f"P{seconds // 86400}D" if seconds % 86400 == 0 else f"PT{seconds}S"


# fideslang writes ISO 3166-1 alpha-3; the declaration wants alpha-2
_ALPHA3 = {
    "USA": "US", "CAN": "CA", "GBR": "GB", "IND": "IN", "CHN": "CN", "JPN": "JP", "AUS": "AU",
    "CHE": "CH", "BRA": "BR", "ISR": "IL", "SGP": "SG", "KOR": "KR", "NZL": "NZ", "RUS": "RU",
    "ZAF": "ZA", "MEX": "MX", "ARG": "AR", "URY": "UY", "TUR": "TR", "UKR": "UA", "PHL": "PH",
}  # fmt: skip


# fideslang legal_basis_for_transfers -> mechanism; "Supplementary Measures" and "Other" name none
_TRANSFER_BASES = {
    "adequacy decision": "adequacy-decision",
    "sccs": "standard-contractual-clauses",
    "standard contractual clauses": "standard-contractual-clauses",
    "bcrs": "binding-corporate-rules",
    "binding corporate rules": "binding-corporate-rules",
}


def _transfers(system: dict[str, Any], sid: str, taken: Ids, out: Imported) -> list[CommentedMap]:
    """One transfer per country (fideslang < 3 lists alpha-3 codes) and per mechanism named
    in legal_basis_for_transfers - the system's, not a country's; no country when none is
    listed but the system says it transfers data abroad."""
    countries: dict[str | None, str] = {}  # alpha-2 -> as fides wrote it
    for code in _strings(system.get("third_country_transfers")):
        alpha2 = _ALPHA3.get(code.upper()) or (
            code.upper() if tt.COUNTRY.match(code.upper()) else None
        )
        if alpha2 is None:
            out.note(f"third_country_transfers '{code}' of '{sid}' (not a known country code)")
        else:
            countries.setdefault(alpha2, code)
    bases = _strings(system.get("legal_basis_for_transfers"))
    mechanisms = list(dict.fromkeys(m for b in bases if (m := _TRANSFER_BASES.get(b.lower()))))
    safeguards = tt.text(system.get("third_country_safeguards"))  # Fides' datamap column
    abroad = bases or safeguards or system.get("does_international_transfers") is True
    if not countries and abroad:
        countries = {None: ""}
    nodes: list[CommentedMap] = []
    for country, code in countries.items():
        claims: list[str | None] = list(mechanisms) or [None]
        for mechanism in claims:
            node = CommentedMap()
            tid = unique_id(f"{sid}-{(country or 'abroad').lower()}", taken)
            taken.add(tid)
            put(node, "id", tid, None if country else "fides: transfers abroad, no country named")
            said = "the system's mechanism" if mechanism else "no mechanism given"
            put(node, "country", country, f"fides third_country_transfers: {code}; {said}")
            put(node, "mechanism", mechanism, "fides legal_basis_for_transfers, for the system")
            if safeguards:  # where it says where a copy is, it is the copy (Art. 13(1)(f))
                put(
                    node,
                    "copy" if tt.says_where(safeguards) else "reference",
                    tt.one_line(safeguards),
                )
            put(node, "stated", "legal_basis_for_transfers: " + ", ".join(bases) if bases else None)
            nodes.append(node)
    return nodes


def _names_cookies(system: dict[str, Any]) -> bool:
    """Whether the system or one of its declarations lists a cookie."""
    declarations = tt.items(system.get("privacy_declarations"))
    return any(tt.items(d.get("cookies")) for d in [system, *declarations])


def _profiling(system: dict[str, Any], sid: str, out: Imported) -> None:
    """fideslang's uses_profiling is "profile a consumer in a way that has a legal effect";
    it does not say that a decision is taken solely by automated means (Art. 22), so no
    automated_decision_making is declared - the note asks the reader to say whether it is."""
    if system.get("uses_profiling") is not True:
        return
    bases = ", ".join(_strings(system.get("legal_basis_for_profiling"))) or "no basis"
    out.note(f"uses_profiling of '{sid}' ({bases}): not said if decisions are solely automated")


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
    cookies = _Cookies(out)
    transfer_ids = Ids()
    for entry in tt.items(data["system"]):
        key = tt.text(entry.get("fides_key")) or tt.text(entry.get("name")) or "system"
        sid = unique_id(slug(key, "system"), seen_services)
        seen_services.add(sid)
        service = CommentedMap()
        put(service, "id", sid)
        put(service, "name", tt.text(entry.get("name")))
        put(service, "description", tt.text(entry.get("description")))
        services.append(service)
        system = _System(entry, sid, out)
        for decl in tt.items(entry.get("privacy_declarations")):
            activities.append(_activity(decl, system, taken, cookies, out))
        for extra in tt.items(entry.get("cookies")):  # a system's cookies of no data use
            cookies.add(extra, None, system)
        if entry.get("uses_cookies") is True and not _names_cookies(entry):
            out.note(f"uses_cookies of '{sid}' (no cookie named)")
        transfer_nodes += _transfers(entry, sid, transfer_ids, out)
        _profiling(entry, sid, out)
        if re.search(r"\S", str(entry.get("egress") or "")):
            out.note(f"egress of '{sid}' (data flows between systems)")
    put(doc, "services", block(services))
    put(doc, "activities", block(activities))
    put(doc, "transfers", block(transfer_nodes))
    put(doc, "cookies", block(cookies.nodes.values()))
    if not activities:
        out.note("no privacy_declarations: no activities")
    return out

"""TILT dataDisclosed, thirdCountryTransfers and the rights objects -> declaration nodes."""

from __future__ import annotations

from typing import Any

from ruamel.yaml.comments import CommentedMap

from privlint.functions.reference import reference_data
from privlint.importers import tilt_terms as tt
from privlint.importers.base import Ids, Imported, unique_id
from privlint.importers.nl_terms import slug
from privlint.importers.writer import block, flow, put


def recipient_key(raw: dict[str, Any]) -> tuple[str, str]:
    return (tt.text(raw.get("name")) or "", tt.text(raw.get("category")) or "")


def _unique(base: str, taken: set[str]) -> str:
    uid = unique_id(base, taken)
    taken.add(uid)
    return uid


def _recipient(raw: dict[str, Any], recipients: dict[tuple[str, str], CommentedMap]) -> str | None:
    key = recipient_key(raw)
    if not any(key):
        return None
    if key not in recipients:
        rid = _unique(
            slug(key[0] or key[1], "recipient")[:48], {r["id"] for r in recipients.values()}
        )
        node = CommentedMap()
        put(node, "id", rid)
        put(node, "name", tt.one_line(key[0] or key[1]))
        code, note = tt.country(tt.text(raw.get("country")))
        words = f"{key[0]} {tt.text(raw.get('address')) or ''}"
        put(node, "country", code, note or tt.contradiction(code, words))
        if key[0] and key[1]:
            put(node, "description", tt.one_line(key[1]))
        recipients[key] = node
    rid_out: str = recipients[key]["id"]
    return rid_out


def activity(
    item: dict[str, Any],
    index: int,
    taken: set[str],
    recipients: dict[tuple[str, str], CommentedMap],
    sources: dict[str, str],
    out: Imported,
) -> CommentedMap | None:
    category = tt.text(item.get("category"))
    purposes = []
    for p in tt.items(item.get("purposes")):
        purpose = tt.text(p.get("purpose")) or tt.text(p.get("description"))
        if purpose:
            purposes.append(tt.one_line(purpose))
    if not category and not purposes:
        return None
    node = CommentedMap()
    put(node, "id", _unique(slug(category or purposes[0], "data")[:40].rstrip("-"), taken))
    put(node, "description", tt.one_line(category) if category else None)
    subcats = tt.text(item.get("subcategories"))
    words = f"{category or ''} {subcats or ''}"
    put(node, "data_categories", flow(tt.data_categories(words)), "inferred from the category")
    put(node, "purposes", block(list(dict.fromkeys(purposes))))
    _basis(node, item, out)
    source = sources.get(category or "")
    if source:  # TILT's sources are where data not obtained from the person comes from (Art. 14)
        put(node, "obtained_from_data_subject", False)
        put(node, "source", tt.one_line(source))
    put(node, "requirement", _requirement(tt.mapping(item.get("nonDisclosure"))))
    put(node, "retention", _retention(item))
    ids = [
        r for r in (_recipient(raw, recipients) for raw in tt.items(item.get("recipients"))) if r
    ]
    put(node, "recipients", flow(list(dict.fromkeys(ids))))
    return node


def _basis(node: CommentedMap, item: dict[str, Any], out: Imported) -> None:
    bases: list[str] = []
    stated: list[str] = []
    for raw in tt.items(item.get("legalBases")):
        reference, description = tt.text(raw.get("reference")), tt.text(raw.get("description"))
        basis = tt.legal_basis(reference, description)
        if basis and basis not in bases:
            bases.append(basis)
        words = " — ".join(t for t in (reference, description) if t)
        if words:
            stated.append(tt.one_line(words))
    if len(bases) == 1:
        put(node, "legal_basis", bases[0])
    elif len(bases) > 1:
        out.note(
            f"activity '{node['id']}': several legal bases ({', '.join(bases)}); "
            "TILT does not say which purpose uses which, so none is set"
        )
    put(node, "legal_basis_stated", " | ".join(stated) if stated else None)
    condition = tt.special_condition(" ".join(stated))
    put(node, "special_category_condition", condition, "named in the legal-basis text")
    interests = [
        tt.text(li.get("reasoning"))
        for li in tt.items(item.get("legitimateInterests"))
        if li.get("exists") is not False
    ]
    reasoning = "; ".join(i for i in interests if i)
    put(node, "legitimate_interest", tt.one_line(reasoning) if reasoning else None)


def _retention(item: dict[str, Any]) -> CommentedMap:
    node = CommentedMap()
    periods: list[tuple[str, str | None]] = []
    said: list[str] = []
    criteria: list[str] = []
    function = "max"
    for storage in tt.items(item.get("storage")):
        function = tt.text(storage.get("aggregationFunction")) or function
        for temporal in tt.items(storage.get("temporal")):
            period, note = tt.duration(tt.text(temporal.get("ttl")))
            if period:
                periods.append((period, note))
            description = tt.text(temporal.get("description"))
            if description:
                said.append(tt.one_line(description))
        for key in ("purposeConditional", "legalBasisConditional"):
            value = tt.text(storage.get(key))
            if value:
                criteria.append(tt.one_line(value))
    if periods:
        pick = min if function.lower() == "min" else max
        period, note = pick(periods, key=lambda p: tt.approx_days(p[0]))
        if len(periods) > 1:
            note = f"the {'shortest' if pick is min else 'longest'} of {len(periods)} ttl values"
        put(node, "period", period, note)
    put(node, "criteria", tt.joined(criteria))
    put(node, "stated", tt.joined(said))
    return node


# TILT flags -> mechanism; Art. 45/46 'guarantees' and 'remedies' name no mechanism by themselves
_MECHANISMS: tuple[tuple[str, str | None], ...] = (
    ("adequacyDecision", "adequacy-decision"),
    ("standardDataProtectionClause", "standard-contractual-clauses"),
    ("appropriateGuarantees", None),
    ("presenceOfEnforceableRightsAndEffectiveRemedies", None),
)


def transfers(raw: Any, out: Imported) -> list[CommentedMap]:
    nodes: list[CommentedMap] = []
    taken = Ids()
    for entry in tt.items(raw):
        country = tt.text(entry.get("country"))
        said: list[str] = []
        mechanisms: list[tuple[str, str | None]] = []
        for key, mechanism in _MECHANISMS:
            part = tt.mapping(entry.get(key))
            description = tt.text(part.get("description"))
            if part.get("available") is True:
                if mechanism:
                    mechanisms.append((mechanism, description))
                if description:
                    said.append(f"{key}: {tt.one_line(description)}")
        if not country and not said and not mechanisms:
            continue
        code, note = tt.country(country)
        if code in reference_data().eea:  # listed as a transfer, but no third country
            note = f"{note}; in the EEA" if note else "in the EEA: not a third country"
        if country and code != country:  # keep what the field said when it is no plain code
            said.insert(0, f"country: {tt.one_line(country)}")
        if country and not code:
            out.note(f"thirdCountryTransfers country '{country[:40]}' (no country named)")
        # several mechanisms marked ('adequacy where it exists, SCCs otherwise'): one transfer
        # each, so that the rules judge each claim; none marked: one transfer without
        claims: list[tuple[str | None, str | None]] = list(mechanisms) or [(None, None)]
        for mechanism, reference in claims:
            node = CommentedMap()
            put(node, "id", _unique(f"transfer-{(code or 'unknown').lower()}", taken))
            put(node, "country", code, note)
            multiple = (
                "TILT marks several mechanisms for this entry" if len(mechanisms) > 1 else None
            )
            put(node, "mechanism", mechanism, multiple)
            # a clause set's description that says where it is found is where a copy is
            # (Art. 13(1)(f)); an adequacy decision needs no copy, so it stays a reference
            where = mechanism != "adequacy-decision" and tt.says_where(reference)
            put(
                node,
                "copy" if where else "reference",
                tt.one_line(reference) if reference else None,
            )
            put(node, "stated", " | ".join(said) if said else None)
            nodes.append(node)
    return nodes


# TILT rights object -> declaration rights it covers
_RIGHTS = (
    ("accessAndDataPortability", ("access",)),
    ("rightToInformation", ("access",)),
    ("rightToRectificationOrDeletion", ("rectification", "erasure")),
    ("rightToDataPortability", ("portability",)),
    ("rightToWithdrawConsent", ("withdraw-consent",)),
    ("rightToComplain", ("complaint",)),
)


def rights(data: dict[str, Any], out: Imported) -> CommentedMap:
    node = CommentedMap()
    for key, names in _RIGHTS:
        raw = tt.mapping(data.get(key))
        description = tt.text(raw.get("description"))
        if raw.get("available") is not True and not description:
            continue
        entry = CommentedMap()
        put(entry, "how", tt.one_line(description) if description else None)
        email, url = tt.text(raw.get("email")), tt.text(raw.get("url"))
        put(entry, "email", email if email and tt.EMAIL.match(email) else None)
        put(entry, "url", url if url and tt.URL.match(url) else None)
        if key == "rightToComplain":
            authority = tt.text(tt.mapping(raw.get("supervisoryAuthority")).get("name"))
            put(entry, "authority", tt.one_line(authority) if authority else None)
        if not entry:
            put(entry, "how", f"TILT {key}.available: true", "no description in the TILT document")
        for name in names:
            if name not in node:
                put(node, name, entry if name == names[0] else _copy(entry))
        evidences = tt.text(raw.get("identificationEvidences"))
        if evidences:
            out.note(f"{key}.identificationEvidences: {evidences[:60]}")
    return node


def _copy(entry: CommentedMap) -> CommentedMap:
    twin = CommentedMap()
    for k, v in entry.items():
        twin[k] = v
    return twin


def _requirement(raw: dict[str, Any]) -> CommentedMap | None:
    """TILT nonDisclosure -> requirement (Art. 13(2)(e)): a kind only where a flag says so
    (legalRequirement: statutory, contractualRegulation: contractual), and the consequences."""
    node = CommentedMap()
    if raw.get("legalRequirement") is True:
        put(node, "kind", "statutory")
    elif raw.get("contractualRegulation") is True:
        put(node, "kind", "contractual")
    consequences = tt.text(raw.get("consequences"))
    put(node, "consequences", tt.one_line(consequences) if consequences else None)
    return node or None

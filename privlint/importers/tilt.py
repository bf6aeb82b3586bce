"""`--from tilt`: a TILT (Transparency Information Language and Toolkit) JSON document.

Maps what has a place in the declaration format and lists the rest in `Imported.notes`.
Where TILT gives prose and the declaration wants an identifier (a legal basis, a transfer
mechanism) the identifier is set only when the prose names it; otherwise the prose is kept in
the 'stated' field.  Incomplete documents (nulls, empty lists, placeholder text) never fail.
"""

from __future__ import annotations

import json
import re
from typing import Any

from ruamel.yaml.comments import CommentedMap

from privlint.importers import tilt_terms as tt
from privlint.importers.base import Ids, Imported, ImportFailure, decode_text
from privlint.importers.tilt_parts import activity, rights, transfers
from privlint.importers.writer import block, put

CAVEATS = (
    "TILT has no fields for the rights to restriction and objection, for roles or for the",
    "statement's own date: findings about those reflect the format, not the statement.",
)


def load(raw: bytes, source: str) -> dict[str, Any]:
    text = decode_text(raw, source)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ImportFailure(
            f"line {exc.lineno} column {exc.colno}: not valid JSON: {exc.msg}", source
        ) from None
    except RecursionError:
        raise ImportFailure("JSON nested too deeply to be a TILT document", source) from None
    except ValueError:  # int()'s limit: json.loads reads integers of any length
        raise ImportFailure(
            "not a TILT document: an integer of over 4,300 digits", source
        ) from None
    if not isinstance(data, dict):
        raise ImportFailure(f"a TILT document is a JSON object, not {type(data).__name__}", source)
    if not any(k in data for k in ("meta", "controller", "dataDisclosed")):
        raise ImportFailure(
            "not a TILT document: none of 'meta', 'controller', 'dataDisclosed'", source
        )
    return data


def import_tilt(raw: bytes, source: str) -> Imported:
    data = load(raw, source)
    out = Imported(CommentedMap(), source, "tilt", caveats=list(CAVEATS))
    doc = out.data
    put(doc, "privlint", 1)
    put(doc, "statement", _statement(tt.mapping(data.get("meta")), out))
    put(doc, "controller", _party(tt.mapping(data.get("controller")), "controller", out))
    put(doc, "dpo", _dpo(tt.mapping(data.get("dataProtectionOfficer")), out))
    authority = tt.mapping(tt.mapping(data.get("rightToComplain")).get("supervisoryAuthority"))
    put(doc, "supervisory_authority", _authority(authority))

    recipients: dict[tuple[str, str], CommentedMap] = {}
    activities: list[CommentedMap] = []
    taken = Ids()
    sources = _sources(data.get("sources"))
    for index, item in enumerate(tt.items(data.get("dataDisclosed"))):
        node = activity(item, index, taken, recipients, sources, out)
        if node is not None:
            activities.append(node)
    adm = _automated(tt.mapping(data.get("automatedDecisionMaking")), taken, out)
    if adm is not None:
        activities.append(adm)
    if not activities:
        out.note("no dataDisclosed entry with a category or purpose: no activities")
    put(doc, "activities", block(activities))
    put(doc, "recipients", block(list(recipients.values())))
    put(doc, "transfers", block(transfers(data.get("thirdCountryTransfers"), out)))
    put(doc, "rights", rights(data, out))
    for change in tt.items(data.get("changesOfPurpose")):
        if tt.text(change.get("description")):
            out.note("changesOfPurpose (the declaration format has no field for planned changes)")
    return out


def _statement(meta: dict[str, Any], out: Imported) -> CommentedMap:
    node = CommentedMap()
    put(node, "title", tt.text(meta.get("name")))
    lang = tt.text(meta.get("language"))
    if lang and re.fullmatch(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*", lang):
        put(node, "language", lang.lower() if "-" not in lang else lang)
    # meta.modified dates the TILT document, not the statement: it is no 'last_updated'
    version = meta.get("version")
    if isinstance(version, int | str) and not isinstance(version, bool) and str(version).strip():
        put(node, "version", str(version))
    url = tt.text(meta.get("url"))
    if url and tt.URL.match(url):
        put(node, "url", url)
    return node


def _address(
    address: str | None, country: str | None, what: str, out: Imported, name: str | None = None
) -> CommentedMap:
    node = CommentedMap()
    put(node, "text", tt.one_line(address) if address else None)
    code, note = tt.country(country)
    if country and not code:
        out.note(f"{what} country '{country[:40]}' (not a country code or name)")
    if not code and address:  # where the party is established (Art. 3, 27): the address's end
        code, _ = tt.country(address.splitlines()[-1])
        note = "read from the end of the address" if code else None
    put(node, "country", code, note or tt.contradiction(code, f"{name or ''} {address or ''}"))
    return node


def _party(raw: dict[str, Any], what: str, out: Imported) -> CommentedMap:
    node = CommentedMap()
    name = tt.text(raw.get("name"))
    division = tt.text(raw.get("division"))
    put(node, "name", f"{name} ({division})" if name and division else name)
    put(
        node,
        "address",
        _address(tt.text(raw.get("address")), tt.text(raw.get("country")), what, out, name),
    )
    rep = tt.mapping(raw.get("representative"))
    rep_name = tt.text(rep.get("name"))
    if rep_name or tt.text(rep.get("email")):
        who = rep_name or tt.text(rep.get("email"))
        out.note(f"{what}.representative '{who}' (Art. 27 or legal representative: not said)")
    return node


def _contact_fields(node: CommentedMap, raw: dict[str, Any], what: str, out: Imported) -> None:
    email = tt.text(raw.get("email"))
    found = re.search(r"[^@\s:]+@[^@\s]+\.[A-Za-z]{2,}", email or "")
    if email and tt.EMAIL.match(email):
        put(node, "email", email)
    elif email and tt.URL.match(email):
        put(node, "url", email, "given in the TILT e-mail field")
    elif email and found:
        put(node, "email", found.group(0), "found in the TILT e-mail field's text")
        out.note(f"{what} e-mail field text '{email[:60]}'")
    elif email:
        out.note(f"{what} e-mail '{email[:40]}' (not an e-mail address)")
    put(node, "phone", tt.text(raw.get("phone")))


def _dpo(raw: dict[str, Any], out: Imported) -> CommentedMap:
    node = CommentedMap()
    name, email = tt.text(raw.get("name")), tt.text(raw.get("email"))
    address = tt.text(raw.get("address"))
    if not (name or email or address or tt.text(raw.get("phone"))):
        return node  # TILT names no DPO; it does not say there is none
    put(node, "appointed", True, "inferred: the TILT document names a DPO")
    put(node, "name", name)
    _contact_fields(node, raw, "dataProtectionOfficer", out)
    put(
        node,
        "address",
        _address(address, tt.text(raw.get("country")), "dataProtectionOfficer", out),
    )
    return node


def _authority(raw: dict[str, Any]) -> CommentedMap:
    node = CommentedMap()
    put(node, "name", tt.text(raw.get("name")))
    code, note = tt.country(tt.text(raw.get("country")))
    put(node, "country", code, note)
    return node


def _sources(raw: Any) -> dict[str, str]:
    """dataCategory -> where the data comes from (Art. 14(2)(f))."""
    found: dict[str, str] = {}
    for entry in tt.items(raw):
        category = tt.text(entry.get("dataCategory"))
        parts = [
            tt.text(s.get("description")) or tt.text(s.get("url"))
            for s in tt.items(entry.get("sources"))
        ]
        described = "; ".join(p for p in parts if p)
        if category and described:
            found[category] = described
    return found


def _automated(raw: dict[str, Any], taken: set[str], out: Imported) -> CommentedMap | None:
    """TILT states automated decision-making once for the whole document: one activity."""
    if raw.get("inUse") is not True:
        return None
    scope = tt.text(raw.get("scopeAndIntendedEffects"))
    logic = tt.text(raw.get("logicInvolved"))
    if tt.says_not_used(logic) and not scope:
        out.note(f"automatedDecisionMaking: inUse is true, but its text says not used: '{logic}'")
        return None
    node = CommentedMap()
    aid = "automated-decision-making"
    taken.add(aid)
    put(node, "id", aid, "TILT states automated decision-making for the whole document")
    put(node, "description", scope or logic or "Automated decision-making")
    put(node, "purposes", block([scope]) if scope else None, "from scopeAndIntendedEffects")
    adm = CommentedMap()
    put(adm, "used", True)
    put(adm, "logic", logic)
    put(adm, "significance", scope)
    put(node, "automated_decision_making", adm)
    return node

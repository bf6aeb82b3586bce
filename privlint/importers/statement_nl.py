"""`--from statement-nl`: the text form of a Dutch privacy statement -> a declaration.

Faithful, not flattering: what the statement leaves vague stays vague, so that `privlint check`
reports the statement's real gaps.  Every value that is a reading rather than a copy carries a
comment on its line; what cannot be mapped at all is listed in the header.
"""

from __future__ import annotations

import re

from ruamel.yaml.comments import CommentedMap

from privlint.importers import nl_terms as terms
from privlint.importers.base import Imported, ImportFailure, decode_text
from privlint.importers.nl_activities import activities_from_tables, cookies_from_tables
from privlint.importers.nl_sections import (
    Contact,
    contact,
    find_section,
    general_purposes,
    rights_sections,
    sentences,
)
from privlint.importers.nl_text import Parsed, parse
from privlint.importers.writer import block, flow, put

AP = "Autoriteit Persoonsgegevens"
INFERRED_PURPOSES = "inferred: the general purposes of '{}', stated for all data"


def import_statement(raw: bytes, source: str) -> Imported:
    parsed = parse(decode_text(raw, source))
    if not any(t for s in parsed.sections for t in s.tables):
        raise ImportFailure(
            "no table of processing activities found: expected a tab-separated table "
            "with a header such as 'Type dienst<TAB>Type gegevens<TAB>Bewaartermijnen<TAB>...'",
            source,
        )
    out = Imported(CommentedMap(), source, "statement-nl")
    name = _organisation(parsed)
    if name is None:
        out.note("the organisation's name (expected '<name> is een ...' in the first paragraph)")
    doc = out.data
    put(doc, "privlint", 1)
    put(doc, "statement", _statement(parsed))
    contact_section = find_section(parsed.sections, "bereiken", "contact")
    details = contact(contact_section.text() if contact_section else "")
    put(doc, "controller", _controller(name, details))
    put(doc, "privacy_contact", _privacy_contact(details))
    if any(AP.lower() in s.text().lower() for s in parsed.sections):
        authority = CommentedMap()
        put(authority, "name", AP)
        put(authority, "country", "NL")
        put(doc, "supervisory_authority", authority)

    used = find_section(parsed.sections, "worden gebruikt", "doeleinden", "waarom")
    purposes = general_purposes(used) if used else []
    purpose_note = INFERRED_PURPOSES.format(used.heading) if used else None
    services, activities = activities_from_tables(parsed, name, purposes, purpose_note, out)
    id_check = _identity_check(parsed, name)
    if id_check is not None:
        activities.append(id_check)
    put(doc, "services", block(services))
    put(doc, "activities", block(activities))
    recipients, transfers = _recipients(parsed, out)
    put(doc, "recipients", block(recipients))
    put(doc, "transfers", block(transfers))
    put(doc, "rights", _rights(parsed, details.privacy_email))
    put(doc, "cookies", block(cookies_from_tables(parsed, name, out)))
    _note_unread(parsed, out)
    return out


def _organisation(parsed: Parsed) -> str | None:
    for section in parsed.sections[:2]:
        for b in section.blocks:
            m = re.match(r"(.{2,80}?) is een\b", b.text)
            if m:
                return m.group(1).strip()
    return None


def _statement(parsed: Parsed) -> CommentedMap:
    node = CommentedMap()
    titles = [b.text for b in parsed.headings_before_body]
    if titles:
        put(node, "title", titles[-1])
    put(node, "language", "nl")
    for b in parsed.headings_before_body:
        m = re.search(r"\bversie\s+([0-9][\w.]*)", b.text, re.I)
        if m:
            put(node, "version", m.group(1))
    text = "\n".join(parsed.lines)
    m = re.search(r"laatst (?:bijgewerkt|gewijzigd|aangepast) op ([^.\n]+\d{4})", text)
    if m:
        put(node, "last_updated", terms.date(m.group(1)))
    return node


def _postal(street: str | None, postal_code: str | None, city: str | None) -> CommentedMap:
    node = CommentedMap()
    put(node, "street", street)
    put(node, "postal_code", postal_code)
    put(node, "city", city)
    if postal_code and re.fullmatch(r"\d{4} ?[A-Z]{2}", postal_code):
        put(node, "country", "NL", "inferred from the Dutch postal code")
    return node


def _controller(name: str | None, d: Contact) -> CommentedMap:
    node = CommentedMap()
    put(node, "name", name)
    put(node, "address", _postal(d.street, d.postal_code, d.city))
    if d.general_emails:
        others = ", ".join(d.general_emails[1:])
        note = f"the statement also gives {others} for general questions" if others else None
        put(node, "email", d.general_emails[0], note)
    put(node, "phone", d.phone)
    return node


def _privacy_contact(d: Contact) -> CommentedMap:
    node = CommentedMap()
    put(node, "email", d.privacy_email)
    put(node, "phone", d.phone)
    put(node, "hours", d.hours)
    put(node, "address", _postal(d.street, d.postal_code, d.city))
    return node


def _identity_check(parsed: Parsed, name: str | None) -> CommentedMap | None:
    """The copy of an identity document asked for with a rights request.

    Declared because the statement describes this processing of an identity document; it gives
    no basis and no retention, and the declaration keeps that gap rather than filling it.
    """
    section = find_section(parsed.sections, "welke rechten", "uw rechten")
    if section is None:
        return None
    items = [
        line[2:].strip().rstrip(";.")
        for b in section.blocks
        for line in b.text.split("\n")
        if line.startswith("- ")
    ]
    if not any(re.search(r"legitimatiebewijs|identiteitsbewijs|paspoort", i, re.I) for i in items):
        return None
    text = section.text()
    node = CommentedMap()
    put(
        node,
        "id",
        "identificatie-rechtenverzoek",
        "the statement asks for an ID copy: no basis or retention stated",
    )
    put(node, "description", "; ".join(items) + ".")
    categories = terms.data_categories(" ".join(items))
    note = "inferred"
    if re.search(
        r"(burgerservicenummer|bsn)\W+(\w+\W+){0,3}(afdek|afscherm|onleesbaar|doorhaal)", text, re.I
    ):
        categories = [c for c in categories if c != "national-id.bsn"]
        note = "inferred; the BSN is to be covered on the copy"
    put(node, "data_categories", flow(categories), note)
    purpose = re.search(r"[Oo]m (uw verzoek in behandeling) te (?:kunnen )?(nemen)", text)
    if purpose:
        put(node, "purposes", flow([f"Uw verzoek in behandeling {purpose.group(2)}"]))
    put(node, "role", "controller", f"guessed: {name or 'the organisation'} handles the request")
    return node


def _recipients(parsed: Parsed, out: Imported) -> tuple[list[CommentedMap], list[CommentedMap]]:
    section = find_section(parsed.sections, "gedeeld", "delen", "partijen", "ontvangers")
    if section is None:
        return [], []
    recipients: list[CommentedMap] = []
    transfers: list[CommentedMap] = []
    supplier_text: list[str] = []
    transfer_text: list[str] = []
    for sentence in sentences(section.text()):
        low = sentence.lower()
        if re.search(r"buiten (europa|de eer|de europese)", low):
            transfer_text.append(sentence)
        elif re.search(r"autoriteit|politie|justitie|opsporing", low):
            recipients.append(
                _recipient("autoriteiten", "Autoriteiten", "public-authority", sentence)
            )
        elif re.search(r"alarmnummer|\b112\b|hulpdiensten", low):
            recipients.append(
                _recipient("alarmnummer-112", "Alarmnummer 112", "public-authority", sentence)
            )
        elif re.search(r"andere aanbieders", low):
            recipients.append(
                _recipient("andere-aanbieders", "Andere aanbieders", "third-party", sentence)
            )
        elif re.search(r"derde partijen|leverancier|deze partijen", low):
            supplier_text.append(sentence)
        else:
            out.note(f"a sentence on recipients (line {section.line}): {sentence[:70]}...")
    if supplier_text or transfer_text:
        supplier = _recipient(
            "leveranciers",
            "Derde partijen (leveranciers)",
            "processor",
            " ".join(supplier_text) or None,
            "guessed: suppliers bound by contract to the stated purposes",
        )
        recipients.insert(0, supplier)
    for k, sentence in enumerate(transfer_text):
        for mark, note in parsed.footnotes.items():
            if mark in sentence:
                sentence = f"{sentence} ({mark} {note})"
        node = CommentedMap()
        put(node, "id", "leveranciers-buiten-eer" + (f"-{k + 1}" if k else ""))
        put(node, "recipient", "leveranciers")
        put(node, "stated", sentence)
        transfers.append(node)
    return recipients, transfers


def _recipient(
    rid: str, name: str, kind: str, description: str | None, kind_note: str | None = None
) -> CommentedMap:
    node = CommentedMap()
    put(node, "id", rid)
    put(node, "name", name)
    put(node, "kind", kind, kind_note or "inferred from the sentence")
    put(node, "description", description)
    return node


def _rights(parsed: Parsed, email: str | None) -> CommentedMap:
    node = CommentedMap()
    for right, section in rights_sections(parsed.sections):
        how = " ".join(section.text().split())
        entry = CommentedMap()
        put(entry, "how", how)
        if right == "complaint":
            if AP.lower() in how.lower():
                put(entry, "authority", AP)
        elif email:
            put(entry, "email", email, "the privacy address of the contact section")
        put(node, right, entry)
    return node


_KNOWN = (
    "verantwoordelijk", "persoonsgegevens", "gebruikt", "gedeeld", "rechten", "bereiken",
    "contact", "cookies", "doeleinden", "partijen",
)  # fmt: skip


def _note_unread(parsed: Parsed, out: Imported) -> None:
    rights = {id(s) for _, s in rights_sections(parsed.sections)}
    for s in parsed.sections:
        if s.heading and id(s) not in rights and not any(k in s.heading.lower() for k in _KNOWN):
            out.note(f"section '{s.heading}' (line {s.line})")

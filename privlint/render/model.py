"""A parsed declaration -> the statement a reader sees: rows and fields in one language.

Only what the declaration holds is shown (an absent value stays absent), with the catalogue's
words for identifiers, durations and dates.  Values are plain text; the templates escape them.
A declaration rendered with --force may have wrong types anywhere, so every read is defensive.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from privlint.render.catalogue import Catalogue
from privlint.render.rights import RIGHT_ORDER, rights_given


def text(node: Any, key: str) -> str:
    """node[key] as text: strings and numbers; anything else (or nothing) is ''."""
    value = node.get(key) if isinstance(node, dict) else None
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return ""


def mapping(node: Any, key: str) -> dict[str, Any]:
    value = node.get(key) if isinstance(node, dict) else None
    return value if isinstance(value, dict) else {}


def items(node: Any, key: str) -> list[Any]:
    value = node.get(key) if isinstance(node, dict) else None
    return value if isinstance(value, list) else []


def texts(node: Any, key: str) -> list[str]:
    return [str(v).strip() for v in items(node, key) if isinstance(v, str | int) and str(v)]


@dataclass
class Field:
    label: str
    value: str
    href: str = ""  # mailto: or an http(s) address; empty for plain text


@dataclass
class Party:
    anchor: str
    heading: str
    fields: list[Field]
    note: str = ""


@dataclass
class ActivityRow:
    id: str
    service: str
    data: str
    subjects: str
    purposes: list[str]
    basis: str
    retention: str
    controller: str
    recipients: list[str]


@dataclass
class RecipientRow:
    name: str
    kind: str
    country: str
    description: str


@dataclass
class TransferRow:
    recipient: str
    country: str
    safeguard: str
    copy: str
    description: str


@dataclass
class SourceRow:
    activity: str
    source: str


@dataclass
class AutomatedRow:
    activity: str
    profiling: str
    logic: str
    significance: str
    safeguards: str


@dataclass
class CookieRow:
    name: str
    provider: str
    purpose: str
    category: str
    duration: str
    basis: str
    consent: str


@dataclass
class RightEntry:
    anchor: str
    right: str
    title: str
    what: str
    fields: list[Field]


@dataclass
class Section:
    anchor: str
    title: str


@dataclass
class Statement:
    language: str
    title: str
    draft: bool
    intro: str
    parties: list[Party] = field(default_factory=list)
    activities: list[ActivityRow] = field(default_factory=list)
    recipients: list[RecipientRow] = field(default_factory=list)
    transfers: list[TransferRow] = field(default_factory=list)
    sources: list[SourceRow] = field(default_factory=list)
    automated: list[AutomatedRow] = field(default_factory=list)
    cookies: list[CookieRow] = field(default_factory=list)
    rights: list[RightEntry] = field(default_factory=list)
    changes: list[str] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)


def _href(kind: str, value: str) -> str:
    if kind == "email" and "@" in value and not any(c in value for c in "\"'<> \t\n"):
        return f"mailto:{value}"
    if kind == "url" and value.lower().startswith(("https://", "http://")):
        return value
    return ""  # anything else is shown, never linked (no javascript: links)


def address(node: dict[str, Any]) -> str:
    if text(node, "text"):
        return text(node, "text")
    town = " ".join(v for v in (text(node, "postal_code"), text(node, "city")) if v)
    return ", ".join(v for v in (text(node, "street"), town, text(node, "country")) if v)


_CONTACT_KEYS = ("legal_name", "registration", "address", "email", "phone", "url", "hours")


def contact_fields(node: dict[str, Any], cat: Catalogue) -> list[Field]:
    out = [Field(cat.t("who.name"), text(node, "name"))]
    for key in _CONTACT_KEYS:
        value = address(mapping(node, key)) if key == "address" else text(node, key)
        if value:
            out.append(Field(cat.t(f"who.{key}"), value, _href(key, value)))
    return [f for f in out if f.value]


class Phrasing:
    """The declaration's values in the catalogue's words (shared by statement and register)."""

    def __init__(self, data: dict[str, Any], cat: Catalogue) -> None:
        self.data = data
        self.cat = cat
        self.controller = text(mapping(data, "controller"), "name")
        self.recipients = {
            text(r, "id"): r for r in items(data, "recipients") if isinstance(r, dict)
        }
        self.services = {text(s, "id"): text(s, "name") for s in items(data, "services")}
        self.activities = [a for a in items(data, "activities") if isinstance(a, dict)]

    def recipient_name(self, rid: str) -> str:
        return text(self.recipients.get(rid), "name") or rid

    def parties(self) -> list[Party]:
        cat, data = self.cat, self.data
        out = []
        controller = mapping(data, "controller")
        if controller:
            out.append(
                Party("controller", cat.t("who.controller"), contact_fields(controller, cat))
            )
        for key, heading in (
            ("privacy_contact", "who.privacy_contact"),
            ("eu_representative", "who.eu_representative"),
        ):
            node = mapping(data, key)
            fields = contact_fields(node, cat)
            if fields:
                out.append(Party(key.replace("_", "-"), cat.t(heading), fields))
        dpo = mapping(data, "dpo")
        if dpo.get("appointed") is True:
            fields = contact_fields(dpo, cat)
            out.append(Party("dpo", cat.t("who.dpo"), fields))
        elif dpo.get("appointed") is False:
            out.append(Party("dpo", cat.t("who.dpo"), [], cat.t("who.no_dpo")))
        authority = mapping(data, "supervisory_authority")
        fields = [
            Field(cat.t("who.name"), text(authority, "name")),
            Field(cat.t("who.url"), text(authority, "url"), _href("url", text(authority, "url"))),
        ]
        if any(f.value for f in fields):
            out.append(Party("authority", cat.t("who.authority"), [f for f in fields if f.value]))
        return out

    def basis(self, a: dict[str, Any]) -> str:
        cat = self.cat
        basis_id = text(a, "legal_basis")
        label = cat.label("bases", basis_id) if basis_id else text(a, "legal_basis_stated")
        detail = ""
        if basis_id == "gdpr-6-1-f":
            detail = text(a, "legitimate_interest")
        elif basis_id == "gdpr-6-1-c":
            detail = text(mapping(a, "legal_obligation"), "law")
        out = cat.t("basis_with", basis=label, detail=detail) if label and detail else label
        condition = text(a, "special_category_condition")
        if condition:
            special = cat.t("special_condition", condition=condition)
            out = f"{out}; {special}" if out else special
        return out

    def retention(self, r: dict[str, Any]) -> str:
        cat = self.cat
        if r.get("set_by_controller") is True:
            return cat.t("retention.set_by_controller")
        until, period, after = text(r, "until"), text(r, "period"), text(r, "after")
        if until and until != "other":
            event = cat.label("events", until)
            if after:
                return cat.t("retention.until_after", duration=cat.duration(after), event=event)
            return cat.t("retention.until", event=event)
        if period:
            return cat.t("retention.period", duration=cat.duration(period))
        return text(r, "criteria") or text(r, "stated")

    def controller_cell(self, a: dict[str, Any]) -> str:
        role = text(a, "role") or "controller"
        if role == "controller":
            return self.cat.t("roles.controller", controller=self.controller)
        who = text(a, "controller")
        if role in ("processor", "joint-controller"):
            if who:
                return self.cat.t(f"roles.{role}", controller=who)
            return self.cat.t(f"roles.{role}_unnamed")
        return who

    def activity_rows(self) -> list[ActivityRow]:
        cat = self.cat
        rows = []
        for a in self.activities:
            rows.append(
                ActivityRow(
                    id=text(a, "id"),
                    service=self.services.get(text(a, "service"), text(a, "service")),
                    data=text(a, "description") or ", ".join(texts(a, "data_categories")),
                    subjects=", ".join(cat.label("subjects", s) for s in texts(a, "data_subjects")),
                    purposes=texts(a, "purposes"),
                    basis=self.basis(a),
                    retention=self.retention(mapping(a, "retention")),
                    controller=self.controller_cell(a),
                    recipients=[self.recipient_name(r) for r in texts(a, "recipients")],
                )
            )
        return rows

    def recipient_rows(self) -> list[RecipientRow]:
        return [
            RecipientRow(
                name=text(r, "name") or text(r, "id"),
                kind=self.cat.label("kinds", text(r, "kind")) if text(r, "kind") else "",
                country=text(r, "country"),
                description=text(r, "description"),
            )
            for r in self.recipients.values()
        ]

    def transfer_rows(self) -> list[TransferRow]:
        cat = self.cat
        rows = []
        for t in items(self.data, "transfers"):
            if not isinstance(t, dict):
                continue
            mechanism = text(t, "mechanism")
            safeguard = cat.label("mechanisms", mechanism) if mechanism else cat.t("no_safeguard")
            if mechanism == "derogation" and text(t, "derogation"):
                safeguard = f"{safeguard} ({text(t, 'derogation')})"
            rows.append(
                TransferRow(
                    recipient=self.recipient_name(text(t, "recipient")),
                    country=text(t, "country") or text(t, "international_organisation"),
                    safeguard=safeguard,
                    copy=text(t, "reference"),
                    description=text(t, "stated"),
                )
            )
        return rows

    def source_rows(self) -> list[SourceRow]:
        return [
            SourceRow(text(a, "name") or text(a, "description") or text(a, "id"), text(a, "source"))
            for a in self.activities
            if text(a, "source")
        ]

    def automated_rows(self) -> list[AutomatedRow]:
        cat = self.cat
        rows = []
        for a in self.activities:
            adm = mapping(a, "automated_decision_making")
            if adm.get("used") is not True:
                continue
            profiling = (
                "automated.profiling_yes"
                if adm.get("profiling") is True
                else "automated.profiling_no"
            )
            rows.append(
                AutomatedRow(
                    activity=text(a, "name") or text(a, "description") or text(a, "id"),
                    profiling=cat.t(profiling),
                    logic=text(adm, "logic"),
                    significance=text(adm, "significance"),
                    safeguards=text(adm, "safeguards"),
                )
            )
        return rows

    def cookie_rows(self) -> list[CookieRow]:
        cat = self.cat
        rows = []
        for c in items(self.data, "cookies"):
            if not isinstance(c, dict):
                continue
            retention = text(c, "retention")
            consent = c.get("consent_required")
            rows.append(
                CookieRow(
                    name=text(c, "name"),
                    provider=text(c, "provider"),
                    purpose=text(c, "purpose"),
                    category=cat.label("cookie_categories", text(c, "category"))
                    if text(c, "category")
                    else "",
                    duration=cat.t("retention.session")
                    if retention == "session"
                    else cat.duration(retention)
                    if retention
                    else "",
                    basis=cat.label("bases", text(c, "legal_basis"))
                    if text(c, "legal_basis")
                    else "",
                    consent=cat.t("text.true_word" if consent else "text.false_word")
                    if isinstance(consent, bool)
                    else "",
                )
            )
        return rows

    def right_entries(self, automated: bool) -> list[RightEntry]:
        cat = self.cat
        declared = mapping(self.data, "rights")
        controller = [a for a in self.activities if text(a, "role") != "processor"]
        bases = {text(a, "legal_basis") for a in controller}
        bases |= {text(a, "special_category_condition") for a in controller}
        bases |= {text(c, "legal_basis") for c in items(self.data, "cookies")}
        given = rights_given(self.data, bases, automated)
        authority = mapping(self.data, "supervisory_authority")
        out = []
        for right in RIGHT_ORDER:
            entry = declared.get(right)
            if right not in given or not isinstance(entry, dict):
                continue
            fields = []
            for key in ("how", "email", "url", "authority", "conditions"):
                value = text(entry, key)
                if right == "complaint" and not value and key in ("authority", "url"):
                    value = text(authority, "name" if key == "authority" else "url")
                if value:
                    fields.append(Field(cat.t(f"right_fields.{key}"), value, _href(key, value)))
            out.append(
                RightEntry(
                    f"right-{right}",
                    right,
                    cat.t(f"rights.{right}.title"),
                    cat.t(f"rights.{right}.what"),
                    fields,
                )
            )
        return out

    def changes(self) -> list[str]:
        cat, st = self.cat, mapping(self.data, "statement")
        out = []
        if text(st, "last_updated"):
            out.append(cat.t("text.last_updated", date=cat.date(text(st, "last_updated"))))
        if text(st, "version"):
            out.append(cat.t("text.version", version=text(st, "version")))
        if text(st, "url"):
            out.append(cat.t("text.published_at", url=text(st, "url")))
        return out


def build_statement(data: Any, cat: Catalogue, *, draft: bool = False) -> Statement:
    """The statement for a parsed declaration (a dict; anything else gives an empty page)."""
    b = Phrasing(data if isinstance(data, dict) else {}, cat)
    st = mapping(b.data, "statement")
    statement_language = text(st, "language").split("-")[0]
    title = text(st, "title") if statement_language == cat.language else ""
    automated = b.automated_rows()
    s = Statement(
        language=cat.language,
        title=title or cat.t("text.title"),
        draft=draft,
        intro=cat.t("text.intro", controller=b.controller) if b.controller else "",
        parties=b.parties(),
        activities=b.activity_rows(),
        recipients=b.recipient_rows(),
        transfers=b.transfer_rows(),
        sources=b.source_rows(),
        automated=automated,
        cookies=b.cookie_rows(),
        rights=b.right_entries(bool(automated)),
        changes=b.changes(),
    )
    present = {
        "who": s.parties,
        "data": s.activities,
        "recipients": s.recipients,
        "transfers": s.transfers,
        "sources": s.sources,
        "automated": s.automated,
        "cookies": s.cookies,
        "rights": s.rights,
        "changes": s.changes,
    }
    s.sections = [Section(k, cat.t(f"sections.{k}")) for k, v in present.items() if v]
    return s

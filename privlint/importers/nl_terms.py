"""Dutch wording of privacy statements -> declaration identifiers.

Each function returns None (or an empty result) when the words are not understood: the
importer then keeps the text as stated and says so, rather than guessing a value.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from dataclasses import dataclass

_UNITS = {
    "een": 1, "één": 1, "eén": 1, "twee": 2, "drie": 3, "vier": 4, "vijf": 5,
    "zes": 6, "zeven": 7, "acht": 8, "negen": 9, "tien": 10, "elf": 11, "twaalf": 12,
    "dertien": 13, "veertien": 14, "vijftien": 15, "zestien": 16, "zeventien": 17,
    "achttien": 18, "negentien": 19,
}  # fmt: skip
_TENS = {
    "twintig": 20, "dertig": 30, "veertig": 40, "vijftig": 50, "zestig": 60,
    "zeventig": 70, "tachtig": 80, "negentig": 90, "honderd": 100,
}  # fmt: skip
_UNIT_LETTER = {
    "dag": "D", "dagen": "D", "week": "W", "weken": "W", "maand": "M", "maanden": "M",
    "jaar": "Y", "jaren": "Y",
}  # fmt: skip
MONTHS = {
    "januari": 1, "februari": 2, "maart": 3, "april": 4, "mei": 5, "juni": 6, "juli": 7,
    "augustus": 8, "september": 9, "oktober": 10, "november": 11, "december": 12,
}  # fmt: skip


def number(word: str) -> int | None:
    """'drie' -> 3, 'vierentwintig' -> 24, '90' -> 90; None when not a number."""
    w = unicodedata.normalize("NFC", word.lower().strip())
    if w.isdigit():
        return int(w)
    if w in _UNITS:
        return _UNITS[w]
    if w in _TENS:
        return _TENS[w]
    # compound tens: 'vierentwintig' = vier + en + twintig ('ën' after a vowel: 'tweeëntwintig')
    m = re.fullmatch(r"(\w+?)[eë]n(\w+ig)", w)
    if m and m.group(1) in _UNITS and m.group(2) in _TENS and _UNITS[m.group(1)] < 10:
        return _UNITS[m.group(1)] + _TENS[m.group(2)]
    return None


_DURATION = re.compile(
    # \b: a number-word starts at a word's start, so a long word is scanned once, not once
    # from each of its characters (that was quadratic)
    r"\b(?P<n>\w+)\s+(?P<unit>dagen|dag|weken|week|maanden|maand|jaren|jaar)\b"
)


def duration(text: str) -> str | None:
    """The first '<number> <unit>' in the text as ISO 8601 ('Zes maanden' -> 'P6M')."""
    low = text.lower()
    if re.search(r"\banderhalf jaar\b", low):
        return "P18M"
    if re.search(r"\b(een )?half jaar\b", low):
        return "P6M"
    for m in _DURATION.finditer(low):
        n = number(m.group("n"))
        if n is not None and n > 0:
            return f"P{n}{_UNIT_LETTER[m.group('unit')]}"
    return None


@dataclass(frozen=True, slots=True)
class Retention:
    period: str | None = None
    until: str | None = None
    after: str | None = None
    set_by_controller: bool = False
    note: str | None = None  # why a value is a reading rather than a plain translation


_EVENTS = (
    (
        re.compile(r"einde (van de )?(dienstverlening|overeenkomst|contract|abonnement)"),
        "end-of-contract",
    ),
    (re.compile(r"(opzegging|beëindiging) (van )?(het |de )?(account)"), "account-closure"),
    (re.compile(r"(intrekking|intrekken) (van )?(de )?toestemming"), "consent-withdrawn"),
    (re.compile(r"einde (van het |de )?(dienstverband|arbeidsovereenkomst)"), "employment-ended"),
    (re.compile(r"afhandeling van (uw |het )?(verzoek|vraag|klacht)"), "request-handled"),
)


def retention(text: str) -> Retention | None:
    """A retention cell in Dutch; None when it cannot be read."""
    low = unicodedata.normalize("NFC", text.lower())
    if re.search(r"afhankelijk van de (gebruiker|klant|opdrachtgever)", low):
        return Retention(set_by_controller=True)
    for pattern, event in _EVENTS:
        if pattern.search(low):
            after = duration(low) if re.search(r"\bna\b", low) else None
            return Retention(until=event, after=after)
    period = duration(low)
    if period is None:
        return None
    note = "'standaard': the statement names no exceptions" if "standaard" in low else None
    return Retention(period=period, note=note)


def date(text: str) -> str | None:
    """'14 mei 2020' -> '2020-05-14' (first such date in the text)."""
    for m in re.finditer(r"\b(\d{1,2})\s+([a-z]+)\s+(\d{4})\b", text.lower()):
        month = MONTHS.get(m.group(2))
        if month:
            try:  # '31 februari' is no date
                return datetime.date(int(m.group(3)), month, int(m.group(1))).isoformat()
            except ValueError:
                continue
    return None


@dataclass(frozen=True, slots=True)
class Basis:
    basis: str | None
    label: str  # the label as stated, e.g. 'Gerechtigd belang'
    rest: str | None  # the sentences after the label (the interest, or the law)
    note: str | None = None


_BASES = (
    (re.compile(r"toestemming"), "gdpr-6-1-a"),
    (re.compile(r"overeenkomst|contract"), "gdpr-6-1-b"),
    (re.compile(r"wettelijke (verplichting|plicht|bewaarplicht)"), "gdpr-6-1-c"),
    (re.compile(r"vita(al|le) belang"), "gdpr-6-1-d"),
    (re.compile(r"(algemeen belang|publieke taak|openbaar gezag)"), "gdpr-6-1-e"),
    (re.compile(r"gerechtvaardigde? belang"), "gdpr-6-1-f"),
)  # fmt: skip
# common misspellings of 'gerechtvaardigd belang' seen in published statements
_LOOSE_F = re.compile(r"gerech\w* belang|legitie?me? belang")


def legal_basis(cell: str) -> Basis:
    """'Gerechtvaardigd belang. X gebruikt ...' -> gdpr-6-1-f, label, interest."""
    cell = cell.strip()
    label, rest = cell, ""
    m = re.search(r"[.:;]\s+", cell)
    paren = cell.find(" (") if cell.endswith(")") else -1
    if paren > 0 and (m is None or paren < m.start()):
        # 'Wettelijke verplichting (Telecommunicatiewet art. 13.2a)'
        label, rest = cell[:paren], cell[paren + 2 : -1]
    elif m:  # 'Gerechtvaardigd belang. X gebruikt ...'
        label, rest = cell[: m.start()], cell[m.end() :]
    label, rest = label.rstrip(".").strip(), rest.strip()
    low = label.lower()
    for pattern, basis in _BASES:
        if pattern.search(low):
            return Basis(basis, label, rest or None)
    if _LOOSE_F.search(low):
        return Basis("gdpr-6-1-f", label, rest or None, f"'{label}' read as gerechtvaardigd belang")
    return Basis(None, label, rest or None)


# Data categories from the words of a description.  Order does not matter; the result keeps
# the taxonomy order of first match.  Patterns run on lower-case text.
_CATEGORIES: tuple[tuple[str, str], ...] = (
    (r"(?<![\w-])naam\b|\bnamen\b", "contact.name"),
    (r"telefoonnummer|mobiel nummer", "contact.phone"),
    (r"e-?mailadres|\bmailadres", "contact.email"),
    (r"(?<![\w-])(post|woon|factuur|afleveradres|adres)\b(?!-)", "contact.postal-address"),
    (r"contactgegevens", "contact"),
    (r"bedrijfsnaam|organisatienaam", "organisation"),
    (r"facturatie|factuur", "financial.billing"),
    (r"bankrekening|\biban\b|rekeningnummer", "financial.bank-account"),
    (r"creditcard|betaalkaart", "financial.payment-card"),
    (r"burgerservicenummer|\bbsn\b", "national-id.bsn"),
    (
        r"paspoort|legitimatiebewijs|identiteitsbewijs|identiteitskaart|rijbewijs",
        "identity-document",
    ),
    (r"\bip[- ]?adres", "online-identifier.ip-address"),
    (r"mac[- ]?adres|\bimei\b|simkaartnummer|toestelnummer", "online-identifier.device-id"),
    (r"\b(service|line) ?(id|ld|lid)\b", "online-identifier"),  # ServiceId, LineId (also misread)
    (r"\bcookies?\b", "online-identifier.cookie-id"),
    (r"geïnstalleerde software|apparaat ?type|type apparaat", "device"),
    (r"gebruikgegevens|verkeersinformatie|verkeersgegevens|belgegevens", "traffic"),
    (r"met wie, waar|grensovergang|locatie", "location"),
    (
        r"(gesprek|geluid)s?\w*name|opnames? van (uw )?gesprek",
        "communication-content.call-recording",
    ),
    (
        r"inhoud van (uw )?(e-?mails?|berichten)|e-?mailberichten|mailbox",
        "communication-content.message",
    ),
    (r"bezoekstatistiek|statistische cookies|analytics", "usage.analytics"),
    (r"log ?files|logbestand|logging", "usage.logs"),
    (r"gebruik gegevens|bundelnotificatie|gebruiksgegevens", "usage"),
    (r"\brechten\b|inloggen|wachtwoord|gebruikersnaam", "account.credentials"),
    (r"gebruikers ?informatie|account", "account"),
    (r"aangeleverd door|ingevulde gegevens|supportvragen", "user-provided"),
    (r"gezondheid|medisch", "special.health"),
    (r"strafrechtelijk|strafblad|\bvog\b", "criminal"),
)
_COMPILED = tuple((re.compile(p), c) for p, c in _CATEGORIES)


def data_categories(text: str) -> list[str]:
    low = unicodedata.normalize("NFC", text.lower())
    found: list[str] = []
    for pattern, cat in _COMPILED:
        if pattern.search(low) and cat not in found:
            found.append(cat)
    return found


_SUBJECTS: tuple[tuple[str, str], ...] = (
    (r"contactpersoon", "customer-contacts"),
    (r"sleutelhouder", "key-holders"),
    (r"u ons belt|bellers", "callers"),
    (r"contactformulier|bezoekstatistiek|website", "website-visitors"),
    (r"applicatie|\bapp\b", "app-users"),
    (r"uw gesprekken|is gebeld|toestel|simkaart|ip-adres|gebruiker", "end-users"),
    (r"telefoonnummer contacten|contacten\b", "contacts-of-users"),
    (r"sollicit", "job-applicants"),
    (r"medewerker|werknemer|personeel", "employees"),
)
_SUBJECTS_COMPILED = tuple((re.compile(p), s) for p, s in _SUBJECTS)


def data_subjects(text: str) -> list[str]:
    low = text.lower()
    return [s for p, s in _SUBJECTS_COMPILED if p.search(low)]


def slug(text: str, fallback: str = "item") -> str:
    """An identifier from Dutch words: 'VoIP-telefonie' -> 'voip-telefonie'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    s = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return s[:60].rstrip("-") or fallback

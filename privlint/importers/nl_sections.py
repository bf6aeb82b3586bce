"""The prose sections of a Dutch statement: purposes, recipients, rights, contact details."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from privlint.importers.nl_text import Section

SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")


def sentences(text: str) -> list[str]:
    return [s.strip() for s in SENTENCE_END.split(text.replace("\n", " ")) if s.strip()]


def find_section(sections: list[Section], *words: str) -> Section | None:
    for s in sections:
        low = s.heading.lower()
        if any(w in low for w in words):
            return s
    return None


def general_purposes(section: Section) -> list[str]:
    """'... verwerkt X uw gegevens voor het leveren van diensten.' -> 'Leveren van diensten'."""
    out: list[str] = []
    for block in section.blocks:
        m = re.search(r"\b(?:voor|bij) het ([^.,;]+)", block.text)
        if m:
            phrase = m.group(1).strip()
            out.append(phrase[:1].upper() + phrase[1:])
    return out


# Rights by their headings.  One heading may name two rights ('Bezwaar en verwijdering').
RIGHT_HEADINGS: tuple[tuple[str, str], ...] = (
    ("inzage", "access"),
    ("correctie", "rectification"),
    ("rectificatie", "rectification"),
    ("verwijdering", "erasure"),
    ("vergetelheid", "erasure"),
    ("beperk", "restriction"),
    ("bezwaar", "objection"),
    ("overdracht", "portability"),
    ("overdraagbaar", "portability"),
    ("dataportabiliteit", "portability"),
    ("klacht", "complaint"),
    ("intrekken", "withdraw-consent"),
    ("geautomatiseerd", "automated-decision"),
)


def rights_sections(sections: list[Section]) -> list[tuple[str, Section]]:
    out: list[tuple[str, Section]] = []
    for s in sections:
        low = s.heading.lower()
        for word, right in RIGHT_HEADINGS:
            if word in low and all(r != right for r, _ in out):
                out.append((right, s))
    order = [r for _, r in RIGHT_HEADINGS]
    return sorted(out, key=lambda pair: order.index(pair[0]))


@dataclass
class Contact:
    street: str | None = None
    postal_code: str | None = None
    city: str | None = None
    phone: str | None = None
    hours: str | None = None
    privacy_email: str | None = None
    general_emails: list[str] = field(default_factory=list)


_EMAIL = r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
_ADDRESS = re.compile(
    # bounded repeats: a hostile line must not make this quadratic
    r"adres is:?\s{0,5}(?P<street>[^,\n]{1,80}?),?\s{1,5}(?P<pc>\d{4}\s?[A-Z]{2})\s{1,5}"
    r"(?P<city>[^\n.]{1,60}?)(?=\.\s|\.?$|\.?\n|\s+(?:Van|Op|Wij|U|Tel|Voor)\b)",
    re.M,
)


def contact(text: str) -> Contact:
    c = Contact()
    m = _ADDRESS.search(text)
    if m:
        c.street, c.postal_code, c.city = m.group("street"), m.group("pc"), m.group("city").strip()
    m = re.search(
        r"bereikbaar (?:op|via)(?: telefoonnummer)?\s{1,5}(\+?[0-9][0-9 ()-]{6,30}[0-9])", text
    )
    if m:
        c.phone = m.group(1).strip()
    m = re.search(r"\b((?:[Vv]an|[Oo]p) maandag[^\n]{0,80}?uur)", text)
    if m:
        c.hours = m.group(1)
    m = re.search(r"privacy[^@\n]{0,200}?(" + _EMAIL + ")", text, re.I)
    if m:
        c.privacy_email = m.group(1).rstrip(".")
    m = re.search(r"algemene vragen[^\n]*", text, re.I)
    if m:
        c.general_emails = [e.rstrip(".") for e in re.findall(_EMAIL, m.group(0))]
    return c

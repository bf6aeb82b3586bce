"""TILT values -> declaration values: text cleaning, legal bases, durations, data categories.

TILT documents in the wild are often incomplete: empty lists and nulls stand where strings
belong, and placeholders ('...', 'N/A') where nothing was known.  `text` reads all of those as
absent, so that the importer never writes an empty or placeholder value.
"""

from __future__ import annotations

import re
from typing import Any

from privlint.importers.writer import CONTROL

_PLACEHOLDER = re.compile(r"^(?:\.{2,}|-+|n/?a|null|none|tbd|todo|unknown|\?+|\[\]|x+)$", re.I)
EMAIL = re.compile(r"^[^@\s]+@[^@\s][^@\s.]*\.[^@\s]+$")  # the schema's, linear
URL = re.compile(r"^https?://\S+$")
COUNTRY = re.compile(r"^[A-Z]{2}$")
DURATION = re.compile(
    r"^P(?:\d+W|(?=\d|T\d)(?:\d+Y)?(?:\d+M)?(?:\d+D)?(?:T(?=\d)(?:\d+H)?(?:\d+M)?(?:\d+S)?)?)$"
)


def text(value: Any) -> str | None:
    """A non-empty, non-placeholder string (a list of strings is joined); else None."""
    if isinstance(value, list):
        parts = [t for t in (text(v) for v in value) if t]
        return "; ".join(parts) if parts else None
    if not isinstance(value, str):
        return None
    cleaned = CONTROL.sub("", value)
    cleaned = re.sub(r"[ \t\u00a0\u200b]+", " ", cleaned).strip()
    cleaned = re.sub(r"\s*\n\s*", "\n", cleaned)
    if not cleaned or _PLACEHOLDER.match(cleaned):
        return None
    return cleaned


def joined(parts: list[str]) -> str | None:
    """Sentences joined as prose: '; ' only between parts that do not end a sentence."""
    out = ""
    for part in parts:
        if out:
            out += " " if out.endswith((".", "!", "?", ":")) else "; "
        out += part
    return out or None


_ART9 = re.compile(
    r"art(?:\.|ikel|icle)?\s*9\s*(?:\(2\)|abs\.?\s*2|para\.?\s*2)\s*(?:\(|lit\.?\s*)?([a-j])\b",
    re.I,
)


def special_condition(text_: str | None) -> str | None:
    """'Art. 9 (2) a) iVm Art. 6 ...' -> 'gdpr-9-2-a'."""
    m = _ART9.search(text_ or "")
    return f"gdpr-9-2-{m.group(1).lower()}" if m else None


_NEGATED = re.compile(
    r"\b(erfolgt nicht|findet nicht statt|nutzen keine|"
    r"keine[rn]?\b.*\b(automatisiert|entscheidung)|"
    r"does not|do not|we don't|not used|no automated)",
    re.I,
)


def says_not_used(text_: str | None) -> bool:
    """Prose that denies what a flag asserts ('... erfolgt nicht')."""
    return bool(text_ and _NEGATED.search(text_))


# Words that say where a safeguard can be had (English, German, Dutch); with a link or an
# e-mail address they make a safeguard's description the place of its copy
_WHERE_WORDS = (
    "can be found", "can be obtained", "can be requested", "available at", "available on",
    "available from", "on request", "upon request", "finden sie", "einsehen", "abrufbar",
    "erhältlich", "auf anfrage", "anfordern", "op verzoek", "te vinden",
)  # fmt: skip
_WHERE = re.compile(
    r"https?://|www\.|@[^@\s.]+\.[a-z]{2,}|\b(?:" + "|".join(_WHERE_WORDS) + ")", re.I
)


def says_where(text_: str | None) -> bool:
    """A safeguard's text that says where a copy is (Art. 13(1)(f)): a URL, an e-mail
    address, 'can be found at', 'auf Anfrage', ...; a text that only names it does not."""
    if not text_:
        return False
    return _WHERE.search(text_) is not None


def one_line(value: str) -> str:
    return re.sub(r"\s*\n\s*", ", ", value)


def mapping(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def items(value: Any) -> list[dict[str, Any]]:
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


# 'GDPR-6-1-a', 'DSGVO-6-1-f', 'Art. 6(1)(f) GDPR', 'Art. 6 Abs. 1 lit. b DSGVO',
# 'Art. 6 (1) f DSGVO', 'Art. 6 (1) 1 b) DSGVO'
_BASIS = re.compile(
    r"(?:gdpr|dsgvo|avg|rgpd)-6-1-([a-f])\b"
    r"|art(?:\.|ikel|icle)?\s*6\s*(?:\(1\)|abs\.?\s*1|para(?:graph)?\.?\s*1)\s*(?:s(?:atz|\.)?\s*1\s*|1\s*)?"
    r"(?:\(|lit\.?\s*|letter\s*)?([a-f])\b",
    re.I,
)


def legal_basis(reference: str | None, description: str | None = None) -> str | None:
    """The Art. 6(1) id named by a TILT reference (or, failing that, its description)."""
    for source in (reference, description):
        if source:
            m = _BASIS.search(source)
            if m:
                return f"gdpr-6-1-{(m.group(1) or m.group(2)).lower()}"
    return None


def duration(ttl: str | None) -> tuple[str | None, str | None]:
    """A TILT ttl -> (ISO 8601 duration valid for the declaration, note when it was changed).

    TILT's own example prefixes a timestamp ('2020-08-09T18:31:42P3Y6M4D'); the corpus also
    writes hours without the 'T' ('P72H'), which ISO 8601 reads as invalid.
    """
    if not ttl:
        return None, None
    m = re.search(r"P[0-9YMWDTHS]+$", ttl.strip())
    if not m:
        return None, None
    value = m.group(0)
    if DURATION.match(value):
        return value, None if value == ttl.strip() else f"from ttl '{ttl.strip()}'"
    fixed = re.sub(r"^P(\d+[HS])$", r"PT\1", value)
    if DURATION.match(fixed):
        return fixed, f"ttl '{value}' written with the time designator T"
    return None, None


_DAYS = {"Y": 365, "M": 30, "W": 7, "D": 1}


def approx_days(period: str) -> float:
    """For choosing the longest of several periods; hours count as fractions of a day."""
    date_part, _, time_part = period[1:].partition("T")
    days = sum(int(n) * _DAYS[u] for n, u in re.findall(r"(\d+)([YMWD])", date_part))
    hours = sum(
        int(n) / (24 if u == "H" else 1440) for n, u in re.findall(r"(\d+)([HM])", time_part)
    )
    return days + hours


# English and German words in TILT 'category' fields -> taxonomy ids
_CATEGORIES: tuple[tuple[str, str], ...] = (
    (r"e-?mail", "contact.email"),
    (r"telefon|phone|handynummer|mobilnummer", "contact.phone"),
    (r"(?<![\w-])(vor- und nachname|vorname|nachname|name|namen)\b", "contact.name"),
    (r"(?<!ip-)(?<!ip )(?<!mail-)\b(post)?(anschrift|adresse|address)\b", "contact.postal-address"),
    (r"kontaktdaten|contact (details|information)", "contact"),
    (r"\bip\b|ip-adress|internet protocol", "online-identifier.ip-address"),
    (r"cookie", "online-identifier.cookie-id"),
    (r"geräte-?id|device id|werbe-?id|advertising id|kennung", "online-identifier.device-id"),
    (r"gerätedaten|betriebssystem|operating system|browser|device|geräte", "device"),
    (r"standort|location|gps|aufenthalt", "location"),
    (r"passwort|password|zugangsdaten|credentials", "account.credentials"),
    (r"konto(?!nummer)|account|profil", "account"),
    (r"kontonummer|iban|bankverbindung|bank account|kontodaten", "financial.bank-account"),
    (r"kreditkarte|credit card|zahlungs|payment", "financial"),
    (r"gesundheit|health|medizin|impf|genesen", "special.health"),
    (r"religi|weltanschau", "special.religious-beliefs"),
    (r"politisch|political", "special.political-opinions"),
    (r"ethni|rassisch|racial", "special.racial-ethnic-origin"),
    (r"gewerkschaft|trade union", "special.trade-union-membership"),
    (r"biometri|fingerabdruck|gesichtserkennung|face ?print", "special.biometric"),
    (r"sexual|sexuell", "special.sexual-orientation"),
    (r"strafrecht|criminal|straftat", "criminal"),
    (r"personalausweis|ausweis|passport|reisepass|identity document", "identity-document"),
    (r"log-?files?|protokoll|server ?logs?", "usage.logs"),
    (r"analyse|analytics|statisti|zählpixel|tracking", "usage.analytics"),
    (r"nutzung|usage|aktivität|activity|interaktion|interaction", "usage"),
    (r"nachricht|message|chat|kommunikationsinhalt", "communication-content.message"),
    (r"bewerbung|lebenslauf|application documents", "employment"),
)
_COMPILED = tuple((re.compile(p, re.I), c) for p, c in _CATEGORIES)


def data_categories(words: str) -> list[str]:
    found: list[str] = []
    for pattern, cat in _COMPILED:
        if pattern.search(words) and cat not in found:
            found.append(cat)
    return found


# Country names as TILT authors wrote them (English, German, Dutch) -> ISO 3166-1 alpha-2
_COUNTRY_NAMES = {
    "DE": ("germany", "deutschland", "duitsland", "bundesrepublik deutschland"),
    "AT": ("austria", "österreich", "oostenrijk"),
    "CH": ("switzerland", "schweiz", "zwitserland"),
    "NL": ("netherlands", "the netherlands", "niederlande", "nederland"),
    "BE": ("belgium", "belgien", "belgië"),
    "LU": ("luxembourg", "luxemburg"),
    "FR": ("france", "frankreich", "frankrijk"),
    "IT": ("italy", "italien", "italië", "italia"),
    "ES": ("spain", "spanien", "spanje"),
    "IE": ("ireland", "irland", "ierland"),
    "SE": ("sweden", "schweden", "zweden", "sverige"),
    "DK": ("denmark", "dänemark", "denemarken"),
    "FI": ("finland", "finnland"),
    "PL": ("poland", "polen"),
    "GB": ("united kingdom", "vereinigtes königreich", "verenigd koninkrijk", "england", "uk"),
    "US": ("united states", "united states of america", "usa", "vereinigte staaten", "u.s.",
           "verenigde staten"),
    "IN": ("india", "indien"),
    "CA": ("canada", "kanada"),
    "JP": ("japan",),
    "IL": ("israel",),
    "SG": ("singapore", "singapur"),
    "AU": ("australia", "australien"),
}  # fmt: skip
_BY_NAME = {name: code for code, names in _COUNTRY_NAMES.items() for name in names}
_NAME_SEARCH = re.compile(
    r"(?<![\w.])("
    + "|".join(re.escape(n) for n in sorted(_BY_NAME, key=len, reverse=True))
    + r")(?![\w])",
    re.I,
)


def country(value: str | None) -> tuple[str | None, str | None]:
    """A TILT country field -> (ISO code, note when the code was read from words)."""
    if not value:
        return None, None
    v = value.strip()
    if COUNTRY.match(v):
        return v, None
    if re.fullmatch(r"[A-Za-z]{2}", v):
        return v.upper(), f"written '{v}'"
    code = _BY_NAME.get(v.lower())
    if code:
        return code, f"from the name '{v}'"
    # an address written into the field: the country is its last line or last segment; in
    # prose ('... außerhalb der EU, des EWR und der Schweiz ...') a country name is no answer
    last = re.split(r"[\n,]", v)[-1].strip().rstrip(".")
    code = _BY_NAME.get(last.lower())
    if code:
        return code, f"from '{last}' at the end of the text"
    return None, None


_CODE_NAMES = {"IR": "Iran", "AT": "Austria", "IS": "Iceland", "SE": "Sweden", "SI": "Slovenia"}


def contradiction(code: str | None, words: str | None) -> str | None:
    """'IR' beside 'Ireland' is a slip for IE: keep the code as written, but say so."""
    if not code or not words:
        return None
    named = {_BY_NAME[n.lower()] for n in _NAME_SEARCH.findall(words)}
    if named and code not in named:
        other = "/".join(sorted(named))
        meaning = f" ({_CODE_NAMES[code]})" if code in _CODE_NAMES else ""
        return f"code {code}{meaning}, but the text names {other}"
    return None

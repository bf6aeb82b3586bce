"""Reference data (EEA, adequacy, article ids, taxonomy, ages, ...) from privlint/data/*.yaml.

Each data file carries its source and the date it was checked; the engine passes one
`ReferenceData` to every function so that tests can substitute their own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from privlint.resources import data_dir


@dataclass(frozen=True)
class Adequacy:
    code: str
    name: str
    decision: str
    limits: str = ""
    notes: str = ""
    requires: dict[str, Any] = field(default_factory=dict)
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Category:
    id: str
    label: str
    tags: frozenset[str]


@dataclass(frozen=True)
class ConsentAge:
    """A state's age of digital consent (GDPR Art. 8(1)); `age` None: not confirmed."""

    code: str
    age: int | None
    provision: str
    notes: str = ""


@dataclass(frozen=True)
class ReferenceData:
    eea: frozenset[str]
    adequacy: dict[str, Adequacy]
    organisations: dict[str, Adequacy]
    lists: dict[str, dict[str, str]]
    categories: dict[str, Category]  # taxonomy ids and mapped fideslang keys
    scc_current: str = ""
    scc_repealed: tuple[str, ...] = ()
    country_aliases: dict[str, str] = field(default_factory=dict)
    country_names: dict[str, str] = field(default_factory=dict)
    phrases: dict[str, tuple[str, ...]] = field(default_factory=dict)  # list -> its phrases
    consent_ages: dict[str, ConsentAge] = field(default_factory=dict)
    default_consent_age: ConsentAge = ConsentAge("", 16, "GDPR Art. 8(1)")
    cookie_exemptions: dict[str, str] = field(default_factory=dict)  # id -> where the law says it

    def country(self, code: Any) -> str | None:
        """The ISO 3166-1 code a country code means: 'uk' and 'UK' are GB, 'EL' is GR."""
        if not isinstance(code, str) or len(code) != 2 or not code.isascii():
            return None
        upper = code.upper()
        return self.country_aliases.get(upper, upper)

    def in_eea(self, code: Any) -> bool:
        canonical = self.country(code)
        return canonical is not None and canonical in self.eea

    def mentions(self, text: Any, phrase_list: str) -> str | None:
        """The first phrase of a list in privlint/data/phrases.yaml that `text` contains.

        Matching ignores case and runs of white space; a phrase matches whole words only, so
        'soc 2' is not found in 'soc 20'.
        """
        if not isinstance(text, str):
            return None
        folded = " ".join(text.casefold().split())
        for pattern in _phrase_patterns(self.phrases.get(phrase_list, ())):
            found = pattern.search(folded)
            if found:
                return found.group(0)
        return None

    def consent_age(self, code: Any) -> ConsentAge | None:
        """The age of digital consent of an EEA state (by any code `country` accepts)."""
        canonical = self.country(code)
        return self.consent_ages.get(canonical) if canonical else None

    def organisation(self, name: str) -> Adequacy | None:
        """An international organisation with an adequacy decision, by id, name or alias."""
        wanted = name.strip().casefold()
        for org in self.organisations.values():
            if wanted in {org.code, org.name.casefold(), *(a.casefold() for a in org.aliases)}:
                return org
        return None

    def tags(self, category: Any) -> frozenset[str]:
        found = self.categories.get(category) if isinstance(category, str) else None
        return found.tags if found else frozenset()


def _read(name: str) -> dict[str, Any]:
    # Shipped, reviewed files; privlint's own loader keeps even these free of object tags.
    # Parsed once per change of the file, then read back as JSON (privlint.cache).
    from privlint import cache

    raw = (data_dir() / name).read_bytes()
    key = cache.key_of(name, raw)
    entry = cache.entry_name(f"data-{name}", data_dir())
    cached = cache.load(entry, key)
    if isinstance(cached, dict):
        return cached
    from privlint.loader import parse_text

    data, _, problems = parse_text(raw.decode("utf-8"))
    if problems or not isinstance(data, dict):  # pragma: no cover - a packaging bug
        raise RuntimeError(f"privlint/data/{name} is broken: {problems[:1]}")
    cache.store(entry, key, data)
    return data


def _adequacy(code: str, raw: dict[str, Any]) -> Adequacy:
    return Adequacy(
        code=code,
        name=raw["name"],
        decision=raw["decision"],
        limits=raw.get("limits", ""),
        notes=raw.get("notes", ""),
        requires=dict(raw.get("requires", {})),
        aliases=tuple(raw.get("aliases", ())),
    )


def _phrase(text: Any) -> re.Pattern[str]:
    # Literal text (escaped), white space normalised, bounded by non-word characters.
    words = " ".join(str(text).casefold().split())
    return re.compile(rf"(?<!\w){re.escape(words)}(?!\w)")


@cache
def _phrase_patterns(phrases: tuple[str, ...]) -> tuple[re.Pattern[str], ...]:
    """A list's patterns, compiled when it is first searched: compiling all ~150 at start-up
    cost ~10 ms, for lists most declarations never reach."""
    return tuple(map(_phrase, phrases))


@cache
def reference_data() -> ReferenceData:
    eea = _read("eea.yaml")
    adequacy = _read("adequacy.yaml")
    bases = _read("legal_bases.yaml")
    taxonomy = _read("taxonomy.yaml")
    scc = _read("scc.yaml")
    countries = _read("countries.yaml")
    phrases = _read("phrases.yaml")
    ages = _read("digital_consent_ages.yaml")
    exemptions = _read("cookie_exemptions.yaml")
    categories = {
        cid: Category(cid, raw.get("label", cid), frozenset(raw.get("tags", ())))
        for cid, raw in taxonomy["categories"].items()
    }
    for key, target in taxonomy.get("fideslang", {}).items():
        if target in categories:
            categories[key] = categories[target]
    return ReferenceData(
        eea=frozenset(eea["countries"]),
        adequacy={c: _adequacy(c, r) for c, r in adequacy["countries"].items()},
        organisations={
            c: _adequacy(c, r) for c, r in adequacy.get("international_organisations", {}).items()
        },
        lists={k: dict(v) for k, v in bases["lists"].items()},
        categories=categories,
        scc_current=scc["current"]["decision"],
        scc_repealed=tuple(scc["repealed"]),
        country_aliases=dict(countries["aliases"]),
        country_names=dict(countries["codes"]),
        phrases={name: tuple(map(str, items)) for name, items in phrases["lists"].items()},
        consent_ages={
            c: ConsentAge(c, r.get("age"), r["provision"], r.get("notes", ""))
            for c, r in ages["countries"].items()
        },
        default_consent_age=ConsentAge("", ages["default"]["age"], ages["default"]["provision"]),
        cookie_exemptions={k: v["cite"] for k, v in exemptions["exemptions"].items()},
    )

"""Deterministic benchmark corpora: the same bytes on every machine and every run.

* ``single``: one declaration the size of a real statement (the seeds have 8-12 activities);
* ``many``: 1,000 declarations of 1 to 120 activities, about one in eight with mistakes of the
  kinds users make (typo'd key, invalid legal basis, missing retention, transfer without a
  mechanism, a number where text belongs), so the rules and the reporters have work to do;
* ``failing``: 1,000 declarations like ``many``, but every one with at least one mistake (the
  corpus of a CI gate that is failing);
* ``large-25k``/``50k``/``100k``: one declaration with that many activities (growth), clean;
* ``large-failing-25k``/``50k``/``100k``: the same sizes with a mistake in one activity in a
  thousand and a transfer without a mechanism (findings, so positions are needed).

Text is written directly (not dumped from data) so that generating 100k activities takes a
second, and so that the layout is the block style people write by hand.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path

SEED = 20261123

_CATEGORIES = (
    *("contact.name", "contact.email", "contact.phone", "contact.postal-address"),
    *("organisation", "account", "account.credentials", "financial.billing"),
    *("financial.bank-account", "online-identifier.ip-address", "online-identifier.device-id"),
    *("usage.logs", "usage.analytics", "traffic", "location", "user-provided", "employment"),
)
_SUBJECTS = ("customers", "customer-contacts", "end-users", "employees", "website-visitors")
_BASES = ("gdpr-6-1-a", "gdpr-6-1-b", "gdpr-6-1-c", "gdpr-6-1-f")
_PERIODS = ("P6M", "P1Y", "P2Y", "P7Y", "P90D", "P13M")
_PURPOSES = (
    "Uitvoeren van de overeenkomst",
    "Facturatie en incasso",
    "Klantenservice en contact over de dienstverlening",
    "Beveiliging van onze systemen en fraudepreventie",
    "Verbeteren van de website",
)

_HEADER = """\
privlint: 1
statement:
  title: Privacyverklaring {org}
  language: nl
  last_updated: 2026-09-01
  url: https://www.{slug}.nl/privacy
controller:
  name: {org}
  address:
    street: Stationsplein {n}
    postal_code: 3511 ED
    city: Utrecht
    country: NL
  email: info@{slug}.nl
privacy_contact:
  email: privacy@{slug}.nl
supervisory_authority:
  name: Autoriteit Persoonsgegevens
  country: NL
  url: https://autoriteitpersoonsgegevens.nl
services:
  - id: general
    name: Algemeen
activities:
"""

_FOOTER = """\
recipients:
  - id: crm-vendor
    name: CRM Cloud Inc.
    kind: processor
    country: US
    dpf_certified: true
  - id: hosting
    name: Hosting B.V.
    kind: processor
    country: NL
transfers:
  - id: crm-us
    recipient: crm-vendor
    country: US
{mechanism}rights:
  access:
    how: Stuur een e-mail; wij reageren binnen een maand.
    email: privacy@{slug}.nl
  rectification:
    email: privacy@{slug}.nl
  erasure:
    email: privacy@{slug}.nl
  restriction:
    email: privacy@{slug}.nl
  objection:
    email: privacy@{slug}.nl
  portability:
    email: privacy@{slug}.nl
  withdraw-consent:
    email: privacy@{slug}.nl
  complaint:
    authority: Autoriteit Persoonsgegevens
    url: https://autoriteitpersoonsgegevens.nl
"""

_MECHANISM = (
    "    mechanism: adequacy-decision\n"
    "    reference: Uitvoeringsbesluit (EU) 2023/1795 (EU-US Data Privacy Framework)\n"
)

_REQUIREMENTS = {
    "gdpr-6-1-b": ("contractual", "Zonder deze gegevens kunnen wij de dienst niet leveren."),
    "gdpr-6-1-c": ("statutory", "Wij zijn wettelijk verplicht deze gegevens te bewaren."),
}

# The mistakes a broken file gets, one or more of them.
MISTAKES = ("typo-key", "bad-basis", "no-retention", "no-mechanism", "number-for-text")


def activity(rnd: random.Random, i: int, mistakes: frozenset[str] = frozenset()) -> str:
    cats = ", ".join(rnd.sample(_CATEGORIES, rnd.randint(1, 4)))
    basis = rnd.choice(_BASES)
    subject = rnd.choice(_SUBJECTS)
    if basis == "gdpr-6-1-a" and subject == "employees":
        subject = "customers"  # employees can rarely consent freely (PL131)
    lines = [
        f"  - id: activity-{i}",
        "    service: general",
        f"    description: Gegevens voor verwerking nummer {i}, zoals beschreven in het register.",
        f"    data_categories: [{cats}]",
        f"    data_subjects: [{subject}]",
        f"    purposes: [{rnd.choice(_PURPOSES)}]",
        "    role: controller",
        f"    legal_basis: {'gdpr-6-1-z' if 'bad-basis' in mistakes else basis}",
    ]
    if basis in _REQUIREMENTS:  # Art. 13(2)(e): must the data be provided, and if not?
        kind, consequences = _REQUIREMENTS[basis]
        lines.append(f"    requirement: {{kind: {kind}, consequences: {consequences}}}")
    if basis == "gdpr-6-1-c":
        lines.append(
            "    legal_obligation:\n      law: Algemene wet inzake rijksbelastingen art. 52"
        )
    if basis == "gdpr-6-1-f":
        lines.append(
            "    legitimate_interest: Wij hebben er belang bij onze dienstverlening te verbeteren."
        )
    if "number-for-text" in mistakes:
        lines.append("    controller: 12345")
    if "no-retention" not in mistakes:
        key = "retension" if "typo-key" in mistakes else "retention"
        lines.append(f"    {key}:\n      period: {rnd.choice(_PERIODS)}")
    recipients = rnd.choice(("[hosting]", "[crm-vendor]", "[hosting, crm-vendor]"))
    lines.append(f"    recipients: {recipients}")
    if "crm-vendor" in recipients:
        lines.append("    transfers: [crm-us]")
    return "\n".join(lines) + "\n"


def declaration(
    rnd: random.Random,
    n_activities: int,
    n: int,
    mistakes: frozenset[str] = frozenset(),
    broken_count: int = 2,
) -> str:
    org = f"Voorbeeld {n} B.V."
    slug = f"voorbeeld{n}"
    parts = [_HEADER.format(org=org, slug=slug, n=n)]
    # The mistakes go into a few activities, as they would in real files.
    broken_n = min(n_activities, broken_count)
    broken = set(rnd.sample(range(n_activities), broken_n)) if mistakes else set()
    act_mistakes = mistakes - {"no-mechanism"}
    for i in range(n_activities):
        parts.append(activity(rnd, i, act_mistakes if i in broken else frozenset()))
    mechanism = "" if "no-mechanism" in mistakes else _MECHANISM
    parts.append(_FOOTER.format(slug=slug, mechanism=mechanism))
    return "".join(parts)


def many(count: int = 1000, *, share: float = 0.125, seed: int = SEED) -> Iterator[tuple[str, str]]:
    """(relative path, text) for `count` declarations of varied size, `share` of them with
    mistakes (1.0: every one)."""
    rnd = random.Random(seed)
    paths = _many_paths(count)
    for n in range(count):
        size = max(1, int(rnd.lognormvariate(2.3, 0.8)))  # median ~10 activities
        size = min(size, 120)
        mistakes: frozenset[str] = frozenset()
        if share >= 1.0 or rnd.random() < share:
            mistakes = frozenset(rnd.sample(MISTAKES, rnd.randint(1, 3)))
        yield paths[n], declaration(rnd, size, n, mistakes)


def failing(count: int = 1000) -> Iterator[tuple[str, str]]:
    """Like `many`, but every declaration has at least one mistake."""
    return many(count, share=1.0, seed=SEED + 1)


def single() -> str:
    return declaration(random.Random(SEED), 10, 0)


def large(n_activities: int, *, with_findings: bool = False) -> str:
    if not with_findings:
        return declaration(random.Random(SEED + n_activities), n_activities, 1)
    mistakes = frozenset(("typo-key", "no-retention", "bad-basis", "no-mechanism"))
    rnd = random.Random(SEED + n_activities + 1)
    return declaration(rnd, n_activities, 1, mistakes, broken_count=n_activities // 1000)


LARGE_SIZES = (25_000, 50_000, 100_000)


def files(out: Path) -> dict[str, list[Path]]:
    """The files of each corpus written by write_all, without generating anything."""
    corpora = {
        "single": [out / "single" / "privacy.yaml"],
        "many": [out / "many" / rel for rel in _many_paths()],
        "failing": [out / "failing" / rel for rel in _many_paths()],
    }
    for size in LARGE_SIZES:
        for kind in ("large", "large-failing"):
            name = f"{kind}-{size // 1000}k"
            corpora[name] = [out / name / "privacy.yaml"]
    return corpora


def _many_paths(count: int = 1000) -> list[str]:
    return [f"team-{n % 40:02d}/service-{n:04d}.privacy.yaml" for n in range(count)]


def write_all(out: Path) -> dict[str, list[Path]]:
    """Write every corpus under `out` (only if missing or different) and return their files."""
    corpora: dict[str, list[Path]] = {}

    def put(path: Path, text: str) -> Path:
        data = text.encode("utf-8")
        if not path.exists() or path.stat().st_size != len(data) or path.read_bytes() != data:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        return path

    corpora["single"] = [put(out / "single" / "privacy.yaml", single())]
    corpora["many"] = [put(out / "many" / rel, text) for rel, text in many()]
    corpora["failing"] = [put(out / "failing" / rel, text) for rel, text in failing()]
    for size in LARGE_SIZES:
        name = f"large-{size // 1000}k"
        corpora[name] = [put(out / name / "privacy.yaml", large(size))]
        name = f"large-failing-{size // 1000}k"
        corpora[name] = [put(out / name / "privacy.yaml", large(size, with_findings=True))]
    return corpora


if __name__ == "__main__":
    import sys

    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).parent / "out"
    for name, files in write_all(target).items():
        total = sum(f.stat().st_size for f in files)
        print(f"{name:10} {len(files):5} file(s) {total / 1e6:8.2f} MB")

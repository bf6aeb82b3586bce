"""Whatever the input, an importer gives a schema-valid declaration or an ImportFailure.

Inputs are built from the pieces the formats are made of (tabs, markup, headers, Dutch
terms, footnote marks; TILT keys with values of every JSON type), so that the generated
documents reach deep into the parsers rather than failing at the first line.
"""

from __future__ import annotations

import json
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from privlint.importers import ImportFailure
from privlint.importers.statement_nl import import_statement
from privlint.importers.tilt import import_tilt
from tests.importers.helpers import reload

HEADER = "Type dienst\tType gegevens\tBewaartermijnen\tVerantwoordelijke\tGrond voor verwerking\n"
PIECES = [
    "\t", "\n", "\n\n", " ", "<u>", "</u>", "<i>", "</i>", "Algemeen", "Naam, e-mailadres.",
    "Zes maanden", "Tot einde dienstverlening", "Afhankelijk van de gebruiker", "Eén jaar",
    "Opdrachtgevende partij", "Uitvoering overeenkomst", "Gerechtigd belang. Wij ", "kader",
    "Wettelijke verplichting (", ")", "¹", "¹ Buiten de EER.", "[de AP](#)", "Naam\tGeplaatst door\tDoel\n",
    "Hoe u ons kunt bereiken\n", "Welke rechten u heeft\n", "Inzage\n", "- ", "Ons adres is: ",
    "Straat 1, 1234 AB Stad", "privacy@x.nl", "laatst bijgewerkt op 31 februari 2020",
    "X is een bedrijf.", "BSN", "paspoort", "\r\n", "\u00a0", ":", ".", "Versie 1.0",
]  # fmt: skip
statements = st.lists(st.sampled_from(PIECES) | st.text(max_size=8), max_size=60).map("".join)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(body=statements, with_header=st.booleans())
def test_statement_text(body: str, with_header: bool) -> None:
    text = (HEADER if with_header else "") + body
    try:
        imported = import_statement(text.encode("utf-8", "surrogatepass"), "x.txt")
    except ImportFailure:
        return
    _, problems = reload(imported)
    assert problems == []


TILT_KEYS = [
    "meta", "controller", "dataProtectionOfficer", "dataDisclosed", "thirdCountryTransfers",
    "rightToComplain", "accessAndDataPortability", "automatedDecisionMaking", "sources", "name",
    "category", "purposes", "purpose", "description", "legalBases", "reference", "storage",
    "temporal", "ttl", "recipients", "country", "email", "url", "available", "inUse",
    "legitimateInterests", "reasoning", "exists", "adequacyDecision", "supervisoryAuthority",
    "modified", "language", "version", "aggregationFunction", "dataCategory",
]  # fmt: skip
SCALARS = (
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False)
    | st.sampled_from(["", "...", "DE", "Deutschland", "P72H", "P1Y", "GDPR-6-1-f", "a@b.de",
                       "https://x.de", "min", "2021-01-01T00:00", "Art. 9 (2) a)"])
    | st.text(max_size=12)
)  # fmt: skip
json_values = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.sampled_from(TILT_KEYS), inner, max_size=6)
    ),
    max_leaves=40,
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(doc=st.dictionaries(st.sampled_from(TILT_KEYS), json_values, max_size=10))
def test_tilt_json(doc: dict[str, Any]) -> None:
    try:
        imported = import_tilt(json.dumps(doc).encode(), "x.tilt.json")
    except ImportFailure:
        return
    _, problems = reload(imported)
    assert problems == []

"""`--from tilt` on real corpus documents and on incomplete or broken ones."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from privlint.config import Settings
from privlint.discovery import Target
from privlint.importers import ImportFailure
from privlint.importers.tilt import import_tilt
from privlint.importers.tilt_terms import country, duration, legal_basis
from privlint.lint import lint
from privlint.loader import parse_text
from tests.conftest import DATA
from tests.importers.helpers import reload

TILT = DATA / "tilt"
DOCUMENTS = sorted(TILT.glob("*.tilt.json"))


def _import(doc: dict[str, Any] | Path) -> tuple[dict[str, Any], list[str]]:
    raw = doc.read_bytes() if isinstance(doc, Path) else json.dumps(doc).encode()
    imported = import_tilt(raw, "doc.tilt.json")
    data, problems = reload(imported)
    assert problems == []
    return data, imported.notes


@pytest.mark.parametrize("path", DOCUMENTS, ids=[p.name for p in DOCUMENTS])
def test_every_copied_corpus_document_imports_schema_valid(path: Path) -> None:
    data, _ = _import(path)
    assert data["privlint"] == 1
    assert data["activities"]


def test_a_rich_document_maps_controller_dpo_purposes_recipients_storage() -> None:
    data, notes = _import(TILT / "luca-app.de.tilt.json")
    assert data["controller"]["name"] == "culture4life GmbH"
    assert data["controller"]["address"]["country"] == "DE"  # written 'Deutschland'
    assert data["dpo"]["appointed"] is True
    assert data["dpo"]["email"] == "privacy@culture4life.de"
    contact = data["activities"][0]
    assert contact["id"] == "kontaktdaten"
    assert contact["purposes"][:2] == ["Nutzung der Dienste", "Verifizierung"]
    # two bases and no word on which purpose uses which: none is chosen, both are kept
    assert "legal_basis" not in contact
    assert contact["legal_basis_stated"].startswith("GDPR-6-1-b — Art. 6 (1) 1 b) DSGVO")
    assert contact["special_category_condition"] == "gdpr-9-2-a"
    assert contact["retention"]["period"] == "P28D"
    assert contact["recipients"][0] == "nexenio-gmbh"
    recipient = data["recipients"][0]
    assert recipient == {
        "id": "nexenio-gmbh",
        "name": "neXenio GmbH",
        "country": "DE",
        "description": "Softwareentwicklung, Softwarewartungs- und Softwarebetriebsleistungen",
    }
    assert any("several legal bases (gdpr-6-1-b, gdpr-6-1-a)" in n for n in notes)
    # nonDisclosure (Art. 13(2)(e)) becomes requirement: its consequences, and no kind where
    # none of TILT's flags says the data is required
    assert not any("nonDisclosure" in n for n in notes)
    contact = data["activities"][0]
    assert contact["requirement"]["consequences"].startswith(
        "Bitte beachten Sie, dass bei Widerruf"
    )
    assert "kind" not in contact["requirement"]
    logs = next(a for a in data["activities"] if a["id"] == "temporare-nutzungdaten")
    assert logs["legal_basis"] == "gdpr-6-1-b"


def test_placeholders_are_absent_not_empty() -> None:
    data, _ = _import(TILT / "signal.org.tilt.json")
    assert "dpo" in data and data["dpo"]["email"] == "privacy@signal.org"
    first = data["activities"][0]
    assert set(first) == {"id", "description", "data_categories", "purposes"}
    assert "transfers" not in data and "rights" not in data
    assert "address" not in data["controller"] or "country" not in data["controller"]["address"]


def test_prose_country_fields_and_denied_automated_decisions() -> None:
    data, notes = _import(TILT / "bvg.de.tilt.json")
    countries = [t.get("country") for t in data["transfers"]]
    assert countries[:3] == ["SE", "US", "IE"]
    assert data["transfers"][0]["stated"].startswith("country: consentmanager AB")
    assert notes == [
        "automatedDecisionMaking: inUse is true, but its text says not used: "
        "'Eine automatisierte Entscheidungsfindung – einschließlich Profiling – erfolgt nicht.'",
        "thirdCountryTransfers country 'Es ist nicht auszuschließen, dass Google' (no country named)",
        "changesOfPurpose (the declaration format has no field for planned changes)",
    ]
    # inUse: true, but the text says "erfolgt nicht": no activity is declared, and it is said
    assert all(a["id"] != "automated-decision-making" for a in data["activities"])


def test_transfer_mechanisms_and_used_automated_decisions() -> None:
    adobe, _ = _import(TILT / "adobe.com.tilt.json")
    # 'IR' (Iran) for Adobe's Irish company: kept as written, the contradiction marked
    assert adobe["controller"]["address"]["country"] == "IR"
    (transfer,) = adobe["transfers"]
    assert transfer["country"] == "GB"
    assert transfer["mechanism"] == "standard-contractual-clauses"
    bnp, _ = _import(TILT / "bnpparibas.de.tilt.json")
    adm = next(a for a in bnp["activities"] if a["id"] == "automated-decision-making")
    assert adm["automated_decision_making"]["used"] is True
    assert adm["automated_decision_making"]["logic"] == "Profiling"


def test_an_empty_or_skeletal_document_never_crashes() -> None:
    data, notes = _import({"meta": {}})
    assert data == {"privlint": 1}
    assert notes == ["no dataDisclosed entry with a category or purpose: no activities"]
    odd: dict[str, Any] = {
        "meta": {"name": 7, "language": ["de"], "modified": None, "version": True},
        "controller": {"name": ["ACME"], "country": "Atlantis", "representative": "x"},
        "dataProtectionOfficer": {"email": "not an address"},
        "dataDisclosed": [None, "text", {"category": ["", "E-Mail"], "purposes": "x",
                          "legalBases": [{"reference": {"a": 1}}], "storage": [{"temporal": [{"ttl": "P72H"}]}]}],
        "thirdCountryTransfers": {"country": "US"},
        "rightToComplain": {"available": True},
        "automatedDecisionMaking": {"inUse": "yes"},
    }  # fmt: skip
    data, notes = _import(odd)
    assert data["controller"]["name"] == "ACME"
    (activity,) = data["activities"]
    assert activity["data_categories"] == ["contact.email"]
    assert activity["retention"] == {"period": "PT72H"}
    assert data["rights"]["complaint"] == {"how": "TILT rightToComplain.available: true"}
    assert "controller country 'Atlantis' (not a country code or name)" in notes
    assert "dataProtectionOfficer e-mail 'not an address' (not an e-mail address)" in notes


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (
            b'{"meta": {}',
            "doc.tilt.json: line 1 column 12: not valid JSON: Expecting ',' delimiter",
        ),
        (b"[1, 2]", "doc.tilt.json: a TILT document is a JSON object, not list"),
        (
            b'{"name": "x"}',
            "doc.tilt.json: not a TILT document: none of 'meta', 'controller', 'dataDisclosed'",
        ),
        (b"[" * 100_000, "doc.tilt.json: JSON nested too deeply to be a TILT document"),
        (  # json.loads reads it, int() refuses it: an input error, not an internal one
            b'{"meta": {"version": ' + b"9" * 5000 + b"}}",
            "doc.tilt.json: not a TILT document: an integer of over 4,300 digits",
        ),
    ],
)
def test_input_that_is_not_tilt_fails_with_a_message(raw: bytes, message: str) -> None:
    with pytest.raises(ImportFailure) as info:
        import_tilt(raw, "doc.tilt.json")
    assert str(info.value) == message


def test_terms() -> None:
    assert legal_basis("GDPR-6-1-a") == "gdpr-6-1-a"
    assert legal_basis("DSGVO-6-1-e") == "gdpr-6-1-e"
    assert legal_basis("Art. 6(1)(f) GDPR") == "gdpr-6-1-f"
    assert legal_basis("Art. 6 Abs. 1 lit. b DSGVO") == "gdpr-6-1-b"
    assert (
        legal_basis("Rechtsgrundlage:\nArt. 6 (1) f DSGVO (berechtigtes Interesse)") == "gdpr-6-1-f"
    )
    assert legal_basis("BDSG-3") is None and legal_basis("GDPR-31") is None
    assert duration("P30D") == ("P30D", None)
    assert duration("P72H") == ("PT72H", "ttl 'P72H' written with the time designator T")
    assert duration("2020-08-09T18:31:42P3Y6M4DT12H30M17S")[0] == "P3Y6M4DT12H30M17S"
    assert duration("Pfoo") == (None, None)
    assert country("Irland") == ("IE", "from the name 'Irland'")
    assert country("CA 94041") == (None, None)


def test_non_disclosure_flags_and_sources_map_to_requirement_and_source() -> None:
    raw = json.loads((TILT / "luca-app.de.tilt.json").read_text(encoding="utf-8"))
    item = raw["dataDisclosed"][0]
    item["nonDisclosure"].update(legalRequirement=True, consequences="Ohne Daten kein Vertrag.")
    raw["sources"] = [
        {"dataCategory": item["category"], "sources": [{"description": "Ihr Arbeitgeber"}]}
    ]
    imported = import_tilt(json.dumps(raw).encode(), "x.tilt.json")
    data, _, problems = parse_text(imported.to_yaml())
    assert problems == []
    first = data["activities"][0]
    assert first["requirement"] == {"kind": "statutory", "consequences": "Ohne Daten kein Vertrag."}
    assert (first["obtained_from_data_subject"], first["source"]) == (False, "Ihr Arbeitgeber")


def _finding_names(data: dict[str, Any], tmp_path: Path) -> set[str]:
    path = tmp_path / "imported.privacy.yaml"
    path.write_text(json.dumps(data), encoding="utf-8")  # JSON is YAML: the values as imported
    return {f.name for f in lint([Target(path, path.name)], Settings()).findings}


def test_a_clause_description_that_says_where_is_the_copy(tmp_path: Path) -> None:
    """Art. 13(1)(f): where a copy of the safeguard can be obtained."""
    adobe, _ = _import(TILT / "adobe.com.tilt.json")  # SCCs: "https://faq.whatsapp.com/..."
    (transfer,) = adobe["transfers"]
    assert transfer["copy"] == "https://faq.whatsapp.com/general/about-standard-contractual-clauses"
    assert "reference" not in transfer
    assert "safeguard-copy-missing" not in _finding_names(adobe, tmp_path)
    # a description that only names the clauses is their reference: the copy is still missing
    named, _ = _import({
        "meta": {"name": "x"}, "dataDisclosed": [{"category": "E-Mail"}],
        "thirdCountryTransfers": [
            {"country": "US", "standardDataProtectionClause": {
                "available": True, "description": "Standardvertragsklauseln der Kommission"}},
            {"country": "CH", "adequacyDecision": {
                "available": True, "description": "https://eur-lex.europa.eu/eli/dec/2000/518"}},
        ],
    })  # fmt: skip
    scc, adequacy = named["transfers"]
    assert scc["reference"] == "Standardvertragsklauseln der Kommission" and "copy" not in scc
    assert adequacy["reference"].startswith("https://") and "copy" not in adequacy
    assert "safeguard-copy-missing" in _finding_names(named, tmp_path)


def test_the_controller_country_is_read_from_the_address_where_the_field_is_empty() -> None:
    """Where the controller is established decides Art. 3(2) and 27: a country field that is
    empty or not a country leaves the address's last segment to say it (with a comment)."""
    doc = {
        "meta": {"name": "x"},
        "controller": {"name": "Example Inc.", "address": "1 Main St, Springfield, USA"},
        "dataProtectionOfficer": {
            "name": "D", "address": "Example GmbH\nRing 2\n10115 Berlin\nDeutschland"},
        "dataDisclosed": [{"category": "E-Mail"}],
    }  # fmt: skip
    imported = import_tilt(json.dumps(doc).encode(), "doc.tilt.json")
    data, problems = reload(imported)
    assert problems == []
    assert data["controller"]["address"]["country"] == "US"
    assert data["dpo"]["address"]["country"] == "DE"
    assert "country: US  # read from the end of the address" in imported.to_yaml()
    doc["controller"] = {"name": "Example GmbH", "address": "Ring 2, 10115 Berlin", "country": ""}
    data, _ = _import(doc)
    assert "country" not in data["controller"]["address"]  # no country said: none guessed

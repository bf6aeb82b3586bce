"""Dutch words -> identifiers: the table from the issue, and what must stay unread."""

from __future__ import annotations

import pytest

from privlint.importers import nl_terms as t


@pytest.mark.parametrize(
    ("words", "iso"),
    [
        ("Zes maanden", "P6M"),
        ("Drie jaar", "P3Y"),
        ("Standaard Drie jaar", "P3Y"),
        ("Vierentwintig maanden", "P24M"),
        ("90 dagen", "P90D"),
        ("Eén jaar", "P1Y"),
        ("een jaar", "P1Y"),
        ("tweeëntwintig weken", "P22W"),
        ("anderhalf jaar", "P18M"),
        ("Zeven jaar na einde dienstverlening", "P7Y"),
    ],
)
def test_durations_in_words_and_digits(words: str, iso: str) -> None:
    assert t.duration(words) == iso


@pytest.mark.parametrize("words", ["Tot einde dienstverlening", "zo kort mogelijk", "", "nul jaar"])
def test_no_duration_is_invented(words: str) -> None:
    assert t.duration(words) is None


def test_retention_events_and_the_processor_case() -> None:
    assert t.retention("Tot einde dienstverlening") == t.Retention(until="end-of-contract")
    assert t.retention("Twee jaar na einde overeenkomst") == t.Retention(
        until="end-of-contract", after="P2Y"
    )
    assert t.retention("Afhankelijk van de gebruiker") == t.Retention(set_by_controller=True)
    standard = t.retention("Standaard Drie jaar")
    assert standard is not None and standard.period == "P3Y" and standard.note
    assert t.retention("Zolang als nodig") is None


def test_dates_with_dutch_month_names() -> None:
    assert t.date("bijgewerkt op 14 mei 2020") == "2020-05-14"
    assert t.date("17 april 2018.") == "2018-04-17"
    assert t.date("1 maart 2023") == "2023-03-01"
    assert t.date("14 Mai 2020") is None  # German, not Dutch


def test_legal_bases_with_label_and_interest() -> None:
    f = t.legal_basis(
        "Gerechtigd belang. B-K IT Solutions gebruikt deze gesprekken om haar "
        "supportmedewerkers te trainen."
    )
    assert f.basis == "gdpr-6-1-f"
    assert f.label == "Gerechtigd belang"
    assert (
        f.rest == "B-K IT Solutions gebruikt deze gesprekken om haar supportmedewerkers te trainen."
    )
    assert f.note == "'Gerechtigd belang' read as gerechtvaardigd belang"
    exact = t.legal_basis("Gerechtvaardigd belang")
    assert (exact.basis, exact.note) == ("gdpr-6-1-f", None)
    assert t.legal_basis("Uitvoering overeenkomst / dienstverlening").basis == "gdpr-6-1-b"
    c = t.legal_basis("Wettelijke verplichting (Telecommunicatiewet art. 13.2a)")
    assert (c.basis, c.label, c.rest) == (
        "gdpr-6-1-c",
        "Wettelijke verplichting",
        "Telecommunicatiewet art. 13.2a",
    )
    assert t.legal_basis("Toestemming").basis == "gdpr-6-1-a"
    unknown = t.legal_basis("Zie onze voorwaarden")
    assert unknown.basis is None and unknown.label == "Zie onze voorwaarden"


def test_data_categories_from_the_seed_descriptions() -> None:
    assert t.data_categories(
        "IP-adres en MAC-adres toestel, naam en telefoonnummer contacten."
    ) == [
        "contact.name",
        "contact.phone",
        "online-identifier.ip-address",
        "online-identifier.device-id",
    ]
    assert t.data_categories("Gespreksopnames als u ons belt.") == [
        "communication-content.call-recording"
    ]
    # the misspelling in bk-it-solutions is still a recording
    assert t.data_categories("Geluidsoptnames van uw gesprekken") == [
        "communication-content.call-recording"
    ]
    assert t.data_categories("Verkeersinformatie e-mails, telefonie en internet") == ["traffic"]
    assert t.data_categories("Bedrijfsnaam voor facturatie.") == [
        "organisation",
        "financial.billing",
    ]
    assert "national-id.bsn" in t.data_categories("uw BSN en een kopie van uw paspoort")
    assert t.data_categories("Adres waar de diensten worden geleverd.") == [
        "contact.postal-address"
    ]


def test_slugs_are_identifiers() -> None:
    assert t.slug("VoIP-telefonie") == "voip-telefonie"
    assert t.slug("Website en smartphone applicaties") == "website-en-smartphone-applicaties"
    assert t.slug("Één") == "een"
    assert t.slug("***", "dienst") == "dienst"

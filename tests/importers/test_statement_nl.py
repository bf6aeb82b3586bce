"""`--from statement-nl` on the three real statements (golden files) and on constructed ones."""

from __future__ import annotations

from typing import Any

import pytest

from privlint.importers import ImportFailure
from privlint.importers.statement_nl import import_statement
from tests.conftest import DATA, EXAMPLES
from tests.importers.helpers import reload

SEEDS = DATA / "seeds"
SEED_NAMES = ["tracks", "bk-it-solutions", "mixedbytes"]


def _seed(name: str) -> tuple[dict[str, Any], str]:
    imported = import_statement((SEEDS / f"{name}.txt").read_bytes(), f"{name}.txt")
    data, problems = reload(imported)
    assert problems == []
    return data, imported.to_yaml()


@pytest.mark.parametrize("name", SEED_NAMES)
def test_the_seed_declarations_are_the_importers_output(name: str) -> None:
    _, text = _seed(name)
    golden = EXAMPLES / f"{name}.privacy.yaml"
    assert text == golden.read_text(encoding="utf-8"), (
        f"regenerate with: privlint import --from statement-nl tests/data/seeds/{name}.txt "
        f"-o {golden.relative_to(EXAMPLES.parent)} --force  (and review the diff)"
    )


def _activity(data: dict[str, Any], aid: str) -> dict[str, Any]:
    found = [a for a in data["activities"] if a["id"] == aid]
    assert len(found) == 1, aid
    activity: dict[str, Any] = found[0]
    return activity


def test_tracks_rows_roles_retention_and_rights() -> None:
    data, text = _seed("tracks")
    assert len(data["activities"]) == 12  # eleven table rows and the ID-copy request
    assert [s["name"] for s in data["services"]] == [
        "Algemeen", "Internetverbinding", "VoIP-telefonie", "Mobiele telefonie", "VoIP en mobiel",
        "IT Netwerken en werkplek beheer", "Website",
    ]  # fmt: skip
    billing = _activity(data, "algemeen-3")
    assert billing["role"] == "processor"
    assert billing["controller"] == "Opdrachtgevende partij (de klantorganisatie)"
    support = _activity(data, "algemeen-4")
    assert support["retention"] == {"period": "P3Y", "stated": "Standaard Drie jaar"}
    calls = _activity(data, "voip-en-mobiel-1")
    assert calls["retention"] == {"period": "P24M", "stated": "Vierentwintig maanden"}
    assert calls["data_categories"] == ["traffic", "location"]
    recordings = _activity(data, "voip-en-mobiel-2")
    assert recordings["retention"] == {
        "set_by_controller": True,
        "stated": "Afhankelijk van de gebruiker",
    }
    assert _activity(data, "website-1")["retention"]["period"] == "P1Y"
    assert "portability" not in data["rights"]  # Tracks has no such section
    assert data["rights"]["complaint"]["authority"] == "Autoriteit Persoonsgegevens"
    assert data["statement"]["last_updated"] == "2020-05-14"
    assert data["privacy_contact"]["email"] == "wim@tracks.eu"
    assert data["controller"]["email"] == "info@tracks.eu"
    assert "# the statement also gives support@tracks.eu for general questions" in text


def test_bk_legitimate_interest_misspelling_and_wrapped_row() -> None:
    data, text = _seed("bk-it-solutions")
    calls = _activity(data, "algemeen-6")
    assert calls["legal_basis"] == "gdpr-6-1-f"
    assert calls["legal_basis_stated"] == "Gerechtigd belang"
    assert calls["legitimate_interest"] == (
        "B-K IT Solutions gebruikt deze gesprekken om haar supportmedewerkers te trainen en als "
        "bewijs van gemaakte afspraken."
    )
    assert "legal_basis: gdpr-6-1-f  # 'Gerechtigd belang' read as gerechtvaardigd belang" in text
    traffic = _activity(data, "algemeen-4")
    assert traffic["description"] == (
        "Verkeersinformatie e-mails, telefonie en internet in het kader van een wettelijke "
        "aftapverplichting of informatieverzoek."
    )
    assert traffic["legal_basis"] == "gdpr-6-1-c"
    assert "legal_obligation" not in traffic  # no law is named: not repaired
    assert data["privacy_contact"]["hours"] == "Van maandag t/m vrijdag tussen 08:00 en 17:30 uur"
    assert data["controller"]["address"]["city"] == "Capelle a/d IJssel"


def test_mixedbytes_version_and_the_vague_transfer() -> None:
    data, _ = _seed("mixedbytes")
    assert data["statement"]["version"] == "1.0"
    assert data["statement"]["last_updated"] == "2022-06-10"
    (transfer,) = data["transfers"]
    assert "mechanism" not in transfer and "country" not in transfer
    assert transfer["recipient"] == "leveranciers"
    assert transfer["stated"].startswith("Als een leverancier zich buiten Europa¹ bevindt")
    assert transfer["stated"].endswith(
        "(¹ Buiten de Europese Economische Ruimte, ook wel 'doorgifte naar derde landen.')"
    )
    # the footnote cut the restriction paragraph in two; it is read whole
    assert "Ondanks een mogelijke bepanking mogen wij" in data["rights"]["restriction"]["how"]
    assert [r["id"] for r in data["recipients"]] == [
        "leveranciers", "autoriteiten", "alarmnummer-112", "andere-aanbieders",
    ]  # fmt: skip


def test_the_id_copy_request_is_declared_without_a_basis() -> None:
    data, text = _seed("tracks")
    check = _activity(data, "identificatie-rechtenverzoek")
    assert check["data_categories"] == [
        "contact.name",
        "contact.postal-address",
        "identity-document",
    ]
    assert "legal_basis" not in check and "retention" not in check
    assert "# the statement asks for an ID copy: no basis or retention stated" in text


CONSTRUCTED = """\
Privacyverklaring

Voorbeeld Net B.V. is een internetprovider.

Welke persoonsgegevens Voorbeeld Net B.V. verwerkt

Type dienst\tType gegevens\tBewaartermijnen\tVerantwoordelijke\tGrond voor verwerking
<u>Algemeen</u>\t<i>Naam en e-mailadres.</i>\tTwee jaar na einde overeenkomst\tVoorbeeld Net B.V.\tUitvoering overeenkomst
\t<i>Kopie paspoort en BSN.</i>\tZes maanden\tVoorbeeld Net B.V.\tWettelijke verplichting (Wet ter voorkoming van witwassen art. 33)

Voor de zakelijke diensten:

Type dienst\tType gegevens\tBewaartermijnen\tVerantwoordelijke\tGrond voor verwerking
<u>Zakelijk internet</u>\t<i>Publiek
IP-adres.</i>\tZolang nodig\tOpdrachtgevende partij\tUitvoering overeenkomst
<u>Website</u>\t<i>Bezoekstatistieken.</i>\tDertien maanden\tVoorbeeld Net B.V.\tGerechtvaardigd belang. Wij verbeteren
de website met deze gegevens.

Cookies

Naam\tGeplaatst door\tDoel\tBewaartermijn
_pk_id\tVoorbeeld Net B.V.\tBezoekstatistieken\t13 maanden
_fbp\tFacebook\tAdvertenties\t90 dagen

Hoe u ons kunt bereiken

- Ons adres is: Stationsplein 1, 3511 ED Utrecht.
- Voor vragen over privacy kunt u ons mailen op privacy@voorbeeldnet.nl.

Deze verklaring is voor het laatst bijgewerkt op 3 maart 2025.
"""


def test_a_constructed_statement_with_two_tables_wraps_and_cookies() -> None:
    imported = import_statement(CONSTRUCTED.encode(), "voorbeeld.txt")
    data, problems = reload(imported)
    assert problems == []
    assert [a["id"] for a in data["activities"]] == [
        "algemeen-1", "algemeen-2", "zakelijk-internet-1", "website-1",
    ]  # fmt: skip
    first, kyc, business, site = data["activities"]
    assert first["retention"] == {
        "until": "end-of-contract", "after": "P2Y", "stated": "Twee jaar na einde overeenkomst",
    }  # fmt: skip
    assert kyc["data_categories"] == ["national-id.bsn", "identity-document"]
    assert kyc["legal_obligation"] == {"law": "Wet ter voorkoming van witwassen art. 33"}
    assert business["description"] == "Publiek IP-adres."
    assert business["retention"] == {"stated": "Zolang nodig"}  # not understood: kept, not guessed
    assert site["legitimate_interest"] == "Wij verbeteren de website met deze gegevens."
    assert site["retention"]["period"] == "P13M"
    assert data["cookies"] == [
        {
            "name": "_pk_id", "provider": "Voorbeeld Net B.V.", "purpose": "Bezoekstatistieken",
            "category": "analytics", "retention": "P13M", "first_party": True,
            "stated": "_pk_id | Voorbeeld Net B.V. | Bezoekstatistieken | 13 maanden",
        },
        {
            "name": "_fbp", "provider": "Facebook", "purpose": "Advertenties",
            "category": "marketing", "retention": "P90D", "first_party": False,
            "stated": "_fbp | Facebook | Advertenties | 90 dagen",
        },
    ]  # fmt: skip
    assert data["controller"]["address"] == {
        "street": "Stationsplein 1", "postal_code": "3511 ED", "city": "Utrecht", "country": "NL",
    }  # fmt: skip
    assert data["statement"]["last_updated"] == "2025-03-03"
    assert imported.notes == ["retention 'Zolang nodig' (line 14): kept as stated only"]


def test_text_without_a_table_is_refused_with_the_reason() -> None:
    with pytest.raises(ImportFailure, match="no table of processing activities found"):
        import_statement(b"Privacyverklaring\n\nWij verwerken niets.\n", "leeg.txt")


def test_bytes_that_are_not_utf8_are_refused_with_their_line() -> None:
    with pytest.raises(ImportFailure) as info:
        import_statement(b"Privacyverklaring\n\nWij\xe9 verwerken\n", "latin1.txt")
    assert str(info.value) == (
        "latin1.txt: line 3: not UTF-8 text (byte 0xe9); save the file as UTF-8 and try again"
    )


def test_a_table_with_a_purpose_column_and_no_service_column() -> None:
    text = (
        "Privacyverklaring\n\nKlein B.V. is een webwinkel.\n\n"
        "Welke persoonsgegevens Klein B.V. verwerkt\n\n"
        "Gegevens\tDoel\tBewaartermijn\tGrondslag\n"
        "Naam en adres\tBezorgen van bestellingen\tZeven jaar\tUitvoering overeenkomst\n"
        "E-mailadres\tNieuwsbrief\tTot intrekking toestemming\tToestemming\n"
    )
    data, problems = reload(import_statement(text.encode(), "klein.txt"))
    assert problems == []
    assert data["services"] == [{"id": "algemeen", "name": "Algemeen"}]
    delivery, newsletter = data["activities"]
    assert delivery["purposes"] == ["Bezorgen van bestellingen"]
    assert delivery["retention"] == {"period": "P7Y", "stated": "Zeven jaar"}
    assert delivery["data_categories"] == ["contact.name", "contact.postal-address"]
    assert newsletter["legal_basis"] == "gdpr-6-1-a"
    assert newsletter["retention"]["until"] == "consent-withdrawn"

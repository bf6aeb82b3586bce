"""The check functions on inputs the fixtures do not reach: ASCII-only numbers, country codes."""

from __future__ import annotations

from datetime import date

import pytest

from privlint.functions import Context
from privlint.functions.dates import duration_days
from privlint.functions.reference import reference_data


def _ctx(document: object) -> Context:
    return Context(document=document, today=date(2026, 11, 23), reference=reference_data())


@pytest.mark.parametrize(
    ("text", "days"),
    [("P1Y", 365), ("P6M", 180), ("P2W", 14), ("P\u0663Y", None), ("P\uff11Y", None),
     ("P1\u0660D", None), ("P", None)],
)  # fmt: skip
def test_durations_take_ascii_digits_only(text: str, days: float | None) -> None:
    assert duration_days(text) == days


@pytest.mark.parametrize(
    ("code", "canonical", "eea"),
    [("NL", "NL", True), ("nl", "NL", True), ("EL", "GR", True), ("el", "GR", True),
     ("UK", "GB", False), ("uk", "GB", False), ("US", "US", False), ("\u0130S", None, False),
     ("NLD", None, False), (7, None, False)],
)  # fmt: skip
def test_country_codes_as_people_write_them(code: object, canonical: str | None, eea: bool) -> None:
    ref = reference_data()
    assert ref.country(code) == canonical
    assert ref.in_eea(code) is eea


def test_phrases_match_whole_words_only() -> None:
    ref = reference_data()
    assert ref.mentions("Certified to ISO  27001", "not-transfer-tools") == "iso 27001"
    assert ref.mentions("SOC 20 audit", "not-transfer-tools") is None
    assert ref.mentions(None, "not-transfer-tools") is None


def test_every_eea_state_has_an_age_of_digital_consent() -> None:
    """Art. 8(1): 16, or a lower age set by the state's law, not below 13; unconfirmed: None."""
    ref = reference_data()
    states = {ref.country(c) for c in ref.eea}
    assert set(ref.consent_ages) == states
    for code, entry in ref.consent_ages.items():
        assert entry.age is None or 13 <= entry.age <= 16, code
        assert entry.provision, code
        assert entry.age is not None or entry.notes, f"{code}: an unconfirmed age says why"
    assert ref.default_consent_age.age == 16
    assert ref.consent_age("el") == ref.consent_ages["GR"]
    assert ref.consent_age("US") is None

"""privlint diff, change by change: one real repository, the complete example committed as the
base, and one commit per kind of edit, each compared with the base through the json form."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

from privlint.config import Settings
from privlint.diff.engine import diff_repository
from privlint.diff.render import as_dict
from tests.conftest import EXAMPLES
from tests.diff.gitrepo import Repo, git_env

__all__ = ["git_env"]

BASE = (EXAMPLES / "complete.privacy.yaml").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory, git_env: None) -> tuple[Repo, str]:
    r = Repo(tmp_path_factory.mktemp("diff") / "repo")
    return r, r.commit({"privacy.yaml": BASE}, "base")


def edit(*pairs: tuple[str, str]) -> str:
    text = BASE
    for old, new in pairs:
        assert text.count(old) == 1, f"not exactly once in the example: {old!r}"
        text = text.replace(old, new)
    return text


def diff(repo: tuple[Repo, str], text: str) -> list[dict[str, Any]]:
    r, base = repo
    head = r.commit({"privacy.yaml": text})
    report = as_dict(diff_repository([base, head], Settings(), cwd=r.root))
    assert report["summary"]["errors"] == 0, report
    (declaration,) = report["declarations"]
    assert declaration["status"] == "modified"
    changes: list[dict[str, Any]] = declaration["changes"]
    return changes


def kinds(changes: list[dict[str, Any]]) -> list[tuple[str, str]]:
    return [(c["kind"], c["interest"]) for c in changes if not c["kind"].startswith("finding-")]


def line_of(text: str, needle: str, after: str = "") -> int:
    """The line of the first `needle` below the first `after`."""
    start = text[: text.index(after)].count("\n") if after else 0
    lines = text.splitlines()
    return next(i for i in range(start + 1, len(lines) + 1) if needle in lines[i - 1])


NEW_ACTIVITY = """  - id: health-check
    service: general
    data_categories: [contact.name, special.health]
    data_subjects: [customers]
    purposes: [Gezondheidscheck]
    role: controller
    legal_basis: gdpr-6-1-a
    special_category_condition: gdpr-9-2-a
    retention:
      period: P1Y
    recipients: [authorities]
recipients:
"""


def test_no_change_no_declaration(repo: tuple[Repo, str]) -> None:
    r, base = repo
    head = r.commit({"privacy.yaml": BASE})
    report = as_dict(diff_repository([base, head], Settings(), cwd=r.root))
    assert report["declarations"] == []
    assert report["summary"]["changes"] == 0


def test_comment_and_layout_are_no_privacy_change(repo: tuple[Repo, str]) -> None:
    text = edit(
        ("  name: Voorbeeld Telecom B.V.\n", "  name: 'Voorbeeld Telecom B.V.'  # quoted\n")
    )
    assert diff(repo, "# a comment\n" + text) == []


def test_activity_added_with_a_special_category(repo: tuple[Repo, str]) -> None:
    text = edit(("recipients:\n  - id: crm-vendor", NEW_ACTIVITY + "  - id: crm-vendor"))
    changes = diff(repo, text)
    assert kinds(changes) == [
        ("activity-added", "review"),
        ("category-added", "info"),
        ("category-added", "review"),
        ("activity-recipient-added", "review"),
    ]
    added, _, health, _ = changes
    assert added["message"] == "Activity health-check added: legal basis gdpr-6-1-a, retention P1Y"
    assert added["line"] == line_of(text, "- id: health-check")
    assert health["flags"] == ["special-category"]
    assert "GDPR Art. 9(1)" in health["articles"]
    assert health["json_pointer"] == "/activities/7/data_categories/1"
    assert health["line"] == line_of(text, "special.health")


def test_activity_removed(repo: tuple[Repo, str]) -> None:
    start = BASE.index("  - id: identity-check")
    end = BASE.index("recipients:\n  - id: crm-vendor")
    changes = diff(repo, BASE[:start] + BASE[end:])
    assert kinds(changes) == [("activity-removed", "info")]
    assert changes[0]["params"] == {"activity": "identity-check"}
    assert changes[0]["json_pointer"] == "/activities"  # where it was, in the head


# Billing names the law it follows, which also allows the BSN (UAVG art. 46): the BSN goes
# to customer-contacts, which names none, so the check of both sides has something to find.
BILLING = "[organisation, financial.billing, financial.bank-account]"
CONTACTS = "[contact.name, contact.phone, contact.email]"


@pytest.mark.parametrize(
    ("category", "flag", "article", "where", "activity"),
    [
        ("special.biometric", "special-category", "GDPR Art. 9(1)", BILLING, "billing"),
        ("criminal", "criminal", "GDPR Art. 10", BILLING, "billing"),
        ("national-id.bsn", "national-id", "UAVG art. 46", CONTACTS, "customer-contacts"),
    ],
)
def test_flagged_categories(
    repo: tuple[Repo, str], category: str, flag: str, article: str, where: str, activity: str
) -> None:
    text = edit((where, f"{where[:-1]}, {category}]"))
    changes = diff(repo, text)
    assert kinds(changes) == [("category-added", "review")]
    assert changes[0]["flags"] == [flag]
    assert article in changes[0]["articles"]
    assert changes[0]["params"]["activity"] == activity
    # the check of both sides: the rule that wants the Art. 9/10 condition or law now fires
    assert [c["kind"] for c in changes[1:]] == ["finding-introduced"]


def test_ordinary_category_added_and_removed(repo: tuple[Repo, str]) -> None:
    text = edit(
        ("[traffic, online-identifier.device-id, location]", "[traffic, location, usage.logs]")
    )
    changes = diff(repo, text)
    # in the order of the head file: the removal is shown at the list, the addition in it
    assert kinds(changes) == [("category-removed", "info"), ("category-added", "info")]
    assert changes[0]["params"]["category"] == "online-identifier.device-id"
    assert changes[0]["json_pointer"] == "/activities/2/data_categories"
    assert changes[1]["params"] == {
        "activity": "traffic-data",
        "category": "usage.logs",
        "label": "Log files and system events",
    }


def test_purpose_and_subjects(repo: tuple[Repo, str]) -> None:
    text = edit(
        ("purposes: [Facturatie]", "purposes: [Facturatie, Marketing]"),
        ("    data_subjects: [callers]", "    data_subjects: [callers, employees]"),
    )
    changes = diff(repo, text)
    assert kinds(changes) == [("purpose-added", "review"), ("subject-added", "info")]
    assert changes[0]["params"] == {"activity": "billing", "value": "Marketing"}


def test_role_changed(repo: tuple[Repo, str]) -> None:
    text = edit(
        (
            "    purposes: [Facturatie]\n    role: controller",
            "    purposes: [Facturatie]\n    role: joint-controller",
        )
    )
    changes = diff(repo, text)
    assert ("role-changed", "review") in kinds(changes)
    role = next(c for c in changes if c["kind"] == "role-changed")
    assert (role["params"]["before"], role["params"]["after"]) == ("controller", "joint-controller")


def test_consent_to_legitimate_interests(repo: tuple[Repo, str]) -> None:
    text = edit(
        (
            "    legal_basis: gdpr-6-1-a\n    retention:\n      period: P13M",
            "    legal_basis: gdpr-6-1-f\n    retention:\n      period: P13M",
        )
    )
    changes = diff(repo, text)
    assert kinds(changes) == [("legal-basis-changed", "review")]
    c = changes[0]
    assert c["message"] == "Activity website-analytics: legal basis gdpr-6-1-a → gdpr-6-1-f"
    assert "GDPR Art. 6(1)" in c["articles"]
    assert c["line"] == line_of(text, "legal_basis: gdpr-6-1-f", after="id: website-analytics")
    # the rules see it too: no legitimate interest stated, cookies without consent
    introduced = {c["params"]["rule"] for c in changes if c["kind"] == "finding-introduced"}
    assert "legitimate-interest-unexplained" in introduced


@pytest.mark.parametrize(
    ("before", "after", "kind", "interest"),
    [
        ("period: P90D", "period: P2Y", "retention-longer", "review"),
        ("period: P7Y", "period: P6M", "retention-shorter", "info"),
        ("period: P90D", "period: P3M", "retention-changed", "info"),  # same length in days
        ("period: P7Y", "until: end-of-contract", "retention-changed", "review"),  # not comparable
    ],
)
def test_retention_as_durations(
    repo: tuple[Repo, str], before: str, after: str, kind: str, interest: str
) -> None:
    changes = diff(repo, edit((f"      {before}\n", f"      {after}\n")))
    assert kinds(changes) == [(kind, interest)]
    assert changes[0]["params"]["before"] == before.split(": ")[1]


def test_retention_after_an_event_longer(repo: tuple[Repo, str]) -> None:
    text = edit(
        (
            "      until: end-of-contract\n      after: P6M",
            "      until: end-of-contract\n      after: P1Y",
        )
    )
    changes = diff(repo, text)
    assert kinds(changes) == [("retention-longer", "review")]
    assert (
        changes[0]["message"]
        == "Activity identity-check: retention end-of-contract + P6M → end-of-contract + P1Y: longer"
    )


def test_transfer_added_outside_the_eea_under_sccs(repo: tuple[Repo, str]) -> None:
    text = edit(
        (
            "    recipients: [authorities]\n  - id: call-recordings",
            "    recipients: [authorities, analytics-us]\n    transfers: [analytics-us]\n  - id: call-recordings",
        ),
        (
            "transfers:\n  - id: crm-us",
            "  - id: analytics-us\n    name: Analytics Inc.\n    kind: processor\n    country: US\n"
            "transfers:\n  - id: analytics-us\n    recipient: analytics-us\n    country: US\n"
            "    mechanism: standard-contractual-clauses\n"
            "    reference: Uitvoeringsbesluit (EU) 2021/914\n  - id: crm-us",
        ),
    )
    changes = diff(repo, text)
    assert kinds(changes) == [
        ("activity-recipient-added", "review"),
        ("activity-transfer-added", "review"),
        ("recipient-added", "review"),
        ("transfer-added", "review"),
    ]
    transfer = changes[3]
    assert transfer["flags"] == ["third-country"]
    assert transfer["params"] == {
        "id": "analytics-us",
        "recipient": "analytics-us",
        "country": "US",
        "mechanism": "standard-contractual-clauses",
    }
    assert (
        transfer["message"]
        == "Transfer analytics-us to US added: recipient analytics-us, mechanism standard-contractual-clauses"
    )


def test_transfer_inside_the_eea_is_no_third_country(repo: tuple[Repo, str]) -> None:
    text = edit(
        (
            "transfers:\n  - id: crm-us",
            "transfers:\n  - id: backup-de\n    recipient: authorities\n    country: DE\n  - id: crm-us",
        )
    )
    changes = diff(repo, text)
    assert kinds(changes) == [("transfer-added", "info")]
    assert changes[0]["flags"] == []


def test_transfer_country_and_mechanism_changed(repo: tuple[Repo, str]) -> None:
    text = edit(
        (
            "    recipient: crm-vendor\n    country: US\n    mechanism: adequacy-decision",
            "    recipient: crm-vendor\n    country: IN\n    mechanism: binding-corporate-rules",
        ),
    )
    changes = diff(repo, text)
    assert kinds(changes) == [
        ("transfer-country-changed", "review"),
        ("transfer-mechanism-changed", "review"),
    ]
    assert (changes[0]["params"]["before"], changes[0]["params"]["after"]) == ("US", "IN")


def test_transfer_and_recipient_removed(repo: tuple[Repo, str]) -> None:
    text = edit(
        ("    recipients: [crm-vendor]\n    transfers: [crm-us]\n", ""),
        (
            "  - id: crm-vendor\n    name: CRM Cloud Inc.\n    kind: processor\n    country: US\n"
            "    dpf_certified: true\n    description: Hosting van ons klantrelatiebeheersysteem.\n",
            "",
        ),
        (
            "transfers:\n  - id: crm-us\n    recipient: crm-vendor\n    country: US\n"
            "    mechanism: adequacy-decision\n"
            "    reference: Uitvoeringsbesluit (EU) 2023/1795 (EU-US Data Privacy Framework)\n",
            "",
        ),
    )
    changes = diff(repo, text)
    assert sorted(kinds(changes)) == [
        ("activity-recipient-removed", "info"),
        ("activity-transfer-removed", "info"),
        ("recipient-removed", "info"),
        ("transfer-removed", "info"),
    ]


def test_recipient_renamed_references_follow(repo: tuple[Repo, str]) -> None:
    text = edit(
        ("    recipients: [crm-vendor]\n", "    recipients: [crm]\n"),
        ("  - id: crm-vendor\n", "  - id: crm\n"),
        ("    recipient: crm-vendor\n", "    recipient: crm\n"),
    )
    changes = diff(repo, text)
    # The transfer's recipient field changed its text but not its meaning.
    assert kinds(changes) == [("recipient-renamed", "info"), ("transfer-changed", "info")]
    assert changes[0]["params"] == {"before": "crm-vendor", "after": "crm"}


def test_activity_renamed(repo: tuple[Repo, str]) -> None:
    changes = diff(repo, edit(("  - id: billing\n", "  - id: invoicing\n")))
    assert kinds(changes) == [("activity-renamed", "info")]
    assert changes[0]["params"] == {"before": "billing", "after": "invoicing"}


def test_cookie_added_with_its_basis(repo: tuple[Repo, str]) -> None:
    text = BASE + (
        "  - name: _fbp\n    provider: Meta Platforms Ireland\n    purpose: Advertenties.\n"
        "    category: marketing\n    legal_basis: gdpr-6-1-a\n    consent_required: true\n"
        "    retention: P3M\n"
    )
    changes = diff(repo, text)
    assert kinds(changes) == [("cookie-added", "review")]
    assert changes[0]["params"] == {
        "cookie": "_fbp",
        "category": "marketing",
        "basis": "gdpr-6-1-a",
        "retention": "P3M",
    }
    assert "ePrivacy Directive art. 5(3)" in changes[0]["articles"]


def test_strictly_necessary_cookie_is_info(repo: tuple[Repo, str]) -> None:
    text = BASE + (
        "  - name: csrf\n    provider: Voorbeeld Telecom B.V.\n    purpose: Beveiliging.\n"
        "    category: strictly-necessary\n    retention: session\n    first_party: true\n"
    )
    assert kinds(diff(repo, text)) == [("cookie-added", "info")]


def test_rights_contact_dpo_representative_and_date(repo: tuple[Repo, str]) -> None:
    text = edit(
        ("  last_updated: 2026-09-01", "  last_updated: 2026-11-01"),
        (
            "  email: info@voorbeeldtelecom.nl\n  phone",
            "  email: hallo@voorbeeldtelecom.nl\n  phone",
        ),
        ("  email: fg@voorbeeldtelecom.nl\n", "  email: dpo@voorbeeldtelecom.nl\n"),
        ("supervisory_authority:", "eu_representative:\n  name: Rep B.V.\nsupervisory_authority:"),
        (
            "  portability:\n    how: Vraag een kopie aan in een gangbaar bestandsformaat.\n"
            "    email: privacy@voorbeeldtelecom.nl\n",
            "",
        ),
    )
    changes = diff(repo, text)
    assert kinds(changes) == [
        ("statement-date-changed", "info"),
        ("controller-changed", "info"),
        ("dpo-changed", "info"),
        ("representative-changed", "info"),
        ("right-removed", "review"),
    ]
    assert changes[0]["params"] == {"before": "2026-09-01", "after": "2026-11-01"}
    assert changes[1]["params"] == {
        "field": "email",
        "before": "info@voorbeeldtelecom.nl",
        "after": "hallo@voorbeeldtelecom.nl",
    }
    assert changes[4]["params"] == {"right": "portability"}


def test_dpo_no_longer_appointed_is_review(repo: tuple[Repo, str]) -> None:
    changes = diff(repo, edit(("  appointed: true\n", "  appointed: false\n")))
    assert ("dpo-changed", "review") in kinds(changes)


def test_findings_introduced_and_fixed(repo: tuple[Repo, str], tmp_path: Path) -> None:
    r, _ = repo
    # a base with a finding (no retention for billing), a head that fixes it and adds another
    broken = edit(("    retention:\n      period: P7Y\n", ""))
    base = r.commit({"privacy.yaml": broken})
    head = r.commit(
        {
            "privacy.yaml": edit(
                (
                    "  - id: mobile\n    name: Mobiele telefonie\n",
                    "  - id: mobile\n    nam: Mobiele telefonie\n",
                )
            )
        }
    )
    report = as_dict(diff_repository([base, head], Settings(), cwd=r.root))
    changes = report["declarations"][0]["changes"]
    fixed = [c for c in changes if c["kind"] == "finding-fixed"]
    introduced = [c for c in changes if c["kind"] == "finding-introduced"]
    assert [c["params"]["rule"] for c in fixed] == ["retention-missing"]
    assert fixed[0]["interest"] == "info" and fixed[0]["line"] is None
    assert "unknown-key" in {c["params"]["rule"] for c in introduced}
    unknown = next(c for c in introduced if c["params"]["rule"] == "unknown-key")
    assert unknown["interest"] == "review"  # an error: it would fail privlint check
    assert unknown["line"] == line_of(BASE, "name: Mobiele telefonie")
    assert ("retention-added", "info") in kinds(changes)


def test_a_finding_that_only_moved_is_neither_introduced_nor_fixed(repo: tuple[Repo, str]) -> None:
    r, _ = repo
    duplicate = edit(("  title: Privacyverklaring", "  language: nl\n  title: Privacyverklaring"))
    base = r.commit({"privacy.yaml": duplicate})
    head = r.commit({"privacy.yaml": "# a new first line\n" + duplicate})
    report = as_dict(diff_repository([base, head], Settings(), cwd=r.root))
    assert report["declarations"] == [] or report["declarations"][0]["changes"] == []


def test_each_side_is_parsed_once_and_changes_are_placed_in_the_head(
    repo: tuple[Repo, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The changes and the findings come from one document per side, the one the check
    pipeline made: two parses for a modified declaration, not one more for the comparison."""
    import privlint.loader as loader

    parses: list[str] = []
    parse_text = loader.parse_text

    def counting_parse(text: str, *args: Any, **kwargs: Any) -> Any:
        parses.append(text)
        return parse_text(text, *args, **kwargs)

    monkeypatch.setattr(loader, "parse_text", counting_parse)
    for module in list(sys.modules.values()):  # and wherever else it was imported by name
        if module is not loader and getattr(module, "parse_text", None) is parse_text:
            monkeypatch.setattr(module, "parse_text", counting_parse)
    text = edit(("period: P90D", "period: P2Y"))
    changes = diff(repo, text)
    # (other texts are privlint's own data, parsed when its cache is cold)
    assert sorted(t for t in parses if t in (BASE, text)) == sorted([BASE, text])
    (changed,) = [c for c in changes if c["kind"] == "retention-longer"]
    line = text.splitlines()[changed["line"] - 1]
    assert "period: P2Y" in line, (changed, line)

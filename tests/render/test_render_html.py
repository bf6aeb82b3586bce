"""The rendered HTML page, parsed by a conforming parser (html5lib, strict: no parse errors)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import run_cli
from tests.render.helpers import (
    COMPLETE,
    EXAMPLE_FILES,
    NS,
    parse,
    render_file,
    tags,
    text_of,
    with_description,
)


@pytest.mark.parametrize("example", EXAMPLE_FILES, ids=lambda p: p.name.split(".")[0])
def test_every_example_is_one_accessible_self_contained_page(example: Path, tmp_path: Path) -> None:
    page = render_file(example, tmp_path / "page.html").read_text(encoding="utf-8")
    root = parse(page)  # strict: raises on any parse error
    assert root.get("lang") == "nl"
    assert len(tags(root, "h1")) == 1
    # no script, no external resources: nothing the page loads
    for name in ("script", "iframe", "img", "link", "object", "embed"):
        assert tags(root, name) == [], name
    assert "url(" not in page and "@import" not in page
    assert "@media print" in page
    # table of contents: every entry points at a heading on the page
    ids = {el.get("id") for el in root.iter() if el.get("id")}
    toc = tags(next(iter(tags(root, "nav"))), "a")
    assert len(toc) >= 4
    for link in toc:
        href = link.get("href") or ""
        assert href.startswith("#") and href[1:] in ids
        assert root.find(f".//{NS}h2[@id='{href[1:]}']") is not None
    # real tables: header cells with a scope, a caption
    for table in tags(root, "table"):
        assert table.find(f"{NS}caption") is not None
        header = table.findall(f"{NS}thead/{NS}tr/{NS}th")
        assert header and all(th.get("scope") == "col" for th in header)
        for row in table.findall(f"{NS}tbody/{NS}tr"):
            assert row[0].tag == f"{NS}th" and row[0].get("scope") == "row"
            assert len(row) == len(header)
    # links only to mail addresses, the web, or anchors on the page
    for a in tags(root, "a"):
        assert (a.get("href") or "").startswith(("#", "mailto:", "https://", "http://"))


def test_the_complete_example_shows_what_articles_13_and_14_ask(tmp_path: Path) -> None:
    root = parse(render_file(COMPLETE, tmp_path / "p.html").read_text(encoding="utf-8"))
    body = text_of(root)
    for expected in (
        "Voorbeeld Telecom B.V.",  # controller
        "fg@voorbeeldtelecom.nl",  # DPO
        "Autoriteit Persoonsgegevens",  # authority
        "Tot 2 jaar na het einde van de overeenkomst",  # durations written out
        "6 maanden",
        "90 dagen",
        "Gerechtvaardigd belang: Wij gebruiken de opnames",  # the interest in words
        "Wettelijke verplichting: Telecommunicatiewet",  # the law behind 6(1)(c)
        "Uitvoeringsbesluit (EU) 2023/1795",  # where to find the safeguard
        "Adequaatheidsbesluit van de Europese Commissie",
        "Laatst bijgewerkt op 1 september 2026.",
        "13 maanden",  # cookie duration
    ):
        assert expected in body, expected
    assert "CONCEPT" not in body  # a clean declaration is no draft
    rights = [text_of(h) for h in root.findall(f".//{NS}section[@aria-labelledby='rights']/{NS}h3")]
    assert rights == [
        "Inzage in uw gegevens",
        "Correctie van uw gegevens",
        "Verwijdering van uw gegevens",
        "Beperking van de verwerking",
        "Bezwaar tegen de verwerking",
        "Overdracht van uw gegevens",
        "Intrekken van uw toestemming",
        "Klacht indienen",
    ]


def test_english_page_uses_the_english_catalogue(tmp_path: Path) -> None:
    root = parse(render_file(COMPLETE, tmp_path / "p.html", "--language", "en").read_text("utf-8"))
    assert root.get("lang") == "en"
    body = text_of(root)
    assert "Until 2 years after the end of the contract" in body
    assert "6 months" in body and "Last updated on 1 September 2026." in body
    assert "Bewaartermijn" not in body


def test_a_script_in_a_description_is_text_on_the_page(tmp_path: Path) -> None:
    evil = '<script>alert("x")</script> <img src=x onerror=alert(1)> & "quotes"'
    declaration = with_description(tmp_path, evil)
    page = render_file(declaration, tmp_path / "p.html").read_text(encoding="utf-8")
    root = parse(page)
    assert tags(root, "script") == [] and tags(root, "img") == []
    cells = [text_of(td) for td in tags(root, "td")]
    assert evil in cells
    assert "&lt;script&gt;" in page


def test_rights_the_bases_do_not_give_are_not_offered(tmp_path: Path) -> None:
    # only a legal obligation: no objection (Art. 21), no portability (Art. 20), no consent
    text = COMPLETE.read_text(encoding="utf-8")
    for basis in ("gdpr-6-1-a", "gdpr-6-1-b", "gdpr-6-1-f"):
        text = text.replace(f"legal_basis: {basis}", "legal_basis: gdpr-6-1-c")
    path = tmp_path / "c.privacy.yaml"
    path.write_text(text, encoding="utf-8")
    root = parse(render_file(path, tmp_path / "p.html").read_text(encoding="utf-8"))
    anchors = {h.get("id") for h in tags(root, "h3")}
    assert {"right-access", "right-rectification", "right-erasure", "right-complaint"} <= anchors
    assert not anchors & {"right-objection", "right-portability", "right-withdraw-consent"}


def test_a_declaration_with_errors_is_refused_unless_forced(tmp_path: Path) -> None:
    seed = next(p for p in EXAMPLE_FILES if p.name.startswith("tracks"))
    out = tmp_path / "p.html"
    refused = run_cli("render", seed, "-o", out)
    assert refused.returncode == 1
    assert "error PL101 retention-missing" in refused.stderr  # the text reporter's findings
    assert "refusing" in refused.stderr and not out.exists()
    forced = run_cli("render", "--force", seed, "-o", out)
    assert forced.returncode == 0
    root = parse(out.read_text(encoding="utf-8"))
    draft = root.find(f".//{NS}p[@class='draft']")
    assert draft is not None and text_of(draft).startswith("CONCEPT")
    assert text_of(next(iter(tags(root, "title")))).startswith("[CONCEPT]")


def test_output_goes_through_the_safe_writer(tmp_path: Path) -> None:
    target = tmp_path / "elsewhere.html"
    target.write_text("keep", encoding="utf-8")
    link = tmp_path / "page.html"
    link.symlink_to(target)
    result = run_cli("render", COMPLETE, "-o", link)
    assert result.returncode == 2 and "symbolic link" in result.stderr
    assert target.read_text(encoding="utf-8") == "keep"


def test_stdout_unparseable_input_and_a_directory(tmp_path: Path) -> None:
    result = run_cli("render", COMPLETE, "--format", "markdown")
    assert result.returncode == 0 and result.stdout.startswith("# Privacyverklaring")
    bad = tmp_path / "bad.privacy.yaml"
    bad.write_text("privlint: 1\nactivities: [\n", encoding="utf-8")
    broken = run_cli("render", "--force", bad)
    assert broken.returncode == 1 and "bad.privacy.yaml:" in broken.stderr
    assert "Traceback" not in broken.stderr
    assert run_cli("render", tmp_path).returncode == 2

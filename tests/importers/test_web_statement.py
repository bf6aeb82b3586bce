"""`--from statement-nl` on a statement published as a web page or as Markdown (not made by us)."""

from __future__ import annotations

from pathlib import Path

from privlint.importers.web import detect, read_html, read_markdown, to_text_form
from privlint.loader import parse_text
from tests.conftest import run_cli

PAGE = """<!doctype html>
<html lang="nl"><head><title>Privacy</title><script>document.write("<h2>Nep</h2>")</script>
<style>h2 { color: red }</style></head>
<body><nav><ul><li><a href="#a">Inhoud</a></li></ul></nav>
<h1>Privacyverklaring</h1>
<p>Voorbeeld B.V. is een <b>IT-bedrijf</b> in Utrecht.</p>
<h2>Welke persoonsgegevens wij verwerken</h2>
<table>
<tr><th>Type dienst</th><th>Type gegevens</th><th>Bewaartermijnen</th><th>Verantwoordelijke</th><th>Grond voor verwerking</th></tr>
<tr><td><u>Website</u></td><td><i>Ingevulde gegevens contactformulier.</i></td><td>Eén jaar</td><td>Voorbeeld B.V.</td><td>Toestemming</td></tr>
<tr><td>Telefonie</td><td>Opnames van uw gesprekken.</td><td>Afhankelijk van de klant</td><td>Opdrachtgevende partij</td><td></td></tr>
</table>
<h2>Inzage in uw gegevens</h2>
<p>U mag weten welke gegevens wij verwerken.<br>Mail ons.</p>
</body></html>
"""

MARKDOWN = """# Privacyverklaring

Voorbeeld B.V. is een IT-bedrijf in Utrecht.

## Welke persoonsgegevens wij verwerken

| Type dienst | Type gegevens | Bewaartermijnen | Verantwoordelijke | Grond voor verwerking |
|---|---|---|---|---|
| **Website** | Ingevulde gegevens contactformulier. | Eén jaar | Voorbeeld B.V. | Toestemming |
| Telefonie | Opnames van uw gesprekken \\| ook voicemail. | Afhankelijk van de klant | Opdrachtgevende partij | |

## Inzage in uw gegevens

U mag weten welke gegevens wij verwerken. Mail ons.
"""


def test_detection() -> None:
    assert detect(PAGE) == "html"
    assert detect(MARKDOWN) == "markdown"
    assert detect("Privacyverklaring\n\nType dienst\tType gegevens\n") is None


def test_scripts_styles_and_navigation_are_not_content() -> None:
    text = to_text_form(read_html(PAGE))
    assert "Nep" not in text and "color" not in text and "Inhoud" not in text
    assert "Voorbeeld B.V. is een IT-bedrijf in Utrecht." in text
    assert "U mag weten welke gegevens wij verwerken. Mail ons." in text


def test_markdown_cells_keep_an_escaped_pipe() -> None:
    (table,) = [b for b in read_markdown(MARKDOWN).blocks if not isinstance(b, tuple)]
    assert table.rows[1][1] == "Opnames van uw gesprekken | ook voicemail."
    assert table.rows[0][0] == "Website"  # emphasis dropped


def _imported(tmp_path: Path, name: str, text: str) -> dict[str, object]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    result = run_cli("import", "--from", "statement-nl", path)
    assert result.returncode == 0, result.stderr
    data, _, problems = parse_text(result.stdout)
    assert problems == []
    assert isinstance(data, dict)
    return data


def test_a_web_page_and_markdown_import_like_the_text_form(tmp_path: Path) -> None:
    for name, text in (("p.html", PAGE), ("p.md", MARKDOWN)):
        data = _imported(tmp_path, name, text)
        assert data["controller"] == {"name": "Voorbeeld B.V."}
        website, phone = data["activities"]  # type: ignore[misc]
        assert website["retention"]["period"] == "P1Y"
        assert website["legal_basis"] == "gdpr-6-1-a"
        assert phone["role"] == "processor"
        assert phone["retention"]["set_by_controller"] is True
        assert "access" in data["rights"]  # type: ignore[operator]

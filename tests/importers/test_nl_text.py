"""The statement text format: tables, continuation rows, wrapped cells, footnotes.

Each test builds a small statement with one of the variations the template produces, so that
the parser is tested on the format rather than on the three seeds only.
"""

from __future__ import annotations

from privlint.importers.nl_text import Table, parse

HEADER = "Type dienst\tType gegevens\tBewaartermijnen\tVerantwoordelijke\tGrond voor verwerking"


def _tables(text: str) -> list[Table]:
    return [t for s in parse(text).sections for t in s.tables]


def _statement(*table_lines: str) -> str:
    return "\n".join(
        [
            "Privacyverklaring",
            "",
            "Voorbeeld B.V. is een telecomaanbieder.",
            "",
            "Welke persoonsgegevens Voorbeeld B.V. verwerkt",
            "",
            *table_lines,
            "",
            "Hoe de persoonsgegevens worden gebruikt",
            "",
            "Wij gebruiken uw gegevens voor het leveren van diensten.",
        ]
    )


def test_continuation_rows_belong_to_the_service_above() -> None:
    text = _statement(
        HEADER,
        "<u>Algemeen</u>\t<i>Naam.</i>\tZes maanden\tVoorbeeld B.V.\tUitvoering overeenkomst",
        "\t<i>Adres.</i>\tDrie jaar\tOpdrachtgevende partij\tUitvoering overeenkomst",
    )
    (table,) = _tables(text)
    assert table.rows == [
        ["Algemeen", "Naam.", "Zes maanden", "Voorbeeld B.V.", "Uitvoering overeenkomst"],
        ["", "Adres.", "Drie jaar", "Opdrachtgevende partij", "Uitvoering overeenkomst"],
    ]
    assert table.row_lines == [8, 9]


def test_a_wrapped_data_cell_on_a_row_of_its_own_after_a_blank_line() -> None:
    # as in bk-it-solutions.txt: the cell goes on in a row whose other cells are empty
    text = _statement(
        HEADER,
        "<u>Algemeen</u>\t<i>Verkeersinformatie in het</i>\tZes maanden\tX\tWettelijke verplichting",
        "",
        "\t<i>kader van een aftapverplichting.</i>\t\t\t",
        "\t<i>Supportvragen.</i>\tDrie jaar\tX\tUitvoering overeenkomst",
    )
    (table,) = _tables(text)
    assert [r[1] for r in table.rows] == [
        "Verkeersinformatie in het kader van een aftapverplichting.",
        "Supportvragen.",
    ]
    assert table.rows[0][2] == "Zes maanden"


def test_a_cell_wrapped_onto_the_next_physical_line_keeps_its_markup_open() -> None:
    text = _statement(
        HEADER,
        "<u>Website</u>\t<i>Ingevulde gegevens",
        "contactformulier.</i>\tEén jaar\tX\tUitvoering overeenkomst",
    )
    (table,) = _tables(text)
    assert table.rows == [
        [
            "Website",
            "Ingevulde gegevens contactformulier.",
            "Eén jaar",
            "X",
            "Uitvoering overeenkomst",
        ]
    ]


def test_a_long_last_cell_wrapped_onto_a_bare_line() -> None:
    text = _statement(
        HEADER,
        "<u>Website</u>\t<i>Bezoekstatistieken.</i>\tEén jaar\tX\tGerechtvaardigd belang. X gebruikt",
        "deze gegevens voor het verbeteren van de website.",
        "<u>Cloud</u>\t<i>Naam.</i>\tTot einde dienstverlening\tX\tUitvoering overeenkomst",
    )
    (table,) = _tables(text)
    assert table.rows[0][4] == (
        "Gerechtvaardigd belang. X gebruikt deze gegevens voor het verbeteren van de website."
    )
    assert [r[0] for r in table.rows] == ["Website", "Cloud"]


def test_repeated_headers_separator_rows_and_blank_lines_inside_a_table() -> None:
    text = _statement(
        HEADER,
        "<u>Algemeen</u>\t<i>Naam.</i>\tZes maanden\tX\tUitvoering overeenkomst",
        "----\t----\t----\t----\t----",
        "",
        HEADER,
        "\t<i>Adres.</i>\tZes maanden\tX\tUitvoering overeenkomst",
        "",
        "<u>Website</u>\t<i>Cookies.</i>\tEén jaar\tX\tToestemming",
    )
    (table,) = _tables(text)
    assert [(r[0], r[1]) for r in table.rows] == [
        ("Algemeen", "Naam."),
        ("", "Adres."),
        ("Website", "Cookies."),
    ]


def test_two_tables_and_a_cookie_table_are_kept_apart() -> None:
    text = "\n".join(
        [
            "Privacyverklaring",
            "",
            "X is een aanbieder.",
            "",
            "Welke persoonsgegevens X verwerkt",
            "",
            HEADER,
            "<u>Algemeen</u>\t<i>Naam.</i>\tZes maanden\tX\tUitvoering overeenkomst",
            "",
            "Voor onze mobiele diensten geldt het volgende.",
            "",
            HEADER,
            "<u>Mobiel</u>\t<i>IMEI.</i>\tZes maanden\tX\tUitvoering overeenkomst",
            "",
            "Cookies",
            "",
            "Naam\tGeplaatst door\tDoel",
            "_ga\tGoogle\tBezoekstatistieken",
        ]
    )
    tables = _tables(text)
    assert [t.header[0] for t in tables] == ["Type dienst", "Type dienst", "Naam"]
    assert tables[2].rows == [["_ga", "Google", "Bezoekstatistieken"]]


def test_a_footnote_that_interrupts_a_paragraph_is_lifted_out() -> None:
    text = "\n".join(
        [
            "Privacyverklaring",
            "",
            "X is een aanbieder.",
            "",
            "Met welke partijen de persoonsgegevens worden gedeeld",
            "",
            "Als een leverancier zich buiten Europa¹ bevindt, dan garandeert X dat de",
            "",
            "¹ Buiten de Europese Economische Ruimte.",
            "",
            "verwerking met dezelfde waarborgen is omkleed.",
        ]
    )
    parsed = parse(text)
    assert parsed.footnotes == {"¹": "Buiten de Europese Economische Ruimte."}
    sharing = parsed.sections[-1]
    assert sharing.heading == "Met welke partijen de persoonsgegevens worden gedeeld"
    assert sharing.text() == (
        "Als een leverancier zich buiten Europa¹ bevindt, dan garandeert X dat de "
        "verwerking met dezelfde waarborgen is omkleed."
    )


def test_title_lines_before_the_body_and_headings_by_shape() -> None:
    parsed = parse(
        "PRIVACYVERKLARING\n\nVersie 2.1 – maart 2024\n\nX is een aanbieder.\n\nInzage\n\nU mag."
    )
    assert [b.text for b in parsed.headings_before_body] == [
        "PRIVACYVERKLARING",
        "Versie 2.1 – maart 2024",
    ]
    assert [s.heading for s in parsed.sections] == ["", "Inzage"]


def test_markdown_links_and_crlf_line_ends() -> None:
    parsed = parse(
        "Titel\r\n\r\nX is een aanbieder.\r\n\r\nKlacht\r\n\r\nbij [de Autoriteit](#).\r\n"
    )
    assert parsed.sections[-1].text() == "bij de Autoriteit."

"""`privlint register`: the Art. 30 record, opened with openpyxl and the csv module."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from privlint.loader import load_file
from tests.conftest import run_cli
from tests.render.helpers import COMPLETE, EXAMPLE_FILES

CONTROLLER_COLUMNS = (
    "30(1)(a)",
    "30(1)(b)",
    "30(1)(c)",
    "30(1)(d)",
    "30(1)(e)",
    "30(1)(f)",
    "30(1)(g)",
)
PROCESSOR_COLUMNS = ("30(2)(a)", "30(2)(b)", "30(2)(c)", "30(2)(d)")


def _register(tmp: Path, fmt: str, *declarations: Path) -> Path:
    out = tmp / f"register.{fmt}"
    result = run_cli("register", "--force", *declarations, "-o", out)
    assert result.returncode == 0, result.stderr
    return out


def _rows_xlsx(path: Path) -> list[dict[str, str]]:
    wb = load_workbook(path)
    ws = wb.active
    values = list(ws.iter_rows(values_only=True))
    draft = ws.title.startswith("CONCEPT")
    if draft:  # the notice above the header, which stays frozen and filtered
        assert str(values[0][0]).startswith("CONCEPT:") and not any(values[0][1:])
        values = values[1:]
    top = 2 if draft else 1
    assert ws.freeze_panes == f"A{top + 1}"
    assert ws.auto_filter.ref == ws.dimensions.replace("A1:", f"A{top}:")
    assert all(ws.column_dimensions[c].width >= 12 for c in "ABCDEFGHIJKLMNO")
    header = [str(h) for h in values[0]]
    return [{h: (v or "") for h, v in zip(header, row, strict=True)} for row in values[1:]]


def _rows_csv(path: Path) -> list[dict[str, str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM for Excel
    assert raw.count(b"\r\n") >= 2  # RFC 4180 line ends
    text = raw.decode("utf-8-sig")
    if text.startswith("CONCEPT:"):  # a draft: the notice is the first row, then the header
        notice, _, text = text.partition("\r\n")
        assert len(next(csv.reader([notice]))) == 1
    return list(csv.DictReader(io.StringIO(text, newline="")))


def _column(row: dict[str, str], item: str) -> list[str]:
    """The values of the columns whose header starts with the article item, e.g. '30(1)(c)'."""
    return [v for h, v in row.items() if h.startswith(item)]


def _check(declaration: dict[str, Any], rows: list[dict[str, str]]) -> None:
    activities = declaration["activities"]
    assert len(rows) == len(activities)
    recipients = {r["id"]: r.get("name", r["id"]) for r in declaration.get("recipients", [])}
    transfers = {t["id"]: t for t in declaration.get("transfers", [])}
    controller = declaration["controller"]["name"]
    headers = list(rows[0])
    for item in CONTROLLER_COLUMNS + PROCESSOR_COLUMNS:
        assert any(h.startswith(item) for h in headers), item
    for a, row in zip(activities, rows, strict=True):
        processor = a.get("role") == "processor"
        mine, other = (
            (PROCESSOR_COLUMNS, CONTROLLER_COLUMNS)
            if processor
            else (CONTROLLER_COLUMNS, PROCESSOR_COLUMNS)
        )
        for item in other:
            assert _column(row, item) == [""] * len(_column(row, item)), (a["id"], item)
        who = _column(row, mine[0])[0]
        assert controller in who
        if processor and a.get("controller"):
            assert a["controller"] in who
        if declaration.get("dpo", {}).get("appointed"):
            assert declaration["dpo"]["email"] in who
        if processor:
            described = _column(row, "30(2)(b)")[0]
            for purpose in a.get("purposes", []):
                assert " ".join(purpose.split()) in " ".join(described.split())
            transfer_cell = _column(row, "30(2)(c)")[0]
            security = _column(row, "30(2)(d)")[0]
        else:
            purposes = _column(row, "30(1)(b)")[0]
            assert [" ".join(p.split()) for p in a.get("purposes", [])] == [
                " ".join(p.split()) for p in purposes.splitlines() if p
            ] or (not a.get("purposes") and purposes == "")
            subjects, categories = _column(row, "30(1)(c)")
            assert len([s for s in subjects.splitlines() if s]) == len(a.get("data_subjects", []))
            assert categories.splitlines() == a.get("data_categories", [])
            cell = _column(row, "30(1)(d)")[0]
            for rid in a.get("recipients", []):
                assert recipients[rid] in cell
            erasure = _column(row, "30(1)(f)")[0]
            retention = a.get("retention") or {}
            assert bool(erasure) == bool(
                set(retention) & {"period", "until", "criteria", "stated", "set_by_controller"}
            )
            transfer_cell = _column(row, "30(1)(e)")[0]
            security = _column(row, "30(1)(g)")[0]
        for tid in a.get("transfers", []):
            t = transfers[tid]
            assert t.get("country", "") in transfer_cell
            if t.get("reference"):
                assert t["reference"] in transfer_cell
        expected_security = a.get("security_measures") or declaration.get("security_measures")
        assert " ".join(security.split()) == " ".join((expected_security or "").split())


def _data(path: Path) -> dict[str, Any]:
    doc = load_file(path, path.name).document
    assert doc is not None
    data: dict[str, Any] = doc.data
    return data


@pytest.mark.parametrize("example", EXAMPLE_FILES, ids=lambda p: p.name.split(".")[0])
def test_xlsx_and_csv_hold_every_art_30_column_for_every_example(
    example: Path, tmp_path: Path
) -> None:
    declaration = _data(example)
    _check(declaration, _rows_xlsx(_register(tmp_path, "xlsx", example)))
    _check(declaration, _rows_csv(_register(tmp_path, "csv", example)))


def test_an_activity_s_own_security_measures_win(tmp_path: Path) -> None:
    text = COMPLETE.read_text(encoding="utf-8").replace(
        "      period: P90D\n",
        "      period: P90D\n    security_measures: Opnames versleuteld opgeslagen.\n",
    )
    path = tmp_path / "own.privacy.yaml"
    path.write_text(text, encoding="utf-8")
    declaration = _data(path)
    assert declaration["activities"][3]["security_measures"]
    rows = _rows_csv(_register(tmp_path, "csv", path))
    _check(declaration, rows)
    assert _column(rows[3], "30(1)(g)") == ["Opnames versleuteld opgeslagen."]


def test_several_declarations_make_one_register(tmp_path: Path) -> None:
    rows = _rows_csv(_register(tmp_path, "csv", *EXAMPLE_FILES))
    assert len(rows) == sum(len(_data(p)["activities"]) for p in EXAMPLE_FILES)
    assert {r["Declaratie"] for r in rows} == {f"examples/{p.name}" for p in EXAMPLE_FILES}


def test_json_and_markdown(tmp_path: Path) -> None:
    doc = json.loads(_register(tmp_path, "json", COMPLETE).read_text(encoding="utf-8"))
    assert doc["draft"] is False and doc["language"] == "nl"
    keys = [c["key"] for c in doc["columns"]]
    assert len(doc["rows"]) == len(_data(COMPLETE)["activities"])
    assert all(list(r) == keys for r in doc["rows"])
    md = _register(tmp_path, "md", COMPLETE).read_text(encoding="utf-8")
    table = [line for line in md.splitlines() if line.startswith("|")]
    assert len(table) == 2 + len(doc["rows"])
    assert all(line.count(" | ") == len(keys) - 1 for line in table if "---" not in line)


def test_text_that_looks_like_a_formula_stays_text(tmp_path: Path) -> None:
    text = COMPLETE.read_text(encoding="utf-8")
    text = text.replace("purposes: [Facturatie]", 'purposes: ["=1+1", "pipe | and\\nnewline"]')
    path = tmp_path / "formula.privacy.yaml"
    path.write_text(text, encoding="utf-8")
    ws = load_workbook(_register(tmp_path, "xlsx", path)).active
    cells = [c for row in ws.iter_rows() for c in row if str(c.value).startswith("=1+1")]
    assert cells and all(c.data_type == "s" for c in cells)
    rows = _rows_csv(_register(tmp_path, "csv", path))
    assert any(v.startswith("'=1+1") for r in rows for v in r.values())
    md = _register(tmp_path, "md", path).read_text(encoding="utf-8")
    assert "pipe \\| and; newline" in md  # one table row: | escaped, the line break folded
    assert len([line for line in md.splitlines() if line.startswith("|")]) == 2 + 7


def test_refused_with_errors_unless_forced(tmp_path: Path) -> None:
    seed = next(p for p in EXAMPLE_FILES if p.name.startswith("tracks"))
    refused = run_cli("register", seed, "-o", tmp_path / "r.csv")
    assert refused.returncode == 1 and "error PL101" in refused.stderr
    assert not (tmp_path / "r.csv").exists()
    doc = json.loads(_register(tmp_path, "json", seed).read_text(encoding="utf-8"))
    assert doc["draft"] is True


@pytest.mark.parametrize("fmt", ["xlsx", "csv", "md"])
def test_a_forced_register_says_it_is_a_draft_in_every_format(tmp_path: Path, fmt: str) -> None:
    """A privacy officer opening the file sees the draft notice first, whatever the format;
    a register of a declaration without errors has none."""
    seed = next(p for p in EXAMPLE_FILES if p.name.startswith("tracks"))
    notice = "CONCEPT: gemaakt uit een declaratie die niet door privlint check komt."
    for declaration, draft in ((seed, True), (COMPLETE, False)):
        out = _register(tmp_path, fmt, declaration)
        if fmt == "xlsx":
            ws = load_workbook(out).active
            first = next(ws.iter_rows(values_only=True))[0]
            assert (first == notice) is draft and ws.title.startswith("CONCEPT") is draft
            assert len(_rows_xlsx(out)) == len(_rows_csv(_register(tmp_path, "csv", declaration)))
        elif fmt == "csv":
            first_line = out.read_bytes().decode("utf-8-sig").splitlines()[0]
            assert (first_line == notice) is draft
        else:  # the banner under the title
            lines = out.read_text("utf-8").splitlines()
            assert (lines[2] == f"> **{notice}**") is draft


def test_each_declaration_is_read_and_parsed_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The register is made from the documents the gate checked: each file is read and parsed
    once (a second read could see a file changed since its check)."""
    import privlint.loader as loader
    from privlint.render.source import load_checked

    reads: list[Path] = []
    parses: list[int] = []
    read_bytes, parse_text = loader.read_bytes, loader.parse_text

    def counting_read(path: Path, *args: Any) -> Any:
        reads.append(path)
        return read_bytes(path, *args)

    def counting_parse(text: str, *args: Any, **kwargs: Any) -> Any:
        parses.append(len(text))
        return parse_text(text, *args, **kwargs)

    monkeypatch.setattr(loader, "read_bytes", counting_read)
    monkeypatch.setattr(loader, "parse_text", counting_parse)
    files = list(EXAMPLE_FILES)
    declarations = load_checked(files, force=True, err=io.StringIO())
    assert [Path(d.display).name for d in declarations] == [f.name for f in files]
    assert sorted(reads) == sorted(files)
    assert len(parses) == len(files)
    # and what is rendered is what was read
    for declaration, path in zip(declarations, files, strict=True):
        expected = load_file(path, str(path)).document
        assert expected is not None and declaration.data == expected.data

"""bench/tilt_corpus_report.py on the documents copied into tests/data/tilt."""

from __future__ import annotations

import importlib.util
import re
from types import ModuleType

import pytest

from tests.conftest import DATA, REPO


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "tilt_corpus_report", REPO / "bench" / "tilt_corpus_report.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_report_counts_documents_activities_and_findings() -> None:
    text, bugs = _script().build_report(DATA / "tilt")
    assert bugs == 0  # no import failures, no schema findings
    assert "- documents imported: 7 (failed: 0)" in text
    assert "schema findings (importer bugs): 0" in text
    rows = {m.group(1): m.group(2) for m in re.finditer(r"^\| ([\w.-]+) \| (\d+) \|", text, re.M)}
    assert rows == {
        "adobe.com": "2", "bnpparibas.de": "3", "bvg.de": "31", "gruene.de": "4",
        "luca-app.de": "7", "privacy-icons.en": "5", "signal.org": "3",
    }  # fmt: skip
    total = sum(int(n) for n in rows.values())
    assert f"- activities: {total}" in text


def test_the_same_corpus_gives_the_same_report() -> None:
    script = _script()
    assert script.build_report(DATA / "tilt") == script.build_report(DATA / "tilt")


def test_a_directory_that_is_not_there_is_a_usage_error() -> None:
    with pytest.raises(SystemExit) as info:
        _script().main([str(DATA / "no-such-corpus")])
    assert info.value.code == 2

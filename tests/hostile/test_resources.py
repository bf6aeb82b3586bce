"""Inputs within every limit cannot make a run quadratic, exhaust memory or block.

Each case was minutes or gigabytes before: 2,000 dangling references (every message listed
every declared id), 30,000 equal names in an import (unique_id counted up from 2 each time),
an alias bomb in a fides manifest (ruamel's own constructor expanded it), `import --force -o`
onto a FIFO (tested in test_output_forging.py).  bench/hostile.py prints the figures.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from privlint import app
from privlint.functions.references import KNOWN_SHOWN, known_ids
from privlint.importers import ImportFailure
from privlint.importers.base import Ids, unique_id
from privlint.importers.fides import import_fides
from privlint.importers.tilt import import_tilt
from tests.hostile.cases import alias_bomb


def test_dangling_references_list_a_few_known_ids(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    services = "".join(f"  - {{id: s{i}, name: n}}\n" for i in range(2_000))
    activities = "".join(f"  - {{id: a{i}, service: x{i}}}\n" for i in range(2_000))
    path = tmp_path / "refs.privacy.yaml"
    path.write_text(f"privlint: 1\nservices:\n{services}activities:\n{activities}")
    start = time.perf_counter()
    assert app.main(["check", "-f", "json", str(path)]) == 1
    elapsed = time.perf_counter() - start
    findings = json.loads(capsys.readouterr().out)["findings"]
    dangling = [f for f in findings if "x1999" in f["message"]]
    assert dangling, "the dangling reference is reported"
    assert all(len(f["message"]) < 600 for f in findings)
    assert "and 1,990 more" in dangling[0]["message"]
    assert elapsed < 30  # was minutes and 1.5 GB


def test_known_ids_is_bounded() -> None:
    assert known_ids(set()) == "none"
    assert known_ids({"b", "a"}) == "a, b"
    many = {f"id-{i:05d}" + "x" * 100 for i in range(50_000)}
    text = known_ids(many)
    assert text.endswith(f"and {50_000 - KNOWN_SHOWN:,} more") and len(text) < 600


def test_unique_id_is_linear_for_equal_names() -> None:
    taken = Ids()
    start = time.perf_counter()
    for _ in range(30_000):
        taken.add(unique_id("same", taken))
    assert time.perf_counter() - start < 2  # 30,000 x 15,000 set look-ups before
    assert len(taken) == 30_000 and "same-30000" in taken
    # an id taken out of order is still skipped
    taken.add("other-2")
    assert unique_id("other", taken) == "other"
    taken.add("other")
    assert unique_id("other", taken) == "other-3"


def test_tilt_import_of_30000_equal_names(tmp_path: Path) -> None:
    entry = {"category": "E-Mail", "purposes": [{"purpose": "Newsletter"}]}
    doc = {"meta": {"name": "x"}, "dataDisclosed": [entry] * 30_000}
    start = time.perf_counter()
    imported = import_tilt(json.dumps(doc).encode(), "x.json")
    assert time.perf_counter() - start < 30
    ids = [a["id"] for a in imported.data["activities"]]
    assert len(ids) == len(set(ids)) == 30_000


def test_fides_alias_bomb_is_refused_while_streaming() -> None:
    bomb = alias_bomb().encode()
    start = time.perf_counter()
    with pytest.raises(ImportFailure, match="alias"):
        import_fides(b"system: []\n" + bomb, "bomb.yml")
    assert time.perf_counter() - start < 2

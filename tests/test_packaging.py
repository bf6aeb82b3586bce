"""schemas/ and rules/ live at the top of the repository and ship inside the installed package."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import REPO


@pytest.mark.slow
def test_the_wheel_carries_schemas_rules_and_reference_data(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(REPO)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    [wheel] = tmp_path.glob("privlint-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = {
        "privlint/schemas/declaration.schema.json",
        *(f"privlint/rules/{p.name}" for p in (REPO / "rules").glob("*.yaml")),
        "privlint/data/taxonomy.yaml",
        # privlint render / register: templates and catalogues
        "privlint/render/templates/statement.html.j2",
        "privlint/render/templates/statement.md.j2",
        "privlint/render/locales/nl.yaml",
        "privlint/render/locales/en.yaml",
        "privlint/schemas/diff-report.schema.json",
        "privlint/diff/kinds.yaml",
        "privlint/diff/catalogue/en.yaml",
        "privlint/diff/templates/diff.md.j2",
        # third-party data and its licence
        "privlint/data/NOTICE.md",
        "privlint/data/LGPL-2.1.txt",
    }
    assert len(expected) >= 6
    assert expected <= names
    assert not any(n.startswith(("tests/", "bench/", "examples/")) for n in names)
    # the licence expression names the LGPL data it carries
    metadata = (
        zipfile.ZipFile(wheel)
        .read(next(n for n in names if n.endswith(".dist-info/METADATA")))
        .decode("utf-8")
    )
    assert "License-Expression: Apache-2.0 AND LGPL-2.1-or-later" in metadata, metadata[:800]

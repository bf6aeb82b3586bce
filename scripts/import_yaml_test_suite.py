"""Copy the yaml-test-suite cases the tests need into tests/data/yaml-test-suite/cases.json.

    python scripts/import_yaml_test_suite.py PATH/TO/yaml-test-suite-data

One JSON file instead of ~1,400 small ones: per case its id, title, input, whether it is an
error case, and the JSON values of its documents (null when the suite gives none).  The suite's
LICENSE and SOURCE are copied beside it.
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "tests" / "data" / "yaml-test-suite"


def _json_values(text: str) -> list[object]:
    decoder = json.JSONDecoder()
    values, at = [], 0
    while True:
        while at < len(text) and text[at].isspace():
            at += 1
        if at >= len(text):
            return values
        value, at = decoder.raw_decode(text, at)
        values.append(value)


def main(source: Path) -> None:
    cases = []
    for case in sorted(p.parent for p in source.rglob("in.yaml")):
        json_file = case / "in.json"
        cases.append(
            {
                "id": case.relative_to(source).as_posix(),
                "title": (case / "===").read_text(encoding="utf-8").strip(),
                "yaml": (case / "in.yaml").read_bytes().decode("utf-8"),
                "error": (case / "error").exists(),
                "json": _json_values(json_file.read_text(encoding="utf-8"))
                if json_file.exists()
                else None,
            }
        )
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "cases.json").write_text(
        json.dumps(cases, ensure_ascii=False, indent=0) + "\n", encoding="utf-8"
    )
    for name in ("LICENSE", "SOURCE"):
        shutil.copyfile(source / name, OUT / name)
    print(f"{len(cases)} cases -> {OUT / 'cases.json'}")


if __name__ == "__main__":
    main(Path(sys.argv[1]))

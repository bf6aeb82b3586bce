"""privlint's verdict on every yaml-test-suite case, as JSON-able data.

    python -m tests.yaml_suite.verdicts [--hide-libyaml]

prints the verdicts on stdout; with --hide-libyaml, ruamel.yaml.clib (`_ruamel_yaml`) cannot be
imported, so the pure parser alone reads every file.  The test compares both runs.
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path
from typing import Any

CASES = Path(__file__).resolve().parent.parent / "data" / "yaml-test-suite" / "cases.json"


def load_cases() -> list[dict[str, Any]]:
    cases: list[dict[str, Any]] = json.loads(CASES.read_text(encoding="utf-8"))
    return cases


def file_name(case_id: str) -> str:
    return case_id.replace("/", "-") + ".privacy.yaml"


def verdicts() -> dict[str, dict[str, Any]]:
    """Per case: the findings (line, column, code, message) and whether the run fails."""
    from privlint.discovery import Target
    from privlint.lint import lint

    out: dict[str, dict[str, Any]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for case in load_cases():
            path = Path(tmp) / file_name(case["id"])
            path.write_bytes(case["yaml"].encode("utf-8"))
            report = lint([Target(path, path.name)])
            out[case["id"]] = {
                "findings": [
                    [f.span.line, f.span.column, f.code, f.name, f.message] for f in report.findings
                ],
                "failed": report.failed(),
            }
    return out


def main(argv: list[str]) -> None:
    if "--hide-libyaml" in argv:
        sys.modules["_ruamel_yaml"] = None  # type: ignore[assignment]  # import fails
    result = {"libyaml": _has_libyaml(), "verdicts": verdicts()}
    json.dump(result, sys.stdout)


def _has_libyaml() -> bool:
    try:
        import _ruamel_yaml  # noqa: F401
    except ImportError:
        return False
    return True


if __name__ == "__main__":
    main(sys.argv[1:])

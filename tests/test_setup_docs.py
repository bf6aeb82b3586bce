"""The README's set-up commands are the ones CI runs, and they work where pip refuses the system
Python (PEP 668): each creates a virtual environment first."""

from __future__ import annotations

from tests.conftest import REPO

VENV = "python3 -m venv .venv && . .venv/bin/activate && "
INSTALL = VENV + "python -m pip install . && privlint check examples/"
TEST = VENV + 'python -m pip install -e ".[test]" && python -m pytest'


def test_readme_opens_with_the_two_commands() -> None:
    lines = (REPO / "README.md").read_text(encoding="utf-8").splitlines()
    assert lines[2:6] == ["```sh", INSTALL, TEST, "```"]


def test_ci_runs_exactly_the_readme_test_command() -> None:
    run = (REPO / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert TEST in run


def test_licenses_are_the_texts_the_package_declares() -> None:
    """Apache-2.0 for privlint; LGPL-2.1-or-later for the one data file derived from
    iso-codes, whose licence text travels beside it (privlint/data/NOTICE.md)."""
    text = (REPO / "LICENSE").read_text(encoding="utf-8")
    assert "Apache License\n                           Version 2.0, January 2004" in text
    assert "END OF TERMS AND CONDITIONS" in text
    pyproject = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    assert 'license = "Apache-2.0 AND LGPL-2.1-or-later"' in pyproject
    data = REPO / "privlint" / "data"
    lgpl = (data / "LGPL-2.1.txt").read_text(encoding="utf-8")
    assert "GNU LESSER GENERAL PUBLIC LICENSE" in lgpl and "Version 2.1, February 1999" in lgpl
    notice = (data / "NOTICE.md").read_text(encoding="utf-8")
    assert "country_names.yaml" in notice and "LGPL-2.1.txt" in notice


def _workflow_steps(text: str) -> tuple[dict[str, str], dict[str, str]]:
    from ruamel.yaml import YAML

    data = YAML(typ="safe").load(text)
    job = next(iter(data["jobs"].values()))
    uses = {s["uses"].split("@")[0]: s["uses"].split("@")[1] for s in job["steps"] if "uses" in s}
    return job["permissions"], uses


def test_documented_and_generated_workflows_can_upload_sarif_with_current_actions() -> None:
    doc = (REPO / "docs" / "github-actions.md").read_text(encoding="utf-8")
    documented = doc.split("```yaml\n", 1)[1].split("```", 1)[0]
    generated = (REPO / "privlint" / "templates" / "init" / "github-actions.yaml").read_text(
        encoding="utf-8"
    )
    for text in (documented, generated.replace("$${{", "${{").replace("$version", "0.1.0")):
        permissions, uses = _workflow_steps(text)
        assert permissions == {"contents": "read", "security-events": "write", "actions": "read"}
        assert uses["actions/checkout"] == "v7"
        assert uses["github/codeql-action/upload-sarif"] == "v4"

"""JUnit XML: one suite per file, one case per rule and location, within the common schema.

No XSD validator is installed (xmlschema and lxml are not dependencies), so the structure
rules of Jenkins' junit-10.xsd that matter here are asserted with ElementTree.
"""

from __future__ import annotations

import dataclasses
import json
import xml.etree.ElementTree as ET

from privlint.config import Settings
from privlint.findings import Severity
from privlint.reporters import ReportOptions
from privlint.reporters.junit import render
from tests.conftest import run_cli
from tests.integrations.conftest import fixed_report

# junit-10.xsd: allowed attributes (required ones first) and children of each element.
SUITES_ATTRS = {"name", "time", "tests", "failures", "errors"}
SUITE_REQUIRED = {"name", "tests", "failures", "errors"}
SUITE_ATTRS = SUITE_REQUIRED | {
    "group",
    "time",
    "skipped",
    "timestamp",
    "hostname",
    "id",
    "package",
    "file",
    "log",
    "url",
}
CASE_ATTRS = {"name", "time", "classname", "group"}
CASE_CHILDREN = {"skipped", "error", "failure", "system-out", "system-err"}
TIME = r"^[0-9]*(\.[0-9]*)?$"


def assert_schema_structure(root: ET.Element) -> None:
    assert root.tag == "testsuites"
    assert set(root.attrib) <= SUITES_ATTRS
    for suite in root:
        assert suite.tag == "testsuite"
        assert SUITE_REQUIRED <= set(suite.attrib) <= SUITE_ATTRS
        cases = list(suite)
        assert all(c.tag == "testcase" for c in cases)
        assert int(suite.get("tests", "")) == len(cases)
        failed = [c for c in cases if c.find("failure") is not None]
        assert int(suite.get("failures", "")) == len(failed)
        for case in cases:
            assert "name" in case.attrib
            assert set(case.attrib) <= CASE_ATTRS
            assert {child.tag for child in case} <= CASE_CHILDREN
            for failure in case.findall("failure"):
                assert set(failure.attrib) == {"type", "message"}
    total = sum(int(s.get("tests", "")) for s in root)
    assert int(root.get("tests", "")) == total


def parse(text: str) -> ET.Element:
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n')
    return ET.fromstring(text.encode("utf-8"))


def test_fixed_report_structure() -> None:
    root = parse(render(fixed_report(), ReportOptions()))
    assert_schema_structure(root)
    suites = {s.get("name"): s for s in root}
    assert list(suites) == [
        "decl/a.privacy.yaml",
        "decl/clean.privacy.yaml",
        "decl/with space.privacy.yaml",
    ]
    assert [c.get("name") for c in suites["decl/with space.privacy.yaml"]] == [
        "PL010 unknown-key at /foo: unknown key 'foo' in declaration",
        "PL010 unknown-key at /foo: unknown key 'foo' in declaration (2)",
    ]
    assert root.get("tests") == "6"
    assert root.get("failures") == "4"


def test_failure_carries_rule_and_message() -> None:
    root = parse(render(fixed_report(), ReportOptions()))
    case = root.find("testsuite[@name='decl/a.privacy.yaml']/testcase[2]")
    assert case is not None
    assert case.get("classname") == "decl/a.privacy.yaml"
    failure = case.find("failure")
    assert failure is not None
    assert failure.get("type") == "PL101 retention-missing"
    assert failure.get("message") == (
        "activity 'a|b' keeps data 100% <forever>: no period,\nno criteria"
    )
    assert (failure.text or "").splitlines()[0] == (
        "decl/a.privacy.yaml:9:5: warning PL101 retention-missing"
    )


def test_finding_below_the_failing_severity_passes_with_output() -> None:
    root = parse(render(fixed_report(), ReportOptions()))
    case = root.find("testsuite[@name='decl/a.privacy.yaml']/testcase[3]")
    assert case is not None
    assert case.find("failure") is None
    out = case.find("system-out")
    assert out is not None
    # U+0001 cannot appear in XML 1.0 at all; it is replaced, and the document parses.
    assert "no DPO contact: *add* one \ufffd" in (out.text or "")


def test_fail_on_info_makes_every_finding_a_failure() -> None:
    report = dataclasses.replace(fixed_report(), settings=Settings(fail_on=Severity.INFO))
    root = parse(render(report, ReportOptions()))
    assert root.get("failures") == "5"


def test_clean_file_is_one_passing_case() -> None:
    root = parse(render(fixed_report(), ReportOptions()))
    cases = root.findall("testsuite[@name='decl/clean.privacy.yaml']/testcase")
    assert [(c.get("name"), list(c)) for c in cases] == [("privlint check", [])]


def test_cli_junit_on_real_files() -> None:
    result = run_cli(
        "check",
        "-f",
        "junit",
        "examples/complete.privacy.yaml",
        "tests/data/declarations/types.privacy.yaml",
    )
    assert result.returncode == 1
    root = parse(result.stdout)
    assert_schema_structure(root)
    assert [s.get("name") for s in root] == [
        "examples/complete.privacy.yaml",
        "tests/data/declarations/types.privacy.yaml",
    ]
    findings = json.loads(
        run_cli("check", "-f", "json", "tests/data/declarations/types.privacy.yaml").stdout
    )["findings"]
    failing = [f for f in findings if f["severity"] in ("error", "warning")]
    assert root.get("failures") == str(len(failing))
    assert len(failing) >= 9  # the schema findings of types.privacy.yaml, at least

"""JUnit XML for GitLab, Jenkins and Azure Pipelines test reports.

One ``<testsuite>`` per checked file; one ``<testcase>`` per finding, named by its rule and
subject (JSON pointer), never its line, so that GitLab's comparison with the target branch does
not report a finding that moved as fixed plus new; the position is in the failure text.  A
finding at or above the failing severity is a ``<failure>`` (type: the rule, message: the
finding); one below it passes, with the finding in ``<system-out>``, so the report agrees
with the exit code.  A clean file has one passing test case, so it is counted rather than
absent.  Elements and attributes are those of the common JUnit schema (Jenkins' junit-10.xsd).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import Counter
from typing import TYPE_CHECKING

from privlint.errors import printable
from privlint.findings import Finding
from privlint.reporters import ReportOptions

if TYPE_CHECKING:
    from privlint.lint import Report

CLEAN_CASE = "privlint check"
# Characters XML 1.0 cannot hold at all, even escaped.
_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(text: str) -> str:
    """An attribute value from input that may have several lines (a failure's message: the
    serializer writes its breaks as &#10;, so the file itself has none): only what XML 1.0 can
    hold, and no format characters (bidi overrides) or separators."""
    return printable(_NOT_XML.sub("\ufffd", text), keep="\t\n")


def xml_name(text: str) -> str:
    """Names (test case, suite, file) and lines of text from input: one line, escaped, as CI
    systems show names on one line and a raw newline in a text would start a line of the file."""
    return printable(_NOT_XML.sub("\ufffd", text))


def details(f: Finding, options: ReportOptions) -> str:
    lines = [f"{f.path}:{f.span.line}:{f.span.column}: {f.severity.value} {f.code} {f.name}"]
    lines.append(f.message)
    if f.articles:
        lines.append("; ".join(f.articles))
    if f.json_pointer:
        lines.append(f"at {f.json_pointer}")
    if options.show_fix and f.fix:
        lines.append(f"fix: {f.fix}")
    return "\n".join(xml_name(line) for line in lines)  # one line per item, whatever it holds


def case_names(findings: list[Finding]) -> list[str]:
    """The rule and each finding's subject (where in the document, by JSON pointer), never the
    line: a finding that moves keeps its name, so test-report comparisons do not show it as
    fixed and new.  Findings of a rule at one node are told apart by their messages, and
    identical ones by their order."""
    names = [f"{f.code} {f.name} at {f.json_pointer or '/'}" for f in findings]
    at_node = Counter(names)
    names = [
        f"{n}: {f.message}" if at_node[n] > 1 else n for n, f in zip(names, findings, strict=True)
    ]
    seen: Counter[str] = Counter()
    out = []
    for name in names:
        seen[name] += 1
        out.append(name if seen[name] == 1 else f"{name} ({seen[name]})")
    return out


def testcase(f: Finding, failing: bool, options: ReportOptions, name: str) -> ET.Element:
    case = ET.Element(
        "testcase",
        name=xml_name(name),
        classname=xml_name(f.path),
        time="0",
    )
    if failing:
        failure = ET.SubElement(
            case, "failure", type=xml_name(f"{f.code} {f.name}"), message=xml_text(f.message)
        )
        failure.text = details(f, options)
    else:
        ET.SubElement(case, "system-out").text = details(f, options)
    return case


def render(report: Report, options: ReportOptions) -> str:
    by_file: dict[str, list[Finding]] = {path: [] for path in report.files}
    for f in report.findings:
        by_file.setdefault(f.path, []).append(f)
    root = ET.Element("testsuites", name="privlint")
    total = failures = 0
    for path, findings in by_file.items():
        threshold = report.fail_on_for(path).rank  # its own configuration's
        suite = ET.SubElement(root, "testsuite", name=xml_name(path))
        cases = [
            testcase(f, f.severity.rank >= threshold, options, name)
            for f, name in zip(findings, case_names(findings), strict=True)
        ]
        if not cases:
            cases = [ET.Element("testcase", name=CLEAN_CASE, classname=xml_name(path), time="0")]
        failed = sum(1 for c in cases if c.find("failure") is not None)
        suite.attrib.update(
            tests=str(len(cases)), failures=str(failed), errors="0", skipped="0", time="0"
        )
        suite.set("file", xml_name(path))
        suite.extend(cases)
        total += len(cases)
        failures += failed
    root.attrib.update(tests=str(total), failures=str(failures), errors="0", time="0")
    ET.indent(root)
    body = ET.tostring(root, encoding="unicode")
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{body}\n'

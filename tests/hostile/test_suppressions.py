"""Suppressions: only a real YAML comment with a real reason silences a finding (issue 11).

Every case starts from a declaration with one known finding (a statement dated 2018, PL122)
and hides a file-wide `ignore-file ALL` somewhere a line scan would take for a comment.  The
finding must survive, and the run must fail.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import settings as hyp_settings
from hypothesis import strategies as st

from privlint import app
from privlint.config import Settings
from privlint.discovery import Target
from privlint.findings import Finding
from privlint.lint import lint
from tests.engine.helpers import TODAY
from tests.hostile.cases import EXAMPLE

STALE = EXAMPLE.replace("last_updated: 2026-09-01", "last_updated: 2018-05-25", 1)
assert STALE != EXAMPLE
ALL = "# privlint: ignore-file ALL -- reviewed by the privacy officer"


def findings(
    tmp_path: Path, text: str, name: str = "x.privacy.yaml", **kw: object
) -> list[Finding]:
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8"))
    return lint([Target(path, name)], Settings(today=TODAY, **kw)).findings  # type: ignore[arg-type]


def codes(found: list[Finding]) -> set[str]:
    return {f.code for f in found}


NOT_COMMENTS = {
    "literal block scalar": f"x-note: |\n  text\n  {ALL}\n",
    "literal block scalar, CRLF": f"x-note: |\r\n  text\r\n  {ALL}\r\n",
    "double-quoted value after non-ASCII text": f'x-a: "\U0001f600\u00e9"\nx-note: " {ALL}"\n',
    "folded block scalar": f"x-note: >-\n  text\n\n  {ALL}\n",
    "block scalar, marker at its indentation": f"x-note: |\n  {ALL}\n",
    "indented block scalar content": f"x-a:\n  note: |2\n     {ALL}\n",
    "single-quoted value": f"x-note: ' {ALL}'\n",
    "double-quoted value": f'x-note: " {ALL}"\n',
    "multi-line single-quoted value": f"x-note: 'first\n  {ALL}'\n",
    "multi-line double-quoted value": f'x-note: "first\n  {ALL}"\n',
    "quoted key": f'x-note:\n  " {ALL}": 1\n',
    "after U+2028 in a plain value": f"x-note: text\u2028{ALL}\n",
    "after U+2028 in a quoted value": f'x-note: "text\u2028{ALL}"\n',
    "after NEL in a plain value": f"x-note: text\u0085{ALL}\n",
    "in a flow sequence item": f"x-note: ['a {ALL}']\n",
}


@pytest.mark.parametrize("extra", NOT_COMMENTS.values(), ids=NOT_COMMENTS.keys())
def test_marker_outside_a_comment_suppresses_nothing(extra: str, tmp_path: Path) -> None:
    found = findings(tmp_path, STALE + extra)
    assert "PL122" in codes(found)
    assert codes(found) & {"PL020", "PL021", "PL023"} == set()  # it is no suppression at all


def test_marker_in_a_second_document_suppresses_nothing(tmp_path: Path) -> None:
    found = findings(tmp_path, STALE + f"---\n{ALL}\nprivlint: 1\n")
    assert {"PL003", "PL122"} <= codes(found)


def test_json_strings_and_comments_never_suppress(tmp_path: Path) -> None:
    doc = {
        "privlint": 1,
        "statement": {"title": "T", "last_updated": "2018-05-25"},
        "x-note": f" {ALL}",
        "x-lines": f"a\n{ALL}",
    }
    text = json.dumps(doc, indent=2)
    assert "PL122" in codes(findings(tmp_path, text, "x.privacy.json"))
    # YAML would read a comment here; a .json file has none, whatever its case.
    with_comment = text + f"\n{ALL}\n"
    for name in ("x.privacy.json", "y.privacy.JSON"):
        found = findings(tmp_path, with_comment, name)
        assert "PL122" in codes(found)
        assert "PL023" not in codes(found)


REAL_COMMENTS = {
    "at the start of the file": "{c}\n{doc}",
    "at the end without a newline": "{doc}{c}",
    "after a block scalar, less indented": "{doc}x-note: |\n  text\n{c}\n",
    "on a block scalar's header line": "{doc}x-note: |  {c}\n  text\n",
    "after a tab": "{doc}x-a: 1\t{c}\n",
    "inside a flow mapping": "{doc}x-a: {{a: 1, {c}\n  b: 2}}\n",
    "after a quoted value": "{doc}x-a: 'q # x'  {c}\n",
    "CRLF line ends": "{crlf}{c}\r\n",
}


@pytest.mark.parametrize("layout", REAL_COMMENTS.values(), ids=REAL_COMMENTS.keys())
def test_real_comments_still_suppress(layout: str, tmp_path: Path) -> None:
    comment = "# privlint: ignore-file PL122 -- the statement is reviewed yearly by legal"
    text = layout.format(c=comment, doc=STALE, crlf=STALE.replace("\n", "\r\n"))
    found = findings(tmp_path, text)
    assert "PL122" not in codes(found)
    assert "PL020" not in codes(found)


@pytest.mark.parametrize(
    "reason", ["x", "ok", "reviewed", "1234567890123", "..........", "-- -- -- --"]
)
def test_a_reason_must_say_something(reason: str, tmp_path: Path) -> None:
    found = findings(tmp_path, f"# privlint: ignore-file PL122 -- {reason}\n{STALE}")
    assert "PL122" in codes(found)
    [bad] = [f for f in found if f.code == "PL021"]
    assert "too short to review: say why in at least 10 characters" in bad.message


def test_a_reason_of_ten_characters_with_a_letter_is_enough(tmp_path: Path) -> None:
    assert "PL122" not in codes(
        findings(tmp_path, f"# privlint: ignore-file PL122 -- LEGAL-4242\n{STALE}")
    )


def test_ignore_file_all_is_reported_and_can_be_promoted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "privacy.yaml").write_text(f"{ALL}\n{STALE}")
    monkeypatch.chdir(tmp_path)
    code = app.main(["check", "--no-fix", "privacy.yaml"])
    out = capsys.readouterr().out
    assert code == 0  # info does not fail the default gate
    assert (
        "privacy.yaml:1:1: info PL023 suppression-broad: ignore-file ALL switches off every rule "
        "for the whole file; name the rules it is meant for"
    ) in out
    (tmp_path / ".privlint.yaml").write_text("severity: {suppression-broad: error}\n")
    assert app.main(["check", "--no-fix", "privacy.yaml"]) == 1
    assert "error PL023 suppression-broad" in capsys.readouterr().out


def test_a_prefix_is_broad_a_rule_list_is_not(tmp_path: Path) -> None:
    broad = findings(
        tmp_path, f"# privlint: ignore-file PL1 -- a draft register, see DPO-12\n{STALE}"
    )
    assert "PL023" in codes(broad)
    narrow = findings(
        tmp_path, f"# privlint: ignore-file PL122 -- statement reviewed, DPO-12\n{STALE}"
    )
    assert "PL023" not in codes(narrow)


def test_suppression_broad_cannot_suppress_itself(tmp_path: Path) -> None:
    text = f"{ALL}\n# privlint: ignore-file PL023 -- hide the broad one as well\n{STALE}"
    assert "PL023" in codes(findings(tmp_path, text))


def test_no_suppress_checks_as_if_none_existed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    text = f"{ALL}\n# privlint: ignore PL9999 -- a typo in the code\n{STALE}"
    (tmp_path / "privacy.yaml").write_text(text)
    monkeypatch.chdir(tmp_path)
    assert app.main(["check", "--no-fix", "-f", "json", "privacy.yaml"]) == 1
    shown = {f["code"] for f in json.loads(capsys.readouterr().out)["findings"]}
    assert shown == {"PL022", "PL023"}
    assert app.main(["check", "--no-fix", "-f", "json", "--no-suppress", "privacy.yaml"]) == 1
    shown = {f["code"] for f in json.loads(capsys.readouterr().out)["findings"]}
    assert "PL122" in shown
    assert not shown & {"PL020", "PL021", "PL022", "PL023"}


def test_action_input_no_suppress_reaches_the_check(tmp_path: Path) -> None:
    from tests.integrations.test_action import run_check_step

    (tmp_path / "privacy.yaml").write_text(
        "# privlint: ignore-file PL122 -- the statement is reviewed yearly by legal\n" + STALE
    )
    assert run_check_step(tmp_path, no_suppress="false").returncode == 0
    hidden = run_check_step(tmp_path, no_suppress="true")
    assert hidden.returncode == 1
    assert "PL122" in hidden.stdout


def test_loader_findings_cannot_be_suppressed(tmp_path: Path) -> None:
    text = (
        "# privlint: ignore-file ALL -- reviewed by the privacy officer\n"
        "# privlint: ignore-file duplicate-key -- the second one is the right one\n"
        f"{STALE}statement:\n  title: again\n"
    )
    found = findings(tmp_path, text)
    assert "PL004" in codes(found)
    assert any(
        f.code == "PL020"
        and f.message
        == "duplicate-key cannot be suppressed: a file that cannot be read, "
        "parsed or checked always fails the run"
        for f in found
    )


def test_many_suppressions_against_many_findings_stay_linear(tmp_path: Path) -> None:
    """30,000 comments against 9,000 findings: indexed by line, not compared pairwise."""
    from privlint import suppress
    from privlint.config import Settings as S
    from privlint.findings import Severity, Span

    ruleset = S().ruleset()
    lines = ["privlint: 1"] + [
        f"x-{i}: 1  # privlint: ignore PL122 -- reviewed by the privacy officer"
        for i in range(30_000)
    ]
    sups, problems = suppress.parse("\n".join(lines) + "\n", ruleset)
    assert len(sups) == 30_000 and not problems
    fake = [
        Finding("x", Span(line, 1), "PL122", "declaration-stale", Severity.ERROR, "m")
        for line in range(2, 18_002, 2)
    ]
    kept, unused = suppress.apply(fake, sups)
    assert kept == []
    assert len(unused) == 30_000 - 9_000


@given(st.text(alphabet=" \t\r\n#xa:-privlgnoe\u2028\x85", max_size=60))
@hyp_settings(max_examples=400, deadline=None)
def test_a_marker_starts_where_a_comment_can(text: str) -> None:
    """A `#` starts a marker only at the start or after a space, tab, CR or LF: the same
    matches as the plain definition (the look-behind first), which tried every character."""
    from privlint import suppress

    plain = re.compile(r"(?<![^ \t\r\n])#[ \t]*privlint:[ \t]*(ignore-file|ignore)\b([^\r\n]*)")
    for prefix in ("", "privlint: ignore ", "# privlint: ignore x"):
        sample = prefix + text + prefix
        expected = [(m.span(), m.groups()) for m in plain.finditer(sample)]
        assert [(m.span(), m.groups()) for m in suppress._MARKER.finditer(sample)] == expected

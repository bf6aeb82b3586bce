"""The four forms of one real diff: text and markdown against stored snapshots, json against
its published schema, github annotations on the changed lines, escaped as the runner expects.

After an intended change of the output, regenerate with PRIVLINT_UPDATE_SNAPSHOTS=1 and
review the diff of tests/diff/snapshots/.
"""

from __future__ import annotations

import dataclasses
import json
import os
import re
from pathlib import Path

import jsonschema
import pytest

from privlint.config import Settings
from privlint.diff.engine import diff_repository
from privlint.diff.model import DiffReport, FileDiff, Interest
from privlint.diff.render import as_dict, render_github, render_json, render_markdown, render_text
from privlint.reporters.summary import Links
from tests.conftest import EXAMPLES, REPO
from tests.diff.gitrepo import Repo, git_env

__all__ = ["git_env"]

SNAPSHOTS = Path(__file__).parent / "snapshots"
BASE = (EXAMPLES / "complete.privacy.yaml").read_text(encoding="utf-8")
ODD = "odd|name*.privacy.yaml"  # Markdown table and emphasis characters in a file name


def _edit(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, old
    return text.replace(old, new)


def _head() -> str:
    text = _edit(BASE, "      period: P90D\n", "      period: P2Y\n")
    text = _edit(
        text,
        "[contact.name, contact.phone, contact.email]",
        "[contact.name, contact.email, special.health]",
    )
    text = _edit(
        text, "    mechanism: adequacy-decision", "    mechanism: standard-contractual-clauses"
    )
    return _edit(text, "purposes: [Facturatie]", "purposes: [Facturatie, 'Marketing <b>|*x*</b>']")


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory, git_env: None) -> DiffReport:
    r = Repo(tmp_path_factory.mktemp("formats") / "repo")
    r.commit({"privacy.yaml": BASE, ODD: BASE}, "base")
    r.git("checkout", "-q", "-b", "feature")
    r.commit({"privacy.yaml": _head(), ODD: "privlint: 1\nactivities: [\n"}, "head")
    result = diff_repository(["main", "feature"], Settings(), cwd=r.root)
    # Commit ids depend on git's object format; the rest of the output does not.
    result.base.commit, result.head.commit = "1" * 40, "2" * 40
    result.fail_on = Interest.REVIEW
    return result


def check_snapshot(name: str, text: str) -> None:
    path = SNAPSHOTS / name
    if os.environ.get("PRIVLINT_UPDATE_SNAPSHOTS"):
        path.write_text(text, encoding="utf-8", newline="\n")
    assert text == path.read_text(encoding="utf-8"), (
        f"{name} differs; PRIVLINT_UPDATE_SNAPSHOTS=1 rewrites it"
    )


def test_text_snapshot(report: DiffReport) -> None:
    check_snapshot("diff.txt", render_text(report))


def test_markdown_snapshot(report: DiffReport) -> None:
    check_snapshot(
        "diff.md", render_markdown(report, Links("https://github.com", "acme/policies", "0123abc"))
    )


def test_markdown_keeps_user_text_inert(report: DiffReport) -> None:
    text = render_markdown(report)
    assert "<b>" not in text and "&lt;b&gt;" in text
    assert "odd\\|name\\*.privacy.yaml" in text
    assert "| \\*x\\* |" not in text  # the purpose's '|' cannot open a table cell
    rows = [line for line in text.splitlines() if line.startswith("| ") and "Marketing" in line]
    assert len(rows) == 1 and rows[0].count(" | ") == 3


def test_text_in_colour_is_rich_and_plain_without(report: DiffReport) -> None:
    coloured = render_text(report, color=True)
    assert "\x1b[" in coloured
    assert "\x1b[" not in render_text(report)


def test_json_escapes_what_a_viewer_would_act_on(report: DiffReport) -> None:
    """The same escapes as `check -f json`: a bidi override or a lone surrogate in a file
    name is written as its \\u escape and reads back as the same name."""
    forged = "a\u202egpj.privacy.yaml\udcff\x9b"
    first = report.files[0]
    renamed = FileDiff(forged, first.base_path, first.status, first.changes, first.errors)
    text = render_json(dataclasses.replace(report, files=[renamed, *report.files[1:]]))
    assert "\u202e" not in text and "\x9b" not in text and "\\u202e" in text
    assert json.loads(text)["declarations"][0]["path"] == forged
    text.encode("utf-8")  # no lone surrogate left raw


def test_json_matches_its_schema(report: DiffReport) -> None:
    schema = json.loads((REPO / "schemas" / "diff-report.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    data = json.loads(render_json(report))
    jsonschema.validate(data, schema)
    assert data == as_dict(report)
    assert data["summary"] | {"changes": 0} == {
        "declarations": 2,
        "changes": 0,
        "review": data["summary"]["review"],
        "info": data["summary"]["info"],
        "errors": 1,
        "fail_on": "review",
        "failed": True,
    }


def test_github_annotations_on_changed_lines(report: DiffReport) -> None:
    lines = render_github(report).splitlines()
    head = _head().splitlines()
    longer = next(line for line in lines if "retention-longer" in line)
    line_no = head.index("      period: P2Y") + 1
    assert longer.startswith(
        f"::warning file=privacy.yaml,line={line_no},col=7,title=privlint diff (review)%3A retention-longer::"
    )
    # the file name is a property value: ',' and ':' would end it, '%' must be escaped first
    error = next(line for line in lines if line.startswith("::error"))
    assert error.startswith("::error file=odd|name*.privacy.yaml,line=3,col=1,")
    assert all("\n" not in line and "\r" not in line for line in lines)
    assert lines[-1].startswith("privlint diff: Privacy review required")


def test_every_kind_has_words_in_every_language_and_documentation() -> None:
    from privlint.diff.compare import kinds
    from privlint.diff.render import catalogue, languages

    docs = (REPO / "docs" / "diff.md").read_text(encoding="utf-8")
    assert languages() == ["en", "nl"]
    english = catalogue("en")
    assert set(english["messages"]) == set(kinds())
    for language in languages():
        other = catalogue(language)
        for section in ("messages", "flags", "interest", "words"):
            assert set(other[section]) == set(english[section]), (language, section)
        for kind, text in english["messages"].items():  # the same parameters, in any order
            assert sorted(re.findall(r"{(\w+)}", other["messages"][kind])) == sorted(
                re.findall(r"{(\w+)}", text)
            ), (language, kind)
    for kind in kinds():
        assert f"`{kind}`" in docs, kind


def test_dutch_for_the_privacy_officer(report: DiffReport) -> None:
    text = render_markdown(report, language="nl")
    assert text.startswith("### privlint diff: Privacybeoordeling nodig: 6 wijzigingen")
    assert "bewaartermijn P90D → P2Y: langer" in text
    assert "| Belang | Wijziging | Artikelen | Regel |" in text
    assert "(**bijzonder persoonsgegeven (art. 9)**)" in text
    assert "beoordelen Verwerking call-recordings" in render_text(report, language="nl")


def test_github_says_when_annotations_will_be_hidden(tmp_path: Path) -> None:
    from privlint.diff.engine import diff_two_files

    many = "".join(f"  - id: a{i}\n    purposes: [p]\n" for i in range(12))
    old, new = tmp_path / "old.yaml", tmp_path / "new.yaml"
    old.write_text("privlint: 1\nactivities: []\n", encoding="utf-8")
    new.write_text(f"privlint: 1\nactivities:\n{many}", encoding="utf-8")
    lines = render_github(diff_two_files(old, new, Settings())).splitlines()
    assert sum(line.startswith("::warning ") for line in lines) > 10
    assert any(
        line.startswith("privlint diff: GitHub annotates only the first 10") for line in lines
    )


def test_markdown_fits_a_pull_request_comment(tmp_path: Path) -> None:
    from privlint.diff.engine import diff_two_files
    from privlint.diff.render import MAX_ROWS

    many = "".join(f"  - id: a{i}\n    purposes: [p, q{i}]\n" for i in range(MAX_ROWS))
    fewer = "".join(f"  - id: a{i}\n    purposes: [p]\n" for i in range(MAX_ROWS))
    old, new = tmp_path / "old.yaml", tmp_path / "new.yaml"
    old.write_text(f"privlint: 1\nactivities:\n{fewer}  - id: gone\n", encoding="utf-8")
    new.write_text(f"privlint: 1\nactivities:\n{many}", encoding="utf-8")
    report = diff_two_files(old, new, Settings())
    text = render_markdown(report)
    rows = [line for line in text.splitlines() if line.startswith("| 🔶") or line.startswith("| ▫️")]
    assert len(rows) == MAX_ROWS and all(row.startswith("| 🔶") for row in rows)  # review first
    omitted = len(report.changes()) - MAX_ROWS
    assert text.endswith(
        f"{omitted} more changes not shown here (review changes are shown first); privlint diff --format json lists them all.\n"
    )
    assert len(text) < 65_536

"""No input can forge a line of privlint's output, on stdout or stderr, in any format.

CI systems act on lines: GitHub runs `::error ...::` and `::stop-commands::` workflow commands
found at the start of any line of a step's log, a terminal obeys escape sequences, a reviewer
reads a bidi-reordered name as something else.  Every string that comes from input (a file
name, a value, a rule's texts, a config path) is escaped by every reporter and by the error
messages; files are written only through privlint.output.write_output.
"""

from __future__ import annotations

import json
import os
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from privlint import app
from tests.hostile.cases import EXAMPLE

# a value or rule text cannot hold ESC (the loader refuses it); a file name can
FORGE = "\n::error file=x,line=1::forged\n::stop-commands::tok\r::warning::r\u202e\u2028"
FORGE_NAME = FORGE + "\x85\x1b[2J"
RULES = """\
pack: acme
rules:
  - code: PL901
    name: acme-forged
    severity: error
    summary: {summary}
    rationale: r
    articles: [{articles}]
    fix: {fix}
    message: "{message}"
    given: $.controller
    then: {{field: name, schema: {{maxLength: 1}}}}
"""
GENUINE = re.compile(r"^::(error|warning|notice) file=[^:\n]*,line=\d+,col=\d+(,[^:\n]*)?::")
FORMATS = ["text", "github", "junit", "json", "sarif"]


def _yaml(text: str) -> str:
    return json.dumps(text)  # a JSON string is a YAML double-quoted scalar


def _lines_are_clean(text: str, fmt: str) -> None:
    for char in "\x1b\u202e\u2028\x85":
        assert char not in text, (fmt, char)
    for line in re.split(r"[\n\r\x0b\x0c\x1c-\x1e\x85]", text):
        if line.lstrip().startswith("::"):
            assert fmt == "github" and GENUINE.match(line), f"{fmt}: forged line {line!r}"


def _parses(text: str, fmt: str) -> None:
    if fmt in ("json", "sarif"):
        json.loads(text)
    elif fmt == "junit":
        root = ET.fromstring(text)
        for el in root.iter():
            for key in ("name", "classname", "file", "type"):  # a message may have lines
                assert "\n" not in el.get(key, ""), (el.tag, key)


def _check(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, fmt: str
) -> tuple[int, str, str]:
    code = app.main(["check", "--no-color", "-f", fmt, name])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("fmt", FORMATS)
def test_rule_texts_cannot_forge_lines(
    fmt: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "rules.yaml").write_text(
        RULES.format(
            summary=_yaml("s" + FORGE),
            articles=_yaml("GDPR" + FORGE),
            fix=_yaml("f" + FORGE),
            message=r"m \n::error::in-message \u202e {value}",
        )
    )
    (tmp_path / ".privlint.yaml").write_text("rules: [rules.yaml]\n")
    (tmp_path / "privacy.yaml").write_text(EXAMPLE)
    monkeypatch.chdir(tmp_path)
    code, out, err = _check(tmp_path, capsys, "privacy.yaml", fmt)
    assert code == 1 and err == "", err
    assert "PL901" in out
    _lines_are_clean(out, fmt)
    _parses(out, fmt)


@pytest.mark.parametrize("fmt", FORMATS)
def test_file_names_and_values_cannot_forge_lines(
    fmt: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    name = "a" + FORGE_NAME.replace("\r", "") + ".privacy.yaml"
    bad = EXAMPLE.replace("privlint: 1\n", f"privlint: 1\nlanguage: {_yaml('x' + FORGE)}\n", 1)
    (tmp_path / name).write_text(bad)
    monkeypatch.chdir(tmp_path)
    code, out, err = _check(tmp_path, capsys, name, fmt)
    assert code == 1 and err == "", err
    _lines_are_clean(out, fmt)
    _parses(out, fmt)
    if fmt == "json":  # machine formats keep the name exact (escaped as JSON, not altered)
        assert json.loads(out)["files"] == [name]


def test_config_rules_path_cannot_forge_stderr(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / ".privlint.yaml").write_text(f"rules: [{_yaml('r' + FORGE + '.yaml')}]\n")
    (tmp_path / "privacy.yaml").write_text(EXAMPLE)
    monkeypatch.chdir(tmp_path)
    code, out, err = _check(tmp_path, capsys, "privacy.yaml", "github")
    assert (code, out) == (2, "")
    assert err.count("\n") == 1 and err.startswith("privlint: error: ")
    _lines_are_clean(err, "stderr")


def test_multi_line_errors_keep_only_their_own_breaks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A rule file with two problems lists them on indented lines; a name cannot add one."""
    rule_file = "r" + FORGE.replace("\r", "") + ".yaml"
    (tmp_path / rule_file).write_text("pack: acme\nrules: [{code: X}, {code: Y}]\n")
    (tmp_path / ".privlint.yaml").write_text(f"rules: [{_yaml(rule_file)}]\n")
    (tmp_path / "privacy.yaml").write_text(EXAMPLE)
    monkeypatch.chdir(tmp_path)
    code, _, err = _check(tmp_path, capsys, "privacy.yaml", "text")
    assert code == 2
    first, *rest = err.splitlines()
    assert first.startswith("privlint: error: ") and rest
    assert all(line.startswith("  ") for line in rest)
    _lines_are_clean(err, "stderr")


def test_a_file_outside_is_never_echoed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    secrets = {
        "shadow": "root:$6$SECRETHASH:19000:0:99999:7:::\nbin: [unclosed\n",
        "key": "AKIASECRETKEYVALUE1234\n",
        "mapping.yaml": "aws_secret_access_key: SECRETVALUE\nSECRETKEY: 1\n",
        "list.yml": "- SECRETITEM\n",
    }
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "privacy.yaml").write_text(EXAMPLE)
    monkeypatch.chdir(repo)
    for name, content in secrets.items():
        (tmp_path / name).write_text(content)
        (repo / ".privlint.yaml").write_text(f"rules: [{_yaml(str(tmp_path / name))}]\n")
        code, out, err = _check(tmp_path, capsys, "privacy.yaml", "text")
        assert (code, out) == (2, ""), name
        assert "SECRET" not in err, err
        # a YAML syntax error keeps the parser's words (which quote no content)
        assert "not a privlint rule file" in err or "invalid YAML" in err, err


# -- writing files -------------------------------------------------------------------------------


@pytest.mark.parametrize("option", ["-o", "--sarif"])
def test_check_output_refuses_a_symlink(
    option: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    outside = tmp_path / "outside.txt"
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "privacy.yaml").write_text(EXAMPLE)
    (repo / "report.txt").symlink_to(outside)
    monkeypatch.chdir(repo)
    code = app.main(["check", option, "report.txt", "privacy.yaml"])
    err = capsys.readouterr().err
    assert code == 2 and "symbolic link" in err
    assert not outside.exists()


def test_import_output_treats_a_dangling_symlink_as_existing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "in.json"
    source.write_text('{"meta": {"name": "x"}}')
    link = tmp_path / "out.yaml"
    link.symlink_to(tmp_path / "nowhere" / "target.yaml")
    assert app.main(["import", "--from", "tilt", str(source), "-o", str(link)]) == 2
    assert "exists" in capsys.readouterr().err
    assert not (tmp_path / "nowhere").exists()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_import_force_to_a_fifo_does_not_block(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "in.json"
    source.write_text('{"meta": {"name": "x"}}')
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    assert app.main(["import", "--from", "tilt", "--force", str(source), "-o", str(fifo)]) == 2
    assert "FIFO" in capsys.readouterr().err

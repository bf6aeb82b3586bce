"""Import never carries a suppression, a comment or a key in from the imported document.

Every importer is fed a real input with a payload in every text it reads (and in the input's
file name): a line break followed by a suppression comment and a key, a U+2028 line
separator, a bidi override.  The declaration written must hold the payload, if at all, only as
inert text inside values: no comment that reads as a privlint directive, no injected key, no
bidi control in a comment.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from privlint import app
from privlint.importers.writer import inert
from privlint.loader import parse_text
from tests.conftest import DATA

PAYLOAD = (
    "\n# privlint: ignore-file ALL -- injected\nx-injected: true\n"
    "\u2028# PRIVLINT : ignore-file ALL -- again\u202e #privlint:ignore PL1 -- x"
)
FILE_NAME = "in\nx-injected: true\n# privlint: ignore-file ALL -- name\r#privlint:ignore ALL -- n"
DIRECTIVE = re.compile(r"privlint\s*:\s*ignore", re.IGNORECASE)


def _poison(node: Any) -> Any:
    """Every string value of a JSON/YAML document with the payload appended."""
    if isinstance(node, dict):
        return {k: _poison(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_poison(v) for v in node]
    if isinstance(node, str):
        return node + PAYLOAD
    return node


def _tilt() -> bytes:
    data = json.loads((DATA / "tilt" / "signal.org.tilt.json").read_text(encoding="utf-8"))
    return json.dumps(_poison(data)).encode()


def _fides(name: str = "shop.fides.yml") -> bytes:
    data = YAML(typ="safe", pure=True).load((DATA / "fides" / name).read_text())
    # poison values, keep the keys fides_key etc. meaningful
    return json.dumps(_poison(data)).encode()


def _fides_legal() -> bytes:
    """Joint controllers, cookies, transfer bases, safeguards and profiling (their notes)."""
    return _fides("legal.fides.yml")


def _statement() -> bytes:
    text = (DATA / "seeds" / "tracks.txt").read_text(encoding="utf-8")
    lines = text.splitlines()
    return "\n".join(line + PAYLOAD if line.strip() else line for line in lines).encode()


INPUTS = {"tilt": _tilt, "fides": _fides, "fides-legal": _fides_legal, "statement-nl": _statement}


def _keys(node: Any) -> set[str]:
    if isinstance(node, dict):
        return set(node) | {k for v in node.values() for k in _keys(v)}
    if isinstance(node, list):
        return {k for v in node for k in _keys(v)}
    return set()


@pytest.mark.parametrize("fmt", sorted(INPUTS))
def test_no_suppression_comment_or_key_comes_in(
    fmt: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / FILE_NAME
    source.write_bytes(INPUTS[fmt]())
    out = tmp_path / "out.privacy.yaml"
    code = app.main(["import", "--from", fmt.removesuffix("-legal"), str(source), "-o", str(out)])
    err = capsys.readouterr().err
    assert code == 0, err
    text = out.read_text(encoding="utf-8")
    data, _, problems = parse_text(text)
    assert problems == []
    assert "x-injected" not in _keys(data)
    assert DIRECTIVE.search(text) is None, [ln for ln in text.splitlines() if DIRECTIVE.search(ln)]
    assert "\u202e" not in text and "\u2028" not in text
    # the first line still names the input (flattened to one line)
    assert text.startswith("# Imported from in x-injected: true ")
    # and what went to stderr cannot start a line of its own either
    for line in err.splitlines():
        assert line.startswith("privlint: "), line
    # the check the user runs next honours no directive: each file-wide one would show as
    # "All checks passed"
    capsys.readouterr()
    assert app.main(["check", "--no-color", str(out)]) == 1
    assert "All checks passed" not in capsys.readouterr().out


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a\nb", "a b"),
        ("a\r\n\u2028\u2029\x85\x0b\x0cb  c", "a b  c"),
        ("# privlint: ignore-file ALL -- x", "# privlint ignore-file ALL -- x"),
        ("privlint  :: x", "privlint x"),
        ("PrivLint\t: x", "PrivLint x"),
        ("privprivlint:lint: x", "privprivlintlint: x"),
        ("a\u202eb\u200bc\x1bd", "abcd"),
    ],
)
def test_inert_comment_text(text: str, expected: str) -> None:
    assert inert(text) == expected
    assert DIRECTIVE.search(inert(text)) is None

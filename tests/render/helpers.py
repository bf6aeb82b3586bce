"""Rendering helpers for the tests: declarations through the real CLI, pages parsed by html5lib."""

from __future__ import annotations

from pathlib import Path
from xml.etree.ElementTree import Element

import html5lib

from tests.conftest import EXAMPLES, run_cli

NS = "{http://www.w3.org/1999/xhtml}"
EXAMPLE_FILES = sorted(EXAMPLES.glob("*.privacy.yaml"))
COMPLETE = EXAMPLES / "complete.privacy.yaml"


def render_file(declaration: Path, out: Path, *args: str) -> Path:
    """`privlint render --force` (the seed examples have errors: their pages are drafts)."""
    result = run_cli("render", "--force", declaration, "-o", out, *args)
    assert result.returncode == 0, result.stderr
    return out


def parse(html: str) -> Element:
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=True)
    root: Element = parser.parse(html)
    return root


def tags(root: Element, name: str) -> list[Element]:
    return list(root.iter(f"{NS}{name}"))


def text_of(el: Element) -> str:
    return " ".join("".join(el.itertext()).split())


def with_description(tmp: Path, description: str) -> Path:
    """The complete example with one activity's description replaced (a YAML-quoted string)."""
    text = COMPLETE.read_text(encoding="utf-8")
    old = "description: Opnames van gesprekken met onze klantenservice."
    assert old in text
    quoted = '"' + description.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'
    path = tmp / "escaped.privacy.yaml"
    path.write_text(text.replace(old, f"description: {quoted}"), encoding="utf-8")
    return path

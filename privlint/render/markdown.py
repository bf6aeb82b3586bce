"""Escaping for GitHub-flavoured Markdown: a value is shown as text, never as markup."""

from __future__ import annotations

import html
import re
from typing import Any

from privlint.reporters.summary import md

# The summary reporter's md() escapes what is markup anywhere in a line (and HTML); these are
# markup only at the start of a line (a heading, a list item, a quote, a setext underline).
_LINE_START = re.compile(r"^(\d*)([#+\-=>]|(?<=\d)[.)])")


def escape(value: Any) -> str:
    """Inline text: HTML characters as entities (raw HTML passes through Markdown), markup
    characters backslash-escaped, line breaks folded to spaces."""
    return _LINE_START.sub(r"\1\\\2", md(str(value)))


def cell(value: Any) -> str:
    """A table cell: a list joined with '; ', and | escaped (escape() does both)."""
    if isinstance(value, list | tuple):
        value = "; ".join(str(v) for v in value)
    return escape(value) if str(value).strip() else "—"


def url(value: Any) -> str:
    """A link target inside <...>: no spaces, angle brackets or line breaks can end it early."""
    return re.sub(r"[\s<>]", lambda m: f"%{ord(m.group(0)):02X}", str(value))


_UNESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")


def unescape(text: str) -> str:
    """The inverse of escape() (for the importer): backslash escapes, then entities."""
    return html.unescape(_UNESCAPE.sub(r"\1", text))


__all__ = ["cell", "escape", "unescape", "url"]

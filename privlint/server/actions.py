"""Code actions: the fixes of `privlint check --fix` for the findings under the cursor, and
"suppress this finding here" (a suppression comment with a reason still to be written)."""

from __future__ import annotations

import re

from lsprotocol import types
from pygls.workspace import TextDocument

from privlint.findings import Finding

SUPPRESS_REASON = "REASON"  # a placeholder too short to count as one: PL021 asks for a real reason
_INDENT_RE = re.compile(r"[ ]*")


def _overlaps(finding: Finding, wanted: types.Range) -> bool:
    line = finding.span.line - 1
    end = (finding.span.end_line or finding.span.line) - 1
    return line <= wanted.end.line and end >= wanted.start.line


def suppress_edit(doc: TextDocument, finding: Finding) -> types.TextEdit:
    """A comment line above the finding's line: it covers exactly that line."""
    line = finding.span.line - 1
    text = doc.lines[line] if line < len(doc.lines) else ""
    indent = _INDENT_RE.match(text)
    pad = indent.group() if indent else ""
    comment = f"{pad}# privlint: ignore {finding.code} -- {SUPPRESS_REASON}\n"
    at = types.Position(line=line, character=0)
    return types.TextEdit(range=types.Range(start=at, end=at), new_text=comment)


def code_actions(
    doc: TextDocument, params: types.CodeActionParams, findings: list[Finding]
) -> list[types.CodeAction]:
    actions: list[types.CodeAction] = []
    for finding in findings:
        if not _overlaps(finding, params.range) or finding.code in {"PL020", "PL021", "PL022"}:
            continue
        actions.append(
            types.CodeAction(
                title=f"Suppress {finding.code} ({finding.name}) on this line",
                kind=types.CodeActionKind.QuickFix,
                edit=types.WorkspaceEdit(changes={doc.uri: [suppress_edit(doc, finding)]}),
            )
        )
    return actions

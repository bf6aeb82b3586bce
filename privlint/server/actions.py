"""Code actions: the fixes of `privlint check --fix` for the findings under the cursor (and
all of them at once, as `source.fixAll.privlint`), and "suppress this finding here" (a
suppression comment whose reason is still to be written)."""

from __future__ import annotations

import re

from lsprotocol import types
from pygls.workspace import TextDocument
from pygls.workspace.position_codec import ServerTextPosition, ServerTextRange

from privlint.findings import Finding, Span
from privlint.fix import Fix, plan_fixes
from privlint.loader import Limits
from privlint.suppress import ENGINE_RULES

SUPPRESS_REASON = "REASON"  # a placeholder too short to count as one: PL021 asks for a real reason
FIX_ALL = f"{types.CodeActionKind.SourceFixAll.value}.privlint"
_INDENT_RE = re.compile(r"[ ]*")


def _overlaps(finding: Finding, wanted: types.Range) -> bool:
    line = finding.span.line - 1
    end = (finding.span.end_line or finding.span.line) - 1
    return line <= wanted.end.line and end >= wanted.start.line


def client_range(doc: TextDocument, span: Span) -> types.Range:
    """A 1-based, end-exclusive code-point span as an LSP range in the client's units."""
    end_line = span.end_line if span.end_line is not None else span.line
    end_col = span.end_column if span.end_column is not None else span.column
    return doc.range_to_client_units(
        ServerTextRange(
            ServerTextPosition(span.line - 1, span.column - 1),
            ServerTextPosition(end_line - 1, end_col - 1),
        )
    )


def _edits(doc: TextDocument, fixes: tuple[Fix, ...]) -> types.WorkspaceEdit:
    return types.WorkspaceEdit(
        changes={
            doc.uri: [
                types.TextEdit(range=client_range(doc, f.span), new_text=f.new_text) for f in fixes
            ]
        }
    )


def suppress_edit(doc: TextDocument, finding: Finding) -> types.TextEdit:
    """A comment line above the finding's line, indented like it: it covers exactly that line."""
    line = finding.span.line - 1
    text = doc.lines[line] if line < len(doc.lines) else ""
    indent = _INDENT_RE.match(text)
    pad = indent.group() if indent else ""
    comment = f"{pad}# privlint: ignore {finding.code} -- {SUPPRESS_REASON}\n"
    at = types.Position(line=line, character=0)
    return types.TextEdit(range=types.Range(start=at, end=at), new_text=comment)


def code_actions(
    doc: TextDocument,
    params: types.CodeActionParams,
    findings: list[Finding],
    limits: Limits,
) -> list[types.CodeAction]:
    only = params.context.only
    want_fix_all = only is not None and any(FIX_ALL.startswith(k) for k in only)
    actions: list[types.CodeAction] = []
    if only is None or types.CodeActionKind.QuickFix in only:
        for finding in findings:
            if not _overlaps(finding, params.range) or finding.code in ENGINE_RULES:
                continue
            for fix in plan_fixes(doc.source, [finding], limits).fixes:
                actions.append(
                    types.CodeAction(
                        title=f"Fix {fix.code}: {fix.title}",
                        kind=types.CodeActionKind.QuickFix,
                        edit=_edits(doc, (fix,)),
                        is_preferred=True,
                    )
                )
            actions.append(
                types.CodeAction(
                    title=f"Suppress {finding.code} ({finding.name}) on this line",
                    kind=types.CodeActionKind.QuickFix,
                    edit=types.WorkspaceEdit(changes={doc.uri: [suppress_edit(doc, finding)]}),
                )
            )
    if only is None or want_fix_all:
        every = plan_fixes(doc.source, findings, limits)
        if every.fixes:
            actions.append(
                types.CodeAction(
                    title=f"Fix all privlint findings that have a fix ({len(every.fixes)})",
                    kind=FIX_ALL,
                    edit=_edits(doc, every.fixes),
                )
            )
    return actions

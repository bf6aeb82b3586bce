"""`privlint server`: the Language Server Protocol over stdio, built on pygls.

Diagnostics come from the same pipeline as `privlint check` (`privlint.lint.lint_text` on
the editor's buffer, with the settings of the file's nearest configuration), so the editor
shows exactly the findings, codes, severities and positions the gate will report.  Hover,
completion and code actions read the schema, the reference data, the rule files and the fixes
of `privlint check --fix`; nothing here re-implements a rule.

A bad state never kills the server: every handler is guarded, an internal error is logged to
the client and the request answers with nothing.
"""

from __future__ import annotations

import asyncio
import functools
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar, cast
from urllib.parse import unquote, urlparse

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.workspace import TextDocument

from privlint import __version__
from privlint.config import Overrides, Settings, find_config, load_settings
from privlint.discovery import is_declaration_name
from privlint.engine.docs import rule_url
from privlint.engine.run import Runner, build_runner
from privlint.errors import PrivlintError
from privlint.findings import Finding, Severity, Span
from privlint.lint import lint_text
from privlint.server import knowledge
from privlint.server.actions import client_range, code_actions
from privlint.server.context import Where, cursor_at

DEFAULT_DEBOUNCE = 0.02  # seconds: coalesces a burst of keystrokes, well inside 50 ms

_SEVERITY = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.INFO: types.DiagnosticSeverity.Information,
}

F = TypeVar("F", bound=Callable[..., Any])


@dataclass
class _Profile:
    """Settings, rule set and compiled rules of one configuration, built once."""

    settings: Settings
    runner: Runner
    stamp: tuple[str, float] | None


@dataclass
class Options:
    """What the client may set in initializationOptions (or workspace configuration)."""

    all_files: bool = False  # lint YAML files outside the declaration naming convention
    debounce: float = DEFAULT_DEBOUNCE


@dataclass
class State:
    options: Options = field(default_factory=Options)
    profiles: dict[str, _Profile] = field(default_factory=dict)
    pending: dict[str, asyncio.Task[None]] = field(default_factory=dict)
    findings: dict[str, list[Finding]] = field(default_factory=dict)


class PrivlintServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__(
            "privlint", __version__, text_document_sync_kind=types.TextDocumentSyncKind.Full
        )
        self.state = State()

    def log(self, message: str, kind: types.MessageType = types.MessageType.Log) -> None:
        self.window_log_message(types.LogMessageParams(type=kind, message=message))


def _path_of(uri: str) -> Path | None:
    parsed = urlparse(uri)
    return Path(unquote(parsed.path)) if parsed.scheme == "file" else None


def _guarded(default: Callable[[], Any]) -> Callable[[F], F]:
    """Log an internal error to the client and answer `default()` instead of dying."""

    def wrap(fn: F) -> F:
        @functools.wraps(fn)
        def inner(ls: PrivlintServer, params: Any) -> Any:
            try:
                return fn(ls, params)
            except Exception as exc:  # the server keeps serving whatever one request does
                ls.log(
                    f"privlint: internal error in {fn.__name__}: {type(exc).__name__}: {exc}\n"
                    + traceback.format_exc(),
                    types.MessageType.Error,
                )
                return default()

        return cast(F, inner)

    return wrap


def profile_for(ls: PrivlintServer, path: Path | None) -> _Profile:
    """The settings of the file's nearest configuration (re-read when the file changes)."""
    start = path.parent if path is not None else Path.cwd()
    config = find_config(start)
    stamp = (str(config), config.stat().st_mtime) if config is not None else None
    key = str(config)
    cached = ls.state.profiles.get(key)
    if cached is not None and cached.stamp == stamp:
        return cached
    settings = load_settings(Overrides(config=config), cwd=start)
    made = _Profile(settings, build_runner(settings.ruleset(), settings), stamp)
    ls.state.profiles[key] = made
    return made


def wanted(ls: PrivlintServer, doc: TextDocument) -> bool:
    if ls.state.options.all_files:
        return True
    name = Path(urlparse(doc.uri).path).name
    return is_declaration_name(unquote(name))


def _line(doc: TextDocument, index: int) -> str:
    lines = doc.lines
    return lines[index].rstrip("\r\n") if 0 <= index < len(lines) else ""


def to_range(doc: TextDocument, finding: Finding) -> types.Range:
    """A finding's span (1-based code points) as an LSP range in the client's units."""
    span = finding.span
    line, col = span.line - 1, span.column - 1
    if span.end_line is not None and span.end_column is not None:
        end_line, end_col = span.end_line - 1, span.end_column - 1
    else:  # a point: mark the rest of the line, or one character at its end
        end_line, end_col = line, max(len(_line(doc, line)), col + 1)
    if (end_line, end_col) <= (line, col):
        end_line, end_col = line, col + 1
    return client_range(doc, Span(span.line, span.column, end_line + 1, end_col + 1))


def to_diagnostic(doc: TextDocument, finding: Finding, profile: _Profile) -> types.Diagnostic:
    rule = profile.settings.ruleset().get(finding.code)
    message = f"{finding.name}: {finding.message}"
    if finding.articles:
        message += f" [{'; '.join(finding.articles)}]"
    if finding.fix:
        message += f"\nfix: {finding.fix}"
    return types.Diagnostic(
        range=to_range(doc, finding),
        message=message,
        severity=_SEVERITY[finding.severity],
        code=finding.code,
        code_description=types.CodeDescription(href=rule_url(rule)) if rule else None,
        source="privlint",
        data={"name": finding.name, "line": finding.span.line},
    )


def lint_document(ls: PrivlintServer, doc: TextDocument) -> list[types.Diagnostic]:
    path = _path_of(doc.uri)
    display = str(path) if path is not None else Path(urlparse(doc.uri).path).name
    try:
        profile = profile_for(ls, path)
    except PrivlintError as exc:  # a broken config: say so on the document, keep serving
        ls.state.findings[doc.uri] = []
        return [
            types.Diagnostic(
                range=types.Range(types.Position(0, 0), types.Position(0, 1)),
                message=f"privlint configuration error: {exc}",
                severity=types.DiagnosticSeverity.Error,
                source="privlint",
            )
        ]
    ruleset = profile.settings.ruleset()
    findings = lint_text(doc.source, display, ruleset, profile.settings, profile.runner)
    ls.state.findings[doc.uri] = findings
    return [to_diagnostic(doc, f, profile) for f in findings]


def publish(ls: PrivlintServer, uri: str) -> None:
    doc = ls.workspace.get_text_document(uri)
    if not wanted(ls, doc):
        return
    try:
        diagnostics = lint_document(ls, doc)
    except Exception as exc:  # never let one buffer stop the server
        ls.log(
            f"privlint: internal error checking {uri}: {type(exc).__name__}: {exc}\n"
            + traceback.format_exc(),
            types.MessageType.Error,
        )
        return
    ls.text_document_publish_diagnostics(
        types.PublishDiagnosticsParams(uri=uri, version=doc.version, diagnostics=diagnostics)
    )


def _options(raw: Any) -> Options:
    options = Options()
    if isinstance(raw, dict):
        section = raw.get("privlint", raw)
        if isinstance(section, dict):
            if isinstance(section.get("allFiles"), bool):
                options.all_files = section["allFiles"]
            debounce = section.get("debounceMs")
            if isinstance(debounce, int | float) and 0 <= debounce <= 5000:
                options.debounce = debounce / 1000
    return options


def _cancel_pending(ls: PrivlintServer, uri: str) -> None:
    """Drop a debounced check still waiting for this document (a newer change, or a close)."""
    task = ls.state.pending.pop(uri, None)
    if task is not None:
        task.cancel()


def build_server() -> PrivlintServer:
    server = PrivlintServer()

    @server.feature(types.INITIALIZE)
    @_guarded(lambda: None)
    def initialize(ls: PrivlintServer, params: types.InitializeParams) -> None:
        ls.state.options = _options(params.initialization_options)

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    @_guarded(lambda: None)
    def did_open(ls: PrivlintServer, params: types.DidOpenTextDocumentParams) -> None:
        publish(ls, params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    @_guarded(lambda: None)
    def did_save(ls: PrivlintServer, params: types.DidSaveTextDocumentParams) -> None:
        publish(ls, params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    @_guarded(lambda: None)
    def did_change(ls: PrivlintServer, params: types.DidChangeTextDocumentParams) -> None:
        uri = params.text_document.uri
        _cancel_pending(ls, uri)

        async def later() -> None:
            await asyncio.sleep(ls.state.options.debounce)
            ls.state.pending.pop(uri, None)
            publish(ls, uri)

        ls.state.pending[uri] = asyncio.get_running_loop().create_task(later())

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    @_guarded(lambda: None)
    def did_close(ls: PrivlintServer, params: types.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        _cancel_pending(ls, uri)
        ls.state.findings.pop(uri, None)
        ls.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, diagnostics=[])
        )

    @server.feature(types.WORKSPACE_DID_CHANGE_CONFIGURATION)
    @_guarded(lambda: None)
    def did_change_configuration(
        ls: PrivlintServer, params: types.DidChangeConfigurationParams
    ) -> None:
        if params.settings:
            ls.state.options = _options(params.settings)
        ls.state.profiles.clear()
        for uri in list(ls.workspace.text_documents):
            publish(ls, uri)

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    @_guarded(lambda: None)
    def hover(ls: PrivlintServer, params: types.HoverParams) -> types.Hover | None:
        doc = ls.workspace.get_text_document(params.text_document.uri)
        pos = doc.position_from_client_units(params.position)
        cursor = cursor_at(doc.source, pos.line, pos.character)
        text: str | None = None
        if cursor.word:
            ruleset = profile_for(ls, _path_of(doc.uri)).settings.ruleset()
            text = knowledge.describe_rule(cursor.word, ruleset)
        if text is None and cursor.where is Where.KEY and cursor.path:
            text = knowledge.describe_key(cursor.path)
        if text is None and cursor.where is Where.VALUE and cursor.word:
            text = knowledge.value_meaning(cursor.path, cursor.word) or None
        if text is None:
            return None
        word_range = client_range(
            doc, Span(pos.line + 1, cursor.start + 1, pos.line + 1, cursor.end + 1)
        )
        return types.Hover(
            contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value=text),
            range=word_range,
        )

    @server.feature(
        types.TEXT_DOCUMENT_COMPLETION,
        types.CompletionOptions(trigger_characters=[" ", "[", ",", "-", ":"]),
    )
    @_guarded(lambda: types.CompletionList(is_incomplete=False, items=[]))
    def completion(ls: PrivlintServer, params: types.CompletionParams) -> types.CompletionList:
        doc = ls.workspace.get_text_document(params.text_document.uri)
        pos = doc.position_from_client_units(params.position)
        cursor = cursor_at(doc.source, pos.line, pos.character)
        if cursor.where is Where.COMMENT:
            return types.CompletionList(is_incomplete=False, items=[])
        if cursor.where is Where.KEY:
            choices = knowledge.key_choices(cursor.path[:-1])
            kind = types.CompletionItemKind.Property
        else:
            choices = knowledge.value_choices(cursor.path)
            kind = types.CompletionItemKind.EnumMember
        items = [
            types.CompletionItem(
                label=c.label,
                kind=kind,
                detail=c.detail or None,
                documentation=(
                    types.MarkupContent(kind=types.MarkupKind.Markdown, value=c.documentation)
                    if c.documentation
                    else None
                ),
            )
            for c in choices
        ]
        return types.CompletionList(is_incomplete=False, items=items)

    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(
            code_action_kinds=[types.CodeActionKind.QuickFix, types.CodeActionKind.SourceFixAll]
        ),
    )
    @_guarded(list)
    def code_action(ls: PrivlintServer, params: types.CodeActionParams) -> list[types.CodeAction]:
        doc = ls.workspace.get_text_document(params.text_document.uri)
        limits = profile_for(ls, _path_of(doc.uri)).settings.limits
        return code_actions(doc, params, ls.state.findings.get(doc.uri, []), limits)

    return server


def main() -> int:
    build_server().start_io()
    return 0

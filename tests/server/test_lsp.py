"""End to end: a real LSP client (pytest-lsp) against `privlint server` over stdio.

The server's diagnostics must be the findings of `privlint check` on the same text: the test
compares them with the CLI's JSON output rather than with numbers written down here.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient

# A misspelled key (retension), so no retention (PL101), and a transfer without safeguard.
BAD = """\
privlint: 1
statement: {language: nl, last_updated: 2026-09-01}
controller: {name: Voorbeeld B.V., email: info@example.nl}
rights:
  access: {how: Mail ons.}
  rectification: {how: Mail ons.}
  erasure: {how: Mail ons.}
  restriction: {how: Mail ons.}
  portability: {how: Mail ons.}
  objection: {how: Mail ons.}
  withdraw-consent: {how: Mail ons.}
  complaint: {how: Klacht bij de AP., authority: Autoriteit Persoonsgegevens}
activities:
  - id: newsletter
    purposes: [Nieuwsbrief]
    role: controller
    legal_basis: gdpr-6-1-a
    retension: {period: P1Y}
    transfers: [mail-us]
transfers:
  - id: mail-us
    country: US
"""
ENV = {**os.environ, "PRIVLINT_TODAY": "2026-11-01"}


@pytest_lsp.fixture(
    config=ClientServerConfig(
        server_command=[sys.executable, "-m", "privlint", "server"], server_env=ENV
    ),
)
async def client(lsp_client: LanguageClient) -> AsyncIterator[None]:
    await lsp_client.initialize_session(
        types.InitializeParams(
            capabilities=pytest_lsp.client_capabilities("visual-studio-code"),
            initialization_options={"privlint": {"debounceMs": 10}},
        )
    )
    yield
    await lsp_client.shutdown_session()


async def _open(client: LanguageClient, path: Path, text: str) -> str:
    path.write_text(text, encoding="utf-8")
    uri = path.as_uri()
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(uri=uri, language_id="yaml", version=1, text=text)
        )
    )
    await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    return uri


async def _change(client: LanguageClient, uri: str, text: str, version: int) -> None:
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
        )
    )
    await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)


def _check_json(path: Path) -> list[dict[str, object]]:
    out = subprocess.run(
        [sys.executable, "-m", "privlint", "check", "-f", "json", path.name],
        cwd=path.parent,
        env=ENV,
        capture_output=True,
        text=True,
        check=False,
    )
    assert out.returncode in (0, 1), out.stderr
    findings: list[dict[str, object]] = json.loads(out.stdout)["findings"]
    return findings


def _by_code(client: LanguageClient, uri: str) -> dict[str, types.Diagnostic]:
    return {str(d.code): d for d in client.diagnostics[uri]}


@pytest.mark.asyncio
async def test_diagnostics_are_the_findings_of_check(
    client: LanguageClient, tmp_path: Path
) -> None:
    path = tmp_path / "shop.privacy.yaml"
    uri = await _open(client, path, BAD)
    diagnostics = client.diagnostics[uri]
    cli = _check_json(path)
    assert sorted(
        (str(d.code), d.range.start.line + 1, d.range.start.character + 1) for d in diagnostics
    ) == sorted((str(f["code"]), f["line"], f["column"]) for f in cli)  # type: ignore[misc]
    got = _by_code(client, uri)
    # the misspelled key, at the key itself, with a "did you mean"-style message
    unknown = got["PL010"]
    assert (unknown.range.start.line, unknown.range.start.character) == (17, 4)
    assert unknown.range.end == types.Position(17, 13)
    assert unknown.severity == types.DiagnosticSeverity.Error
    assert "retension" in unknown.message
    # the activity without retention, and the transfer to the US without safeguard
    assert got["PL101"].range.start.line == 13
    safeguard = got["PL110"]
    assert safeguard.range.start.line == 20
    assert "Art. 46" in safeguard.message
    assert safeguard.source == "privlint"
    assert safeguard.code_description is not None
    assert safeguard.code_description.href.endswith(
        "docs/rules.md#pl110-transfer-safeguard-missing"
    )


@pytest.mark.asyncio
async def test_edits_change_the_diagnostics(client: LanguageClient, tmp_path: Path) -> None:
    uri = await _open(client, tmp_path / "shop.privacy.yaml", BAD)
    assert "PL010" in _by_code(client, uri)
    fixed = BAD.replace("retension:", "retention:").replace(
        "    country: US\n",
        "    country: US\n    mechanism: standard-contractual-clauses\n"
        "    reference: Decision (EU) 2021/914, module 2\n    copy: Op verzoek via privacy@example.nl\n",
    )
    await _change(client, uri, fixed, 2)
    codes = set(_by_code(client, uri))
    assert not codes & {"PL010", "PL101", "PL110"}, codes
    # a buffer that is not YAML any more is a PL001 diagnostic, not a dead server
    await _change(client, uri, fixed + "oops: 'unclosed\n", 3)
    assert set(_by_code(client, uri)) == {"PL001"}
    await _change(client, uri, fixed, 4)
    assert "PL001" not in _by_code(client, uri)


@pytest.mark.asyncio
async def test_files_outside_the_naming_convention_are_left_alone(
    client: LanguageClient, tmp_path: Path
) -> None:
    other = tmp_path / "docker-compose.yaml"
    other.write_text("services: {}\n", encoding="utf-8")
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(
                uri=other.as_uri(), language_id="yaml", version=1, text="services: {}\n"
            )
        )
    )
    # the next declaration's diagnostics arrive; the compose file never gets any
    uri = await _open(client, tmp_path / "x.privacy.yaml", BAD)
    assert uri in client.diagnostics
    assert other.as_uri() not in client.diagnostics


def _pos(text: str, needle: str, offset: int = 0) -> types.Position:
    before = text[: text.index(needle) + offset]
    return types.Position(line=before.count("\n"), character=len(before.rsplit("\n", 1)[-1]))


async def _hover(client: LanguageClient, uri: str, pos: types.Position) -> str:
    result = await client.text_document_hover_async(
        types.HoverParams(text_document=types.TextDocumentIdentifier(uri=uri), position=pos)
    )
    assert result is not None
    assert isinstance(result.contents, types.MarkupContent)
    return result.contents.value


@pytest.mark.asyncio
async def test_hover(client: LanguageClient, tmp_path: Path) -> None:
    text = BAD.replace(
        "    transfers: [mail-us]\n",
        "    transfers: [mail-us]  # privlint: ignore PL113 -- the transfer is listed below\n"
        "    data_categories: [contact.email]\n",
    )
    uri = await _open(client, tmp_path / "shop.privacy.yaml", text)
    # a rule code in a suppression: the rule's explain page
    assert "# PL113 transfer-undeclared" in await _hover(client, uri, _pos(text, "PL113", 2))
    # a key: the schema's title and description
    assert "Legal basis" in await _hover(client, uri, _pos(text, "legal_basis", 3))
    # values: a legal basis, a data category from the taxonomy, a country and its status
    assert "consent" in await _hover(client, uri, _pos(text, "gdpr-6-1-a", 2))
    assert "E-mail address" in await _hover(client, uri, _pos(text, "contact.email", 3))
    us = await _hover(client, uri, _pos(text, "country: US", 10))
    assert "2023/1795" in us
    assert "Data Privacy Framework" in us or "DPF" in us


async def _complete(client: LanguageClient, uri: str, pos: types.Position) -> dict[str, str]:
    result = await client.text_document_completion_async(
        types.CompletionParams(text_document=types.TextDocumentIdentifier(uri=uri), position=pos)
    )
    assert isinstance(result, types.CompletionList)
    out = {}
    for item in result.items:
        doc = item.documentation
        out[item.label] = (
            (item.detail or "")
            + " "
            + (doc.value if isinstance(doc, types.MarkupContent) else str(doc or ""))
        )
    return out


@pytest.mark.asyncio
async def test_completion(client: LanguageClient, tmp_path: Path) -> None:
    text = BAD.replace(
        "    legal_basis: gdpr-6-1-a\n", "    legal_basis: \n    data_categories: [\n"
    )
    text = text.replace("    country: US\n", "    country: \n")
    uri = await _open(client, tmp_path / "shop.privacy.yaml", text)
    bases = await _complete(client, uri, _pos(text, "legal_basis: ", 13))
    assert {f"gdpr-6-1-{x}" for x in "abcdef"} <= set(bases)
    assert "legitimate interests" in bases["gdpr-6-1-f"]
    categories = await _complete(client, uri, _pos(text, "data_categories: [", 18))
    assert "contact.email" in categories and "national-id.bsn" in categories
    assert "BSN" in categories["national-id.bsn"]
    countries = await _complete(client, uri, _pos(text, "    country: \n", 13))
    assert {"NL", "US", "JP"} <= set(countries)
    assert "EEA" in countries["NL"]
    roles = await _complete(client, uri, _pos(text, "role: controller", 6))
    assert {"controller", "processor", "joint-controller"} <= set(roles)
    keys = await _complete(client, uri, _pos(text, "    purposes", 4))
    assert {"retention", "legal_basis", "recipients"} <= set(keys)


def _apply(text: str, edits: list[types.TextEdit]) -> str:
    lines = text.splitlines(keepends=True)
    for edit in sorted(
        edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True
    ):
        start = sum(len(x) for x in lines[: edit.range.start.line]) + edit.range.start.character
        end = sum(len(x) for x in lines[: edit.range.end.line]) + edit.range.end.character
        joined = "".join(lines)
        lines = (joined[:start] + edit.new_text + joined[end:]).splitlines(keepends=True)
    return "".join(lines)


@pytest.mark.asyncio
async def test_suppress_code_action(client: LanguageClient, tmp_path: Path) -> None:
    uri = await _open(client, tmp_path / "shop.privacy.yaml", BAD)
    safeguard = _by_code(client, uri)["PL110"]
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=safeguard.range,
            context=types.CodeActionContext(diagnostics=[safeguard]),
        )
    )
    assert actions is not None
    suppress = [
        a for a in actions if isinstance(a, types.CodeAction) and "Suppress PL110" in a.title
    ]
    assert len(suppress) == 1
    edit = suppress[0].edit
    assert edit is not None and edit.changes is not None
    text = _apply(BAD, edit.changes[uri])
    assert "  # privlint: ignore PL110 -- " in text
    await _change(client, uri, text, 2)
    codes = set(_by_code(client, uri))
    # the placeholder is no reason (issue 11: at least 10 characters): the finding stays
    assert {"PL110", "PL021"} <= codes
    from privlint.server.actions import SUPPRESS_REASON

    text = text.replace(f"-- {SUPPRESS_REASON}", "-- the data stays in the EU region, see DPA-7")
    await _change(client, uri, text, 3)
    assert not {"PL110", "PL021"} & set(_by_code(client, uri))


@pytest.mark.asyncio
async def test_a_bad_state_never_kills_the_server(client: LanguageClient, tmp_path: Path) -> None:
    # a broken configuration: one diagnostic that says so, and the server keeps serving
    (tmp_path / ".privlint.yaml").write_text("selekt: [PL101]\n", encoding="utf-8")
    uri = await _open(client, tmp_path / "shop.privacy.yaml", BAD)
    (only,) = client.diagnostics[uri]
    assert "configuration error" in only.message and "selekt" in only.message
    # a request far outside the document answers nothing instead of failing
    far = types.Position(line=10_000, character=5)
    result = await client.text_document_hover_async(
        types.HoverParams(text_document=types.TextDocumentIdentifier(uri=uri), position=far)
    )
    assert result is None
    # mending the config (the server re-reads it when it changes) brings the findings back
    (tmp_path / ".privlint.yaml").write_text("select: [PL101]\n", encoding="utf-8")
    os.utime(tmp_path / ".privlint.yaml", (1, 1))
    await _change(client, uri, BAD, 2)
    assert set(_by_code(client, uri)) == {"PL101"}


def test_without_the_extra_it_says_how_to_install() -> None:
    hide = "import sys; sys.modules['pygls'] = None; from privlint.app import main; sys.exit(main(['server']))"
    out = subprocess.run(
        [sys.executable, "-c", hide],
        capture_output=True,
        text=True,
        check=False,
        stdin=subprocess.DEVNULL,
    )
    assert out.returncode == 2
    assert 'pip install "privlint[server]"' in out.stderr
    assert "Traceback" not in out.stderr


async def _actions(
    client: LanguageClient, uri: str, rng: types.Range, only: list[str] | None = None
) -> list[types.CodeAction]:
    result = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=rng,
            context=types.CodeActionContext(diagnostics=[], only=only),
        )
    )
    return [a for a in result or [] if isinstance(a, types.CodeAction)]


@pytest.mark.asyncio
async def test_fix_code_actions_give_a_clean_file(client: LanguageClient, tmp_path: Path) -> None:
    # the fixable mistakes of `privlint check --fix`: an article written out, a country name
    text = (
        BAD.replace("gdpr-6-1-a", "'Art. 6 lid 1 sub a AVG'")
        .replace("retension:", "retention:")
        .replace(
            "    country: US\n",
            "    country: US\n    mechanism: standard-contractual-clauses\n"
            "    reference: Decision (EU) 2021/914, module 2\n    copy: Op verzoek via privacy@example.nl\n",
        )
        .replace("    country: US\n", "    country: Verenigde Staten\n")
    )
    uri = await _open(client, tmp_path / "shop.privacy.yaml", text)
    before = _by_code(client, uri)
    assert {"PL104"} <= set(before), set(before)
    basis = before["PL104"]
    (fix,) = [
        a for a in await _actions(client, uri, basis.range) if a.title.startswith("Fix PL104")
    ]
    assert fix.edit is not None and fix.edit.changes is not None
    once = _apply(text, fix.edit.changes[uri])
    assert "legal_basis: 'gdpr-6-1-a'\n" in once  # the quote style survives
    # fix-all takes the rest; the file is then clean, with every other byte as it was
    whole = types.Range(types.Position(0, 0), types.Position(len(text.splitlines()), 0))
    (fix_all,) = await _actions(client, uri, whole, only=["source.fixAll"])
    assert fix_all.edit is not None and fix_all.edit.changes is not None
    fixed = _apply(text, fix_all.edit.changes[uri])
    assert "country: US\n" in fixed and "gdpr-6-1-a" in fixed
    await _change(client, uri, fixed, 2)
    assert not client.diagnostics[uri]
    assert [
        line for line in fixed.splitlines() if "country" not in line and "legal_basis" not in line
    ] == [line for line in text.splitlines() if "country" not in line and "legal_basis" not in line]

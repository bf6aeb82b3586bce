"""Language-server latency: time from a didChange to its publishDiagnostics, after start-up.

    python bench/server_latency.py [--runs 50] [--file examples/complete.privacy.yaml]

Starts `privlint server` as an editor would (stdio), opens the seed-sized example, then sends
`--runs` full-text changes (each a different text, so no answer can be cached) and prints the
median, 90th percentile and worst time until the diagnostics for that version arrive.  The
server's own debounce (20 ms by default) is part of what is measured; `--debounce-ms` sets it.
Target (issue 17): diagnostics within 50 ms of a change.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import time
from pathlib import Path

from lsprotocol import types
from pytest_lsp import client_capabilities, make_test_lsp_client


async def measure(path: Path, runs: int, debounce_ms: int) -> list[float]:
    client = make_test_lsp_client()
    await client.start_io(sys.executable, "-m", "privlint", "server")
    await client.initialize_session(
        types.InitializeParams(
            capabilities=client_capabilities("visual-studio-code"),
            initialization_options={"privlint": {"debounceMs": debounce_ms}},
        )
    )
    text = path.read_text(encoding="utf-8")
    uri = path.resolve().as_uri()
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(uri=uri, language_id="yaml", version=1, text=text)
        )
    )
    await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    times = []
    for version in range(2, runs + 2):
        changed = text + f"x-edit: {version}\n"  # a real change: a new key every time
        start = time.perf_counter()
        client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
                content_changes=[types.TextDocumentContentChangeWholeDocument(text=changed)],
            )
        )
        await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        times.append(time.perf_counter() - start)
    await client.shutdown_session()
    await client.stop()
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--file", type=Path, default=Path("examples/complete.privacy.yaml"))
    parser.add_argument("--debounce-ms", type=int, default=20)
    args = parser.parse_args()
    times = sorted(asyncio.run(measure(args.file, args.runs, args.debounce_ms)))
    ms = [t * 1000 for t in times]
    p90 = ms[int(len(ms) * 0.9) - 1]
    lines = args.file.read_text(encoding="utf-8").count("\n")
    print(f"file: {args.file} ({lines} lines), runs: {len(ms)}, debounce: {args.debounce_ms} ms")
    print(
        f"change -> diagnostics: median {statistics.median(ms):.1f} ms, p90 {p90:.1f} ms, "
        f"worst {ms[-1]:.1f} ms (target: 50 ms)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

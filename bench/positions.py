"""Positions on demand: the targeted second pass versus the whole index and an offset table.

    python bench/positions.py [CORPUS_DIR]  (default bench/out/failing; bench/corpus.py writes it)

Prints CPU seconds (best of 5) over the corpus's files that have problems, for: the data-only
load (`load_file`, what every file pays); the parser's events alone; the events plus recording
every event's marks into a compact array (the lower bound of an offset table kept by the first
pass: every file would pay it, and it still needs a pointer -> event map to be useful); the
targeted second pass (`positions_for` the pointers of the file's problems, what a file with
findings pays); and the whole index as a second pass (what it cost before).  Then the peak
memory (tracemalloc) of each way to positions on the largest file.
"""

from __future__ import annotations

import sys
import time
import tracemalloc
from array import array
from collections.abc import Callable
from pathlib import Path

from privlint.config import Settings
from privlint.engine.run import build_runner
from privlint.findings import Pointer
from privlint.loader import Document, Limits, iter_events, load_file, parse_yaml, positions_for
from privlint.validate import validate

UNLIMITED = Limits(max_file_size=0)  # the large declarations are over the default limits


def best(fn: Callable[[], object], n: int = 5) -> float:
    times = []
    for _ in range(n):
        start = time.process_time()
        fn()
        times.append(time.process_time() - start)
    return min(times)


def events_only(text: str) -> int:
    return sum(1 for _ in iter_events(text))


def offset_table(text: str) -> array[int]:
    table = array("I")
    for ev in iter_events(text):
        m, e = ev.start_mark, ev.end_mark
        table.extend((m.line, m.column, e.line, e.column))
    return table


def peak_mb(fn: Callable[[], object]) -> float:
    tracemalloc.start()
    try:
        fn()
        return tracemalloc.get_traced_memory()[1] / 1e6
    finally:
        tracemalloc.stop()


def main() -> None:
    default = Path(__file__).parent / "out" / "failing"
    corpus = Path(sys.argv[1]) if len(sys.argv) > 1 else default
    settings = Settings()
    runner = build_runner(settings.ruleset(), settings)
    files: list[Path] = []
    documents: list[Document] = []
    asked: list[list[Pointer]] = []
    for path in sorted(corpus.rglob("*.yaml")):
        document = load_file(path, path.name, UNLIMITED).document
        if document is None or document.index is not None:
            continue  # not a declaration, or the loader kept the whole index anyway
        problems = [*validate(document.data), *runner.run(document.data)]
        pointers = [p.pointer for p in problems if p.span is None]
        if pointers:
            files.append(path)
            documents.append(document)
            asked.append(pointers)
    if not files:
        sys.exit(f"no file with problems under {corpus}")
    texts = [d.text for d in documents]
    lean = best(lambda: [load_file(f, f.name, UNLIMITED) for f in files])
    events = best(lambda: [events_only(t) for t in texts])
    table = best(lambda: [offset_table(t) for t in texts])
    targeted = best(
        lambda: [positions_for(d.text, d.data, p) for d, p in zip(documents, asked, strict=True)]
    )
    whole = best(lambda: [parse_yaml(t, UNLIMITED).positions for t in texts])
    size = sum(len(t) for t in texts) / 1e6
    count = sum(len(p) for p in asked)
    print(f"{len(files)} files with problems, {size:.2f} MB, {count} pointers asked")
    print("CPU seconds, best of 5:")
    print(f"  data-only load (every file)              {lean:7.3f}")
    print(f"  events only                              {events:7.3f}")
    print(f"  events + offset table                    {table:7.3f}")
    print(f"  -> an offset table adds to every file    {table - events:7.3f}")
    print(f"  targeted second pass (positions_for)     {targeted:7.3f}")
    print(f"  whole index as a second pass (before)    {whole:7.3f}")
    i = max(range(len(texts)), key=lambda n: len(texts[n]))
    d, p = documents[i], asked[i]
    print(f"peak memory (tracemalloc, MB) on the largest file, {len(d.text) / 1e6:.2f} MB:")
    ways: dict[str, Callable[[], object]] = {
        "offset table": lambda: offset_table(d.text),
        "targeted second pass": lambda: positions_for(d.text, d.data, p),
        "whole index": lambda: parse_yaml(d.text, UNLIMITED),
    }
    for name, way in ways.items():
        print(f"  {name:<40} {peak_mb(way):7.2f}")


if __name__ == "__main__":
    main()

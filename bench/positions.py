"""Position index on demand: a second pass versus an offset table kept by the first pass.

    python bench/positions.py [CORPUS_DIR]    (default: bench/out/many, see bench/corpus.py)

Prints CPU seconds (best of 5) over the corpus for: the data-only load (`load_file`, what every
file pays), that load plus recording every event's marks into a compact array (the lower bound
of an offset table: it still needs a pointer -> event map to be useful), the second pass
(`positions_of`, what only a file with findings pays), and the one-pass position-keeping parse.
"""

from __future__ import annotations

import sys
import time
from array import array
from collections.abc import Callable
from pathlib import Path

from privlint.loader import iter_events, load_file, parse_text, positions_of


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


def main() -> None:
    corpus = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).parent / "out" / "many"
    files = sorted(corpus.rglob("*.yaml"))
    texts = [f.read_text(encoding="utf-8") for f in files]
    lean = best(lambda: [load_file(f, f.name) for f in files])
    events = best(lambda: [events_only(t) for t in texts])
    table = best(lambda: [offset_table(t) for t in texts])
    second = best(lambda: [positions_of(t) for t in texts])
    full = best(lambda: [parse_text(t) for t in texts])
    size = sum(len(t) for t in texts) / 1e6
    print(f"{len(files)} files, {size:.2f} MB (CPU seconds, best of 5)")
    print(f"  data-only load (every file)            {lean:7.3f}")
    print(f"  events only                            {events:7.3f}")
    print(f"  events + offset table                  {table:7.3f}")
    print(f"  -> an offset table adds to every file  {table - events:7.3f}")
    print(f"  second pass, position index            {second:7.3f}")
    print(f"  one pass with positions (old slow path) {full:6.3f}")


if __name__ == "__main__":
    main()

"""Linear growth by instruction count: `privlint check` on the large declarations, counted.

    python bench/growth.py                          # 25k and 50k activities, clean (~20 min)
    python bench/growth.py --sizes 50k,100k --findings

Wall time on a shared VM moves by 20-25% from one run to the next, more than the margin the
x2.1 growth target leaves, so bench/bench.py's growth figures can land either side of it.
This script runs each check once under valgrind's cachegrind (no cache simulation), which
counts the instructions the process executes: the same count on a loaded machine as on a
quiet one.  A growth of instructions of x2.00 for x2 activities means the work is linear;
what wall time adds beyond that is the memory hierarchy and the machine's neighbours.
Each file is checked once without valgrind first (bytecode and rule caches warm), as in
bench/bench.py.  The corpora are bench/bench.py's (bench/corpus.py writes them).
"""

from __future__ import annotations

import argparse
import itertools
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import corpus  # noqa: E402 - bench/ is not a package; its sibling module is imported by path

BIN = Path(sys.executable).parent
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
REFS = re.compile(r"I\s+refs:\s+([\d,]+)")


def instructions(argv: list[str], cwd: Path) -> int:
    counter = ["valgrind", "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null"]
    done = subprocess.run(
        [*counter, *argv],
        cwd=cwd,
        env=ENV,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        check=False,
    )
    found = REFS.search(done.stderr)
    if found is None:
        sys.exit(f"growth: valgrind gave no instruction count:\n{done.stderr[-2000:]}")
    return int(found.group(1).replace(",", ""))


def count(kind: str, sizes: list[str], out: Path) -> dict[str, int]:
    """Instructions of `privlint check` on `kind`-SIZE ("large" or "large-failing") per size."""
    privlint = str(BIN / "privlint")
    counts: dict[str, int] = {}
    for size in sizes:
        path = out / f"{kind}-{size}" / "privacy.yaml"
        argv = [privlint, "check", "--no-color", "--max-file-size", "0", str(path)]
        subprocess.run(argv, cwd=out, env=ENV, stdout=subprocess.DEVNULL, check=False)
        started = time.perf_counter()
        counts[size] = instructions(argv, out)
        print(
            f"  {kind}-{size}: {counts[size]:,} instructions "
            f"(counted in {time.perf_counter() - started:.0f} s)",
            flush=True,
        )
    return counts


def steps(sizes: list[str], counts: dict[str, int]) -> list[tuple[str, float, float]]:
    """(label, growth of instructions, its limit) for each step between sizes: x2.1 for x2."""
    out = []
    for small, big in itertools.pairwise(sizes):
        factor = int(big[:-1]) / int(small[:-1])
        label = f"{small} -> {big} (x{factor:g} activities)"
        out.append((label, counts[big] / counts[small], 2.1 * factor / 2))
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="25k,50k", help="comma-separated, from 25k,50k,100k")
    parser.add_argument("--findings", action="store_true", help="the files with findings")
    parser.add_argument("--out", type=Path, default=HERE / "out", help="corpus directory")
    args = parser.parse_args()
    if shutil.which("valgrind") is None:
        sys.exit("growth: needs valgrind (apt-get install valgrind)")
    sizes = [s.strip() for s in args.sizes.split(",") if s.strip()]
    known = {f"{n // 1000}k" for n in corpus.LARGE_SIZES}
    if not sizes or not set(sizes) <= known:
        sys.exit(f"growth: --sizes takes {', '.join(sorted(known))}")
    subprocess.run([sys.executable, str(HERE / "corpus.py"), str(args.out)], check=True)
    counts = count("large-failing" if args.findings else "large", sizes, args.out)
    for label, growth, limit in steps(sizes, counts):
        verdict = "met" if growth <= limit else "NOT MET"
        print(f"  {label}: x{growth:.3f} instructions (target <= x{limit:g}: {verdict})")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""`privlint render` and `privlint register` on 25k/50k/100k-activity declarations.

    python bench/render_bench.py            # 3 runs each, all sizes
    python bench/render_bench.py --runs 1   # quicker

Each command runs as a child process (what a user or CI sees: check, parse, generate, write);
the median wall time and the child's CPU time are printed with the CPU time per activity, and
the run fails (exit 1) when the CPU time per activity at the largest size is more than 1.5x
that at the smallest: linear, not worse.  CPU time, because on a shared machine the wall time
says as much about the neighbours as about privlint.  The declarations come from
bench/corpus.py (the same bytes every run), under bench/out/.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import corpus  # noqa: E402 - bench/ is not a package; its sibling module is imported by path

OUT = HERE / "out" / "render"
COMMANDS = {
    "render html": ("render", "--format", "html", "-o", "{out}.html"),
    "render markdown": ("render", "--format", "markdown", "-o", "{out}.md"),
    "register xlsx": ("register", "-o", "{out}.xlsx"),
    "register csv": ("register", "-o", "{out}.csv"),
}
LINEAR_SLACK = 1.5


def _declaration(size: int) -> Path:
    path = OUT / f"large-{size // 1000}k.privacy.yaml"
    text = corpus.large(size)
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return path


def _time(args: list[str]) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the child, user + system)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    result = subprocess.run(args, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0:
        sys.exit(f"failed ({result.returncode}): {' '.join(args)}\n{result.stderr[-2000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return elapsed, cpu


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    opts = parser.parse_args()
    sizes = corpus.LARGE_SIZES
    files = {size: _declaration(size) for size in sizes}
    print(f"{'command':<18} {'activities':>10} {'wall s':>8} {'cpu s':>8} {'cpu us/activity':>16}")
    worst = 0.0
    for name, template in COMMANDS.items():
        per_activity: dict[int, float] = {}
        for size in sizes:
            out = str(OUT / f"{name.replace(' ', '-')}-{size // 1000}k")
            args = [a.format(out=out) for a in template]
            cmd = [sys.executable, "-m", "privlint", args[0], str(files[size]), *args[1:]]
            cmd += ["--max-file-size", "0"]  # the 100k file is 45 MB; the default cap is 8
            runs = [_time(cmd) for _ in range(opts.runs)]
            wall = statistics.median(w for w, _ in runs)
            cpu = statistics.median(c for _, c in runs)
            per_activity[size] = cpu / size * 1e6
            print(f"{name:<18} {size:>10,} {wall:>8.1f} {cpu:>8.1f} {per_activity[size]:>16.1f}")
        ratio = per_activity[sizes[-1]] / per_activity[sizes[0]]
        worst = max(worst, ratio)
        print(f"{name:<18} CPU time per activity {sizes[-1]:,} vs {sizes[0]:,}: {ratio:.2f}x")
    verdict = "linear" if worst <= LINEAR_SLACK else "NOT linear"
    print(f"worst growth of CPU time per activity: {worst:.2f}x ({verdict}; limit {LINEAR_SLACK}x)")
    return 0 if worst <= LINEAR_SLACK else 1


if __name__ == "__main__":
    raise SystemExit(main())

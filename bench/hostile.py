"""Every hostile case of issue 6 as a subprocess: wall time and peak memory, against the goal.

    python bench/hostile.py              # every case, 3 runs each (median wall, largest peak)
    python bench/hostile.py --runs 1 -k bomb -k nesting

The goal per case is <= 2 s and <= 256 MB on a 2-core machine.  Wall time is measured around
the child only (the case's files are written first); peak memory is the child's maximum
resident set from wait4.  The cases are the ones tests/hostile/ checks, plus a few that only
measure: a declaration just under the node bound, and the findings-heavy worst case within it.
A case that outlives --timeout is killed and reported as a hang.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.hostile.cases import (  # noqa: E402 - needs ROOT on sys.path
    CASES,
    EXAMPLE,
    Case,
    one_file,
    remove_deep_tree,
)

GOAL_SECONDS = 2.0
GOAL_MB = 256

MEASURE_ONLY = [
    Case(
        "just under the node bound (49,990 nodes)",
        one_file("wide.yaml", "privlint: 1\nx-list: [" + ",".join(["1"] * 49_990) + "]\n"),
        1,
        (),
    ),
    Case(
        "just under the size limit, one long scalar (8 MB)",
        one_file(
            "long.yaml",
            EXAMPLE.replace('  version: "3.2"\n', '  version: "' + "3" * 8_380_000 + '"\n'),
        ),
        0,
        (),
    ),
    Case(
        "findings-heavy: 12,000 empty activities",
        one_file("empty-activities.yaml", "privlint: 1\nactivities: [" + "{}," * 12_000 + "]\n"),
        1,
        (),
    ),
]


def run_once(case: Case, timeout: float) -> tuple[float, float, int | None, str]:
    """(wall seconds, peak MB, exit code or None when killed, combined output)."""
    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp)
        args = case.setup(d)
        env = {k: v for k, v in os.environ.items() if not k.startswith("GITHUB_")}
        with (d / "out.txt").open("w+") as out:
            start = time.perf_counter()
            proc = subprocess.Popen(
                [sys.executable, "-m", "privlint", "check", "--format", "text", "--no-fix", *args],
                cwd=d,
                env={**env, "PYTHONPATH": str(ROOT)},
                stdout=out,
                stderr=subprocess.STDOUT,
            )
            killer = threading.Timer(timeout, proc.kill)
            killer.start()
            _, status, usage = os.wait4(proc.pid, 0)
            wall = time.perf_counter() - start
            killed = not killer.is_alive()
            killer.cancel()
            proc.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
            out.seek(0)
            text = out.read()
        if (d / "tree").exists():
            remove_deep_tree(d)
    peak_mb = usage.ru_maxrss / 1024  # KiB on Linux
    return wall, peak_mb, None if killed else proc.returncode, text


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--timeout", type=float, default=300.0)
    parser.add_argument("-k", action="append", default=[], help="only cases whose name has this")
    args = parser.parse_args()

    cases = [c for c in (*CASES, *MEASURE_ONLY) if not args.k or any(k in c.name for k in args.k)]
    print(f"privlint hostile inputs: {platform.python_version()}, {os.cpu_count()} CPUs, ", end="")
    print(f"{args.runs} run(s) per case; goal <= {GOAL_SECONDS} s and <= {GOAL_MB} MB")
    print(f"{'case':<52} {'exit':>4} {'wall s':>7} {'peak MB':>8}  verdict")
    over = []
    for case in cases:
        if case.name == "unreadable file" and os.geteuid() == 0:
            print(f"{case.name:<52}    -       -        -  skipped (root reads anything)")
            continue
        walls, peaks, codes = [], [], set()
        text = ""
        for _ in range(args.runs):
            wall, peak, code, text = run_once(case, args.timeout)
            walls.append(wall)
            peaks.append(peak)
            codes.add(code)
        wall, peak = statistics.median(walls), max(peaks)
        code = codes.pop() if len(codes) == 1 else None
        problems = []
        if code is None:
            problems.append("HANG (killed)" if None in codes or not codes else "exit varies")
        elif code != case.code:
            problems.append(f"exit {code}, expected {case.code}")
        if "Traceback" in text:
            problems.append("TRACEBACK")
        if wall > GOAL_SECONDS:
            problems.append("slow")
        if peak > GOAL_MB:
            problems.append("memory")
        verdict = ", ".join(problems) or "ok"
        if problems:
            over.append(case.name)
        shown = "-" if code is None else str(code)
        print(f"{case.name:<52} {shown:>4} {wall:>7.2f} {peak:>8.1f}  {verdict}")
    print(f"\n{len(cases) - len(over)} of {len(cases)} cases within the goal", end="")
    print(f"; outside: {', '.join(over)}" if over else "")
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())

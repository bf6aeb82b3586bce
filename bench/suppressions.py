"""Suppressions at scale: 30,000 comments against 9,000 findings (issue 11), as a subprocess.

    python bench/suppressions.py              # 3 runs, median wall time
    python bench/suppressions.py --runs 1 --comments 30000 --findings 9000

The declaration has one activity per finding (each without a retention, so PL101 fires on
it), a suppression comment above each of them, and more comments on `x-` lines below that
suppress nothing.  The run lifts the size limits (--max-file-size 0).  It prints the times of
`suppress.parse` and `suppress.apply` alone, the CPU time of checking the file with and
without its suppressions (the difference is what suppressions cost), and the wall time of
`privlint check`.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def declaration(comments: int, findings: int) -> str:
    lines = ["privlint: 1", "controller: {name: Bench B.V.}", "activities:"]
    for i in range(findings):
        lines += [
            "  # privlint: ignore PL101 -- retention decided per case by the archive",
            f"  - id: a{i}",
            f"    name: Activity {i}",
        ]
    lines += [
        f"x-{i}: 1  # privlint: ignore PL122 -- statement reviewed by legal"
        for i in range(max(0, comments - findings))
    ]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--comments", type=int, default=30_000)
    parser.add_argument("--findings", type=int, default=9_000)
    args = parser.parse_args()
    text = declaration(args.comments, args.findings)

    from privlint import suppress
    from privlint.config import Settings
    from privlint.discovery import Target
    from privlint.lint import lint_target

    ruleset = Settings().ruleset()
    start = time.perf_counter()
    sups, _ = suppress.parse(text, ruleset)
    parsed = time.perf_counter() - start
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "big.privacy.yaml"
        path.write_text(text, encoding="utf-8")
        from privlint.config import Overrides, load_settings

        settings = load_settings(Overrides(max_file_size=0), cwd=Path(tmp))
        target = Target(path, path.name)
        lint_target(target, ruleset, settings.replace(suppress=False))  # warm caches first
        cpu = time.process_time()
        left = sum(1 for f in lint_target(target, ruleset, settings) if f.code == "PL101")
        cpu_with = time.process_time() - cpu
        cpu = time.process_time()
        every = lint_target(target, ruleset, settings.replace(suppress=False))
        cpu_without = time.process_time() - cpu
        start = time.perf_counter()
        suppress.apply(every, sups)
        applied = time.perf_counter() - start
        walls = []
        for _ in range(args.runs):
            start = time.perf_counter()
            result = subprocess.run(
                [sys.executable, "-m", "privlint", "check", "-f", "json", "--max-file-size", "0"],
                cwd=tmp,
                capture_output=True,
                text=True,
                check=False,
            )
            walls.append(time.perf_counter() - start)
            if result.returncode not in (0, 1):
                sys.exit(f"privlint failed: {result.stderr}")
    print(f"{len(sups):,} suppressions, {len(text) / 1e6:.1f} MB, PL101 left: {left}")
    print(f"suppress.parse: {parsed:.2f} s; apply to {len(every):,} findings: {applied:.3f} s")
    print(f"one file, CPU: {cpu_with:.2f} s with suppressions, {cpu_without:.2f} s without")
    print(f"privlint check (median of {args.runs}): {statistics.median(walls):.2f} s wall")


if __name__ == "__main__":
    main()

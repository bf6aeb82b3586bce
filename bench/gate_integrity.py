"""Issue 11's resource cases as subprocesses: wall time and peak memory, before and after.

    python bench/gate_integrity.py                    # this checkout
    python bench/gate_integrity.py --root /work/main  # another checkout (the "before" figures)

Each case writes its files into a fresh directory and runs one privlint command there; a case
that outlives --timeout is killed and reported as a hang.  Peak memory is the child's maximum
resident set and CPU its user + system time (wait4): on a shared machine CPU time is the steadier
figure, and --repeat N keeps the lowest of N runs.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = (ROOT / "examples" / "complete.privacy.yaml").read_text(encoding="utf-8")

Setup = Callable[[Path], list[str]]  # writes the files, returns the privlint arguments


def dangling_references(d: Path) -> list[str]:
    services = "".join(f"  - {{id: s{i}, name: n}}\n" for i in range(2_000))
    activities = "".join(f"  - {{id: a{i}, service: x{i}}}\n" for i in range(2_000))
    (d / "x.privacy.yaml").write_text(
        f"privlint: 1\nservices:\n{services}activities:\n{activities}"
    )
    return ["check", "-f", "json", "x.privacy.yaml"]


def empty_activities(fmt: str) -> Setup:
    def setup(d: Path) -> list[str]:
        (d / "x.privacy.yaml").write_text("privlint: 1\nactivities: [" + "{}," * 16_600 + "]\n")
        return ["check", "-f", fmt, "x.privacy.yaml"]

    return setup


def long_email(d: Path) -> list[str]:
    text = EXAMPLE
    start = text.index("  email: ")
    end = text.index("\n", start)
    (d / "x.privacy.yaml").write_text(
        text[:start] + "  email: a@" + "b." * 15_000 + " x" + text[end:]
    )
    return ["check", "x.privacy.yaml"]


def user_regex(pattern: str) -> Setup:
    def setup(d: Path) -> list[str]:
        (d / "rules.yaml").write_text(
            "pack: acme\nrules:\n  - {code: PL900, name: acme-x, severity: error, summary: s,\n"
            "     rationale: r, fix: f, message: m, given: '$',\n"
            f"     then: {{field: x-probe, schema: {{pattern: {json.dumps(pattern)}}}}}}}\n"
        )
        (d / ".privlint.yaml").write_text("rules: [rules.yaml]\n")
        probe = "a" * 40 + "!"
        (d / "x.privacy.yaml").write_text(
            EXAMPLE.replace("privlint: 1\n", f"privlint: 1\nx-probe: {probe}\n")
        )
        return ["check", "x.privacy.yaml"]

    return setup


def tilt_equal_names(d: Path) -> list[str]:
    entry = {"category": "E-Mail", "purposes": [{"purpose": "Newsletter"}]}
    (d / "in.json").write_text(
        json.dumps({"meta": {"name": "x"}, "dataDisclosed": [entry] * 30_000})
    )
    return ["import", "--from", "tilt", "in.json", "-o", "out.yaml"]


def fides_alias_bomb(d: Path) -> list[str]:
    lines = ["system: []", 'a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 9)]
    (d / "bomb.yml").write_text("\n".join(lines) + "\n")
    return ["import", "--from", "fides", "bomb.yml"]


def import_to_fifo(d: Path) -> list[str]:
    (d / "in.json").write_text('{"meta": {"name": "x"}}')
    os.mkfifo(d / "fifo")
    return ["import", "--from", "tilt", "--force", "in.json", "-o", "fifo"]


CASES: list[tuple[str, Setup]] = [
    ("2,000 dangling references, -f json", dangling_references),
    ("16,600 empty activities, -f json", empty_activities("json")),
    ("16,600 empty activities, -f sarif", empty_activities("sarif")),
    ("30 KB controller.email", long_email),
    ("user regex ^(a|aa)+$ on 41 chars", user_regex("^(a|aa)+$")),
    ("user regex (a{1,100}){1,100} (refused)", user_regex("^(a{1,100}){1,100}$")),
    ("user regex: eight .* in a row", user_regex(".*" * 8 + "b")),
    ("user regex of 1.8 MB (refused)", user_regex("a" * 1_800_000)),
    ("import --from tilt: 30,000 equal names", tilt_equal_names),
    ("import --from fides: alias bomb", fides_alias_bomb),
    ("import --force -o FIFO", import_to_fifo),
]


def run(root: Path, setup: Setup, timeout: float) -> tuple[float, float, float, int | None]:
    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp)
        args = setup(d)
        env = {k: v for k, v in os.environ.items() if not k.startswith("GITHUB_")}
        start = time.perf_counter()
        proc = subprocess.Popen(
            [sys.executable, "-m", "privlint", *args],
            cwd=d,
            env={**env, "PYTHONPATH": str(root)},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        killer = threading.Timer(timeout, proc.kill)
        killer.start()
        _, status, usage = os.wait4(proc.pid, 0)
        killer.cancel()
        wall = time.perf_counter() - start
        code = os.waitstatus_to_exitcode(status)
        cpu = usage.ru_utime + usage.ru_stime
        return wall, cpu, usage.ru_maxrss / 1024, None if code < 0 else code


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=ROOT, help="the checkout to measure")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds before a kill")
    parser.add_argument("-k", action="append", default=[], help="only cases containing this")
    parser.add_argument("--repeat", type=int, default=1, help="runs per case; lowest shown")
    args = parser.parse_args()
    print(f"privlint at {args.root}; a case killed after {args.timeout:.0f} s is a hang")
    print(f"{'case':<44} {'wall s':>8} {'CPU s':>8} {'peak MB':>8}  exit")
    for name, setup in CASES:
        if args.k and not any(k in name for k in args.k):
            continue
        runs = [run(args.root.resolve(), setup, args.timeout) for _ in range(max(1, args.repeat))]
        wall, cpu = min(r[0] for r in runs), min(r[1] for r in runs)
        peak = max(r[2] for r in runs)
        code = None if any(r[3] is None for r in runs) else runs[-1][3]  # one hang is a hang
        shown = "HANG (killed)" if code is None else str(code)
        print(f"{name:<44} {wall:>8.2f} {cpu:>8.2f} {peak:>8.0f}  {shown}", flush=True)


if __name__ == "__main__":
    main()

"""privlint against the tools users would pick instead: prints medians, peak memory and ratios.

    python bench/bench.py            # everything (20-30 minutes on 2 cores)
    python bench/bench.py --quick    # fewer runs, no yamllint on 1,000 files, no 100k file

Every command runs as a child process, side by side in one run, alternating (the order rotates
each round so that no tool always runs on a warm or a cold cache).  Wall time is measured
around the child; peak memory is the child's maximum resident set (wait4's rusage, which
includes the child's own reaped children: with a process pool it is the largest single process).
The corpora are generated deterministically by bench/corpus.py under bench/out/ (gitignored).
"""

from __future__ import annotations

import argparse
import itertools
import os
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import corpus  # noqa: E402 - bench/ is not a package; its sibling module is imported by path

SCHEMA = ROOT / "schemas" / "declaration.schema.json"
BIN = Path(sys.executable).parent  # the environment's scripts, not a shim that re-dispatches


@dataclass
class Sample:
    seconds: list[float] = field(default_factory=list)
    peak_kb: int = 0
    codes: set[int] = field(default_factory=set)

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)


def tool(name: str) -> str:
    path = BIN / name
    if not path.exists():
        sys.exit(
            f"bench: {name} is not installed next to {sys.executable}; "
            'run pip install -e ".[bench]"'
        )
    return str(path)


def run_once(argv: Sequence[str], sample: Sample) -> None:
    """Spawn, wait, record wall time, exit code and peak RSS of the child (and its children)."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        start = time.perf_counter()
        pid = os.posix_spawn(
            argv[0],
            list(argv),
            os.environ,
            file_actions=[
                (os.POSIX_SPAWN_DUP2, devnull, 1),
                (os.POSIX_SPAWN_DUP2, devnull, 2),
            ],
        )
        _, status, usage = os.wait4(pid, 0)
        sample.seconds.append(time.perf_counter() - start)
    finally:
        os.close(devnull)
    sample.peak_kb = max(sample.peak_kb, usage.ru_maxrss)  # kilobytes on Linux
    sample.codes.add(os.waitstatus_to_exitcode(status))


def measure(commands: dict[str, tuple[list[str], int]]) -> dict[str, Sample]:
    """Run each command its number of times, interleaved, rotating who goes first."""
    samples = {name: Sample() for name in commands}
    names = list(commands)
    rounds = max(runs for _, runs in commands.values())
    for r in range(rounds):
        order = names[r % len(names) :] + names[: r % len(names)]
        for name in order:
            argv, runs = commands[name]
            if len(samples[name].seconds) < runs:
                run_once(argv, samples[name])
    return samples


def fmt_row(name: str, s: Sample, ref: Sample | None = None) -> str:
    ratio = f"{s.median / ref.median:6.2f}x" if ref is not None and ref is not s else ""
    exit_codes = ",".join(map(str, sorted(s.codes)))
    return (
        f"  {name:22} median {s.median:8.3f} s   min {min(s.seconds):8.3f} s   "
        f"peak {s.peak_kb / 1024:8.1f} MB   runs {len(s.seconds):2}   exit {exit_codes:5} {ratio}"
    )


def verdict(ok: bool) -> str:
    return "met" if ok else "NOT MET"


def all_rules_config(out: Path) -> Path:
    """A config that switches every rule pack on (packs default to on, but say so)."""
    packs = sorted(
        line.split(":", 1)[1].strip()
        for f in (ROOT / "rules").glob("*.yaml")
        for line in f.read_text(encoding="utf-8").splitlines()
        if line.startswith("pack:")
    )
    path = out / ".privlint.yaml"
    path.write_text("packs:\n" + "".join(f"  {p}: true\n" for p in packs), encoding="utf-8")
    return path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer runs; skip the slowest parts")
    parser.add_argument("--out", type=Path, default=HERE / "out", help="corpus directory")
    parser.add_argument("--skip-large", action="store_true", help="skip the large declarations")
    parser.add_argument("--skip-many", action="store_true", help="skip the 1,000 files")
    args = parser.parse_args()
    quick = args.quick

    print(f"privlint benchmark — {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}")
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, {platform.system()} "
        f"{platform.release()}, Python {platform.python_version()}; load average at start "
        f"{os.getloadavg()[0]:.2f}"
    )
    started = time.perf_counter()
    # In a child, so that this process stays small: a spawned child's peak RSS starts from
    # its parent's (the kernel keeps the pre-exec high-water mark).
    subprocess.run([sys.executable, str(HERE / "corpus.py"), str(args.out)], check=True)
    corpora = corpus.files(args.out)
    print(f"corpora generated/verified in {time.perf_counter() - started:.1f} s under {args.out}")
    config = all_rules_config(args.out)

    privlint, cjs, yamllint = tool("privlint"), tool("check-jsonschema"), tool("yamllint")
    pl = [privlint, "check", "--config", str(config), "--no-color"]
    cj = [cjs, "--schemafile", str(SCHEMA)]
    yl = [yamllint, "-f", "parsable"]
    targets: list[tuple[str, bool]] = []

    # Start-up: what a pre-commit hook pays before any work.
    print("\n== start-up ==")
    n = 7 if quick else 15
    s = measure(
        {
            "python -c pass": ([sys.executable, "-c", "pass"], n),
            "privlint --version": ([privlint, "--version"], n),
            "privlint explain": ([privlint, "explain", "retention-missing"], n),
        }
    )
    for name, sample in s.items():
        print(fmt_row(name, sample))
    for name in ("privlint --version", "privlint explain"):
        ok = s[name].median <= 0.1
        targets.append((f"{name} <= 0.1 s: {s[name].median:.3f} s", ok))

    def compare(name: str, files: list[Path], runs: int, yl_runs: int, limit: float) -> None:
        paths = [str(f) for f in files]
        size = sum(f.stat().st_size for f in files)
        print(f"\n== {name}: {len(files)} file(s), {size / 1e6:.2f} MB ==")
        commands = {
            "privlint check": ([*pl, *paths], runs),
            "check-jsonschema": ([*cj, *paths], runs),
        }
        if yl_runs:
            commands["yamllint"] = ([*yl, *paths], yl_runs)
        res = measure(commands)
        ref = res["check-jsonschema"]
        for tool_name, sample in res.items():
            print(fmt_row(tool_name, sample, ref))
        ratio = res["privlint check"].median / ref.median
        targets.append(
            (
                f"{name}: privlint / check-jsonschema = {ratio:.2f} (target <= {limit})",
                ratio <= limit,
            )
        )
        if 2 in res["privlint check"].codes:
            targets.append((f"{name}: privlint exited 2 (error)", False))

    compare("one file", corpora["single"], 7 if quick else 15, 3 if quick else 7, 0.6)
    if not args.skip_many:
        compare("1,000 files", corpora["many"], 1 if quick else 3, 0 if quick else 1, 0.4)

    if not args.skip_large:
        print("\n== large declaration (growth; --max-file-size 0) ==")
        sizes = corpus.LARGE_SIZES[:2] if quick else corpus.LARGE_SIZES
        runs = 1 if quick else 2
        commands = {
            f"privlint {k // 1000}k": (
                [*pl, "--max-file-size", "0", str(corpora[f"large-{k // 1000}k"][0])],
                runs,
            )
            for k in sizes
        }
        commands["check-jsonschema 25k"] = ([*cj, str(corpora["large-25k"][0])], runs)
        res = measure(commands)
        ref = res["check-jsonschema 25k"]
        for tool_name, sample in res.items():
            print(fmt_row(tool_name, sample, ref if tool_name == "privlint 25k" else None))
        for small, big in itertools.pairwise(sizes):
            a, b = res[f"privlint {small // 1000}k"], res[f"privlint {big // 1000}k"]
            growth = b.median / a.median
            targets.append(
                (
                    f"large {small // 1000}k -> {big // 1000}k: time x{growth:.2f} (target <= 2.2)",
                    growth <= 2.2,
                )
            )
        for k in sizes:
            sample = res[f"privlint {k // 1000}k"]
            size = corpora[f"large-{k // 1000}k"][0].stat().st_size
            factor = sample.peak_kb * 1024 / size
            print(f"  privlint {k // 1000}k: {size / 1e6:.1f} MB file, peak {factor:.1f}x the file")
            targets.append(
                (f"large {k // 1000}k: peak memory {factor:.1f}x file (target <= 15)", factor <= 15)
            )

    print("\n== targets ==")
    for text, ok in targets:
        print(f"  [{verdict(ok):7}] {text}")
    print(
        f"\nbenchmark took {time.perf_counter() - started:.0f} s; load average at the end "
        f"{os.getloadavg()[0]:.2f} (other work on the machine skews absolute times, less so ratios)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

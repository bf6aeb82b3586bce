"""privlint against check-jsonschema, side by side in one run: a table of target vs measured.

    python bench/bench.py            # everything (~15-25 minutes on 2 quiet cores)
    python bench/bench.py --quick    # one run each, 25k and 50k only, no yamllint (< 2 min quiet)
    python bench/bench.py --count    # also the large checks' instruction counts (+ about 1 hour)

Every command runs as a child process, side by side in one run, alternating (the order rotates
each round so that no tool always runs on a warm or a cold cache).  Wall time is measured
around the child; peak memory is the child's maximum resident set (wait4's rusage, which
includes the child's own reaped children: with a process pool it is the largest single process).
Wall time is what the targets are about; CPU time (user + system, from the same rusage) is
printed beside it, because on a shared, loaded machine it moves much less than wall time.
Children run with bytecode caching on (PYTHONDONTWRITEBYTECODE removed) after one untimed
warm-up run each, as an installed tool runs: otherwise every start recompiles every module.
The large declarations run three times each; a growth figure (x2 activities) is the median of
the three rounds' ratios, printed with how far runs of one file differ (on a shared VM often
more than the x2.1 target's margin).  `--count` also counts each large check's instructions
under valgrind (bench/growth.py), which no load moves: that is the growth verdict to trust.
privlint runs without a config file, so every rule pack is on (they all default to on; the
benchmark checks that with `privlint rules --format json`).
The corpora are generated deterministically by bench/corpus.py under bench/out/ (gitignored).
"""

from __future__ import annotations

import argparse
import itertools
import json
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

import corpus  # noqa: E402 - bench/ is not a package; its sibling modules are imported by path
import growth  # noqa: E402

SCHEMA = ROOT / "schemas" / "declaration.schema.json"
BIN = Path(sys.executable).parent  # the environment's scripts, not a shim that re-dispatches
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


@dataclass
class Sample:
    seconds: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)  # user + system, the child and its children
    peak_kb: int = 0
    codes: set[int] = field(default_factory=set)

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)

    @property
    def cpu_median(self) -> float:
        return statistics.median(self.cpu)


@dataclass
class Target:
    what: str
    target: str
    measured: str
    ok: bool
    note: str = ""


TARGETS: list[Target] = []


def target(what: str, limit: str, measured: str, ok: bool, note: str = "") -> None:
    TARGETS.append(Target(what, limit, measured, ok, note))


def tool(name: str) -> str:
    path = BIN / name
    if not path.exists():
        sys.exit(
            f"bench: {name} is not installed next to {sys.executable}; "
            'run pip install -e ".[bench]"'
        )
    return str(path)


def run_once(argv: Sequence[str], sample: Sample | None = None, cwd: Path | None = None) -> None:
    """Spawn, wait, record wall time, exit code and peak RSS of the child (and its children)."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    old = Path.cwd()
    try:
        if cwd is not None:
            os.chdir(cwd)
        start = time.perf_counter()
        pid = os.posix_spawn(
            argv[0],
            list(argv),
            ENV,
            file_actions=[
                (os.POSIX_SPAWN_DUP2, devnull, 1),
                (os.POSIX_SPAWN_DUP2, devnull, 2),
            ],
        )
        _, status, usage = os.wait4(pid, 0)
        elapsed = time.perf_counter() - start
    finally:
        os.close(devnull)
        os.chdir(old)
    if sample is not None:
        sample.seconds.append(elapsed)
        sample.cpu.append(usage.ru_utime + usage.ru_stime)
        sample.peak_kb = max(sample.peak_kb, usage.ru_maxrss)  # kilobytes on Linux
        sample.codes.add(os.waitstatus_to_exitcode(status))


def measure(commands: dict[str, tuple[list[str], int]], cwd: Path) -> dict[str, Sample]:
    """Run each command its number of times, interleaved, rotating who goes first."""
    samples = {name: Sample() for name in commands}
    names = list(commands)
    rounds = max(runs for _, runs in commands.values())
    for r in range(rounds):
        order = names[r % len(names) :] + names[: r % len(names)]
        for name in order:
            argv, runs = commands[name]
            if len(samples[name].seconds) < runs:
                run_once(argv, samples[name], cwd)
    return samples


def fmt_row(name: str, s: Sample, ref: Sample | None = None) -> str:
    ratio = ""
    if ref is not None and ref is not s:
        ratio = f"{s.median / ref.median:5.2f}x (cpu {s.cpu_median / ref.cpu_median:4.2f}x)"
    exit_codes = ",".join(map(str, sorted(s.codes)))
    return (
        f"  {name:26} median {s.median:7.3f} s  min {min(s.seconds):7.3f} s  "
        f"cpu {s.cpu_median:7.3f} s  peak {s.peak_kb / 1024:7.1f} MB  "
        f"runs {len(s.seconds):2}  exit {exit_codes:4} {ratio}"
    )


def check_all_packs_on(privlint: str, cwd: Path) -> None:
    out = subprocess.run(
        [privlint, "rules", "--format", "json"],
        cwd=cwd,
        env=ENV,
        capture_output=True,
        text=True,
        check=True,
    )
    rules = json.loads(out.stdout)
    off = [r["code"] for r in rules if not r["enabled"]]
    packs = sorted({r["pack"] for r in rules})
    print(f"rules: {len(rules)} in packs {', '.join(packs)}; switched off: {off or 'none'}")
    if off:
        sys.exit("bench: a config switches rules off here; run from a directory without one")


def files_with_findings(privlint: str, files: list[Path], cwd: Path) -> int:
    out = subprocess.run(
        [privlint, "check", "--format", "json", *map(str, files)],
        cwd=cwd,
        env=ENV,
        capture_output=True,
        text=True,
    )
    return len({f["file"] for f in json.loads(out.stdout)["findings"]})


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="one run each; skip the slowest")
    parser.add_argument("--out", type=Path, default=HERE / "out", help="corpus directory")
    parser.add_argument("--skip-large", action="store_true", help="skip the large declarations")
    parser.add_argument("--skip-many", action="store_true", help="skip the 1,000 files")
    parser.add_argument(
        "--count",
        action="store_true",
        help="also count the large checks' instructions (bench/growth.py; needs valgrind, "
        "adds about an hour): the growth targets without the machine's noise",
    )
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
    (args.out / ".privlint.yaml").unlink(missing_ok=True)  # an older benchmark's config
    print(f"corpora generated/verified in {time.perf_counter() - started:.1f} s under {args.out}")
    work = args.out  # the working directory of every child: no config file there or above
    privlint, cjs = tool("privlint"), tool("check-jsonschema")
    check_all_packs_on(privlint, work)

    pl = [privlint, "check", "--no-color"]
    cj = [cjs, "--schemafile", str(SCHEMA)]
    yl = [tool("yamllint"), "-f", "parsable"] if not quick else None

    # Untimed warm-up: writes the bytecode caches and privlint's built-in rule cache.
    single, one_failing = str(corpora["single"][0]), str(corpora["failing"][0])
    for argv in (
        [*pl, single],
        [*pl, one_failing],
        [*cj, single],
        *([[*yl, single]] if yl else []),
    ):
        run_once(argv, cwd=work)

    # Start-up: what a pre-commit hook pays before any work.
    print("\n== start-up ==")
    n = 5 if quick else 15
    startup = {
        "python -c pass": ([sys.executable, "-c", "pass"], n),
        "privlint --version": ([privlint, "--version"], n),
        "privlint explain": ([privlint, "explain", "retention-missing"], n),
        "privlint rules": ([privlint, "rules"], n),
    }
    for argv, _ in startup.values():
        run_once(argv, cwd=work)
    s = measure(startup, work)
    for name, sample in s.items():
        print(fmt_row(name, sample))
    for name in ("privlint --version", "privlint explain", "privlint rules"):
        med = s[name].median
        target(name, "<= 0.1 s", f"{med:.3f} s", med <= 0.1, f"cpu {s[name].cpu_median:.3f} s")

    def compare(name: str, files: list[Path], runs: int, yl_runs: int, limit: float) -> None:
        paths = [str(f) for f in files]
        size = sum(f.stat().st_size for f in files)
        print(f"\n== {name}: {len(files)} file(s), {size / 1e6:.2f} MB ==")
        commands = {
            "privlint check": ([*pl, *paths], runs),
            "check-jsonschema": ([*cj, *paths], runs),
        }
        if yl is not None and yl_runs:
            commands["yamllint"] = ([*yl, *paths], yl_runs)
        res = measure(commands, work)
        ref = res["check-jsonschema"]
        for tool_name, sample in res.items():
            print(fmt_row(tool_name, sample, ref))
        ratio = res["privlint check"].median / ref.median
        cpu = res["privlint check"].cpu_median / ref.cpu_median
        target(
            f"{name}: privlint / check-jsonschema",
            f"<= {limit}",
            f"{ratio:.2f}",
            ratio <= limit,
            f"cpu {cpu:.2f}",
        )
        if 2 in res["privlint check"].codes:
            target(f"{name}: privlint exit code", "0 or 1", "2 (error)", False)

    compare("one clean file", corpora["single"], 5 if quick else 15, 0 if quick else 7, 0.4)
    if not args.skip_many:
        for key, label in (
            ("many", "1,000 files, mostly clean"),
            ("failing", "1,000 failing files"),
        ):
            compare(label, corpora[key], 1 if quick else 3, 0 if quick else 1, 0.3)
        bad = files_with_findings(privlint, corpora["failing"], work)
        print(f"  failing corpus: {bad} of {len(corpora['failing'])} files have findings")
        target("failing corpus: files with findings", "all 1000", str(bad), bad == 1000)

    if not args.skip_large:
        large(corpora, pl, cj, work, quick, args.count)

    print("\n== targets ==")
    width = max(len(t.what) for t in TARGETS)
    print(f"  {'what':{width}}  {'target':>10}  {'measured':>10}  verdict  (wall time; cpu beside)")
    for t in TARGETS:
        verdict = "met" if t.ok else "NOT MET"
        print(f"  {t.what:{width}}  {t.target:>10}  {t.measured:>10}  {verdict:8} {t.note}")
    print(
        f"\nbenchmark took {time.perf_counter() - started:.0f} s; load average at the end "
        f"{os.getloadavg()[0]:.2f} (other work on the machine skews absolute times, less so ratios)"
    )
    return 0


def large(
    corpora: dict[str, list[Path]],
    pl: list[str],
    cj: list[str],
    work: Path,
    quick: bool,
    count: bool = False,
) -> None:
    print("\n== large declarations (growth and memory; --max-file-size 0) ==")
    sizes = corpus.LARGE_SIZES[:2] if quick else corpus.LARGE_SIZES
    runs = 1 if quick else 3
    for kind, label in (("large", "clean"), ("large-failing", "with findings")):
        commands = {
            f"privlint {k // 1000}k {label}": (
                [*pl, "--max-file-size", "0", str(corpora[f"{kind}-{k // 1000}k"][0])],
                runs,
            )
            for k in sizes
        }
        if not quick and kind == "large":
            commands["check-jsonschema 25k"] = ([*cj, str(corpora["large-25k"][0])], 1)
        res = measure(commands, work)
        ref = res.get("check-jsonschema 25k")
        for tool_name, sample in res.items():
            print(fmt_row(tool_name, sample, ref if tool_name.startswith("privlint 25k") else None))
        for small, big in itertools.pairwise(sizes):
            a = res[f"privlint {small // 1000}k {label}"]
            b = res[f"privlint {big // 1000}k {label}"]
            # Each round's pair, then the median: a slow spell of the machine lands on both
            # runs of a round, where it would land on one side of a ratio of medians.
            timed = statistics.median(y / x for x, y in zip(a.seconds, b.seconds, strict=True))
            cpu = statistics.median(y / x for x, y in zip(a.cpu, b.cpu, strict=True))
            spread = max(max(s.seconds) / min(s.seconds) for s in (a, b))
            target(
                f"{label} {small // 1000}k -> {big // 1000}k activities: time",
                "<= x2.1",
                f"x{timed:.2f}",
                timed <= 2.1,
                f"cpu x{cpu:.2f}; ratio of medians x{b.median / a.median:.2f}; runs of one "
                f"file differ by up to x{spread:.2f}{' (noise > margin)' if spread > 1.05 else ''}",
            )
        if count:
            counts = growth.count(kind, [f"{k // 1000}k" for k in sizes], work)
            for step, ratio, limit in growth.steps([f"{k // 1000}k" for k in sizes], counts):
                target(
                    f"{label} {step}: instructions",
                    f"<= x{limit:g}",
                    f"x{ratio:.3f}",
                    ratio <= limit,
                    "valgrind: the same on a loaded machine",
                )
        for k in sizes:
            sample = res[f"privlint {k // 1000}k {label}"]
            size = corpora[f"{kind}-{k // 1000}k"][0].stat().st_size
            factor = sample.peak_kb * 1024 / size
            print(f"  {k // 1000}k {label}: {size / 1e6:.1f} MB file, peak {factor:.1f}x the file")
            target(
                f"{label} {k // 1000}k: peak memory / file size",
                "<= 10",
                f"{factor:.1f}",
                factor <= 10,
            )
            if 2 in sample.codes:
                target(f"{label} {k // 1000}k: exit code", "0 or 1", "2 (error)", False)


if __name__ == "__main__":
    sys.exit(main())

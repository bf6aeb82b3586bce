"""Checking many files on every core, results in the order given.

Each file goes through `lint.check_target` once.  With several
files and cores, a forked process pool shares out the work; the workers inherit the rule set,
settings and compiled runner from the parent, so nothing is loaded or compiled twice, and
`Pool.map` keeps the results in target order, so the report is the same as a serial run's.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from privlint.config import Settings
    from privlint.discovery import Target
    from privlint.engine.registry import RuleSet
    from privlint.engine.run import Runner
    from privlint.findings import Finding

# Below this many files a pool costs more (fork, pickling) than it saves.
MIN_FILES_FOR_POOL = 8

_state: tuple[RuleSet, Settings, Runner] | None = None  # what forked workers inherit


def _work(target: Target) -> list[Finding]:
    from privlint.lint import check_target

    assert _state is not None
    return check_target(target, *_state).findings


def jobs_for(n_files: int) -> int:
    """Worker processes to use: one per core available to us, if forking is possible."""
    if n_files < MIN_FILES_FOR_POOL:
        return 1
    import multiprocessing  # ~15 ms: only when a pool may be used

    if "fork" not in multiprocessing.get_all_start_methods():
        return 1
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        cores = os.cpu_count() or 1
    return max(1, min(cores, n_files))


def lint_all(
    targets: list[Target], ruleset: RuleSet, settings: Settings, runner: Runner
) -> list[list[Finding]]:
    """Findings per target, in target order."""
    global _state
    from privlint.lint import check_target

    jobs = jobs_for(len(targets))
    if jobs == 1:
        return [check_target(t, ruleset, settings, runner).findings for t in targets]
    import multiprocessing

    _state = (ruleset, settings, runner)
    try:
        with multiprocessing.get_context("fork").Pool(jobs) as pool:
            # Small chunks: file sizes vary, and a worker left with the big ones would idle
            # the other.
            return pool.map(_work, targets, chunksize=max(1, len(targets) // (jobs * 16)))
    finally:
        _state = None

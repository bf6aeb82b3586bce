"""`privlint explain RULE`: what a rule checks, why, the articles, a failing and a passing
example and how to fix it, from the rule file itself."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from privlint import cache as disk
from privlint.config import Overrides, load_settings
from privlint.engine.docs import explain
from privlint.errors import UsageError
from privlint.resources import package_dir


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "explain",
        help="explain a rule",
        description="Explain one rule, given by code (PL101) or name (retention-missing).",
    )
    p.add_argument("rule", help="rule code or name")
    p.add_argument("--config", type=Path, metavar="FILE", help="configuration file (own rules)")


def run(args: argparse.Namespace) -> int:
    ruleset = load_settings(Overrides(config=args.config)).ruleset()
    rule = ruleset.get(args.rule)
    if rule is None:
        import difflib

        keys = [*ruleset.by_code, *ruleset.by_name]
        close = difflib.get_close_matches(args.rule, keys, n=3, cutoff=0.6)
        hint = f"; did you mean {', '.join(close)}?" if close else "; see `privlint rules`"
        raise UsageError(f"unknown rule {args.rule!r}{hint}")
    sys.stdout.write(explain(rule) + fix_section(rule.name))
    return 0


def fixable() -> dict[str, list[str]]:
    """privlint.fix.FIXABLE, from the cache while fix.py is unchanged (FIXABLE is made from
    that file alone): importing the fixers (their regexes, the loader) would cost explain
    more than everything else it does."""
    source = package_dir() / "fix.py"
    try:
        key = disk.key_of(source.name, source.read_bytes())
    except OSError:  # no source beside the package (a frozen install): ask the module
        key = ""
    entry = disk.entry_name("fixable", source.parent)
    cached = disk.load(entry, key) if key else None
    if isinstance(cached, dict):
        return cached
    from privlint.fix import FIXABLE

    if key:
        disk.store(entry, key, FIXABLE)
    return FIXABLE


def fix_section(name: str) -> str:
    """Whether `privlint check --fix` repairs findings of this rule (privlint.fix.FIXABLE)."""
    fixes = fixable().get(name)
    if not fixes:
        return "\n## Automatic fix\n\nNone: `privlint check --fix` leaves these to you.\n"
    items = "".join(f"- {text}\n" for text in fixes)
    return f"\n## Automatic fix\n\n`privlint check --fix` (`--diff` previews) fixes:\n\n{items}"

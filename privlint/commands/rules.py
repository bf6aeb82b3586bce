"""`privlint rules`: every rule known to this run (built-in packs and the config's own rule
files), with whether the configuration enables it."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from privlint.config import Overrides, load_settings
from privlint.engine.docs import rule_record


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "rules",
        help="list the rules",
        description="List every rule: code, name, pack, severity (after configured overrides), "
        "whether it is enabled, and its summary.",
    )
    p.add_argument("--format", "-f", choices=["text", "json"], default="text")
    p.add_argument("--config", type=Path, metavar="FILE", help="configuration file to apply")


def run(args: argparse.Namespace) -> int:
    settings = load_settings(Overrides(config=args.config))
    rules = sorted(settings.ruleset().rules, key=lambda r: r.code)
    if args.format == "json":
        records = [
            {
                **rule_record(r),
                "severity": settings.severity_for(r).value,
                "enabled": settings.enabled(r.code),
            }
            for r in rules
        ]
        sys.stdout.write(json.dumps(records, indent=2, ensure_ascii=False) + "\n")
        return 0
    rows = [("CODE", "NAME", "PACK", "SEVERITY", "ON", "SUMMARY")]
    rows += [
        (
            r.code,
            r.name,
            r.pack,
            settings.severity_for(r).value,
            "yes" if settings.enabled(r.code) else "no",
            r.summary,
        )
        for r in rules
    ]
    widths = [max(len(row[i]) for row in rows) for i in range(5)]
    for row in rows:
        cells = [cell.ljust(width) for cell, width in zip(row[:5], widths, strict=True)]
        sys.stdout.write("  ".join([*cells, row[5]]).rstrip() + "\n")
    return 0

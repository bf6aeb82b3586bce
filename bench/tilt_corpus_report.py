"""Import every TILT document of a corpus, check the results, report what the rules catch.

    python bench/tilt_corpus_report.py                       # ../shared/corpus/tilt, to stdout
    python bench/tilt_corpus_report.py DIR --output docs/tilt-corpus-report.md

Per document: the number of activities, what the importer could not map, and the findings by
rule; then the totals, and how many documents each rule fires on.  A schema finding (PL0xx)
in an imported declaration is an importer bug and makes the script exit 1.  The figures
depend only on the corpus and on privlint's rules, so the same command gives the same report.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections import Counter
from pathlib import Path

from privlint.config import Settings
from privlint.discovery import Target
from privlint.importers import ImportFailure
from privlint.importers.tilt import import_tilt
from privlint.lint import lint

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "tilt"


def _is_schema_code(code: str) -> bool:
    return code.startswith("PL0")


def build_report(corpus: Path) -> tuple[str, int]:
    docs = sorted(corpus.glob("*.json"))
    rows: list[str] = []
    totals: Counter[str] = Counter()
    spread: Counter[str] = Counter()
    activities_total = notes_total = schema_findings = failures = 0
    with tempfile.TemporaryDirectory() as tmp:
        imported: dict[str, tuple[int, int]] = {}
        targets: list[Target] = []
        for doc in docs:
            name = doc.name.removesuffix(".json").removesuffix(".tilt")
            try:
                result = import_tilt(doc.read_bytes(), doc.name)
            except ImportFailure as exc:
                failures += 1
                rows.append(f"| {name} | – | – | import failed: {exc.message} |")
                continue
            out = Path(tmp) / f"{name}.privacy.yaml"
            out.write_text(result.to_yaml(), encoding="utf-8")
            targets.append(Target(out, name))
            imported[name] = (len(result.data.get("activities", [])), len(result.notes))
        report = lint(targets, Settings())
    by_doc: dict[str, Counter[str]] = {t.display: Counter() for t in targets}
    for f in report.findings:
        label = f"{f.code} {f.name}"
        by_doc[f.path][label] += 1
        if _is_schema_code(f.code):
            schema_findings += 1
    for name, (n_activities, n_notes) in imported.items():
        counts = by_doc[name]
        totals.update(counts)
        spread.update(counts.keys())
        activities_total += n_activities
        notes_total += n_notes
        shown = ", ".join(f"{label} ×{n}" for label, n in sorted(counts.items())) or "none"
        rows.append(f"| {name} | {n_activities} | {n_notes} | {shown} |")
    rows.sort()
    lines = [
        "# TILT corpus: imported and checked",
        "",
        f"Corpus: {len(docs)} documents from `{_shown(corpus)}`; rules: "
        f"{len(report.ruleset.rules)} loaded.  Regenerate with "
        "`python bench/tilt_corpus_report.py`.",
        "",
        f"- documents imported: {len(imported)} (failed: {failures})",
        f"- activities: {activities_total}",
        f"- values the importer could not map (notes): {notes_total}",
        f"- findings: {sum(totals.values())}; schema findings (importer bugs): {schema_findings}",
        "",
        "## Findings by rule",
        "",
        "| rule | findings | documents |",
        "|---|---:|---:|",
        *(f"| {label} | {n} | {spread[label]} |" for label, n in totals.most_common()),
        "",
        "## Per document",
        "",
        "| document | activities | not mapped | findings by rule |",
        "|---|---:|---:|---|",
        *rows,
        "",
    ]
    return "\n".join(lines), schema_findings + failures


def _shown(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(ROOT.parent))
    except ValueError:
        return str(path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--output", "-o", type=Path, help="write the report here (markdown)")
    args = parser.parse_args(argv)
    if not args.corpus.is_dir():
        parser.error(f"{args.corpus} is not a directory")
    text, bugs = build_report(args.corpus)
    if args.output:
        args.output.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 1 if bugs else 0


if __name__ == "__main__":
    raise SystemExit(main())

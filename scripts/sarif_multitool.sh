#!/usr/bin/env bash
# Validate privlint's SARIF with Microsoft's SARIF multitool (the validator behind the SARIF
# web validator), in addition to the OASIS-schema check in the test suite.
#
#   scripts/sarif_multitool.sh [PATH...]     (default: examples tests/data/declarations)
#
# Installs @microsoft/sarif-multitool from the npm registry into a cache directory
# ($SARIF_MULTITOOL_DIR, default: $TMPDIR/privlint-sarif-multitool), writes SARIF for PATH,
# runs `validate` at every level and prints the results per rule.  Exit 1 when the validator
# reports an error or a warning; its notes are advice (e.g. "provide code snippets").
set -euo pipefail
cd "$(dirname "$0")/.."

dir="${SARIF_MULTITOOL_DIR:-${TMPDIR:-/tmp}/privlint-sarif-multitool}"
if [ ! -d "$dir/node_modules/@microsoft/sarif-multitool" ]; then
  mkdir -p "$dir"
  (cd "$dir" && npm install --silent --no-audit --no-fund @microsoft/sarif-multitool >/dev/null)
fi
# The npm package is a wrapper around a native binary in a per-platform package; call the
# binary directly (the wrapper passes arguments through a shell, which splits "a;b").
tool="$(find "$dir/node_modules/@microsoft" -maxdepth 2 -name 'Sarif.Multitool' -type f | head -n 1)"
if [ -z "$tool" ]; then
  echo "sarif_multitool.sh: no Sarif.Multitool binary for this platform in $dir" >&2
  exit 2
fi
chmod u+x "$tool"  # its postinstall does this, but npm may be set not to run install scripts

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
if [ "$#" -eq 0 ]; then set -- examples tests/data/declarations; fi
status=0
python3 -m privlint check --format sarif --output "$work/privlint.sarif" "$@" || status=$?
if [ "$status" -gt 1 ]; then exit "$status"; fi

"$tool" validate "$work/privlint.sarif" --output "$work/validation.sarif" \
  --level "Error;Warning;Note" >/dev/null || true
python3 - "$work/privlint.sarif" "$work/validation.sarif" <<'PY'
import collections, json, sys

ours = json.load(open(sys.argv[1], encoding="utf-8"))["runs"][0]
log = json.load(open(sys.argv[2], encoding="utf-8-sig"))
run = log["runs"][0]
driver = run["tool"]["driver"]
print(f"{driver.get('fullName', driver['name'])}: validated privlint SARIF with "
      f"{len(ours['results'])} results and {len(ours['tool']['driver']['rules'])} rules")
counts = collections.Counter((r.get("level", "warning"), r["ruleId"]) for r in run.get("results", []))
for (level, rule), n in sorted(counts.items()):
    print(f"  {level:8} {rule:10} x{n}")
for inv in run.get("invocations", []):
    for note in inv.get("toolExecutionNotifications", []):
        print("  tool notification:", note["message"]["text"])
bad = sum(n for (level, _), n in counts.items() if level in ("error", "warning"))
print(f"{bad} errors or warnings" if bad else "no errors or warnings")
sys.exit(1 if bad else 0)
PY

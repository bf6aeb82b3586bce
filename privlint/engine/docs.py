"""Rule documentation generated from the rule files: `privlint explain`, `privlint rules` and
docs/rules.md all come from here, so they cannot drift from the rules themselves.

Regenerate the page with:  python -m privlint.engine.docs > docs/rules.md
"""

from __future__ import annotations

import sys
from typing import Any

from privlint.engine.model import Rule
from privlint.engine.registry import RuleSet, build_ruleset, builtin_packs

PROVIDED_BY = {
    "loader": "raised by the YAML loader",
    "schema": "raised by the schema validator",
    "engine": "raised by the engine (suppression comments)",
}


DOCS_URL = "https://github.com/privlint/privlint/blob/main/docs/rules.md"


def rule_anchor(rule: Rule) -> str:
    """The rule's heading anchor in docs/rules.md."""
    return f"{rule.code}-{rule.name}".lower()


def rule_url(rule: Rule) -> str:
    """The rule's documentation page: where editors and code scanning link a finding to."""
    return f"{DOCS_URL}#{rule_anchor(rule)}"


def rule_record(rule: Rule) -> dict[str, Any]:
    """The machine-readable description of a rule (`privlint rules --format json`)."""
    return {
        "code": rule.code,
        "name": rule.name,
        "pack": rule.pack,
        "severity": rule.severity.value,
        "articles": list(rule.articles),
        "summary": rule.summary,
        "rationale": rule.rationale.strip(),
        "message": rule.message,
        "fix": rule.fix,
        "selectors": rule.selectors,
        "provided_by": rule.builtin_check or "rule",
        "options": dict(rule.options),
        "examples": (
            {"fail": rule.examples.failing, "pass": rule.examples.passing}
            if rule.examples
            else None
        ),
    }


def _block(text: str) -> list[str]:
    return ["```yaml", *text.rstrip("\n").splitlines(), "```"]


def explain(rule: Rule, *, heading: str = "#") -> str:
    """One rule as Markdown: what, why, articles, failing and passing example, fix."""
    out = [f"{heading} {rule.code} {rule.name}", ""]
    meta = f"Pack: `{rule.pack}` · severity: **{rule.severity.value}**"
    if rule.builtin_check:
        meta += f" · {PROVIDED_BY[rule.builtin_check]}"
    out += [meta, ""]
    if rule.articles:
        out += [f"Articles: {'; '.join(rule.articles)}", ""]
    out += [f"{heading}# What it does", "", rule.summary, ""]
    out += [f"{heading}# Why", "", rule.rationale.strip(), ""]
    if rule.options:
        opts = ", ".join(f"`{k}` (default {v})" for k, v in rule.options.items())
        out += [f"Options (set under `rule-options` in the config): {opts}.", ""]
    if rule.examples:
        out += [f"{heading}# Example", "", *_block(rule.examples.failing), ""]
        out += [f"{heading}# Use instead", "", *_block(rule.examples.passing), ""]
    out += [f"{heading}# Fix", "", rule.fix, ""]
    return "\n".join(out)


def rules_markdown(ruleset: RuleSet) -> str:
    out = [
        "# Rules",
        "",
        "<!-- Generated from rules/*.yaml by `python -m privlint.engine.docs > docs/rules.md`;",
        "     tests/engine/test_docs.py fails when this page is stale.  Do not edit by hand. -->",
        "",
        "| Code | Name | Pack | Severity | Summary |",
        "|------|------|------|----------|---------|",
    ]
    rules = sorted(ruleset.rules, key=lambda r: r.code)
    for rule in rules:
        out.append(
            f"| [{rule.code}](#{rule_anchor(rule)}) | {rule.name} | {rule.pack} | "
            f"{rule.severity.value} | {rule.summary} |"
        )
    out.append("")
    for rule in rules:
        out += [explain(rule, heading="##"), ""]
    return "\n".join(out).rstrip("\n") + "\n"


def main() -> int:
    sys.stdout.write(rules_markdown(build_ruleset(builtin_packs())))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

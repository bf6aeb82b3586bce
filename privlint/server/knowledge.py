"""What the editor shows about a key or a value: the schema's words and privlint's reference data.

Everything here is read from the places that already hold it — the declaration JSON Schema
(titles, descriptions, enums), the taxonomy and the reference data (privlint/data/*.yaml) and
the rule files (`privlint explain`) — so the editor can never say something `check` does not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from privlint.engine.docs import explain
from privlint.engine.registry import RuleSet
from privlint.functions.reference import ReferenceData, reference_data
from privlint.resources import declaration_schema

_RULE_RE = re.compile(r"PL[0-9]{3,4}\Z|[a-z][a-z0-9]*(-[a-z0-9]+)+\Z")


@dataclass(frozen=True, slots=True)
class Choice:
    """One completion: the text to insert and what it means."""

    label: str
    detail: str = ""
    documentation: str = ""


def _resolve(schema: dict[str, Any], root: dict[str, Any]) -> list[dict[str, Any]]:
    """The schema and what it refers to or combines, flattened (no recursion limit needed:
    the declaration schema has no cyclic references, and each $ref is followed once)."""
    out: list[dict[str, Any]] = []
    todo = [schema]
    seen: set[int] = set()
    while todo:
        node = todo.pop()
        if not isinstance(node, dict) or id(node) in seen:
            continue
        seen.add(id(node))
        out.append(node)
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/"):
            target: Any = root
            for part in ref[2:].split("/"):
                target = target.get(part, {}) if isinstance(target, dict) else {}
            todo.append(target)
        for key in ("anyOf", "oneOf", "allOf"):
            todo.extend(node.get(key, []))
    return out


def schemas_at(path: tuple[str, ...]) -> list[dict[str, Any]]:
    """Every subschema that may describe the value at `path` (list items looked through)."""
    root = declaration_schema()
    current = _resolve(root, root)
    for key in path:
        nxt: list[dict[str, Any]] = []
        for node in current:
            props = node.get("properties", {})
            if key in props:
                nxt.extend(_resolve(props[key], root))
            for pattern, sub in node.get("patternProperties", {}).items():
                if re.search(pattern, key):
                    nxt.extend(_resolve(sub, root))
        current = _items(nxt, root)
        if not current:
            return []
    return current


def _items(nodes: list[dict[str, Any]], root: dict[str, Any]) -> list[dict[str, Any]]:
    """Nodes, with each array replaced by (and joined with) its items' schema."""
    out = list(nodes)
    for node in nodes:
        if isinstance(node.get("items"), dict):
            out.extend(_resolve(node["items"], root))
    return out


def _first(nodes: list[dict[str, Any]], field: str) -> str:
    return next((str(n[field]) for n in nodes if isinstance(n.get(field), str)), "")


def describe_key(path: tuple[str, ...]) -> str | None:
    """Markdown for a key: the schema's title and description."""
    nodes = schemas_at(path)
    if not nodes:
        return None
    title, description = _first(nodes, "title"), _first(nodes, "description")
    if not title and not description:
        return None
    return f"**{title or path[-1]}** (`{path[-1]}`)\n\n{description}".rstrip()


def key_choices(path: tuple[str, ...]) -> list[Choice]:
    """The keys that may follow `path` (the mapping the cursor is in)."""
    out: dict[str, Choice] = {}
    root = declaration_schema()
    for node in schemas_at(path):
        for name, sub in node.get("properties", {}).items():
            if name not in out and name != "$schema":
                resolved = _resolve(sub, root)
                out[name] = Choice(name, _first(resolved, "title"), _first(resolved, "description"))
    return list(out.values())


def _enum_choices(nodes: list[dict[str, Any]]) -> dict[str, Choice]:
    """Enumerated values with their words: `enumDescriptions` (the list beside `enum` that
    yaml-language-server reads too), or a `const` with its description."""
    out: dict[str, Choice] = {}
    title = _first(nodes, "title")
    for node in nodes:
        values = node.get("enum", [])
        described = node.get("enumDescriptions", [])
        for i, value in enumerate(values):
            if isinstance(value, str) and value not in out:
                words = described[i] if i < len(described) else ""
                out[value] = Choice(value, title, str(words))
        if isinstance(node.get("const"), str):
            value = node["const"]
            out[value] = Choice(value, node.get("title", title), node.get("description", ""))
    return out


def value_choices(path: tuple[str, ...]) -> list[Choice]:
    """Values that may stand at `path`, each with what it means (schema first; a country's
    adequacy status and a category's tags from the reference data)."""
    out = _enum_choices(schemas_at(path))
    ref = reference_data()
    for value, choice in list(out.items()):
        meaning = value_meaning(path, value, ref)
        if meaning:
            words = f"{choice.documentation}\n\n{meaning}" if choice.documentation else meaning
            out[value] = Choice(value, choice.detail, words)
    return list(out.values())


def _is_country(nodes: list[dict[str, Any]]) -> bool:
    return any(n.get("title") == "Country" for n in nodes)


def value_meaning(path: tuple[str, ...], value: str, ref: ReferenceData | None = None) -> str:
    """What a value means, from the reference data: a category, a country, a legal basis."""
    ref = ref or reference_data()
    category = ref.categories.get(value)
    if category is not None and value not in ref.eea:
        tags = ", ".join(sorted(category.tags)) or "none"
        return f"**{value}**: {category.label} (taxonomy; tags: {tags})"
    for name, entries in ref.lists.items():
        if value in entries:
            return f"**{value}**: {entries[value]} ({name.replace('-', ' ')})"
    code = value.upper()
    nodes = schemas_at(path)
    if re.fullmatch(r"[A-Za-z]{2}", value) and (_is_country(nodes) or code in ref.eea):
        if code in ref.eea:
            return f"**{code}**: in the EEA; a transfer here is not a Chapter V transfer."
        adequacy = ref.adequacy.get(code)
        if adequacy is not None:
            text = f"**{code}** ({adequacy.name}): adequacy decision {adequacy.decision}"
            if adequacy.limits:
                text += f"; only for {adequacy.limits}"
            return text + " (GDPR Art. 45)."
        return (
            f"**{code}**: a third country without an adequacy decision; a transfer needs a "
            "safeguard (Art. 46) or a derogation (Art. 49)."
        )
    for node in nodes:
        if node.get("const") == value and node.get("description"):
            return f"**{value}**: {node['description']}"
    return ""


def describe_rule(word: str, ruleset: RuleSet) -> str | None:
    """The rule's `privlint explain` page, for a rule code or name (e.g. in a suppression)."""
    if not _RULE_RE.match(word):
        return None
    rule = ruleset.get(word)
    return None if rule is None else explain(rule)

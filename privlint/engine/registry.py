"""Loading rule packs: built-in ones from rules/*.yaml, users' own from their config.

Rule files are parsed with privlint's own loader (no object construction, positions kept)
and validated with pydantic; every error names the file, line and column.

The built-in packs are validated in full (pydantic, the metaschema, function options) by the
test suite and whenever they change, not at every start: the validated packs are cached as
plain JSON under the user's cache directory, keyed by a hash of the rule files and of the
code and data that give them meaning, so an edit to rules/*.yaml (in an editable install)
is picked up, and checked, on the next run.  A start with a valid cache reads one JSON file
and imports neither pydantic nor jsonschema.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from privlint import cache as disk
from privlint.engine.model import Rule, RulePack
from privlint.errors import ConfigError
from privlint.findings import Frozen, Pointer, Problem
from privlint.resources import data_dir, package_dir, rules_dir
from privlint.strict import ValidationError, build, replace

if TYPE_CHECKING:  # the loader is imported when a file is read: `explain` and `rules` read none
    from privlint.loader import PositionIndex


class RuleSet(Frozen):
    """All known rules, by code and by name, in a stable order."""

    __slots__ = ("rules", "packs", "by_code", "by_name")  # noqa: RUF023 - the fields first
    _names = ("rules", "packs")
    rules: list[Rule]
    packs: dict[str, RulePack]
    by_code: dict[str, Rule]
    by_name: dict[str, Rule]

    def __init__(
        self, rules: list[Rule] | None = None, packs: dict[str, RulePack] | None = None
    ) -> None:
        rules = [] if rules is None else rules
        init = object.__setattr__
        init(self, "rules", rules)
        init(self, "packs", {} if packs is None else packs)
        init(self, "by_code", {r.code: r for r in rules})
        init(self, "by_name", {r.name: r for r in rules})

    def get(self, key: str) -> Rule | None:
        return self.by_code.get(key.upper()) or self.by_name.get(key)


def read_text(path: Path, what: str) -> str:
    """The text of a rule or config file, read like a declaration: without blocking (a FIFO
    is refused, not waited on), size-capped, any problem a ConfigError naming the file."""
    from privlint.loader import decode, read_bytes

    raw = read_bytes(path)
    if isinstance(raw, Problem):
        raise ConfigError(f"{what}: {raw.message}", path, raw.span)
    text, problem = decode(raw)
    if text is None:
        assert problem is not None
        raise ConfigError(problem.message, path, problem.span)
    return text


def read_yaml(path: Path, what: str) -> tuple[Any, PositionIndex]:
    """Parse a trusted-but-reviewed YAML file (rules, config); any problem is a ConfigError."""
    from privlint.loader import Limits, parse_text

    text = read_text(path, what)
    data, positions, problems = parse_text(text, Limits())
    if problems:
        first = problems[0]
        raise ConfigError(f"{what}: {first.message}", path, first.span)
    return data, positions


def read_rule_file(path: Path) -> tuple[Any, PositionIndex]:
    """A rule file named in a config may be any file the runner can read (`rules:
    [/etc/shadow]`): until it has parsed as a mapping with a 'rules' key, no error quotes it."""
    from privlint.loader import Limits, parse_text

    text = read_text(path, "rule file")
    data, positions, problems = parse_text(text, Limits())
    if problems and problems[0].message.startswith("invalid YAML:"):  # the parser's words only
        raise ConfigError(f"rule file: {problems[0].message}", path, problems[0].span)
    if problems or not isinstance(data, dict) or "rules" not in data:
        where = problems[0].span if problems else None
        raise ConfigError(
            "not a privlint rule file (a YAML mapping with 'pack' and 'rules'); its content "
            "is not shown",
            path,
            where,
        )
    return data, positions


def validation_error(
    exc: ValidationError, path: Path, positions: PositionIndex, what: str
) -> ConfigError:
    """Turn pydantic's errors into one message that lists every problem with its line."""
    lines = []
    first_span = None
    for err in exc.errors():
        loc = tuple(err["loc"])
        # pydantic puts union member names in the location; keep only real keys and indices.
        pointer = tuple(
            p for p in loc if isinstance(p, int) or not str(p).startswith(("list[", "function-"))
        )
        on_key = err["type"] == "extra_forbidden"
        span = positions.locate(pointer, on_key=on_key)
        first_span = first_span or span
        field_name = ".".join(str(p) for p in pointer) or "(top level)"
        msg = "unknown key" if on_key else err["msg"]
        lines.append(f"{path}:{span.line}:{span.column}: {field_name}: {msg}")
    return ConfigError(f"invalid {what} ({len(lines)} problem(s)):", path, first_span, lines)


def load_pack(path: Path, *, builtin: bool = False) -> RulePack:
    data, positions = read_rule_file(path)
    try:
        pack = RulePack.model_validate(data)
    except ValidationError as exc:
        raise validation_error(exc, path, positions, "rule file") from None
    problems: list[tuple[Pointer, str, bool]] = []
    for i, rule in enumerate(pack.rules):
        if rule.builtin_check is not None and not builtin:
            problems.append(
                (
                    ("rules", i, "provided-by"),
                    "'provided-by' is reserved for privlint's own rules",
                    True,
                )
            )
        elif rule.builtin_check is None and (not rule.selectors or not rule.checks):
            problems.append(
                (
                    ("rules", i),
                    f"rule {rule.code} ({rule.name}) needs both 'given' and 'then'",
                    False,
                )
            )
        elif rule.builtin_check is None:
            # Built-in packs come here only when their cache is made (see builtin_packs).
            from privlint.engine.compile import compile_rule

            _, errors = compile_rule(rule)
            problems.extend((("rules", i, *where), msg, False) for where, msg in errors)
    if problems:
        raise _pack_error(problems, path, positions)
    rules = [replace(r, pack=pack.pack, source=str(path)) for r in pack.rules]
    return replace(pack, rules=rules)


def _pack_error(
    problems: list[tuple[Pointer, str, bool]], path: Path, positions: PositionIndex
) -> ConfigError:
    spans = [positions.locate(where, on_key=on_key) for where, _, on_key in problems]
    if len(problems) == 1:
        return ConfigError(problems[0][1], path, spans[0])
    lines = [
        f"{path}:{span.line}:{span.column}: {msg}"
        for span, (_, msg, _) in sorted(zip(spans, problems, strict=True), key=lambda x: x[0])
    ]
    return ConfigError(f"invalid rule file ({len(lines)} problems):", path, min(spans), lines)


@cache
def builtin_packs() -> tuple[RulePack, ...]:
    """The built-in packs: from the cache when it matches the files, else validated (and
    cached for the next run)."""
    files = sorted(rules_dir().glob("*.yaml"))
    key = builtin_cache_key(files)
    cached = _read_cache(key)
    if cached is not None:
        return cached
    packs = tuple(load_pack(p, builtin=True) for p in files)
    _write_cache(key, packs)
    return packs


def builtin_cache_key(files: list[Path]) -> str:
    """A hash of everything the validated packs depend on: the rule files (and where they
    are: sources name them), the code that validates them (records, engine, the functions'
    options) and the reference data the options are checked against."""
    pkg = package_dir()
    meaning = [
        pkg / "strict.py",
        *sorted((pkg / "engine").glob("*.py")),
        *sorted((pkg / "functions").glob("*.py")),
        *sorted(data_dir().glob("*.yaml")),
    ]
    parts: list[str | bytes] = [str(rules_dir())]
    for path in (*files, *meaning):
        parts += [path.name, path.read_bytes()]
    return disk.key_of(*parts)


def _read_cache(key: str) -> tuple[RulePack, ...] | None:
    stored = disk.load(disk.entry_name("builtin-rules", rules_dir()), key)
    try:
        return None if stored is None else tuple(build(RulePack, p) for p in stored)
    except (ValueError, TypeError, KeyError, AttributeError):
        return None  # written by other code: validate afresh


def _write_cache(key: str, packs: tuple[RulePack, ...]) -> None:
    disk.store(disk.entry_name("builtin-rules", rules_dir()), key, [p.model_dump() for p in packs])


def build_ruleset(packs: Iterable[RulePack]) -> RuleSet:
    rules: list[Rule] = []
    seen: dict[str, Rule] = {}
    by_pack: dict[str, RulePack] = {}
    for pack in packs:
        if pack.pack in by_pack:
            raise ConfigError(
                f"rule pack '{pack.pack}' is defined twice",
                pack.rules[0].source if pack.rules else None,
            )
        by_pack[pack.pack] = pack
        for rule in pack.rules:
            for key in (rule.code, rule.name):
                if key in seen:
                    other = seen[key]
                    raise ConfigError(
                        f"rule {key} is defined twice: in {other.source} and in {rule.source}",
                        rule.source,
                    )
                seen[key] = rule
            rules.append(rule)
    return RuleSet(rules, by_pack)

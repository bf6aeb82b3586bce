"""Configuration: `.privlint.yaml` or `[tool.privlint]` in pyproject.toml, validated strictly.

Discovery walks up from the working directory and stops at the first directory holding either
file (both there is an error naming them; a pyproject.toml without a `[tool.privlint]` table,
as tomllib reads it, does not count).  `--config` names one explicitly.  Keys are
kebab-case; an unknown key, rule code, pack or option is an error naming the file and line.
"""

from __future__ import annotations

import fnmatch
import math
import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from privlint.engine.model import Rule, RulePack
from privlint.engine.registry import RuleSet, build_ruleset, builtin_packs, read_text
from privlint.errors import ConfigError
from privlint.findings import Frozen, Pointer, Severity, Span
from privlint.strict import Field, Record, ValidationError

if TYPE_CHECKING:
    from datetime import date

    from privlint.loader import Limits

CONFIG_NAMES = (".privlint.yaml", ".privlint.yml")
ALWAYS_ON = "core"
MAX_FILE_SIZE_MB = 1_000_000  # a terabyte: any more is a typo, and .inf would overflow
INTERNAL_ERROR = "internal-error"  # the finding on a file privlint itself failed to check


class ConfigFile(Record):
    """The configuration file's shape (a strict record: pydantic only when there is a file)."""

    packs: dict[str, bool] = Field(default_factory=dict)
    select: list[str] | None = None
    ignore: list[str] = Field(default_factory=list)
    per_file_ignores: dict[str, list[str]] = Field(default_factory=dict, alias="per-file-ignores")
    severity: dict[str, Severity] = Field(default_factory=dict)
    fail_on: Severity | None = Field(default=None, alias="fail-on")
    rule_options: dict[str, dict[str, Any]] = Field(default_factory=dict, alias="rule-options")
    rules: list[str] = Field(default_factory=list, description="extra rule files")
    max_file_size: float | None = Field(  # strict: `true` is no number of megabytes
        default=None,
        alias="max-file-size",
        ge=0,
        le=MAX_FILE_SIZE_MB,
        allow_inf_nan=False,
        strict=True,
    )
    exclude: list[str] = Field(default_factory=list, description="globs left out of walks")
    extend_exclude: list[str] = Field(default_factory=list, alias="extend-exclude")


class Settings(Frozen):
    """Everything a run needs to know, resolved: rule codes only, no prefixes or names."""

    __slots__ = (  # noqa: RUF023 - the order of the fields
        "fail_on",
        "_limits",
        "severity_overrides",
        "disabled",
        "per_file_ignores",
        "rule_options",
        "extra_packs",
        "today",
        "config_path",
        "exclude",
        "suppress",
    )
    _names = tuple(name.lstrip("_") for name in __slots__)
    fail_on: Severity
    _limits: Limits | None
    severity_overrides: dict[str, Severity]
    disabled: frozenset[str]  # rule codes switched off
    per_file_ignores: tuple[tuple[str, frozenset[str]], ...]
    rule_options: dict[str, dict[str, Any]]
    extra_packs: tuple[RulePack, ...]
    today: date | None  # None: the real date; tests pin it
    config_path: Path | None
    exclude: tuple[str, ...]  # globs relative to the config file's directory
    suppress: bool  # False (--no-suppress): check as if no suppression comment existed

    def __init__(
        self,
        fail_on: Severity = Severity.WARNING,
        limits: Limits | None = None,  # None: the loader's defaults
        severity_overrides: dict[str, Severity] | None = None,
        disabled: frozenset[str] = frozenset(),
        per_file_ignores: tuple[tuple[str, frozenset[str]], ...] = (),
        rule_options: dict[str, dict[str, Any]] | None = None,
        extra_packs: tuple[RulePack, ...] = (),
        today: date | None = None,
        config_path: Path | None = None,
        exclude: tuple[str, ...] = (),
        suppress: bool = True,
    ) -> None:
        init = object.__setattr__
        init(self, "fail_on", fail_on)
        init(self, "_limits", limits)
        init(self, "severity_overrides", {} if severity_overrides is None else severity_overrides)
        init(self, "disabled", disabled)
        init(self, "per_file_ignores", per_file_ignores)
        init(self, "rule_options", {} if rule_options is None else rule_options)
        init(self, "extra_packs", extra_packs)
        init(self, "today", today)
        init(self, "config_path", config_path)
        init(self, "exclude", exclude)
        init(self, "suppress", suppress)

    @property
    def limits(self) -> Limits:
        """The loader's limits; the defaults are made on first use, so that the commands that
        read no declaration (`explain`, `rules`) do not import the loader."""
        if self._limits is None:
            from privlint.loader import Limits

            object.__setattr__(self, "_limits", Limits())
        assert self._limits is not None
        return self._limits

    def severity_for(self, rule: Rule) -> Severity:
        return self.severity_overrides.get(rule.code, rule.severity)

    def ruleset(self) -> RuleSet:
        return build_ruleset((*builtin_packs(), *self.extra_packs))

    def enabled(self, code: str) -> bool:
        return code not in self.disabled

    def ignored_in(self, display_path: str, code: str) -> bool:
        """per-file-ignores patterns match the path relative to the config's own folder (as
        ruff's do), so a config in a subfolder means the same from any working directory."""
        if not self.per_file_ignores:
            return False
        shown = self.config_relative(display_path)
        return any(
            code in codes and fnmatch.fnmatch(shown, pattern)
            for pattern, codes in self.per_file_ignores
        )

    def config_relative(self, display_path: str) -> str:
        """A displayed path (relative to the working directory, or absolute) relative to the
        config's folder, POSIX; unchanged without a config or for a path outside that folder."""
        if self.config_path is None or display_path == "-":
            return display_path
        base = self.config_path.parent.absolute()
        rel = os.path.relpath(Path(display_path).absolute(), base)
        if rel == ".." or rel.startswith(".." + os.sep):
            return display_path
        return Path(rel).as_posix()

    def run_date(self) -> date:
        from datetime import date

        return self.today or date.today()


# -- finding and reading the file ------------------------------------------------------------


def always_reported(ruleset: RuleSet) -> frozenset[str]:
    """Codes no selection, ignore list or suppression can hide: the file was not checked.

    A file that could not be read or parsed (the loader's rules), or on which privlint itself
    failed, fails the run whatever the configuration says, as ruff does with syntax errors.
    """
    return frozenset(
        r.code for r in ruleset.rules if r.builtin_check == "loader" or r.name == INTERNAL_ERROR
    )


def megabytes(text: str) -> float:
    """--max-file-size: a finite number of megabytes, 0 (no limit) to MAX_FILE_SIZE_MB."""
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not 0 <= value <= MAX_FILE_SIZE_MB:  # also false for nan
        raise ValueError(
            f"must be a number of megabytes from 0 (no limit) to {MAX_FILE_SIZE_MB}, not {text!r}"
        )
    return value


def find_config(start: Path) -> Path | None:
    """The configuration of the nearest directory upwards that has one; two there: an error."""
    for directory in (start, *start.parents):
        found = [directory / name for name in CONFIG_NAMES if (directory / name).is_file()]
        pyproject = directory / "pyproject.toml"
        if pyproject.is_file() and _has_tool_table(pyproject):
            found.append(pyproject)
        if len(found) > 1:
            # A silent precedence would leave one of them doing nothing, unnoticed.
            raise ConfigError(
                f"{found[1].name} in the same directory is a configuration too; keep one of "
                "them (or name one with --config)",
                found[0],
            )
        if found:
            return found[0]
    return None


def _toml_reason(exc: ValueError) -> str:
    """tomllib's message; Python's own int() limit surfaces as a bare ValueError."""
    import tomllib

    return (
        str(exc) if isinstance(exc, tomllib.TOMLDecodeError) else "an integer of over 4,300 digits"
    )


def _has_tool_table(path: Path) -> bool:
    """Whether the file's TOML has a tool.privlint table, however it is spelt."""
    import tomllib

    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    try:
        data = tomllib.loads(text)
    except ValueError as exc:  # TOMLDecodeError, or an integer of over 4,300 digits
        if "privlint" in text:  # it may be ours: say so rather than run without it
            raise ConfigError(f"invalid TOML: {_toml_reason(exc)}", path) from None
        return False
    tool = data.get("tool")
    return isinstance(tool, dict) and "privlint" in tool


# A [tool.privlint] or [tool.privlint.x] header, with any spaces and quotes TOML allows.
_TOOL_HEADER = re.compile(r"""^\s*\[\s*tool\s*\.\s*(?:privlint|"privlint"|'privlint')\s*[\].]""")


class _Locator:
    """Pointer inside the config -> span in its file."""

    def __init__(self, path: Path, positions: Any = None, text: str = "") -> None:
        self.path = path
        self.positions = positions
        self.lines = text.splitlines()

    def span(self, pointer: Pointer, *, on_key: bool = False) -> Span:
        if self.positions is not None:
            return self.positions.locate(pointer, on_key=on_key)  # type: ignore[no-any-return]
        return self._toml_span(pointer)

    def _toml_span(self, pointer: Pointer) -> Span:
        # tomllib keeps no positions: find the innermost key (or value) after [tool.privlint].
        start = next((i for i, line in enumerate(self.lines) if _TOOL_HEADER.match(line)), 0)
        for part in reversed([p for p in pointer if isinstance(p, str)]):
            pattern = re.compile(rf"""(^|[\s{{,"'])({re.escape(part)})(["']?\s*=|["'])""")
            for i in range(start, len(self.lines)):
                m = pattern.search(self.lines[i])
                if m:
                    return Span(i + 1, m.start(2) + 1)
        return Span(start + 1, 1)


def read_config(path: Path) -> tuple[dict[str, Any], _Locator]:
    if path.suffix == ".toml":
        import tomllib

        text = read_text(path, "config")
        try:
            data = tomllib.loads(text)
        except ValueError as exc:  # TOMLDecodeError, or an integer of over 4,300 digits
            raise ConfigError(f"invalid TOML: {_toml_reason(exc)}", path) from None
        table = data.get("tool", {}).get("privlint")
        if not isinstance(table, dict):
            raise ConfigError("no [tool.privlint] table", path)
        return table, _Locator(path, text=text)
    from privlint.engine.registry import read_yaml

    data, positions = read_yaml(path, "config")
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ConfigError("the config must be a mapping of keys", path, Span(1, 1))
    return data, _Locator(path, positions)


# -- resolving codes ---------------------------------------------------------------------------

_PREFIX = re.compile(r"^PL[0-9]{0,3}$")


def resolve_codes(key: str, ruleset: RuleSet) -> list[str] | None:
    """A code, a name, a code prefix ('PL1', 'PL10') or ALL -> rule codes; None if unknown."""
    if key.upper() == "ALL":
        return [r.code for r in ruleset.rules]
    rule = ruleset.get(key)
    if rule is not None:
        return [rule.code]
    if _PREFIX.match(key.upper()):
        found = [r.code for r in ruleset.rules if r.code.startswith(key.upper())]
        return found or None
    return None


class _Errors:
    def __init__(self, locator: _Locator | None) -> None:
        self.locator = locator
        self.items: list[tuple[Span | None, str]] = []

    def add(self, pointer: Pointer, message: str, *, on_key: bool = False) -> None:
        span = self.locator.span(pointer, on_key=on_key) if self.locator else None
        self.items.append((span, message))

    def raise_if_any(self, path: Path | None, what: str = "config") -> None:
        if not self.items:
            return
        if len(self.items) == 1:
            span, msg = self.items[0]
            raise ConfigError(msg, path, span)
        lines = [
            f"{path}:{s.line}:{s.column}: {m}" if s and path else m
            for s, m in sorted(self.items, key=lambda x: x[0] or Span(0, 0))
        ]
        first = min((s for s, _ in self.items if s), default=None)
        raise ConfigError(f"invalid {what} ({len(lines)} problems):", path, first, lines)


# -- building Settings -------------------------------------------------------------------------


class Overrides(Frozen):
    """What the command line says; it wins over the file."""

    __slots__ = (  # noqa: RUF023 - the order of the fields
        "config",
        "select",
        "ignore",
        "fail_on",
        "max_file_size",
        "today",
        "no_suppress",
    )
    config: Path | None
    select: list[str] | None
    ignore: list[str]
    fail_on: Severity | None
    max_file_size: float | None  # megabytes
    today: date | None
    no_suppress: bool

    def __init__(
        self,
        config: Path | None = None,
        select: list[str] | None = None,
        ignore: list[str] | None = None,
        fail_on: Severity | None = None,
        max_file_size: float | None = None,
        today: date | None = None,
        no_suppress: bool = False,
    ) -> None:
        init = object.__setattr__
        init(self, "config", config)
        init(self, "select", select)
        init(self, "ignore", [] if ignore is None else ignore)
        init(self, "fail_on", fail_on)
        init(self, "max_file_size", max_file_size)
        init(self, "today", today)
        init(self, "no_suppress", no_suppress)


def today_from_env(environ: Mapping[str, str]) -> date | None:
    """PRIVLINT_TODAY=YYYY-MM-DD pins "today" (reproducible CI runs and snapshot tests)."""
    text = environ.get("PRIVLINT_TODAY")
    if not text:
        return None
    from datetime import date

    try:
        return date.fromisoformat(text)
    except ValueError:
        from privlint.errors import UsageError

        raise UsageError(f"PRIVLINT_TODAY={text!r} is not a date (YYYY-MM-DD)") from None


def load_settings(overrides: Overrides | None = None, cwd: Path | None = None) -> Settings:
    """Find, read and validate the configuration, then apply the command line on top."""
    overrides = overrides or Overrides()
    if overrides.today is None:
        overrides = overrides.replace(today=today_from_env(os.environ))
    path = overrides.config or find_config(cwd or Path.cwd())
    if overrides.config is not None and not overrides.config.exists():
        raise ConfigError("config file not found", overrides.config)
    raw: dict[str, Any] = {}
    locator: _Locator | None = None
    if path is not None:
        raw, locator = read_config(path)
    try:
        config = ConfigFile.model_validate(raw) if raw else ConfigFile()
    except ValidationError as exc:
        errors = _Errors(locator)
        for err in exc.errors():
            pointer = tuple(p for p in err["loc"] if isinstance(p, int | str))
            unknown = err["type"] == "extra_forbidden"
            message = unknown_key_message(pointer) if unknown else err["msg"]
            errors.add(pointer, f"{'.'.join(map(str, pointer))}: {message}", on_key=unknown)
        errors.raise_if_any(path)
        raise AssertionError("unreachable") from None
    return settings_from(config, path, locator, overrides)


def unknown_key_message(pointer: Pointer) -> str:
    """'unknown key', with the closest top-level key when the misspelling is one of those."""
    if len(pointer) != 1:
        return "unknown key"
    import difflib

    keys = list(ConfigFile.aliases().values())
    close = difflib.get_close_matches(str(pointer[0]), keys, n=1, cutoff=0.6)
    return f"unknown key; did you mean '{close[0]}'?" if close else "unknown key"


def settings_from(
    config: ConfigFile, path: Path | None, locator: _Locator | None, overrides: Overrides
) -> Settings:
    from privlint.engine.registry import load_pack

    base = path.parent if path is not None else Path.cwd()
    extra = tuple(load_pack(base / p) for p in config.rules)
    ruleset = build_ruleset((*builtin_packs(), *extra))
    errors = _Errors(locator)
    always = always_reported(ruleset)

    def codes(key: str, pointer: Pointer, *, on_key: bool = False, lock: str = "") -> list[str]:
        found = resolve_codes(key, ruleset)
        if found is None:
            errors.add(pointer, f"unknown rule {key!r} (see `privlint rules`)", on_key=on_key)
            return []
        if lock and (refused := _locked(ruleset, always, found, lock)):
            errors.add(pointer, refused, on_key=on_key)
            return []
        return found

    disabled: set[str] = set()
    for pack, on in config.packs.items():
        if pack not in ruleset.packs:
            known = ", ".join(sorted(ruleset.packs))
            errors.add(("packs", pack), f"unknown pack {pack!r}; known: {known}", on_key=True)
        elif pack == ALWAYS_ON and not on:
            errors.add(("packs", pack), "the core pack cannot be switched off", on_key=True)
    for name, pack_def in ruleset.packs.items():
        if not config.packs.get(name, pack_def.default or name == ALWAYS_ON):
            disabled.update(r.code for r in pack_def.rules)
    selected = config.select
    if selected is not None:
        chosen = {c for i, k in enumerate(selected) for c in codes(k, ("select", i))}
        disabled.update(r.code for r in ruleset.rules if r.code not in chosen)
    for i, key in enumerate(config.ignore):
        disabled.update(codes(key, ("ignore", i), lock="ignored"))
    per_file = tuple(
        (
            pattern,
            frozenset(
                c
                for j, k in enumerate(keys)
                for c in codes(k, ("per-file-ignores", pattern, j), lock="ignored")
            )
            - always,
        )
        for pattern, keys in config.per_file_ignores.items()
    )
    severities = {
        code: sev
        for key, sev in config.severity.items()
        for code in codes(
            key, ("severity", key), on_key=True, lock="" if sev == Severity.ERROR else "re-graded"
        )
        if code not in always
    }
    rule_options: dict[str, dict[str, Any]] = {}
    for key, opts in config.rule_options.items():
        rule = ruleset.get(key)
        if rule is None:
            errors.add(("rule-options", key), f"unknown rule {key!r}", on_key=True)
            continue
        unknown = sorted(set(opts) - set(rule.options))
        if unknown:
            accepted = ", ".join(sorted(rule.options)) or "none"
            errors.add(
                ("rule-options", key, unknown[0]),
                f"rule {rule.code} ({rule.name}) has no option {unknown[0]!r}; options: {accepted}",
                on_key=True,
            )
            continue
        from privlint.engine.compile import compile_rule  # only when options need checking

        for where, msg in compile_rule(rule, opts)[1]:
            errors.add(("rule-options", key, *where[-1:]), f"{rule.code} ({rule.name}): {msg}")
        rule_options[rule.code] = dict(opts)
    errors.raise_if_any(path)

    if overrides.select is not None or overrides.ignore:
        cli = _Errors(None)
        if overrides.select is not None:
            chosen = set()
            for key in overrides.select:
                found = resolve_codes(key, ruleset)
                if found is None:
                    cli.add((), f"--select: unknown rule {key!r} (see `privlint rules`)")
                chosen.update(found or [])
            disabled = {c for c in disabled if c in chosen} | {
                r.code for r in ruleset.rules if r.code not in chosen
            }
            # --select of a rule in an enabled pack switches it on even if the file ignored it
            disabled -= {c for c in chosen if _pack_on(ruleset, c, config)}
        for key in overrides.ignore:
            found = resolve_codes(key, ruleset)
            if found is None:
                cli.add((), f"--ignore: unknown rule {key!r} (see `privlint rules`)")
            elif refused := _locked(ruleset, always, found, "ignored"):
                cli.add((), f"--ignore: {refused}")
            disabled.update(found or [])
        if cli.items:
            from privlint.errors import UsageError

            raise UsageError(cli.items[0][1])

    disabled -= always  # a file that was not read or parsed fails the run, whatever is selected
    size = overrides.max_file_size if overrides.max_file_size is not None else config.max_file_size
    limits = None  # the loader's defaults
    if size is not None:  # a tiny limit stays a limit (1 byte) instead of becoming 0, no limit
        from privlint.loader import Limits

        limits = Limits(max_file_size=max(1, int(size * 1024 * 1024)) if size else 0)
    return Settings(
        fail_on=overrides.fail_on or config.fail_on or Severity.WARNING,
        limits=limits,
        severity_overrides=severities,
        disabled=frozenset(disabled),
        per_file_ignores=per_file,
        rule_options=rule_options,
        extra_packs=extra,
        today=overrides.today,
        config_path=path,
        exclude=(*config.exclude, *config.extend_exclude),
        suppress=not overrides.no_suppress,
    )


def _locked(ruleset: RuleSet, always: frozenset[str], found: list[str], what: str) -> str:
    """Why naming exactly one always-reported rule to switch it off is refused ("" if not).

    A prefix or ALL that merely includes such rules is fine: they are left out of it.
    """
    if len(found) != 1 or found[0] not in always:
        return ""
    rule = ruleset.by_code[found[0]]
    return f"{rule.code} ({rule.name}) cannot be {what}: {_ALWAYS_WHY}"


_ALWAYS_WHY = "a file that cannot be read or parsed always fails the run"


def _pack_on(ruleset: RuleSet, code: str, config: ConfigFile) -> bool:
    rule = ruleset.by_code[code]
    pack = ruleset.packs[rule.pack]
    return config.packs.get(rule.pack, pack.default) or rule.pack == ALWAYS_ON

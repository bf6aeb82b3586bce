"""Start-up: a clean check, `explain`, `rules` and `--version` import neither pydantic nor
jsonschema; the built-in rule cache is exact and follows edits to the rule files."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import typing
from collections.abc import Iterator
from pathlib import Path

import pytest

from privlint import strict
from privlint.commands.explain import fix_section
from privlint.config import ConfigFile
from privlint.engine import registry
from privlint.engine.compile import compile_rule
from privlint.engine.model import RulePack
from privlint.errors import ConfigError
from privlint.functions.registry import function_names
from privlint.strict import Record, build, replace
from tests.conftest import REPO

HEAVY = ("pydantic", "jsonschema", "jsonpath")

# Runs privlint's main in a child and reports which heavy packages it imported.
PROBE = """
import json, sys
heavy_names = set(sys.argv.pop(1).split(","))
from privlint.app import main
try:
    code = main(sys.argv[1:])
except SystemExit as exc:  # argparse's --version
    code = exc.code
heavy = sorted(name for name in heavy_names if name in sys.modules)
print(json.dumps({"code": code, "heavy": heavy}))
"""

CLEAN = REPO / "tests" / "data" / "startup" / "clean.privacy.yaml"


def probe(
    args: list[str], cache: Path, cwd: Path, heavy: tuple[str, ...] = HEAVY
) -> dict[str, object]:
    env = {**os.environ, "PRIVLINT_CACHE_DIR": str(cache), "PRIVLINT_TODAY": "2026-11-23"}
    out = subprocess.run(
        [sys.executable, "-c", PROBE, ",".join(heavy), *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    result: dict[str, object] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


@pytest.fixture(scope="module")
def warm_cache(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A cache directory filled by one first run, and a directory without any config."""
    cache = tmp_path_factory.mktemp("cache")
    cwd = tmp_path_factory.mktemp("work")
    first = probe(["rules"], cache, cwd)
    assert first["code"] == 0
    assert "pydantic" in first["heavy"]  # type: ignore[operator]  # the cache was made
    assert list(cache.glob("builtin-rules-*.json"))
    return cache, cwd


@pytest.mark.parametrize(
    "args",
    [["check", str(CLEAN)], ["explain", "retention-missing"], ["rules"], ["--version"]],
    ids=["check", "explain", "rules", "version"],
)
def test_light_commands_import_no_heavy_package(
    warm_cache: tuple[Path, Path], args: list[str]
) -> None:
    result = probe(args, *warm_cache)
    assert result == {"code": 0, "heavy": []}


# What each command needs not, beyond HEAVY: modules whose import (or whose dataclasses'
# generated code) is a measurable part of start-up.  `explain` and `rules` read no declaration.
NOT_IMPORTED = {
    "check": (
        "subprocess",
        "traceback",
        "privlint.fix",
        "privlint.commands.explain",
        "multiprocessing",
        "hashlib",  # initialises OpenSSL: only for SARIF and GitLab fingerprints
    ),
    "explain": (
        "dataclasses",
        "hashlib",
        "inspect",
        "difflib",
        "subprocess",
        "privlint.loader",
        "privlint.fix",
        "privlint.lint",
        "ruamel",
    ),
    "rules": ("dataclasses", "hashlib", "inspect", "privlint.loader", "privlint.lint", "ruamel"),
    "version": ("privlint.config", "privlint.commands.check", "pathlib"),
}


@pytest.mark.parametrize(
    "args",
    [["check", str(CLEAN)], ["explain", "retention-missing"], ["rules"], ["--version"]],
    ids=["check", "explain", "rules", "version"],
)
def test_light_commands_import_only_what_they_use(
    warm_cache: tuple[Path, Path], request: pytest.FixtureRequest, args: list[str]
) -> None:
    probe(args, *warm_cache)  # explain's fix list is cached by the first run
    command = request.node.callspec.id
    result = probe(args, *warm_cache, heavy=NOT_IMPORTED[command])
    assert result == {"code": 0, "heavy": []}


def test_explain_lists_the_fixes_fix_py_has(warm_cache: tuple[Path, Path]) -> None:
    """The cached list of automatic fixes is the module's own."""
    from privlint.commands.explain import fixable
    from privlint.fix import FIXABLE

    assert fixable() == FIXABLE
    cache, cwd = warm_cache
    out = subprocess.run(
        [sys.executable, "-m", "privlint", "explain", "legal-basis-invalid"],
        cwd=cwd,
        env={**os.environ, "PRIVLINT_CACHE_DIR": str(cache)},
        capture_output=True,
        text=True,
        check=True,
    )
    assert out.stdout.endswith(fix_section("legal-basis-invalid"))
    assert FIXABLE["legal-basis-invalid"][0] in out.stdout


def test_a_file_with_findings_needs_jsonschema_only(
    warm_cache: tuple[Path, Path], tmp_path: Path
) -> None:
    broken = tmp_path / "broken.privacy.yaml"
    broken.write_text(CLEAN.read_text(encoding="utf-8") + "extra_key: 1\n", encoding="utf-8")
    result = probe(["check", str(broken)], *warm_cache)
    assert result == {"code": 1, "heavy": ["jsonschema"]}


def test_a_config_file_brings_pydantic(warm_cache: tuple[Path, Path], tmp_path: Path) -> None:
    (tmp_path / ".privlint.yaml").write_text("fail-on: error\n", encoding="utf-8")
    result = probe(["check", str(CLEAN)], warm_cache[0], tmp_path)
    assert result["code"] == 0
    assert "pydantic" in result["heavy"]  # type: ignore[operator]


def test_cached_packs_equal_validated_packs() -> None:
    packs = tuple(
        registry.load_pack(p, builtin=True) for p in sorted(registry.rules_dir().glob("*.yaml"))
    )
    assert tuple(build(RulePack, json.loads(json.dumps(p.model_dump()))) for p in packs) == packs
    for rule in (r for p in packs for r in p.rules if r.builtin_check is None):
        trusted, _ = compile_rule(rule, trusted=True)
        checked, errors = compile_rule(rule)
        assert errors == []
        assert [s.options for s in trusted.checks] == [s.options for s in checked.checks], rule.code
        assert (trusted.when and trusted.when.options) == (checked.when and checked.when.options)


@pytest.fixture
def own_rules(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The built-in rule files copied to a directory that stands in for rules/."""
    rules = tmp_path / "rules"
    shutil.copytree(registry.rules_dir(), rules)
    monkeypatch.setattr(registry, "rules_dir", lambda: rules)
    monkeypatch.setenv("PRIVLINT_CACHE_DIR", str(tmp_path / "cache"))
    registry.builtin_packs.cache_clear()
    yield rules
    registry.builtin_packs.cache_clear()


def _message(code: str) -> str:
    return next(r.message for p in registry.builtin_packs() for r in p.rules if r.code == code)


def test_an_edited_rule_file_is_read_again_and_checked(own_rules: Path) -> None:
    before = _message("PL101")
    assert len(list((own_rules.parent / "cache").glob("builtin-rules-*.json"))) == 1
    gdpr = own_rules / "gdpr.yaml"
    text = gdpr.read_text(encoding="utf-8")
    gdpr.write_text(text.replace(f'message: "{before}"', 'message: "edited"', 1), encoding="utf-8")
    registry.builtin_packs.cache_clear()
    assert _message("PL101") == "edited"
    # one cache file: the stale one is gone
    assert len(list((own_rules.parent / "cache").glob("builtin-rules-*.json"))) == 1
    gdpr.write_text(text.replace("    severity:", "    severty:", 1), encoding="utf-8")
    registry.builtin_packs.cache_clear()
    with pytest.raises(ConfigError, match=r"unknown key") as err:
        registry.builtin_packs()
    assert err.value.path == gdpr


def test_an_unwritable_cache_only_costs_time(
    own_rules: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = own_rules.parent / "not-a-dir"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("PRIVLINT_CACHE_DIR", str(blocker / "cache"))
    registry.builtin_packs.cache_clear()
    packs = registry.builtin_packs()
    assert [replace(p, rules=[]) for p in packs] == [
        replace(registry.load_pack(f, builtin=True), rules=[])
        for f in sorted(own_rules.glob("*.yaml"))
    ]


def _records(cls: type[Record]) -> Iterator[type[Record]]:
    for sub in cls.__subclasses__():
        yield sub
        yield from _records(sub)


def test_build_reads_annotations_as_the_type_hints_do() -> None:
    """`build` skips typing.get_type_hints for fields whose annotation names no record or enum:
    for every record class privlint has, those are exactly the fields the hints convert not."""
    function_names()  # every function module, with its options records
    classes = [*_records(Record), ConfigFile]
    assert {"Rule", "RulePack", "Check", "ConfigFile"} <= {c.__name__ for c in classes}
    for cls in classes:
        hints = typing.get_type_hints(cls)
        _, converters = strict._fields(cls)
        for name in cls.__record_fields__:
            expected = strict._converter(hints[name])
            assert (converters[name] is None) == (expected is None), (cls.__name__, name)
            # the one annotation `build` evaluates is the one the class's hints give
            assert strict._hint(cls, name) == hints[name], (cls.__name__, name)

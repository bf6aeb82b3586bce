"""Regular expressions cannot hang the gate.

User regexes (a rule file's schema patterns and selector match()/search()) run on RE2: the
issue's catastrophic patterns either run in linear time or are refused when the rule file
loads, with its file and line.  privlint's own patterns stay on the standard library and are
proven safe here: structurally (no nested unbounded quantifier) and by running each on
adversarial text far longer than any value it sees.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
import signal
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import privlint
from privlint import app
from privlint.engine.regex import MAX_PATTERN, check_pattern, nests_quantifiers, schema_patterns
from privlint.resources import declaration_schema
from tests.conftest import EXAMPLES

RULES = """\
pack: acme
rules:
  - code: PL900
    name: acme-regex
    severity: error
    summary: ids follow the house style.
    rationale: For the test.
    articles: [GDPR Art. 5(2)]
    message: "{{message}}"
    fix: Rename it.
    given: {given}
    then: {then}
"""
LONG = "a" * 50_000 + "!"


def _run(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    given: str,
    then: str,
    value: str = LONG,
) -> tuple[int, str, str, float]:
    (tmp_path / "rules.yaml").write_text(RULES.format(given=given, then=then))
    (tmp_path / ".privlint.yaml").write_text("rules: [rules.yaml]\n")
    text = (EXAMPLES / "complete.privacy.yaml").read_text(encoding="utf-8")
    text = text.replace("privlint: 1\n", f"privlint: 1\nx-probe: {{a: '{value}', b: '{value}'}}\n")
    (tmp_path / "privacy.yaml").write_text(text)
    monkeypatch.chdir(tmp_path)
    start = time.perf_counter()
    code = app.main(["check", "--no-color", "privacy.yaml"])
    elapsed = time.perf_counter() - start
    out, err = capsys.readouterr()
    return code, out, err, elapsed


Probe = Callable[..., tuple[int, str, str, float]]


@pytest.fixture
def probe(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> Probe:
    """Run a rule (given, then) on the complete example with x-probe values; time the check."""

    def run(given: str, then: str, value: str = LONG) -> tuple[int, str, str, float]:
        return _run(tmp_path, monkeypatch, capsys, given, then, value)

    return run


def _place(pattern: str, where: str) -> tuple[str, str]:
    """(given, then) of a rule that runs the pattern on x-probe.a."""
    if where == "schema":  # YAML double quotes: a backslash is written twice
        quoted = pattern.replace("\\", "\\\\")
        return "'$'", f'{{field: x-probe.a, schema: {{pattern: "{quoted}"}}}}'
    quoted = pattern.replace("\\", "\\\\\\\\")  # and again inside the JSONPath string
    return f"\"$[?match(@.a, '{quoted}')]\"", "{field: b, schema: {maxLength: 1}}"


LINEAR = [r"^(a|aa)+$", r"^(a+)+$", r"(\w*)*b", ".*" * 8 + "b", r"^(a|a)*$"]


@pytest.mark.parametrize("pattern", LINEAR)
@pytest.mark.parametrize("where", ["schema", "selector"])
def test_catastrophic_user_regex_runs_in_linear_time(
    pattern: str, where: str, probe: Probe
) -> None:
    code, out, err, elapsed = probe(*_place(pattern, where))
    assert err == ""
    assert code in (0, 1), out
    assert elapsed < 5, f"{pattern} took {elapsed:.1f} s"  # Python's re: hours


def test_pattern_taken_from_the_document_is_bounded_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """match(@.a, @.b) would let the declaration supply the pattern at run time: the rule file
    is refused when it loads (a selector's pattern is a string literal), never run."""
    code, _, err, elapsed = _run(
        tmp_path,
        monkeypatch,
        capsys,
        '"$[?match(@.a, @.b)]"',
        "{field: a, schema: {maxLength: 1}}",
        value="(a|aa)+" * 10,
    )
    assert code == 2 and "string literal" in err and elapsed < 5


@pytest.mark.parametrize(
    ("pattern", "reason"),
    [
        (r"^(a{1,100}){1,100}$", "invalid repetition size"),
        (r"(a)\1", "invalid escape sequence"),
        ("(?<=a)b", "invalid perl operator"),
        ("a" * 1_800_000, "1,800,000 characters long"),
    ],
    ids=["nested counts", "back-reference", "look-behind", "1.8 MB"],
)
@pytest.mark.parametrize("where", ["schema", "selector"])
def test_what_re2_cannot_run_is_refused_at_load(
    pattern: str, reason: str, where: str, probe: Probe, tmp_path: Path
) -> None:
    line_col = "rules.yaml:12:38" if where == "schema" else "rules.yaml:11:12"
    code, out, err, elapsed = probe(*_place(pattern, where))
    assert (code, out) == (2, "")
    assert err.startswith(f"privlint: error: {tmp_path / line_col}: "), err[:300]
    assert reason in err and len(err) < 1_000  # the pattern is quoted truncated
    assert elapsed < 5


# -- privlint's own patterns -------------------------------------------------------------------


def _builtin_patterns() -> dict[str, re.Pattern[str]]:
    """Every compiled pattern at module level in privlint, and the declaration schema's."""
    found: dict[str, re.Pattern[str]] = {}
    for info in pkgutil.walk_packages(privlint.__path__, "privlint."):
        if info.name.startswith("privlint.server"):  # optional extra, not installed everywhere
            continue
        module = importlib.import_module(info.name)
        for name, value in vars(module).items():
            if isinstance(value, re.Pattern) and isinstance(value.pattern, str):
                found[f"{info.name}.{name}"] = value
            elif isinstance(value, tuple | list):
                for i, item in enumerate(value):
                    rx = item[0] if isinstance(item, tuple) and item else item
                    if isinstance(rx, re.Pattern) and isinstance(rx.pattern, str):
                        found[f"{info.name}.{name}[{i}]"] = rx
    for i, p in enumerate(schema_patterns(declaration_schema())):
        found[f"schema pattern {i}"] = re.compile(p)
    unique: dict[str, re.Pattern[str]] = {}
    for name, rx in sorted(found.items()):  # the same pattern under several names: test once
        if all(rx.pattern != other.pattern for other in unique.values()):
            unique[name] = rx
    return unique


BUILTIN = _builtin_patterns()


def test_the_collection_finds_the_patterns() -> None:
    assert len(BUILTIN) > 40
    assert any(p.pattern.startswith("^[^@\\s]+@") for p in BUILTIN.values())  # the e-mail


@pytest.mark.parametrize("name", sorted(BUILTIN))
def test_builtin_pattern_has_no_nested_quantifier(name: str) -> None:
    assert not nests_quantifiers(BUILTIN[name].pattern), BUILTIN[name].pattern


def _adversarial(pattern: str, size: int) -> list[str]:
    """Long runs of the characters the pattern names, alone and in pairs, after a short prefix
    ('a@' before 'b.b.b...'), with endings that make the match fail late: the inputs that make
    a backtracking engine go quadratic or worse."""
    literal = sorted({c for c in re.sub(r"\\.", "", pattern) if c.isalnum() or c in "@.-_ :/"})
    chars = sorted({*literal[:3], "a", " ", ".", "@"})
    runs = [c * size for c in chars]
    runs += [(c + d) * (size // 2) for c in chars for d in chars if c < d]
    prefixes = ["", *(f"a{c}" for c in literal[:2])]
    return [p + r + end for r in runs for p in prefixes for end in ("", " !", "@\x00")]


# used with .match() (anchored at the start) only: a search from every position is not their case
MATCH_ONLY = {f"privlint.loader._{n}_RE" for n in ("INT", "OCT", "HEX", "FLOAT", "INF", "NAN")}


class _TooSlow(Exception):
    pass


def _too_slow(signum: int, frame: Any) -> None:
    raise _TooSlow


@pytest.mark.skipif(not hasattr(signal, "setitimer"), reason="needs a POSIX interval timer")
@pytest.mark.parametrize("name", sorted(BUILTIN))
def test_builtin_pattern_is_linear_on_adversarial_text(name: str) -> None:
    """20,000 characters: a linear scan takes milliseconds, a quadratic one seconds (the old
    e-mail pattern: 9 s), an exponential one forever (the timer ends it)."""
    rx = BUILTIN[name]
    run = rx.match if name in MATCH_ONLY else rx.search
    previous = signal.signal(signal.SIGALRM, _too_slow)
    text = ""
    try:
        for text in _adversarial(rx.pattern, 20_000):
            signal.setitimer(signal.ITIMER_REAL, 1.0)
            run(text)
            signal.setitimer(signal.ITIMER_REAL, 0)
    except _TooSlow:
        pytest.fail(f"{rx.pattern!r} takes over 1 s on {text[:12]!r}... ({len(text):,} chars)")
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def test_long_email_is_checked_quickly(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The issue's case: a 30 KB controller.email took over 20 s with the old pattern."""
    text = (EXAMPLES / "complete.privacy.yaml").read_text(encoding="utf-8")
    m = re.search(r"^  email: .*$", text, re.M)
    assert m is not None
    bad = "  email: a@" + "b." * 15_000 + " x"
    (tmp_path / "privacy.yaml").write_text(text[: m.start()] + bad + text[m.end() :])
    start = time.perf_counter()
    code = app.main(["check", "--no-color", str(tmp_path / "privacy.yaml")])
    assert time.perf_counter() - start < 3
    assert code == 1 and "email" in capsys.readouterr().out


def test_max_pattern_is_a_real_bound() -> None:
    assert check_pattern("a" * MAX_PATTERN) is None
    assert "characters long" in (check_pattern("a" * (MAX_PATTERN + 1)) or "")

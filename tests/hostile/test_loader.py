"""The loader and discovery on hostile input, in-process: exact problems and positions."""

from __future__ import annotations

import codecs
import math
import os
from pathlib import Path
from typing import Any

import pytest

from privlint.discovery import discover
from privlint.findings import Problem, Span
from privlint.lint import lint
from privlint.loader import Limits, decode, load_file, parse_text, read_bytes, resolve_plain
from tests.hostile.cases import EXAMPLE, alias_bomb, example_with

# A bogus key on line 7 and a bad value on line 9 of a small declaration.
SMALL = "privlint: 1\nstatement:\n  title: Ok\n  language: nl\ncontroller:\n  name: X\n  bogus: 1\nx-note: >\n  free\n"


DEFAULTS = Limits()


def _problems(text: str, limits: Limits = DEFAULTS) -> list[Problem]:
    return parse_text(text, limits)[2]


def _only(text: str, limits: Limits = DEFAULTS) -> tuple[str, str, Span | None]:
    (problem,) = _problems(text, limits)
    return problem.rule, problem.message, problem.span


@pytest.mark.parametrize(
    "encode",
    [
        pytest.param(lambda t: t.encode(), id="utf-8"),
        pytest.param(lambda t: codecs.BOM_UTF8 + t.encode(), id="utf-8 BOM"),
        pytest.param(lambda t: codecs.BOM_UTF16_LE + t.encode("utf-16-le"), id="utf-16-le BOM"),
        pytest.param(lambda t: codecs.BOM_UTF16_BE + t.encode("utf-16-be"), id="utf-16-be BOM"),
        pytest.param(lambda t: codecs.BOM_UTF32_LE + t.encode("utf-32-le"), id="utf-32-le BOM"),
        pytest.param(lambda t: t.replace("\n", "\r\n").encode(), id="CRLF"),
        pytest.param(lambda t: codecs.BOM_UTF8 + t.replace("\n", "\r\n").encode(), id="BOM+CRLF"),
        pytest.param(lambda t: t.replace("\n", "\r").encode(), id="CR"),
    ],
)
def test_positions_survive_boms_and_line_ends(encode: Any, tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_bytes(encode(SMALL))
    result = load_file(path, "p.yaml")
    assert result.problems == []
    assert result.document is not None
    asked = [("controller", "bogus"), ("controller", "name"), ("statement", "language")]
    positions = result.document.positions_for(asked)
    assert positions.keys[("controller", "bogus")] == Span(7, 3, 7, 8)
    assert positions.values[("controller", "name")] == Span(6, 9, 6, 10)
    assert positions.values[("statement", "language")] == Span(4, 13, 4, 15)


def test_finding_positions_with_crlf_and_bom_through_lint(tmp_path: Path) -> None:
    text = example_with("  language: nl\n", "  language: nl\n  langauge: en\n")
    (tmp_path / "crlf.privacy.yaml").write_bytes(
        codecs.BOM_UTF8 + text.replace("\n", "\r\n").encode()
    )
    report = lint(discover([tmp_path], cwd=tmp_path))
    assert [(f.path, f.span.line, f.span.column, f.name) for f in report.findings] == [
        ("crlf.privacy.yaml", 9, 3, "unknown-key")
    ]


def test_forbidden_character_is_located_by_line_and_column() -> None:
    assert _only('a: 1\r\nb: "x\x07"\r\n') == (
        "invalid-yaml",
        "invalid YAML: the character U+0007 is not allowed in YAML (a control or non-character "
        "code point); remove it or write it as an escape in a double-quoted string",
        Span(2, 6),
    )


def test_tab_indentation_says_so() -> None:
    rule, message, span = _only("a:\n  b: 1\n\t c: 2\n")
    assert (rule, span) == ("invalid-yaml", Span(3, 1))
    assert message == (
        "invalid YAML: a tab character where YAML allows none (YAML indents with spaces only)"
    )


def test_alias_bomb_is_rejected_before_it_is_expanded() -> None:
    data, _, problems = parse_text(alias_bomb())
    assert data is None
    assert [(p.rule, p.span) for p in problems] == [("unsupported-yaml", Span(5, 30, 5, 33))]
    assert problems[0].message == (
        "aliases expand the document to more than 50,000 nodes beyond what is written; "
        "refusing to expand them (an alias bomb?)"
    )


def test_without_a_size_limit_aliases_may_at_most_double_the_document() -> None:
    unlimited = Limits(max_file_size=0)
    big = "a: &a [" + ",".join(["1"] * 60_000) + "]\n"
    assert _problems(big, unlimited) == []
    assert _problems(big + "b: *a\n", unlimited) == []
    rule, message, span = _only(big + "b: *a\nc: *a\n", unlimited)
    assert rule == "unsupported-yaml"
    assert message.startswith("aliases expand the document to more than 60,005 nodes")
    assert span == Span(3, 4, 3, 6)


def test_aliases_are_shared_not_copied() -> None:
    data, _, problems = parse_text("a: &x [1, 2]\nb: *x\nc: {<<: {k: 1}, j: 2}\n")
    assert problems == []
    assert data["a"] is data["b"]
    assert data["c"] == {"k": 1, "j": 2}


def test_merge_keeps_explicit_keys_and_points_merged_ones_at_the_merge_key() -> None:
    data, positions, problems = parse_text("base: &b {a: 1, b: 2}\nm:\n  a: 9\n  <<: *b\n")
    assert problems == []
    assert data["m"] == {"a": 9, "b": 2}
    assert positions.keys[("m", "b")] == Span(4, 3, 4, 5)
    assert positions.keys[("m", "a")] == Span(3, 3, 3, 4)


def test_chained_aliases_cannot_nest_past_the_depth_limit() -> None:
    text = "x0: &x0 " + "[" * 60 + "]" * 60 + "\n"
    text += "x1: &x1 " + "[" * 10 + "*x0" + "]" * 10 + "\n"
    rule, message, span = _only(text)
    assert (rule, message) == (
        "unsupported-yaml",
        "alias *x0 nests the document deeper than 64 levels",
    )
    assert span == Span(2, 19, 2, 22)


def test_depth_limit_is_exact() -> None:
    assert _problems("a: " + "[" * 63 + "]" * 63 + "\n") == []
    assert _only("a: " + "[" * 64 + "]" * 64 + "\n")[1] == "nesting is deeper than 64 levels"


def test_node_limit_counts_aliases_at_full_size() -> None:
    limits = Limits(max_nodes=100)
    assert _problems("a: &a [" + ",".join(["1"] * 40) + "]\n", limits) == []
    rule, message, _ = _only("a: &a [" + ",".join(["1"] * 40) + "]\nb: [*a, *a]\n", limits)
    assert rule == "unsupported-yaml"
    assert message.startswith("document expands to more than 100 nodes")


@pytest.mark.parametrize(
    ("key", "code"),
    [
        ("a\\nb", "U+000A"),
        ("\\e[31mred", "U+001B"),
        ("abc\\u202Eevil", "U+202E"),
        ("x\\u2028", "U+2028"),
    ],
)
def test_keys_with_invisible_characters_are_refused(key: str, code: str) -> None:
    rule, message, span = _only(f'privlint: 1\n"{key}": 1\n')
    assert rule == "unsupported-yaml"
    # a quoted key with an escaped control character is caught as text, before it is a key
    assert f"control character {code};" in message
    assert span is not None and span.line == 2


def test_invisible_key_message_escapes_the_key() -> None:
    message = _only('"line1\\n::error::forged": 1\n')[1]
    assert "\n" not in message
    assert "'line1\\n::error::forged'" in message


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("a: !!python/object:os.system {}\n", "tag '!!python/object:os.system' is not supported"),
        ("a: !!python/name:os.system ''\n", "tag '!!python/name:os.system' is not supported"),
        ("a: !!binary aGVsbG8=\n", "tag '!!binary' is not supported"),
        ("a: !!timestamp 2020-05-14\n", "tag '!!timestamp' is not supported"),
        ("a: !!set {x}\n", "tag '!!set' is not supported"),
        ("a: !local [1]\n", "tag '!local' is not supported"),
        (
            "%TAG !e! tag:example.com,2000:\n---\na: !e!thing 1\n",
            "tag 'tag:example.com,2000:thing'",
        ),
    ],
)
def test_no_tag_constructs_anything(text: str, message: str) -> None:
    rule, got, _ = _only(text)
    assert rule == "unsupported-yaml"
    assert got.startswith(message)


def test_core_tags_are_plain_values() -> None:
    data, _, problems = parse_text(
        "a: !!str 1\nb: !!int '7'\nc: !!float 1\nd: !!bool true\ne: ! 12\n"
    )
    assert problems == []
    assert data == {"a": "1", "b": 7, "c": 1.0, "d": True, "e": "12"}
    assert _only("a: !!int x\n")[:2] == ("invalid-yaml", "'x' is not a valid !!int")


@pytest.mark.parametrize(
    ("plain", "value"),
    [
        ("no", "no"),
        ("on", "on"),
        ("yes", "yes"),
        ("Off", "Off"),
        ("y", "y"),
        ("2020-05-14", "2020-05-14"),
        ("2020-05-14T10:00:00Z", "2020-05-14T10:00:00Z"),
        ("12:30", "12:30"),
        ("0b101", "0b101"),
        ("1_000", "1_000"),
        ("010", 10),
        ("0o12", 10),
        ("0x1F", 31),
        ("1e3", 1000.0),
        ("1.0", 1.0),
        ("-.5", -0.5),
        ("true", True),
        ("FALSE", False),
        ("~", None),
        ("null", None),
        ("", None),
        ("9" * 5000, "9" * 5000),  # more digits than int() accepts: kept as text
    ],
)
def test_plain_scalars_resolve_by_the_yaml_1_2_core_schema(plain: str, value: Any) -> None:
    assert resolve_plain(plain) == value
    assert type(resolve_plain(plain)) is type(value)


def test_special_floats() -> None:
    assert resolve_plain(".inf") == math.inf
    assert resolve_plain("-.Inf") == -math.inf
    assert math.isnan(resolve_plain(".NaN"))


def test_a_yaml_1_1_directive_does_not_change_resolution() -> None:
    assert parse_text("%YAML 1.1\n---\na: no\nb: 2020-05-14\n")[0] == {"a": "no", "b": "2020-05-14"}


def test_collection_keys_are_refused() -> None:
    assert _only("? [a, b]\n: 1\n")[:2] == (
        "unsupported-yaml",
        "mapping keys must be plain strings, not collections",
    )


def test_unknown_alias_is_a_yaml_error() -> None:
    assert _only("a: *nowhere\n")[:2] == (
        "invalid-yaml",
        "alias *nowhere refers to an unknown anchor",
    )


def test_several_documents_keep_the_first_and_say_so() -> None:
    data, _, problems = parse_text("a: 1\n---\nb: 2\n")
    assert data == {"a": 1}
    assert [(p.rule, p.span) for p in problems] == [("unsupported-yaml", Span(2, 1, 2, 4))]


def test_a_long_duplicate_key_is_shortened_in_the_message() -> None:
    key = "k" * 5000
    problems = _problems(f"? {key}\n: 1\n? {key}\n: 2\n")
    assert [p.rule for p in problems] == ["duplicate-key", "duplicate-key"]
    assert all(len(p.message) < 200 for p in problems)


# Paths ------------------------------------------------------------------------------------


def test_unreadable_file_simulated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """chmod 000 does not stop root, so the refusal is simulated at os.open."""
    path = tmp_path / "secret.privacy.yaml"
    path.write_text(EXAMPLE)
    real_open = os.open

    def deny(p: Any, *args: Any, **kwargs: Any) -> int:
        if Path(p) == path:
            raise PermissionError(13, "Permission denied", str(p))
        return real_open(p, *args, **kwargs)

    monkeypatch.setattr(os, "open", deny)
    result = load_file(path, "secret.privacy.yaml")
    assert result.document is None
    assert result.problems == [
        Problem("unreadable-file", "cannot read file: Permission denied", span=Span(1, 1))
    ]


def test_unreadable_directory_in_a_walk_is_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "ok").mkdir()
    (tmp_path / "ok" / "privacy.yaml").write_text(EXAMPLE)
    (tmp_path / "locked").mkdir()
    real_scandir = os.scandir

    def scandir(p: Any = ".") -> Any:
        if Path(p).name == "locked":
            raise PermissionError(13, "Permission denied", str(p))
        return real_scandir(p)

    monkeypatch.setattr(os, "scandir", scandir)
    targets = discover([tmp_path], cwd=tmp_path)
    assert [t.display for t in targets] == ["locked", "ok/privacy.yaml"]
    problems = load_file(targets[0].path, "locked").problems
    assert [p.message for p in problems] == ["cannot read directory: Permission denied"]


def test_a_directory_named_like_a_file_is_not_read(tmp_path: Path) -> None:
    (tmp_path / "d.privacy.yaml").mkdir()
    assert [p.message for p in load_file(tmp_path / "d.privacy.yaml", "d").problems] == [
        "is a directory, not a declaration file"
    ]


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero on this system")
def test_a_device_that_never_ends_is_not_read() -> None:
    problem = read_bytes(Path("/dev/zero"))
    assert isinstance(problem, Problem)
    assert problem.message == "is a device, not a regular file; name files only"


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs Linux /proc")
def test_reading_stops_at_the_limit_when_the_size_lies() -> None:
    """/proc files report size 0 and then produce text: the limit holds on what is read."""
    problem = read_bytes(Path("/proc/self/status"), max_size=16)
    assert isinstance(problem, Problem)
    assert problem.message.startswith("file grew past 16 bytes while being read, over the limit")


def test_size_limit_zero_means_unlimited(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(EXAMPLE)
    assert read_bytes(path, 0) == EXAMPLE.encode()
    assert isinstance(read_bytes(path, 100), Problem)


def test_discovery_does_not_depend_on_the_order_given(tmp_path: Path) -> None:
    for name in ("b/privacy.yaml", "a/x.privacy.yaml", "c/privacy.json"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(EXAMPLE)
    (tmp_path / "link.privacy.yaml").symlink_to(tmp_path / "b" / "privacy.yaml")
    paths = [
        tmp_path / "c",
        tmp_path / "link.privacy.yaml",
        tmp_path,
        tmp_path / "a" / "x.privacy.yaml",
    ]
    forward = discover(paths, cwd=tmp_path)
    assert [t.display for t in forward] == ["a/x.privacy.yaml", "b/privacy.yaml", "c/privacy.json"]
    assert [t.display for t in discover(paths[::-1], cwd=tmp_path)] == [t.display for t in forward]


def test_self_referencing_symlink_is_a_finding(tmp_path: Path) -> None:
    (tmp_path / "loop.privacy.yaml").symlink_to(tmp_path / "loop.privacy.yaml")
    targets = discover([tmp_path], cwd=tmp_path)
    assert [t.display for t in targets] == ["loop.privacy.yaml"]
    (problem,) = load_file(targets[0].path, "loop.privacy.yaml").problems
    assert problem.message == "cannot read file: Too many levels of symbolic links"


def test_escaped_control_characters_in_values_are_refused() -> None:
    """An escape such as "\\e[2J" would otherwise reach terminals and CI logs via messages."""
    rule, message, span = _only('privlint: 1\nstatement: {title: "clear\\e[2J"}\n')
    assert (rule, span) == ("unsupported-yaml", Span(2, 20, 2, 32))
    assert message == (
        "the string 'clear\\x1b[2J' contains the control character U+001B; "
        "text may hold tabs and line breaks but no other control characters"
    )
    assert parse_text('a: "tab\\there\\nline"\n')[0] == {"a": "tab\there\nline"}


def test_no_control_character_reaches_any_output_format(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from privlint import app
    from privlint.reporters import REPORTERS

    hostile = example_with(
        "  - id: customer-contacts\n", '  - id: "cc\\n::error::forged \\e[31mred\\u0007"\n'
    )
    (tmp_path / "x.privacy.yaml").write_text(hostile)
    monkeypatch.chdir(tmp_path)
    for fmt in sorted(REPORTERS):
        assert app.main(["check", "--format", fmt, "x.privacy.yaml"]) == 1
        out = capsys.readouterr().out
        assert not any(c in out for c in "\x1b\x07"), fmt
        assert "::error::forged" not in out.replace("\\n::error::forged", ""), fmt


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_bom_is_named_as_such(codec: str) -> None:
    text, problem = decode("privlint: 1\n".encode(codec))
    assert text is None and problem is not None
    assert problem.message == (
        "file contains NUL bytes: it is binary, not a YAML or JSON declaration; if it is UTF-16 "
        "text without a byte-order mark, save it as UTF-8"
    )

"""Names and links cannot hide a declaration from the walk or the report (issue 11).

A file is reported under its resolved path, so an alias in an ignored place cannot make the
real file vanish; hidden directories and upper-case names are checked; what a walk skips by
design is listed by `--show-files`.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from privlint import app
from privlint.discovery import discover
from tests.hostile.cases import EXAMPLE

BAD = EXAMPLE.replace("last_updated: 2026-09-01", "last_updated: 2018-05-25", 1)


def put(path: Path, text: str = BAD) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def check(
    d: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], *args: str
) -> tuple[int, dict[str, set[str]]]:
    """Exit code and {file: codes} of a JSON run from `d`."""
    monkeypatch.chdir(d)
    code = app.main(["check", "-f", "json", *args])
    out = capsys.readouterr().out
    files: dict[str, set[str]] = {}
    for f in json.loads(out)["findings"]:
        files.setdefault(f["file"], set()).add(f["code"])
    return code, files


@pytest.mark.parametrize("named", [False, True], ids=["walked", "named"])
def test_an_alias_under_an_ignored_name_does_not_hide_the_real_file(
    named: bool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    put(tmp_path / "zzz" / "x.privacy.yaml")
    (tmp_path / "aaa").mkdir()
    (tmp_path / "aaa" / "x.privacy.yaml").symlink_to("../zzz/x.privacy.yaml")
    (tmp_path / ".privlint.yaml").write_text("per-file-ignores: {'aaa/*': [ALL]}\n")
    args = ["aaa/x.privacy.yaml", "zzz/x.privacy.yaml"] if named else ["."]
    code, files = check(tmp_path, monkeypatch, capsys, *args)
    assert code == 1
    assert "PL122" in files["zzz/x.privacy.yaml"]
    assert "aaa/x.privacy.yaml" not in files


def test_an_alias_alone_is_reported_by_the_real_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    put(tmp_path / "real" / "privacy.yaml")
    (tmp_path / "vendor").mkdir()
    (tmp_path / "vendor" / "privacy.yaml").symlink_to("../real/privacy.yaml")
    (tmp_path / ".privlint.yaml").write_text("per-file-ignores: {'vendor/*': [ALL]}\n")
    code, files = check(tmp_path, monkeypatch, capsys, "vendor/privacy.yaml")
    assert code == 1
    assert set(files) == {"real/privacy.yaml"}


def test_a_dangling_alias_keeps_its_own_name(tmp_path: Path) -> None:
    (tmp_path / "privacy.yaml").symlink_to("nowhere.yaml")
    assert [t.display for t in discover([tmp_path], cwd=tmp_path)] == ["privacy.yaml"]


def test_hidden_directories_and_upper_case_names_are_checked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    names = [
        ".github/privacy.yaml",
        ".config/team/x.privacy.yml",
        "Privacy.yaml",
        "sub/PRIVACY.YML",
        "sub/x.privacy.YAML",
        "sub/y.Privacy.Json",
    ]
    for name in names:
        put(
            tmp_path / name,
            json.dumps({"privlint": 1, "statement": {"last_updated": "2018-05-25"}}),
        )
    put(tmp_path / ".git" / "privacy.yaml")
    code, files = check(tmp_path, monkeypatch, capsys, ".")
    assert code == 1
    assert sorted(files) == sorted(names)


def test_show_files_lists_what_is_checked_and_what_is_skipped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    put(tmp_path / "privacy.yaml")
    put(tmp_path / ".github" / "x.privacy.yaml")
    put(tmp_path / ".git" / "privacy.yaml")
    put(tmp_path / "node_modules" / "pkg" / "privacy.yaml")
    put(tmp_path / "elsewhere" / "privacy.yaml")
    (tmp_path / "shared").symlink_to("elsewhere", target_is_directory=True)
    put(tmp_path / "notes.txt", "")
    monkeypatch.chdir(tmp_path)
    assert app.main(["check", "--show-files", "."]) == 0
    assert capsys.readouterr().out.splitlines() == [
        ".github/x.privacy.yaml",
        "elsewhere/privacy.yaml",
        "privacy.yaml",
        "skipped: .git/ (version control data)",
        "skipped: node_modules/ (installed dependencies)",
        "skipped: shared/ (a symbolic link to a directory; name it to check it)",
    ]


def test_show_files_checks_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    put(tmp_path / "privacy.yaml", "- not a declaration\n")
    monkeypatch.chdir(tmp_path)
    assert app.main(["check", "--show-files", "privacy.yaml", "missing.privacy.yaml"]) == 0
    assert capsys.readouterr().out.splitlines() == ["missing.privacy.yaml", "privacy.yaml"]


def test_a_symlinked_directory_named_explicitly_is_walked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    put(tmp_path / "elsewhere" / "privacy.yaml")
    (tmp_path / "shared").symlink_to("elsewhere", target_is_directory=True)
    code, files = check(tmp_path, monkeypatch, capsys, "shared")
    assert code == 1
    assert set(files) == {"elsewhere/privacy.yaml"}


def test_show_files_escapes_names(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    put(tmp_path / "a\n::error::x\x1b[2J.privacy.yaml")
    monkeypatch.chdir(tmp_path)
    assert app.main(["check", "--show-files", "."]) == 0
    assert capsys.readouterr().out == "a\\n::error::x\\x1b[2J.privacy.yaml\n"


def test_show_files_lists_files_left_out_by_an_exclude(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    put(tmp_path / "privacy.yaml")
    put(tmp_path / "legacy" / "privacy.yaml")
    monkeypatch.chdir(tmp_path)
    assert app.main(["check", "--show-files", "--exclude", "legacy", "."]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "privacy.yaml",
        "skipped: legacy/privacy.yaml (exclude or .gitignore)",
    ]

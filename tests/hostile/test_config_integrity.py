"""A configuration is read as its format says, or refused: it never silently does nothing.

pyproject.toml is parsed with tomllib, so every spelling of the `[tool.privlint]` table is the
same table; two configurations in one directory are an error naming both (issue 11).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from privlint import app
from tests.hostile.cases import EXAMPLE

STALE = EXAMPLE.replace("last_updated: 2026-09-01", "last_updated: 2018-05-25", 1)

SPELLINGS = {
    "plain": '[tool.privlint]\nignore = ["PL122"]\n',
    "double-quoted": '[tool."privlint"]\nignore = ["PL122"]\n',
    "single-quoted": "[tool.'privlint']\nignore = ['PL122']\n",
    "spaces inside the brackets": '[ tool.privlint ]\nignore = ["PL122"]\n',
    "spaces around the dot": '[ tool . "privlint" ]\nignore = ["PL122"]\n',
    "dotted key at the top": 'tool.privlint.ignore = ["PL122"]\n',
    "inline table under [tool]": '[tool]\nprivlint = { ignore = ["PL122"] }\n',
    "only a sub-table": '[tool.privlint.severity]\nPL122 = "info"\n',
}


def run(
    d: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], *args: str
) -> tuple[int, str, str]:
    (d / "privacy.yaml").write_text(STALE)
    monkeypatch.chdir(d)
    code = app.main(["check", "--no-fix", *args, "privacy.yaml"])
    out, err = capsys.readouterr()
    return code, out, err.replace(f"{d}/", "")


@pytest.mark.parametrize("toml", SPELLINGS.values(), ids=SPELLINGS.keys())
def test_every_spelling_of_the_table_is_found_and_applied(
    toml: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "pyproject.toml").write_text(toml + '\n[project]\nname = "x"\n')
    sub = tmp_path / "sub"
    sub.mkdir()
    code, out, err = run(sub, monkeypatch, capsys)  # found by the walk upwards
    assert (code, err) == (0, ""), out + err
    assert "PL122" not in out.replace("info PL122", "")


def test_a_quoted_table_reports_the_right_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[ tool . "privlint" ]\nfail-on = "error"\nfial-on = "x"\n'
    )
    code, _, err = run(tmp_path, monkeypatch, capsys)
    assert code == 2
    assert (
        err
        == "privlint: error: pyproject.toml:6:1: fial-on: unknown key; did you mean 'fail-on'?\n"
    )


@pytest.mark.parametrize(
    ("files", "second"),
    [
        (
            {".privlint.yaml": "fail-on: error\n", "pyproject.toml": '[tool."privlint"]\n'},
            "pyproject.toml",
        ),
        (
            {".privlint.yaml": "fail-on: error\n", ".privlint.yml": "fail-on: info\n"},
            ".privlint.yml",
        ),
    ],
    ids=["yaml and pyproject", "yaml and yml"],
)
def test_two_configurations_in_one_directory_is_an_error_naming_both(
    files: dict[str, str],
    second: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    for name, text in files.items():
        (tmp_path / name).write_text(text)
    code, out, err = run(tmp_path, monkeypatch, capsys)
    assert (code, out) == (2, "")
    assert err == (
        f"privlint: error: .privlint.yaml: {second} in the same directory is a configuration "
        "too; keep one of them (or name one with --config)\n"
    )


def test_a_named_config_settles_which_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / ".privlint.yaml").write_text("ignore: [PL122]\n")
    (tmp_path / "pyproject.toml").write_text("[tool.privlint]\n")
    assert run(tmp_path, monkeypatch, capsys, "--config", ".privlint.yaml")[0] == 0
    assert run(tmp_path, monkeypatch, capsys, "--config", "pyproject.toml")[0] == 1


def test_a_pyproject_without_the_table_is_not_a_second_config(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / ".privlint.yaml").write_text("ignore: [PL122]\n")
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "privlint-user"\n[tool.other]\n')
    assert run(tmp_path, monkeypatch, capsys)[0] == 0


def test_a_broken_pyproject_that_mentions_privlint_is_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.privlint]\nignore = ["PL122"\n')
    code, _, err = run(tmp_path, monkeypatch, capsys)
    assert code == 2
    assert err.startswith("privlint: error: pyproject.toml: invalid TOML: ")


def test_a_broken_pyproject_of_someone_else_is_passed_over(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "pyproject.toml").write_text("[project\n")
    assert run(tmp_path, monkeypatch, capsys)[0] == 1  # no config: the defaults apply

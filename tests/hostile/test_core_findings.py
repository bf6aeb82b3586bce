"""A file that could not be read or parsed fails the run whatever the selection (issue 11).

ruff reports syntax errors whatever --select says; privlint does the same with the loader's
findings (PL001-PL005): a gate must never pass a file it did not read.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from privlint import app
from tests.hostile.cases import EXAMPLE


def _missing(d: Path) -> tuple[str, str]:
    return "gone.privacy.yaml", "PL002"


def _binary(d: Path) -> tuple[str, str]:
    (d / "bin.privacy.yaml").write_bytes(b"privlint: 1\n\x00\x01\x02")
    return "bin.privacy.yaml", "PL002"


def _unparsable(d: Path) -> tuple[str, str]:
    (d / "bad.privacy.yaml").write_text("privlint: 1\ncontroller: [\n")
    return "bad.privacy.yaml", "PL001"


def _empty(d: Path) -> tuple[str, str]:
    (d / "empty.privacy.yaml").write_text("")
    return "empty.privacy.yaml", "PL005"


def _tagged(d: Path) -> tuple[str, str]:
    (d / "tag.privacy.yaml").write_text("privlint: !!python/object:os.system {}\n")
    return "tag.privacy.yaml", "PL003"


def _duplicate(d: Path) -> tuple[str, str]:
    (d / "dup.privacy.yaml").write_text(EXAMPLE + "privlint: 1\n")
    return "dup.privacy.yaml", "PL004"


FILES: dict[str, Callable[[Path], tuple[str, str]]] = {
    "missing": _missing,
    "binary": _binary,
    "unparsable": _unparsable,
    "empty": _empty,
    "refused tag": _tagged,
    "duplicate key": _duplicate,
}

SELECTIONS = {
    "--select PL110": ([["--select", "PL110"]], None),
    "--select of a name": ([["--select", "transfer-safeguard-missing"]], None),
    "--ignore the loader codes": ([["--ignore", "PL0"]], None),
    "--ignore ALL": ([["--ignore", "ALL"]], None),
    "select in the config": ([], "select: [PL110]\n"),
    "ignore a prefix in the config": ([], "ignore: [PL0, PL1]\n"),
    "ignore ALL in the config": ([], "ignore: [ALL]\n"),
    "per-file-ignores ALL": ([], "per-file-ignores: {'*': [ALL]}\n"),
    "per-file-ignores PL": ([], "per-file-ignores: {'*.yaml': [PL]}\n"),
}


@pytest.mark.parametrize("make", FILES.values(), ids=FILES.keys())
@pytest.mark.parametrize("selection", SELECTIONS.values(), ids=SELECTIONS.keys())
def test_unread_file_fails_whatever_the_selection(
    make: Callable[[Path], tuple[str, str]],
    selection: tuple[list[list[str]], str | None],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    name, code = make(tmp_path)
    args, config = selection
    if config is not None:
        (tmp_path / ".privlint.yaml").write_text(config)
    monkeypatch.chdir(tmp_path)
    flags = [flag for pair in args for flag in pair]
    status = app.main(["check", "--no-fix", "--format", "text", *flags, name])
    out, err = capsys.readouterr()
    assert status == 1, out + err
    assert f"error {code} " in out
    assert "All checks passed" not in out


# Naming one of them in ignore, per-file-ignores or severity: see LOADER_RULE_CASES in
# test_rules_and_config.py, which runs them with the other bad configurations.


def test_cli_ignore_of_a_loader_rule_is_a_usage_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "privacy.yaml").write_text(EXAMPLE)
    monkeypatch.chdir(tmp_path)
    assert app.main(["check", "--ignore", "PL005", "privacy.yaml"]) == 2
    assert capsys.readouterr().err == (
        "privlint: error: --ignore: PL005 (not-a-declaration) cannot be ignored: a file that "
        "cannot be read or parsed always fails the run\n"
    )


def test_select_still_narrows_the_other_rules(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "privacy.yaml").write_text(
        EXAMPLE.replace("last_updated: 2026-09-01", "last_updated: 2018-05-25")
    )
    monkeypatch.chdir(tmp_path)
    assert app.main(["check", "--select", "PL110", "privacy.yaml"]) == 0
    assert "All checks passed" in capsys.readouterr().out

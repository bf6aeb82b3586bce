"""check's input and output options: stdin, excludes, .gitignore, per-file config, output flags."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import REPO, run_cli, write_file

CLEAN = (REPO / "examples" / "complete.privacy.yaml").read_text(encoding="utf-8")
BAD = CLEAN.replace("statement:\n", "statement:\n  versoin: 2\n", 1)  # one PL010, at 7:3


def _stdin(*args: str, data: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return run_cli("check", *args, cwd=cwd, stdin=data)


def test_stdin_is_checked_under_its_stdin_filename(tmp_path: Path) -> None:
    result = _stdin("-", "--no-fix", data=BAD, cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout.startswith("-:7:3: error PL010 unknown-key")
    named = _stdin(
        "-", "--stdin-filename", "legal/x.privacy.yaml", "--no-fix", data=BAD, cwd=tmp_path
    )
    assert named.stdout.startswith("legal/x.privacy.yaml:7:3: error PL010")


def test_stdin_finds_the_config_of_the_named_file(tmp_path: Path) -> None:
    write_file(tmp_path, "legal/.privlint.yaml", "ignore: [PL010]\n")
    there = _stdin("-", "--stdin-filename", "legal/x.privacy.yaml", data=BAD, cwd=tmp_path)
    assert (there.returncode, there.stderr) == (0, "")
    elsewhere = _stdin("-", "--stdin-filename", "other/x.privacy.yaml", data=BAD, cwd=tmp_path)
    assert elsewhere.returncode == 1


def test_stdin_fix_prints_the_fixed_text(tmp_path: Path) -> None:
    text = "privlint: 1\ntransfers:\n  - id: a  # keep\n    country: duitsland\n"
    result = _stdin("-", "--fix", data=text, cwd=tmp_path)
    assert result.stdout == text.replace("duitsland", "DE")
    diff = _stdin("-", "--diff", "--stdin-filename", "a.privacy.yaml", data=text, cwd=tmp_path)
    assert diff.returncode == 1
    assert "-    country: duitsland\n+    country: DE\n" in diff.stdout
    assert diff.stdout.startswith("--- a/a.privacy.yaml\n+++ b/a.privacy.yaml\n")


def test_stdin_cannot_be_mixed_with_files(tmp_path: Path) -> None:
    result = _stdin("-", "x.yaml", data=BAD, cwd=tmp_path)
    assert result.returncode == 2 and "standard input" in result.stderr
    orphan = _stdin("--stdin-filename", "x.yaml", "x.yaml", data=BAD, cwd=tmp_path)
    assert orphan.returncode == 2 and "give '-'" in orphan.stderr


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, timeout=60)


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_gitignored_files_are_skipped_in_walks_but_checked_when_named(tmp_path: Path) -> None:
    _git(tmp_path, "init", "-q")
    write_file(tmp_path, ".gitignore", "build/\n")
    write_file(tmp_path, ".git/info/exclude", "*.local.privacy.yaml\n")
    write_file(tmp_path, "build/gen.privacy.yaml", BAD)
    write_file(tmp_path, "src/me.local.privacy.yaml", BAD)
    write_file(tmp_path, "src/privacy.yaml", CLEAN)
    walked = run_cli("check", ".", cwd=tmp_path)
    assert walked.returncode == 0, walked.stdout
    assert "1 file" in walked.stdout
    everything = run_cli("check", "--no-respect-gitignore", "--no-fix", ".", cwd=tmp_path)
    assert everything.returncode == 1
    assert "build/gen.privacy.yaml:7:3" in everything.stdout
    assert "src/me.local.privacy.yaml:7:3" in everything.stdout
    named = run_cli("check", "--no-fix", "build/gen.privacy.yaml", cwd=tmp_path)
    assert named.returncode == 1
    # a tracked file stays checked even though a pattern matches it, as in git
    _git(tmp_path, "add", "-f", "build/gen.privacy.yaml")
    assert "build/gen.privacy.yaml" in run_cli("check", "--no-fix", ".", cwd=tmp_path).stdout


def test_exclude_in_config_and_on_the_command_line(tmp_path: Path) -> None:
    write_file(
        tmp_path, ".privlint.yaml", "exclude: [drafts]\nextend-exclude: ['legacy/*.privacy.yaml']\n"
    )
    write_file(tmp_path, "drafts/a/privacy.yaml", BAD)
    write_file(tmp_path, "legacy/old.privacy.yaml", BAD)
    write_file(tmp_path, "legacy/keep/privacy.yaml", CLEAN)
    write_file(tmp_path, "live/privacy.yaml", CLEAN)
    write_file(tmp_path, "live/wip.privacy.yaml", BAD)
    result = run_cli("check", "--no-fix", "--exclude", "wip.*", ".", cwd=tmp_path)
    assert result.returncode == 0, result.stdout
    assert "2 files" in result.stdout
    assert run_cli("check", "--no-fix", ".", cwd=tmp_path).returncode == 1  # wip is back
    assert run_cli("check", "drafts/a/privacy.yaml", cwd=tmp_path).returncode == 1  # named
    none = run_cli("check", "--exclude", "*", ".", cwd=tmp_path)
    assert none.returncode == 2 and "left out by exclude" in none.stderr


def test_the_nearest_config_above_each_file_applies(tmp_path: Path) -> None:
    write_file(tmp_path, ".privlint.yaml", "ignore: [PL010]\n")
    write_file(tmp_path, "team/.privlint.yaml", "fail-on: error\n")  # does not ignore PL010
    write_file(tmp_path, "top.privacy.yaml", BAD)
    write_file(tmp_path, "team/sub/privacy.yaml", BAD)
    result = run_cli("check", "--no-fix", ".", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout.splitlines()[0].startswith("team/sub/privacy.yaml:7:3: error PL010")
    assert "top.privacy.yaml" not in result.stdout
    pinned = run_cli("check", "--config", ".privlint.yaml", ".", cwd=tmp_path)
    assert pinned.returncode == 0  # --config: one configuration for every file


def test_github_format_only_on_standard_output(tmp_path: Path) -> None:
    write_file(tmp_path, "privacy.yaml", BAD)
    env = {"GITHUB_ACTIONS": "true"}
    out = run_cli("check", "privacy.yaml", cwd=tmp_path, env=env)
    assert out.stdout.startswith("::error ")
    to_file = run_cli("check", "-o", "report.txt", "privacy.yaml", cwd=tmp_path, env=env)
    assert to_file.returncode == 1
    assert (
        (tmp_path / "report.txt").read_text(encoding="utf-8").startswith("privacy.yaml:7:3: error")
    )


def test_statistics_exit_zero_quiet_and_output_format(tmp_path: Path) -> None:
    write_file(tmp_path, "a.privacy.yaml", BAD)
    write_file(tmp_path, "b.privacy.yaml", BAD.replace("  versoin", "  tittle: x\n  versoin"))
    stats = run_cli("check", "--statistics", ".", cwd=tmp_path)
    assert (stats.returncode, stats.stdout) == (1, "3  PL010  unknown-key\n3 findings\n")
    as_json = run_cli("check", "--statistics", "--output-format", "json", ".", cwd=tmp_path)
    assert json.loads(as_json.stdout) == [{"code": "PL010", "name": "unknown-key", "count": 3}]
    assert run_cli("check", "--exit-zero", ".", cwd=tmp_path).returncode == 0
    quiet = run_cli("check", "-q", ".", cwd=tmp_path)
    assert (quiet.returncode, quiet.stdout) == (1, "Found 3 problems (3 errors) in 2 of 2 files.\n")
    write_file(tmp_path, "c/privacy.yaml", CLEAN)
    silent = run_cli("check", "-q", "c", cwd=tmp_path)
    assert (silent.returncode, silent.stdout) == (0, "")


@pytest.mark.parametrize(
    ("env", "colored"),
    [
        ({}, False),
        ({"FORCE_COLOR": "1"}, True),
        ({"CLICOLOR_FORCE": "1"}, True),
        ({"FORCE_COLOR": "0"}, False),
        ({"FORCE_COLOR": "1", "NO_COLOR": "1"}, False),
        ({"FORCE_COLOR": "1", "NO_COLOR": ""}, True),  # an empty NO_COLOR is not set
    ],
)
def test_colour_from_the_environment(
    env: dict[str, str], colored: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    import io
    from argparse import Namespace

    from privlint.commands.check import use_color

    monkeypatch.setattr("sys.stdout", io.StringIO())  # not a terminal, whatever runs pytest

    assert use_color(Namespace(no_color=False, output=None), env) is colored  # stdout is a pipe
    assert use_color(Namespace(no_color=True, output=None), env) is False
    assert use_color(Namespace(no_color=False, output=Path("r.txt")), env) is False


def test_force_color_colours_a_pipe(tmp_path: Path) -> None:
    write_file(tmp_path, "privacy.yaml", BAD)
    out = run_cli("check", "privacy.yaml", cwd=tmp_path, env={"FORCE_COLOR": "1", "NO_COLOR": ""})
    assert "\x1b[" in out.stdout
    assert "\x1b[" not in run_cli("check", "privacy.yaml", cwd=tmp_path).stdout


def test_gitlab_code_quality(tmp_path: Path) -> None:
    write_file(tmp_path, "legal/privacy.yaml", BAD)
    write_file(tmp_path, ".git/HEAD", "ref: refs/heads/main\n")  # the repository root is tmp_path
    result = run_cli("check", "-f", "gitlab", "privacy.yaml", cwd=tmp_path / "legal")
    issues = json.loads(result.stdout)
    assert [(i["check_name"], i["severity"], i["location"]) for i in issues] == [
        (
            "PL010 unknown-key",
            "major",
            {"path": "legal/privacy.yaml", "lines": {"begin": 7, "end": 7}},
        )
    ]
    assert len(issues[0]["fingerprint"]) == 64


def test_a_misspelled_required_key_is_one_finding(tmp_path: Path) -> None:
    text = "privlint: 1\nactivities:\n  - idd: a\n    purposes: [x]\n  - purposes: [y]\n"
    write_file(tmp_path, "privacy.yaml", text)
    result = run_cli("check", "--select", "PL0", "--no-fix", "privacy.yaml", cwd=tmp_path)
    assert result.stdout.splitlines()[:-1] == [
        "privacy.yaml:3:5: error PL010 unknown-key: unknown key 'idd' in Processing activity; "
        "did you mean 'id'?",
        # a mapping that merely lacks the key still says so
        "privacy.yaml:5:5: error PL011 missing-field: required key 'id' is missing in "
        "Processing activity",
    ]


def test_a_missing_path_gets_a_fix_that_names_it(tmp_path: Path) -> None:
    result = run_cli("check", "legal/privcy.yaml", cwd=tmp_path)
    assert result.returncode == 1
    assert "    fix: There is no file at legal/privcy.yaml: correct the path" in result.stdout


def test_junit_case_names_do_not_change_when_lines_move(tmp_path: Path) -> None:
    import xml.etree.ElementTree as ET

    def names(text: str) -> list[str]:
        write_file(tmp_path, "privacy.yaml", text)
        out = run_cli("check", "-f", "junit", "privacy.yaml", cwd=tmp_path).stdout
        return [c.get("name", "") for c in ET.fromstring(out).iter("testcase")]

    before = names(BAD)
    after = names(BAD.replace("privlint: 1\n", "privlint: 1\n# a comment\n\n", 1))
    assert before == after == ["PL010 unknown-key at /statement/versoin"]

"""privlint diff over a repository: which files, renames, new and deleted declarations, bad
sides, and the errors a CI job meets (no commits, not a repository, a shallow clone)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest

from privlint.config import Settings
from privlint.diff.engine import diff_repository
from privlint.diff.git import GitError
from privlint.diff.render import as_dict
from tests.conftest import EXAMPLES, run_cli
from tests.diff.gitrepo import Repo, clean_env, git_env

__all__ = ["git_env"]

BASE = (EXAMPLES / "complete.privacy.yaml").read_text(encoding="utf-8")
LONGER = BASE.replace("      period: P90D\n", "      period: P2Y\n")
SMALL = "privlint: 1\ncontroller:\n  name: Klein B.V.\n"
SHOP = "privlint: 1\nstatement:\n  language: nl\n  title: Winkel\nactivities: []\n"


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory, git_env: None) -> tuple[Repo, str]:
    r = Repo(tmp_path_factory.mktemp("diffrepo") / "repo")
    base = r.commit(
        {
            "privacy.yaml": BASE,
            "legal/old-name.privacy.yaml": BASE,
            "legal/gone.privacy.yaml": SMALL,
            "config.yaml": "unrelated: true\n",
            ".hidden/privacy.yaml": BASE,
        },
        "base",
    )
    return r, base


def declarations(root: Path, *specs: str, **settings: Any) -> list[dict[str, Any]]:
    report = as_dict(diff_repository(list(specs), Settings(**settings), cwd=root))
    out: list[dict[str, Any]] = report["declarations"]
    return out


def test_renamed_deleted_new_and_ignored_files(repo: tuple[Repo, str]) -> None:
    r, base = repo
    r.git("mv", "legal/old-name.privacy.yaml", "legal/new-name.privacy.yaml")
    r.git("rm", "-q", "legal/gone.privacy.yaml")
    head = r.commit(
        {
            "legal/new-name.privacy.yaml": LONGER,
            "shop.privacy.yaml": SHOP,
            "config.yaml": "unrelated: false\n",  # not a declaration name: not compared
            # a hidden directory is walked, as check walks it; node_modules is skipped by both
            ".git-like/privacy.yaml": "privlint: 1\ncontroller: {name: Hidden B.V.}\n",
            "node_modules/privacy.yaml": "privlint: 1\ncontroller: {name: Vendored B.V.}\n",
        },
        "files",
    )
    found = {d["path"]: d for d in declarations(r.root, base, head)}
    assert set(found) == {
        ".git-like/privacy.yaml",
        "legal/gone.privacy.yaml",
        "legal/new-name.privacy.yaml",
        "shop.privacy.yaml",
    }
    renamed = found["legal/new-name.privacy.yaml"]
    assert (renamed["status"], renamed["base_path"]) == ("renamed", "legal/old-name.privacy.yaml")
    assert [c["kind"] for c in renamed["changes"]] == ["declaration-renamed", "retention-longer"]
    gone = found["legal/gone.privacy.yaml"]
    assert gone["status"] == "deleted"
    assert [(c["kind"], c["interest"], c["line"]) for c in gone["changes"]] == [
        ("declaration-removed", "review", None)
    ]
    new = found["shop.privacy.yaml"]
    assert new["status"] == "added" and new["base_path"] is None
    assert new["changes"][0]["kind"] == "declaration-added"
    # a new declaration is checked: its findings are all introduced
    assert {c["kind"] for c in new["changes"][1:]} == {"finding-introduced"}
    # a file named explicitly is compared whatever its name or directory
    named = declarations(r.root, base, head, "node_modules/privacy.yaml", "config.yaml")
    assert [d["path"] for d in named] == ["config.yaml", "node_modules/privacy.yaml"]


def test_working_tree_with_an_untracked_declaration(repo: tuple[Repo, str]) -> None:
    r, _ = repo
    head = r.git("rev-parse", "HEAD")
    r.write("privacy.yaml", LONGER)
    r.write("drafts/new.privacy.yaml", SMALL)
    try:
        found = {d["path"]: d for d in declarations(r.root, head)}
        assert set(found) == {"privacy.yaml", "drafts/new.privacy.yaml"}
        assert [c["kind"] for c in found["privacy.yaml"]["changes"]] == ["retention-longer"]
        assert found["drafts/new.privacy.yaml"]["status"] == "added"
        # a directory as PATH, relative to the working directory
        below = declarations(r.root / "drafts", head, ".")
        assert [d["path"] for d in below] == ["new.privacy.yaml"]
    finally:
        r.git("checkout", "-q", "--", "privacy.yaml")
        (r.root / "drafts" / "new.privacy.yaml").unlink()


def test_default_base_is_the_merge_base_with_main(repo: tuple[Repo, str]) -> None:
    r, _ = repo
    r.git("checkout", "-q", "-b", "feature")
    try:
        fork = r.git("rev-parse", "HEAD")
        r.commit({"privacy.yaml": LONGER}, "longer")
        r.git("checkout", "-q", "main")
        r.commit({"legal/main-only.privacy.yaml": SMALL}, "on main since")
        r.git("checkout", "-q", "feature")
        report = as_dict(diff_repository([], Settings(), cwd=r.root))
        assert report["base"] == {"label": "main", "commit": fork}
        assert [d["path"] for d in report["declarations"]] == ["privacy.yaml"]
    finally:
        r.git("checkout", "-q", "main")


def test_unparsable_base_is_reported_exit_2(repo: tuple[Repo, str]) -> None:
    r, _ = repo
    base = r.commit({"broken.privacy.yaml": "privlint: 1\nactivities: [\n"}, "broken")
    head = r.commit({"broken.privacy.yaml": SMALL}, "fixed")
    done = run_cli("diff", base, head, "--format", "json", cwd=r.root, env=clean_env())
    assert done.returncode == 2, done.stderr
    (declaration,) = json.loads(done.stdout)["declarations"]
    (error,) = declaration["errors"]
    assert error["side"] == "base" and error["file"] == "broken.privacy.yaml"
    assert error["message"].startswith("invalid YAML") and error["line"] == 3
    assert declaration["changes"] == []
    text = run_cli("diff", base, head, cwd=r.root, env=clean_env())
    assert text.returncode == 2
    assert "error base broken.privacy.yaml:3:1: Cannot compare: invalid YAML" in text.stdout
    assert "Traceback" not in text.stderr


def test_binary_and_oversized_content(repo: tuple[Repo, str]) -> None:
    r, _ = repo
    base = r.commit(
        {"blob.privacy.yaml": b"\x89PNG\r\n\x1a\n\x00\x00", "big.privacy.yaml": BASE}, "bad"
    )
    head = r.commit(
        {"blob.privacy.yaml": SMALL, "big.privacy.yaml": BASE + "#" * 20_000 + "\n"}, "ok"
    )
    report = as_dict(diff_repository([base, head], Settings(), cwd=r.root))
    errors = {d["path"]: d["errors"] for d in report["declarations"]}
    assert "binary" in errors["blob.privacy.yaml"][0]["message"]
    assert errors["big.privacy.yaml"] == []
    from privlint.loader import Limits

    small = as_dict(
        diff_repository([base, head], Settings(limits=Limits(max_file_size=12_000)), cwd=r.root)
    )
    big = next(d for d in small["declarations"] if d["path"] == "big.privacy.yaml")
    assert [e["side"] for e in big["errors"]] == ["head"]
    assert "over the limit of 12,000" in big["errors"][0]["message"]


def test_fail_on_review_exit_codes(repo: tuple[Repo, str]) -> None:
    r, base = repo
    head = r.commit({"privacy.yaml": LONGER}, "longer again")
    args = ("diff", base, head, "privacy.yaml")
    assert run_cli(*args, cwd=r.root, env=clean_env()).returncode == 0
    failed = run_cli(*args, "--fail-on", "review", cwd=r.root, env=clean_env())
    assert failed.returncode == 1
    assert "Privacy review required" in failed.stdout
    quiet = BASE.replace("  last_updated: 2026-09-01", "  last_updated: 2026-09-02")
    info_only = r.commit({"privacy.yaml": quiet}, "date")
    for fail_on, code in (("review", 0), ("info", 1)):
        args = ("diff", base, info_only, "privacy.yaml", "--fail-on", fail_on)
        assert run_cli(*args, cwd=r.root, env=clean_env()).returncode == code, fail_on


def test_unknown_revision_says_fetch_depth_0(repo: tuple[Repo, str]) -> None:
    r, _ = repo
    done = run_cli("diff", "0123456789abcdef0123456789abcdef01234567", cwd=r.root, env=clean_env())
    assert done.returncode == 2
    assert "neither a revision nor a path" in done.stderr and "fetch-depth: 0" in done.stderr
    assert "Traceback" not in done.stderr


def test_shallow_clone_without_the_base(repo: tuple[Repo, str], tmp_path: Path) -> None:
    r, base = repo
    clone = tmp_path / "shallow"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", f"file://{r.root}", str(clone)],
        env=clean_env(),
        check=True,
        capture_output=True,
        timeout=60,
    )
    done = run_cli("diff", base, cwd=clone, env=clean_env())
    assert done.returncode == 2
    assert "shallow clone" in done.stderr and "fetch-depth: 0" in done.stderr
    assert "Traceback" not in done.stderr


def test_repository_without_commits(tmp_path: Path, git_env: None) -> None:
    empty = Repo(tmp_path / "empty")
    empty.write("privacy.yaml", SMALL)
    done = run_cli("diff", cwd=empty.root, env=clean_env())
    assert done.returncode == 2
    assert "no commits yet" in done.stderr
    with pytest.raises(GitError, match="no commits yet"):
        diff_repository([], Settings(), cwd=empty.root)


def test_not_a_git_repository(tmp_path: Path) -> None:
    (tmp_path / "privacy.yaml").write_text(SMALL, encoding="utf-8")
    env = clean_env() | {"GIT_CEILING_DIRECTORIES": str(tmp_path.parent)}
    done = run_cli("diff", cwd=tmp_path, env=env)
    assert done.returncode == 2
    assert "not a git repository" in done.stderr and "Traceback" not in done.stderr


def test_two_plain_files(tmp_path: Path) -> None:
    old, new = tmp_path / "old.yaml", tmp_path / "new.yaml"
    old.write_text(BASE, encoding="utf-8")
    new.write_text(LONGER, encoding="utf-8")
    done = run_cli("diff", old, new, "--format", "json", cwd=tmp_path, env=clean_env())
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["base"]["label"] == "old.yaml" and report["head"]["label"] == "new.yaml"
    (declaration,) = report["declarations"]
    assert [c["kind"] for c in declaration["changes"]] == ["retention-longer"]
    assert declaration["changes"][0]["line"] == LONGER.splitlines().index("      period: P2Y") + 1


def test_a_revision_cannot_be_an_option(repo: tuple[Repo, str], tmp_path: Path) -> None:
    r, _ = repo
    target = tmp_path / "written"
    done = run_cli("diff", "--", f"--output={target}", cwd=r.root, env=clean_env())
    assert done.returncode == 2
    assert "neither a revision nor a path" in done.stderr
    assert not target.exists()


def test_default_base_from_the_remote_and_the_pull_request(
    repo: tuple[Repo, str], tmp_path: Path
) -> None:
    r, base = repo
    r.git("branch", "-f", "release", base)
    clone = tmp_path / "clone"
    subprocess.run(
        ["git", "clone", "-q", f"file://{r.root}", str(clone)],
        env=clean_env(),
        check=True,
        capture_output=True,
        timeout=60,
    )
    c = Repo(clone, init=False)
    c.git("checkout", "-q", "-b", "topic")
    c.commit({"privacy.yaml": LONGER}, "topic")
    tip = r.git("rev-parse", "main")
    report = as_dict(diff_repository([], Settings(), cwd=clone))
    assert report["base"] == {"label": "origin/main", "commit": tip}
    assert [d["path"] for d in report["declarations"]] == ["privacy.yaml"]
    env = clean_env() | {"GITHUB_BASE_REF": "release"}  # set on pull_request runs
    done = run_cli("diff", "--format", "json", cwd=clone, env=env)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["base"] == {"label": "origin/release", "commit": base}

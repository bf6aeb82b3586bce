"""Hostile and broken inputs, one per item of issue 6, shared by the tests and bench/hostile.py.

Each case writes its files into an empty directory and returns the arguments for
`privlint check`; it names the exit code and the exact lines the run must print (stdout for
findings, stderr for exit-2 errors).  Runs use `--format text --no-fix` from that directory,
so paths in the expected lines are relative to it.
"""

from __future__ import annotations

import atexit
import codecs
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = (REPO / "examples" / "complete.privacy.yaml").read_text(encoding="utf-8")

LIST_HINT = "a declaration is a mapping of keys such as 'privlint', 'controller' and 'activities'"
EMPTY = (
    "error PL005 not-a-declaration: file is empty (or holds only comments); "
    "a declaration is a YAML mapping starting with 'privlint: 1'"
)


@dataclass(frozen=True)
class Case:
    name: str
    setup: Callable[[Path], list[str]]
    code: int
    expect: tuple[str, ...]
    stderr: bool = False  # the expected lines are on stderr (an exit-2 error)
    slow: bool = False  # heavy enough to leave to the subprocess run and the bench


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        content = content.encode("utf-8")
    path.write_bytes(content)
    return path


def one_file(
    name: str, content: str | bytes | Callable[[], str | bytes]
) -> Callable[[Path], list[str]]:
    def setup(d: Path) -> list[str]:
        write(d / name, content() if callable(content) else content)
        return [name]

    return setup


def example_with(old: str, new: str) -> str:
    assert EXAMPLE.count(old) == 1, old
    return EXAMPLE.replace(old, new)


def alias_bomb() -> str:
    """Nine levels of nine aliases: 9**9 (387 million) strings once expanded."""
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 9):
        lines.append(f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]")
    return "\n".join(lines) + "\n"


def merge_and_aliases() -> str:
    """The complete example with its retention shared through an anchor, an alias and '<<'."""
    text = example_with(
        "    retention:\n      period: P7Y\n",
        "    retention: &seven-years\n      period: P7Y\n",
    )
    return text + "x-retention-copy: *seven-years\nx-merged:\n  <<: *seven-years\n  extra: 1\n"


def _fifo(d: Path) -> list[str]:
    os.mkfifo(d / "pipe.privacy.yaml")
    return ["pipe.privacy.yaml"]


def _symlink_loop(d: Path) -> list[str]:
    write(d / "repo" / "team" / "privacy.yaml", EXAMPLE)
    (d / "repo" / "team" / "up").symlink_to("..", target_is_directory=True)
    (d / "repo" / "self").symlink_to(".", target_is_directory=True)
    return ["repo", "repo/team/up/team/up/team"]


def _deep_tree(d: Path) -> list[str]:
    """1,200 nested directories: deeper than Python's recursion limit."""
    fd = os.open(d, os.O_RDONLY)
    try:
        for name in ["tree"] + ["d"] * 1200:
            os.mkdir(name, dir_fd=fd)
            inner = os.open(name, os.O_RDONLY, dir_fd=fd)
            os.close(fd)
            fd = inner
        out = os.open("privacy.yaml", os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=fd)
        os.write(out, EXAMPLE.encode())
        os.close(out)
    finally:
        os.close(fd)
    # Whoever runs this case, the tree goes at exit: pytest's and tempfile's clean-ups use
    # shutil.rmtree, which recurses on 3.11 and cannot remove it.
    atexit.register(remove_deep_tree, d)
    return ["tree"]


def remove_deep_tree(d: Path) -> None:
    """Undo _deep_tree bottom-up: shutil.rmtree recurses on 3.11 and would overflow."""
    if not (d / "tree").is_dir():
        return  # already removed
    chain = [d / "tree"]
    while (chain[-1] / "d").is_dir():
        chain.append(chain[-1] / "d")
    for directory in reversed(chain):
        for entry in os.scandir(directory):
            if not entry.is_dir(follow_symlinks=False):
                Path(entry.path).unlink()
        directory.rmdir()


def _forging_name(d: Path) -> list[str]:
    write(d / "a\n::error::forged\x1b[31m.privacy.yaml", "- not a mapping\n")
    return ["."]


def _empty_directory(d: Path) -> list[str]:
    (d / "policies.privacy.yaml").mkdir()
    return ["policies.privacy.yaml"]


def _output_is_directory(d: Path) -> list[str]:
    write(d / "privacy.yaml", EXAMPLE)
    (d / "report").mkdir()
    return ["--output", "report", "privacy.yaml"]


def _many_files(d: Path) -> list[str]:
    """2,000 small broken declarations in 20 directories: every one must be reported."""
    names = []
    for i in range(2000):
        name = f"services/s{i // 100:02d}/svc{i:04d}.privacy.yaml"
        write(d / name, "- not a mapping\n")
        names.append(name)
    return names


def _many_files_walked(d: Path) -> list[str]:
    _many_files(d)
    return ["services"]


def _unreadable(d: Path) -> list[str]:
    path = write(d / "secret.privacy.yaml", EXAMPLE)
    path.chmod(0)
    return ["secret.privacy.yaml"]


TOO_DEEP = "error PL003 unsupported-yaml: nesting is deeper than 64 levels"

CASES: list[Case] = [
    Case("empty file", one_file("empty.yaml", b""), 1, (f"empty.yaml:1:1: {EMPTY}",)),
    Case(
        "only comments",
        one_file("comments.yaml", "# privlint: 1\n# nothing else\n"),
        1,
        (f"comments.yaml:1:1: {EMPTY}",),
    ),
    Case(
        "top-level list",
        one_file("list.yaml", "- privlint: 1\n- controller: {}\n"),
        1,
        (f"list.yaml:1:1: error PL005 not-a-declaration: the top level is a list; {LIST_HINT}",),
    ),
    Case(
        "top-level scalar",
        one_file("scalar.yaml", "privlint\n"),
        1,
        (
            "scalar.yaml:1:1: error PL005 not-a-declaration: the top level is a single value "
            f"('privlint'); {LIST_HINT}",
        ),
    ),
    Case(
        "several documents",
        one_file("multi.yaml", EXAMPLE + "---\nprivlint: 1\n"),
        1,
        (
            f"multi.yaml:{EXAMPLE.count(chr(10)) + 1}:1: error PL003 unsupported-yaml: file holds "
            "more than one YAML document; a declaration file holds exactly one (only the first "
            "was checked)",
        ),
    ),
    Case(
        "not UTF-8",
        one_file("latin1.yaml", "privlint: 1\nstatement: {title: Caf\xe9}\n".encode("latin-1")),
        1,
        (
            "latin1.yaml:2:23: error PL002 unreadable-file: file is not valid UTF-8 "
            "(byte 0xe9 at offset 34); save it as UTF-8",
        ),
    ),
    Case(
        "UTF-16 with BOM",
        one_file("utf16.yaml", codecs.BOM_UTF16_LE + EXAMPLE.encode("utf-16-le")),
        0,
        ("All checks passed: 1 file, no findings.",),
    ),
    Case(
        "UTF-8 with BOM",
        one_file("bom.yaml", codecs.BOM_UTF8 + EXAMPLE.encode("utf-8")),
        0,
        ("All checks passed: 1 file, no findings.",),
    ),
    Case(
        "NUL bytes",
        one_file("binary.privacy.yaml", b"privlint: 1\nstat\x00\x01\x02\xff"),
        1,
        (
            "binary.privacy.yaml:2:5: error PL002 unreadable-file: file contains NUL bytes: it is "
            "binary, not a YAML or JSON declaration",
        ),
    ),
    Case(
        "tab indentation",
        one_file("tabs.yaml", "privlint: 1\ncontroller:\n\tname: Tab B.V.\n"),
        1,
        (
            "tabs.yaml:3:1: error PL001 invalid-yaml: invalid YAML: a tab character where YAML "
            "allows none (YAML indents with spaces only)",
        ),
    ),
    Case(
        "CRLF line ends",
        one_file("crlf.yaml", EXAMPLE.replace("\n", "\r\n")),
        0,
        ("All checks passed: 1 file, no findings.",),
    ),
    Case(
        "10 MB line over the size limit",
        one_file("long.yaml", lambda: 'privlint: 1\nx-blob: "' + "a" * 10_000_000 + '"\n'),
        1,
        (
            "long.yaml:1:1: error PL003 unsupported-yaml: file is 10,000,023 bytes, over the limit "
            "of 8,388,608 (raise it with --max-file-size or 'max-file-size' in the config)",
        ),
    ),
    Case(
        "10 MB line within a raised limit",
        lambda d: [
            "--max-file-size",
            "20",
            *one_file(
                "long.yaml",
                example_with('  version: "3.2"\n', '  version: "' + "3" * 10_000_000 + '"\n'),
            )(d),
        ],
        0,
        ("All checks passed: 1 file, no findings.",),
        slow=True,
    ),
    Case(
        "duplicate keys",
        one_file("dup.yaml", example_with("  language: nl\n", "  language: nl\n  language: en\n")),
        1,
        (
            "dup.yaml:8:3: error PL004 duplicate-key: key 'language' is defined again at line 9, "
            "column 3",
            "dup.yaml:9:3: error PL004 duplicate-key: duplicate key 'language': first defined at "
            "line 8, column 3; YAML keeps only one of them",
        ),
    ),
    Case(
        "anchors, aliases and merge keys",
        one_file("merge.yaml", merge_and_aliases),
        0,
        ("All checks passed: 1 file, no findings.",),
    ),
    Case(
        "alias bomb",
        one_file("bomb.yaml", alias_bomb()),
        1,
        (
            "bomb.yaml:5:30: error PL003 unsupported-yaml: aliases expand the document to more "
            "than 50,000 nodes beyond what is written; refusing to expand them (an alias bomb?)",
        ),
    ),
    Case(
        "alias bomb without a size limit",
        lambda d: ["--max-file-size", "0", *one_file("bomb.yaml", alias_bomb())(d)],
        1,
        (
            "bomb.yaml:5:30: error PL003 unsupported-yaml: aliases expand the document to more "
            "than 50,000 nodes beyond what is written; refusing to expand them (an alias bomb?)",
        ),
    ),
    Case(
        "too many nodes",
        one_file("wide.yaml", "privlint: 1\nx-list: [" + ",".join(["1"] * 60_000) + "]\n"),
        1,
        (
            "wide.yaml:2:100000: error PL003 unsupported-yaml: document expands to more than "
            "50,000 nodes (aliases counted at their full size); a declaration this large is "
            "refused by default (--max-file-size 0 lifts the size limits)",
        ),
    ),
    Case(
        "100,000 levels of block nesting",
        one_file("deep-block.yaml", "- " * 100_000 + "x\n"),
        1,
        (f"deep-block.yaml:1:129: {TOO_DEEP}",),
    ),
    Case(
        "100,000 levels of flow nesting",
        one_file("deep-flow.yaml", "[" * 100_000 + "]" * 100_000 + "\n"),
        1,
        (f"deep-flow.yaml:1:65: {TOO_DEEP}",),
    ),
    Case(
        "file over the size limit",
        lambda d: ["--max-file-size", "0.001", *one_file("big.yaml", EXAMPLE)(d)],
        1,
        (
            f"big.yaml:1:1: error PL003 unsupported-yaml: file is {len(EXAMPLE.encode()):,} bytes, "
            "over the limit of 1,048 (raise it with --max-file-size or 'max-file-size' in the "
            "config)",
        ),
    ),
    Case(
        "!!python/object tag",
        one_file(
            "python.yaml",
            "privlint: !!python/object/apply:os.system ['touch constructed']\n",
        ),
        1,
        (
            "python.yaml:1:11: error PL003 unsupported-yaml: tag '!!python/object/apply:os.system' "
            "is not supported: privlint never constructs objects from tags",
        ),
    ),
    Case(
        "unknown local tag",
        one_file("local.yaml", "privlint: 1\ncontroller: !Controller {name: X}\n"),
        1,
        (
            "local.yaml:2:13: error PL003 unsupported-yaml: tag '!Controller' is not supported: "
            "privlint never constructs objects from tags",
        ),
    ),
    Case(
        "YAML 1.1 no/on/dates stay strings",
        one_file(
            "yes-no.yaml",
            example_with(
                "  title: Privacyverklaring Voorbeeld Telecom B.V.\n", "  title: no\n"
            ).replace("    name: Algemeen\n", "    name: on\n"),
        ),
        0,
        ("All checks passed: 1 file, no findings.",),
    ),
    Case(
        "YAML 1.1 1.0 where text is expected",
        one_file("version.yaml", example_with('  version: "3.2"\n', "  version: 1.0\n")),
        1,
        (
            "version.yaml:10:12: error PL012 wrong-type: expected a string, found the number 1.0 "
            "in Version (quote the value in YAML to keep it as text)",
        ),
    ),
    Case(
        "YAML 1.1 0o12 and 1e3 where text is expected",
        one_file(
            "numbers.yaml",
            example_with('  version: "3.2"\n', "  version: 0o12\n").replace(
                '  phone: "030 123 45 67"\n', "  phone: 1e3\n"
            ),
        ),
        1,
        (
            "numbers.yaml:10:12: error PL012 wrong-type: expected a string, found the number 10 "
            "in Version (quote the value in YAML to keep it as text)",
            "numbers.yaml:21:10: error PL012 wrong-type: expected a string, found the number "
            "1000.0 in Phone (quote the value in YAML to keep it as text)",
        ),
    ),
    Case(
        "a date that is no date",
        one_file("date.yaml", example_with("last_updated: 2026-09-01", "last_updated: 2026-13-45")),
        1,
        (
            "date.yaml:9:17: error PL013 invalid-value: the string '2026-13-45' is not a valid "
            "date in Last updated",
        ),
    ),
    Case(
        "non-existent path",
        lambda d: ["missing.privacy.yaml"],
        1,
        (
            "missing.privacy.yaml:1:1: error PL002 unreadable-file: cannot read file: "
            "No such file or directory",
        ),
    ),
    Case(
        "unreadable file",
        _unreadable,
        1,
        (
            "secret.privacy.yaml:1:1: error PL002 unreadable-file: cannot read file: "
            "Permission denied",
        ),
    ),
    Case(
        "directory loop through symlinks",
        _symlink_loop,
        0,
        ("All checks passed: 1 file, no findings.",),
    ),
    Case(
        "directory tree 1,200 levels deep",
        _deep_tree,
        0,
        ("All checks passed: 1 file, no findings.",),
    ),
    Case(
        "file name with a line break and an escape sequence",
        _forging_name,
        1,
        (
            "a\\n::error::forged\\x1b[31m.privacy.yaml:1:1: error PL005 not-a-declaration: the "
            f"top level is a list; {LIST_HINT}",
        ),
    ),
    Case(
        "FIFO",
        _fifo,
        1,
        (
            "pipe.privacy.yaml:1:1: error PL002 unreadable-file: is a named pipe (FIFO), not a "
            "regular file; name files only",
        ),
    ),
    Case(
        "directory given where a file is expected",
        _empty_directory,
        2,
        (
            "privlint: error: no declaration files found in policies.privacy.yaml (directories "
            "are searched for files named privacy.yaml or *.privacy.yaml; name files explicitly "
            "to check others)",
        ),
        stderr=True,
    ),
    Case(
        "directory given as the output file",
        _output_is_directory,
        2,
        ("privlint: error: cannot write report: Is a directory",),
        stderr=True,
    ),
    Case(
        "thousands of files in a directory",
        _many_files_walked,
        1,
        (
            "services/s19/svc1999.privacy.yaml:1:1: error PL005 not-a-declaration: the top level "
            f"is a list; {LIST_HINT}",
            "Found 2000 problems (2000 errors) in 2000 of 2000 files.",
        ),
        slow=True,
    ),
    Case(
        "thousands of files named",
        _many_files,
        1,
        ("Found 2000 problems (2000 errors) in 2000 of 2000 files.",),
        slow=True,
    ),
]

BY_NAME = {c.name: c for c in CASES}

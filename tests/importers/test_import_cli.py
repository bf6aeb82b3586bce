"""`privlint import` as a user runs it: streams, exit codes, --output and --force."""

from __future__ import annotations

import json
import os
from pathlib import Path

from tests.conftest import DATA, EXAMPLES, run_cli


def test_statement_to_stdout_is_the_golden_file() -> None:
    result = run_cli("import", "--from", "statement-nl", DATA / "seeds" / "tracks.txt")
    assert result.returncode == 0, result.stderr
    assert result.stdout == (EXAMPLES / "tracks.privacy.yaml").read_text(encoding="utf-8")
    assert result.stderr == ""


def test_output_file_is_not_overwritten_without_force(tmp_path: Path) -> None:
    target = tmp_path / "out.privacy.yaml"
    target.write_text("keep me\n", encoding="utf-8")
    seed = DATA / "seeds" / "mixedbytes.txt"
    refused = run_cli("import", "--from", "statement-nl", "-o", target, seed)
    assert refused.returncode == 2
    assert refused.stderr == f"privlint: error: {target} exists; use --force to overwrite it\n"
    assert target.read_text(encoding="utf-8") == "keep me\n"
    forced = run_cli("import", "--from", "statement-nl", "-o", target, "--force", seed)
    assert forced.returncode == 0 and forced.stdout == ""
    checked = run_cli("check", "--no-fix", target)
    assert "PL0" not in checked.stdout  # schema-valid: only the law's findings remain


def test_tilt_notes_go_to_stderr_and_into_the_header(tmp_path: Path) -> None:
    target = tmp_path / "luca.privacy.yaml"
    result = run_cli(
        "import", "--from", "tilt", "--output", target, DATA / "tilt" / "luca-app.de.tilt.json"
    )
    assert result.returncode == 0
    first = result.stderr.splitlines()[0]
    assert first.endswith(
        "luca-app.de.tilt.json: not mapped: controller.representative 'info@culture4life.de' "
        "(Art. 27 or legal representative: not said)"
    )
    text = target.read_text(encoding="utf-8")
    assert text.startswith(
        "# Imported from luca-app.de.tilt.json by `privlint import --from tilt`.\n"
    )
    assert "# - controller.representative 'info@culture4life.de'" in text


def test_bad_input_is_one_message_and_exit_2_never_a_traceback(tmp_path: Path) -> None:
    broken = tmp_path / "broken.tilt.json"
    broken.write_text('{\n  "meta": {\n    "name": "x",\n  }\n}\n', encoding="utf-8")
    result = run_cli("import", "--from", "tilt", broken)
    assert result.returncode == 2
    assert result.stderr == (
        f"privlint: error: {broken}: line 4 column 3: not valid JSON: "
        "Expecting property name enclosed in double quotes\n"
    )
    assert result.stdout == ""
    missing = run_cli("import", "--from", "statement-nl", tmp_path / "nope.txt")
    assert missing.returncode == 2
    assert "Traceback" not in missing.stderr
    assert missing.stderr == (
        f"privlint: error: {tmp_path / 'nope.txt'}: cannot read file: No such file or directory\n"
    )
    os.mkfifo(tmp_path / "pipe.json")  # a blocking open would hang here
    fifo = run_cli("import", "--from", "tilt", tmp_path / "pipe.json")
    assert fifo.returncode == 2
    assert fifo.stderr.endswith(
        "pipe.json: is a named pipe (FIFO), not a regular file; name files only\n"
    )
    directory = run_cli("import", "--from", "tilt", tmp_path)
    assert directory.returncode == 2
    assert (
        directory.stderr == f"privlint: error: {tmp_path} is a directory; name one file to import\n"
    )


def test_unknown_format_is_a_usage_error() -> None:
    result = run_cli("import", "--from", "pdf", "x")
    assert result.returncode == 2
    assert "invalid choice: 'pdf'" in result.stderr


def test_a_large_import_is_not_refused_by_its_own_self_check(tmp_path: Path) -> None:
    """10,000 activities (over 50,000 YAML nodes, the loader's default cap for a file to
    check) import: the input was size-capped, and the output's check must not call its own
    size an internal error (it did, for 30,000 equal names)."""
    entry = {"category": "E-Mail", "purposes": [{"purpose": "Newsletter"}]}
    source = tmp_path / "in.tilt.json"
    source.write_text(json.dumps({"meta": {"name": "x"}, "dataDisclosed": [entry] * 10_000}))
    result = run_cli("import", "--from", "tilt", "-o", tmp_path / "out.yaml", source)
    assert (result.returncode, result.stderr) == (0, ""), result.stderr
    text = (tmp_path / "out.yaml").read_text(encoding="utf-8")
    assert text.count("\n  - id: e-mail") == 10_000 and "  - id: e-mail-10000\n" in text

"""A bounded fuzz of the examples: values at their extremes never crash or forge the gate.

Every example declaration is parsed, a few of its values are replaced by extremes (integers of
thousands of digits - over Python's 4,300-digit int() limit too, written into the text -,
dates in year 1 and 9999, durations of 5,000 digits, infinities, NaN, strings with line breaks
and bidi controls), and the result is checked with json, SARIF and JUnit output, under
`--max-file-size` values at their extremes.  Properties: no internal error, an exit code in
{0, 1, 2} - 2 exactly where the size limit is not a number from 0 to 1,000,000 - and output
that parses.  The size limit's extremes are also tried in `.privlint.yaml` and pyproject.toml.
Derandomised, so CI runs the same examples each time (well under a minute); PRIVLINT_FUZZ=<n>
runs n examples.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from privlint import app
from privlint.loader import parse_text
from tests.conftest import EXAMPLES, node_paths
from tests.test_properties import copy_tree, dump_yaml

SOURCES = {
    p.name: parse_text(p.read_text(encoding="utf-8"))[0] for p in sorted(EXAMPLES.glob("*.yaml"))
}
POINTERS = {name: node_paths(data)[1:] for name, data in SOURCES.items()}
SMALLEST = min(EXAMPLES.glob("*.yaml"), key=lambda p: p.stat().st_size)

EXTREMES: list[Any] = [
    0, -1, 1, 2**63, -(2**63), 10**4000, int("f" * 3000, 16),
    1e308, -1e308, float("inf"), float("-inf"), float("nan"), -0.0, 5e-324,
    True, False, None, "", " ", "0", "-0",
    "9999-12-31", "0001-01-01", "2026-02-29", "2024-02-29", "1970-01-01", "2999-01-01",
    "99999-01-01", "2026-13-45", "P" + "9" * 5000 + "D", "P0D", "PT0S", "P99999999Y",
    "P1Y2M3DT4H5M6S", "P", "PT", "P1Y1W", "P١D", "P1.5Y", "p1y",
    "a\n::error::x", "\u202eevil", "x" * 20_000, "a@" + "b." * 5_000 + " x", "NL", "US", "XK",
    "gdpr-6-1-a", "gdpr-9-2-z", "<<", "*", "&a", "!!python/object", "%", "{{value}}", "{value}",
    [], {}, [None], {"": None}, {"<<": {}}, [[[]]],
]  # fmt: skip
# integers no int() may read (over 4,300 digits) cannot be values here: markers stand in for
# them and are replaced by the integer's text in the YAML
RAW = {
    "RAW-HEX-5000": "0x" + "f" * 5000,
    "RAW-DEC-5000": "9" * 5000,
    "RAW-NEG-4400": "-" + "9" * 4400,
    "RAW-OCT-5000": "0o" + "7" * 5000,
    "RAW-FLOAT-HUGE": "1" + "0" * 5000 + ".5",
}
extremes = st.sampled_from(EXTREMES + list(RAW)) | st.integers() | st.text(max_size=12)

# --max-file-size (megabytes): valid from 0 (no limit) to 1,000,000, anything else exit 2
VALID_SIZES = ["0", "0.0", "1e-9", "0.001", "8", "1000000", "1e6"]
INVALID_SIZES = [
    "1e308", "-1", "-0.5", "1000001", "1e400", "9" * 5000, "0x" + "f" * 5000, "nan", "inf",
    "-inf", ".inf", "-.inf", ".nan", "lots", "true", "''",
]  # fmt: skip


def _examples() -> int:
    wanted = os.environ.get("PRIVLINT_FUZZ", "")
    return int(wanted) if wanted.isdigit() else 40


def _set(data: Any, pointer: tuple[Any, ...], value: Any) -> None:
    node = data
    for part in pointer[:-1]:
        node = node[part]
    node[pointer[-1]] = value


def _run(args: list[str]) -> tuple[int, str]:
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        try:
            code = app.main(args)
        except SystemExit as exc:  # argparse refuses a bad option value: its usage, exit 2
            code = exc.code if isinstance(exc.code, int) else 2
    text = err.getvalue()
    assert "internal error" not in text and "Traceback" not in text, text
    assert code in (0, 1, 2), text
    return code, text


@settings(
    max_examples=_examples(),
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(
    source=st.sampled_from(sorted(SOURCES)),
    picks=st.lists(st.tuples(st.integers(min_value=0), extremes), min_size=1, max_size=4),
    # half the examples at the usual limits, so that most of them reach the reporters
    max_size=st.sampled_from([None, "0", "0.001"]) | st.sampled_from(VALID_SIZES + INVALID_SIZES),
)
def test_extreme_values_in_the_examples(
    source: str, picks: list[tuple[int, Any]], max_size: str | None
) -> None:
    data = copy_tree(SOURCES[source])
    pointers = POINTERS[source]
    for index, value in picks:
        pointer = pointers[index % len(pointers)]
        with contextlib.suppress(KeyError, IndexError, TypeError):  # an earlier pick moved it
            _set(data, pointer, value)
    raw = dump_yaml(data)
    for marker, text in RAW.items():
        raw = raw.replace(marker.encode(), text.encode())
    size = [f"--max-file-size={max_size}"] if max_size else []
    with tempfile.TemporaryDirectory() as d, contextlib.chdir(d):
        Path("x.privacy.yaml").write_bytes(raw)
        base = ["check", *size, "x.privacy.yaml"]
        code, err = _run([*base, "-f", "json", "-o", "out.json", "--sarif", "out.sarif"])
        if max_size in INVALID_SIZES:
            assert code == 2 and "argument --max-file-size: must be a number" in err, err
            return
        assert code in (0, 1), err  # a bad file is a finding, never a usage error
        json.loads(Path("out.json").read_text(encoding="utf-8"))
        sarif = json.loads(Path("out.sarif").read_text(encoding="utf-8"))
        assert sarif["version"] == "2.1.0"
        assert _run([*base, "-f", "junit", "-o", "out.xml"])[0] == code
        ET.fromstring(Path("out.xml").read_text(encoding="utf-8"))


SIZE_CONFIGS = {
    ".privlint.yaml": "max-file-size: {}\n",
    "pyproject.toml": "[tool.privlint]\nmax-file-size = {}\n",
}


@pytest.mark.parametrize("config", sorted(SIZE_CONFIGS))
@pytest.mark.parametrize(
    ("value", "valid"),
    [(v, True) for v in VALID_SIZES] + [(v, False) for v in INVALID_SIZES],
    ids=[v[:12] for v in VALID_SIZES + INVALID_SIZES],
)
def test_max_file_size_extremes_in_the_config(
    config: str, value: str, valid: bool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """In either config file, a size limit that is no number from 0 to 1,000,000 is a config
    error with the file's name (exit 2), never an internal error or a silent default."""
    monkeypatch.chdir(tmp_path)
    Path("x.privacy.yaml").write_bytes(SMALLEST.read_bytes())
    Path(config).write_text(SIZE_CONFIGS[config].format(value), encoding="utf-8")
    code, err = _run(["check", "-f", "json", "-o", "out.json", "x.privacy.yaml"])
    if valid:
        assert code in (0, 1) and "error" not in err, err
        json.loads(Path("out.json").read_text(encoding="utf-8"))
    else:
        assert code == 2, err
        assert err.startswith(f"privlint: error: {tmp_path / config}"), err
        assert "max-file-size" in err or "invalid TOML" in err, err

"""Every example's statement in a real browser: headless Chromium (Debian's `chromium`).

The page must load with no console message at all (an error, a blocked resource, a script),
and a screenshot must come out.  Without the browser the test is skipped on a developer's
machine and fails in CI (CI=true): .ci/run installs it, so a missing browser there is a bug.
"""

from __future__ import annotations

import os
import re
import shutil
import struct
import subprocess
from pathlib import Path

import pytest

from tests.render.helpers import EXAMPLE_FILES, render_file

CHROMIUM = os.environ.get("PRIVLINT_CHROMIUM", "/usr/bin/chromium")
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--enable-logging=stderr",
    "--v=0",
    # nothing may be fetched: any attempt to reach a host fails (and would show up as an error)
    "--host-resolver-rules=MAP * ~NOTFOUND",
    "--window-size=1280,1600",
)
CONSOLE = re.compile(r":CONSOLE[:(]\d*\)?\]\s*(.*)")


def _browser() -> str:
    if shutil.which(CHROMIUM) or Path(CHROMIUM).is_file():
        return CHROMIUM
    if os.environ.get("CI") == "true":
        pytest.fail(f"{CHROMIUM} is missing in CI: .ci/run should have installed chromium")
    pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium)")


def _shoot(page: Path, tmp: Path) -> tuple[bytes, list[str]]:
    shot = tmp / "shot.png"
    result = subprocess.run(
        [
            _browser(),
            *FLAGS,
            f"--user-data-dir={tmp / 'profile'}",  # a fresh profile every time
            f"--screenshot={shot}",
            page.resolve().as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    console = [m.group(1) for m in map(CONSOLE.search, result.stderr.splitlines()) if m]
    return (shot.read_bytes() if shot.exists() else b""), console


def _png_size(png: bytes) -> tuple[int, int]:
    assert png[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    width, height = struct.unpack(">II", png[16:24])
    return width, height


def test_the_console_check_sees_an_error(tmp_path: Path) -> None:
    # the detector itself: a page that logs an error must be caught
    page = tmp_path / "control.html"
    page.write_text(
        '<!DOCTYPE html><html lang="en"><title>c</title><p>c</p>'
        '<script>console.error("privlint-control")</script></html>',
        encoding="utf-8",
    )
    _, console = _shoot(page, tmp_path)
    assert any("privlint-control" in line for line in console)


@pytest.mark.parametrize("example", EXAMPLE_FILES, ids=lambda p: p.name.split(".")[0])
def test_every_example_page_loads_cleanly_in_chromium(example: Path, tmp_path: Path) -> None:
    page = render_file(example, tmp_path / "statement.html")
    png, console = _shoot(page, tmp_path)
    assert console == []
    assert _png_size(png) == (1280, 1600)
    assert len(png) > 20_000  # a page with text on it, not a blank screen

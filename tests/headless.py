"""Headless Chromium for tests: find it (skip outside CI when absent), dump a page's rendered DOM."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--proxy-server=127.0.0.1:9", "--host-resolver-rules=MAP * ~NOTFOUND",
]


def chromium_or_skip() -> str:
    """Path of chromium; in CI its absence is a failure, elsewhere a skip with the reason."""
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if path:
        return path
    if os.environ.get("CI"):
        pytest.fail("chromium is not installed (.ci/run installs Debian's chromium)")
    pytest.skip("chromium is not installed here (apt-get install chromium)")


def dump_dom(chromium: str, page: Path, profile: Path) -> str:
    """The DOM after scripts ran."""
    done = subprocess.run(
        [chromium, *FLAGS, f"--user-data-dir={profile / 'chromium-profile'}", "--virtual-time-budget=3000", "--dump-dom", page.as_uri()],
        capture_output=True, text=True, timeout=120, check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout

"""Shared test helpers: repository data paths and an in-process CLI runner returning real exit codes."""

from __future__ import annotations

import io
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"
DEMO = ROOT / "fixtures" / "demo"


def run_cli(args: list[str]) -> tuple[int, str, str]:
    """Run `tmscreen ARGS` through detector.cli.main.main; returns (exit code, stdout, stderr)."""
    from detector.cli.main import main

    out, err = io.StringIO(), io.StringIO()
    code = 0
    with redirect_stdout(out), redirect_stderr(err):
        try:
            main([str(a) for a in args])
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def cli():
    return run_cli


@pytest.fixture
def cache_folder(tmp_path, monkeypatch):
    """An empty disk-cache folder of its own (TMSCREEN_CACHE_DIR) for a test of the cache."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("TMSCREEN_CACHE_DIR", str(folder))
    return folder

"""The console command's exit (detector.cli.main.entry): the exit status and messages of main(), the exit handlers
run and the streams flushed, without the interpreter's teardown."""

from __future__ import annotations

import subprocess
import sys

import pytest
from conftest import DEMO, ROOT

from detector.cli.main import _exit_status
from detector.version import __version__


def _run(code: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, cwd=ROOT, timeout=300)


def test_exit_handlers_run_and_output_is_flushed():
    code = (
        "import atexit, sys; atexit.register(lambda: sys.stdout.write('handler ran\\n')); "
        "from detector.cli.main import entry; sys.argv = ['tmscreen', '--version']; entry()"
    )
    done = _run(code)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [f"tmscreen, version {__version__}", "handler ran"]


def test_a_screening_and_a_bad_input_exit_with_their_status(tmp_path):
    out = tmp_path / "out"
    done = subprocess.run(
        [sys.executable, "-m", "detector", "screen", str(DEMO / "filings.csv"), "--out", str(out), "--lang", "en"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    assert "screening finished" in done.stdout and (out / "run.json").is_file()
    bad = tmp_path / "bad.csv"
    bad.write_text("filing_id,mark_text\nF1,阳光\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "detector", "screen", str(bad), "--out", str(tmp_path / "bad"), "--lang", "en"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=600,
    )
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "nice_class" in done.stderr and not (tmp_path / "bad").exists()


@pytest.mark.parametrize(("code", "status"), [(None, 0), (0, 0), (2, 2), (256, 0), (-1, 255)])
def test_exit_status_as_system_exit_gives_it(code, status):
    assert _exit_status(code) == status


def test_a_text_exit_is_printed_and_fails(capsys):
    assert _exit_status("stopped") == 1
    assert capsys.readouterr().err == "stopped\n"

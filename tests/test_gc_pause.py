"""The cyclic garbage collector and a screening (detector/gc_pause.py): a batch run pauses it and turns it back on
after; `tmscreen screen` keeps it off from its first line to its exit; other commands and the server keep it on."""

from __future__ import annotations

import gc
import subprocess
import sys

from conftest import DEMO, ROOT

from detector import gc_pause
from detector.pipeline import run


def test_paused_restores_and_nests():
    assert gc.isenabled()
    with gc_pause.paused():
        assert not gc.isenabled()
        with gc_pause.paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the inner block does not turn it back on
    assert gc.isenabled()


def test_paused_restores_after_an_error():
    try:
        with gc_pause.paused():
            raise ValueError("a bad row")
    except ValueError:
        pass
    assert gc.isenabled()


def test_a_batch_run_has_no_collection(monkeypatch):
    """No collection while the plan runs (they used to take ~0.9 s of the demo); the collector is on afterwards."""
    running, during = [], []

    def count(phase, info):
        if phase == "start" and running:
            during.append(info["generation"])

    def watched(result):
        running.append(gc.isenabled())
        try:
            return real(result)
        finally:
            running.clear()

    real = run.run_plan
    monkeypatch.setattr(run, "run_plan", watched)
    gc.callbacks.append(count)
    try:
        result = run.screen(DEMO / "filings.csv", DEMO / "applicants.csv", DEMO / "register.csv", jobs=1)
    finally:
        gc.callbacks.remove(count)
    assert len(result.scores) > 1000  # a real run: the demo's applicants
    assert during == []
    assert gc.isenabled()


def _collector_state(args: list[str]) -> str:
    """Run `python -m detector ARGS` with a subcommand that prints whether the collector is on."""
    code = f"""
import gc, click, sys
from detector.cli import main as m
@click.command(name={args[0]!r})
def probe():
    print("enabled" if gc.isenabled() else "paused")
m.cli.add_command(probe)
sys.argv = ["tmscreen", *{args!r}]
m.entry()
"""
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_the_screen_command_runs_paused_and_others_do_not():
    assert _collector_state(["screen"]) == "paused"  # a stand-in named screen: the group leaves it paused
    assert _collector_state(["rules-probe"]) == "enabled"


def test_freeze_warm_heap_keeps_collecting_new_objects():
    code = """
import gc
gc.disable()
from detector import gc_pause
held = [[i] for i in range(1000)]
gc_pause.freeze_warm_heap()
print(gc.isenabled(), gc.get_freeze_count() >= 1000)
"""
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.stdout.split() == ["True", "True"], done.stderr

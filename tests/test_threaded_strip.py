"""Stripping a large table's cells in threads (detector/io/validate.py, THREADED_STRIP_CELLS): the same frame as
column by column in this thread, and no thread left running afterwards (the next stage may fork)."""

from __future__ import annotations

import threading

import pandas as pd

from detector.io import validate


def _frame(n: int) -> pd.DataFrame:
    cells = [" 甲 ", "乙\u3000", "\t丙", "丁", "", "  ", "Acme Co ", "\u00a0x\u00a0", "line\n"]
    return pd.DataFrame({f"c{k}": [cells[(i + k) % len(cells)] for i in range(n)] for k in range(5)}, dtype="str")


def test_threads_strip_what_one_thread_strips(monkeypatch):
    frame = _frame(3_000)
    monkeypatch.setattr(validate, "THREADED_STRIP_CELLS", 10**12)
    alone = validate._stripped(frame)
    monkeypatch.setattr(validate, "THREADED_STRIP_CELLS", 1)
    monkeypatch.setattr(validate, "usable_cpus", lambda: 2)
    before = threading.active_count()
    threaded = validate._stripped(frame)
    assert threading.active_count() == before
    pd.testing.assert_frame_equal(threaded, alone)
    assert threaded["c0"].iloc[0] == "甲" and threaded["c1"].iloc[0] == "乙" and list(threaded.columns) == list(frame)

"""One batch, one transaction: a writer killed (SIGKILL) mid-record leaves the registry exactly as before, and two
writers at once are serialised (each sees the other's committed filings, never half of them). Real processes,
real SQLite files and a real PostgreSQL server."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import psycopg
from conftest import ROOT
from pg_server import pg_admin_url_fixture, pg_database_fixture, registry_url_fixture  # noqa: F401
from registry_fixtures import batch, large_batch

from detector.registry import open_registry

WRITER = """
import sys
sys.path.insert(0, {tests!r})
from registry_fixtures import large_batch
from detector.registry import open_registry
rec = large_batch(sys.argv[2], int(sys.argv[3]), start=int(sys.argv[4]))
with open_registry(sys.argv[1]) as reg:
    print("recorded" if reg.record_batch(rec) else "already", flush=True)
"""


def _writer(target: str, batch_id: str, n: int, start: int = 0) -> subprocess.Popen:
    code = WRITER.format(tests=str(ROOT / "tests"))
    return subprocess.Popen(
        [sys.executable, "-c", code, target, batch_id, str(n), str(start)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _snapshot(target: str) -> dict[str, pd.DataFrame]:
    with open_registry(target, create=False) as reg:
        return {
            "batches": reg.batches(),
            "entries": reg.entries(),
            "history": reg.history(applicant_ids=[f"LA{i}" for i in range(5000)] + ["A", "B"]).filings,
            "status": reg.entry("A")["history"],
        }


def _writing_now(target: str) -> bool:
    """True once the writer is inside its transaction and has written rows (not merely waiting)."""
    if "://" not in target:
        wal = Path(target + "-wal")
        try:
            probe = sqlite3.connect(target, timeout=0)
            probe.execute("BEGIN IMMEDIATE")
            probe.rollback()
            probe.close()
            return False
        except sqlite3.OperationalError:  # the write lock is held by the writer
            return wal.exists() and wal.stat().st_size > 1_000_000  # and pages of the batch are in the log
    with psycopg.connect(target, autocommit=True) as conn:
        row = conn.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND state = 'active'"
            " AND (query LIKE 'COPY%' OR query LIKE 'INSERT%')"
        ).fetchone()
        return row[0] > 0


def test_a_writer_killed_mid_record_leaves_the_registry_as_before(registry_url):
    with open_registry(registry_url) as reg:
        reg.record_batch(batch("b0", [("F1", "A", "星光", "2024-01-01")], flagged={"A": 70.0}))
    before = _snapshot(registry_url)
    proc = _writer(registry_url, "big", 300_000)
    deadline = time.monotonic() + 300
    seen = False
    while time.monotonic() < deadline and proc.poll() is None:
        if _writing_now(registry_url):
            seen = True
            break
        time.sleep(0.05)
    assert seen, f"the writer never got to write (exit {proc.poll()}): {proc.stderr.read() if proc.poll() else ''}"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=60)
    assert proc.returncode == -signal.SIGKILL
    after = _snapshot(registry_url)
    for key in before:
        pd.testing.assert_frame_equal(before[key], after[key])
    with open_registry(registry_url, create=False) as reg:
        assert not reg.batch_recorded("big")
        # the lock is free again: the next writer records the same batch in full
        assert reg.record_batch(large_batch("big", 2_000))
        assert reg.batches().set_index("batch_id").loc["big", "n_new_filings"] == 2_000


def test_two_writers_at_once_are_serialised(registry_url):
    with open_registry(registry_url):
        pass  # create the schema first, so both writers only write rows
    # w1 (filings L-0 ... L-59999) and w2 (L-40000 ... L-99999) share 20,000 filings; the third is w1 again
    procs = [
        _writer(registry_url, "w1", 60_000, start=0),
        _writer(registry_url, "w2", 60_000, start=40_000),
        _writer(registry_url, "w1", 60_000, start=0),
    ]
    outs = []
    for proc in procs:
        out, err = proc.communicate(timeout=600)
        assert proc.returncode == 0, err[-3000:]
        outs.append(out.strip())
    assert sorted(outs) == ["already", "recorded", "recorded"]
    assert outs[1] == "recorded"
    with open_registry(registry_url, create=False) as reg:
        b = reg.batches().set_index("batch_id")
        stored = reg.history(applicant_ids=[f"LA{i}" for i in range(6000)]).filings
    # whichever wrote first stored its 60,000; the other saw them committed and stored only its 40,000 others.
    # Interleaved writers would both have counted the shared 20,000 as new (or failed on the primary key).
    first, second = sorted(["w1", "w2"], key=lambda x: b.loc[x, "recorded_at"])
    assert b.loc[first, "n_new_filings"] == 60_000 and b.loc[second, "n_new_filings"] == 40_000
    assert b.loc["w1", "n_filings"] == 60_000 and b.loc["w2", "n_filings"] == 60_000
    assert len(stored) == 100_000 and stored["filing_id"].is_unique
    assert stored.groupby("batch_id").size().to_dict() == {first: 60_000, second: 40_000}

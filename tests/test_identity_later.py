"""The applicants' identity keys made in a forked child while the graph is built (prepare_batch's `later`): the
batch a run gets once they are settled equals the one made in turn, and a screening with jobs writes the same files."""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
from forked_work import assert_same_files, first_pid, record_pids

import detector.batch as batch_module
from detector.batch import (
    batch_key_table,
    drop_identity_column,
    prepare_batch,
    register_owner_keys,
    settle_identity,
)
from detector.fork_map import fork_later
from detector.io import load_inputs

DEMO = Path(__file__).resolve().parents[1] / "fixtures" / "demo"


def test_settled_later_keys_equal_the_keys_made_now():
    inputs = load_inputs(DEMO / "filings.csv", DEMO / "applicants.csv", DEMO / "register.csv")
    now = prepare_batch(inputs)
    later = prepare_batch(inputs, later=lambda task: fork_later(task, "identity keys"))
    assert "identity_keys" not in later.applicants.columns and "self_keys" not in later.memo
    settle_identity(later)
    settle_identity(later)  # idempotent
    pd.testing.assert_frame_equal(later.applicants, now.applicants)
    # The child's own keys stay there: its key table holds them (those made here, in the same rows).
    assert "self_keys" not in later.memo and "self_keys" in now.memo
    assert list(now.applicants.columns)[-1] == "identity_keys"
    # Made in the child beside them, the tables the partition stage reads next: those made here from the keys.
    assert "key_table" not in now.memo and "register_owner_keys" not in now.memo  # in turn: made when asked
    pd.testing.assert_frame_equal(later.memo["key_codes"].frame(), batch_key_table(now))
    codes, keys = later.memo["register_owner_keys"]
    now_codes, now_keys = register_owner_keys(now)
    assert codes.tolist() == now_codes.tolist() and keys.tolists() == now_keys.tolists() and len(keys) > 100


def test_the_identity_column_goes_once_the_key_table_holds_the_keys():
    """A batch whose child made the key table drops the column (the partitions read the table); the pending child's
    result is not kept by the executor's list either. A batch without a key table keeps the column: key_table()
    reads it."""
    import gc
    import weakref

    inputs = load_inputs(DEMO / "filings.csv", DEMO / "applicants.csv", DEMO / "register.csv")
    now = prepare_batch(inputs)
    settle_identity(now)
    drop_identity_column(now)
    assert list(now.applicants.columns)[-1] == "identity_keys"
    pending = []
    later = prepare_batch(inputs, later=lambda task: pending.append(fork_later(task, "identity keys")) or pending[-1])
    settle_identity(later)
    column = weakref.ref(later.applicants["identity_keys"].array)
    drop_identity_column(later)
    assert "identity_keys" not in later.applicants.columns
    assert list(later.applicants.columns) == list(now.applicants.columns)[:-1]
    gc.collect()
    assert column() is None and pending[0]._done == ()  # nothing holds the keys' column any more
    pd.testing.assert_frame_equal(batch_key_table(later), batch_key_table(now))


def test_screening_with_jobs_makes_the_keys_in_a_child(tmp_path, monkeypatch):
    from detector.api import run_screening

    pids = tmp_path / "pids"
    record_pids(monkeypatch, batch_module, "_identity_keys", pids)
    kwargs = {"applicants": DEMO / "applicants.csv", "register": DEMO / "register.csv", "lang": "en"}
    run_screening(DEMO / "filings.csv", out=tmp_path / "two", jobs=2, partition_filings=1000, **kwargs)
    assert first_pid(pids) != os.getpid()
    run_screening(DEMO / "filings.csv", out=tmp_path / "one", jobs=1, **kwargs)
    assert first_pid(pids) == os.getpid()
    assert_same_files(tmp_path / "one", tmp_path / "two")


def test_a_run_keeps_neither_the_applicants_file_nor_the_keys_column_once_read():
    """After normalization the applicants file as given is released (the identity keys were made from it); a run
    whose key table was made beside the keys drops the applicants' keys column; a small run in turn keeps it (its
    key table is made from it, later)."""
    from detector.pipeline.run import screen

    kwargs = {"applicants": DEMO / "applicants.csv", "register": DEMO / "register.csv", "lang": "en"}
    forked = screen(DEMO / "filings.csv", jobs=2, partition_filings=1000, **kwargs)
    assert forked.inputs.registry is None and forked.inputs.applicants is not None
    assert "identity_keys" not in forked.batch.applicants.columns and "key_codes" in forked.batch.memo
    alone = screen(DEMO / "filings.csv", jobs=1, **kwargs)
    assert alone.inputs.registry is None
    assert "identity_keys" in alone.batch.applicants.columns
    pd.testing.assert_frame_equal(alone.flagged(), forked.flagged())

"""A partition's key tables come from the batch's (detector.batch.key_rows_of, PartitionContext): the same rows a
partition would make on its own, and its screening unchanged."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from detector.batch import batch_key_table, key_rows_of, prepare_batch
from detector.io import load_inputs
from detector.normalize.identity import key_table
from detector.normalize.key_pairs import CodedKeyTable
from detector.pipeline import partitions

DEMO = Path(__file__).resolve().parents[1] / "fixtures" / "demo"


@pytest.fixture(scope="module")
def batch():
    return prepare_batch(load_inputs(DEMO / "filings.csv", DEMO / "applicants.csv", DEMO / "register.csv"))


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_key_rows_of_is_the_key_table_of_those_applicants(batch, seed):
    rng = np.random.default_rng(seed)
    codes = np.sort(rng.choice(batch.n_apps, size=batch.n_apps // 3, replace=False))
    own = batch.memo["self_keys"]
    expected = key_table(batch.applicants.iloc[codes].reset_index(drop=True), own=[own[c] for c in codes])
    got = key_rows_of(batch_key_table(batch), codes)
    pd.testing.assert_frame_equal(got, expected)
    assert len(got) > len(codes)  # several keys an applicant: the rows were really taken
    # The same rows from the table with its keys coded (what a forked partition gets from the identity child), kept
    # coded on the same vocabulary.
    coded = CodedKeyTable.of_frame(batch_key_table(batch))
    rows = key_rows_of(coded, codes)
    assert isinstance(rows, CodedKeyTable) and rows.vocab is coded.vocab
    pd.testing.assert_frame_equal(rows.frame(), expected)


@pytest.mark.parametrize("seed", [0, 1])
def test_key_rows_for_gives_the_rows_of_those_applicants_from_either_table(batch, seed):
    """key_rows_for: the key table's rows of some applicants, in table order with their own codes, the same from
    the frame and from the coded table (which makes no frame of the whole table for it)."""
    from detector.batch import Batch, key_rows_for

    rng = np.random.default_rng(seed)
    codes = np.sort(rng.choice(batch.n_apps, size=40, replace=False))
    table = batch_key_table(batch)
    expected = table[table["app"].isin(codes)]
    got = key_rows_for(batch, codes)
    pd.testing.assert_frame_equal(got, expected)
    only_codes = Batch(
        batch.filings, batch.filing_classes, batch.applicants, batch.register,
        memo={"key_codes": CodedKeyTable.of_frame(table)},
    )  # fmt: skip
    coded = key_rows_for(only_codes, codes)
    assert "key_table" not in only_codes.memo and set(coded["app"]) == set(codes)
    pd.testing.assert_frame_equal(coded, expected.reset_index(drop=True))


def test_the_coded_key_table_is_the_key_table(batch):
    """A coded key table gives back the frame it was made of, each row's key by position among wanted texts (-1
    where absent), and the batch's key positions read it without making the frame."""
    from detector.batch import Batch, key_positions

    table = batch_key_table(batch)
    coded = CodedKeyTable.of_frame(table)
    assert len(coded) == len(table) and coded.code.dtype == np.int32 and len(coded.vocab) < len(table)
    pd.testing.assert_frame_equal(coded.frame(), table)
    wanted = list(dict.fromkeys(table["key"].iloc[::7].tolist()))[:50] + ["n:不在表中"]
    expected = [wanted.index(k) if k in wanted else -1 for k in table["key"].tolist()]
    assert coded.positions(wanted).tolist() == expected and max(expected) == 49
    only_codes = Batch(batch.filings, batch.filing_classes, batch.applicants, batch.register, memo={"key_codes": coded})
    app, at = key_positions(only_codes, wanted)
    assert at.tolist() == expected and app.tolist() == table["app"].tolist()
    assert "key_table" not in only_codes.memo  # no frame was made for it
    pd.testing.assert_frame_equal(batch_key_table(only_codes), table)  # asked for: made from the codes


def test_rows_not_grouped_by_applicant_take_the_search_of_every_row(batch):
    """A table whose rows are not in applicant order (key_table() never writes one) still gives each code's rows,
    in the table's order: the runs' binary search only applies to a sorted table."""
    table = batch_key_table(batch)
    shuffled = table.take(np.random.default_rng(3).permutation(len(table))).reset_index(drop=True)
    codes = np.arange(0, batch.n_apps, 4)
    got = key_rows_of(shuffled, codes)
    wanted = shuffled[shuffled["app"].isin(codes)]
    assert got["key"].tolist() == wanted["key"].tolist()
    assert got["app"].tolist() == np.searchsorted(codes, wanted["app"].to_numpy()).tolist()
    assert not np.all(np.diff(got["app"].to_numpy()) >= 0)  # the table's order, not the codes'


def test_no_codes_no_rows(batch):
    got = key_rows_of(batch_key_table(batch), np.zeros(0, dtype=np.int64))
    assert got.empty and list(got.columns) == ["app", "key"]


def test_partitions_take_the_batch_tables(tmp_path, monkeypatch):
    """Screened in four forked partitions, each partition's batch holds its rows of the batch's key table and the
    register owners' keys, and the outputs are those of a run where every partition made its own."""
    from detector.pipeline.run import screen
    from detector.report import write_outputs

    seen = []
    built = partitions.local_batch

    def spy(ctx, part):
        local = built(ctx, part)
        assert local.memo["register_owner_keys"] is ctx.register_owner_keys
        fresh = key_table(local.applicants, own=local.memo["self_keys"])
        pd.testing.assert_frame_equal(local.memo["key_table"], fresh)
        seen.append(part.number)
        return local

    def run(out: Path) -> dict[str, bytes]:
        result = screen(
            DEMO / "filings.csv",
            DEMO / "applicants.csv",
            DEMO / "register.csv",
            lang="en",
            jobs=1,
            partition_filings=1000,
        )
        write_outputs(result, out, {}, reports=False)
        return {p.name: p.read_bytes() for p in sorted(out.iterdir()) if p.suffix == ".csv"}

    monkeypatch.setattr(partitions, "local_batch", spy)
    shared = run(tmp_path / "shared")
    assert sorted(seen) == [0, 1, 2, 3]

    def own_tables(ctx, part):
        ctx.key_table = ctx.register_owner_keys = None
        return built(ctx, part)

    monkeypatch.setattr(partitions, "local_batch", own_tables)
    assert run(tmp_path / "own") == shared

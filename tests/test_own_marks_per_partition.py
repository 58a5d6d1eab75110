"""Forked partitions, one a worker, make their own applicants' own marks and famous-owner flags (pipeline/stages.py,
partition): the same values as the whole batch screened in this process, where the partition stage makes them for all
(and as more partitions than workers, where it makes them too)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from detector.pipeline.run import screen

DEMO = Path(__file__).resolve().parents[1] / "fixtures" / "demo"
COLUMNS = ["own_mark_share", "owns_famous_mark"]


def _metrics(result) -> pd.DataFrame:
    am = result.applicant_metrics[["applicant_id", *COLUMNS]]
    return am.sort_values("applicant_id", kind="stable").reset_index(drop=True)


def test_partitions_make_their_own_marks():
    inputs = dict(applicants=DEMO / "applicants.csv", register=DEMO / "register.csv", lang="en")
    whole = screen(DEMO / "filings.csv", jobs=1, **inputs)
    forked = screen(DEMO / "filings.csv", jobs=2, partition_filings=2000, **inputs)  # two partitions
    context = forked.partition_context
    assert context.own_filings is None and context.famous is None  # left to the partitions
    got, expected = _metrics(forked), _metrics(whole)
    pd.testing.assert_frame_equal(got, expected)
    # The demo has own marks and famous owners to get right, not only zeros.
    assert (expected["own_mark_share"] > 0).sum() >= 20 and expected["owns_famous_mark"].astype(bool).any()
    np.testing.assert_array_equal(forked.scores["score"].to_numpy(), whole.scores["score"].to_numpy())


def test_more_partitions_than_workers_take_them_from_the_partition_stage():
    inputs = dict(applicants=DEMO / "applicants.csv", register=DEMO / "register.csv", lang="en")
    whole = screen(DEMO / "filings.csv", jobs=1, **inputs)
    forked = screen(DEMO / "filings.csv", jobs=2, partition_filings=1000, **inputs)  # four partitions, two workers
    context = forked.partition_context
    assert context.own_filings is not None and context.famous is not None
    pd.testing.assert_frame_equal(_metrics(forked), _metrics(whole))

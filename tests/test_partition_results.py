"""A partition's result leaves out the filing columns the batch already holds (partitions.BATCH_COLUMNS), and the
merge puts the batch's own back: the filing metrics equal a whole-batch run's, column for column."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

import detector.pipeline.stages as stages
from detector.pipeline import partitions
from detector.pipeline.run import screen

DEMO = Path(__file__).resolve().parents[1] / "fixtures" / "demo"


def test_results_leave_out_the_batch_columns_and_the_merge_restores_them(monkeypatch):
    sent: list[list[str]] = []
    real = partitions.screen_partition

    def spy(ctx, part):
        result = real(ctx, part)
        sent.append(list(result.filing_metrics.columns))
        return result

    monkeypatch.setattr(stages, "screen_partition", spy)
    kwargs = {"applicants": DEMO / "applicants.csv", "register": DEMO / "register.csv", "lang": "en", "jobs": 1}
    split = screen(DEMO / "filings.csv", partition_filings=1000, **kwargs)  # four partitions, in this process
    whole = screen(DEMO / "filings.csv", **kwargs)
    assert len(sent) == 5 and all(not set(partitions.BATCH_COLUMNS) & set(columns) for columns in sent)
    fm = split.filing_metrics
    assert list(fm.columns[:8]) == [
        "filing_idx", "filing_id", "app", "applicant_id", "applicant_name", "mark_text", "filing_date", "nice_class"
    ]  # fmt: skip
    pd.testing.assert_frame_equal(fm, whole.filing_metrics)
    for column in partitions.BATCH_COLUMNS:
        assert fm[column].tolist() == split.batch.filings[column].tolist()

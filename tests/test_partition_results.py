"""A partition's result leaves out the filing columns the parent already holds (partitions.HELD_COLUMNS: the batch's
filing columns and the batch-wide herd's), and the merge puts the parent's own back: the filing metrics equal a
whole-batch run's, column for column. A herd column a rule test states stays in the result."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import detector.pipeline.stages as stages
from detector.engines.executor import Executor
from detector.metrics.filing.herd import HERD_COLUMNS
from detector.pipeline import partitions
from detector.pipeline.plan import run_plan
from detector.pipeline.progress import Progress
from detector.pipeline.request import ScreenRequest
from detector.pipeline.result import ScreenResult
from detector.pipeline.run import screen

DEMO = Path(__file__).resolve().parents[1] / "fixtures" / "demo"


@pytest.fixture
def sent(monkeypatch) -> list[list[str]]:
    """The filing-metric columns of each partition result, in the order the partitions end."""
    columns: list[list[str]] = []
    real = partitions.screen_partition

    def spy(ctx, part):
        result = real(ctx, part)
        columns.append(list(result.filing_metrics.columns))
        return result

    monkeypatch.setattr(stages, "screen_partition", spy)
    return columns


def test_results_leave_out_the_batch_columns_and_the_merge_restores_them(sent):
    kwargs = {"applicants": DEMO / "applicants.csv", "register": DEMO / "register.csv", "lang": "en", "jobs": 1}
    split = screen(DEMO / "filings.csv", partition_filings=1000, **kwargs)  # four partitions, in this process
    whole = screen(DEMO / "filings.csv", **kwargs)
    assert len(sent) == 5 and all(not set(partitions.HELD_COLUMNS) & set(columns) for columns in sent)
    assert set(HERD_COLUMNS) < set(partitions.HELD_COLUMNS)
    fm = split.filing_metrics
    assert list(fm.columns[:8]) == [
        "filing_idx", "filing_id", "app", "applicant_id", "applicant_name", "mark_text", "filing_date", "nice_class"
    ]  # fmt: skip
    pd.testing.assert_frame_equal(fm, whole.filing_metrics)
    for column in partitions.BATCH_COLUMNS:
        assert fm[column].tolist() == split.batch.filings[column].tolist()


def test_a_stated_herd_column_stays_in_the_result(sent):
    records = {
        "filings": [
            {
                "filing_id": f"T{i}",
                "applicant_name": "甲公司",
                "mark_text": f"测试{i}",
                "nice_class": "9",
                "filing_date": "2024-01-02",
            }
            for i in range(3)
        ],
        "source": "test",
    }
    request = ScreenRequest(records=records, lang="en", metric_overrides={"filing": {"herd_applicants": 7}})
    s = run_plan(ScreenResult(request, Executor(jobs=1), Progress(quiet=True)))
    assert "herd_applicants" in sent[0] and "wave_members" not in sent[0]
    assert s.filing_metrics["herd_applicants"].tolist() == [7, 7, 7]


def test_the_parent_lets_go_of_the_marks_only_its_partition_stage_read():
    """canon_marks and mark_codes (the own marks) and the herd's term pairs: gone from the parent's batch once the
    partitions are planned, kept by a batch screened whole (its partition is the batch itself)."""
    kwargs = {"applicants": DEMO / "applicants.csv", "register": DEMO / "register.csv", "lang": "en", "jobs": 1}
    split = screen(DEMO / "filings.csv", partition_filings=1000, **kwargs)
    whole = screen(DEMO / "filings.csv", **kwargs)
    released = {"canon_marks", "mark_codes", "wave_term_pairs"}
    assert not released & set(split.batch.memo)
    assert {"canon_marks", "mark_codes"} <= set(whole.batch.memo)
    pd.testing.assert_frame_equal(split.applicant_metrics, whole.applicant_metrics)
    pd.testing.assert_frame_equal(split.scores, whole.scores)

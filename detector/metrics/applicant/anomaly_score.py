"""anomaly_score: how unusual the applicant's filing pattern is within the whole batch (detector/metrics/anomaly.py).

Batch-wide: computed once over the merged applicant table, after the partitions, never inside one."""

from __future__ import annotations

import pandas as pd

from detector.metrics.anomaly import anomaly_score as score
from detector.metrics.registry import Columns, Metric, computes
from detector.text import Text


@computes(
    "applicant",
    order=1000,
    over_batch=True,
    metrics=[
        Metric(
            "anomaly_score",
            "number",
            "0-1",
            Text(
                en="Isolation-forest outlier score over applicant metrics (0 ordinary .. 1 most unusual); "
                "unusual is not bad faith",
                zh="基于申请人指标的孤立森林异常分（0普通…1最异常）；异常不等于恶意",
            ),
        )
    ],
)
def anomaly_score(table: pd.DataFrame) -> Columns:
    return {"anomaly_score": score(table)}

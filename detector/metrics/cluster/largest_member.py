"""max_member_filings: the filings of the cluster's busiest member (volume split across members shows as a low
share)."""

from __future__ import annotations

import numpy as np

from detector.metrics.cluster.table import ClusterMetricInputs
from detector.metrics.registry import Columns, Metric, computes
from detector.text import Text


@computes(
    "cluster",
    order=30,
    metrics=[
        Metric(
            "max_member_filings",
            "number",
            "filings",
            Text(en="Filings of the largest member (volume split shows as a low share)", zh="成员中最大申请量"),
        )
    ],
)
def largest_member(x: ClusterMetricInputs) -> Columns:
    most = np.zeros(x.n_clusters, dtype=np.int64)
    np.maximum.at(most, x.cluster_code[x.members], x.applicant_metrics["n_filings"].to_numpy()[x.members])
    return {"max_member_filings": most}

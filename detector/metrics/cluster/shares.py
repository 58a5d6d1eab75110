"""The members' shares over all their filings: transferred, short arbitrary marks, own marks."""

from __future__ import annotations

import numpy as np

from detector.metrics.cluster.table import ClusterMetricInputs
from detector.metrics.registry import Columns, Metric, computes
from detector.text import Text


@computes(
    "cluster",
    order=70,
    metrics=[
        Metric(
            "transfer_ratio",
            "number",
            "share 0-1",
            Text(en="Share of member filings assigned to others", zh="成员申请中已转让的比例"),
        ),
        Metric(
            "short_mark_share", "number", "share 0-1", Text(en="Share of short arbitrary marks", zh="短小随意商标比例")
        ),
        Metric(
            "own_mark_share",
            "number",
            "share 0-1",
            Text(en="Share of filings of members' own marks", zh="成员自有商标申请比例"),
        ),
    ],
)
def shares(x: ClusterMetricInputs) -> Columns:
    am = x.applicant_metrics
    filings = am["n_filings"].to_numpy()
    per_cluster = np.maximum(x.n_filings, 1)
    return {
        col: x.member_sum(am[col].to_numpy() * filings) / per_cluster
        for col in ("transfer_ratio", "short_mark_share", "own_mark_share")
    }

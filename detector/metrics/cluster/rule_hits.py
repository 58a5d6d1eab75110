"""Member filings that filing rules flagged, per rule group: public-interest signs and squatting."""

from __future__ import annotations

import numpy as np

from detector.metrics.cluster.table import ClusterMetricInputs
from detector.metrics.registry import Columns, Metric, computes
from detector.text import Text


@computes(
    "cluster",
    order=40,
    metrics=[
        Metric(
            "protected_sign_hits",
            "number",
            "filings",
            Text(en="Member filings hit by public-interest rules", zh="成员命中公共利益类规则的申请件数"),
        ),
        Metric(
            "famous_mark_hits",
            "number",
            "filings",
            Text(en="Member filings hit by squatting rules", zh="成员命中抢注类规则的申请件数"),
        ),
    ],
)
def rule_hits(x: ClusterMetricInputs) -> Columns:
    return {
        col: x.member_sum(x.applicant_metrics[col].to_numpy()).astype(np.int64)
        for col in ("protected_sign_hits", "famous_mark_hits")
    }

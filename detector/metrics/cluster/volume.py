"""How much the cluster's members file together: filings, distinct classes, distinct marks."""

from __future__ import annotations

import numpy as np

from detector.metrics.applicant.table import distinct_count, mark_codes
from detector.metrics.cluster.table import ClusterMetricInputs
from detector.metrics.registry import Columns, Metric, computes
from detector.text import Text


@computes(
    "cluster",
    order=20,
    metrics=[
        Metric("n_filings", "number", "filings", Text(en="Filings of all members", zh="全部成员的申请件数")),
        Metric(
            "n_classes",
            "number",
            "classes",
            Text(en="Distinct classes over all members", zh="全部成员指定的不同类别数"),
        ),
        Metric(
            "n_marks",
            "number",
            "marks",
            Text(en="Distinct canonical marks over all members", zh="全部成员的不同商标数"),
        ),
    ],
)
def volume(x: ClusterMetricInputs) -> Columns:
    """Distinct classes and marks per cluster by integer codes (distinct_count), not by frames of pairs."""
    fc = x.batch.filing_classes
    fc_cl = x.cluster_code[fc["app"].to_numpy()] if len(fc) else np.zeros(0, dtype=np.int64)
    in_class = fc_cl >= 0
    marks, uniques = mark_codes(x.batch)
    in_mark = (x.filing_cluster >= 0) & (uniques != "")[marks]
    return {
        "n_filings": x.n_filings,
        "n_classes": distinct_count(fc_cl[in_class], fc["nice_class"].to_numpy()[in_class], x.n_clusters),
        "n_marks": distinct_count(x.filing_cluster[in_mark], marks[in_mark], x.n_clusters),
    }

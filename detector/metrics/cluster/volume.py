"""How much the cluster's members file together: filings, distinct classes, distinct marks."""

from __future__ import annotations

import numpy as np
import pandas as pd

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
    fc = x.batch.filing_classes
    fc_cl = x.cluster_code[fc["app"].to_numpy()] if len(fc) else np.zeros(0, dtype=np.int64)
    classes = pd.DataFrame({"c": fc_cl, "k": fc["nice_class"].to_numpy()})
    classes = classes[classes["c"] >= 0].drop_duplicates()
    marks = pd.DataFrame({"c": x.filing_cluster, "m": x.batch.filings["canon"].to_numpy()})
    marks = marks[(marks["c"] >= 0) & marks["m"].ne("")].drop_duplicates()
    return {
        "n_filings": x.n_filings,
        "n_classes": np.bincount(classes["c"].to_numpy(), minlength=x.n_clusters),
        "n_marks": np.bincount(marks["c"].to_numpy(), minlength=x.n_clusters),
    }

"""n_members: applicants in the cluster."""

from __future__ import annotations

import numpy as np

from detector.metrics.cluster.table import ClusterMetricInputs
from detector.metrics.registry import Columns, Metric, computes
from detector.text import Text


@computes(
    "cluster",
    order=10,
    metrics=[Metric("n_members", "number", "applicants", Text(en="Applicants in the cluster", zh="集群成员数"))],
)
def members(x: ClusterMetricInputs) -> Columns:
    return {"n_members": np.bincount(x.cluster_code[x.cluster_code >= 0], minlength=x.n_clusters)}

"""n_members: applicants in the cluster; n_organisations: how many of them are not natural persons (a cluster of
natural persons is held to a natural person's lower line)."""

from __future__ import annotations

import numpy as np

from detector.metrics.applicant.table import text_eq
from detector.metrics.cluster.table import ClusterMetricInputs
from detector.metrics.registry import Columns, Metric, computes
from detector.text import Text


@computes(
    "cluster",
    order=10,
    metrics=[
        Metric("n_members", "number", "applicants", Text(en="Applicants in the cluster", zh="集群成员数")),
        Metric(
            "n_organisations",
            "number",
            "applicants",
            Text(en="Members that are not natural persons (companies, other organisations)", zh="非自然人成员数"),
        ),
    ],
)
def members(x: ClusterMetricInputs) -> Columns:
    person = text_eq(x.batch.applicants["entity_type"], "individual")
    return {
        "n_members": np.bincount(x.cluster_code[x.cluster_code >= 0], minlength=x.n_clusters),
        "n_organisations": x.member_sum((~person).astype(np.float64)).astype(np.int64),
    }

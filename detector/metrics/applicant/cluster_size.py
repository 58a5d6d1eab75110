"""cluster_size: members of the applicant's linked cluster, from the graph stage (1 if it has none)."""

from __future__ import annotations

from detector.metrics.applicant.table import ApplicantMetricInputs
from detector.metrics.registry import Columns, Metric, computes
from detector.text import Text


@computes(
    "applicant",
    order=150,
    metrics=[
        Metric(
            "cluster_size",
            "number",
            "applicants",
            Text(en="Members of the applicant's linked cluster (1 if none)", zh="所在关联集群的成员数（无则为1）"),
        )
    ],
)
def cluster_size(x: ApplicantMetricInputs) -> Columns:
    return {"cluster_size": x.cluster_size}

"""n_link_types: how many kinds of ties bind the members; beside it the context column `links` names them."""

from __future__ import annotations

from detector.metrics.cluster.table import ClusterMetricInputs
from detector.metrics.registry import Columns, Metric, computes
from detector.text import Text


@computes(
    "cluster",
    order=60,
    metrics=[
        Metric(
            "n_link_types",
            "number",
            "types",
            Text(en="Distinct kinds of links tying the members", zh="成员间关联类型数"),
        )
    ],
    context=("links",),
)
def link_types(x: ClusterMetricInputs) -> Columns:
    return {
        "n_link_types": [len(x.link_types.get(cid, [])) for cid in x.cluster_ids],
        "links": [";".join(x.link_types.get(cid, [])) for cid in x.cluster_ids],
    }

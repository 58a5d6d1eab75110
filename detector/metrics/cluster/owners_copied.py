"""distinct_owners_copied: how many owners' marks the cluster's members copy between them."""

from __future__ import annotations

import pandas as pd

from detector.metrics.applicant.table import distinct_count
from detector.metrics.cluster.table import ClusterMetricInputs
from detector.metrics.registry import Columns, Metric, computes
from detector.text import Text


@computes(
    "cluster",
    order=50,
    metrics=[
        Metric(
            "distinct_owners_copied",
            "number",
            "owners",
            Text(en="Distinct owners copied by members", zh="成员摹仿的不同权利人数"),
        )
    ],
)
def owners_copied(x: ClusterMetricInputs) -> Columns:
    """On object arrays of the flags (`==`/`!=` there are Series.eq/ne, a missing text included) and integer codes
    of the owners (distinct_count): no frame per call."""
    owner = x.flags["owner"].to_numpy(dtype=object)
    sq = (x.flags["group"].to_numpy(dtype=object) == "squatting") & (owner != "")
    if not sq.any():
        return {"distinct_owners_copied": 0}
    cluster = x.filing_cluster[x.flags["filing_idx"].to_numpy()[sq]]
    who, _ = pd.factorize(owner[sq], use_na_sentinel=False)
    member = cluster >= 0
    return {"distinct_owners_copied": distinct_count(cluster[member], who[member], x.n_clusters)}

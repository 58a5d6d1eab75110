"""distinct_owners_copied: how many owners' marks the cluster's members copy between them."""

from __future__ import annotations

import numpy as np
import pandas as pd

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
    sq = x.flags.loc[x.flags["group"].eq("squatting") & x.flags["owner"].ne("")]
    if not len(sq):
        return {"distinct_owners_copied": 0}
    owners = pd.DataFrame({"c": x.filing_cluster[sq["filing_idx"].to_numpy()], "o": sq["owner"].to_numpy()})
    owners = owners[owners["c"] >= 0].drop_duplicates()
    return {"distinct_owners_copied": np.bincount(owners["c"].to_numpy(), minlength=x.n_clusters)}

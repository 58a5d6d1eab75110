"""register_owners_same_mark: how many owners the prior register knows for the same mark (common words have many)."""

from __future__ import annotations

import numpy as np

from detector.batch import register_owner_counts
from detector.metrics.filing.table import FilingMetricInputs
from detector.metrics.registry import Columns, Metric, computes
from detector.text import Text


@computes(
    "filing",
    order=40,
    metrics=[
        Metric(
            "register_owners_same_mark",
            "number",
            "owners",
            Text(
                en="Distinct owners of the same canonical mark in the prior register (common words have many)",
                zh="在先注册簿中相同商标（规范化后）的不同权利人数",
            ),
        )
    ],
)
def register_owners(x: FilingMetricInputs) -> Columns:
    reg = x.batch.register
    if reg is None or reg.empty:
        return {"register_owners_same_mark": np.nan}  # unknown without a register
    owners = register_owner_counts(reg)
    return {"register_owners_same_mark": x.filings["canon"].map(owners).fillna(0).astype(np.int64).to_numpy()}

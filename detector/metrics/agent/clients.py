"""How much an agency handles: the filings it made and the distinct applicants it made them for."""

from __future__ import annotations

import numpy as np

from detector.metrics.agent.table import AgentMetricInputs
from detector.metrics.registry import Columns, Metric, computes
from detector.text import Text


@computes(
    "agent",
    order=10,
    metrics=[
        Metric("n_filings", "number", "filings", Text(en="Filings the agency handled", zh="代理的申请件数")),
        Metric(
            "n_clients",
            "number",
            "applicants",
            Text(en="Distinct applicants the agency filed for", zh="代理的不同申请人数"),
        ),
    ],
)
def clients(x: AgentMetricInputs) -> Columns:
    return {"n_filings": x.n_filings, "n_clients": np.bincount(x.clients["g"].to_numpy(), minlength=x.n_agents)}

"""How much of an agency's work is for flagged applicants: filings, their share, clients."""

from __future__ import annotations

import numpy as np

from detector.metrics.agent.table import AgentMetricInputs
from detector.metrics.registry import Columns, Metric, computes
from detector.text import Text


@computes(
    "agent",
    order=20,
    metrics=[
        Metric(
            "flagged_filings",
            "number",
            "filings",
            Text(en="Filings of flagged applicants handled by the agency", zh="代理的被标记申请人的申请件数"),
        ),
        Metric(
            "flagged_share",
            "number",
            "share 0-1",
            Text(
                en="Share of the agency's filings that belong to flagged applicants",
                zh="代理申请中属于被标记申请人的比例",
            ),
        ),
        Metric(
            "flagged_clients",
            "number",
            "applicants",
            Text(en="Flagged applicants among its clients", zh="被标记的委托人数"),
        ),
    ],
)
def flagged(x: AgentMetricInputs) -> Columns:
    flagged_filings = np.bincount(x.agent, weights=x.flagged_app[x.app].astype(float), minlength=x.n_agents).astype(
        np.int64
    )
    flagged_pairs = x.clients[x.flagged_app[x.clients["a"].to_numpy()]]
    return {
        "flagged_filings": flagged_filings,
        "flagged_share": flagged_filings / x.n_filings,
        "flagged_clients": np.bincount(flagged_pairs["g"].to_numpy(), minlength=x.n_agents),
    }

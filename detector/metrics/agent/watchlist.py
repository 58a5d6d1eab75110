"""watchlist: the agency is on a watchlist of prior findings (by canonical name)."""

from __future__ import annotations

from detector.metrics.agent.table import AgentMetricInputs
from detector.metrics.registry import Columns, Metric, computes
from detector.normalize import canonical
from detector.text import Text


@computes(
    "agent",
    order=30,
    metrics=[
        Metric(
            "watchlist",
            "bool",
            "",
            Text(en="Agency is on a watchlist of prior findings", zh="代理机构在在先认定名单中"),
        )
    ],
)
def watchlist(x: AgentMetricInputs) -> Columns:
    return {"watchlist": [canonical(a) in x.watch_agents for a in x.names]}

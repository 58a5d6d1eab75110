"""watchlist: the agency is on a watchlist of prior findings (by its name's org_key variants, former names, ids)."""

from __future__ import annotations

from detector.metrics.agent.table import AgentMetricInputs
from detector.metrics.registry import Columns, Metric, computes
from detector.normalize import canonical
from detector.normalize.org_name import org_key
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
    keys = x.watch_agents
    return {"watchlist": [bool(a) and (org_key(a) in keys or canonical(a) in keys) for a in x.names]}

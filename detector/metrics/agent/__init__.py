"""Agent metrics: one module per metric, or per group of metrics computed together, each registered with the
catalogue entries it produces (detector/metrics/registry.py).

`compute_agent_metrics(batch, flagged_app, watch_agents)` runs them in declared order. Importing the package imports
every module in it, so a new metric is one new file plus its test (docs/metrics-howto.md).
"""

from __future__ import annotations

import importlib
import pkgutil

from detector.metrics.agent.table import AgentMetricInputs, compute_agent_metrics

for _module in sorted(m.name for m in pkgutil.iter_modules(__path__)):
    importlib.import_module(f"{__name__}.{_module}")

__all__ = ["AgentMetricInputs", "compute_agent_metrics"]

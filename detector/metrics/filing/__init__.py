"""Filing metrics: one module per metric, or per group of metrics computed together, each registered with the
catalogue entries it produces (detector/metrics/registry.py).

`compute_filing_metrics(batch, cluster_code)` runs them in declared order. Importing the package imports every
module in it, so a new metric is one new file plus its test (docs/metrics-howto.md).
"""

from __future__ import annotations

import importlib
import pkgutil

from detector.metrics.filing.herd import HERD_DAYS, batch_herd, filing_actor, herd_counts, wave_term_memo
from detector.metrics.filing.table import FilingMetricInputs, compute_filing_metrics

for _module in sorted(m.name for m in pkgutil.iter_modules(__path__)):
    importlib.import_module(f"{__name__}.{_module}")

__all__ = [
    "HERD_DAYS",
    "FilingMetricInputs",
    "batch_herd",
    "compute_filing_metrics",
    "filing_actor",
    "herd_counts",
    "wave_term_memo",
]

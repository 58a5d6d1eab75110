"""n_classes: Nice classes designated by the filing."""

from __future__ import annotations

from detector.metrics.filing.table import FilingMetricInputs
from detector.metrics.registry import Columns, Metric, computes
from detector.text import Text


@computes(
    "filing",
    order=10,
    metrics=[
        Metric(
            "n_classes", "number", "classes", Text(en="Nice classes designated by the filing", zh="该申请指定的类别数")
        )
    ],
)
def classes(x: FilingMetricInputs) -> Columns:
    return {"n_classes": x.filings["n_classes"].to_numpy()}

"""The mark's text: its length after normalization, and whether there is none (a figurative mark)."""

from __future__ import annotations

from detector.metrics.filing.table import FilingMetricInputs
from detector.metrics.registry import Columns, Metric, computes
from detector.text import Text


@computes(
    "filing",
    order=20,
    metrics=[
        Metric(
            "mark_length",
            "number",
            "characters",
            Text(en="Length of the canonical mark text", zh="规范化后商标文字长度"),
        ),
        Metric(
            "is_figurative",
            "bool",
            "",
            Text(en="The filing has no mark text (figurative mark)", zh="无文字的图形商标"),
        ),
    ],
)
def mark_text(x: FilingMetricInputs) -> Columns:
    canon = x.filings["canon"]
    return {"mark_length": canon.str.len().to_numpy(), "is_figurative": canon.eq("").to_numpy()}

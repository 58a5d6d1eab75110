"""The mark's text: its length after normalization, and whether there is none (a figurative mark)."""

from __future__ import annotations

import numpy as np

from detector.metrics.applicant.table import SMALL, mark_codes
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
    """A small batch from its shared mark codes: the length of each distinct mark, spread to its filings (what
    str.len gives without a missing mark, whose length pandas leaves missing); else pandas on the whole column,
    cheaper there than a Python call per distinct mark."""
    if len(x.filings) <= SMALL:
        codes, marks = mark_codes(x.batch)
        if all(isinstance(m, str) for m in marks.tolist()):
            lengths = np.array([len(m) for m in marks.tolist()], dtype=np.int64)
            return {"mark_length": lengths[codes], "is_figurative": (marks == "")[codes]}
    canon = x.filings["canon"]
    return {"mark_length": canon.str.len().to_numpy(), "is_figurative": canon.eq("").to_numpy()}

"""non45_filings: filings designating any class other than 45 (legal and personal services)."""

from __future__ import annotations

import numpy as np

from detector.metrics.applicant.table import ApplicantMetricInputs
from detector.metrics.registry import Columns, Metric, computes
from detector.text import Text


@computes(
    "applicant",
    order=140,
    metrics=[
        Metric(
            "non45_filings",
            "number",
            "filings",
            Text(en="Filings designating any class other than 45", zh="指定第45类以外类别的申请件数"),
        )
    ],
)
def non45(x: ApplicantMetricInputs) -> Columns:
    fc = x.batch.filing_classes
    non45_row = fc["nice_class"].to_numpy() != 45
    non45_filing = np.zeros(len(x.filings), dtype=bool)
    non45_filing[fc["filing_idx"].to_numpy()[non45_row]] = True
    return {
        "non45_filings": np.bincount(x.app, weights=non45_filing.astype(float), minlength=x.n_apps).astype(np.int64)
    }

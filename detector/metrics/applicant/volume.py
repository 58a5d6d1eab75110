"""How much an applicant files: filings, distinct classes, distinct marks."""

from __future__ import annotations

import numpy as np
import pandas as pd

from detector.int_pairs import distinct_pairs
from detector.metrics.applicant.table import ApplicantMetricInputs
from detector.metrics.registry import Columns, Metric, computes
from detector.text import Text


@computes(
    "applicant",
    order=10,
    metrics=[
        Metric(
            "n_filings",
            "number",
            "filings",
            Text(en="Filings of the applicant in the batch", zh="申请人在本批次的申请件数"),
        ),
        Metric("n_classes", "number", "classes", Text(en="Distinct Nice classes designated", zh="指定的不同类别数")),
        Metric(
            "n_marks", "number", "marks", Text(en="Distinct canonical mark texts filed", zh="不同商标（规范化后）数")
        ),
    ],
)
def volume(x: ApplicantMetricInputs) -> Columns:
    fc = x.batch.filing_classes
    class_apps, _ = distinct_pairs(fc["app"].to_numpy(), fc["nice_class"].to_numpy())
    marks = x.filings["canon"].to_numpy()
    mark_pairs = pd.DataFrame({"a": x.app[x.has_mark], "m": marks[x.has_mark]}).drop_duplicates()
    return {
        "n_filings": x.n_filings,
        "n_classes": np.bincount(class_apps, minlength=x.n_apps),
        "n_marks": np.bincount(mark_pairs["a"].to_numpy(), minlength=x.n_apps),
    }

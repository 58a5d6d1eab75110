"""Filings whose whole mark is a word no one may own: a place name, or the generic name of goods in its class."""

from __future__ import annotations

import numpy as np

from detector.metrics.applicant.table import ApplicantMetricInputs
from detector.metrics.registry import Columns, Metric, computes
from detector.text import Text

CATEGORY_COLUMNS = (("place_name", "place_name_filings"), ("generic_term", "generic_term_filings"))


@computes(
    "applicant",
    order=110,
    metrics=[
        Metric(
            "place_name_filings",
            "number",
            "filings",
            Text(en="Filings whose whole mark is a place name", zh="商标整体为地名的申请件数"),
        ),
        Metric(
            "generic_term_filings",
            "number",
            "filings",
            Text(
                en="Filings whose whole mark is a generic name for goods in a designated class",
                zh="商标整体为指定类别商品通用名称的申请件数",
            ),
        ),
    ],
)
def list_filings(x: ApplicantMetricInputs) -> Columns:
    out: Columns = {}
    for category, name in CATEGORY_COLUMNS:
        mask = x.list_filings.get(category)
        out[name] = (
            np.bincount(x.app, weights=mask.astype(float), minlength=x.n_apps).astype(np.int64)
            if mask is not None
            else 0
        )
    return out

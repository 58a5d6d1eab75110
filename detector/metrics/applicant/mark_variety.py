"""distinct_mark_share: distinct marks per filing, what tells a stock of many marks from one portfolio."""

from __future__ import annotations

import numpy as np

from detector.metrics.applicant.table import ApplicantMetricInputs, distinct_count, mark_codes
from detector.metrics.registry import Columns, Metric, computes
from detector.text import Text


@computes(
    "applicant",
    order=15,
    metrics=[
        Metric(
            "distinct_mark_share",
            "number",
            "share 0-1",
            Text(
                en="Distinct marks per filing with mark text: 1 when every filing is another mark (a stock of marks), "
                "low when a few marks are filed across many classes (a brand owner's portfolio); any mark length",
                zh="有文字的申请中不同商标所占比例：每件都是不同商标时为1（囤积多个商标），少数商标在多个类别申请时较低"
                "（品牌组合）；与商标长短无关",
            ),
        )
    ],
)
def mark_variety(x: ApplicantMetricInputs) -> Columns:
    """Distinct marks per applicant by integer codes (distinct_count), not by a frame of pairs."""
    marks, _ = mark_codes(x.batch)
    distinct = distinct_count(x.app[x.has_mark], marks[x.has_mark], x.n_apps)
    return {"distinct_mark_share": distinct / np.maximum(x.marks_per_app, 1)}

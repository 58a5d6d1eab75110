"""out_of_scope_share: how much of what the applicant files lies outside its registered business scope."""

from __future__ import annotations

from detector.metrics.applicant.table import ApplicantMetricInputs
from detector.metrics.registry import Columns, Metric, computes
from detector.metrics.scope_classes import implied_class_bits, out_of_scope_share
from detector.text import Text


@computes(
    "applicant",
    order=40,
    metrics=[
        Metric(
            "out_of_scope_share",
            "number",
            "share 0-1",
            Text(
                en="Share of designated classes that the business scope does not cover (missing without a scope)",
                zh="指定类别中超出经营范围的比例（无经营范围时为空）",
            ),
        )
    ],
)
def business_scope(x: ApplicantMetricInputs) -> Columns:
    implied = implied_class_bits(x.applicants["business_scope"], x.scope_classes)
    fc = x.batch.filing_classes
    share = out_of_scope_share(fc["app"].to_numpy(), fc["nice_class"].to_numpy(), implied, x.n_apps)
    return {"out_of_scope_share": share}

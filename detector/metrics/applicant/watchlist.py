"""watchlist: the applicant is on a watchlist of prior findings (matched by the pipeline, by name or id)."""

from __future__ import annotations

from detector.metrics.applicant.table import ApplicantMetricInputs
from detector.metrics.registry import Columns, Metric, computes
from detector.text import Text


@computes(
    "applicant",
    order=120,
    metrics=[
        Metric(
            "watchlist",
            "bool",
            "",
            Text(en="Applicant is on a watchlist of prior findings", zh="申请人在在先认定名单中"),
        )
    ],
)
def watchlist(x: ApplicantMetricInputs) -> Columns:
    return {"watchlist": x.watch_apps}

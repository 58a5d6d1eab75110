"""is_agency: the applicant's name is also the name of an agency that files in the batch."""

from __future__ import annotations

from detector.metrics.applicant.table import ApplicantMetricInputs
from detector.metrics.registry import Columns, Metric, computes
from detector.text import Text


@computes(
    "applicant",
    order=130,
    metrics=[
        Metric(
            "is_agency",
            "bool",
            "",
            Text(en="Applicant's name is also an agency named in the batch", zh="申请人同时是本批次中的代理机构"),
        )
    ],
)
def agency(x: ApplicantMetricInputs) -> Columns:
    name = x.applicants["canon_name"]
    return {"is_agency": name.isin(x.agency_names).to_numpy() & name.ne("").to_numpy()}

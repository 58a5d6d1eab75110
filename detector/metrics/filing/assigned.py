"""assigned: the filing names an assignee other than its applicant."""

from __future__ import annotations

from detector.metrics.applicant.table import assigned_to_other
from detector.metrics.filing.table import FilingMetricInputs
from detector.metrics.registry import Columns, Metric, computes
from detector.text import Text


@computes(
    "filing",
    order=50,
    metrics=[
        Metric(
            "assigned",
            "bool",
            "",
            Text(en="The filing names an assignee other than the applicant", zh="该申请记载了申请人以外的受让人"),
        )
    ],
)
def assigned(x: FilingMetricInputs) -> Columns:
    """The batch's shared comparison (assigned_to_other), a copy: the table must not share a read-only array."""
    return {"assigned": assigned_to_other(x.batch).copy()}

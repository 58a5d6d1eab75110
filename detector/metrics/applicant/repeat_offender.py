"""repeat_offender: the registry's reviewers confirmed this applicant, or it is linked to one (issue 16)."""

from __future__ import annotations

import numpy as np

from detector.metrics.applicant.table import ApplicantMetricInputs
from detector.metrics.registry import Columns, Metric, computes
from detector.text import Text


@computes(
    "applicant",
    order=121,
    metrics=[
        Metric(
            "repeat_offender",
            "bool",
            "",
            Text(
                en="Confirmed in the registry (by id, or by its name or a former name in any variant), or a member of "
                "a confirmed applicant's cluster (recorded, or linked in this batch); false without --registry",
                zh="在主体名录中已被确认（按编号，或按名称及曾用名的各种写法），或与已确认主体同属一个关联集群"
                "（名录中记录的或本批次关联的）；未使用 --registry 时为否",
            ),
        )
    ],
)
def repeat_offender(x: ApplicantMetricInputs) -> Columns:
    n = len(x.applicants)
    return {"repeat_offender": x.repeat_apps if x.repeat_apps is not None else np.zeros(n, dtype=bool)}

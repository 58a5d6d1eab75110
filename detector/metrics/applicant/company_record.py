"""What the company registry says about the applicant: kind, capital, age at its first filing, status."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from detector.metrics.applicant.table import SMALL, ApplicantMetricInputs, contains
from detector.metrics.registry import Columns, Metric, computes
from detector.text import Text

INACTIVE = re.compile(r"注销|吊销|撤销|清算|cancel|revok|dissol|struck", re.IGNORECASE)


@computes(
    "applicant",
    order=30,
    metrics=[
        Metric("entity_type", "text", "company|individual", Text(en="Company or natural person", zh="企业或自然人")),
        Metric(
            "registered_capital",
            "number",
            "CNY",
            Text(en="Registered capital from the registry (missing when unknown)", zh="注册资本（元，未知为空）"),
        ),
        Metric(
            "company_age_days",
            "number",
            "days",
            Text(
                en="Days from establishment to the first filing in the batch (missing when unknown)",
                zh="成立日至本批次首次申请日的天数（未知为空）",
            ),
        ),
        Metric(
            "registry_status",
            "text",
            "text",
            Text(en="Registry status as given (e.g. 存续, 注销, 吊销)", zh="登记状态（如存续、注销、吊销）"),
        ),
        Metric(
            "registry_inactive",
            "bool",
            "",
            Text(
                en="Registry status says cancelled, revoked or dissolved (注销/吊销/撤销/清算)",
                zh="登记状态为注销、吊销、撤销或清算",
            ),
        ),
    ],
)
def company_record(x: ApplicantMetricInputs) -> Columns:
    apps = x.applicants
    est = apps["established_date"].to_numpy().astype("datetime64[D]")
    est_day = (est - np.datetime64("1970-01-01", "D")).astype("float64")
    est_day[np.isnat(est)] = np.nan
    return {
        "entity_type": apps["entity_type"].to_numpy(),
        "registered_capital": apps["registered_capital"].to_numpy(),
        "company_age_days": x.first_day - est_day,
        "registry_status": apps["registry_status"].to_numpy(),
        "registry_inactive": _inactive(apps["registry_status"]),
    }


def _inactive(status: pd.Series) -> np.ndarray:
    """str.contains(INACTIVE): a small column of the "str" dtype by contains() (a missing status is False there as
    here, read as ""); any other column as before."""
    if status.dtype == "str" and len(status) <= SMALL:
        return contains(status, INACTIVE)
    return status.str.contains(INACTIVE, regex=True).to_numpy()

"""owns_famous_mark: the applicant (or its group) owns a famous mark in the prior register, by identity."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from detector.metrics.applicant.own_marks import register_owners
from detector.metrics.applicant.table import ApplicantMetricInputs
from detector.metrics.registry import Columns, Metric, computes
from detector.text import Text

if TYPE_CHECKING:
    from detector.batch import Batch


def owns_famous(batch: Batch) -> np.ndarray:
    """Per applicant code: it or its group owns a register entry marked famous (owners met by identity keys:
    id, exact name, shareholder and legal-representative ties; detector/normalize/identity.py)."""
    out = np.zeros(batch.n_apps, dtype=bool)
    reg = batch.register
    if reg is None or reg.empty:
        return out
    famous = reg["famous"].eq(1).to_numpy()
    for code, rows in enumerate(register_owners(batch)):
        out[code] = bool(famous[rows].any()) if len(rows) else False
    return out


@computes(
    "applicant",
    order=80,
    metrics=[
        Metric(
            "owns_famous_mark",
            "bool",
            "",
            Text(
                en="The applicant or its group owns a famous mark in the prior register",
                zh="申请人或其所属集团在注册簿中拥有驰名/知名商标",
            ),
        )
    ],
)
def famous_owner(x: ApplicantMetricInputs) -> Columns:
    return {"owns_famous_mark": owns_famous(x.batch) if x.famous is None else x.famous}

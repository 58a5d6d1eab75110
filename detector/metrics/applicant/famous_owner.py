"""owns_famous_mark: the applicant itself owns a famous mark in the prior register."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from detector.metrics.applicant.table import ApplicantMetricInputs
from detector.metrics.owner_codes import owner_codes
from detector.metrics.registry import Columns, Metric, computes
from detector.text import Text

if TYPE_CHECKING:
    from detector.batch import Batch


def owns_famous(batch: Batch) -> np.ndarray:
    """Per applicant code: it owns a register entry marked famous."""
    out = np.zeros(batch.n_apps, dtype=bool)
    reg = batch.register
    if reg is None or reg.empty:
        return out
    fam = reg[reg["famous"].eq(1)]
    codes = owner_codes(batch.applicants, fam["owner_id"], fam["canon_owner"])
    out[codes[codes >= 0]] = True
    return out


@computes(
    "applicant",
    order=80,
    metrics=[
        Metric(
            "owns_famous_mark",
            "bool",
            "",
            Text(en="The applicant owns a famous mark in the prior register", zh="申请人在注册簿中拥有驰名/知名商标"),
        )
    ],
)
def famous_owner(x: ApplicantMetricInputs) -> Columns:
    return {"owns_famous_mark": owns_famous(x.batch) if x.famous is None else x.famous}

"""Filings passed on: the share assigned to someone else, and to how many different assignees."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from detector.metrics.applicant.table import SMALL, ApplicantMetricInputs, assigned_to_other, distinct_count
from detector.metrics.registry import Columns, Metric, computes
from detector.text import Text

if TYPE_CHECKING:
    from detector.batch import Batch


@computes(
    "applicant",
    order=50,
    metrics=[
        Metric(
            "transfer_ratio",
            "number",
            "share 0-1",
            Text(en="Share of filings assigned to someone else", zh="已转让（记载受让人）的申请比例"),
        ),
        Metric(
            "distinct_assignees", "number", "assignees", Text(en="Distinct assignees of its filings", zh="不同受让人数")
        ),
    ],
)
def transfers(x: ApplicantMetricInputs) -> Columns:
    """The distinct assignees counted by integer codes (distinct_count), not by a frame of pairs."""
    assigned, who = _assignees(x.batch)
    return {
        "transfer_ratio": np.bincount(x.app, weights=assigned.astype(float), minlength=x.n_apps)
        / np.maximum(x.n_filings, 1),
        "distinct_assignees": distinct_count(x.app[assigned], who, x.n_apps),
    }


def _assignees(batch: Batch) -> tuple[np.ndarray, np.ndarray]:
    """(per filing: assigned to someone else, a code per assigned filing's assignee, a missing one included)."""
    assigned = assigned_to_other(batch)
    assignee = batch.filings["assignee"]
    values = assignee[assigned] if len(assignee) > SMALL else assignee.to_numpy(dtype=object)[assigned]
    who, _ = pd.factorize(values, use_na_sentinel=False)
    return assigned, who
